"""Our BM25 gives bm25s's Lucene scores, and an index that reuses an earlier version's words for the unchanged
texts scores every query exactly as one built from scratch."""

from __future__ import annotations

from pathlib import Path

import bm25s
import numpy as np

from bot.kb.knowledge_base import KnowledgeBase
from bot.kb.lexical import LexicalIndex, tokenize

QUERIES = [
    "how long do I have to return jeans",
    "standard shipping time to Canada",
    "red wool sweater size M",
    "gift card balance",  # no word of it in the tiny shop: None, as for an unknown word
    "returns returned returning",  # stems to one word, counted three times
    "zzz-unknown-word",
]


def _texts(knowledge_dir: Path, tmp_path: Path) -> list[str]:
    kb = KnowledgeBase(knowledge_dir, tmp_path / "kb", embedder="hashing")
    return [p.text for p in kb.open().passages]


def test_scores_are_bm25s_lucene_scores(knowledge_dir: Path, tmp_path: Path) -> None:
    texts = _texts(knowledge_dir, tmp_path) + ["", "!!!"]  # texts without words count one word, as in bm25s
    ours = LexicalIndex(texts)
    ref = bm25s.BM25()
    ref.index([tokenize(t) or ["_empty_"] for t in texts], show_progress=False)
    compared = 0
    for query in QUERIES:
        tokens = [t for t in tokenize(query) if t in ref.vocab_dict]
        scores = ours.scores(query)
        if not tokens:
            assert scores is None
            continue
        np.testing.assert_allclose(scores, ref.get_scores(tokens), rtol=1e-6, atol=1e-7)
        assert scores.max() > 0
        compared += 1
    assert compared == len(QUERIES) - 2


def test_reusing_the_unchanged_texts_scores_like_a_fresh_index(knowledge_dir: Path, tmp_path: Path) -> None:
    old = _texts(knowledge_dir, tmp_path)
    assert len(old) > 5
    gone = "a zephyrweave coat only the removed text names"
    old = old + [gone]
    earlier = LexicalIndex(old)
    # one text changed, the removed one gone, one added, the rest moved by one place
    new = ["a brand new quiltcraft vest"] + old[:3] + [old[3] + " Now in quiltcraft too."] + old[4:-1]
    same = [-1] + [0, 1, 2] + [-1] + list(range(4, len(old) - 1))
    reused = LexicalIndex(new, previous=earlier, same=same)
    fresh = LexicalIndex(new)
    for query in [*QUERIES, "quiltcraft vest", "zephyrweave"]:
        a, b = reused.scores(query), fresh.scores(query)
        assert (a is None) == (b is None), query
        if a is not None:
            np.testing.assert_array_equal(a, b)
    assert earlier.scores("zephyrweave") is not None  # the earlier version still answers it while it is served
    assert reused.scores("zephyrweave") is None  # a word only the removed text held is no longer known
    rows, _ = reused.search("quiltcraft", k=5)
    assert sorted(rows.tolist()) == [0, 4]  # the added text and the changed one
