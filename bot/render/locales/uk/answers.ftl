# Answers on demand: /since DATE, /records, a month's totals.
# Period lines show differences of totals (recounts included), never one day's losses.

since-title =
    <b>Зміни за { $days ->
        [one] { $days } день
        [few] { $days } дні
       *[many] { $days } днів
    }</b>
    з { $start } по { $end }
period-note = <i>Різниця загальних підсумків, з перерахунками</i>
period-line = { $label }: { $change }
period-line-fall = { $label }: { $change } (уточнення)
period-line-appeared = { $label }: { $total } загалом
period-appeared = ↳ у звітах лише з { $date }
period-line-not-reported = { $label }: немає в останньому звіті

records-title =
    🏆 <b>Рекорди за добу</b>
    <i>з { $since }; без днів із перерахунком</i>
records-line = { $label }: <b>{ $value }</b>
records-date = ↳ { $date }
records-empty = Рекордів ще немає: замало звітів від { $since }.

month-title = <b>{ $month }</b> · { $days ->
        [one] { $days } день
        [few] { $days } дні
       *[many] { $days } днів
    }
month-incomplete = ⏳ Місяць ще триває: дані по { $end }
month-average = ↳ у середньому { $average } за добу
