# Charts of a category's daily figures: the text drawn in the picture, its caption, and /chart errors.
# In the picture there is no HTML and no emoji (the chart font has none); $name is a category name.

chart-dates = Втрати за добу · { $dates }
chart-legend-daily = За добу
chart-legend-average = Середнє за 7 днів
chart-legend-record = Рекорд
chart-legend-estimates = Ранні оцінки (до { $date })
chart-source = Джерело: Генштаб ЗСУ. Перерахунки не показано.

chart-caption-title = <b>{ $label }</b> · { $dates }
chart-caption-average = Середнє опублікованих добових даних: { $average } за добу; найбільше { $peak } — { $date }
chart-caption-records = 🏆 { $count ->
        [one] { $count } рекордний день
        [few] { $count } рекордні дні
       *[many] { $count } рекордних днів
    } за цей період
chart-caption-empty = За цей період немає добових даних.

chart-not-reported = У цей період Генштаб не повідомляв про цю категорію, тож малювати нічого.
chart-no-losses = У добових даних цього періоду втрат немає, тож малювати нічого; загалом — { $total }. Уся війна: <code>{ $example }</code>
chart-errors-unknown-category = Не знаю категорії «{ $raw }». Категорії: { $categories }. Наприклад: <code>/chart танки 30д</code>, <code>/chart засоби ППО 1р</code>
chart-errors-not-a-period = «{ $raw }» — не період. Можна 30д, 90д, 1р, все або місяць, як-от 2025-02 чи лютий 2025, наприклад: <code>/chart особовий склад 1р</code>
chart-errors-too-many = Щонайбільше одна категорія й один період; «{ $extra }» — зайве. Наприклад: <code>/chart артилерія 90д</code>
