# The admins' notice of a reading the gate refused (nothing of it was stored or posted).
# $date, $earliest, $latest are ready dates; figures are ready numbers; $category is a name.

refusal-notice =
    ⛔️ <b>Refused the { $source } report of { $date }</b>: nothing of it was stored or posted. Polling goes on.
    { $reasons }
refusal-more = { $count ->
        [one] … and { $count } more reason
       *[other] … and { $count } more reasons
    }
refusal-source-api = figures API

refusal-date = its date is not between { $earliest } and { $latest }
refusal-integer = { $category }: { $value } cannot be a total
refusal-rise = { $category } rose by { $difference } in { $days ->
        [one] { $days } day
       *[other] { $days } days
    }, more than the { $bound } that is plausible
refusal-fall = { $category } fell by { $fall }, more than a correction (at most { $bound })
refusal-change = { $category }: a published change of { $change } lies beyond ±{ $bound }
refusal-first-value = { $category } first appears with { $total }, more than the { $bound } that is plausible
refusal-duplicate = the answer gives this date twice, with different figures
refusal-incomplete = a revision that lacks { $categories }, which the stored report has

# A record or milestone alert, edited after upstream revised its report so that it no longer holds.
withdrawn-record = ⚠️ <b>Correction</b>: the report of { $date } was revised, and the record announced here no longer holds.
withdrawn-milestone = ⚠️ <b>Correction</b>: the report of { $date } was revised, and the milestone announced here no longer holds.

# A line of the /poll answer: reports the gate refused in this poll ($dates: ready dates).
refusal-poll = refused (see the notice): { $dates }
