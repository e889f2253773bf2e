"""Building, reloading, rolling back and searching the knowledge base (real FAISS, hashing embedder)."""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from bot.errors import KnowledgeBaseError, SourceFileError
from bot.kb.index import KBIndex
from bot.kb.knowledge_base import KnowledgeBase


def make_kb(knowledge_dir: Path, tmp_path: Path) -> KnowledgeBase:
    return KnowledgeBase(knowledge_dir, tmp_path / "var" / "kb", embedder="hashing")


def test_first_open_builds_a_version_with_faiss_and_json_sidecars(knowledge_dir: Path, tmp_path: Path) -> None:
    kb = make_kb(knowledge_dir, tmp_path)
    index = kb.open()
    version_dir = kb.versions.versions_dir / index.version
    assert sorted(p.name for p in version_dir.iterdir()) == [
        "chunks.jsonl",
        "dense.faiss",
        "manifest.json",
        "record_keys.npy",  # each catalog line's key and chunk: what the next reload reuses (bot.kb.builder)
        "record_rows.npy",
        "row_chunk.npy",
        "row_kind.npy",
        "slots.jsonl",  # the slot table of the policy pages (bot.kb.slot_index)
        "slots.npy",
    ]
    assert not list(version_dir.glob("*.pkl"))
    assert kb.status()["current"] == index.version
    assert index.stats()["products"] == 4


def test_hits_carry_ids_titles_sources_text_and_scores(knowledge_dir: Path, tmp_path: Path) -> None:
    kb = make_kb(knowledge_dir, tmp_path)
    kb.open()
    hits = kb.search("how many days do I have to return an item", k=3)
    top = hits[0]
    assert top.doc_id == "policies/returns"
    assert top.passage.title == "Returns and refunds"
    assert top.passage.source == "policies/returns.md"
    assert "30 days" in top.passage.text
    assert top.passage.text.startswith("Returns and refunds > Return window")
    assert top.dense_score is not None and top.lexical_score is not None
    assert [h.rank for h in hits] == [1, 2, 3]


def test_unchanged_reload_is_a_no_op_and_forced_rebuild_reuses_the_cache(knowledge_dir: Path, tmp_path: Path) -> None:
    kb = make_kb(knowledge_dir, tmp_path)
    first = kb.reload()
    assert first.embedded > 0
    again = kb.reload()
    assert again.unchanged and again.version == first.version
    forced = kb.reload(force=True)
    assert forced.version != first.version
    assert forced.embedded == 0  # every chunk came from the embedding cache


def test_reload_embeds_only_changed_chunks(knowledge_dir: Path, tmp_path: Path) -> None:
    kb = make_kb(knowledge_dir, tmp_path)
    kb.reload()
    page = knowledge_dir / "policies" / "shipping.md"
    page.write_text(page.read_text().replace("3 to 5 business days", "2 to 4 business days"), encoding="utf-8")
    result = kb.reload()
    assert result.embedded == 2  # the changed chunk and its changed sentence's own row; nothing else
    assert any("2 to 4 business days" in h.passage.text for h in kb.search("standard shipping time", k=3))


def test_bad_file_keeps_serving_the_last_good_version(knowledge_dir: Path, tmp_path: Path) -> None:
    kb = make_kb(knowledge_dir, tmp_path)
    good = kb.reload().version
    (knowledge_dir / "catalog" / "broken.jsonl").write_text('{"sku": "X", "name": "Hat"}\n{oops\n', encoding="utf-8")
    with pytest.raises(SourceFileError, match=r"catalog/broken.jsonl:2"):
        kb.reload()
    assert kb.index.version == good
    assert kb.versions.current() == good
    assert kb.status()["last_error"]["file"] == "catalog/broken.jsonl"
    assert kb.status()["last_error"]["line"] == 2
    assert kb.search("return window", k=1)[0].doc_id == "policies/returns"
    assert not (kb.versions.root / "staging").exists() or not any((kb.versions.root / "staging").iterdir())


def test_empty_knowledge_directory_is_a_clear_error(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    kb = KnowledgeBase(empty, tmp_path / "kb", embedder="hashing")
    with pytest.raises(KnowledgeBaseError, match="has no documents"):
        kb.open()
    with pytest.raises(KnowledgeBaseError, match="has not been built"):
        kb.search("anything")


def test_rollback_returns_to_the_previous_version(knowledge_dir: Path, tmp_path: Path) -> None:
    kb = make_kb(knowledge_dir, tmp_path)
    v1 = kb.reload().version
    (knowledge_dir / "policies" / "gift.md").write_text("# Gift cards\n\nGift cards never expire.\n", encoding="utf-8")
    v2 = kb.reload().version
    assert kb.search("do gift cards expire", k=1)[0].doc_id == "policies/gift"
    assert kb.rollback() == v1
    assert kb.versions.current() == v1
    assert all(h.doc_id != "policies/gift" for h in kb.search("do gift cards expire", k=5))
    assert v2 in kb.versions.names()
    with pytest.raises(KnowledgeBaseError, match="no earlier"):
        kb.rollback()
    # a fresh process sees the rolled-back pointer
    again = make_kb(knowledge_dir, tmp_path)
    assert again.open().version == v1


def test_old_versions_are_pruned(knowledge_dir: Path, tmp_path: Path) -> None:
    kb = KnowledgeBase(knowledge_dir, tmp_path / "kb", embedder="hashing", keep_versions=2)
    for _ in range(4):
        kb.reload(force=True)
    assert len(kb.versions.names()) == 2


def test_queries_during_reloads_see_a_whole_version(knowledge_dir: Path, tmp_path: Path) -> None:
    kb = make_kb(knowledge_dir, tmp_path)
    initial = kb.reload().version
    errors: list[BaseException] = []
    seen_versions: set[str] = set()
    stop = threading.Event()

    def query() -> None:
        while not stop.is_set():
            try:
                index = kb.index
                hits = kb.search("return an item for a refund", k=2)
                assert hits and hits[0].doc_id == "policies/returns"
                assert len(index.passages) == index.manifest["chunks"]
                seen_versions.add(index.version)
            except BaseException as exc:  # noqa: BLE001 - collected and asserted below
                errors.append(exc)
                return

    threads = [threading.Thread(target=query) for _ in range(4)]
    for t in threads:
        t.start()
    built = [kb.reload(force=True).version for _ in range(5)]
    stop.set()
    for t in threads:
        t.join()
    assert errors == []
    assert seen_versions and seen_versions <= set(built) | {initial}
    assert kb.index.version == built[-1]


def test_concurrent_reload_is_refused(knowledge_dir: Path, tmp_path: Path) -> None:
    kb = make_kb(knowledge_dir, tmp_path)
    kb.reload()
    entered, release = threading.Event(), threading.Event()

    def slow_progress(stage: str, done: int, total: int) -> None:
        entered.set()
        release.wait(5)

    worker = threading.Thread(target=lambda: kb.reload(force=True, on_progress=slow_progress))
    worker.start()
    assert entered.wait(5)
    with pytest.raises(KnowledgeBaseError, match="already running"):
        kb.reload()
    release.set()
    worker.join()


def test_langchain_retriever(knowledge_dir: Path, tmp_path: Path) -> None:
    kb = make_kb(knowledge_dir, tmp_path)
    kb.open()
    docs = kb.as_retriever(k=2).invoke("Do you ship to the United Kingdom?")
    assert docs[0].metadata["doc_id"] == "policies/shipping"
    assert "United Kingdom" in docs[0].page_content
    assert docs[0].metadata["score"] > 0


def test_the_per_version_indexes_are_built_before_readers_see_a_version(knowledge_dir: Path, tmp_path: Path) -> None:
    seen: list[tuple[str, str | None]] = []
    kb: KnowledgeBase | None = None

    def prepare(index: KBIndex) -> None:
        assert kb is not None
        seen.append((index.version, kb.serving_version))

    kb = KnowledgeBase(knowledge_dir, tmp_path / "var" / "kb", embedder="hashing", on_index=prepare)
    first = kb.open().version
    assert seen == [(first, None)]  # built for the first version while nothing was served yet
    page = knowledge_dir / "policies" / "shipping.md"
    page.write_text(page.read_text() + "\nExpress parcels leave the same day.\n", encoding="utf-8")
    second = kb.reload().version
    assert seen[-1] == (second, first)  # the reload's indexes were ready while the old version still served
    assert kb.rollback() == first and seen[-1] == (first, second)

    def broken(index: object) -> None:
        raise RuntimeError("index build failed")

    other = KnowledgeBase(knowledge_dir, tmp_path / "var" / "kb", embedder="hashing", on_index=broken)
    assert other.open().version == first  # a failing hook is logged; the version is still served


def test_a_loaded_version_shares_one_string_per_repeated_metadata_value(knowledge_dir: Path, tmp_path: Path) -> None:
    kb = make_kb(knowledge_dir, tmp_path)
    built = kb.open()
    loaded = KBIndex.load(kb.versions.versions_dir / built.version)
    assert [p.metadata for p in loaded.passages] == [p.metadata for p in built.passages]  # the same values
    products = [p.metadata for p in loaded.passages if p.metadata.get("kind") == "product"]
    assert len(products) >= 2
    first, second = products[0], products[1]
    key = next(k for k in first if k in second)
    assert next(k for k in second if k == key) is key  # one key object across rows
    assert first["kind"] is second["kind"]  # one short value object across rows
