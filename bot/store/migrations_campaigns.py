"""Campaign schema migrations from m100 on, registered on the shared `migrations` list."""

from __future__ import annotations

from sqlite_utils import Database

from bot.store.migrations import migrations


@migrations()
def m100_campaign_sender_lease(db: Database) -> None:
    """One campaign sender at a time across processes (the scheduler in serve/telegram, or `campaigns send`): a lease row."""
    db.table("campaign_leases").create(
        {"name": str, "holder": str, "expires_at": str, "acquired_at": str}, pk="name", if_not_exists=True
    )
