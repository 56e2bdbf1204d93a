# Sharing the figures: the settings of the picture card and the digests, the menu entries of
# /chart, /week and /month, the answers of inline mode, and the words drawn on the picture card.
# On the card there is no HTML and no emoji (the chart font has none); numbers arrive formatted.

settings-picture_card = Зведення картинкою
settings-weekly_digest = Підсумки тижня
settings-monthly_digest = Підсумки місяця

menu-chart = Графік втрат за добу: /chart танки 1р
menu-week = Цей тиждень: підсумки й середні за добу
menu-month = Місяць: /month 2025-02

inline-hint-title = Напишіть, що показати
inline-hint-description = сьогодні · з 2024-10-20 · день 2024-10-20 · рекорди
inline-hint-text =
    Питайте мене в будь-якому чаті, набравши моє ім'я:
    <code>@{ $bot } сьогодні</code>
    <code>@{ $bot } з 2024-10-20</code>
    <code>@{ $bot } день 2024-10-20</code>
    <code>@{ $bot } рекорди</code>
inline-today-title = Останнє зведення
inline-since-title = Зміни з { $date }
inline-day-title = Зведення за { $date }
inline-records-title = Рекорди за добу

card-title = Втрати ворога · { $date }
card-war-day = { NUMBER($day, useGrouping: 0) }-й день війни
card-personnel-day = особового складу за добу · усього { $total }
card-personnel-record = особового складу за добу, рекорд · усього { $total }
card-personnel-total = особового складу всього; у цьому зведенні немає даних за добу
card-chart = { $name } за останні 30 днів

post-button-chart = 📈 Графік дня
post-button-share = ↗️ Поділитися
post-button-records = 🏆 Усі рекорди
menu-digest = Останні підсумки: /digest тиждень або /digest місяць
