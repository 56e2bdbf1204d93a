# Sharing the figures: the settings of the picture card and the digests, the menu entries of
# /chart, /week and /month, the answers of inline mode, and the words drawn on the picture card.
# On the card there is no HTML and no emoji (the chart font has none); numbers arrive formatted.

settings-picture_card = Daily post as a picture
settings-weekly_digest = Weekly digest
settings-monthly_digest = Monthly digest

menu-chart = Chart of daily losses: /chart tanks 1y
menu-week = This week: totals and daily averages
menu-month = A month: /month 2025-02

inline-hint-title = Type what to show
inline-hint-description = today · since 2024-10-20 · day 2024-10-20 · records
inline-hint-text =
    Ask me in any chat by typing my name:
    <code>@{ $bot } today</code>
    <code>@{ $bot } since 2024-10-20</code>
    <code>@{ $bot } day 2024-10-20</code>
    <code>@{ $bot } records</code>
inline-today-title = The latest report
inline-since-title = Change since { $date }
inline-day-title = The report of { $date }
inline-records-title = One-day records

card-title = Russian losses · { $date }
card-war-day = Day { $day } of the war
card-personnel-day = personnel in a day · { $total } in all
card-personnel-record = personnel in a day, a record · { $total } in all
card-personnel-total = personnel in all; this report has no one-day figure
card-chart = { $name } over the last 30 days

post-button-chart = 📈 Chart of the day
post-button-share = ↗️ Share
post-button-records = 🏆 All records
menu-digest = The latest digest: /digest week or /digest month
