# /week, /month and the digests: each total's change over a calendar period, its daily average,
# and the same average the period before and a year earlier. Figures are differences of totals.
# $label is "emoji name"; numbers arrive formatted ($change "+7,020", $percent "−4%").

periods-week-title = 📅 <b>Week of { $dates }</b> · { $days ->
        [one] { $days } day
       *[other] { $days } days
    }
periods-month-title = 📅 <b>{ $month }</b> · { $days ->
        [one] { $days } day
       *[other] { $days } days
    }
periods-digest-week = 🗞 <b>Weekly digest</b>
periods-digest-month = 🗞 <b>Monthly digest</b>
periods-incomplete = ⏳ Not over yet: figures up to { $end }
periods-line = { $label }: { $change } · { $average } a day
periods-versus-week = week before: { $average }
periods-versus-month = month before: { $average }
periods-versus-year = a year earlier: { $average }
periods-versus = ↳ { $parts }
periods-versus-percent = { $versus } ({ $percent })
periods-note = <i>Differences of totals, recounts included; daily averages compared</i>

periods-errors-not-a-month = “{ $raw }” is not a month. Write it like this: <code>{ $command } { $sample }</code>
periods-errors-before-first-report = Reports start on { $first }; there are no figures before. For example: <code>{ $command } { $sample }</code>
periods-errors-in-the-future = There is no report for { $month } yet: the latest is of { $latest }. For example: <code>{ $command } { $sample }</code>
periods-errors-no-reports-in-week = There is no report in the week of { $dates }.
