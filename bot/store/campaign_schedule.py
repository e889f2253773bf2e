"""The campaign scheduler's SQL: due campaigns and the cross-process sender lease (a mixin of CampaignStore)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.store.store import Store, _decode

CAMPAIGN_JSON = ("target", "offer")


class ScheduleSql:
    """Needs the host's `store` and `_rows` (CampaignStore)."""

    store: Store

    def _rows(self, sql: str, args: Iterable[Any] = ()) -> list[dict[str, Any]]:
        raise NotImplementedError

    def scheduled_due(self, now: str) -> list[dict[str, Any]]:
        """Campaigns the scheduler must work on: approved with a schedule that has come, and every one still sending."""
        rows = self._rows(
            "SELECT * FROM campaigns WHERE (status = 'approved' AND COALESCE(schedule_at, '') != '' AND schedule_at <= ?) "
            "OR status = 'sending' ORDER BY id",
            [now],
        )
        return [r for r in (_decode(r, CAMPAIGN_JSON) for r in rows) if r]

    def acquire_lease(self, name: str, holder: str, *, ttl_s: float, dead: Iterable[str] = ()) -> bool:
        """Take or renew the lease `name` for `holder` for ttl_s seconds; True if holder has it now.

        It is free when nobody holds it, when it expired, or when its holder is in `dead` (a process known to be gone).
        """
        now = datetime.now(UTC)
        expires = (now + timedelta(seconds=ttl_s)).isoformat(timespec="milliseconds")
        stamp = now.isoformat(timespec="milliseconds")
        gone = list(dead)
        marks = ",".join("?" * len(gone)) or "NULL"
        with self.store.tx() as db:
            db.execute(
                "INSERT OR IGNORE INTO campaign_leases (name, holder, expires_at, acquired_at) VALUES (?, '', '', '')",
                [name],
            )
            cur = db.execute(
                "UPDATE campaign_leases SET holder = ?, expires_at = ?, "
                "acquired_at = CASE WHEN holder = ? THEN acquired_at ELSE ? END "
                f"WHERE name = ? AND (holder = ? OR holder = '' OR expires_at < ? OR holder IN ({marks}))",
                [holder, expires, holder, stamp, name, holder, stamp, *gone],
            )
            return cur.rowcount == 1

    def release_lease(self, name: str, holder: str) -> None:
        """Give the lease back (only if `holder` has it)."""
        with self.store.tx() as db:
            db.execute(
                "UPDATE campaign_leases SET holder = '', expires_at = '' WHERE name = ? AND holder = ?", [name, holder]
            )

    def lease(self, name: str) -> dict[str, Any] | None:
        """Who holds the lease and until when (None or an empty holder: nobody)."""
        rows = self._rows("SELECT * FROM campaign_leases WHERE name = ?", [name])
        return rows[0] if rows and rows[0]["holder"] else None
