"""SQLite storage through sqlite-utils: WAL, foreign keys, migrations."""

from bot.store.knowledge_store import KnowledgeStore
from bot.store.store import Store

__all__ = ["KnowledgeStore", "Store"]
