"""Retrieval that knows the subject: heading and sentence rows, the subject hint, per-version caches (real FAISS, hashing embedder)."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.errors import DataFileError
from bot.kb.evaluate import evaluate_retrieval, section_id
from bot.kb.index import ROW_CHUNK, ROW_HEADING, ROW_SENTENCE, ROW_TITLE, KBIndex
from bot.kb.knowledge_base import KnowledgeBase

PRICING_MD = """---
title: Pricing and extra services
---
# Pricing and extra services

## Jeans hemming
Hemming a pair of jeans costs $12.00 per pair of jeans.
"""


def make_kb(knowledge_dir: Path, tmp_path: Path) -> KnowledgeBase:
    kb = KnowledgeBase(knowledge_dir, tmp_path / "var" / "kb", embedder="hashing")
    kb.open()
    return kb


def test_every_section_heading_and_page_sentence_gets_its_own_row(knowledge_dir: Path, tmp_path: Path) -> None:
    index = make_kb(knowledge_dir, tmp_path).index
    kinds = {int(k): int((index.row_kind == k).sum()) for k in (ROW_CHUNK, ROW_TITLE, ROW_HEADING, ROW_SENTENCE)}
    assert kinds[ROW_CHUNK] == len(index.passages)
    assert kinds[ROW_TITLE] == 2  # the two pages; products have no title row
    assert kinds[ROW_HEADING] == 4  # Return window, Refund method, Where we ship, Delivery times
    assert kinds[ROW_SENTENCE] >= 4
    for row in np.flatnonzero(index.row_kind == ROW_SENTENCE):
        assert index.passages[int(index.row_chunk[row])].metadata["kind"] == "page"  # products stay one row


def test_a_version_saved_before_row_kinds_still_loads(knowledge_dir: Path, tmp_path: Path) -> None:
    kb = make_kb(knowledge_dir, tmp_path)
    folder = kb.versions.versions_dir / kb.index.version
    (folder / "row_kind.npy").unlink()
    old = KBIndex.load(folder)
    assert set(np.unique(old.row_kind)) == {ROW_CHUNK, ROW_TITLE}
    assert old.search("return window", kb.embedder.embed(["return window"])[0], k=1)[0].doc_id == "policies/returns"


def test_the_subject_hint_prefers_pages_about_the_subject(knowledge_dir: Path, tmp_path: Path) -> None:
    (knowledge_dir / "policies" / "pricing.md").write_text(PRICING_MD, encoding="utf-8")
    kb = make_kb(knowledge_dir, tmp_path)
    question = "How long do I have to return a pair of jeans?"
    plain = kb.search(question, k=5, auto_filters=False)
    hinted = kb.search(question, k=5, auto_filters=False, subject="returns_refunds")
    # "jeans" and "pair" pull the hemming price up; the returns subject puts the return window first
    assert plain[0].doc_id == "policies/pricing"
    assert hinted[0].passage.metadata.get("heading") == "Return window"
    # the subject changes the ranking score only: confidence reads the plain cosine, which stays the same
    by_chunk = {h.passage.chunk_id: h.dense_score for h in plain}
    assert all(
        by_chunk[h.passage.chunk_id] == pytest.approx(h.dense_score) for h in hinted if h.passage.chunk_id in by_chunk
    )
    # no subject, and subjects that name no topic, leave the ranking as it was
    for none in (None, "", "greeting", "out_of_scope"):
        assert [h.passage.chunk_id for h in kb.search(question, k=5, auto_filters=False, subject=none)] == [
            h.passage.chunk_id for h in plain
        ]
    # any short text works as a subject too
    assert kb.search(question, k=1, auto_filters=False, subject="returns and refunds")[0].doc_id == "policies/returns"


def test_products_and_known_names_are_built_once_per_version(knowledge_dir: Path, tmp_path: Path) -> None:
    kb = make_kb(knowledge_dir, tmp_path)
    first, again = kb.products(), kb.products()
    assert [p["sku"] for p in first] == ["NT-JNS-0001", "NT-JNS-0002", "NT-JKT-0003", "NT-BTS-0004"]
    assert first is again  # one read-only list per version, not rebuilt (the core indexes it by identity)
    with pytest.raises(TypeError, match="read-only"):
        first.clear()  # shared by every turn, so nobody may change it in place
    assert len(kb.products()) == 4
    assert kb.known_names() is kb.known_names()
    assert {"Slim Blue Jeans", "Guess", "Calvin Klein", "Michael Kors"} <= set(kb.known_names())
    catalog = knowledge_dir / "catalog" / "products.jsonl"
    rows = [json.loads(line) for line in catalog.read_text().splitlines()]
    rows[0]["name"] = "Slim Indigo Jeans"
    catalog.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    kb.reload()
    assert "Slim Indigo Jeans" in kb.known_names() and "Slim Blue Jeans" not in kb.known_names()
    assert kb.products()[0]["name"] == "Slim Indigo Jeans"


def _queries(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    return path


def test_eval_on_a_knowledge_folder_scores_sections_and_prints_baselines(knowledge_dir: Path, tmp_path: Path) -> None:
    queries = _queries(
        tmp_path / "q.jsonl",
        [
            {
                "id": "1",
                "text": "how many days do I have to send something back",
                "relevant": ["policies/returns#Return window"],
            },
            {"id": "2", "text": "do you ship to the UK", "relevant": ["policies/shipping#Where we ship"]},
            {
                "id": "3",
                "text": "how long does standard shipping take",
                "relevant": ["policies/shipping"],
            },  # a whole page
        ],
    )
    out = evaluate_retrieval(
        None, queries, knowledge_dir=knowledge_dir, embedder="hashing", progress=False, cache_dir=tmp_path / "c"
    )
    assert out["queries"] == 3 and 0.0 <= out["R@1"] <= out["R@5"] <= out["R@10"] <= 1.0
    assert out["R@10"] == 1.0  # four sections: every label is found within ten
    assert set(out["baselines"]) == {"bm25", "dense"}
    assert set(out["baselines"]["bm25"]) == {"R@1", "R@5", "R@10", "MRR@10", "nDCG@10"}
    # the same through the command, with a subject hint from each line
    for line in (queries,):
        rows = [json.loads(x) | {"subject": "shipping"} for x in line.read_text().splitlines()]
        _queries(line, rows)
    result = CliRunner().invoke(
        main,
        ["eval", "retrieval", "--kb", str(knowledge_dir), "--queries", str(queries), "--subject", "field"],
        env={"SHOPBOT_EMBEDDER": "hashing", "SHOPBOT_HOME": str(tmp_path / "home")},
    )
    assert result.exit_code == 0, result.output
    printed = json.loads(result.output)
    assert printed["subjects"] == {"shipping": 3} and "baselines" in printed


def test_eval_refuses_labels_that_name_nothing_and_a_missing_corpus(knowledge_dir: Path, tmp_path: Path) -> None:
    queries = _queries(
        tmp_path / "q.jsonl", [{"id": "1", "text": "returns", "relevant": ["policies/returns#No such heading"]}]
    )
    with pytest.raises(DataFileError, match="No such heading"):
        evaluate_retrieval(
            None, queries, knowledge_dir=knowledge_dir, embedder="hashing", progress=False, cache_dir=tmp_path / "c"
        )
    result = CliRunner().invoke(
        main, ["eval", "retrieval", "--queries", str(queries)], env={"SHOPBOT_HOME": str(tmp_path / "home")}
    )
    assert result.exit_code != 0 and "either --docs FILE or --kb DIR" in result.output


def test_section_ids_are_document_and_heading_path(knowledge_dir: Path, tmp_path: Path) -> None:
    index = make_kb(knowledge_dir, tmp_path).index
    ids = {section_id(p) for p in index.passages}
    assert {"policies/returns#Return window", "policies/shipping#Delivery times", "product:NT-JNS-0001#"} <= ids


def test_the_same_sentence_on_two_pages_keeps_the_embedding_cache_consistent(
    knowledge_dir: Path, tmp_path: Path
) -> None:
    # an FAQ entry often repeats a policy sentence word for word: one cache entry, and the cache reloads whole
    faq = knowledge_dir / "faq.md"
    faq.write_text(
        "# FAQ\n\n## Return window?\nYou can return any item within 30 days of delivery for a full refund.\n",
        encoding="utf-8",
    )
    kb = make_kb(knowledge_dir, tmp_path)
    again = KnowledgeBase(knowledge_dir, tmp_path / "var" / "kb", embedder="hashing")
    assert again.reload(force=True).embedded == 0  # every vector came back from the saved cache
    assert kb.index.version != again.index.version


def _unit(cos: float, other: int, dim: int = 8) -> np.ndarray:
    """A unit vector whose cosine with the first axis is `cos`."""
    v = np.zeros(dim, dtype=np.float32)
    v[0], v[other] = cos, np.sqrt(1 - cos * cos)
    return v


def test_the_whole_text_and_the_section_heading_count_beside_the_best_row() -> None:
    from bot.domain import Passage
    from bot.kb.structure import BODY_WEIGHT, HEADING_WEIGHT

    def page(n: int, doc: str, heading: str) -> Passage:
        return Passage(f"{doc}::{n}", doc, doc.title(), f"{doc}.md", f"text {n}", {"kind": "page", "heading": heading})

    passages = [page(0, "alpha", "Alpha"), page(1, "beta", "Beta"), page(2, "beta", "Beta")]
    rows = [  # (vector, chunk, kind); the query is the first axis
        (_unit(0.1, 1), 0, ROW_CHUNK),
        (_unit(0.5, 2), 1, ROW_CHUNK),
        (_unit(0.6, 3), 2, ROW_CHUNK),
        (_unit(0.0, 4), 0, ROW_HEADING),
        (_unit(0.7, 5), 1, ROW_HEADING),  # the heading of Beta, pointing at its first chunk
        (_unit(0.8, 6), 0, ROW_SENTENCE),  # one sentence of Alpha matches well; its text as a whole does not
    ]
    index = KBIndex(
        passages,
        np.stack([r[0] for r in rows]),
        np.array([r[1] for r in rows]),
        row_kind=np.array([r[2] for r in rows]),
    )
    query = _unit(1.0, 1)
    hits = {h.passage.chunk_id: h for h in index.search("zzz", query, k=3)}
    # Alpha's one sentence (0.8) no longer beats Beta, whose heading (0.7) and text (0.5) both match
    assert [h.passage.chunk_id for h in index.search("zzz", query, k=3)][0] == "beta::1"
    assert hits["alpha::0"].score == pytest.approx(0.8 + BODY_WEIGHT * 0.1)
    assert hits["beta::1"].score == pytest.approx(0.7 + BODY_WEIGHT * 0.5 + HEADING_WEIGHT * 0.7)
    # the section's second chunk has no heading row of its own, and still gets its section's heading
    assert hits["beta::2"].score == pytest.approx(0.6 + BODY_WEIGHT * 0.6 + HEADING_WEIGHT * 0.7)
    # the plain best cosine (what confidence reads) is unchanged
    assert [hits[c].dense_score for c in ("alpha::0", "beta::1", "beta::2")] == pytest.approx([0.8, 0.7, 0.6])
    # a filtered search scores the allowed chunks the same way
    only = index.search("zzz", query, k=2, allowed={0, 2})
    assert [h.passage.chunk_id for h in only] == ["alpha::0", "beta::2"]
    assert only[1].score == pytest.approx(hits["beta::2"].score)


class _SureOfReturns:
    """The classifier's verdict as an input: a returns question at high confidence."""

    def predict(self, text: str) -> object:
        from bot.domain import Intent, IntentPrediction

        return IntentPrediction(intent=Intent.RETURNS_REFUNDS, confidence=0.9)


def test_eval_can_search_the_way_the_assistant_does(knowledge_dir: Path, tmp_path: Path) -> None:
    from bot.cli.kb import _assistant_searcher

    (knowledge_dir / "policies" / "pricing.md").write_text(PRICING_MD, encoding="utf-8")
    kb = make_kb(knowledge_dir, tmp_path)
    question = "How long do I have to return a pair of jeans?"
    assert kb.search(question, k=5, auto_filters=False)[0].doc_id == "policies/pricing"  # the plain search
    search = _assistant_searcher(_SureOfReturns())
    # the router's way: the returns hint, and the rule query ("return an item") merged before the question's hits
    hits = search(kb, question, 5)
    assert hits[0].passage.metadata.get("heading") == "Return window"
    assert "policies/pricing" in {h.doc_id for h in hits}  # the question's own hits follow
    queries = _queries(
        tmp_path / "q.jsonl", [{"id": "1", "text": question, "relevant": ["policies/returns#Return window"]}]
    )
    kwargs = {"knowledge_dir": knowledge_dir, "embedder": "hashing", "progress": False, "cache_dir": tmp_path / "c"}
    assert evaluate_retrieval(None, queries, **kwargs)["R@1"] == 0.0
    assert evaluate_retrieval(None, queries, searcher=search, **kwargs)["R@1"] == 1.0
