# Команди адміністраторів (/stats, /poll, лише для BOT_ADMINS) і попередження про затримку зведення.
# Дати — готовий текст ($date, $latest, $before, $dates: «8 серпня 2026»); $reason екрановано.

admin-refused = Вибачте, ця команда лише для адміністраторів бота.
admin-no-report = ще немає

admin-stats-title = 📊 <b>Стан бота</b>
admin-stats-subscribers = Підписники: <b>{ $total }</b> (особисті { $private }, групи { $groups }, супергрупи { $supergroups }, канали { $channels })
admin-stats-latest = Останнє зведення: { $date }
admin-stats-outbox = Черга: { $backlog } чекають, { $failed } не доставлено
admin-stats-last-poll = Останнє опитування, { $at }: { $outcome }
admin-stats-never-polled = Останнє опитування: жодного від запуску бота

admin-poll-title = 🔄 <b>Опитано API з даними</b>
admin-poll-unavailable = API з даними недоступне ({ $reason }); нічого не змінилося
admin-poll-backfill = { $count ->
        [one] у порожньому сховищі тепер { $count } зведення; нічого не оголошено
        [few] у порожньому сховищі тепер { $count } зведення; нічого не оголошено
       *[many] у порожньому сховищі тепер { $count } зведень; нічого не оголошено
    }
admin-poll-new = { $count ->
        [1] нове зведення
       *[other] нові зведення
    }: { $dates }; у черзі { $deliveries ->
        [one] { $deliveries } доставка
        [few] { $deliveries } доставки
       *[many] { $deliveries } доставок
    }
admin-poll-revised = виправлено в джерелі: { $dates }; { $edits ->
        [one] { $edits } надісланий допис буде відредаговано
        [few] { $edits } надіслані дописи буде відредаговано
       *[many] { $edits } надісланих дописів буде відредаговано
    }
admin-poll-nothing-new = нічого нового (останнє зведення: { $latest })

admin-stale =
    ⏰ <b>Зведення за { $date } ще немає</b>
    Останнє збережене — за { $latest }. Бот і далі опитує джерело й повідомить, щойно зведення з'явиться.
admin-recovered =
    ✅ <b>Дані знову надходять</b>: зведення за { $date } вже є (останнє перед ним — за { $before }).
