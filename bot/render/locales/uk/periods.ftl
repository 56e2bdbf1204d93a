# /week, /month and the digests: each total's change over a calendar period, its daily average,
# and the same average the period before and a year earlier. Figures are differences of totals.
# $label is "emoji name"; numbers arrive formatted ($change "+7 020", $percent "−4%").

periods-week-title = 📅 <b>Тиждень { $dates }</b> · { $days ->
        [one] { $days } день
        [few] { $days } дні
       *[many] { $days } днів
    }
periods-month-title = 📅 <b>{ $month }</b> · { $days ->
        [one] { $days } день
        [few] { $days } дні
       *[many] { $days } днів
    }
periods-digest-week = 🗞 <b>Підсумки тижня</b>
periods-digest-month = 🗞 <b>Підсумки місяця</b>
periods-incomplete = ⏳ Ще триває: дані по { $end }
periods-line = { $label }: { $change } · { $average } за добу
periods-versus-week = попередній тиждень: { $average }
periods-versus-month = попередній місяць: { $average }
periods-versus-year = рік тому: { $average }
periods-versus = ↳ { $parts }
periods-versus-percent = { $versus } ({ $percent })
periods-note = <i>Різниця загальних підсумків, з перерахунками; порівняно середні за добу</i>

periods-errors-not-a-month = «{ $raw }» — не місяць. Напишіть так: <code>{ $command } { $sample }</code>
periods-errors-before-first-report = Звіти починаються з { $first }, раніше даних немає. Наприклад: <code>{ $command } { $sample }</code>
periods-errors-in-the-future = За { $month } звітів ще немає: останній — за { $latest }. Наприклад: <code>{ $command } { $sample }</code>
periods-errors-no-reports-in-week = За тиждень { $dates } немає жодного звіту.
