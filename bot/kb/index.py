"""One knowledge-base version on disk and in memory: FAISS (dense) + BM25 (lexical) + chunk metadata."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from dataclasses import fields
from pathlib import Path
from typing import Any

import faiss
import numpy as np

from bot.domain import Catalog, Hit, Passage
from bot.errors import KnowledgeBaseError
from bot.kb.compact import compact_metadata, interned_object
from bot.kb.dense import NPROBE, make_dense
from bot.kb.filters import ProductFilter
from bot.kb.lexical import LexicalIndex
from bot.kb.records import lines_of, load_record_keys, save_record_keys
from bot.kb.slot_index import SlotIndex
from bot.kb.structure import BODY_WEIGHT, SectionRows

log = logging.getLogger(__name__)

# One FAISS thread: a flat search over tens of thousands of rows takes about a millisecond, while
# FAISS's OpenMP workers spin after each search and steal the cores the query embedding needs next
# (measured: p95 33.6 ms -> 12.5 ms for embed + search at 20k rows on 2 cores).
faiss.omp_set_num_threads(1)

FORMAT_VERSION = 1
CHUNKS_FILE = "chunks.jsonl"
_PASSAGE_FIELDS = tuple(f.name for f in fields(Passage))
# Score fusion: dense cosine + LEXICAL_WEIGHT * bm25/(bm25 + LEXICAL_SATURATION).
# Chosen on StackFAQ (see README): rank fusion (RRF) lost 5 points of R@1 there, because BM25
# alone is much weaker than MiniLM; a small saturating lexical bonus still rewards exact
# matches (SKUs, order ids, product names) without letting BM25 overrule the dense ranking.
LEXICAL_WEIGHT = 0.2
LEXICAL_SATURATION = 5.0
# Subject prior: + SUBJECT_WEIGHT * cosine(subject, chunk) when the caller names the subject (the intent).
# Chosen on the shop-domain dev set (tests/retrieval/dev.jsonl); the held-out set was not used.
SUBJECT_WEIGHT = 0.2
# Row kinds: a chunk's own text, a document title, a section heading, one sentence of a page.
ROW_CHUNK, ROW_TITLE, ROW_HEADING, ROW_SENTENCE = 0, 1, 2, 3


class _Codes:
    """A text column as small integer codes: "is the value among these" is one table look-up per row, not a
    comparison of strings (np.isin over 50,000 object strings took milliseconds a query)."""

    def __init__(self, values: list[str]) -> None:
        self.names: dict[str, int] = {}
        self.codes = np.array([self.names.setdefault(v, len(self.names)) for v in values], dtype=np.int32)

    def among(self, wanted: set[str] | frozenset[str]) -> np.ndarray:
        table = np.zeros(len(self.names) + 1, dtype=bool)
        table[[self.names[w] for w in wanted if w in self.names]] = True
        return table[self.codes]


class KBIndex:
    """Hybrid index over passages.

    FAISS holds one row per chunk plus one row per document title ("title rows"),
    each pointing at a chunk through `row_chunk`; a question that matches a title
    well therefore finds the document even when its body is long.
    """

    lexical: LexicalIndex

    def __init__(
        self,
        passages: list[Passage],
        vectors: np.ndarray,
        row_chunk: np.ndarray,
        *,
        row_kind: np.ndarray | None = None,
        version: str = "",
        manifest: dict[str, Any] | None = None,
        dense: faiss.Index | None = None,
        reused: Mapping[int, int] | None = None,
        slots: SlotIndex | None = None,
        previous: KBIndex | None = None,
        record_keys: Mapping[bytes, int] | None = None,
    ) -> None:
        """`reused`: {position: position in `previous`} of the passages that are `previous`'s objects (their
        metadata compacted, their words taken from its lexical index); `slots`: the version's slot table
        (bot.kb.slot_index), built with it; `record_keys`: each catalog line's chunk (bot.kb.sources.record_key)."""
        reused = reused or {}
        if dense is None and len(vectors) != len(row_chunk):
            raise KnowledgeBaseError("index rows and vectors disagree")
        if row_kind is None:  # a version built before row kinds: its extra rows are title rows
            row_kind = np.where(np.arange(len(row_chunk)) < len(passages), ROW_CHUNK, ROW_TITLE)
        if len(row_kind) != len(row_chunk):
            raise KnowledgeBaseError("index rows and row kinds disagree")
        self.row_kind = np.asarray(row_kind, dtype=np.int8)
        self.slots = slots if slots is not None else SlotIndex.empty()
        self.passages = passages
        self.version = version
        self.manifest = manifest or {}
        self.row_chunk = row_chunk.astype(np.int64)
        self.dense = dense if dense is not None else make_dense(vectors)
        if self.dense.ntotal != len(row_chunk):
            raise KnowledgeBaseError("index rows and vectors disagree")
        self.record_keys: Mapping[bytes, int] = record_keys or {}
        self.reused = reused
        same = [reused.get(i, -1) for i in range(len(passages))] if reused else None
        self.lexical = LexicalIndex(
            [p.text for p in passages], previous=previous.lexical if same and previous else None, same=same
        )
        # one object per repeated key and short value
        compact_metadata(p.metadata for i, p in enumerate(passages) if i not in reused)
        self._product_columns()
        self.chunk_rows: list[list[int]] = [[] for _ in passages]
        self.heading_row: dict[int, int] = {}
        for row, chunk in enumerate(self.row_chunk):
            self.chunk_rows[int(chunk)].append(row)
            if self.row_kind[row] == ROW_HEADING:
                self.heading_row[int(chunk)] = row
        is_text = self.row_kind == ROW_CHUNK
        self.sections = SectionRows(passages, self.row_chunk, is_text, self.chunk_rows, self.heading_row)
        # the one dense row of a chunk that has one (every product), else -1
        self._single_row = np.array([r[0] if len(r) == 1 else -1 for r in self.chunk_rows], dtype=np.int64)

    def _product_columns(self) -> None:
        self.products = [i for i, p in enumerate(self.passages) if p.metadata.get("kind") == "product"]
        # built once per version: every turn asks for the catalog and the names the verifier watches for
        self.product_meta: tuple[dict[str, Any], ...] = tuple(self.passages[i].metadata for i in self.products)
        self.catalog = Catalog(self.product_meta)  # one read-only list per version: the core indexes it by identity
        # product columns for filters: a filtered search tests them with NumPy, not each product in Python
        self._product_rows = np.asarray(self.products, dtype=np.int64)
        self._category = _Codes([str(m.get("category", "")).lower() for m in self.product_meta])
        self._brand = _Codes([str(m.get("brand", "")).lower() for m in self.product_meta])
        self._price = np.array([float(m.get("price") or 0) for m in self.product_meta], dtype=np.float64)
        self._in_stock = np.array([bool(m.get("in_stock", True)) for m in self.product_meta], dtype=bool)
        self.known_names: tuple[str, ...] = tuple(
            sorted(
                {str(m["name"]) for m in self.product_meta if m.get("name")}
                | {str(m["brand"]) for m in self.product_meta if m.get("brand")}
            )
        )

    # ------------------------------------------------------------------ persistence
    def save(self, directory: Path, *, earlier: Path | None = None) -> None:
        """Write FAISS's own index file plus JSON/NumPy sidecars (never pickle).

        `earlier`: the chunks file of the version `reused` names; the reused passages' lines are copied from it
        instead of encoded again (each checked to be the same chunk's line)."""
        directory.mkdir(parents=True, exist_ok=True)
        faiss.write_index(self.dense, str(directory / "dense.faiss"))
        np.save(directory / "row_chunk.npy", self.row_chunk)
        np.save(directory / "row_kind.npy", self.row_kind)
        save_record_keys(directory, self.record_keys)
        lines = lines_of(earlier) if earlier is not None and self.reused else []
        with (directory / CHUNKS_FILE).open("wb") as fh:
            for i, p in enumerate(self.passages):
                at = self.reused.get(i, -1)
                line = lines[at] if 0 <= at < len(lines) else b""
                if not line.startswith(b'{"chunk_id": ' + json.dumps(p.chunk_id, ensure_ascii=False).encode() + b","):
                    # the fields by hand: dataclasses.asdict deep-copies every metadata value (seconds at 50,000 rows)
                    row = {f: getattr(p, f) for f in _PASSAGE_FIELDS}
                    line = json.dumps(row, ensure_ascii=False).encode()
                fh.write(line + b"\n")
        self.slots.save(directory)
        self.manifest = {**self.manifest, "format": FORMAT_VERSION, "version": self.version}
        (directory / "manifest.json").write_text(json.dumps(self.manifest, indent=2), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> KBIndex:
        """Read a saved version; raises KnowledgeBaseError if anything is missing or inconsistent."""
        try:
            manifest = json.loads((directory / "manifest.json").read_text(encoding="utf-8"))
            if manifest.get("format") != FORMAT_VERSION:
                raise KnowledgeBaseError(f"{directory}: unsupported index format {manifest.get('format')}")
            dense = faiss.read_index(str(directory / "dense.faiss"))
            row_chunk = np.load(directory / "row_chunk.npy", allow_pickle=False)
            kinds_file = directory / "row_kind.npy"
            row_kind = np.load(kinds_file, allow_pickle=False) if kinds_file.exists() else None
            with (directory / CHUNKS_FILE).open(encoding="utf-8") as fh:
                passages = [
                    Passage(**json.loads(line, object_pairs_hook=interned_object)) for line in fh if line.strip()
                ]
            record_keys = load_record_keys(directory, len(passages))
        except (OSError, ValueError, RuntimeError) as exc:
            raise KnowledgeBaseError(f"cannot load knowledge-base version {directory.name}: {exc}") from exc
        ivf = faiss.try_extract_index_ivf(dense)
        if ivf is not None:
            ivf.nprobe = NPROBE
            if ivf.direct_map.type == faiss.DirectMap.NoMap:  # type: ignore[attr-defined]
                ivf.make_direct_map()
        return cls(
            passages,
            np.zeros((0, dense.d), dtype=np.float32),
            row_chunk,
            dense=dense,
            row_kind=row_kind,
            version=manifest.get("version", directory.name),
            manifest=manifest,
            slots=SlotIndex.load(directory),
            record_keys=record_keys,
        )

    @property
    def dense_kind(self) -> str:
        """`flat` or `ivf<cells>`: what `kb status` shows."""
        ivf = faiss.try_extract_index_ivf(self.dense)
        return f"ivf{ivf.nlist}" if ivf is not None else "flat"

    # ------------------------------------------------------------------ search
    def matching_products(self, pf: ProductFilter) -> set[int]:
        """The product chunks a filter allows (as `ProductFilter.matches`, column by column)."""
        return set(self.matching_chunks(pf).tolist())

    def matching_chunks(self, pf: ProductFilter) -> np.ndarray:
        """`matching_products` as an array of chunk numbers, ascending (what `search(allowed=...)` takes)."""
        mask = np.ones(len(self._product_rows), dtype=bool)
        if pf.categories:
            mask &= self._category.among(pf.categories)
        if pf.brands:
            mask &= self._brand.among(pf.brands)
        if pf.min_price is not None:
            mask &= self._price >= pf.min_price
        if pf.max_price is not None:
            mask &= self._price <= pf.max_price
        if pf.in_stock:
            mask &= self._in_stock
        return self._product_rows[mask]

    def dense_search(self, query_vec: np.ndarray, *, k: int) -> dict[int, float]:
        """Best cosine per chunk among the top FAISS rows."""
        n = min(max(k * 3, k + 10), self.dense.ntotal)
        if n == 0:
            return {}
        scores, rows = self.dense.search(np.ascontiguousarray(query_vec.reshape(1, -1), dtype=np.float32), n)
        best: dict[int, float] = {}
        for row, score in zip(rows[0], scores[0], strict=True):
            if row < 0:
                continue
            chunk = int(self.row_chunk[row])
            if chunk not in best or score > best[chunk]:
                best[chunk] = float(score)
        return best

    def search(
        self,
        query: str,
        query_vec: np.ndarray,
        *,
        k: int = 5,
        allowed: set[int] | np.ndarray | None = None,
        candidates: int = 50,
        subject_vec: np.ndarray | None = None,
    ) -> list[Hit]:
        """Hybrid search: dense cosine plus a saturating BM25 bonus, over all chunks or the allowed ones.

        With `subject_vec` (the embedded subject of the question, e.g. "returns, refunds and exchanges"),
        chunks about that subject get a bonus, and the candidates include those nearest to the question
        leaning towards the subject.
        """
        if allowed is not None:
            return self._search_allowed(query, query_vec, allowed, k=k, subject_vec=subject_vec)
        dense = self.dense_search(query_vec, k=candidates)
        lex_rows, lex_scores = self.lexical.search(query, k=candidates)
        lexical = {int(r): float(s) for r, s in zip(lex_rows, lex_scores, strict=True)}
        missing = {c for c in lexical if c not in dense}
        if subject_vec is not None:
            leaning = query_vec.reshape(-1) + SUBJECT_WEIGHT * subject_vec.reshape(-1)
            missing |= {c for c in self.dense_search(leaning, k=candidates) if c not in dense}
        if missing:
            dense.update(self.exact_dense(query_vec, missing))
        prior = self.exact_dense(subject_vec, set(dense)) if subject_vec is not None else {}
        return self._fuse(dense, lexical, k=k, prior=prior, extra=self.structure_bonus(query_vec, dense))

    def structure_bonus(self, query_vec: np.ndarray, dense: dict[int, float]) -> dict[int, float]:
        """The text and heading terms of the candidates in `dense` that have them (bot.kb.structure)."""
        return self.sections.bonus(self.dense, query_vec, dense)

    def _search_allowed(
        self,
        query: str,
        query_vec: np.ndarray,
        allowed: set[int] | np.ndarray,
        *,
        k: int,
        subject_vec: np.ndarray | None,
    ) -> list[Hit]:
        """The fused search over every allowed chunk, exactly, with NumPy arrays instead of per-chunk dicts.

        A filter at 50,000 products allows thousands of chunks ("black jeans under $60"): scoring each of them
        through Python dictionaries took most of a query's time.
        """
        chunks = np.fromiter(allowed, dtype=np.int64, count=len(allowed)) if isinstance(allowed, set) else allowed
        if not len(chunks):
            return []
        queries = [query_vec.reshape(-1)] + ([subject_vec.reshape(-1)] if subject_vec is not None else [])
        qmat = np.stack(queries).astype(np.float32).T
        single = self._single_row[chunks]
        if (single >= 0).all():  # products: one dense row each
            best = self.dense.reconstruct_batch(single) @ qmat
        else:  # the best row per chunk (its own row, its title or heading rows, its sentences)
            mask = np.zeros(len(self.passages), dtype=bool)
            mask[chunks] = True
            rows = np.flatnonzero(mask[self.row_chunk])
            every = np.full((len(self.passages), qmat.shape[1]), -np.inf, dtype=np.float32)
            np.maximum.at(every, self.row_chunk[rows], self.dense.reconstruct_batch(rows) @ qmat)
            chunks = np.unique(self.row_chunk[rows])
            best = every[chunks]
        dense = best[:, 0]
        scores = self.lexical.scores(query)
        lexical = scores[chunks] if scores is not None else np.zeros(len(chunks), dtype=np.float32)
        fused = dense + LEXICAL_WEIGHT * (lexical / (lexical + LEXICAL_SATURATION))
        if subject_vec is not None:
            fused = fused + SUBJECT_WEIGHT * best[:, 1]
        # the text and heading terms (see structure_bonus): a product's best row is its text already
        extra = BODY_WEIGHT * np.maximum(dense, 0.0)
        structured = self.sections.structured[chunks]
        if structured.any():
            bonus = self.structure_bonus(query_vec, dict.fromkeys(chunks[structured].tolist(), 0.0))
            extra[structured] = [bonus[c] for c in chunks[structured].tolist()]
        fused = fused + extra
        top = np.argsort(-fused, kind="stable")[:k] if len(fused) <= k else np.argpartition(-fused, k - 1)[:k]
        top = top[np.argsort(-fused[top], kind="stable")]
        return [
            Hit(
                passage=self.passages[int(chunks[i])],
                score=float(fused[i]),
                dense_score=float(dense[i]),
                lexical_score=float(lexical[i]) if lexical[i] > 0 else None,
                rank=rank + 1,
            )
            for rank, i in enumerate(top)
        ]

    def exact_dense(self, query_vec: np.ndarray, chunks: set[int]) -> dict[int, float]:
        """Exact best cosine (chunk row or its title row) for a set of chunks."""
        rows = [r for c in chunks for r in self.chunk_rows[c]]
        if not rows:
            return {}
        vecs = self.dense.reconstruct_batch(np.asarray(rows, dtype=np.int64))
        sims = vecs @ query_vec.reshape(-1).astype(np.float32)
        out: dict[int, float] = {}
        for row, score in zip(rows, sims, strict=True):
            chunk = int(self.row_chunk[row])
            out[chunk] = max(out.get(chunk, -1.0), float(score))
        return out

    def _fuse(
        self,
        dense: dict[int, float],
        lexical: dict[int, float],
        *,
        k: int,
        prior: dict[int, float] | None = None,
        extra: dict[int, float] | None = None,
    ) -> list[Hit]:
        prior = prior or {}
        extra = extra or {}
        fused = {
            c: dense.get(c, 0.0)
            + LEXICAL_WEIGHT * (lex / (lex + LEXICAL_SATURATION))
            + SUBJECT_WEIGHT * prior.get(c, 0.0)
            + extra.get(c, BODY_WEIGHT * max(dense.get(c, 0.0), 0.0))
            for c in set(dense) | set(lexical)
            for lex in (lexical.get(c, 0.0),)
        }
        order = sorted(fused, key=fused.__getitem__, reverse=True)[:k]
        return [
            Hit(
                passage=self.passages[c],
                score=fused[c],
                dense_score=dense.get(c),
                lexical_score=lexical.get(c),
                rank=i + 1,
            )
            for i, c in enumerate(order)
        ]

    def stats(self) -> dict[str, Any]:
        """Counts for `kb status` and the dashboard."""
        return {
            "version": self.version,
            "documents": len({p.doc_id for p in self.passages}),
            "chunks": len(self.passages),
            "products": len(self.products),
            "dense_index": self.dense_kind,
        }
