"""What the gate and revisions make the bot say: the admins' notice of a refused reading (which
source, which date, each reason in words), and the edit of an alert that a revision withdrew.

Figures are grouped as everywhere (`number`), however large: a refusal quotes what upstream said.
"""

from __future__ import annotations

import html
from datetime import date

from bot.domain.deliveries import DeliveryKind
from bot.domain.readings import Reading, Source
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
    return text(
        lang,
        "refusal-notice",
        source=source_name(refused.source, lang),
        date=long_date(refused.report.date, lang),
        reasons="\n".join(reasons),
    )


def withdrawn_alert(kind: DeliveryKind, day: date, lang: str) -> str:
    """What a sent record or milestone alert becomes when a revision of its report undid it."""
    key = "withdrawn-record" if kind is DeliveryKind.RECORD else "withdrawn-milestone"
    return text(lang, key, date=long_date(day, lang))


def source_name(source: str, lang: str) -> str:
    """The source's name in words (a source without one is named by its key)."""
    return text(lang, "refusal-source-api") if source == Source.API else html.escape(source)


def reason_text(reason: Reason, lang: str) -> str:
    """One reason in words."""
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
