# /week, /month and the digests: each category's published daily figures over a calendar period,
# summed and averaged ("a day", the same as on its chart), and the same average the period before
# and a year earlier; the totals' corrections apart.
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
periods-first-report = ℹ️ Counted from the first report ({ $date }): its totals since 24 February 2022 are the starting point, not a day.
periods-line = { $label }: { $change } · { $average } a day
periods-line-none = { $label }: 0
periods-versus-week = week before: { $average } a day
periods-versus-month = month before: { $average } a day
periods-versus-year = a year earlier: { $average } a day
periods-versus = ↳ { $parts }
periods-versus-percent = { $versus } ({ $percent })
periods-corrections = ↻ The General Staff also corrected { $count ->
        [one] a total
       *[other] the totals
    } in this period: { $corrections }. Recounts are not losses and are not counted above.
periods-note = <i>Sums of the published daily figures; “a day” is their average, as on /chart. Recounts are not counted as losses.</i>

periods-errors-not-a-month = “{ $raw }” is not a month. Write it like this: <code>{ $command } { $sample }</code>
periods-errors-before-first-report = Reports start on { $first }; there are no figures before. For example: <code>{ $command } { $sample }</code>
periods-errors-in-the-future = There is no report for { $month } yet: the latest is of { $latest }. For example: <code>{ $command } { $sample }</code>
periods-errors-no-reports-in-week = There is no report in the week of { $dates }.
periods-errors-not-a-digest = “{ $raw }” is neither a week nor a month. Write <code>/digest week</code> or <code>/digest month</code>.
