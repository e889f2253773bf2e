"""An option the shopper says is free gets its condition and, for a signed-in account, whether they have it (#9).
Blind set: "my friend got free overnight shipping so i should get it too" got "Overnight shipping costs $20.00 and
delivers the next business day ..." and never that free overnight is a Gold perk. The demo store's pages (hashing
embedder); the turn's account as the customers table gives it."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.free_terms import free_option, shipping_terms
from bot.core.turn import Turn
from bot.domain import Channel, IncomingMessage
from bot.kb.knowledge_base import KnowledgeBase

REPO = Path(__file__).parents[2]
PRICE_ONLY = "Overnight shipping costs $20.00 and delivers the next business day for orders placed before 2:00 p.m. Eastern Time."


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    kb = KnowledgeBase(REPO / "knowledge", tmp_path_factory.mktemp("kb"), embedder="hashing")
    kb.open()
    return kb


def turn(level: str | None = None, country: str = "United States") -> Turn:
    customer = {"id": "c1", "membership": level, "country": country} if level else {"id": "u-1"}
    return Turn(IncomingMessage("x", channel=Channel.API), customer, {"id": "conv"}, 1, known_customer=bool(level))


def test_the_option_said_free_is_read() -> None:
    assert free_option("my friend got free overnight shipping so i should get it too") == "overnight"
    assert free_option("why isnt next day delivery free for me") == "overnight"
    assert free_option("my coworker says standard shipping is free, is that true?") == "standard"
    assert free_option("is international shipping ever free?") == "international"
    assert free_option("how much is overnight shipping?") == ""  # no "free": a price asked
    assert free_option("is there free shipping?") == ""  # no option named: the FAQ's costs answer it


def test_a_price_only_reply_gets_the_options_condition(kb: KnowledgeBase) -> None:
    q = "my friend got free overnight shipping so i should get it too"
    assert shipping_terms(PRICE_ONLY, q, turn(), kb) == (
        f"{PRICE_ONLY} Overnight shipping is free for Gold members; otherwise it costs $20.00."
    )
    standard = shipping_terms("Standard: $8.00, 3–5 business days.", "standard shipping is free right?", turn(), kb)
    assert standard.endswith("Standard shipping is free on orders of $75 or more; otherwise it costs $8.00.")


def test_a_signed_in_account_is_told_whether_it_has_the_perk(kb: KnowledgeBase) -> None:
    q = "my friend got free overnight shipping so i should get it too"
    silver = shipping_terms(PRICE_ONLY, q, turn("silver"), kb)
    assert silver.endswith(
        "Overnight shipping is free for Gold members; otherwise it costs $20.00. Your account is at the Silver level, "
        "so overnight shipping costs $20.00 for you."
    )
    gold = shipping_terms(PRICE_ONLY, q, turn("gold"), kb)
    assert gold.endswith("As a Gold member, overnight shipping is free for you.") and "Your account" not in gold
    abroad = shipping_terms(
        "International shipping costs a flat $25.00.", "why was my international shipping not free", turn("bronze"), kb
    )
    assert "free on orders of $200 or more and for Gold members" in abroad
    assert abroad.endswith(
        "Your account is at the Bronze level, so international shipping costs $25.00 for you on orders under $200."
    )


@pytest.mark.parametrize(
    ("said", "question"),
    [
        # the condition said already, in the page's words or another sentence's
        ("Overnight shipping: $20.00 per order, free for Gold members.", "is overnight free?"),
        (
            "Northwind Plus subscribers get free standard US shipping on every order, and Gold members get free overnight "
            "and international shipping.",
            "my friend got free overnight shipping",
        ),
        (PRICE_ONLY, "how much is overnight shipping?"),  # a price asked, not free
        ("Economy: $5.00.", "is economy shipping free?"),  # no condition on the page: nothing to add
        ("For Silver members: overnight shipping ($20.00).", "silver - is overnight shipping free then?"),  # a level
    ],
)
def test_near_misses_are_unchanged(kb: KnowledgeBase, said: str, question: str) -> None:
    assert shipping_terms(said, question, turn(), kb) == said


async def test_the_assistant_says_it_on_the_composed_path(tmp_path: Path) -> None:
    from tests.core.shop_parts import ask, demo_assistant
    from tests.support.intents import small_intent_classifier

    bronze = {"customer_id": "b1", "name": "Bo", "email": "bo@example.com", "membership": "bronze"}
    assistant = demo_assistant(tmp_path, small_intent_classifier(), [bronze], [])
    reply = await ask(assistant, "my friend got free overnight shipping so i should get it too", "b1")
    assert "Gold members" in reply.text and "free" in reply.text
    assert reply.text.endswith("Your account is at the Bronze level, so overnight shipping costs $20.00 for you.")


def test_a_gold_account_is_told_it_is_free_for_them_without_a_price_said(kb: KnowledgeBase) -> None:
    # unseen check: a Gold member's "heard overnight is free for some people, is it for me?" got "It is free for Gold
    # members." and never that they are one
    said = "It is free for Gold members."
    text = shipping_terms(said, "heard overnight is free for some people, is it for me?", turn("gold"), kb)
    assert text == f"{said} As a Gold member, overnight shipping is free for you."
    assert text.count("free for you") == 1
