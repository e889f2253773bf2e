"""A knowledge-base version's slot table (bot.core.slot_table) with the vectors of each row's question and sentence,
saved beside the index as JSON lines plus a NumPy array (never pickle), and matched by meaning at query time."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy as np

from bot.core.slot_table import page_rows
from bot.domain.slots import SlotMatch, SlotRow
from bot.errors import KnowledgeBaseError
from bot.kb.sources import Document

log = logging.getLogger(__name__)

ROWS_FILE, VECTORS_FILE = "slots.jsonl", "slots.npy"
SLOT_FORMAT = 1  # raise when bot.core.slot_table reads pages differently: versions built before are built again
# a row's score: its section's question and its own sentence, both in meaning; the sentence tells apart the rows of
# one section ("Standard: ..." from "Overnight: ..."), the question says what the section is about
QUESTION_WEIGHT = 0.4
SECTION_STRIDE = 1000  # rows of page i are numbered in sections i*1000 + n: one number per section, whole table


class SlotIndex:
    """The rows of one version and their question and sentence vectors (two unit vectors per row)."""

    def __init__(self, rows: list[SlotRow], vectors: np.ndarray) -> None:
        if len(vectors) != 2 * len(rows):
            raise KnowledgeBaseError("slot rows and vectors disagree")
        self.rows = rows
        dim = vectors.shape[1] if vectors.ndim == 2 else 0
        self._question = np.ascontiguousarray(vectors[: len(rows)], dtype=np.float32).reshape(len(rows), dim)
        self._sentence = np.ascontiguousarray(vectors[len(rows) :], dtype=np.float32).reshape(len(rows), dim)

    @classmethod
    def empty(cls) -> SlotIndex:
        """No rows (a version built before slot tables, or with no policy page)."""
        return cls([], np.zeros((0, 0), dtype=np.float32))

    @staticmethod
    def rows_of(docs: Sequence[Document]) -> list[SlotRow]:
        """The rows of every policy and FAQ page (every document that is a page, not a product or a record)."""
        rows: list[SlotRow] = []
        for i, doc in enumerate(d for d in docs if d.kind == "page"):
            rows += page_rows(doc.doc_id, doc.source, doc.title, doc.text, first_section=i * SECTION_STRIDE)
        return rows

    @staticmethod
    def texts(rows: Sequence[SlotRow]) -> list[str]:
        """What is embedded: every row's question, then every row's sentence under its heading (a sentence alone,
        "Adds 2 business days online" or "Gold: return window Unlimited", says little of what it answers)."""
        return [r.question for r in rows] + [
            f"{r.question} {r.sentence}" if r.table else f"{r.heading}: {r.sentence}" if r.heading else r.sentence
            for r in rows
        ]

    def manifest(self) -> dict[str, int]:
        """What the version's manifest says of its table."""
        return {"slot_rows": len(self.rows), "slot_format": SLOT_FORMAT}

    def match(self, query_vec: np.ndarray, *, kinds: Sequence[str] = (), k: int = 12) -> list[SlotMatch]:
        """The k rows closest in meaning to the query (of the given kinds, when any), best first."""
        if not self.rows:
            return []
        q = np.asarray(query_vec, dtype=np.float32).reshape(-1)
        scores = QUESTION_WEIGHT * (self._question @ q) + (1 - QUESTION_WEIGHT) * (self._sentence @ q)
        if kinds:
            wanted = set(kinds)
            scores = np.where([r.kind in wanted for r in self.rows], scores, -np.inf)
        order = np.argsort(-scores)[:k]
        return [SlotMatch(self.rows[i], float(scores[i])) for i in order.tolist() if np.isfinite(scores[i])]

    def section(self, row: SlotRow) -> list[SlotRow]:
        """Every row of the row's section (a table's rows, the sentences around it), in page order."""
        return [r for r in self.rows if r.section == row.section and r.doc_id == row.doc_id]

    def save(self, directory: Path) -> None:
        """Write the rows as JSON lines and the vectors as one .npy."""
        with (directory / ROWS_FILE).open("w", encoding="utf-8") as fh:
            for row in self.rows:
                fh.write(json.dumps(row.as_json(), ensure_ascii=False) + "\n")
        np.save(directory / VECTORS_FILE, np.concatenate([self._question, self._sentence]))

    @classmethod
    def load(cls, directory: Path) -> SlotIndex:
        """Read a version's table; a version saved before slot tables has none (empty)."""
        if not (directory / ROWS_FILE).exists():
            return cls.empty()
        try:
            with (directory / ROWS_FILE).open(encoding="utf-8") as fh:
                rows = [SlotRow.from_json(json.loads(line)) for line in fh if line.strip()]
            vectors = np.load(directory / VECTORS_FILE, allow_pickle=False)
        except (OSError, ValueError, TypeError) as exc:
            raise KnowledgeBaseError(f"cannot load the slot table of {directory.name}: {exc}") from exc
        return cls(rows, vectors)


def build_slots(docs: Sequence[Document], embed: Callable[[list[str]], tuple[np.ndarray, int]]) -> SlotIndex:
    """The slot table of a version's documents; `embed` returns the vectors of texts (through the build's cache)."""
    rows = SlotIndex.rows_of(docs)
    if not rows:
        return SlotIndex.empty()
    vectors, _ = embed(SlotIndex.texts(rows))
    log.info("slot table: %d rows from %d pages", len(rows), len({r.doc_id for r in rows}))
    return SlotIndex(rows, vectors)
