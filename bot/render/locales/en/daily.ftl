# The daily post (also the answer to /today and /day DATE).
# $label is "emoji name"; numbers arrive formatted ($total "1,456,610", $change "+1,190").

daily-title = <b>Russian losses · { $date }</b>
daily-war-day = Day { $day } of the war
daily-gap =
    ⚠️ The previous report is of { $previous }:
    changes below span { $days ->
        [one] { $days } day
       *[other] { $days } days
    }, not one day
daily-line = { $label }: { $total }
daily-line-change = { $label }: { $total } ({ $change })
daily-line-gap = { $label }: { $total } ({ $change } in { $days ->
        [one] { $days } day
       *[other] { $days } days
    })
daily-line-not-reported = { $label }: not reported
daily-recount = ↳ recount: total corrected by { $recount }
daily-fall = ↳ correction: total reduced by { $amount }
daily-first = ↳ first reported: total to date
daily-record-mark = 🏆
daily-record-legend = 🏆 — one-day record
daily-source = 🔗 <a href="{ $url }">General Staff of Ukraine</a>
