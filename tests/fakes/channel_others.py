"""The channel's other posts around each morning's report: some of them mention losses.

Each day gets an operational update in the morning and one in the evening (both speak of the
enemy's losses); every third day a photo without a caption; on Mondays a weekly summary whose
lines look like figure lines (`особового складу ‒ 8700 осіб`) under a header that is not the
daily one; on every hundredth day of the war an anniversary post that quotes the daily header in
its third line. None of them is a daily losses post, and a reader must pass over all of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from bot.domain.reports import war_day


@dataclass(frozen=True)
class OtherPost:
    offset: int
    """Its id's place among the day's ten ids (the report takes 3 and 4)."""
    at: time
    """Kyiv time."""
    text: str | None
    photo: bool = False


def other_posts(day: date, personnel: int) -> list[OtherPost]:
    """The other posts of `day`, whose report's personnel total is `personnel`."""
    stamp = f"{day:%d.%m.%Y}"
    clashes = 80 + day.toordinal() % 120
    posts = [
        OtherPost(
            1,
            time(6, 10),
            f"⚡️ Оперативна інформація станом на 06.00 {stamp} щодо російського вторгнення\n\n"
            f"Протягом минулої доби відбулося {clashes} бойових зіткнень. Противник зазнає "
            "значних втрат в особовому складі та техніці.",
        ),
        OtherPost(
            8,
            time(18, 5),
            f"Оперативна інформація станом на 18.00 {stamp}\n\n"
            f"Від початку доби відбулося {clashes // 2} бойових зіткнень. За попередніми даними, "
            "втрати противника уточнюються — 24/7 наші воїни тримають оборону.",
            photo=True,
        ),
    ]
    if day.toordinal() % 3 == 0:
        posts.append(OtherPost(6, time(12, 30), None, photo=True))
    if day.weekday() == 0:
        week = personnel % 7000 + 6000
        posts.append(
            OtherPost(
                9,
                time(19, 0),
                "📊 Втрати противника за тиждень:\n\n"
                f"особового складу ‒ {week} осіб,\n"
                f"танків ‒ {week % 97} од,\n"
                f"артилерійських систем ‒ {week % 301} од.\n\n#втрати",
            )
        )
    if war_day(day) % 100 == 0:
        posts.append(
            OtherPost(
                7,
                time(10, 0),
                f"🇺🇦 {war_day(day)} днів героїчного спротиву.\n\n"
                "Дякуємо кожному, хто боронить Україну.\n"
                f"Загальні бойові втрати противника з 24.02.22 по {day:%d.%m.%y} "
                f"перевищили {personnel // 1000} тисяч осіб.",
            )
        )
    return sorted(posts, key=lambda post: post.offset)
