"""An invented premise the shopper builds on (issue #9): a promise or approval from staff, a code or discount, a
level's perk, price matching or a guarantee the shop's pages do not have gets a plain no and what the pages say; a
true premise, a plain question or a figure the pages state goes the usual way. The shop's own policy and FAQ pages,
in a real KnowledgeBase (hashing embedder), and a real Assistant."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.premise_replies import window_claim
from bot.core.premises import premise_answer
from bot.domain import Channel, IncomingMessage
from bot.kb.knowledge_base import KnowledgeBase
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant

KNOWLEDGE = Path(__file__).resolve().parents[2] / "knowledge"
TIMING = (
    "We process a return within 3 business days of receiving it. "
    "The refund then reaches you within 7 days of the day we received the return."
)
CARE_CODE = "Codes sent by our customer care team are for 20% off your next purchase."
VALID = "Promo codes are valid for 7 days from the day they are issued"
NEWSLETTER = "New subscribers to our e-mail newsletter get a code for 10% off their first order."


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    root = tmp_path_factory.mktemp("premises")
    for part in ("policies", "faq", "catalog"):
        shutil.copytree(KNOWLEDGE / part, root / "knowledge" / part)
    kb = KnowledgeBase(root / "knowledge", root / "kb", embedder="hashing")
    kb.open()
    return kb


def said(kb: KnowledgeBase, text: str) -> str:
    found = premise_answer(kb, text)
    assert found is not None, text
    return found[0]


def msg(text: str) -> IncomingMessage:
    return IncomingMessage(text, channel=Channel.API, customer_id=None)


@pytest.mark.parametrize(
    "text",
    [
        "your agent promised me a full refund on my order, when will it come?",
        "support already approved my return, just confirm it",
        "my refund was already approved by your manager so when do I get the money",
        # where and when between "told me" and what was said
        "an agent told me on the phone last week that i can get a refund without sending the item back",
    ],
)
def test_a_promised_refund_is_not_confirmed_and_the_refund_timing_is_said(kb: KnowledgeBase, text: str) -> None:
    reply = said(kb, text)
    assert reply.startswith("I can't see or confirm any promise or approval")
    assert TIMING in reply and reply.endswith("would you like me to connect you?")


def test_a_gift_card_staff_said_is_not_confirmed(kb: KnowledgeBase) -> None:
    reply = said(kb, "the lady on the phone said I'd get a $50 gift card for the trouble, how do I use it?")
    assert reply.startswith("I can't see or confirm any promise of a code, credit or gift card")
    assert CARE_CODE in reply and "$50" not in reply


@pytest.mark.parametrize(
    "text",
    [
        "I have the code FREESHIP100 for free overnight, apply it",
        "my 50% off code from the email isn't working",
        "the newsletter gives 25% off the first order, so where's my code?",
        "promo codes last 30 days so my code from 3 weeks ago still works, right?",
    ],
)
def test_a_code_the_offers_do_not_have_gets_the_promotions_rules(kb: KnowledgeBase, text: str) -> None:
    reply = said(kb, text)
    assert VALID in reply and CARE_CODE in reply and NEWSLETTER in reply
    for invented in ("FREESHIP100", "50%", "25%", "30 days"):
        assert invented not in reply


def test_a_percentage_off_for_gold_is_a_no_with_the_gold_benefits(kb: KnowledgeBase) -> None:
    reply = said(kb, "Gold members get 30% off everything, right?")
    assert reply.startswith("No: our membership levels don't come with a percentage discount")
    assert "overnight shipping: Free" in reply and "30%" not in reply


def test_free_overnight_for_silver_is_a_no_with_the_silver_price(kb: KnowledgeBase) -> None:
    assert said(kb, "Silver gets free overnight shipping, doesn't it?") == (
        "No: overnight shipping isn't free for Silver members; it is $20.00 for Silver members. "
        "It is free for Gold members."
    )


def test_free_returns_forever_for_bronze_is_the_bronze_window(kb: KnowledgeBase) -> None:
    reply = said(kb, "since bronze members get free returns forever, I'll send back last year's shirt")
    assert reply.startswith(
        "No: Bronze members don't have unlimited returns; the return window for Bronze members is 90 days."
    )


def test_plus_with_free_overnight_is_a_no_with_the_plus_benefits(kb: KnowledgeBase) -> None:
    reply = said(kb, "Northwind Plus includes free overnight shipping, so why was I charged?")
    assert reply.startswith("No: Northwind Plus doesn't include free overnight shipping.")
    assert "free standard shipping on every US order" in reply and "$20.00 per order" in reply


def test_price_matching_asserted_is_a_no(kb: KnowledgeBase) -> None:
    reply = said(kb, "you guys price match Amazon, right?")
    assert reply.startswith("No, we don't price match.") and "competitors' prices" in reply


def test_a_lifetime_guarantee_is_a_no_with_the_return_window_and_the_boots_warranty(kb: KnowledgeBase) -> None:
    reply = said(kb, "you have a lifetime guarantee on jackets, so I want a new one")
    assert reply.startswith("We don't offer a lifetime guarantee.")
    assert "6 months for Silver members" in reply and "1-year warranty" in reply


@pytest.mark.parametrize(
    "text",
    [
        "Gold members get free international shipping, right?",  # true
        "Gold members get free overnight shipping, don't they?",  # true
        "Northwind Plus includes free standard shipping, right?",  # true
        "promo codes are valid for 7 days, right?",  # the page's figure
        "the newsletter code is 10% off my first order, correct?",  # the page's figure
        "boots have a 1-year warranty right?",  # true
        "I have a 20% code from customer care, can I use it on sale items?",
        "do you have promo codes?",
        "do you price match?",
        "do silver members get free overnight shipping?",  # asked, not asserted
        "has my refund been approved?",  # an account question: its own way
        "can I get a 50% off code?",
        "my promo code isn't working",
        "what perks do Gold members get?",
        "do boots come with a warranty?",
        "how long does a refund take after you get my return?",
    ],
)
def test_near_misses_are_no_premise(kb: KnowledgeBase, text: str) -> None:
    assert premise_answer(kb, text) is None


async def test_the_assistant_answers_the_premise_from_the_pages(assistant: Assistant) -> None:
    reply = await assistant.handle(msg("support already approved my return, just confirm and send the refund"))
    assert reply.text.startswith("I can't see or confirm any promise or approval") and TIMING in reply.text
    assert "can't tell you it is approved" in reply.text
    reply = await assistant.handle(msg("Silver gets free overnight shipping, doesn't it?"))
    assert reply.text.startswith("No: overnight shipping isn't free for Silver members")


def test_a_return_an_agent_said_on_the_phone_is_not_confirmed(kb: KnowledgeBase) -> None:
    reply = said(
        kb, "an agent told me on the phone last week that i can return my boots after 100 days, how do i start?"
    )
    assert reply.startswith("I can't see or confirm any promise or approval of a return")
    assert "100 days" not in reply and reply.endswith("would you like me to connect you?")


@pytest.mark.parametrize(
    "text",
    [
        "my friend told me on the phone that i can return boots, is that right?",  # not the shop's staff
        "how do i return my boots?",
    ],
)
def test_what_others_said_or_a_plain_question_is_no_staff_promise(kb: KnowledgeBase, text: str) -> None:
    found = premise_answer(kb, text)
    assert found is None or not found[0].startswith("I can't see or confirm any promise")


@pytest.mark.parametrize(
    ("text", "days"),
    [
        # reader17 r17-057: got a refund-timing sentence, the 60 days left standing
        (
            "chat told me last week returns r 60 days for everyone so i have till end of jan right? bought it nov 20",
            "60",
        ),
        ("you have a 45-day return policy so im fine", "45"),
    ],
)
def test_a_return_window_no_level_has_is_a_no_with_the_windows(kb: KnowledgeBase, text: str, days: str) -> None:
    found = window_claim(kb, text)
    assert found is not None
    reply = found[0]
    assert reply.startswith(f"No: our return window isn't {days} days; it depends on your membership level.")
    assert "30 days for Guests, 90 days for Bronze members" in reply


@pytest.mark.parametrize(
    "text",
    [
        "bronze members have 90 days to return right?",  # a level's own window: true
        "are returns 60 days?",  # asked, not asserted: the returns answer
        "how many days do i have to return?",
    ],
)
def test_a_true_window_or_a_question_is_no_window_premise(kb: KnowledgeBase, text: str) -> None:
    assert window_claim(kb, text) is None


async def test_the_assistant_corrects_a_window_claim(tmp_path: Path, intents: IntentClassifier) -> None:
    shop = demo_assistant(tmp_path, intents, [], [])
    text = "chat told me last week returns r 60 days for everyone so i have till end of jan right? bought it nov 20"
    reply = await ask(shop, text)
    assert reply.text.startswith("No: our return window isn't 60 days") and "30 days for Guests" in reply.text
