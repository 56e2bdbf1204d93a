"""The buttons under the posts, pressed a week later after a restart: 📈 the chart of that day,
↗️ share (inline mode with that day's report), and the records table under a record alert.

The bot delivers the daily post and the record alert of 20 December 2024 through the outbox; the
figures move on by a week; the bot is stopped and started again (nothing of the first process's
memory survives); then the old posts' buttons are pressed, in a private chat and in a group.
"""

from __future__ import annotations

from datetime import date, timedelta

from bot.telegram.callback_data import DayChart, RecordsTable, encode
from tests.fakes.bot_api_calls import SentCall
from tests.fakes.bot_api_objects import FakeChat, JsonDict
from tests.support.fixtures_app import started_bot
from tests.support.fixtures_delivery import ONE_DAY, StartDeliveryBot, kyiv

RECORD_DAY = date(2024, 12, 20)
"""Personnel +2,200, a record: the daily post and a record alert."""
A_WEEK_LATER = RECORD_DAY + timedelta(days=7)


def buttons(message: JsonDict) -> list[JsonDict]:
    return [button for row in message["reply_markup"]["inline_keyboard"] for button in row]


def post_of(calls: list[SentCall], chat: FakeChat, start: str) -> SentCall:
    return next(
        call for call in calls if call.chat_id == chat.id and (call.text or "").startswith(start)
    )


async def test_the_buttons_of_a_post_sent_a_week_earlier_still_work(
    start_delivery_bot: StartDeliveryBot,
) -> None:
    async with start_delivery_bot(last_stored=RECORD_DAY - ONE_DAY, now=kyiv(RECORD_DAY, 8)) as bot:
        (private,) = await bot.subscribe_private(1)
        group = await bot.subscribe_group()
        since = bot.mark()
        bot.publish(RECORD_DAY)
        await bot.delivered([private, group], 2, since)
        bot.clock.move_to(kyiv(A_WEEK_LATER, 8))
        bot.publish(A_WEEK_LATER)
        await bot.delivered([private], 3, since)
        await bot.settled()
        sent = bot.api.sent[since:]
        settings = bot.running.settings
    api, figures_api = bot.api, bot.figures_api
    daily = post_of(sent, private, "<b>Russian losses · 20 December 2024")
    alert = post_of(sent, private, "🏆")
    group_daily = post_of(sent, group, "<b>Russian losses · 20 December 2024")
    assert daily.message is not None
    assert alert.message is not None
    assert group_daily.message is not None
    chart, share = buttons(daily.message)
    assert (chart["text"], chart["callback_data"]) == ("📈 Chart of the day", "1:chart:2024-12-20")
    assert (share["text"], share["switch_inline_query"]) == ("↗️ Share", "day 2024-12-20")
    assert [button["callback_data"] for button in buttons(alert.message)] == ["1:records"]

    async with started_bot(settings, api, figures_api):
        mark = len(api.sent)
        api.press_button(daily, encode(DayChart(RECORD_DAY)))
        photo = await api.wait_for(lambda call: call.method == "sendPhoto")
        assert photo.chat_id == private.id
        assert (photo.photo or b"").startswith(b"\x89PNG")
        assert "21 November – 20 December 2024" in (photo.text or "")

        api.press_button(alert, encode(RecordsTable()))
        records = await api.wait_for(
            lambda call: (
                call.chat_id == private.id
                and (call.text or "").startswith("🏆 <b>One-day records</b>")
            )
        )
        assert "since 1 April 2022" in (records.text or "")

        member = api.new_user(language_code="en")
        api.press_button(group_daily, encode(DayChart(RECORD_DAY)), member)
        answered = await api.wait_for(
            lambda call: call.method == "answerCallbackQuery" and "url" in call.params,
            include_failed=True,
        )
        username = api.state.bot.username
        assert answered.params["url"] == f"https://t.me/{username}?start=chart-2024-12-20"
        assert [call.chat_id for call in api.sent[mark:]].count(group.id) == 0
        followed = api.private_chat(member)
        api.send_command(followed, None, "/start chart-2024-12-20")
        linked = await api.wait_for(
            lambda call: call.method == "sendPhoto" and call.chat_id == followed.id
        )
        assert "20 December 2024" in (linked.text or "")
