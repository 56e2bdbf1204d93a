# The bot's own words: the command menu, /help, unknown commands, throttling, errors.

menu-start = About the bot, and subscribing
menu-help = Commands, dates and categories
menu-today = The latest report
menu-since = Change since a date: /since 2024-10-20
menu-day = The report of a date: /day 2023-11-12
menu-records = One-day records
menu-subscribe = Get the daily post in this chat
menu-unsubscribe = Stop the daily post
menu-settings = What this chat receives
menu-lang = The bot's language

help-text =
    <b>Russian losses, from the daily reports of Ukraine's General Staff</b>

    /today — the latest report with the day's changes
    /since <i>DATE</i> — how each total changed from the report of that date to the latest
    /day <i>DATE</i> — one report with its published changes
    /records — the largest one-day losses in each category
    /chart <i>category period</i> — a chart of daily losses, e.g. <code>/chart air defence 1y</code>
    /week <i>DATE</i> — a week's daily figures and averages, compared
    /month <i>MONTH</i> — the same for a month, e.g. <code>/month February 2025</code>
    /digest <i>week</i> or <i>month</i> — the latest digest
    /subscribe — the daily post and alerts in this chat
    /unsubscribe — stop them
    /settings — what this chat receives
    /lang — the bot's language

    Dates: <code>2025-02-28</code>, <code>28.02.25</code>, <code>28/02/2025</code>, <code>28 February 2025</code>, <code>yesterday</code>, <code>7d</code>
    Periods: <code>30d</code>, <code>1y</code>, <code>all</code>, <code>2025-02</code>
    Categories: { $categories }

unknown-command = I don't know { $command }. The commands are in /help.
throttle-slow-down = Too many commands at once. I will answer your last one in a few seconds.
plain-text = I answer commands, not messages: /today for the latest report, /help for all of them.
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

bot-description =
    Every morning the General Staff of Ukraine publishes the losses of the Russian army. I bring that report here with the day of the war and the day's changes, mark record days and round totals, and draw charts a phone can read.

    Ask /today, /since, /day, /records, /chart, /week, /month or /digest in Ukrainian or English, in private chats, groups and channels. Press Start to get the daily post.
bot-short-description = The General Staff of Ukraine's daily report of Russian losses, every morning, with records and charts.
