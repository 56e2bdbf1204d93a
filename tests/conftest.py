"""Shared fixtures: the fake figures API, the fake channel page, the databases (SQLite,
PostgreSQL), the fake Bot API, the running Application, and delivery helpers."""

pytest_plugins = [
    "tests.support.fixtures_figures",
    "tests.support.fixtures_channel",
    "tests.support.fixtures_db",
    "tests.support.fixtures_bot_api",
    "tests.support.fixtures_app",
    "tests.support.fixtures_delivery",
]
