# Answers to a question the history cannot answer: what is wrong, then a correct example.
# $example is ready HTML (<code>/since 2024-10-20</code> …); $raw is the user's text, escaped.

errors-example = <code>{ $command } { $iso }</code> or <code>{ $command } { $dotted }</code>
errors-missing-date = Add a date, for example: { $example }
errors-not-a-date = “{ $raw }” is not a date. Write it like this: { $example }
errors-impossible-date = There is no such day as “{ $raw }”. For example: { $example }
errors-before-first-report = Reports start on { $first }; there are no figures before. For example: { $example }
errors-in-the-future = There is no report of { $date } yet: the latest is of { $latest }. For example: { $example }
errors-no-report-for = There is no report of { $date } (a gap in the history). Try another day, for example: { $example }
errors-nothing-since = The report of { $latest } is the latest one: nothing has changed since. Try an earlier date, for example: { $example }
errors-no-reports-in-month = There is no report in { $month }. For example: <code>{ $command } { $sample }</code>
errors-query = This question cannot be answered. For example: { $example }
errors-no-data = No figures yet: the bot is still loading the history of reports. Try again in a few minutes.
