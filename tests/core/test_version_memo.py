"""Values kept per knowledge-base version (bot/core/version_memo.py): computed once per version and key, afresh
for a new version, and never kept for a knowledge base that hands out plain lists."""

from __future__ import annotations

from typing import Any

from bot.core.version_memo import per_version
from bot.domain import Catalog


class Versions:
    """A knowledge base reduced to what per_version reads: the serving version's product list."""

    def __init__(self, catalog: list[dict[str, Any]]) -> None:
        self.catalog = catalog

    def products(self) -> list[dict[str, Any]]:
        return self.catalog


def test_once_per_version_and_key_then_afresh_for_a_new_version() -> None:
    calls: list[str] = []

    def compute(tag: str) -> str:
        calls.append(tag)
        return f"{tag}-{len(calls)}"

    kb = Versions(Catalog([{"sku": "A"}]))
    assert per_version(kb, "q1", lambda: compute("q1")) == "q1-1"  # type: ignore[arg-type]
    assert per_version(kb, "q1", lambda: compute("q1")) == "q1-1"  # type: ignore[arg-type]
    assert per_version(kb, "q2", lambda: compute("q2")) == "q2-2"  # type: ignore[arg-type]
    kb.catalog = Catalog([{"sku": "A"}])  # a reload: an equal catalog, but another version
    assert per_version(kb, "q1", lambda: compute("q1")) == "q1-3"  # type: ignore[arg-type]
    assert calls == ["q1", "q2", "q1"]


def test_a_plain_list_is_never_memoised() -> None:
    calls: list[int] = []
    kb = Versions([{"sku": "A"}])
    for _ in range(3):
        per_version(kb, "q", lambda: calls.append(1))  # type: ignore[arg-type]
    assert len(calls) == 3
