"""Every SQL statement of marketing: consent history, campaigns, variants, copy, recipients, audit log (orders
upsert and attribution reads in campaign_orders.py, the scheduler's in campaign_schedule.py)."""

from __future__ import annotations

import json
from collections.abc import Iterable
from datetime import UTC, datetime, timedelta
from typing import Any

from bot.errors import StoreError
from bot.store.campaign_orders import OrderSql, json_text
from bot.store.campaign_schedule import CAMPAIGN_JSON, ScheduleSql
from bot.store.dialect import dialect_of, iso_plus_days
from bot.store.store import Store, _decode, now_iso

RECIPIENT_JSON = ("offered",)


class CampaignStore(ScheduleSql, OrderSql):
    """Marketing tables behind the same connection and lock as `Store` (one writer per process)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.db
        self._lock = store._lock  # noqa: SLF001 - the store's own writer lock

    def _rows(self, sql: str, args: Iterable[Any] = ()) -> list[dict[str, Any]]:
        with self._lock:
            cur = self.db.execute(sql, list(args))
            cols = [c[0] for c in cur.description]
            return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    # ------------------------------------------------------------------ consent
    def set_consent(
        self, customer_id: str, granted: bool, *, source: str, note: str = "", ts: str | None = None
    ) -> None:
        """Append a marketing-consent change (the latest row is the customer's current state)."""
        with self.store.tx() as db:
            db.table("marketing_consent").insert(
                {
                    "customer_id": customer_id,
                    "granted": int(granted),
                    "source": source[:100],
                    "ts": ts or now_iso(),
                    "note": note[:300],
                }
            )

    def consent(self, customer_id: str) -> bool:
        """Whether the customer's latest marketing-consent record grants it (no record: no consent)."""
        rows = self._rows(
            "SELECT granted FROM marketing_consent WHERE customer_id = ? ORDER BY id DESC LIMIT 1", [customer_id]
        )
        return bool(rows and rows[0]["granted"])

    def consent_history(self, customer_id: str) -> list[dict[str, Any]]:
        """Every consent change of a customer, oldest first."""
        return self._rows(
            "SELECT granted, source, ts, note FROM marketing_consent WHERE customer_id = ? ORDER BY id", [customer_id]
        )

    def consented_customers(self) -> set[str]:
        """Customers whose latest consent record grants marketing."""
        rows = self._rows(
            "SELECT m.customer_id FROM marketing_consent m JOIN (SELECT customer_id, MAX(id) AS id FROM marketing_consent GROUP BY customer_id) l "
            "ON m.id = l.id WHERE m.granted = 1"
        )
        return {r["customer_id"] for r in rows}

    # ------------------------------------------------------------------ audit
    def audit(self, actor: str, action: str, target: str, **data: Any) -> None:
        """Append one audit entry (approvals, sends, cancellations, consent changes by staff)."""
        with self.store.tx() as db:
            db.table("audit_log").insert(
                {
                    "ts": now_iso(),
                    "actor": actor,
                    "action": action,
                    "target": target,
                    "data": json.dumps(data, ensure_ascii=False),
                }
            )

    def audit_log(self, target: str | None = None, *, limit: int = 200) -> list[dict[str, Any]]:
        """Latest audit entries first, optionally for one target (e.g. 'campaign:3')."""
        if target:
            rows = self._rows("SELECT * FROM audit_log WHERE target = ? ORDER BY id DESC LIMIT ?", [target, limit])
        else:
            rows = self._rows("SELECT * FROM audit_log ORDER BY id DESC LIMIT ?", [limit])
        return [r for r in (_decode(r) for r in rows) if r]

    # ------------------------------------------------------------------ campaigns
    def create_campaign(self, fields: dict[str, Any], variants: list[dict[str, Any]]) -> int:
        """Insert a draft campaign and its variants; returns its id."""
        ts = now_iso()
        row = {k: json_text(v) for k, v in fields.items()} | {"status": "draft", "created_at": ts, "updated_at": ts}
        with self.store.tx() as db:
            table = db.table("campaigns")
            table.insert(row)
            cid = int(table.last_pk or 0)
            for v in variants:
                db.table("campaign_variants").insert({"campaign_id": cid, **v})
        return cid

    def update_campaign(self, campaign_id: int, **fields: Any) -> None:
        """Change campaign columns (JSON fields are encoded)."""
        values = {k: json_text(v) for k, v in fields.items()} | {"updated_at": now_iso()}
        with self.store.tx() as db:
            db.table("campaigns").update(campaign_id, values)

    def set_status(self, campaign_id: int, new: str, *, expect: Iterable[str], **fields: Any) -> bool:
        """Move a campaign to `new` only from one of the `expect` states (compare-and-set); True if it moved."""
        expected = list(expect)
        sets = {"status": new, "updated_at": now_iso(), **fields}
        marks = ",".join("?" * len(expected))
        with self.store.tx() as db:
            cur = db.execute(
                f"UPDATE campaigns SET {', '.join(f'{k} = ?' for k in sets)} WHERE id = ? AND status IN ({marks})",
                [*sets.values(), campaign_id, *expected],
            )
            return cur.rowcount == 1

    def get_campaign(self, campaign_id: int) -> dict[str, Any] | None:
        """One campaign with its variants, or None."""
        rows = self._rows("SELECT * FROM campaigns WHERE id = ?", [campaign_id])
        if not rows:
            return None
        out = _decode(rows[0], CAMPAIGN_JSON) or {}
        out["variants"] = self._rows(
            "SELECT name, weight, tone FROM campaign_variants WHERE campaign_id = ? ORDER BY name", [campaign_id]
        )
        return out

    def campaigns(self, *, limit: int = 100) -> list[dict[str, Any]]:
        """Latest campaigns first."""
        rows = self._rows("SELECT * FROM campaigns ORDER BY id DESC LIMIT ?", [limit])
        return [r for r in (_decode(r, CAMPAIGN_JSON) for r in rows) if r]

    # ------------------------------------------------------------------ copy
    def save_copy(
        self, campaign_id: int, variant: str, segment: str, text: str, *, source: str, verdict: dict[str, Any]
    ) -> None:
        """Insert or replace the copy for one variant and segment."""
        with self.store.tx() as db:
            db.table("campaign_copies").upsert(
                {
                    "campaign_id": campaign_id,
                    "variant": variant,
                    "segment": segment,
                    "text": text,
                    "source": source,
                    "verdict": json.dumps(verdict),
                    "created_at": now_iso(),
                },
                pk=("campaign_id", "variant", "segment"),
            )

    def copies(self, campaign_id: int) -> list[dict[str, Any]]:
        """Every copy of a campaign, by variant then segment."""
        rows = self._rows(
            "SELECT variant, segment, text, source, verdict, created_at FROM campaign_copies WHERE campaign_id = ? "
            "ORDER BY variant, segment",
            [campaign_id],
        )
        return [r for r in (_decode(r, ("verdict",)) for r in rows) if r]

    def all_copies(self, *, sources: Iterable[str] = ("staff", "model", "template")) -> list[dict[str, Any]]:
        """Copy of every campaign (training data for `llm tune --task copy`)."""
        wanted = list(sources)
        rows = self._rows(
            f"SELECT * FROM campaign_copies WHERE source IN ({','.join('?' * len(wanted))}) ORDER BY id", wanted
        )
        return [r for r in (_decode(r, ("verdict",)) for r in rows) if r]

    # ------------------------------------------------------------------ recipients
    def queue_recipients(self, campaign_id: int, rows: list[dict[str, Any]]) -> int:
        """Insert recipient rows as queued; a customer already queued for this campaign is left alone. Returns rows added."""
        ts = now_iso()
        added = 0
        with self.store.tx() as db:
            for r in rows:
                values = {k: json_text(v) for k, v in r.items()} | {
                    "campaign_id": campaign_id,
                    "status": "queued",
                    "queued_at": ts,
                }
                cols = ",".join(values)
                cur = db.execute(
                    f"INSERT OR IGNORE INTO campaign_recipients ({cols}) VALUES ({','.join('?' * len(values))})",
                    list(values.values()),
                )
                added += cur.rowcount
        return added

    def due_recipients(self, campaign_id: int, *, now: str, limit: int = 500) -> list[dict[str, Any]]:
        """Queued recipients whose quiet hours are over, in id order."""
        rows = self._rows(
            "SELECT * FROM campaign_recipients WHERE campaign_id = ? AND status = 'queued' AND (not_before IS NULL OR not_before <= ?) "
            "ORDER BY id LIMIT ?",
            [campaign_id, now, limit],
        )
        return [r for r in (_decode(r, RECIPIENT_JSON) for r in rows) if r]

    def claim(self, recipient_id: int) -> bool:
        """Mark a queued recipient as being sent (before the network call); False if someone else has it."""
        with self.store.tx() as db:
            return (
                db.execute(
                    "UPDATE campaign_recipients SET status = 'sending', claimed_at = ? WHERE id = ? AND status = 'queued'",
                    [now_iso(), recipient_id],
                ).rowcount
                == 1
            )

    def finish(
        self,
        recipient_id: int,
        status: str,
        *,
        reason: str | None = None,
        text: str | None = None,
        not_before: str | None = None,
    ) -> None:
        """Record the outcome of one send: sent, failed (with reason), skipped (with reason) or back to queued (deferred)."""
        sets: dict[str, Any] = {"status": status, "reason": reason}
        if status == "sent":
            sets["sent_at"] = now_iso()
        if text is not None:
            sets["text"] = text
        if status == "queued":
            sets["not_before"] = not_before
            sets["claimed_at"] = None
        with self.store.tx() as db:
            db.execute(
                f"UPDATE campaign_recipients SET {', '.join(f'{k} = ?' for k in sets)} WHERE id = ?",
                [*sets.values(), recipient_id],
            )

    def in_doubt(self, campaign_id: int) -> list[dict[str, Any]]:
        """Recipients claimed but never marked: the process died while their message was in flight."""
        return self._rows(
            "SELECT * FROM campaign_recipients WHERE campaign_id = ? AND status = 'sending' ORDER BY id", [campaign_id]
        )

    def recipient(self, recipient_id: int) -> dict[str, Any] | None:
        """One recipient row."""
        rows = self._rows("SELECT * FROM campaign_recipients WHERE id = ?", [recipient_id])
        return _decode(rows[0], RECIPIENT_JSON) if rows else None

    def recipients(self, campaign_id: int, *, status: str | None = None, limit: int = 100_000) -> list[dict[str, Any]]:
        """A campaign's recipients (optionally of one status)."""
        sql = "SELECT * FROM campaign_recipients WHERE campaign_id = ?"
        args: list[Any] = [campaign_id]
        if status:
            sql, args = sql + " AND status = ?", [*args, status]
        rows = self._rows(sql + " ORDER BY id LIMIT ?", [*args, limit])
        return [r for r in (_decode(r, RECIPIENT_JSON) for r in rows) if r]

    def counts(self, campaign_id: int) -> dict[str, int]:
        """Recipients per status."""
        return {
            r["status"]: r["n"]
            for r in self._rows(
                "SELECT status, COUNT(*) AS n FROM campaign_recipients WHERE campaign_id = ? GROUP BY status",
                [campaign_id],
            )
        }

    def last_sent(self, customer_id: str) -> str | None:
        """When the customer last got any campaign message (frequency cap)."""
        rows = self._rows(
            "SELECT MAX(sent_at) AS t FROM campaign_recipients WHERE customer_id = ? AND status IN ('sent', 'sending')",
            [customer_id],
        )
        return rows[0]["t"] if rows else None

    def sent_since(self, customer_id: str, since: str) -> int:
        """How many campaign messages the customer got (or has in flight) since `since`."""
        rows = self._rows(
            "SELECT COUNT(*) AS n FROM campaign_recipients WHERE customer_id = ? AND status IN ('sent', 'sending') AND "
            "COALESCE(sent_at, claimed_at) >= ?",
            [customer_id, since],
        )
        return int(rows[0]["n"])

    def mark(self, recipient_id: int, field: str, *, when: str | None = None, **extra: Any) -> bool:
        """Set opened_at / clicked_at / replied_at / purchased_at / opted_out_at once (the first time counts)."""
        if field not in ("opened_at", "clicked_at", "replied_at", "purchased_at", "opted_out_at"):
            raise StoreError(f"not a recipient event: {field}")
        sets = {field: when or now_iso(), **extra}
        with self.store.tx() as db:
            return (
                db.execute(
                    f"UPDATE campaign_recipients SET {', '.join(f'{k} = ?' for k in sets)} WHERE id = ? AND {field} IS NULL",
                    [*sets.values(), recipient_id],
                ).rowcount
                == 1
            )

    def add_purchase(self, recipient_id: int, *, order_id: str, when: str, amount: float) -> None:
        """Attribute an order to a recipient: the first one sets purchased_at and order_id; every one adds its revenue."""
        with self.store.tx() as db:
            db.execute(
                "UPDATE campaign_recipients SET purchased_at = COALESCE(purchased_at, ?), order_id = COALESCE(order_id, ?), "
                "revenue = COALESCE(revenue, 0) + ? WHERE id = ?",
                [when, order_id, amount, recipient_id],
            )

    def refresh_replies(self, campaign_id: int, *, days: int = 7) -> int:
        """Set replied_at where the customer wrote to the shop (any channel) within `days` after the message; returns rows set."""
        window = iso_plus_days(dialect_of(self.db), "campaign_recipients.sent_at")
        with self.store.tx() as db:
            return db.execute(
                "UPDATE campaign_recipients SET replied_at = (SELECT MIN(m.created_at) FROM messages m JOIN conversations c ON c.id = m.conversation_id "
                "WHERE c.customer_id = campaign_recipients.customer_id AND m.direction = 'in' AND m.created_at > campaign_recipients.sent_at "
                f"AND m.created_at <= {window}) "
                "WHERE campaign_id = ? AND status = 'sent' AND replied_at IS NULL",
                [int(days), campaign_id],
            ).rowcount

    def received_by(self, customer_id: str) -> list[dict[str, Any]]:
        """Campaign messages a customer received (customer panel), newest first."""
        return self._rows(
            "SELECT r.*, c.name AS campaign FROM campaign_recipients r JOIN campaigns c ON c.id = r.campaign_id "
            "WHERE r.customer_id = ? ORDER BY r.id DESC",
            [customer_id],
        )

    def sent_to(self, customer_id: str, *, since: str) -> list[dict[str, Any]]:
        """Sent campaign messages of a customer since a time (attribution candidates), newest first."""
        rows = self._rows(
            "SELECT * FROM campaign_recipients WHERE customer_id = ? AND status = 'sent' AND sent_at >= ? ORDER BY sent_at DESC",
            [customer_id, since],
        )
        return [r for r in (_decode(r, RECIPIENT_JSON) for r in rows) if r]

    def pending_web(self, customer_id: str) -> list[dict[str, Any]]:
        """Queued web-inbox campaign messages for a customer (delivered when they open the chat)."""
        rows = self._rows(
            "SELECT r.* FROM campaign_recipients r JOIN campaigns c ON c.id = r.campaign_id WHERE r.customer_id = ? "
            "AND r.channel = 'web' AND r.status = 'queued' AND c.status IN ('sending', 'done') ORDER BY r.id",
            [customer_id],
        )
        return [r for r in (_decode(r, RECIPIENT_JSON) for r in rows) if r]

    def forget(self, customer_id: str) -> None:
        """Erasure: consent history, campaign log rows and order items of orders that are gone."""
        with self.store.tx() as db:
            db.execute("DELETE FROM marketing_consent WHERE customer_id = ?", [customer_id])
            db.execute("DELETE FROM campaign_recipients WHERE customer_id = ?", [customer_id])
            db.execute("DELETE FROM order_items WHERE order_id NOT IN (SELECT order_id FROM orders)")

    def customer_ids(self) -> list[str]:
        """Every customer id (the population a target is applied to)."""
        return [r["id"] for r in self._rows("SELECT id FROM customers ORDER BY id")]

    # ------------------------------------------------------------------ blocking states
    def blocked_customers(self, *, since_days: int = 14) -> dict[str, str]:
        """Customers who must get no marketing now: open case, conversation with staff, recent complaint or hand-off."""
        since = (datetime.now(UTC) - timedelta(days=since_days)).isoformat(timespec="milliseconds")
        out: dict[str, str] = {}
        for r in self._rows("SELECT DISTINCT customer_id FROM cases WHERE status = 'open' AND customer_id IS NOT NULL"):
            out[r["customer_id"]] = "open case"
        for r in self._rows(
            "SELECT customer_id, mode, flags, updated_at FROM conversations WHERE mode = 'staff' OR "
            "((flags LIKE '%handoff%' OR flags LIKE '%complaint%') AND updated_at >= ?)",
            [since],
        ):
            out.setdefault(r["customer_id"], "with staff" if r["mode"] == "staff" else "recent complaint or hand-off")
        return out
