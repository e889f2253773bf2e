"""Structured product filters, from explicit values and from the shopper's words."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.kb.filters import ProductFilter, parse_filter
from bot.kb.knowledge_base import KnowledgeBase

CATS = {"jeans", "jacket", "boots"}
BRANDS = {"guess", "calvin klein", "michael kors"}


def test_parse_price_brand_category_and_stock() -> None:
    f = parse_filter("Calvin Klein jeans under $100 in stock", categories=CATS, brands=BRANDS)
    assert f.as_dict() == {
        "categories": ["jeans"],
        "brands": ["calvin klein"],
        "min_price": None,
        "max_price": 100.0,
        "in_stock": True,
    }
    f = parse_filter("boots between 50 and 130 dollars", categories=CATS, brands=BRANDS)
    assert (f.categories, f.min_price, f.max_price) == ({"boots"}, 50.0, 130.0)


def test_policy_questions_are_not_product_filters() -> None:
    assert not parse_filter("can I return things from 30 days ago?", categories=CATS, brands=BRANDS)
    assert not parse_filter("is the website available?", categories=CATS, brands=BRANDS)
    assert parse_filter("anything under $20?", categories=CATS, brands=BRANDS).max_price == 20.0


def test_search_applies_filters(knowledge_dir: Path, tmp_path: Path) -> None:
    kb = KnowledgeBase(knowledge_dir, tmp_path / "kb", embedder="hashing")
    kb.open()
    skus = {h.passage.metadata["sku"] for h in kb.search("jeans under $70", k=5, prefer_products=True)}
    assert skus == {"NT-JNS-0001"}
    skus = {h.passage.metadata["sku"] for h in kb.search("calvin klein", k=5, prefer_products=True)}
    assert skus == {"NT-JNS-0002", "NT-JKT-0003"}
    assert kb.search("jacket in stock", k=5, prefer_products=True) == []  # the only jacket is sold out
    # without prefer_products, filtered products are merged with the other pages by score
    merged = kb.search("jeans under $70", k=5)
    products = [h.passage.metadata.get("sku") for h in merged if h.passage.metadata.get("kind") == "product"]
    assert products == ["NT-JNS-0001"] and [h.rank for h in merged] == list(range(1, len(merged) + 1))
    explicit = kb.search("something warm", k=5, filters={"brand": "Michael Kors", "in_stock": True})
    assert [h.passage.metadata["sku"] for h in explicit] == ["NT-BTS-0004"]
    assert ProductFilter.from_dict({"min_price": "100"}).min_price == 100.0


def test_categories_match_whole_words_only() -> None:
    cats = CATS | {"dress", "t-shirt"}
    assert not parse_filter("Can I change my shipping address?", categories=cats, brands=BRANDS)
    assert parse_filter("red dresses please", categories=cats, brands=BRANDS).categories == {"dress"}


def test_matching_products_agrees_with_matches_for_every_product(knowledge_dir: Path, tmp_path: Path) -> None:
    kb = KnowledgeBase(knowledge_dir, tmp_path / "kb", embedder="hashing")
    index = kb.open()
    filters = [
        ProductFilter(),
        ProductFilter(categories={"jeans"}),
        ProductFilter(brands={"northwind"}, max_price=60),
        ProductFilter(min_price=50, in_stock=True),
        ProductFilter(categories={"jackets", "boots"}, brands={"nope"}),
    ]
    for pf in filters:
        assert index.matching_products(pf) == {i for i in index.products if pf.matches(index.passages[i])}
    assert index.matching_products(ProductFilter(categories={"jeans"}))  # not vacuous


def test_filtered_search_scores_every_allowed_product_as_the_fusion_does(knowledge_dir: Path, tmp_path: Path) -> None:
    """The array path of a filtered search ranks exactly as the dict fusion (cosine, BM25, subject, structure)."""
    kb = KnowledgeBase(knowledge_dir, tmp_path / "kb", embedder="hashing")
    index = kb.open()
    subject = kb.subject_vector("product_search")
    cases = [
        ("jeans under $70", ProductFilter(max_price=70.0)),
        ("something warm", ProductFilter(in_stock=True)),
        ("calvin klein denim", ProductFilter(brands={"calvin klein"})),
        ("zzz qqq", ProductFilter(min_price=1.0)),  # no known word: dense only
        ("how long do I have to return jeans", None),  # pages too: chunks with title, heading and sentence rows
    ]
    for query, pf in cases:
        allowed = index.matching_products(pf) if pf else set(range(0, len(index.passages), 2))
        assert allowed, query
        vec = kb.embedder.embed([query])[0]
        for sub in (None, subject):
            lex_rows, lex_scores = index.lexical.search(query, k=len(index.passages))
            lexical = {int(r): float(s) for r, s in zip(lex_rows, lex_scores, strict=True) if int(r) in allowed}
            dense = index.exact_dense(vec, allowed)
            prior = index.exact_dense(sub, allowed) if sub is not None else {}
            extra = index.structure_bonus(vec, dense)
            expected = index._fuse(dense, lexical, k=3, prior=prior, extra=extra)
            chunks = index.matching_chunks(pf) if pf else allowed
            got = index.search(query, vec, k=3, allowed=chunks, subject_vec=sub)
            assert [h.doc_id for h in got] == [h.doc_id for h in expected], query
            for g, e in zip(got, expected, strict=True):
                assert abs(g.score - e.score) < 1e-5 and g.lexical_score == (
                    None if e.lexical_score is None else pytest.approx(e.lexical_score)
                )
    assert index.search("jeans", kb.embedder.embed(["jeans"])[0], k=3, allowed=set()) == []
