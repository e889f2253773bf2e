"""Composition root: the only place that picks concrete backends and wires them together."""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from bot.config import Settings
from bot.kb.knowledge_base import KnowledgeBase
from bot.store import Store

log = logging.getLogger(__name__)


@dataclass
class Services:
    """Everything a channel or command needs, built once per process from Settings."""

    settings: Settings
    started_at: float = field(default_factory=time.time)

    @cached_property
    def store(self) -> Store:
        """The SQLite store, migrated, with the demo data seeded into an empty database."""
        store = Store(self.settings.db_path)
        seed_dir = self.settings.seed_dir
        if seed_dir.is_dir():
            store.seed(seed_dir)
        return store

    @cached_property
    def kb(self) -> KnowledgeBase:
        """The live knowledge base (not yet opened)."""
        return KnowledgeBase(
            self.settings.knowledge_dir,
            self.settings.kb_root,
            embedder=self.settings.embedder,
            chunk_size=self.settings.chunk_size,
            chunk_overlap=self.settings.chunk_overlap,
            keep_versions=self.settings.keep_versions,
            on_version=self._record_version,
        )

    def _record_version(self, version: str, info: dict[str, Any]) -> None:
        fields = {k: info.get(k) for k in ("documents", "chunks", "embedded", "status", "error")}
        fields["build_seconds"] = info.get("seconds")
        fields["created_at"] = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        self.store.record_kb_version(version, **{k: v for k, v in fields.items() if v is not None})
        details = {k: v for k, v in info.items() if isinstance(v, (str, int, float, bool)) and k != "version"}
        self.store.event("kb_version", version=version, **details)

    def uptime_s(self) -> float:
        """Seconds since the services were built."""
        return time.time() - self.started_at


def build_services(settings: Settings) -> Services:
    """Build the services for one process (heavy parts load lazily on first use)."""
    settings.check_production()
    return Services(settings=settings)
