"""What two sources of the figures make the bot tell its admins: a reading held until another
source confirms it, a disagreement between the sources, a source failing all morning, and each
source's lines in `/stats`. Telegram HTML; names of sources and categories in the admin's
language, figures grouped as everywhere.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from datetime import date, datetime, tzinfo

from bot.domain.precedence import Disagreement, Figures
from bot.domain.readings import Reading
from bot.render.formatting import category_name, long_date, number, signed
from bot.render.i18n import text
from bot.render.refusals import source_name


def held_notice(held: Reading, lang: str) -> str:
    """A reading with recounts, held until another source confirms them."""
    assert held.report is not None  # only a report can be held
    recounts = ", ".join(
        f"{category_name(recount.key, lang)} {signed(recount.amount, lang)}"
        for recount in held.recounts
    )
    return text(
        lang,
        "sources-held",
        source=source_name(held.source, lang),
        date=long_date(held.report.date, lang),
        recounts=recounts,
    )


def disagreement_notice(found: Disagreement, lang: str) -> str:
    """Where the two sources' reports of a date differ: each category, both figures."""
    first, second = source_name(found.first, lang), source_name(found.second, lang)
    lines = [
        text(
            lang,
            "sources-difference",
            category=category_name(difference.key, lang),
            first=first,
            first_figures=_figures(difference.first, lang),
            second=second,
            second_figures=_figures(difference.second, lang),
        )
        for difference in found.differences
    ]
    return text(
        lang,
        "sources-disagree",
        date=long_date(found.date, lang),
        first=first,
        second=second,
        differences="\n".join(lines),
    )


def failing_notice(
    source: str, reason: str, last_success: datetime | None, lang: str, zone: tzinfo
) -> str:
    """A source whose every read failed this morning."""
    return text(
        lang,
        "sources-failing",
        source=source_name(source, lang),
        reason=html.escape(reason),
        success=_moment(last_success, lang, zone),
    )


def source_line(
    source: str,
    newest: date | None,
    last_success: datetime | None,
    last_failure: datetime | None,
    failure: str | None,
    lang: str,
    zone: tzinfo,
) -> str:
    """One source in `/stats`: the newest date read, the last success and the last failure."""
    newest_text = long_date(newest, lang) if newest is not None else text(lang, "admin-no-report")
    failed = _moment(last_failure, lang, zone)
    if last_failure is not None and failure:
        failed = f"{failed} ({html.escape(failure)})"
    return text(
        lang,
        "sources-stats-line",
        source=source_name(source, lang),
        date=newest_text,
        success=_moment(last_success, lang, zone),
        failure=failed,
    )


def open_disagreements(count: int, newest: Sequence[Disagreement], lang: str) -> str:
    """The open disagreements in `/stats`: how many, and the newest with their categories."""
    lines = [text(lang, "sources-stats-open", count=count)]
    for found in newest:
        names = ", ".join(category_name(item.key, lang) for item in found.differences)
        lines.append(f"• {long_date(found.date, lang)}: {names}")
    return "\n".join(lines)


def _figures(figures: Figures, lang: str) -> str:
    shown = number(figures.total, lang)
    return shown if figures.change is None else f"{shown} ({signed(figures.change, lang)})"


def _moment(moment: datetime | None, lang: str, zone: tzinfo) -> str:
    if moment is None:
        return text(lang, "sources-never")
    local = moment.astimezone(zone)
    return f"{long_date(local.date(), lang)}, {local:%H:%M:%S}"
