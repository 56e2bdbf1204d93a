"""Logging set-up: one line per event, and the bot token never reaches a log line."""

from __future__ import annotations

import logging
import re

from pythonjsonlogger.json import JsonFormatter

_TOKEN_SHAPE = re.compile(r"\d{5,}:[A-Za-z0-9_-]{20,}")


class RedactSecrets(logging.Filter):
    """Replaces the bot token (and anything shaped like a token) in every record with `[token]`.

    URLs of the Bot API carry the token in their path (`/bot<token>/sendMessage`), and libraries log
    those URLs on errors; the filter rewrites the formatted message so no handler ever sees it.
    """

    def __init__(self, *secrets: str) -> None:
        super().__init__()
        self._secrets = tuple(secret for secret in secrets if secret)

    def redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "[token]")
        return _TOKEN_SHAPE.sub("[token]", text)

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        redacted = self.redact(message)
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self.redact(record.exc_text)
            # Formatters that format exc_info themselves (JSON) would bypass the redacted text.
            record.exc_info = None
        if redacted != message:
            record.msg, record.args = redacted, None
        return True


class OneLineFormatter(logging.Formatter):
    """`time level logger: message`, a traceback folded into the same line (`\\n` escaped)."""

    def format(self, record: logging.LogRecord) -> str:
        return super().format(record).replace("\n", "\\n")


def configure_logging(*secrets: str, level: int = logging.INFO, json_lines: bool = False) -> None:
    """Logs to stderr, one line per event (text or JSON), with secrets redacted everywhere."""
    handler = logging.StreamHandler()
    formatter: logging.Formatter
    if json_lines:
        formatter = JsonFormatter(
            "%(asctime)s %(levelname)s %(name)s %(message)s",
            rename_fields={"asctime": "time", "levelname": "level", "name": "logger"},
        )
    else:
        formatter = OneLineFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s")
    handler.setFormatter(formatter)
    handler.addFilter(RedactSecrets(*secrets))
    logging.basicConfig(level=level, handlers=[handler], force=True)
    # httpx logs every request URL at INFO, and Bot API URLs contain the token.
    logging.getLogger("httpx").setLevel(logging.WARNING)
    logging.getLogger("apscheduler").setLevel(logging.WARNING)
    logging.getLogger("alembic").setLevel(logging.WARNING)
