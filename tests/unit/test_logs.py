"""Log lines: one per event, in text or JSON, and the bot token never in any of them."""

from __future__ import annotations

import json
import logging

import pytest

from bot.logs import configure_logging

TOKEN = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcd"


def log_a_failed_request() -> None:
    log = logging.getLogger("bot.test")
    log.info("POST https://api.telegram.org/bot%s/sendMessage", TOKEN)
    try:
        raise RuntimeError(f"https://api.telegram.org/bot{TOKEN}/getMe timed out")
    except RuntimeError:
        log.exception("request failed")


@pytest.fixture(autouse=True)
def restore_logging() -> object:
    yield None
    logging.basicConfig(force=True, handlers=[logging.NullHandler()])


@pytest.mark.parametrize("json_lines", [False, True], ids=["text", "json"])
def test_the_token_never_appears_in_a_log_line_even_inside_a_traceback(
    json_lines: bool, capsys: pytest.CaptureFixture[str]
) -> None:
    configure_logging(TOKEN, json_lines=json_lines)

    log_a_failed_request()

    output = capsys.readouterr().err
    assert "ABCDEFGHIJ" not in output
    assert output.count("[token]") == 2  # the request line and the exception message
    assert "RuntimeError" in output


@pytest.mark.parametrize("json_lines", [False, True], ids=["text", "json"])
def test_every_event_is_one_line(json_lines: bool, capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging(TOKEN, json_lines=json_lines)

    log_a_failed_request()

    assert len(capsys.readouterr().err.splitlines()) == 2


def test_json_lines_carry_the_level_the_logger_and_the_message(
    capsys: pytest.CaptureFixture[str],
) -> None:
    configure_logging(TOKEN, json_lines=True)

    logging.getLogger("bot.poll").warning("figures API unavailable")

    line = json.loads(capsys.readouterr().err)
    assert (line["level"], line["logger"], line["message"]) == (
        "WARNING",
        "bot.poll",
        "figures API unavailable",
    )
