"""Alembic migrations of the store; `Database.migrate()` applies them on start."""
