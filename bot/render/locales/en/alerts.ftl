# Alerts: a record day, a total passing a round number, a war-day anniversary.

record-alert =
    🏆 <b>One-day record</b>
    { $label }: <b>{ $value }</b>
    Report of { $date }
    Previous record: { $previous } ({ $previous_date })
record-alert-rank = Now #{ $rank }: the record has since been beaten
milestone-total =
    { $emoji } <b>{ $name }: past { $threshold }</b>
    Total { $total } in the report of { $date }
milestone-war-day =
    🗓 <b>Day { $day } of the war</b>
    Report of { $date }
milestone-war-day-total = 🪖 Personnel since 24 February 2022: { $total }, { $average } a day on average.
milestone-war-day-last = The last { $days } days: { $sum }, { $average } a day.
milestone-war-day-versus = The last { $days } days: { $sum }, { $average } a day, against { $before } a day in the { $days } days before ({ $percent }).
