# The admins' notice of a reading the gate refused (nothing of it was stored or posted).
# $date, $earliest, $latest are ready dates; figures are ready numbers; $category is a name.

refusal-notice =
    ⛔️ <b>Refused the { $source } report of { $date }</b>: nothing of it was stored or posted. Polling goes on.
    { $reasons }
refusal-notice-undated =
    ⛔️ <b>Refused a post that is not a whole report</b> ({ $source }): nothing of it was stored or posted; its text is kept. Polling goes on.
    { $reasons }
refusal-more = { $count ->
        [one] … and { $count } more reason
       *[other] … and { $count } more reasons
    }
refusal-source-api = figures API
refusal-source-channel = official post

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

# Why a post of the General Staff's channel is no report, or one whose figures do not hold together.
# $line and $written are as the post has them; $part is the line lost before May 2022.
refusal-post-no-figures = the post has the losses header but no figures
refusal-post-header = its header says { $written }, but it was posted on { $date }
refusal-post-line = a line whose figures cannot be read: { $line }
refusal-post-repeated = { $category } is given twice
refusal-post-part = part { $missing } of { $parts } of a split post is missing
refusal-post-merged = { $category }: the line of { $part ->
        [military_auto] vehicles
       *[other] fuel tanks
    } is missing
refusal-post-personnel = there is no personnel figure
refusal-post-missing = { $category } is missing, though the report of { $date } had it
refusal-post-change = { $category } has no published change
refusal-post-recount = { $category }: { $total } is not the previous total plus the published change ({ $expected }), by more than a correction: a lost or wrong digit
refusal-post-fell = { $category } fell from { $previous } to { $total }, more than a correction
refusal-post-stale = every total repeats the report of { $date }
refusal-post-recounts = the totals of { $categories } do not follow from their published changes: more than a correction day
refusal-post-other = it cannot be read as a report

# A record or milestone alert, edited after upstream revised its report so that it no longer holds.
withdrawn-record = ⚠️ <b>Correction</b>: the report of { $date } was revised, and the record announced here no longer holds.
withdrawn-milestone = ⚠️ <b>Correction</b>: the report of { $date } was revised, and the milestone announced here no longer holds.

# A line of the /poll answer: reports the gate refused in this poll ($dates: ready dates).
refusal-poll = refused (see the notice): { $dates }
