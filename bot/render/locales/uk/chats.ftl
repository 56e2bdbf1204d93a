# Чати й підписки: привітання (/start), /subscribe, /unsubscribe, /lang, клавіатура /settings
# і відповіді на її кнопки. Підписи кнопок короткі: вони мають вміщатися на екрані телефона.

chats-welcome =
    👋 <b>Втрати росії, день за днем</b>

    Щоранку Генштаб ЗСУ публікує втрати російської армії. Я приношу це зведення сюди — з днем війни та змінами за добу — і позначаю рекордні дні та круглі підсумки.

    /today — останнє зведення
    /help — усі команди
chats-welcome-subscribed = ✅ Цей чат отримує щоденне зведення. Що саме: /settings
chats-welcome-private = Натисніть кнопку, щоб щоранку отримувати зведення тут.
chats-welcome-group = Адміністратор може підписати цей чат кнопкою нижче.
chats-button-subscribe = 🔔 Підписатися
chats-button-unsubscribe = 🔕 Відписатися

chats-subscribed =
    ✅ Підписано: щоденне зведення надходитиме сюди щоранку, разом зі сповіщеннями про рекорди й круглі числа.
    Що отримує цей чат: /settings
chats-already-subscribed = Цей чат уже підписаний. Що він отримує: /settings. Щоб відписатися: /unsubscribe
chats-unsubscribed = 🔕 Підписку скасовано: сюди більше нічого не надходитиме. Щоб повернутися: /subscribe
chats-not-subscribed = Цей чат не підписаний, тож скасовувати нічого. Щоб отримувати зведення: /subscribe
chats-subscribed-short = ✅ Підписано
chats-unsubscribed-short = 🔕 Підписку скасовано
chats-admins-only = Змінювати це можуть лише адміністратори чату.
chats-button-expired = Ця кнопка вже не діє. Надішліть команду ще раз.

chats-lang-choose = Оберіть мову бота в цьому чаті:
chats-lang-unknown = Мови «{ $raw }» я не знаю. Напишіть { $examples } або просто /lang, щоб обрати.

settings-title =
    ⚙️ <b>Налаштування цього чату</b>
    Натисніть кнопку, щоб увімкнути чи вимкнути.
settings-subscribed = 🔔 Чат підписаний: ці налаштування діють для зведень і сповіщень тут.
settings-not-subscribed = 🔕 Чат не підписаний: сюди нічого не надходить, доки не надішлете /subscribe.
settings-categories-title =
    🏆 <b>Рекорди за категоріями</b>
    Окреме сповіщення, коли в обраній категорії рекорд за добу. Рекорди особового складу — кнопкою «Рекорди: особовий склад» на попередній сторінці.
settings-on = ✅ { $label }
settings-off = ▫️ { $label }
settings-daily_post = Щоденне зведення
settings-record_alerts = Рекорди: особовий склад
settings-milestone_alerts = Круглі числа
settings-silent = Без звуку
settings-categories = 🏆 Рекорди за категоріями: { $count } ›
settings-back = ‹ Назад
settings-done = Готово
settings-saved = ✅ Налаштування збережено. Щоб змінити: /settings
