"""r19-001: "do those come in wide?" of boots not marked "wide width available" said only that the listing "doesn't
mention a wide width"; the size guide and the FAQ say boots are medium width and only styles so marked come in wide."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.catalog.parse import parse_constraints
from bot.core.catalog_replies import product_fact_reply
from bot.domain import Request, RequestKind
from bot.kb.knowledge_base import KnowledgeBase

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    base = KnowledgeBase(KNOWLEDGE, tmp_path_factory.mktemp("kb"), embedder="hashing")
    base.open()
    return base


def _answer(kb: KnowledgeBase, name: str, text: str) -> str:
    product = next(p for p in kb.products() if p["name"] == name)
    req = Request(
        RequestKind.PRODUCT_FACT, text, constraints=parse_constraints(text, kb.products()), skus=[product["sku"]]
    )
    reply = product_fact_reply(product, req, text, kb)
    assert reply is not None
    return reply.text


@pytest.mark.parametrize(
    "text",
    [
        "ok and do those come in wide? my feet are kinda wide lol",
        "do they come in a wide width?",
        "are these available in wide widths?",
    ],
)
def test_boots_not_marked_wide_are_a_plain_no_from_the_page(kb: KnowledgeBase, text: str) -> None:
    said = _answer(kb, "Calvin Klein Women's Mercer Winter Snow Boots", text)
    assert said.startswith("No: the Calvin Klein Women's Mercer Winter Snow Boots are medium width")
    assert "styles that come in wide" in said and "medium width (D for men, B for women)" in said
    assert "doesn't mention a wide width" not in said


def test_near_miss_boots_marked_wide_width_available_say_yes(kb: KnowledgeBase) -> None:
    said = _answer(kb, "Calvin Klein Women's Camden Lace-Up Hiking Boots", "do they come in wide?")
    assert not said.startswith("No")
