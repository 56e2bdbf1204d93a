"""Settings: the contract's environment variables, also settable in `config/bot.env`.

Read once at start (the environment wins over the file) and passed down; no other module reads
the environment.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Annotated, Literal
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

CONFIG_FILE = Path("config/bot.env")
_WINDOW = re.compile(r"^(\d{2}):(\d{2})-(\d{2}):(\d{2})$")


@dataclass(frozen=True, slots=True)
class TimeWindow:
    """A daily window `[start, end)` in minutes after midnight; `00:00-24:00` is always open."""

    start_minute: int
    end_minute: int

    @classmethod
    def parse(cls, raw: str) -> TimeWindow:
        match = _WINDOW.match(raw.strip())
        if not match:
            raise ValueError(f"expected HH:MM-HH:MM, got {raw!r}")
        sh, sm, eh, em = (int(part) for part in match.groups())
        start, end = sh * 60 + sm, eh * 60 + em
        if sh > 23 or sm > 59 or em > 59 or end > 24 * 60 or end <= start:
            raise ValueError(f"not a window within one day: {raw!r}")
        return cls(start, end)

    def contains(self, moment: time) -> bool:
        return self.start_minute <= moment.hour * 60 + moment.minute < self.end_minute

    @property
    def start(self) -> time:
        return time(self.start_minute // 60, self.start_minute % 60)

    def __str__(self) -> str:
        return "{:02d}:{:02d}-{:02d}:{:02d}".format(
            *divmod(self.start_minute, 60), *divmod(self.end_minute, 60)
        )


class Settings(BaseSettings):
    """Everything the bot can be told from outside; names are the contract's (DESIGN.md §4)."""

    model_config = SettingsConfigDict(
        env_file=CONFIG_FILE, env_file_encoding="utf-8", extra="ignore", frozen=True
    )

    bot_token: SecretStr | None = Field(None, validation_alias="BOT_TOKEN")
    """Telegram bot token; required to run the bot, never logged."""
    bot_api_url: str = Field("https://api.telegram.org", validation_alias="BOT_API_URL")
    """Root of the Bot API server; requests go to `{BOT_API_URL}/bot{token}/{method}`."""
    losses_api_url: str = Field(
        "https://russianwarship.rip/api/v2", validation_alias="LOSSES_API_URL"
    )
    """Root of the figures API."""
    database_url: str = Field(
        "sqlite+aiosqlite:///data/bot.sqlite3", validation_alias="DATABASE_URL"
    )
    """SQLAlchemy async URL: a SQLite file or `postgresql+asyncpg://…`."""
    bot_admins: Annotated[frozenset[int], NoDecode] = Field(
        frozenset(), validation_alias="BOT_ADMINS"
    )
    """Telegram user ids allowed to use admin commands."""
    bot_timezone: ZoneInfo = Field(ZoneInfo("Europe/Kyiv"), validation_alias="BOT_TIMEZONE")
    """The schedule's time zone."""
    poll_interval: float = Field(300.0, gt=0, validation_alias="POLL_INTERVAL")
    """Seconds between polls while the day's report is awaited."""
    poll_window: Annotated[TimeWindow, NoDecode] = Field(
        TimeWindow.parse("06:00-23:00"), validation_alias="POLL_WINDOW"
    )
    """`HH:MM-HH:MM` in BOT_TIMEZONE when polling runs; `00:00-24:00` means always."""
    losses_channel_url: str | None = Field(
        "https://t.me/s/GeneralStaffZSU", validation_alias="LOSSES_CHANNEL_URL"
    )
    """Public web preview of the General Staff's Telegram channel; empty (None) = not read."""
    channel_poll_interval: float = Field(20.0, gt=0, validation_alias="CHANNEL_POLL_INTERVAL")
    """Seconds between reads of the channel while the day's report is awaited; the reader never
    sends more than one request per interval."""
    poll_deadline: float = Field(60.0, gt=0, validation_alias="POLL_DEADLINE")
    """Seconds a poll may spend reading upstream, every request and retry included (the first
    backfill of an empty store, ten times as long); an admin's /poll answers within it."""
    records_since: date = Field(date(2022, 4, 1), validation_alias="RECORDS_SINCE")
    """First report date counted for records."""
    broadcast_rate: float = Field(25.0, gt=0, validation_alias="BROADCAST_RATE")
    """Messages per second, all chats together."""
    delivery_max_attempts: int = Field(5, ge=1, validation_alias="DELIVERY_MAX_ATTEMPTS")
    """Tries of one message against timeouts and Telegram's server errors before it is recorded
    failed (a 429 is waited out and does not count)."""
    delivery_concurrency: int = Field(32, ge=1, validation_alias="DELIVERY_CONCURRENCY")
    """Messages of a broadcast in flight at once (and the sender's HTTP connections): at most
    this many can go out twice after a kill -9, beside the sent marks not yet written."""
    delivery_retention_days: int = Field(14, ge=1, validation_alias="DELIVERY_RETENTION_DAYS")
    """Days a sent, failed or skipped delivery is kept before it is deleted (the posts that a
    revision may still edit are kept longer)."""
    throttle_burst: int = Field(10, ge=1, validation_alias="THROTTLE_BURST")
    """Commands one user may send at once before the bot asks them to slow down."""
    throttle_rate: float = Field(0.5, gt=0, validation_alias="THROTTLE_RATE")
    """Commands per second one user may send on average once the burst is spent."""
    stale_after: time = Field(time(12, 0), validation_alias="STALE_AFTER")
    """Time of day (BOT_TIMEZONE) after which a missing report is reported to the admins."""
    webhook_url: str | None = Field(None, validation_alias="WEBHOOK_URL")
    """Public HTTPS URL Telegram posts updates to; set it to run with a webhook, not polling."""
    webhook_listen: str = Field("0.0.0.0", validation_alias="WEBHOOK_LISTEN")
    """Address the webhook server listens on."""
    webhook_port: int = Field(8443, ge=1, le=65535, validation_alias="WEBHOOK_PORT")
    """Port the webhook server listens on."""
    webhook_secret: SecretStr | None = Field(None, validation_alias="WEBHOOK_SECRET")
    """Secret token Telegram sends with every update; required with WEBHOOK_URL, never logged."""
    health_port: int | None = Field(None, ge=1, le=65535, validation_alias="HEALTH_PORT")
    """Port of the health endpoint (`/healthz`) and the metrics (`/metrics`); off if unset."""
    health_listen: str = Field("127.0.0.1", validation_alias="HEALTH_LISTEN")
    """Address the health and metrics server listens on."""
    updates_stale_after: float = Field(120.0, gt=0, validation_alias="UPDATES_STALE_AFTER")
    """Seconds without an answer to getUpdates after which /healthz answers 503 (long polling);
    the long poll itself lasts a quarter of it, ten seconds at most."""
    outbox_stuck_after: float = Field(600.0, gt=0, validation_alias="OUTBOX_STUCK_AFTER")
    """Seconds a due delivery may wait while nothing at all is sent before /healthz answers 503."""
    log_format: Literal["text", "json"] = Field("text", validation_alias="LOG_FORMAT")
    """`text`: one readable line per event; `json`: one JSON object per line."""

    @field_validator("bot_admins", mode="before")
    @classmethod
    def _parse_admins(cls, value: object) -> object:
        if isinstance(value, str):
            return frozenset(int(part) for part in value.replace(" ", "").split(",") if part)
        if isinstance(value, int):
            return frozenset({value})
        return value

    @field_validator("losses_channel_url", mode="before")
    @classmethod
    def _empty_is_off(cls, value: object) -> object:
        if isinstance(value, str) and not value.strip():
            return None
        return value.strip() if isinstance(value, str) else value

    @field_validator("bot_timezone", mode="before")
    @classmethod
    def _parse_timezone(cls, value: object) -> object:
        if isinstance(value, str):
            try:
                return ZoneInfo(value)
            except (ZoneInfoNotFoundError, ValueError) as error:
                raise ValueError(f"unknown time zone {value!r}") from error
        return value

    @field_validator("poll_window", mode="before")
    @classmethod
    def _parse_window(cls, value: object) -> object:
        return TimeWindow.parse(value) if isinstance(value, str) else value

    @model_validator(mode="after")
    def _webhook_needs_secret(self) -> Settings:
        if self.webhook_url and self.webhook_secret is None:
            raise ValueError("WEBHOOK_SECRET is required with WEBHOOK_URL")
        return self

    @property
    def sqlite_path(self) -> Path | None:
        """The SQLite file behind `database_url`, if it is one (its folder is made on start)."""
        prefix = "sqlite+aiosqlite:///"
        if self.database_url.startswith(prefix) and ":memory:" not in self.database_url:
            return Path(self.database_url.removeprefix(prefix))
        return None
