# Сповіщення, зібрані в одне повідомлення, коли зведення приносить чату кілька рекордів чи рубежів.
# Кожен рядок називає свою категорію; заголовок називає дату зведення один раз для всіх.

delivery-records-title =
    🏆 <b>Рекорди за добу</b>
    Зведення за { $date }
delivery-record-line = { $label }: <b>{ $value }</b>
delivery-record-previous = ↳ попередній рекорд: { $previous } ({ $previous_date })
delivery-record-rank = ↳ тепер { NUMBER($rank, useGrouping: 0) }-е місце: відтоді побито
delivery-milestones-title =
    🎯 <b>Рубежі</b>
    Зведення за { $date }
delivery-milestone-total = { $emoji } { $name }: рубіж <b>{ $threshold }</b> (загалом { $total })
delivery-milestone-war-day = 🗓 <b>{ NUMBER($day, useGrouping: 0) }-й</b> день війни
