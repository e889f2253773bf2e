"""SQLite storage through sqlite-utils: WAL, foreign keys, migrations."""

from bot.store.store import Store

__all__ = ["Store"]
