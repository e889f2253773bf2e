"""The Telegram outbox's schema migration (m127), registered on the shared `migrations` list."""

from __future__ import annotations

from sqlite_utils import Database

from bot.store.migrations import migrations


@migrations()
def m127_outbox_parts_in_flight(db: Database) -> None:
    """Outbox: how many leading parts of a long reply Telegram confirmed, and when a crash interrupted a send."""
    columns = db.table("messages").columns_dict
    if "sent_parts" not in columns:
        db.table("messages").add_column("sent_parts", int)
    if "send_interrupted_at" not in columns:
        db.table("messages").add_column("send_interrupted_at", str)
