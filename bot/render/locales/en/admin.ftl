# Admin commands (/stats, /poll, for BOT_ADMINS only) and the staleness warning sent to the admins.
# Dates are ready text ($date, $latest, $before, $dates: "8 August 2026"); $reason is escaped.

admin-refused = Sorry, this command is for the bot's administrators only.
admin-no-report = none yet

admin-stats-title = 📊 <b>Bot status</b>
admin-stats-subscribers = Subscribers: <b>{ $total }</b> (private { $private }, groups { $groups }, supergroups { $supergroups }, channels { $channels })
admin-stats-latest = Latest report: { $date }
admin-stats-outbox = Outbox: { $backlog } waiting, { $failed } failed
admin-stats-last-poll = Last poll, { $at }: { $outcome }
admin-stats-never-polled = Last poll: none since the bot started

admin-poll-title = 🔄 <b>Polled the figures API</b>
admin-poll-unavailable = the figures API is unavailable ({ $reason }); nothing changed
admin-poll-backfill = { $count ->
        [one] the empty store now holds { $count } report; nothing announced
       *[other] the empty store now holds { $count } reports; nothing announced
    }
admin-poll-new = { $count ->
        [1] new report
       *[other] new reports
    }: { $dates }; { $deliveries ->
        [one] { $deliveries } delivery queued
       *[other] { $deliveries } deliveries queued
    }
admin-poll-revised = revised upstream: { $dates }; { $edits ->
        [one] { $edits } sent post to edit
       *[other] { $edits } sent posts to edit
    }
admin-poll-nothing-new = nothing new (latest report: { $latest })

admin-stale =
    ⏰ <b>No report of { $date } yet</b>
    The latest stored report is of { $latest }. The bot keeps polling and will say when a report arrives.
admin-recovered =
    ✅ <b>The figures are back</b>: the report of { $date } has arrived (the latest before it was of { $before }).
