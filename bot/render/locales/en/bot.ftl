# The bot's own words: the command menu, /help, unknown commands, throttling, errors.

menu-start = About the bot, and subscribing
menu-help = Commands and date formats
menu-today = The latest report
menu-since = Change since a date: /since 2024-10-20
menu-day = The report of a date: /day 2023-11-12
menu-records = One-day records
menu-subscribe = Get the daily post in this chat
menu-unsubscribe = Stop the daily post
menu-settings = What this chat receives
menu-lang = Language: Ukrainian / English

help-text =
    <b>Russian losses, from the daily reports of Ukraine's General Staff</b>

    /today — the latest report with the day's changes
    /since <i>DATE</i> — how each total changed from the report of that date to the latest
    /day <i>DATE</i> — one report with its published changes
    /records — the largest one-day losses in each category
    /chart <i>category period</i> — a chart of daily losses, e.g. <code>/chart tanks 1y</code>
    /week <i>DATE</i> — a week's totals and daily averages, compared
    /month <i>YYYY-MM</i> — a month's totals, e.g. <code>/month 2025-02</code>
    /subscribe — the daily post and alerts in this chat
    /unsubscribe — stop them
    /settings — what this chat receives
    /lang — Ukrainian or English

    Dates: <code>2024-10-20</code> or <code>20.10.2024</code>

unknown-command = I don't know { $command }. The commands are in /help.
throttle-slow-down = Too many commands at once. Please wait a few seconds, then try again.
error-apology = Sorry, something went wrong on my side. Please try again later.

admin-error =
    ⚠️ <b>Unexpected error</b>
    <code>{ $error }</code>
    { $where }
admin-error-update = While handling <code>{ $what }</code> in chat <code>{ $chat }</code>.
admin-error-background = In a background task.
admin-error-suppressed = { $count ->
        [one] { $count } more error since the previous alert is only in the log.
       *[other] { $count } more errors since the previous alert are only in the log.
    }
