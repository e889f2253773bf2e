"""What storing a message does to its conversation (called inside the transaction that stores the message)."""

from __future__ import annotations

import json

from sqlite_utils import Database


def after_message(db: Database, conversation_id: str, ts: str, *, direction: str) -> None:
    """A message was stored: the conversation was active at `ts`, and a shopper message ("in") reopens a resolved,
    snoozed or waiting conversation (a resolved one reopening is an event: "resolved by the bot alone" excludes
    conversations reopened within a day)."""
    db.table("conversations").update(conversation_id, {"updated_at": ts})
    if direction != "in":
        return
    row = db.execute("SELECT status FROM conversations WHERE id = ?", [conversation_id]).fetchone()
    if row is None or (row[0] or "open") == "open":
        return
    db.execute(
        "UPDATE conversations SET status = 'open', snoozed_until = NULL, status_changed_at = ? WHERE id = ?",
        [ts, conversation_id],
    )
    if row[0] == "resolved":
        db.table("events").insert(
            {"ts": ts, "kind": "reopened", "conversation_id": conversation_id, "data": json.dumps({"from": row[0]})}
        )
