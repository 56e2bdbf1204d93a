# Alerts combined into one message, when a report brings a chat several records or milestones.
# Each line names its category; the title names the report's date once for all of them.

delivery-records-title =
    🏆 <b>One-day records</b>
    Report of { $date }
delivery-record-line = { $label }: <b>{ $value }</b>
delivery-record-previous = ↳ previous record: { $previous } ({ $previous_date })
delivery-record-rank = ↳ now #{ $rank }: beaten since
delivery-milestones-title =
    🎯 <b>Milestones</b>
    Report of { $date }
delivery-milestone-total = { $emoji } { $name }: past <b>{ $threshold }</b> (total { $total })
delivery-milestone-war-day = 🗓 Day <b>{ $day }</b> of the war
