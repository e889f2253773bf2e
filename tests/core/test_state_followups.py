"""Follow-ups answered from THIS conversation's state: a restock question and a restock e-mail about the product
under discussion, "same q's" about another product, an international price or overnight after a country, and a
discovery follow-up that keeps the gender. Against the real demo catalog and knowledge base (hashing embedder)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bot.core.catalog import parse_constraints
from bot.core.state_followups import restock_reply, same_questions, state_reply, with_carried_gender
from bot.core.turn import Turn
from bot.domain import Channel, ConversationState, Flag, IncomingMessage, RequestKind
from bot.kb.knowledge_base import KnowledgeBase

REPO = Path(__file__).parents[2]
CATALOG = [json.loads(line) for line in (REPO / "knowledge/catalog/products.jsonl").read_text().splitlines()]
QUILTED = "TH-JK-1096"  # Tommy Hilfiger Women's Orchard Quilted Jacket: S and L sold out; XS, M, XL in stock


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    kb = KnowledgeBase(REPO / "knowledge", tmp_path_factory.mktemp("kb"), embedder="hashing")
    kb.open()
    return kb


def turn(state: ConversationState, history: list[dict[str, Any]] | None = None, membership: str = "") -> Turn:
    msg = IncomingMessage("x", channel=Channel.API)
    customer = {"id": "c", "membership": membership}
    return Turn(msg, customer, {"id": "conv"}, 1, history or [], False, state=state)


def said(*texts: str) -> list[dict[str, Any]]:
    """A history: the shopper's and the bot's messages, alternating."""
    return [{"direction": "in" if n % 2 == 0 else "out", "text": t} for n, t in enumerate(texts)]


def on_product(sku: str) -> ConversationState:
    return ConversationState(skus=[sku], last_kind=RequestKind.PRODUCT_FACT.value)


def test_when_is_it_back_answers_the_size_and_says_there_is_no_date(kb: KnowledgeBase) -> None:
    search = lambda q: kb.search(q, k=4)  # noqa: E731
    found = restock_reply(turn(on_product(QUILTED)), "no S?? when will it be back", CATALOG, search)
    assert found is not None
    reply, req = found
    assert reply.text.startswith("Size S of the Tommy Hilfiger Women's Orchard Quilted Jacket is sold out")
    assert "in stock: XS, M and XL" in reply.text and "don't have a restock date" in reply.text
    assert "back-order" in reply.text and req.skus == [QUILTED]
    # a size in stock is said to be in stock; no product under discussion: the usual way
    m = restock_reply(turn(on_product(QUILTED)), "is M back in stock?", CATALOG, search)
    assert m is not None and "Size M of the" in m[0].text and "is in stock now" in m[0].text
    assert restock_reply(turn(ConversationState()), "no S?? when will it be back", CATALOG, search) is None


def test_email_me_when_it_is_offers_a_person_and_claims_nothing(kb: KnowledgeBase) -> None:
    history = said("what sizes is the tommy orchard quilted jacket in", "In XS, M and XL.", "no S? when is it back")
    found = restock_reply(turn(on_product(QUILTED), history), "ok just email me when it is", CATALOG, kb.search)
    assert found is not None
    reply, _ = found
    assert "can't sign you up" in reply.text and "in size S" in reply.text
    assert Flag.HANDOFF in reply.flags and reply.buttons
    assert "we will e-mail you" not in reply.text.lower() and "signed up" not in reply.text


def test_same_questions_are_asked_again_about_the_new_product() -> None:
    history = said(
        "is the guess womens calder denim jacket stretchy at all", "Yes.", "in XS?", "Yes, in stock in size XS."
    )
    asked = same_questions("what about the tommy alder denim jacket, same q's", history, CATALOG)
    assert asked == "is the tommy alder denim jacket stretchy at all? is the tommy alder denim jacket in XS?"
    assert same_questions("what about the tommy alder denim jacket?", history, CATALOG) is None  # not "same"
    assert same_questions("same q's", [], CATALOG) is None


def test_a_price_or_overnight_after_a_country_is_the_international_rule(kb: KnowledgeBase) -> None:
    state = ConversationState(last_kind=RequestKind.POLICY.value, topic="do you ship to mexico")
    history = said("do you ship to mexico", "We ship to Canada, Mexico, Ireland ... with DHL Express.")
    search = lambda q: kb.search(q, k=4)  # noqa: E731
    found = state_reply(turn(state, history), "how much for a $120 order", CATALOG, search)
    assert found is not None
    reply, req = found
    assert reply.text.startswith("That order is under $200, so shipping to Mexico is the flat $25.00.")
    assert req.kind == RequestKind.POLICY and req.text == "do you ship to mexico"  # the topic stays the country
    over = state_reply(turn(state, history), "what about a $250 order?", CATALOG, search)
    assert over is None or "is free" in over[0].text
    gold = state_reply(turn(state, history, membership="Gold"), "how much for a $120 order", CATALOG, search)
    assert gold is not None and "under $200" not in gold[0].text and "Gold members" in gold[0].text
    night = state_reply(turn(state, history), "can i pay for overnight to get it faster?", CATALOG, search)
    assert night is not None and night[0].text.startswith("Sorry, overnight shipping is a United States option only.")
    assert "DHL Express" in night[0].text and "5–10 business days" in night[0].text
    # the shop does not ship there: no price is made up for it
    uk = ConversationState(last_kind=RequestKind.POLICY.value, topic="do you ship to the uk")
    no = said("do you ship to the uk", "We currently do not ship to the United Kingdom.")
    assert state_reply(turn(uk, no), "how much for a $120 order", CATALOG, search) is None


def test_a_discovery_follow_up_keeps_the_gender() -> None:
    state = ConversationState(constraints=parse_constraints("womens chelsea boots?", CATALOG), last_kind="discovery")
    assert with_carried_gender("ok what about ankle boots, size 7.5", state, CATALOG) == (
        "ok what about women's ankle boots, size 7.5"
    )
    assert with_carried_gender("what about boots in 8", state, CATALOG) == "what about women's boots in 8"
    assert with_carried_gender("what about mens boots", state, CATALOG) is None  # a gender of its own
    assert with_carried_gender("what about the michael kors kingsley ankle boots", state, CATALOG) is None
    assert with_carried_gender("ok what about ankle boots", ConversationState(), CATALOG) is None
