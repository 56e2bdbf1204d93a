# /week, /month і підсумки: опубліковані добові дані кожної категорії за тиждень чи місяць, їхня
# сума й середнє «за добу» (таке саме, як на графіку), і це середнє попереднього періоду та рік
# тому; уточнення загальних підсумків — окремо.
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
periods-first-report = ℹ️ Лік — від першого зведення ({ $date }): його загальні підсумки від 24 лютого 2022 року — точка відліку, а не втрати за добу.
periods-line = { $label }: { $change } · { $average } за добу
periods-line-none = { $label }: 0
periods-versus-week = попередній тиждень: { $average } за добу
periods-versus-month = попередній місяць: { $average } за добу
periods-versus-year = рік тому: { $average } за добу
periods-versus = ↳ { $parts }
periods-versus-percent = { $versus } ({ $percent })
periods-corrections = ↻ За цей період Генштаб також уточнив { $count ->
        [one] загальний підсумок
       *[other] загальні підсумки
    }: { $corrections }. Перерахунки — не втрати, вище їх не враховано.
periods-note = <i>Це суми опублікованих добових даних; «за добу» — їхнє середнє, як і на /chart. Перерахунки не враховано як втрати.</i>

periods-errors-not-a-month = «{ $raw }» — не місяць. Напишіть так: <code>{ $command } { $sample }</code>
periods-errors-before-first-report = Зведення публікують від { $first }, раніших даних немає. Наприклад: <code>{ $command } { $sample }</code>
periods-errors-in-the-future = За { $month } зведень ще немає: останнє — за { $latest }. Наприклад: <code>{ $command } { $sample }</code>
periods-errors-no-reports-in-week = За тиждень { $dates } немає жодного зведення.
periods-errors-not-a-digest = «{ $raw }» — не тиждень і не місяць. Напишіть <code>/digest тиждень</code> або <code>/digest місяць</code>.
