"""Fuzzing every command and button through the real Application against the fake Bot API: each
command gets exactly one reply and each button press one answer, and nothing raises.

Hypothesis draws each input, one example at a time (one long list per example would repeat
itself): a command (sometimes /cmd@botname) with arguments of every kind (dates of any year in
every form, the calendar's and the history's edges most often, months, periods, categories,
numbers, words in any script, long text), or a button press with any data (none, empty, valid,
garbage) on a message or on none. Commands come in turn from a pool of private chats (the
per-user throttle is lifted); each is checked before the next: one reply, or one answer to the
press, no apology, nothing logged as an error. Seeded (`derandomize`) and bounded: the same
`EXAMPLES` inputs on every run, each waited for at most `WAIT` seconds (some 10 s in all). It finds
`/chart 0000-01` and the press without data on the code before their fixes.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.render import text
from bot.render.vocabulary import vocabulary
from bot.telegram.menu import COMMANDS
from tests.fakes.bot_api import FakeBotApi
from tests.fakes.bot_api_calls import SentCall
from tests.fakes.bot_api_objects import FakeChat
from tests.support.fixtures_app import RunningBot

EXAMPLES = 2_000
"""Inputs in all: about 1,330 commands (some 90 of each) and 670 button presses."""
WAIT = 20.0
ALL_COMMANDS = (*COMMANDS, "stats", "poll")

# The edges of the calendar and of the history, drawn twice as often as any other year or day.
_EDGE_YEARS = st.sampled_from([0, 1, 2022, 9999, 10_000])
_EDGE_DATES = st.sampled_from([date.min, date(2022, 2, 23), date(2022, 2, 24), date.max])
_years = st.one_of(_EDGE_YEARS, _EDGE_YEARS, st.integers(min_value=0, max_value=10_000))
_dates = st.one_of(_EDGE_DATES, _EDGE_DATES, st.dates(min_value=date.min, max_value=date.max))
_words = st.text(st.characters(exclude_categories=["Cs", "Cc"]), max_size=24)


@st.composite
def _date_forms(draw: st.DrawFn) -> str:
    day = draw(_dates)
    y, m, d = f"{day.year:04d}", f"{day.month:02d}", f"{day.day:02d}"
    forms = [f"{y}-{m}-{d}", f"{d}.{m}.{y}", f"{y}-{m}", f"{m}.{y}", f"{d}.{m}", f"{day.day}.{m}"]
    return draw(st.sampled_from(forms))


@st.composite
def _numbers(draw: st.DrawFn) -> str:
    year, month = draw(_years), draw(st.one_of(st.integers(1, 12), st.integers(-1, 13)))
    shape = draw(st.sampled_from(["{y:04d}-{m:02d}", "{m:02d}.{y:04d}", "{y}d", "{y}", "-{y}"]))
    return shape.format(y=year, m=month)


ARGUMENTS = st.one_of(  # dates and numbers three times as often as the rest
    st.just(""),
    *[_date_forms()] * 3,
    *[_numbers()] * 3,
    st.sampled_from(sorted(vocabulary().categories)),
    st.sampled_from(["yesterday", "вчора", "7d", "2 weeks ago", "28/02/25", "28 лютого", "лютий"]),
    st.sampled_from(["30d", "90d", "1y", "all", "0d", "99999d", "uk", "en", "UA", "on", "off"]),
    _words,
    st.text(st.characters(exclude_categories=["Cs"]), min_size=100, max_size=600),
).map(str.strip)
ARGUMENTS_LIST = st.one_of(ARGUMENTS, st.lists(ARGUMENTS, min_size=2, max_size=3).map(" ".join))
"""One argument as often as several."""
PRESS_DATA = st.one_of(
    st.none(),
    st.just(""),
    st.sampled_from(["1:sub:on", "1:sub:off", "1:opt:silent", "1:page:categories", "1:done"]),
    st.text(max_size=64),
)


@dataclass(frozen=True)
class Command:
    name: str
    arguments: str
    addressed: bool

    @property
    def text(self) -> str:
        return f"/{self.name} {self.arguments}".strip()


@dataclass(frozen=True)
class Press:
    data: str | None
    on_message: bool


INPUTS = st.one_of(
    st.builds(Command, st.sampled_from(ALL_COMMANDS), ARGUMENTS_LIST, st.booleans()),
    st.builds(Command, st.sampled_from(ALL_COMMANDS), ARGUMENTS_LIST, st.booleans()),
    st.builds(Press, PRESS_DATA, st.booleans()),
)
"""Commands twice as often as button presses."""


@dataclass
class Fuzzing:
    """The chats the inputs come from, taken in turn, and the message whose buttons are pressed."""

    api: FakeBotApi
    chats: list[FakeChat]
    welcome: SentCall
    turn: int = 0

    def next_chat(self) -> FakeChat:
        self.turn += 1
        return self.chats[self.turn % len(self.chats)]


@pytest.fixture
def bot_settings_overrides() -> dict[str, str]:
    return {"THROTTLE_BURST": "100000", "THROTTLE_RATE": "100000"}


@pytest.fixture
async def fuzzing(running_bot: RunningBot) -> Fuzzing:
    api = running_bot.bot_api
    chats = [api.private_chat(api.new_user(language_code=lang)) for lang in ("en", "uk") * 4]
    owner = api.private_chat(api.new_user(language_code="uk"))
    api.send_command(owner, None, "/start")
    welcome = await api.wait_for(lambda call: call.chat_id == owner.id, timeout=WAIT)
    return Fuzzing(api, chats, welcome)


def apologies(api: FakeBotApi, since: int) -> list[SentCall]:
    sorry = {text(lang, "error-apology") for lang in ("en", "uk")}
    return [call for call in api.sent[since:] if call.text in sorry]


def answers_to(api: FakeBotApi, query_id: str) -> int:
    return sum(
        call.method == "answerCallbackQuery" and call.params.get("callback_query_id") == query_id
        for call in api.calls
    )


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(given_input=INPUTS)
async def test_every_command_gets_one_reply_and_every_press_one_answer(
    fuzzing: Fuzzing, caplog: pytest.LogCaptureFixture, given_input: Command | Press
) -> None:
    api = fuzzing.api
    caplog.set_level(logging.ERROR)
    caplog.clear()
    since = len(api.sent)
    match given_input:
        case Command():
            chat = fuzzing.next_chat()
            before = len(api.sent_to(chat))
            api.send_command(chat, None, given_input.text, addressed=given_input.addressed)
            await api.wait_until(lambda: len(api.sent_to(chat)) > before, WAIT)
            assert len(api.sent_to(chat)) == before + 1  # a second reply shows here, or later
        case Press():
            user = api.new_user(language_code="en")
            message = fuzzing.welcome if given_input.on_message else None
            query_id = api.forge_press(user, given_input.data, message)
            await api.wait_until(lambda: answers_to(api, query_id) > 0, WAIT)
            assert answers_to(api, query_id) == 1
    assert apologies(api, since) == []
    assert [record.getMessage() for record in caplog.records] == []
