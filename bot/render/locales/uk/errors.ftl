# Answers to a question the history cannot answer: what is wrong, then a correct example.
# $example is ready HTML (<code>/since 2024-10-20</code> …); $raw is the user's text, escaped.

errors-example = <code>{ $command } { $iso }</code> або <code>{ $command } { $dotted }</code>
errors-missing-date = Вкажіть дату, наприклад: { $example }
errors-not-a-date = «{ $raw }» — не дата. Напишіть так: { $example }
errors-impossible-date = Дня «{ $raw }» немає в календарі. Наприклад: { $example }
errors-before-first-report = Зведення публікують від { $first }, раніших даних немає. Наприклад: { $example }
errors-in-the-future = Зведення за { $date } ще немає: останнє — за { $latest }. Наприклад: { $example }
errors-no-report-for = Зведення за { $date } немає (пропуск в історії). Спробуйте інший день, наприклад: { $example }
errors-nothing-since = Зведення за { $latest } — останнє, тож відтоді нічого не змінилося. Спробуйте ранішу дату, наприклад: { $example }
errors-no-reports-in-month = За { $month } немає жодного зведення. Наприклад: <code>{ $command } { $sample }</code>
errors-query = Не вдалося відповісти на цей запит. Наприклад: { $example }
errors-no-data = Даних ще немає: бот завантажує історію зведень. Спробуйте за кілька хвилин.
