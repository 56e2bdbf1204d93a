# Answers on demand: /since DATE, /records, a month's totals.
# Period lines show differences of totals (recounts included), never one day's losses.

since-title =
    <b>Change over { $days ->
        [one] { $days } day
       *[other] { $days } days
    }</b>
    from { $start } to { $end }
period-note = <i>Differences of totals, recounts included</i>
period-line = { $label }: { $change }
period-line-fall = { $label }: { $change } (correction)
period-line-appeared = { $label }: { $total } in total
period-appeared = ↳ reported only since { $date }
period-line-not-reported = { $label }: not in the latest report

records-title =
    🏆 <b>One-day records</b>
    <i>since { $since }; recount days excluded</i>
records-line = { $label }: <b>{ $value }</b>
records-date = ↳ { $date }
records-empty = No records yet: too few reports since { $since }.

month-title = <b>{ $month }</b> · { $days ->
        [one] { $days } day
       *[other] { $days } days
    }
month-incomplete = ⏳ Not over yet: figures up to { $end }
month-average = ↳ { $average } a day on average
