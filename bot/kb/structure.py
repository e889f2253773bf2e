"""The text and heading terms of retrieval: what a chunk scores beside its best dense row."""

from __future__ import annotations

from typing import Any

import numpy as np

from bot.domain import Passage

# Beside a chunk's best row (its text, its document's title, its section's heading or one of its sentences), two
# more signals of the same query vector: BODY_WEIGHT * cosine(query, the chunk's whole text), so a passage whose
# text as a whole is about the question beats one that shares a single sentence with it; and HEADING_WEIGHT *
# cosine(query, the section's heading) for every chunk of the section, because a heading usually states the
# question its section answers. Chosen with the lexical weight on the shop dev set (tests/retrieval/dev.jsonl),
# checked against StackFAQ (not lower) and the held-out set; tests/retrieval/blind.jsonl was never used to choose.
BODY_WEIGHT = 0.2
HEADING_WEIGHT = 0.1


class SectionRows:
    """Per chunk: its own-text row and its section's heading row, and which chunks have either to read back."""

    def __init__(
        self,
        passages: list[Passage],
        row_chunk: np.ndarray,
        is_text_row: np.ndarray,
        chunk_rows: list[list[int]],
        heading_row: dict[int, int],
    ) -> None:
        self.text_row = np.full(len(passages), -1, dtype=np.int64)
        for text_row in np.flatnonzero(is_text_row).tolist():
            self.text_row[int(row_chunk[text_row])] = text_row
        # a heading row points at its section's first chunk; every chunk of the section gets it
        by_section = {(passages[c].doc_id, _heading(passages[c])): row for c, row in heading_row.items()}
        self.heading_row: dict[int, int] = {}
        for c, p in enumerate(passages):
            head = by_section.get((p.doc_id, _heading(p))) if _heading(p) else None
            if head is not None:
                self.heading_row[c] = head
        # a chunk with one row and no section (a product): its best-row cosine is its text's cosine already
        self.structured = np.array(
            [self.text_row[c] >= 0 and (len(chunk_rows[c]) > 1 or c in self.heading_row) for c in range(len(passages))],
            dtype=bool,
        )

    def bonus(self, dense_index: Any, query_vec: np.ndarray, dense: dict[int, float]) -> dict[int, float]:
        """BODY_WEIGHT * cosine with a chunk's own text + HEADING_WEIGHT * cosine with its section's heading.

        Only structured chunks are read back from the index (two rows each at most); for the others the caller
        adds BODY_WEIGHT times their best-row cosine, so a filtered search over a large catalog reads nothing more.
        """
        if not dense:
            return {}
        keys = np.fromiter(dense, dtype=np.int64, count=len(dense))
        pages = keys[self.structured[keys]].tolist()
        if not pages:
            return {}
        with_head = [(c, self.heading_row[c]) for c in pages if c in self.heading_row]
        rows = np.asarray([int(self.text_row[c]) for c in pages] + [r for _, r in with_head], dtype=np.int64)
        sims = dense_index.reconstruct_batch(rows) @ query_vec.reshape(-1).astype(np.float32)
        out = {c: BODY_WEIGHT * max(float(sims[i]), 0.0) for i, c in enumerate(pages)}
        for j, (c, _) in enumerate(with_head):
            out[c] += HEADING_WEIGHT * max(float(sims[len(pages) + j]), 0.0)
        return out


def _heading(passage: Passage) -> str:
    return str(passage.metadata.get("heading") or "")
