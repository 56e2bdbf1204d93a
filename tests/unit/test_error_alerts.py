"""Alerts to the admins: at most one a minute, counting the rest, never carrying the token."""

from __future__ import annotations

import logging
from types import SimpleNamespace

import pytest
from telegram.error import NetworkError

from bot.telegram.errors import AlertWindow, ErrorReporter, admin_alert

TOKEN = "123456789:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw1"


class ManualClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_the_first_error_is_alerted_at_once() -> None:
    assert AlertWindow(60.0, ManualClock()).claim() == 0


def test_errors_within_a_minute_of_an_alert_are_not_alerted() -> None:
    clock = ManualClock()
    window = AlertWindow(60.0, clock)
    window.claim()
    clock.now += 59.0

    assert window.claim() is None


def test_the_next_alert_counts_the_errors_that_were_only_logged() -> None:
    clock = ManualClock()
    window = AlertWindow(60.0, clock)
    window.claim()
    window.claim()
    window.claim()
    clock.now += 60.0

    assert window.claim() == 2


def test_an_alert_never_carries_the_token() -> None:
    error = RuntimeError(f"POST https://api.telegram.org/bot{TOKEN}/sendMessage failed")

    alert = admin_alert(error, None, 0, TOKEN)

    assert TOKEN not in alert
    assert "RuntimeError" in alert


def test_an_alert_escapes_the_error_text() -> None:
    alert = admin_alert(ValueError("<b>&"), None, 0, TOKEN)

    assert "&lt;b&gt;&amp;" in alert


def test_an_alert_says_how_many_errors_it_skipped() -> None:
    alert = admin_alert(ValueError("x"), None, 3, TOKEN)

    assert "3 more errors since the previous alert are only in the log." in alert


async def test_a_network_blip_while_polling_is_a_warning_not_an_admin_alert(
    caplog: pytest.LogCaptureFixture,
) -> None:
    reporter = ErrorReporter(frozenset({42}))
    context = SimpleNamespace(error=NetworkError("httpx.ConnectError: connection refused"))

    with caplog.at_level(logging.WARNING):
        await reporter(None, context)  # type: ignore[arg-type]

    assert [record.levelname for record in caplog.records] == ["WARNING"]
