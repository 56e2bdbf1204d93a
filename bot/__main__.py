"""Command line: `python -m bot` runs the bot; `backfill` and `show …` work on the store."""

from __future__ import annotations

import argparse
import asyncio
import sys
from collections.abc import Sequence
from pathlib import Path

from bot.logs import configure_logging
from bot.render import languages
from bot.runtime.leadership import AlreadyRunning, SoleProcess
from bot.runtime.serve import REFUSED
from bot.services.container import Services
from bot.services.sharing import card_answer, chart_answer
from bot.settings import Settings
from bot.store.database import UnusableStore, check_store_file


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bot", description=__doc__)
    commands = parser.add_subparsers(dest="command")
    commands.add_parser("run", help="run the bot: long polling, or a webhook (the default)")
    commands.add_parser(
        "backfill",
        help="store what upstream has that the store lacks (the whole history on an empty store)",
    )
    show = commands.add_parser("show", help="print exactly the text the bot would send")
    show.add_argument("what", choices=["today", "day", "since", "records"])
    show.add_argument("date", nargs="?", default="", help="for day and since: YYYY-MM-DD")
    show.add_argument("--lang", choices=languages(), default="uk")
    draw = commands.add_parser(
        "draw", help="write the picture the bot would send: a /chart, or a daily post's card"
    )
    draw.add_argument("what", choices=["chart", "card"])
    draw.add_argument(
        "words", nargs="*", help="chart: /chart's arguments (air defence 1y); card: YYYY-MM-DD"
    )
    draw.add_argument("--lang", choices=languages(), default="uk")
    draw.add_argument("--out", required=True, help="the PNG file to write")
    return parser.parse_args(argv)


async def draw(services: Services, what: str, words: Sequence[str], lang: str, out: str) -> str:
    """Writes the picture to `out`; what the bot would say with it (or instead of it)."""
    figures = await services.figures.figures()
    if what == "card":
        raw = words[0] if words else figures.history.latest.date.isoformat()
        found = await card_answer(figures, raw, lang, services.today())
    else:
        found = await chart_answer(figures, words, lang)
    if isinstance(found, str):
        return found
    await asyncio.to_thread(Path(out).write_bytes, found.png)
    return found.caption


async def show(services: Services, what: str, raw_date: str, lang: str) -> str:
    answers = services.answers
    match what:
        case "today":
            return await answers.today(lang)
        case "day":
            return await answers.day(raw_date, lang)
        case "since":
            return await answers.since(raw_date, lang)
        case _:
            return await answers.records(lang)


EMPTY_STORE = (
    "The store holds no report yet. Fill it with `python -m bot backfill` "
    "(the bot also does so on its first start), then ask again."
)


async def run_offline(arguments: argparse.Namespace, settings: Settings) -> int:
    """`backfill` or `show`; the process's exit status. A backfill writes figures: on SQLite it
    is refused while a bot process runs on the same file (it polls itself)."""
    sole = SoleProcess(settings.sqlite_path)
    if arguments.command == "backfill":
        sole.acquire()
    services = await Services.open(settings)
    try:
        if arguments.command == "backfill":
            result = await services.poller.poll()
            if result.unavailable:
                print(f"the figures API is unavailable: {result.unavailable}", file=sys.stderr)
            print(
                f"{result.stored} reports stored, {len(result.revised)} revised, "
                f"{result.deliveries} deliveries queued, latest {result.latest}"
            )
            return 1 if result.unavailable else 0
        if not (await services.figures.figures()).history:
            print(EMPTY_STORE, file=sys.stderr)
            return 1
        if arguments.command == "draw":
            words, lang = arguments.words, arguments.lang
            print(await draw(services, arguments.what, words, lang, arguments.out))
            return 0
        print(await show(services, arguments.what, arguments.date, arguments.lang))
        return 0
    finally:
        await services.close()
        sole.release()


def main(argv: Sequence[str] | None = None) -> int:
    arguments = parse_arguments(sys.argv[1:] if argv is None else argv)
    settings = Settings()
    token = settings.bot_token.get_secret_value() if settings.bot_token else ""
    configure_logging(token, json_lines=settings.log_format == "json")
    try:
        check_store_file(settings.database_url)
    except UnusableStore as error:
        print(
            f"Refusing to start: the store file {error.path} {error.reason}. Restore it from a "
            "backup, or move it away to start with a new, empty store.",
            file=sys.stderr,
        )
        return 2
    if arguments.command in (None, "run"):
        from bot.runtime.serve import run

        if not token:
            print("BOT_TOKEN is not set (environment or config/bot.env).", file=sys.stderr)
            return 2
        return run(settings)
    try:
        return asyncio.run(run_offline(arguments, settings))
    except AlreadyRunning as refusal:
        print(refusal, file=sys.stderr)
        return REFUSED


if __name__ == "__main__":
    sys.exit(main())
