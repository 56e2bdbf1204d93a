"""Alembic revisions, one schema step each, named `NNNN_what.py` with revision id `NNNN`."""
