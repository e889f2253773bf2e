"""Bot replies' later migrations (m130 on), registered on the shared `migrations` list."""

from __future__ import annotations

from sqlite_utils import Database

from bot.store.migrations import migrations


@migrations()
def m130_message_cards(db: Database) -> None:
    """A bot reply's product cards (JSON list of SKUs): a card click is counted only for a card that reply showed."""
    if "cards" not in db.table("messages").columns_dict:
        db.table("messages").add_column("cards", str)
