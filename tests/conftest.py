"""Shared fixtures: the fake figures API, the databases (SQLite, PostgreSQL), the fake Bot API."""

from importlib.util import find_spec

# TEMPORARY while helpers write their fixture modules; the lead will list them plainly.
pytest_plugins = [
    name
    for name in (
        "tests.support.fixtures_figures",
        "tests.support.fixtures_db",
        "tests.support.fixtures_bot_api",
        "tests.support.fixtures_app",
        "tests.support.fixtures_delivery",
    )
    if find_spec(name) is not None
]
