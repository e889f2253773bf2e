"""Build a new knowledge-base version: load, chunk, embed (through the cache), index, publish."""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from tqdm import tqdm

from bot.domain import Passage
from bot.embed.embedder import Embedder
from bot.kb import visible_memo
from bot.kb.cache import EmbeddingCache
from bot.kb.chunker import Chunker, content_hash
from bot.kb.index import ANN_MIN_ROWS, ROW_CHUNK, ROW_HEADING, ROW_SENTENCE, ROW_TITLE, KBIndex, make_dense
from bot.kb.slot_index import ROWS_FILE, SLOT_FORMAT, SlotIndex, build_slots
from bot.kb.sources import Document, fingerprint, load_documents, product_embedding_text
from bot.kb.versions import VersionStore

log = logging.getLogger(__name__)

MAX_CACHED = 200_000
# Texts per embedder call (the int8 embedder spreads a call's batches over the cores; progress and the cache
# are updated between calls) and per model batch (32 rows of a product's ~80 tokens: measured cheaper per row
# than 64 in CPU time on this machine, and the padding within a length-sorted batch stays small).
EMBED_CALL, EMBED_BATCH = 512, 32
ProgressFn = Callable[[str, int, int], None]
MIN_SENTENCE_WORDS = 5  # shorter sentences ("Gift cards", "Yes.") match too many questions to be rows of their own
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z0-9*(\"])|\n+")


@dataclass(slots=True)
class BuildResult:
    """What a build produced."""

    version: str
    documents: int
    chunks: int
    embedded: int  # chunks that needed the model (cache misses)
    seconds: float
    unchanged: bool = False
    # the new version, already in memory: the caller serves it without reading it back from disk
    index: Any = field(default=None, repr=False, compare=False)

    def as_dict(self) -> dict[str, object]:
        """JSON-ready view."""
        return {
            "version": self.version,
            "documents": self.documents,
            "chunks": self.chunks,
            "embedded": self.embedded,
            "seconds": round(self.seconds, 3),
            "unchanged": self.unchanged,
        }


def extra_rows(docs: list[Document], passages: list[Passage]) -> tuple[list[str], list[int], list[int]]:
    """Extra dense rows, each pointing at a chunk: (texts, target chunks, row kinds).

    - one per titled document, pointing at its first chunk (ROW_TITLE);
    - one per section heading ("Title > Heading"), pointing at the section's first chunk (ROW_HEADING): a
      heading is usually the question its section answers ("How long do I have to return an item?");
    - one per sentence of a page (ROW_SENTENCE): a question about one fact of a long section matches
      that sentence closely, where the whole chunk's vector is diluted by the rest.
    """
    first: dict[str, int] = {}
    sections: dict[tuple[str, str], int] = {}
    for i, p in enumerate(passages):
        first.setdefault(p.doc_id, i)
        heading = str(p.metadata.get("heading") or "")
        if heading and p.metadata.get("kind") == "page":
            sections.setdefault((p.doc_id, heading), i)
    texts, targets, kinds = [], [], []
    for doc in docs:
        if doc.title and doc.kind != "product" and doc.doc_id in first:
            texts.append(doc.title)
            targets.append(first[doc.doc_id])
            kinds.append(ROW_TITLE)
    for (_, heading), chunk in sections.items():
        title = passages[chunk].title
        texts.append(f"{title} > {heading}" if title else heading)
        targets.append(chunk)
        kinds.append(ROW_HEADING)
    for i, p in enumerate(passages):
        if p.metadata.get("kind") != "page":
            continue
        body = p.text.split("\n", 1)[-1] if p.metadata.get("heading") or p.title else p.text
        for piece in _SENTENCE.split(body):
            sentence = piece.strip(" -*#|>")
            if len(sentence.split()) >= MIN_SENTENCE_WORDS:
                texts.append(sentence)
                targets.append(i)
                kinds.append(ROW_SENTENCE)
    return texts, targets, kinds


def dense_text(passage: Passage) -> str:
    """What a chunk's own dense row embeds: a product's words without its numbers (`product_embedding_text`), else
    the chunk's text."""
    if passage.metadata.get("kind") == "product":
        return product_embedding_text(passage.metadata)
    return passage.text


def embed_cached(
    texts: list[str],
    cache: EmbeddingCache,
    embedder_name: str,
    get_embedder: Callable[[], Embedder],
    *,
    progress: bool,
    on_progress: ProgressFn | None,
) -> tuple[np.ndarray, int]:
    """Vectors for texts, embedding only cache misses; returns (vectors, how many were embedded)."""
    keys = [content_hash(embedder_name, t) for t in texts]
    vectors, missing = cache.get(keys)
    # batches of similar length: a batch is padded to its longest text, so mixing lengths wastes most of the work
    missing.sort(key=lambda i: len(texts[i]))
    if missing:
        embedder = get_embedder()
        bar = tqdm(total=len(missing), desc="embedding chunks", unit="chunk", disable=not progress)
        for start in range(0, len(missing), EMBED_CALL):
            pos = missing[start : start + EMBED_CALL]
            new = embedder.embed([texts[i] for i in pos], batch_size=EMBED_BATCH)
            vectors[pos] = new
            cache.put([keys[i] for i in pos], new)
            bar.update(len(pos))
            if on_progress:
                on_progress("embedding", start + len(pos), len(missing))
        bar.close()
    return vectors, len(missing)


def reuse_passages(passages: list[Passage], previous: KBIndex) -> frozenset[int]:
    """Replace each passage equal to one of the served version's (same chunk id, text and metadata) by that object,
    in place; the positions replaced. Their metadata is compacted already (20 of 125 s of a 50,000-product reload
    under load went to compacting it again), and the two versions share them while both are in memory."""
    served = {p.chunk_id: p for p in previous.passages}
    reused = []
    for i, p in enumerate(passages):
        old = served.get(p.chunk_id)
        if old is not None and old == p:
            passages[i] = old
            reused.append(i)
    return frozenset(reused)


def _unchanged(versions: VersionStore, fp: str, embedder_name: str, started: float) -> BuildResult | None:
    """The current version, when it was built from the same sources with the same embedder."""
    current = versions.current()
    if not current:
        return None
    manifest = versions.manifest(current)
    if manifest.get("fingerprint") != fp or manifest.get("embedder") != embedder_name:
        return None
    if not (versions.versions_dir / current / ROWS_FILE).exists() or manifest.get("slot_format") != SLOT_FORMAT:
        return None  # a version built before slot tables, or by another reading of the pages: build it again
    return BuildResult(
        current, manifest["documents"], manifest["chunks"], 0, time.perf_counter() - started, unchanged=True
    )


def _manifest(
    knowledge_dir: Path, fp: str, embedder_name: str, docs: list[Document], chunks: int, embedded: int
) -> dict[str, object]:
    return {
        "created_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        "fingerprint": fp,
        "embedder": embedder_name,
        "documents": len(docs),
        "chunks": chunks,
        "embedded": embedded,
        "knowledge_dir": str(knowledge_dir),
        # sentences that address the assistant: kept visible for staff to fix, never quoted (bot.kb.hidden)
        "instructions": [{"source": d.source, "sentence": x[:300]} for d in docs for x in d.instructions][:200],
    }


def _slot_table(
    docs: list[Document], cache: EmbeddingCache, embedder_name: str, get_embedder: Callable[[], Embedder]
) -> SlotIndex:
    """The slot table of every policy and FAQ page, embedded through the build's cache (a reload embeds only the
    rows it has not seen)."""
    return build_slots(
        docs, lambda t: embed_cached(t, cache, embedder_name, get_embedder, progress=False, on_progress=None)
    )


def _read_documents(knowledge_dir: Path, cache_root: Path) -> list[Document]:
    """The sources, with the instruction check's memo read from (and written back to) the cache folder, so a
    restarted process checks only the documents that changed since (bot/kb/visible_memo.py)."""
    visible_memo.load(cache_root)
    docs = load_documents(knowledge_dir)
    visible_memo.save(cache_root)
    return docs


def build_version(
    knowledge_dir: Path,
    versions: VersionStore,
    *,
    embedder_name: str,
    embedder_dim: int,
    get_embedder: Callable[[], Embedder],
    chunk_size: int = 800,
    chunk_overlap: int = 100,
    force: bool = False,
    progress: bool = False,
    on_progress: ProgressFn | None = None,
    cache_dir: Path | None = None,
    ann_min_rows: int = ANN_MIN_ROWS,
    previous: KBIndex | None = None,
) -> BuildResult:
    """Build and publish a new version (does not switch CURRENT); unchanged sources are a no-op unless forced.

    `previous` (the served version) lends its IVF cells when built by the same embedder with about as many rows:
    a reload assigns rows to the known cells instead of running k-means again (a forced build always does).
    """
    started = time.perf_counter()
    fp = fingerprint(knowledge_dir) if knowledge_dir.is_dir() else ""
    unchanged = None if force else _unchanged(versions, fp, embedder_name, started)
    if unchanged is not None:
        return unchanged
    if on_progress:
        on_progress("reading", 0, 0)
    cache_root = cache_dir or versions.root / "cache"
    docs = _read_documents(knowledge_dir, cache_root)
    chunker = Chunker(chunk_size=chunk_size, chunk_overlap=chunk_overlap)
    passages = [p for doc in docs for p in chunker.split(doc)]
    extra_texts, extra_targets, extra_kinds = extra_rows(docs, passages)
    texts = [dense_text(p) for p in passages] + extra_texts
    cache = EmbeddingCache(cache_root / embedder_name, dim=embedder_dim)
    vectors, embedded = embed_cached(
        texts, cache, embedder_name, get_embedder, progress=progress, on_progress=on_progress
    )
    slots = _slot_table(docs, cache, embedder_name, get_embedder)
    row_chunk = np.array(list(range(len(passages))) + extra_targets, dtype=np.int64)
    row_kind = np.array([ROW_CHUNK] * len(passages) + extra_kinds, dtype=np.int8)
    name = versions.new_name()
    manifest = _manifest(knowledge_dir, fp, embedder_name, docs, len(passages), embedded) | slots.manifest()
    reuse = previous is not None and not force and previous.manifest.get("embedder") == embedder_name
    dense = make_dense(vectors, ann_min_rows=ann_min_rows, cells_from=previous.dense if reuse and previous else None)
    reused = reuse_passages(passages, previous) if previous is not None else frozenset()
    index = KBIndex(passages, vectors, row_chunk, row_kind=row_kind, version=name, manifest=manifest, dense=dense,
                    reused=reused, slots=slots)  # fmt: skip
    seconds = time.perf_counter() - started
    index.manifest["build_seconds"] = round(seconds, 3)
    staging = versions.staging_dir(name)
    index.save(staging)
    versions.publish(staging, make_current=False)
    if len(cache) > MAX_CACHED:
        # keep the cache bounded: drop vectors no longer used by this version
        cache.retain({content_hash(embedder_name, t) for t in texts + slots.texts(slots.rows)})
    cache.save()
    log.info("built knowledge-base %s: %d documents, %d chunks, %d embedded, %.2fs", name, len(docs), len(passages),
             embedded, seconds)  # fmt: skip
    return BuildResult(name, len(docs), len(passages), embedded, seconds, index=index)
