# Answers to a question the history cannot answer: what is wrong, then a correct example.
# $example is ready HTML (<code>/since 2024-10-20</code> …); $raw is the user's text, escaped.

errors-example = <code>{ $command } { $iso }</code> або <code>{ $command } { $dotted }</code>
errors-missing-date = Вкажіть дату, наприклад: { $example }
errors-not-a-date = «{ $raw }» — не дата. Напишіть так: { $example }
errors-impossible-date = Дня «{ $raw }» немає в календарі. Наприклад: { $example }
errors-before-first-report = Звіти починаються з { $first }, раніше даних немає. Наприклад: { $example }
errors-in-the-future = Звіту за { $date } ще немає: останній — за { $latest }. Наприклад: { $example }
errors-no-report-for = За { $date } звіту немає (пропуск в історії). Спробуйте інший день, наприклад: { $example }
errors-no-reports-in-month = За { $month } немає жодного звіту. Наприклад: <code>{ $command } { $sample }</code>
errors-query = Не вдалося відповісти на цей запит. Наприклад: { $example }
errors-no-data = Даних ще немає: бот завантажує історію звітів. Спробуйте за кілька хвилин.
