"""SQLite storage through sqlite-utils: WAL, foreign keys, migrations."""

from bot.store.dashboard_metrics import metrics_rows
from bot.store.knowledge_store import KnowledgeStore
from bot.store.staff_store import ROLES, LoginPolicy, StaffStore, StaffUser
from bot.store.store import Store

__all__ = ["ROLES", "KnowledgeStore", "LoginPolicy", "StaffStore", "StaffUser", "Store", "metrics_rows"]
