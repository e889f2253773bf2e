"""Build a new knowledge-base version: load, chunk, embed (through the cache), index, publish."""

from __future__ import annotations

import hashlib
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import faiss
import numpy as np
from tqdm import tqdm

from bot.domain import Passage
from bot.embed.cache import EmbeddingCache
from bot.embed.embedder import Embedder
from bot.kb import chunker as chunker_module
from bot.kb import visible_memo
from bot.kb.chunker import Chunker, content_hash
from bot.kb.dense import ANN_MIN_ROWS, REUSE_CELLS_RATIO, make_dense
from bot.kb.index import CHUNKS_FILE, ROW_CHUNK, ROW_HEADING, ROW_SENTENCE, ROW_TITLE, KBIndex
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


def reuse_passages(passages: list[Passage], previous: KBIndex) -> dict[int, int]:
    """Replace each passage equal to one of the served version's (same chunk id, text and metadata) by that object,
    in place; {new position: the served version's position} of those replaced. Their metadata is compacted already
    (20 of 125 s of a 50,000-product reload under load went to compacting it again), their words, dense rows and
    saved lines are taken from the served version, and both versions share them while both are in memory."""
    served = {p.chunk_id: i for i, p in enumerate(previous.passages)}
    same = {}
    for i, p in enumerate(passages):
        at = served.get(p.chunk_id)
        if at is None:
            continue
        old = previous.passages[at]
        if old is p or old == p:
            passages[i] = old
            same[i] = at
    return same


def reader_digest() -> str:
    """A digest of the code that turns a catalog line into a chunk (reading, the instruction check, chunking): a
    version read by other code lends no chunks to the next build."""
    h = hashlib.blake2b(visible_memo.checker_digest().encode(), digest_size=16)
    h.update(Path(chunker_module.__file__ or "").read_bytes())
    return h.hexdigest()


def known_records(previous: KBIndex | None, reader: str) -> dict[bytes, Passage]:
    """The served version's chunks by `record_key` of their catalog line, when the same code read them."""
    if previous is None or previous.manifest.get("reader") != reader:
        return {}
    return {key: previous.passages[at] for key, at in previous.record_keys.items()}


def chunk_documents(docs: list[Document], chunker: Chunker) -> tuple[list[Passage], dict[bytes, int]]:
    """Every document's chunks, and the position of each catalog line's one chunk by its `record_key`."""
    passages: list[Passage] = []
    keys: dict[bytes, int] = {}
    for doc in docs:
        parts = chunker.split(doc)
        if doc.line_key is not None and len(parts) == 1:
            keys[doc.line_key] = len(passages)
        passages.extend(parts)
    return passages, keys


def lent_rows(previous: KBIndex | None, same: dict[int, int]) -> dict[int, int]:
    """{new chunk: the served version's chunk} whose own dense row can be copied from the served version (a chunk's
    own row is the row of its number there)."""
    if previous is None or not same:
        return {}
    old = np.fromiter(same.values(), dtype=np.int64, count=len(same))
    ok = (old < len(previous.row_chunk)) & (previous.row_chunk[np.minimum(old, len(previous.row_chunk) - 1)] == old)
    ok &= previous.row_kind[np.minimum(old, len(previous.row_kind) - 1)] == ROW_CHUNK
    return {new: at for (new, at), good in zip(same.items(), ok.tolist(), strict=True) if good}


def dense_index(
    passages: list[Passage],
    extra_texts: list[str],
    same: dict[int, int],
    previous: KBIndex | None,
    embed: Callable[[list[str]], tuple[np.ndarray, int]],
    dim: int,
    *,
    ann_min_rows: int,
) -> tuple[faiss.Index, int]:
    """The dense index of every row, and how many rows the model embedded. `previous`: the served version when
    built by the same embedder (it lends its cells and the rows of the chunks `same` maps to its own); the other
    rows come through `embed` (the cache, then the model).

    When every lent chunk keeps its position and the row count is the same (products edited in place, none added
    or removed), the served IVF index is copied and only the other rows are updated in it; otherwise the lent rows
    are read back from it and the index is built again on its cells (`make_dense`)."""
    lent = lent_rows(previous, same)
    todo = [i for i in range(len(passages)) if i not in lent]
    new, embedded = embed([dense_text(passages[i]) for i in todo] + extra_texts)
    n_rows = len(passages) + len(extra_texts)
    rows = np.asarray(todo + list(range(len(passages), n_rows)), dtype=np.int64)
    if previous is not None and _same_layout(previous, lent, n_rows, ann_min_rows):
        dense = faiss.clone_index(previous.dense)
        if len(rows):
            ivf = faiss.extract_index_ivf(dense)
            ivf.update_vectors(rows, np.ascontiguousarray(new, dtype=np.float32))  # type: ignore[call-arg]
        return dense, embedded
    vectors = np.empty((n_rows, dim), dtype=np.float32)
    if lent and previous is not None:
        old = np.fromiter(lent.values(), dtype=np.int64, count=len(lent))
        vectors[np.fromiter(lent.keys(), dtype=np.int64, count=len(lent))] = previous.dense.reconstruct_batch(old)
    vectors[rows] = new
    cells_from = previous.dense if previous is not None else None
    return make_dense(vectors, ann_min_rows=ann_min_rows, cells_from=cells_from), embedded


def _same_layout(previous: KBIndex, lent: dict[int, int], n_rows: int, ann_min_rows: int) -> bool:
    """Whether the new rows are the served IVF index's rows at the same numbers, with cells `make_dense` keeps."""
    ivf = faiss.try_extract_index_ivf(previous.dense)
    if ivf is None or previous.dense.ntotal != n_rows or n_rows < max(ann_min_rows, 64):
        return False
    if not 1 / REUSE_CELLS_RATIO <= ivf.nlist / int(2 * np.sqrt(n_rows)) <= REUSE_CELLS_RATIO:
        return False
    return all(new == old for new, old in lent.items())


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


def _read_documents(knowledge_dir: Path, cache_root: Path, known: dict[bytes, Passage]) -> list[Document]:
    """The sources, with the instruction check's memo read from (and written back to) the cache folder, so a
    restarted process checks only the documents that changed since (bot/kb/visible_memo.py)."""
    visible_memo.load(cache_root)
    docs = load_documents(knowledge_dir, known=known)
    visible_memo.save(cache_root)
    return docs


def _save_cache(cache: EmbeddingCache, embedder_name: str, texts: Callable[[], list[str]]) -> None:
    """Write the cache, bounded: above MAX_CACHED vectors those of `texts` (this version's) are kept."""
    if len(cache) > MAX_CACHED:
        cache.retain({content_hash(embedder_name, t) for t in texts()})
    cache.save()


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
    reader = reader_digest()
    docs = _read_documents(knowledge_dir, cache_root, {} if force else known_records(previous, reader))
    passages, record_keys = chunk_documents(docs, Chunker(chunk_size=chunk_size, chunk_overlap=chunk_overlap))
    same = reuse_passages(passages, previous) if previous is not None and not force else {}
    extra_texts, extra_targets, extra_kinds = extra_rows(docs, passages)
    cache = EmbeddingCache(cache_root / embedder_name, dim=embedder_dim)

    def embed(texts: list[str]) -> tuple[np.ndarray, int]:
        return embed_cached(texts, cache, embedder_name, get_embedder, progress=progress, on_progress=on_progress)

    lender = None if force or previous is None or previous.manifest.get("embedder") != embedder_name else previous
    dense, embedded = dense_index(passages, extra_texts, same, lender, embed, embedder_dim, ann_min_rows=ann_min_rows)
    slots = _slot_table(docs, cache, embedder_name, get_embedder)
    row_chunk = np.array(list(range(len(passages))) + extra_targets, dtype=np.int64)
    row_kind = np.array([ROW_CHUNK] * len(passages) + extra_kinds, dtype=np.int8)
    name = versions.new_name()
    manifest = _manifest(knowledge_dir, fp, embedder_name, docs, len(passages), embedded) | slots.manifest()
    manifest["reader"] = reader
    index = KBIndex(passages, np.zeros((0, embedder_dim)), row_chunk, row_kind=row_kind, version=name, dense=dense,
                    manifest=manifest, reused=same, slots=slots, previous=previous, record_keys=record_keys)  # fmt: skip
    seconds = time.perf_counter() - started
    index.manifest["build_seconds"] = round(seconds, 3)
    staging = versions.staging_dir(name)
    earlier = versions.versions_dir / previous.version / CHUNKS_FILE if previous is not None and same else None
    index.save(staging, earlier=earlier)
    versions.publish(staging, make_current=False)
    _save_cache(cache, embedder_name, lambda: [dense_text(p) for p in passages] + extra_texts + slots.texts(slots.rows))
    log.info("built knowledge-base %s: %d documents, %d chunks, %d embedded, %.2fs", name, len(docs), len(passages),
             embedded, seconds)  # fmt: skip
    return BuildResult(name, len(docs), len(passages), embedded, seconds, index=index)
