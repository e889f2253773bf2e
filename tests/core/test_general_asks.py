"""General policy questions in the shopper's words get the answer to the question asked: "do you charge for
shipping" the FAQ's shipping costs (not the one international sentence that read closest), "what's the policy on
returns" the return policy's entry (not the refund-processing line), a level named in a shipping or returns
question that level's cells of the membership tables (not a jeans-hemming line that ends "free for Gold members"),
end to end by a real Assistant over the demo store's knowledge base (hashing embedder). Near misses, narrower
questions with answers of their own, keep them."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.composer import Composer
from bot.core.events import EventBus
from bot.core.faq_answer import canonical
from bot.core.places import places_in
from bot.domain import Channel, IncomingMessage
from bot.kb.knowledge_base import KnowledgeBase
from bot.llm.fake import ScriptedChatModel
from bot.nlu.classifier import IntentClassifier
from bot.store import Store

REPO = Path(__file__).parents[2]
US_COSTS = ("Economy $5.00", "Standard $8.00", "Overnight $20.00", "free on orders of $75 or more")


def test_a_general_question_is_read_as_the_faq_wording() -> None:
    for asked in ("do you charge for shipping", "what are your shipping rates?", "is there a delivery fee?",
                  "what do you guys charge to ship an order", "Do u charge for shipping?"):  # fmt: skip
        assert canonical(asked) == ["How much does shipping cost?"], asked
    for asked in ("what is your return policy", "whats ur returns policy?", "what's the policy on returns"):
        assert canonical(asked) == ["What is your return policy?"], asked
    assert canonical("do you charge for returns?") == ["How much do returns cost?", "Are returns free?"]
    # narrower questions: a level, an option, a place, the item under discussion, an amount
    for asked in ("how much is shipping for gold members", "how much is overnight shipping",
                  "do you charge for shipping to canada", "what does it cost", "do you charge for shipping on $60",
                  "what's your exchange policy?"):  # fmt: skip
        assert canonical(asked) == [], asked


def test_uk_in_lower_case_is_the_country_only_as_a_place() -> None:
    assert places_in("shipping to the uk on that?") == [("United Kingdom", False)]
    assert places_in("im in the uk") == [("United Kingdom", False)]
    assert places_in("what size is a uk 9 boot in us sizes") == []  # a size, not a place
    assert places_in("is that in uk sizes") == []


@pytest.fixture
def assistant(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    kb = KnowledgeBase(REPO / "knowledge", tmp_path / "kb", embedder="hashing")
    kb.open()
    return Assistant(
        store=Store(tmp_path / "db.sqlite"),
        kb=kb,
        intents=intents,
        composer=Composer(ScriptedChatModel(default="-"), timeout_s=5),
        bus=EventBus(),
    )


async def ask(assistant: Assistant, *turns: str, customer: str | None = None) -> str:
    conv, text = None, ""
    for t in turns:
        reply = await assistant.handle(
            IncomingMessage(t, channel=Channel.API, conversation_id=conv, customer_id=customer)
        )
        conv, text = reply.conversation_id, reply.text
    return text


async def test_a_general_cost_question_gets_the_shipping_costs(assistant: Assistant) -> None:
    for asked in ("do you charge for shipping", "what are your shipping rates?", "is there a delivery fee?"):
        text = await ask(assistant, asked)
        assert text.startswith("Within the United States:"), (asked, text)  # not "International shipping is ..."
        assert all(cost in text for cost in US_COSTS), (asked, text)
        # the entry's whole answer on the word-overlap path too (no sentence embedder), its international sentence kept
        assert "International shipping is a flat $25.00" in text, (asked, text)
    text = await ask(assistant, "do you charge for returns?")
    assert "Returns within the United States are free" in text and "$15.00" in text, text


async def test_a_general_policy_question_gets_the_return_policy(assistant: Assistant) -> None:
    for asked in ("what is your return policy", "what's the policy on returns"):
        text = await ask(assistant, asked)
        for window in ("30 days for Guests", "90 days for Bronze", "6 months for Silver", "no time limit for Gold"):
            assert window in text, (asked, text)
        assert "unworn" in text and "within 3 business days" not in text, (asked, text)


async def test_a_level_named_gets_that_levels_shipping_and_returns(assistant: Assistant) -> None:
    text = await ask(assistant, "how much is shipping for gold members")
    assert text.startswith("For Gold members: overnight shipping – free; international shipping – free."), text
    assert "Standard $8.00 – free on orders of $75 or more" in text and "hemming" not in text, text
    text = await ask(assistant, "do silver members get free shipping?")
    assert "For Silver members: overnight shipping – $20.00; international shipping – $25.00 (free over $200)" in text
    text = await ask(assistant, "what does shipping cost for a guest?")
    assert text.startswith("For Guests: overnight shipping – $20.00") and "Economy $5.00" in text, text
    text = await ask(assistant, "what's the return policy for bronze members")
    assert "return window – 90 days" in text and "receipt or original packaging" in text and "unworn" in text, text
    text = await ask(assistant, "how long do gold members have to return stuff")
    assert text == "For Gold members: return window – Unlimited.", text


async def test_narrower_questions_keep_their_own_answers(assistant: Assistant) -> None:
    text = await ask(assistant, "how much is overnight shipping")
    assert "$20.00" in text and "Economy" not in text and "For Gold members:" not in text, text
    text = await ask(assistant, "is international shipping free for gold members?")
    assert "International shipping costs a flat $25.00" in text and "For Gold members:" not in text, text
    text = await ask(assistant, "can I return socks")
    assert "Socks" in text and "30 days for Guests" not in text, text
    text = await ask(assistant, "do you ship to canada")
    assert text.startswith("Yes, we ship to Canada"), text


async def test_a_topic_asked_as_a_whole_gets_its_main_points(assistant: Assistant) -> None:
    for asked in ("what's your shipping policy", "tell me about shipping", "how does shipping work?"):
        text = await ask(assistant, asked)
        assert all(cost in text for cost in US_COSTS), (asked, text)  # not the US options table alone
        assert "International shipping is a flat $25.00" in text and "We ship to Canada, Mexico" in text, (asked, text)
    for asked in ("what's your exchange policy?", "how do exchanges work?", "explain your exchange policy"):
        text = await ask(assistant, asked)
        assert text.startswith("You can exchange an item for the same product in another size or color"), (asked, text)
        assert "Exchanges are free" in text and "prepaid return label" in text, (asked, text)
        assert "In-store exchanges" not in text, (asked, text)
    # narrower questions keep their own answers
    text = await ask(assistant, "can I exchange for a different product?")
    assert "return the item for a refund and place a new order" in text and "prepaid return label" not in text, text
    text = await ask(assistant, "do you ship to the uk?")
    assert text.startswith("No, we don't ship to the UK"), text


async def test_a_signed_in_member_asking_what_shipping_costs_gets_their_perks(assistant: Assistant) -> None:
    for cid, level in (("m-gold", "gold"), ("m-silver", "silver"), ("m-guest", "guest")):
        assistant.store.ensure_customer(cid, name="Sam", email=f"{cid}@example.com", membership=level)
    text = await ask(assistant, "how much is shipping?", customer="m-gold")
    assert text.startswith("As a Gold member: overnight shipping – free; international shipping – free."), text
    assert "Economy $5.00" in text and "free on orders of $75 or more" in text, text
    text = await ask(assistant, "how much is shipping?", customer="m-silver")
    assert text.startswith("As a Silver member: overnight shipping – $20.00; international shipping – $25.00"), text
    # a guest has no perks of a level: the shop's costs; a narrower question keeps its own answer
    text = await ask(assistant, "how much is shipping?", customer="m-guest")
    assert all(cost in text for cost in US_COSTS) and "As a" not in text, text
    text = await ask(assistant, "how much is overnight shipping?", customer="m-gold")
    assert text.startswith("Overnight shipping costs $20.00") and "international shipping – free" not in text, text


async def test_a_model_reply_about_the_text_is_replaced_by_the_quote(tmp_path: Path, intents: IntentClassifier) -> None:
    kb = KnowledgeBase(REPO / "knowledge", tmp_path / "kb", embedder="hashing")
    kb.open()
    meta = "This information provides details about the return policy of the item being exchanged."
    assistant = Assistant(
        store=Store(tmp_path / "db.sqlite"),
        kb=kb,
        intents=intents,
        composer=Composer(ScriptedChatModel(default=meta), timeout_s=5),
        bus=EventBus(),
    )
    reply = await assistant.handle(IncomingMessage("what happens after you receive my return?", channel=Channel.API))
    assert "This information" not in reply.text and "within 3 business days" in reply.text, reply.text


async def test_more_topics_asked_as_a_whole_get_their_main_points(assistant: Assistant) -> None:
    for asked in ("do you do alterations?", "do you offer tailoring?"):
        text = await ask(assistant, asked)
        assert "Jeans hemming (tailoring): $12.00 per pair" in text and "Name stitching (monogram): $10.00" in text, (
            text
        )
    for asked in ("how does the membership work?", "tell me about your membership program"):
        text = await ask(assistant, asked)
        assert text.startswith("Northwind Rewards has four levels: Guest, Bronze, Silver and Gold."), (asked, text)
        assert "$500" in text and "$1,500" in text and "Gold members get free overnight" in text, (asked, text)
    text = await ask(assistant, "tell me about gift cards")
    assert "from $25 to $500, never expire" in text and "cannot be exchanged for cash" in text, text
    for asked in ("how do payments work?", "what payment methods do you take?"):  # was "I accept all payment ..."
        text = await ask(assistant, asked)
        assert "PayPal" in text and "We do not accept cash on delivery" in text, (asked, text)
        assert "charged when you place" in text, (asked, text)
    text = await ask(assistant, "do you accept paypal?")  # a method named: its own answer
    assert text.startswith("Yes, we accept PayPal"), text
    for asked in ("what's your price matching policy?", "do you do price adjustments?"):
        text = await ask(assistant, asked)
        assert "We do not match competitors' prices" in text and "20% promo code" in text, (asked, text)
    text = await ask(assistant, "how do returns work?")
    assert "30 days for Guests" in text and "unworn" in text and "Contact us with your order number" in text, text


async def test_a_yes_no_cost_question_about_a_topic_gets_its_cost(assistant: Assistant) -> None:
    for asked in ("do exchanges cost anything?", "are exchanges free?", "is there a fee for exchanges?"):
        text = await ask(assistant, asked)
        assert text.startswith("Exchanges are free"), (asked, text)  # not "Returns within the United States ..."
    # returns have answers of their own; a level, item or amount named skips the overview
    text = await ask(assistant, "are returns free?")
    assert "Returns within the United States are free" in text, text
    text = await ask(assistant, "how much is hemming")
    assert "$12.00" in text and "Name stitching" not in text, text
    text = await ask(assistant, "how does gold membership work")
    assert "Northwind Rewards has four levels" not in text, text
    text = await ask(assistant, "what's the silver return window")
    assert "6 months" in text and "30 days for Guests" not in text, text
