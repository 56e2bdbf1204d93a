"""What the gate and revisions make the bot say: the admins' notice of a refused reading (which
source, which date, each reason in words: the gate's, or why a post was no report), and the edit
of an alert that a revision withdrew.

Figures are grouped as everywhere (`number`), however large: a refusal quotes what upstream said.
"""

from __future__ import annotations

import html
from datetime import date

from bot.domain.deliveries import DeliveryKind
from bot.domain.post_refusals import (
    CategoryMissing,
    ChangeMissing,
    HeaderDateMismatch,
    MergedPartMissing,
    NoFigures,
    PartMissing,
    PersonnelMissing,
    RecountTooLarge,
    Refusal,
    RepeatedCategory,
    StaleFigures,
    TooManyRecounts,
    TotalFell,
    UnreadableLine,
)
from bot.domain.readings import Problem, Reading, Source
from bot.domain.refusals import (
    DateOutOfRange,
    DuplicateDate,
    ImplausibleChange,
    ImplausibleFall,
    ImplausibleFirstValue,
    ImplausibleRise,
    IncompleteRevision,
    NotACount,
    Reason,
)
from bot.render.formatting import category_name, long_date, number, signed
from bot.render.i18n import text

MAX_REASONS = 5
"""A notice names at most this many reasons (a garbled report can have one per category)."""


def refusal_notice(refused: Reading, lang: str) -> str:
    """The notice to the admins (Telegram HTML)."""
    reasons = [f"• {reason_text(reason, lang)}" for reason in refused.reasons[:MAX_REASONS]]
    if len(refused.reasons) > MAX_REASONS:
        reasons.append(text(lang, "refusal-more", count=len(refused.reasons) - MAX_REASONS))
    source = source_name(refused.source, lang)
    if refused.date is None:
        return text(lang, "refusal-notice-undated", source=source, reasons="\n".join(reasons))
    return text(
        lang,
        "refusal-notice",
        source=source,
        date=long_date(refused.date, lang),
        reasons="\n".join(reasons),
    )


def withdrawn_alert(kind: DeliveryKind, day: date, lang: str) -> str:
    """What a sent record or milestone alert becomes when a revision of its report undid it."""
    key = "withdrawn-record" if kind is DeliveryKind.RECORD else "withdrawn-milestone"
    return text(lang, key, date=long_date(day, lang))


def source_name(source: str, lang: str) -> str:
    """The source's name in words (a source without one is named by its key)."""
    match source:
        case Source.API:
            return text(lang, "refusal-source-api")
        case Source.CHANNEL:
            return text(lang, "refusal-source-channel")
    return html.escape(source)


def reason_text(reason: Problem, lang: str) -> str:
    """One reason in words."""
    if isinstance(reason, Refusal):
        return post_refusal_text(reason, lang)
    return _gate_reason(reason, lang)


def _gate_reason(reason: Reason, lang: str) -> str:
    match reason:
        case DateOutOfRange(earliest=earliest, latest=latest):
            return text(
                lang,
                "refusal-date",
                earliest=long_date(earliest, lang),
                latest=long_date(latest, lang),
            )
        case NotACount(key=key, value=value):
            value_text = number(value, lang)
            return text(lang, "refusal-integer", category=_name(key, lang), value=value_text)
        case ImplausibleRise(key=key, difference=difference, days=days, bound=bound):
            return text(
                lang,
                "refusal-rise",
                category=_name(key, lang),
                difference=number(difference, lang),
                days=days,
                bound=number(bound, lang),
            )
        case ImplausibleFall(key=key, difference=difference, bound=bound):
            return text(
                lang,
                "refusal-fall",
                category=_name(key, lang),
                fall=number(-difference, lang),
                bound=number(bound, lang),
            )
        case ImplausibleChange(key=key, change=change, bound=bound):
            return text(
                lang,
                "refusal-change",
                category=_name(key, lang),
                change=signed(change, lang),
                bound=number(bound, lang),
            )
        case ImplausibleFirstValue(key=key, total=total, bound=bound):
            return text(
                lang,
                "refusal-first-value",
                category=_name(key, lang),
                total=number(total, lang),
                bound=number(bound, lang),
            )
        case DuplicateDate():
            return text(lang, "refusal-duplicate")
        case IncompleteRevision(missing=missing):
            names = ", ".join(_name(key, lang) for key in missing)
            return text(lang, "refusal-incomplete", categories=names)


def _name(key: str, lang: str) -> str:
    return category_name(key, lang)


def post_refusal_text(refusal: Refusal, lang: str) -> str:
    """Why a post was no report (or a report that does not hold together), in words."""
    match refusal:
        case NoFigures():
            return text(lang, "refusal-post-no-figures")
        case HeaderDateMismatch(written=written, posted_on=posted_on):
            posted = long_date(posted_on, lang)
            return text(lang, "refusal-post-header", written=html.escape(written), date=posted)
        case UnreadableLine(line=line):
            return text(lang, "refusal-post-line", line=html.escape(line))
        case RepeatedCategory(key=key):
            return text(lang, "refusal-post-repeated", category=_name(key, lang))
        case PartMissing(missing=missing, parts=parts):
            found = ", ".join(str(part) for part in missing)
            return text(lang, "refusal-post-part", missing=found, parts=parts)
        case MergedPartMissing(key=key, missing=missing):
            return text(lang, "refusal-post-merged", category=_name(key, lang), part=missing)
        case PersonnelMissing():
            return text(lang, "refusal-post-personnel")
        case CategoryMissing(key=key, previous=previous):
            return text(
                lang,
                "refusal-post-missing",
                category=_name(key, lang),
                date=long_date(previous, lang),
            )
        case ChangeMissing(key=key):
            return text(lang, "refusal-post-change", category=_name(key, lang))
        case RecountTooLarge(key=key, total=total, expected=expected):
            return text(
                lang,
                "refusal-post-recount",
                category=_name(key, lang),
                total=number(total, lang),
                expected=number(expected, lang),
            )
        case TotalFell(key=key, total=total, previous_total=previous_total):
            return text(
                lang,
                "refusal-post-fell",
                category=_name(key, lang),
                total=number(total, lang),
                previous=number(previous_total, lang),
            )
        case StaleFigures(previous=previous):
            return text(lang, "refusal-post-stale", date=long_date(previous, lang))
        case TooManyRecounts(keys=keys):
            names = ", ".join(_name(key, lang) for key in keys)
            return text(lang, "refusal-post-recounts", categories=names)
    return text(lang, "refusal-post-other")
