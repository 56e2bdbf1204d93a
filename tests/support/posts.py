"""Channel posts for the parser's tests: written by hand, or the fake's rendering of a report."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from typing import Unpack
from zoneinfo import ZoneInfo

from bot.domain.post_parser import ChannelPost
from bot.domain.reports import Report
from tests.fakes.channel_posts import ERA_WORDING, Traps, Wording, losses_post
from tests.support.dataset import equipment_rows, report_of

KYIV = ZoneInfo("Europe/Kyiv")
MORNING = time(7, 32)


def post_at(
    text: str, when: str = "2024-12-20 07:32", *, post_id: int = 100, edited: bool = False
) -> ChannelPost:
    """A post published at `when` (Kyiv time, `YYYY-MM-DD HH:MM`)."""
    published = datetime.strptime(when, "%Y-%m-%d %H:%M").replace(tzinfo=KYIV)
    return ChannelPost(post_id, published, text, edited, f"https://t.me/GeneralStaffZSU/{post_id}")


def rendered(
    report: Report | str,
    wording: Wording = ERA_WORDING,
    *,
    at: time = MORNING,
    on: date | None = None,
    first_id: int = 100,
    **traps: Unpack[Traps],
) -> list[ChannelPost]:
    """The fake's post(s) of a report (a real one by its ISO date), published at `at` on the
    report's day (or on `on`); `traps` go to `losses_post`."""
    chosen = report_of(report) if isinstance(report, str) else report
    rows = equipment_rows()
    texts = losses_post(
        chosen,
        wording,
        row=rows.get(chosen.date),
        previous_row=rows.get(chosen.date - timedelta(days=1)),
        **traps,
    )
    published = datetime.combine(on or chosen.date, at, KYIV)
    return [
        ChannelPost(
            first_id + index,
            published + timedelta(minutes=2 * index),
            text,
            url=f"https://t.me/GeneralStaffZSU/{first_id + index}",
        )
        for index, text in enumerate(texts)
    ]
