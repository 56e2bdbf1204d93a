# Charts of a category's daily figures: the text drawn in the picture, its caption, and /chart errors.
# In the picture there is no HTML and no emoji (the chart font has none); $name is a category name.

chart-title = { $name }: daily losses
chart-dates = { $dates } · published daily figures
chart-legend-daily = Daily figure
chart-legend-average = 7-day average
chart-legend-record = Record day
chart-source = Source: General Staff of the Armed Forces of Ukraine. Recounts and corrections are left out (gaps), never drawn as losses.

chart-caption-title = <b>{ $label }</b> · { $dates }
chart-caption-average = Average { $average } a day; highest { $peak } on { $date }
chart-caption-records = 🏆 { $count ->
        [one] { $count } record day
       *[other] { $count } record days
    } in this period
chart-caption-empty = No daily figures in this period.

chart-errors-unknown-category = “{ $raw }” is not a category I know. For example: <code>/chart tanks 30d</code>, <code>/chart uav 1y</code>
chart-errors-not-a-period = “{ $raw }” is not a period. Use 30d, 90d, 1y, all or a month such as 2025-02, for example: <code>/chart personnel 1y</code>
chart-errors-too-many = One category and one period at most; “{ $extra }” is one too many. For example: <code>/chart artillery 90d</code>
