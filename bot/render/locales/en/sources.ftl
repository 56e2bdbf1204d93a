# The two sources of the figures (the official post, the figures API), told to the admins.
# $source, $first, $second are source names; $date is a ready date; figures are ready numbers;
# $success is a ready moment (or sources-never); $reason is escaped.

sources-held =
    ⏸ <b>Held the report of { $date } from the { $source }</b>: totals moved beyond their published changes ({ $recounts }). That is a correction day, or a digit lost from a published change: it is posted only once the other source confirms these figures, and never otherwise.
sources-disagree =
    ⚖️ <b>The sources disagree on the report of { $date }</b>
    { $differences }
    The { $first } outranks the { $second }: its figures are shown, unless they await confirmation.
sources-difference = • { $category }: { $first } { $first_figures }, { $second } { $second_figures }
sources-failing =
    📡 <b>The { $source } has failed all morning</b>: { $reason }. Last success: { $success }. The other source carries on.
sources-never = never

# /stats: one line per source, then the open disagreements.
sources-stats-line = { $source }: newest report read { $date }; last success { $success }; last failure { $failure }
sources-stats-open = Open disagreements between the sources: { $count }
