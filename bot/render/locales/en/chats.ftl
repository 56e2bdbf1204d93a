# Chats and subscriptions: the welcome (/start), /subscribe, /unsubscribe, /lang, the /settings
# keyboard and the answers to its buttons. Button labels stay short: they must fit a phone.

chats-welcome =
    👋 <b>Russian losses, day by day</b>

    Every morning Ukraine's General Staff publishes the losses of the Russian army. I bring that report here, with the day of the war and the day's changes, and I mark record days and round totals.

    /today — the latest report
    /help — every command
chats-welcome-subscribed = ✅ This chat receives the daily post. What it receives: /settings
chats-welcome-private = Press the button to get the daily post here every morning.
chats-welcome-group = An administrator can subscribe this chat with the button below.
chats-button-subscribe = 🔔 Subscribe
chats-button-unsubscribe = 🔕 Unsubscribe

chats-subscribed =
    ✅ Subscribed: the daily post comes here every morning, with record and milestone alerts.
    What this chat receives: /settings
chats-already-subscribed = This chat is already subscribed. What it receives: /settings. To stop: /unsubscribe
chats-unsubscribed = 🔕 Unsubscribed: no more posts here. To come back: /subscribe
chats-not-subscribed = This chat is not subscribed, so there is nothing to stop. To get the daily post: /subscribe
chats-subscribed-short = ✅ Subscribed
chats-unsubscribed-short = 🔕 Unsubscribed
chats-admins-only = Only the chat's administrators can change this.
chats-button-expired = This button no longer works. Please send the command again.

chats-lang-choose = Choose the bot's language in this chat:

# The same answers in a forum topic: each topic has its own subscription and settings.
chats-topic-welcome-subscribed = ✅ This topic receives the daily post. What it receives: /settings
chats-topic-welcome-group = An administrator can subscribe this topic with the button below; every topic of the group can have its own subscription.
chats-topic-subscribed =
    ✅ Subscribed: the daily post comes to this topic every morning, with record and milestone alerts.
    What this topic receives: /settings (other topics and the General topic keep their own)
chats-topic-already-subscribed = This topic is already subscribed. What it receives: /settings. To stop: /unsubscribe
chats-topic-unsubscribed = 🔕 Unsubscribed: no more posts in this topic (other topics keep theirs). To come back: /subscribe
chats-topic-not-subscribed = This topic is not subscribed, so there is nothing to stop. To get the daily post here: /subscribe
chats-topic-lang-choose = Choose the bot's language in this topic:
chats-lang-unknown = I don't speak “{ $raw }”. Write { $examples }, or just /lang to choose.

settings-title =
    ⚙️ <b>Settings of this chat</b>
    Press a button to switch it on or off.
settings-topic-title =
    ⚙️ <b>Settings of this topic</b>
    Press a button to switch it on or off. Other topics keep their own.
settings-subscribed = 🔔 Subscribed: these apply to the daily post and alerts here.
settings-not-subscribed = 🔕 Not subscribed: nothing is sent here until /subscribe.
settings-topic-subscribed = 🔔 Subscribed: these apply to the daily post and alerts in this topic.
settings-topic-not-subscribed = 🔕 Not subscribed: nothing is sent to this topic until /subscribe is sent here.
settings-categories-title =
    🏆 <b>Record alerts by category</b>
    A separate alert whenever a chosen category has a one-day record. Personnel records: the “Personnel records” button on the previous page.
settings-on = ✅ { $label }
settings-off = ▫️ { $label }
settings-daily_post = Daily post
settings-record_alerts = Personnel records
settings-milestone_alerts = Milestones
settings-silent = Silent delivery
settings-categories = 🏆 Records by category: { $count } ›
settings-back = ‹ Back
settings-done = Done
settings-saved = ✅ Settings saved. To change them again: /settings
settings-title-of =
    ⚙️ <b>Settings of “{ $title }”</b>
    Press a button to switch it on or off.
settings-card-without-post = 🖼 The picture card shapes the daily post, which is off: nothing is sent until the daily post is switched on again.
settings-channel = 📢 { $title } ›
channels-added = ✅ I will post the daily report in “{ $title }” every morning. Its settings are below; to open them again, send /settings here. Nothing about them is posted in the channel.
channels-removed = 🔕 “{ $title }” no longer lets me post, so it receives nothing. To start again, make me an administrator allowed to post there.
