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


def _edit_catalog(folder: Path) -> None:
    """Change two descriptions (a new word in one), one price; remove one product and add one."""
    path = folder / "catalog" / "products.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    rows[7]["description"] += " Now woven from zephyrcloth."
    rows[150]["description"] += " Now with recycled trims."
    rows[42]["price"] = 999
    del rows[100]
    rows.insert(0, {"sku": "SKU-NEW1", "name": "Harbor Teal Quilted Vest", "brand": "Harbor", "category": "vest",
                    "description": "A teal quilted vest.", "price": 75})  # fmt: skip
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_a_restarted_servers_reload_reuses_the_unchanged_products_and_answers_like_a_full_build(tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    rows = write_catalog(knowledge, 300)
    KnowledgeBase(knowledge, tmp_path / "kb", embedder="hashing", ann_min_rows=10_000).reload()
    # a server started later: the served version is read from disk, and its first reload reuses it
    kb = KnowledgeBase(knowledge, tmp_path / "kb", embedder="hashing", ann_min_rows=10_000)
    kb.open(build_if_missing=False)
    before = {p.chunk_id: p for p in kb.index.passages}
    _edit_catalog(knowledge)
    result = kb.reload()
    # the model embeds the two descriptions and the new product (a price is not in the dense text: cached)
    assert (result.chunks, result.embedded) == (300, 3)
    shared = [p for p in kb.index.passages if before.get(p.chunk_id) is p]
    assert len(shared) == 300 - 4  # every unchanged product is the served version's chunk, not read again

    # the changed products' new facts
    product = {p["sku"]: p for p in kb.products()}
    assert product["SKU-0042"]["price"] == 999.0 and "SKU-0100" not in product
    assert [h.doc_id for h in kb.search("zephyrcloth", k=1, auto_filters=False)] == ["product:SKU-0007"]
    assert kb.search("Harbor Teal Quilted Vest", k=1, auto_filters=False)[0].doc_id == "product:SKU-NEW1"
    hits = kb.search("now with recycled trims", k=2, auto_filters=False)
    assert "product:SKU-0150" in {h.doc_id for h in hits}
    assert "Price: 999.00 USD" in kb.search("SKU-0042", k=1, auto_filters=False)[0].passage.text
    assert all(h.doc_id != "product:SKU-0100" for h in kb.search(str(rows[100]["name"]), k=5, auto_filters=False))

    # the unchanged products as before, and every answer as a build from scratch gives it
    full = KnowledgeBase(knowledge, tmp_path / "full", embedder="hashing", ann_min_rows=10_000)
    full.reload()
    queries = [str(r["name"]) for r in rows[::37]] + ["navy rain jacket", "zephyrcloth", "teal vest under $80"]
    for query in queries:
        assert [(h.doc_id, round(h.score, 5)) for h in kb.search(query, k=5)] == [
            (h.doc_id, round(h.score, 5)) for h in full.search(query, k=5)
        ], query
    assert kb.search(str(rows[37]["name"]), k=1)[0].doc_id == "product:SKU-0037"
    # what it saved (partly copied from the version before) is what it serves
    disk = KnowledgeBase(knowledge, tmp_path / "kb", embedder="hashing", ann_min_rows=10_000)
    disk.open(build_if_missing=False)
    assert disk.index.passages == kb.index.passages and disk.index.passages == full.index.passages
    assert len(disk.index.record_keys) == 300


def test_a_version_read_by_other_code_lends_no_products(tmp_path: Path) -> None:
    knowledge = tmp_path / "knowledge"
    write_catalog(knowledge, 50)
    kb = KnowledgeBase(knowledge, tmp_path / "kb", embedder="hashing")
    first = kb.reload()
    rendered = kb.search("SKU-0002", k=1, auto_filters=False)[0].passage.text
    # the version as an older release would have written it: another rendering of SKU-0002, another reader
    folder = kb.versions.versions_dir / first.version
    chunks = (folder / "chunks.jsonl").read_text(encoding="utf-8")
    (folder / "chunks.jsonl").write_text(chunks.replace(rendered, "OLD RENDERING " + rendered), encoding="utf-8")
    manifest = json.loads((folder / "manifest.json").read_text(encoding="utf-8"))
    (folder / "manifest.json").write_text(json.dumps({**manifest, "reader": "an older release"}), encoding="utf-8")
    kb = KnowledgeBase(knowledge, tmp_path / "kb", embedder="hashing")
    kb.open(build_if_missing=False)
    assert kb.search("SKU-0002", k=1, auto_filters=False)[0].passage.text.startswith("OLD RENDERING")
    write_catalog(knowledge, 50, changed={1})
    assert kb.reload().embedded == 1
    # every line was read again by this code: SKU-0002's line did not change, its chunk did
    assert kb.search("SKU-0002", k=1, auto_filters=False)[0].passage.text == rendered
    assert "recycled trims" in kb.search("SKU-0001", k=1, auto_filters=False)[0].passage.text


def test_products_edited_in_place_update_only_their_rows_of_the_served_ivf_index(tmp_path: Path) -> None:
    import faiss
    import numpy as np

    knowledge = tmp_path / "knowledge"
    rows = write_catalog(knowledge, 400)
    KnowledgeBase(knowledge, tmp_path / "kb", embedder="hashing", ann_min_rows=200).reload()
    kb = KnowledgeBase(knowledge, tmp_path / "kb", embedder="hashing", ann_min_rows=200)
    served = kb.open(build_if_missing=False)
    before = served.dense.reconstruct_n(0, served.dense.ntotal)
    write_catalog(knowledge, 400, changed={3, 9, 250})
    assert kb.reload().embedded == 3
    dense = kb.index.dense
    assert dense is not served.dense and np.array_equal(served.dense.reconstruct_n(0, len(before)), before)
    # every row holds the vector a build from scratch gives it, in the cell nearest to it
    flat = KnowledgeBase(knowledge, tmp_path / "flat", embedder="hashing", ann_min_rows=10_000)
    flat.reload()
    vectors = dense.reconstruct_n(0, dense.ntotal)
    assert np.array_equal(vectors, flat.index.dense.reconstruct_n(0, flat.index.dense.ntotal))
    changed = [i for i in range(len(vectors)) if not np.array_equal(vectors[i], before[i])]
    assert changed == [3, 9, 250]
    ivf = faiss.extract_index_ivf(dense)
    _, nearest = ivf.quantizer.search(vectors, 1)
    for cell in range(ivf.nlist):
        ids = faiss.rev_swig_ptr(ivf.invlists.get_ids(cell), ivf.invlists.list_size(cell))
        assert (nearest[ids, 0] == cell).all()
    assert sum(ivf.invlists.list_size(c) for c in range(ivf.nlist)) == len(vectors)
    for r in rows[::40] + [rows[9]]:
        assert kb.search(str(r["name"]), k=1, auto_filters=False)[0].doc_id == f"product:{r['sku']}"
    assert {h.doc_id for h in kb.search("now with recycled trims", k=3, auto_filters=False)} == {
        "product:SKU-0003", "product:SKU-0009", "product:SKU-0250"
    }  # fmt: skip
