# Answers on demand: /since DATE and /records.
# Period lines show differences of totals (recounts included), never one day's losses.

since-title =
    <b>Change over { $days ->
        [one] { $days } day
       *[other] { $days } days
    }</b>
    from { $start } to { $end }
period-note = <i>These are differences of totals, recounts included.</i>
period-line = { $label }: { $change }
period-line-fall = { $label }: { $change } (correction)
period-appeared = ↳ first reported on { $date } with { $total }, the total to date then, which is not counted as a change
period-line-not-reported = { $label }: not in the latest report

records-title =
    🏆 <b>One-day records</b>
    <i>since { $since }; recount days excluded</i>
records-line = { $label }: <b>{ $value }</b>
records-date = ↳ { $date }
records-empty = No records yet: too few reports since { $since }.
