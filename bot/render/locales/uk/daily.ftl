# Щоденне зведення (також відповідь на /today і /day ДАТА).
# $label — «емодзі назва»; числа вже відформатовано ($total «1 456 610» або «близько 1 456 610»,
# $change «+1 190»); $corrections — «особовий склад +1 650, танки −10» (назви посеред речення).

daily-title = <b>Втрати ворога · { $date }</b>
daily-war-day = { NUMBER($day, useGrouping: 0) }-й день війни
daily-first-report = ℹ️ Це перше зведення Генштабу: загальні підсумки від 24 лютого 2022 року, а не втрати за одну добу.
daily-gap =
    ⚠️ Попереднє зведення — за { $previous }:
    зміни нижче — за { $days ->
        [one] { $days } день
        [few] { $days } дні
       *[many] { $days } днів
    }, а не за добу
daily-line = { $label }: { $total }
daily-line-change = { $label }: { $total } ({ $change })
daily-line-gap = { $label }: { $total } ({ $change } за { $days ->
        [one] { $days } день
        [few] { $days } дні
       *[many] { $days } днів
    })
daily-line-not-reported = { $label }: не повідомлено
daily-first = ↳ уперше у зведенні: це загальна кількість на цю дату, а не втрати за добу
daily-corrections = ↻ Генштаб уточнив { $count ->
        [one] загальний підсумок
       *[other] загальні підсумки
    }: { $corrections }. Це перерахунок, а не втрати за добу.
daily-record-mark = 🏆
daily-record-legend = 🏆 — рекорд за добу
daily-source = 🔗 <a href="{ $url }">Генштаб ЗСУ</a>
total-about = близько { $total }
