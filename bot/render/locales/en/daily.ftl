# The daily post (also the answer to /today and /day DATE).
# $label is "emoji name"; numbers arrive formatted ($total "1,456,610" or "about 1,456,610",
# $change "+1,190"); $corrections lists "personnel +1,650, tanks −10" (names mid-sentence).

daily-title = <b>Russian losses · { $date }</b>
daily-war-day = Day { $day } of the war
daily-first-report = ℹ️ The General Staff's first report: the totals since 24 February 2022, not one day's losses.
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
daily-first = ↳ first reported: the total to date, not the day's losses
daily-corrections = ↻ The General Staff corrected { $count ->
        [one] a total
       *[other] the totals
    }: { $corrections }. This is a recount, not the day's losses.
daily-record-mark = 🏆
daily-record-legend = 🏆 — one-day record
daily-source = 🔗 <a href="{ $url }">General Staff of Ukraine</a>
total-about = about { $total }
