"""Updates are handled concurrently across chats, one after another within a chat."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from telegram import Chat, Message, Update

from bot.telegram.app import ChatOrderedProcessor


def update_in(chat_id: int, update_id: int) -> Update:
    chat = Chat(chat_id, Chat.PRIVATE)
    return Update(update_id, message=Message(update_id, datetime(2024, 10, 20, tzinfo=UTC), chat))


async def settle() -> None:
    """Let every runnable task run until it waits."""
    for _ in range(10):
        await asyncio.sleep(0)


async def step(log: list[str], name: str, gate: asyncio.Event | None = None) -> None:
    log.append(f"{name} starts")
    if gate is not None:
        await gate.wait()
    log.append(f"{name} ends")


async def test_updates_of_one_chat_are_handled_in_order_one_after_another() -> None:
    processor, gate = ChatOrderedProcessor(running=4), asyncio.Event()
    log: list[str] = []
    first = asyncio.create_task(processor.process_update(update_in(1, 1), step(log, "a", gate)))
    second = asyncio.create_task(processor.process_update(update_in(1, 2), step(log, "b")))
    await settle()
    gate.set()
    await asyncio.gather(first, second)

    assert log == ["a starts", "a ends", "b starts", "b ends"]


async def test_another_chat_is_not_held_up_by_a_slow_one() -> None:
    processor, gate = ChatOrderedProcessor(running=4), asyncio.Event()
    log: list[str] = []
    slow = asyncio.create_task(processor.process_update(update_in(1, 1), step(log, "slow", gate)))
    await settle()

    await processor.process_update(update_in(2, 2), step(log, "other"))

    assert log == ["slow starts", "other starts", "other ends"]
    gate.set()
    await slow


async def test_updates_waiting_for_their_chat_take_no_place_from_other_chats() -> None:
    processor, gate = ChatOrderedProcessor(running=2), asyncio.Event()
    log: list[str] = []
    busy = [
        asyncio.create_task(processor.process_update(update_in(1, i), step(log, f"busy {i}", gate)))
        for i in range(5)
    ]
    await settle()

    await processor.process_update(update_in(2, 9), step(log, "other"))

    assert log == ["busy 0 starts", "other starts", "other ends"]
    gate.set()
    await asyncio.gather(*busy)
