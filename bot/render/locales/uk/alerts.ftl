# Alerts: a record day, a total passing a round number, a war-day anniversary.

record-alert =
    🏆 <b>Рекорд за добу</b>
    { $label }: <b>{ $value }</b>
    Звіт за { $date }
    Попередній рекорд: { $previous } ({ $previous_date })
record-alert-rank = Тепер { NUMBER($rank, useGrouping: 0) }-е місце: рекорд відтоді побито
milestone-total =
    { $emoji } <b>{ $name }: рубіж { $threshold }</b>
    Загалом { $total } — звіт за { $date }
milestone-war-day =
    🗓 <b>{ NUMBER($day, useGrouping: 0) }-й день війни</b>
    Звіт за { $date }
