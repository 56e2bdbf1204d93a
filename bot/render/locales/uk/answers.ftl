# Відповіді на запит: /since ДАТА і /records.
# Рядки періоду — різниця загальних підсумків (з перерахунками), а не втрати за одну добу.

since-title =
    <b>Зміни за { $days ->
        [one] { $days } день
        [few] { $days } дні
       *[many] { $days } днів
    }</b>
    з { $start } по { $end }
period-note = <i>Це різниця загальних підсумків, включно з перерахунками.</i>
period-line = { $label }: { $change }
period-line-fall = { $label }: { $change } (уточнення)
period-appeared = ↳ уперше у зведенні { $date }: тоді загалом { $total }, і це число не враховано як зміну
period-line-not-reported = { $label }: немає в останньому зведенні

records-title =
    🏆 <b>Рекорди за добу</b>
    <i>від { $since }; дні з перерахунком не враховано</i>
records-line = { $label }: <b>{ $value }</b>
records-date = ↳ { $date }
records-empty = Рекордів ще немає: від { $since } замало зведень.
