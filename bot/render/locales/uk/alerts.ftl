# Сповіщення: рекорд за добу, загальний підсумок, що перейшов кругле число, річниця дня війни.

record-alert =
    🏆 <b>Рекорд за добу</b>
    { $label }: <b>{ $value }</b>
    Зведення за { $date }
    Попередній рекорд: { $previous } ({ $previous_date })
record-alert-rank = Тепер { NUMBER($rank, useGrouping: 0) }-е місце: рекорд відтоді побито
milestone-total =
    { $emoji } <b>{ $name }: рубіж { $threshold }</b>
    Загалом { $total } — зведення за { $date }
milestone-war-day =
    🗓 <b>{ NUMBER($day, useGrouping: 0) }-й день війни</b>
    Зведення за { $date }
milestone-war-day-total = 🪖 Особовий склад від 24 лютого 2022 року: { $total }, у середньому { $average } за добу.
milestone-war-day-last = За останні { $days } днів: { $sum }, { $average } за добу.
milestone-war-day-versus = За останні { $days } днів: { $sum }, { $average } за добу, а за { $days } днів перед тим — { $before } за добу ({ $percent }).
