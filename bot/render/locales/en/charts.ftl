# Charts of a category's daily figures: the text drawn in the picture, its caption, and /chart errors.
# In the picture there is no HTML and no emoji (the chart font has none); $name is a category name.

chart-dates = Daily losses · { $dates }
chart-legend-daily = Daily figure
chart-legend-average = 7-day average
chart-legend-record = Record day
chart-legend-estimates = Early estimates (before { $date })
chart-source = Source: General Staff of Ukraine. Recounts are not drawn.

chart-caption-title = <b>{ $label }</b> · { $dates }
chart-caption-average = Average of the published daily figures: { $average } a day; highest { $peak } on { $date }
chart-caption-records = 🏆 { $count ->
        [one] { $count } record day
       *[other] { $count } record days
    } in this period
chart-caption-empty = No daily figures in this period.

chart-not-reported = The General Staff did not report this category in this period, so there is nothing to draw.
chart-no-losses = No losses in the daily figures of this period, so there is nothing to draw; the total stays at { $total }. The whole war: <code>{ $example }</code>
chart-errors-unknown-category = “{ $raw }” is not a category I know. The categories: { $categories }. For example: <code>/chart tanks 30d</code>, <code>/chart air defence 1y</code>
chart-errors-not-a-period = “{ $raw }” is not a period. Use 30d, 90d, 1y, all or a month such as 2025-02 or February 2025, for example: <code>/chart personnel 1y</code>
chart-errors-too-many = One category and one period at most; “{ $extra }” is one too many. For example: <code>/chart artillery 90d</code>
