"""A catalog above the IVF threshold (a few hundred products here, the threshold lowered): same answers as flat,
saved and reloaded as IVF, and a reload after changing a few products embeds only those."""

from __future__ import annotations

import json
from pathlib import Path

from bot.kb.knowledge_base import KnowledgeBase

BRANDS = ["Northwind", "Harbor", "Aspen", "Cedar", "Marlow"]
KINDS = ["rain jacket", "wool beanie", "denim jeans", "canvas tote", "leather boots", "linen shirt"]
COLOURS = ["navy", "olive", "red", "grey", "black", "sand", "teal"]


def write_catalog(folder: Path, n: int, *, changed: set[int] = frozenset()) -> list[dict[str, object]]:
    rows = []
    for i in range(n):
        brand, kind, colour = BRANDS[i % 5], KINDS[(i // 5) % 6], COLOURS[(i // 30) % 7]
        note = " Now with recycled trims." if i in changed else ""
        rows.append(
            {
                "sku": f"SKU-{i:04d}",
                "name": f"{brand} {colour.title()} {kind.title()} {i:04d}",
                "brand": brand,
                "category": kind.split()[-1],
                "description": f"A {colour} {kind} by {brand}, model {i:04d}.{note}",
                "price": 20 + i % 50,
            }
        )
    (folder / "catalog").mkdir(parents=True, exist_ok=True)
    (folder / "catalog" / "products.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return rows


def test_ivf_above_the_threshold_answers_like_flat_and_survives_a_reload(tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    rows = write_catalog(knowledge, 400)
    flat = KnowledgeBase(knowledge, tmp_path / "flat", embedder="hashing", ann_min_rows=10_000)
    ivf = KnowledgeBase(knowledge, tmp_path / "ivf", embedder="hashing", ann_min_rows=200)
    flat.open()
    ivf.open()
    assert flat.index.stats()["dense_index"] == "flat"
    assert ivf.index.stats()["dense_index"] == "ivf40"  # about 2·sqrt(400) cells
    names = [str(r["name"]) for r in rows[::10]]
    top = {name: ivf.search(name, k=1, auto_filters=False)[0].doc_id for name in names}
    assert top == {name: flat.search(name, k=1, auto_filters=False)[0].doc_id for name in names}
    assert top == {str(r["name"]): f"product:{r['sku']}" for r in rows[::10]}

    again = KnowledgeBase(knowledge, tmp_path / "ivf", embedder="hashing", ann_min_rows=200)
    again.open(build_if_missing=False)  # read from disk, not rebuilt
    assert again.index.stats()["dense_index"] == "ivf40"
    assert [h.doc_id for h in again.search(names[3], k=5)] == [h.doc_id for h in ivf.search(names[3], k=5)]


def test_changing_three_products_re_embeds_three_and_refreshes_the_catalog(tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    write_catalog(knowledge, 300)
    kb = KnowledgeBase(knowledge, tmp_path / "kb", embedder="hashing", ann_min_rows=200)
    first = kb.reload()
    assert first.embedded == first.chunks == 300
    products, names = kb.products(), kb.known_names()
    assert kb.known_names() is names  # built once per version, not per call
    assert kb.products() is products  # one read-only Catalog per version: the core indexes it by identity
    write_catalog(knowledge, 300, changed={5, 77, 250})
    second = kb.reload()
    assert (second.chunks, second.embedded) == (300, 3)
    assert "recycled trims" in next(p for p in kb.products() if p["sku"] == "SKU-0077")["description"]
    assert "recycled trims" not in next(p for p in products if p["sku"] == "SKU-0077")["description"]
    assert kb.products() is not products  # a new version, a new catalog (and new indexes)
    hits = kb.search("now with recycled trims", k=3, auto_filters=False)
    assert {h.doc_id for h in hits} == {"product:SKU-0005", "product:SKU-0077", "product:SKU-0250"}


def test_a_reload_keeps_the_ivf_cells_and_serves_what_it_saved(tmp_path: Path) -> None:
    import faiss
    import numpy as np

    knowledge = tmp_path / "knowledge"
    write_catalog(knowledge, 400)
    kb = KnowledgeBase(knowledge, tmp_path / "kb", embedder="hashing", ann_min_rows=200)
    kb.reload()
    first = faiss.extract_index_ivf(kb.index.dense)
    centroids = first.quantizer.reconstruct_n(0, first.nlist)
    write_catalog(knowledge, 400, changed={3, 9})
    second = kb.reload()
    assert second.embedded == 2
    ivf = faiss.extract_index_ivf(kb.index.dense)
    assert np.array_equal(ivf.quantizer.reconstruct_n(0, ivf.nlist), centroids)  # no k-means on a reload
    # the version served from memory is the one on disk
    disk = KnowledgeBase(knowledge, tmp_path / "kb", embedder="hashing", ann_min_rows=200)
    disk.open(build_if_missing=False)
    assert disk.serving_version == kb.serving_version
    for query in ("navy rain jacket", "Now with recycled trims", "Cedar Olive Wool Beanie 0041"):
        assert [(h.doc_id, round(h.score, 5)) for h in disk.search(query, k=5, auto_filters=False)] == [
            (h.doc_id, round(h.score, 5)) for h in kb.search(query, k=5, auto_filters=False)
        ]
    # twice as many products: too many rows for the old cells, so k-means runs again
    write_catalog(knowledge, 1200)
    kb.reload()
    assert faiss.extract_index_ivf(kb.index.dense).nlist == int(2 * np.sqrt(1200))


def test_a_reload_shares_the_unchanged_passages_and_equals_a_fresh_load(tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    write_catalog(knowledge, 120)
    kb = KnowledgeBase(knowledge, tmp_path / "kb", embedder="hashing", ann_min_rows=10_000)
    kb.reload()
    before = {p.chunk_id: p for p in kb.index.passages}
    write_catalog(knowledge, 120, changed={4, 60})
    kb.reload()
    served = kb.index.passages
    shared = [p for p in served if before.get(p.chunk_id) is p]
    assert len(shared) == len(served) - 2  # the earlier version's objects, their metadata compacted already
    changed = {p.metadata["sku"] for p in served if before.get(p.chunk_id) is not p}
    assert changed == {"SKU-0004", "SKU-0060"}
    fresh = KnowledgeBase(knowledge, tmp_path / "kb", embedder="hashing", ann_min_rows=10_000)
    fresh.open(build_if_missing=False)  # the same version read back from disk: equal passages, equal catalog
    assert fresh.index.passages == served and list(fresh.products()) == list(kb.products())
    assert "recycled trims" in next(p for p in kb.products() if p["sku"] == "SKU-0060")["description"]
