"""The live knowledge base: the current index, safe reloads and rollbacks, hybrid search."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from bot.domain import Hit
from bot.domain.slots import SlotMatch, SlotRow
from bot.embed.embedder import Embedder, embedder_key, get_embedder
from bot.errors import KnowledgeBaseError
from bot.kb.builder import BuildResult, ProgressFn, build_version
from bot.kb.confidence import Calibration
from bot.kb.dense import ANN_MIN_ROWS
from bot.kb.filters import ProductFilter, parse_filter
from bot.kb.heap import release_freed
from bot.kb.index import KBIndex
from bot.kb.versions import VersionStore

log = logging.getLogger(__name__)

EMBEDDER_DIMS = {"minilm": 384, "hashing": 256}

# What each of the assistant's intents is about, as text to embed: the subject prior of `search`.
# Any other subject string is embedded as written (underscores read as spaces).
SUBJECTS = {
    "returns_refunds": "returns, refunds and exchanges: return window, how to return, refund",
    "shipping": "shipping and delivery: costs, delivery times, countries we ship to",
    "order_status": "order status, tracking and delivery of an order",
    "order_change": "changing or cancelling an order",
    "payment": "payment methods, cards, charges and gift cards",
    "account": "account help: username, password, login, account details",
    "product_question": "products: sizes, materials, care, stock",
    "product_search": "products: sizes, materials, care, stock",
}
NO_SUBJECT = {"greeting", "out_of_scope", "complaint", "human_agent", ""}


class KnowledgeBase:
    """Owns the versions on disk and the one index that queries read.

    Readers take a reference to the current `KBIndex` at the start of a query; a
    reload builds a complete new index first and then swaps that one reference, so
    a query is answered from the old index or the new one, never a half-built one.
    """

    def __init__(
        self,
        knowledge_dir: Path,
        root: Path,
        *,
        embedder: str = "minilm",
        chunk_size: int = 800,
        chunk_overlap: int = 100,
        keep_versions: int = 5,
        on_version: Callable[[str, dict[str, Any]], None] | None = None,
        cache_dir: Path | None = None,
        ann_min_rows: int = ANN_MIN_ROWS,
        on_index: Callable[[KBIndex], None] | None = None,
    ) -> None:
        self.knowledge_dir = knowledge_dir
        self.versions = VersionStore(root)
        self.embedder_name = embedder
        self.chunk_size = chunk_size
        self.chunk_overlap = chunk_overlap
        self.keep_versions = keep_versions
        self.calibration = Calibration.load(embedder)
        self.last_error: dict[str, Any] | None = None
        self.reloading = False
        self._on_version = on_version
        self._on_index = on_index
        self.cache_dir = cache_dir
        self.ann_min_rows = ann_min_rows
        self._index: KBIndex | None = None
        self._build_lock = threading.Lock()
        self._categories: set[str] = set()
        self._brands: set[str] = set()
        self._subject_vecs: dict[tuple[str, str], np.ndarray] = {}
        self._query_vecs: dict[tuple[str, str], np.ndarray] = {}

    # ------------------------------------------------------------------ lifecycle
    @property
    def embedder(self) -> Embedder:
        """The query/chunk embedder, loaded on first use."""
        return get_embedder(self.embedder_name)

    @property
    def index(self) -> KBIndex:
        """The live index; raises if none has been built."""
        index = self._index
        if index is None:
            raise KnowledgeBaseError("the knowledge base has not been built yet: run `shopbot kb build`")
        return index

    def open(self, *, build_if_missing: bool = True, progress: bool = False) -> KBIndex:
        """Load the current version, building the first one if there is none."""
        current = self.versions.current()
        if current is None:
            if not build_if_missing:
                raise KnowledgeBaseError("no knowledge-base version exists yet: run `shopbot kb build`")
            self.reload(progress=progress)
        else:
            self._swap(KBIndex.load(self.versions.versions_dir / current))
        return self.index

    def _swap(self, index: KBIndex) -> None:
        # the caller's per-version indexes (the core's name, SKU and attribute indexes) are built BEFORE readers see
        # the version, so the first turn after a load or a reload pays nothing for them
        if self._on_index is not None:
            try:
                self._on_index(index)
            except Exception:  # an index the caller failed to build is built on first use instead
                log.exception("could not prepare the per-version indexes of %s", index.version)
        products = index.product_meta
        self._categories = {str(m.get("category", "")).lower() for m in products if m.get("category")}
        self._brands = {str(m.get("brand", "")).lower() for m in products if m.get("brand")}
        self._index = index  # the one atomic reference swap readers observe
        log.info("knowledge base now serving %s (%d chunks)", index.version, len(index.passages))
        release_freed()  # the version swapped out is freed now (unless a turn still holds it): give its pages back

    @property
    def serving_version(self) -> str | None:
        """The version readers are answered from, or None before the first load."""
        return self._index.version if self._index is not None else None

    def follow_current(self) -> bool:
        """Switch to the version CURRENT names (published by another process); True if it switched.

        A version that cannot be loaded is logged and the served one stays.
        """
        if self.reloading:
            return False
        current = self.versions.current()
        serving = self.serving_version
        if current is None or current == serving:
            return False
        try:
            self._swap(KBIndex.load(self.versions.versions_dir / current))
        except KnowledgeBaseError as exc:
            log.error("CURRENT names %s but it cannot be loaded (%s); still serving %s", current, exc, serving)
            return False
        return True

    def reload(
        self, *, force: bool = False, progress: bool = False, on_progress: ProgressFn | None = None
    ) -> BuildResult:
        """Build from the knowledge directory and switch to it; on any error keep serving the old version."""
        if not self._build_lock.acquire(blocking=False):
            raise KnowledgeBaseError("a reload is already running")
        self.reloading = True
        try:
            with self.versions.lock(timeout_s=None):  # one build at a time across processes (CLI, server, tests)
                return self._reload_locked(force=force, progress=progress, on_progress=on_progress)
        finally:
            self.reloading = False
            self._build_lock.release()

    def _reload_locked(self, *, force: bool, progress: bool, on_progress: ProgressFn | None) -> BuildResult:
        try:
            result = build_version(
                self.knowledge_dir,
                self.versions,
                embedder_name=embedder_key(self.embedder_name),
                embedder_dim=EMBEDDER_DIMS.get(self.embedder_name, 384),
                get_embedder=lambda: self.embedder,
                chunk_size=self.chunk_size,
                chunk_overlap=self.chunk_overlap,
                force=force,
                progress=progress,
                on_progress=on_progress,
                cache_dir=self.cache_dir,
                ann_min_rows=self.ann_min_rows,
                previous=self._index,
            )
            if result.unchanged and self._index is not None and self._index.version == result.version:
                self.last_error = None
                return result
            index = result.index or KBIndex.load(self.versions.versions_dir / result.version)
            self.versions.set_current(result.version)
            self._swap(index)
            self.versions.prune(keep=self.keep_versions)
            self.last_error = None
            self._notify(result.version, {**result.as_dict(), "status": "active"})
            return result
        except KnowledgeBaseError as exc:
            self.last_error = {
                "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "error": str(exc),
                "file": getattr(exc, "path", None),
                "line": getattr(exc, "line", None),
                "reason": getattr(exc, "reason", str(exc)),
            }
            log.error(
                "knowledge-base reload failed, still serving %s: %s",
                self._index.version if self._index else "nothing",
                exc,
            )
            self._notify("failed-" + self.versions.new_name(), {"status": "failed", "error": str(exc)})
            raise
        except (OSError, ValueError) as exc:
            self.last_error = {
                "at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
                "error": str(exc),
                "file": None,
                "line": None,
                "reason": str(exc),
            }
            log.error("knowledge-base reload failed: %s", exc)
            raise KnowledgeBaseError(f"reload failed: {exc}") from exc

    def rollback(self) -> str:
        """Switch back to the version before the current one."""
        with self._build_lock, self.versions.lock():
            target = self.versions.previous()
            if target is None:
                raise KnowledgeBaseError("there is no earlier knowledge-base version to roll back to")
            index = KBIndex.load(self.versions.versions_dir / target)
            self.versions.set_current(target)
            self._swap(index)
            self._notify(target, {"status": "active", "rolled_back": True})
            return target

    def _notify(self, version: str, info: dict[str, Any]) -> None:
        if self._on_version is not None:
            try:
                self._on_version(version, info)
            except Exception:
                log.exception("could not record knowledge-base version %s", version)

    def status(self) -> dict[str, Any]:
        """Versions with counts and build times, the live one, and the last error."""
        current = self.versions.current()
        versions = []
        for name in reversed(self.versions.names()):
            m = self.versions.manifest(name)
            versions.append(
                {
                    "version": name,
                    "current": name == current,
                    "created_at": m.get("created_at"),
                    "documents": m.get("documents"),
                    "chunks": m.get("chunks"),
                    "embedded": m.get("embedded"),
                    "build_seconds": m.get("build_seconds"),
                }
            )
        return {
            "knowledge_dir": str(self.knowledge_dir),
            "current": current,
            "serving": self._index.version if self._index else None,
            "reloading": self.reloading,
            "versions": versions,
            "last_error": self.last_error,
            "instructions": self.versions.manifest(current).get("instructions", []) if current else [],
        }

    # ------------------------------------------------------------------ search
    def product_filter(self, query: str, explicit: dict[str, Any] | None = None) -> ProductFilter:
        """Explicit filters if given, else those the question states."""
        if explicit:
            return ProductFilter.from_dict(explicit)
        return parse_filter(query, categories=self._categories, brands=self._brands)

    def search(
        self,
        query: str,
        *,
        k: int = 5,
        filters: dict[str, Any] | None = None,
        auto_filters: bool = True,
        prefer_products: bool = False,
        subject: str | None = None,
    ) -> list[Hit]:
        """Hybrid search over the live version, with product filters where the query asks for them.

        With filters read from the question, filtered products and unfiltered hits are merged by score
        ("how should I wash my jeans" still finds the care FAQ); `prefer_products` (a product search)
        or explicit `filters` put the matching products first.

        `subject` names what the question is about: one of the assistant's intents (`returns_refunds`,
        `shipping`, ...; see SUBJECTS) or any short text. Passages about that subject get a bonus, so "How
        long do I have to return a pair of jeans?" with subject `returns_refunds` prefers the return window
        over the jeans-hemming price. None, "", greeting, complaint, human_agent and out_of_scope mean no
        subject. Hit.dense_score stays the plain cosine, so the calibrated confidence does not change.
        """
        index = self.index  # one reference for the whole query
        query = query.strip()
        if not query:
            return []
        vec = self._query_vector(query[:2000])
        sub = self.subject_vector(subject)
        pf = (
            ProductFilter.from_dict(filters)
            if filters
            else (self.product_filter(query) if auto_filters else ProductFilter())
        )
        if not pf:
            return index.search(query, vec, k=k, subject_vec=sub)
        allowed = index.matching_chunks(pf)
        products = index.search(query, vec, k=k, allowed=allowed, subject_vec=sub)
        if filters or prefer_products:
            return products
        general = [
            h for h in index.search(query, vec, k=k, subject_vec=sub) if h.passage.metadata.get("kind") != "product"
        ]
        merged = sorted(products + general, key=lambda h: h.score, reverse=True)[:k]
        return [replace(h, rank=i + 1) for i, h in enumerate(merged)]

    def _query_vector(self, text: str) -> np.ndarray:
        """The query's vector; the last few are kept (a turn searches and matches slot rows with the same text)."""
        key = (self.embedder_name, text)
        vec = self._query_vecs.get(key)
        if vec is None:
            vec = self.embedder.embed([text])[0]
            if len(self._query_vecs) >= 64:
                self._query_vecs.pop(next(iter(self._query_vecs)))
            self._query_vecs[key] = vec
        return vec

    def slot_rows(self, query: str, *, kinds: Sequence[str] = (), k: int = 12) -> list[SlotMatch]:
        """The slot-table rows (bot.core.slot_table) of the live version closest in meaning to the question, of the
        asked kinds when given, best first."""
        index = self.index
        query = query.strip()
        if not query or not index.slots.rows:
            return []
        return index.slots.match(self._query_vector(query[:2000]), kinds=kinds, k=k)

    def slot_section(self, row: SlotRow) -> list[SlotRow]:
        """Every row of the live version's section that holds `row` (a table's rows read together)."""
        return self.index.slots.section(row)

    def subject_vector(self, subject: str | None) -> np.ndarray | None:
        """The embedded subject hint (an intent name or any short text), cached; None for no subject."""
        key = (subject or "").strip().lower()
        if key in NO_SUBJECT:
            return None
        text = SUBJECTS.get(key) or key.replace("_", " ")[:200]
        cached = self._subject_vecs.get((self.embedder_name, text))
        if cached is None:
            cached = self.embedder.embed([text])[0]
            if len(self._subject_vecs) < 256:
                self._subject_vecs[(self.embedder_name, text)] = cached
        return cached

    def confidence(self, query: str, hits: list[Hit]) -> float:
        """Calibrated confidence that the best hit answers the query."""
        return self.calibration.confidence(hits)

    def products(self) -> list[dict[str, Any]]:
        """Every product's metadata in the live version (for tools and the recommender); built once per version.

        The same read-only list (a `Catalog`) on every call within a version: the core's indexes over it (names,
        SKUs, attributes) are found by its identity, so a turn's lookups do not grow with the catalog.
        """
        return self.index.catalog

    def known_names(self) -> tuple[str, ...]:
        """Every product name and brand in the live version (what the verifier watches for); built once per version."""
        return self.index.known_names

    def as_retriever(self, *, k: int = 5) -> Any:
        """This knowledge base as a LangChain BaseRetriever."""
        from bot.kb.langchain_retriever import ShopbotRetriever

        return ShopbotRetriever(kb=self, k=k)
