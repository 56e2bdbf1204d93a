# The daily post (also the answer to /today and /day DATE).
# $label is "emoji name"; numbers arrive formatted ($total "1 456 610", $change "+1 190").

daily-title = <b>Втрати ворога · { $date }</b>
daily-war-day = { NUMBER($day, useGrouping: 0) }-й день війни
daily-gap =
    ⚠️ Попередній звіт — за { $previous }:
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
daily-recount = ↳ перерахунок: до загальної { $recount }
daily-fall = ↳ уточнення: загальну зменшено на { $amount }
daily-first = ↳ уперше у звіті: загалом на цю дату
daily-record-mark = 🏆
daily-record-legend = 🏆 — рекорд за добу
daily-source = 🔗 <a href="{ $url }">Генштаб ЗСУ</a>
