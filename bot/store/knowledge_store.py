"""Every SQL statement of the bot learning from staff: KB edits (audit), FAQ drafts, corrections, attachments."""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import Any

from bot.errors import StoreError
from bot.store.store import Store, _decode, now_iso

CORRECTION_JSON = ("grounding", "must_include", "must_not_include")


class KnowledgeStore:
    """The learning tables behind the same connection and lock as `Store` (one writer per process)."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.db = store.db
        self._lock = store._lock  # noqa: SLF001 - the store's own writer lock

    def _rows(self, sql: str, args: Iterable[Any] = ()) -> list[dict[str, Any]]:
        with self._lock:
            cur = self.db.execute(sql, list(args))
            cols = [c[0] for c in cur.description]
            return [dict(zip(cols, r, strict=True)) for r in cur.fetchall()]

    def _insert(self, table: str, row: dict[str, Any]) -> int:
        with self.store.tx() as db:
            t = db.table(table)
            t.insert(row)
            if t.last_pk is None:
                raise StoreError(f"insert into {table} returned no id")
            return int(t.last_pk)

    # ------------------------------------------------------------------ KB edits (audit)
    def record_edit(self, actor: str, action: str, path: str, *, status: str, reason: str = "", **fields: Any) -> int:
        """Append one knowledge-base edit, saved or rejected, with who made it and when."""
        row = {
            "ts": now_iso(),
            "actor": actor,
            "action": action,
            "path": path,
            "status": status,
            "reason": reason[:2000],
        }
        return self._insert("kb_edits", row | {k: fields.get(k) for k in ("version", "sha_before", "sha_after")})

    def edits(self, path: str | None = None, *, limit: int = 100) -> list[dict[str, Any]]:
        """Latest edits first, optionally of one file."""
        if path is not None:
            return self._rows("SELECT * FROM kb_edits WHERE path = ? ORDER BY id DESC LIMIT ?", [path, limit])
        return self._rows("SELECT * FROM kb_edits ORDER BY id DESC LIMIT ?", [limit])

    # ------------------------------------------------------------------ FAQ drafts
    def add_draft(self, *, question: str, answer: str, by: str, conversation_id: str, message_id: int) -> int:
        """A draft FAQ entry from a staff answer; returns its id (one draft per staff message: the existing one)."""
        existing = self._rows("SELECT id FROM faq_drafts WHERE message_id = ? AND status = 'draft'", [message_id])
        if existing:
            return int(existing[0]["id"])
        row = {
            "created_at": now_iso(),
            "created_by": by,
            "conversation_id": conversation_id,
            "message_id": message_id,
            "question": question,
            "answer": answer,
            "status": "draft",
        }
        return self._insert("faq_drafts", row)

    def draft(self, draft_id: int) -> dict[str, Any] | None:
        """One draft or None."""
        rows = self._rows("SELECT * FROM faq_drafts WHERE id = ?", [draft_id])
        return rows[0] if rows else None

    def drafts(self, *, status: str | None = None, limit: int = 200) -> list[dict[str, Any]]:
        """Drafts, newest first, optionally with one status."""
        if status:
            return self._rows("SELECT * FROM faq_drafts WHERE status = ? ORDER BY id DESC LIMIT ?", [status, limit])
        return self._rows("SELECT * FROM faq_drafts ORDER BY id DESC LIMIT ?", [limit])

    def drafts_for(self, conversation_ids: Iterable[str]) -> dict[str, list[dict[str, Any]]]:
        """Drafts made from each of these conversations (for the knowledge-gaps table)."""
        ids = list(conversation_ids)
        if not ids:
            return {}
        marks = ",".join("?" * len(ids))
        out: dict[str, list[dict[str, Any]]] = {}
        for row in self._rows(f"SELECT * FROM faq_drafts WHERE conversation_id IN ({marks}) ORDER BY id", ids):
            out.setdefault(row["conversation_id"], []).append(row)
        return out

    def drafts_by_question(self, questions: Iterable[str]) -> dict[str, dict[str, Any]]:
        """The latest draft titled with each of these questions (compared without case or spacing), by question."""
        wanted = {" ".join(q.lower().split()): q for q in questions}
        out: dict[str, dict[str, Any]] = {}
        for row in self._rows("SELECT * FROM faq_drafts WHERE status != 'discarded' ORDER BY id"):
            asked = wanted.get(" ".join(str(row["question"]).lower().split()))
            if asked is not None:
                out[asked] = row
        return out

    def decide_draft(self, draft_id: int, status: str, *, by: str, **fields: Any) -> None:
        """Publish or discard a draft (question, answer and path as published)."""
        values = {"status": status, "decided_at": now_iso(), "decided_by": by}
        values |= {k: v for k, v in fields.items() if k in ("question", "answer", "path")}
        with self.store.tx() as db:
            db.table("faq_drafts").update(draft_id, values)

    # ------------------------------------------------------------------ corrections
    def add_correction(
        self,
        *,
        by: str,
        conversation_id: str,
        message_id: int,
        question: str,
        grounding: list[dict[str, Any]],
        bot_answer: str,
        corrected_answer: str,
        must_include: list[str],
        must_not_include: list[str],
    ) -> int:
        """Store a staff correction of a bot reply as a (question, grounding, corrected answer) example."""
        row = {
            "created_at": now_iso(),
            "created_by": by,
            "conversation_id": conversation_id,
            "message_id": message_id,
            "question": question,
            "grounding": json.dumps(grounding, ensure_ascii=False),
            "bot_answer": bot_answer,
            "corrected_answer": corrected_answer,
            "must_include": json.dumps(must_include, ensure_ascii=False),
            "must_not_include": json.dumps(must_not_include, ensure_ascii=False),
        }
        return self._insert("corrections", row)

    def corrections(self, *, limit: int = 1000) -> list[dict[str, Any]]:
        """Corrections, oldest first, JSON columns decoded."""
        rows = self._rows("SELECT * FROM corrections ORDER BY id LIMIT ?", [limit])
        return [r for r in (_decode(r, CORRECTION_JSON) for r in rows) if r]

    def corrections_of(self, message_ids: Iterable[int]) -> set[int]:
        """Which of these bot messages have a correction."""
        ids = list(message_ids)
        if not ids:
            return set()
        marks = ",".join("?" * len(ids))
        return {
            r["message_id"]
            for r in self._rows(f"SELECT message_id FROM corrections WHERE message_id IN ({marks})", ids)
        }

    # ------------------------------------------------------------------ attachments
    def add_attachment(self, **fields: Any) -> int:
        """Record a stored attachment (the file is already on disk)."""
        keys = ("conversation_id", "customer_id", "message_id", "channel", "mime", "size", "sha256", "path")
        return self._insert("attachments", {"created_at": now_iso(), **{k: fields.get(k) for k in keys}})

    def attach_to_message(self, attachment_id: int, message_id: int) -> None:
        """Link an attachment to the transcript message that shows it."""
        with self.store.tx() as db:
            db.table("attachments").update(attachment_id, {"message_id": message_id})

    def attachment(self, attachment_id: int) -> dict[str, Any] | None:
        """One attachment row or None."""
        rows = self._rows("SELECT * FROM attachments WHERE id = ?", [attachment_id])
        return rows[0] if rows else None

    def attachments_in(self, conversation_id: str) -> dict[int, list[dict[str, Any]]]:
        """A conversation's attachments by the message that shows them."""
        out: dict[int, list[dict[str, Any]]] = {}
        for row in self._rows("SELECT * FROM attachments WHERE conversation_id = ? ORDER BY id", [conversation_id]):
            out.setdefault(row["message_id"] or 0, []).append(row)
        return out
