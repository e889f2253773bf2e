"""Follow-ups that lean on the turn before (the product, the order, the policy topic) and messages that ask two
things at once: understood against the real demo catalog, and answered end to end by a real Assistant."""

from __future__ import annotations

import json
from pathlib import Path

from bot.core.assistant import Assistant
from bot.core.parts import split_request
from bot.core.referent import carried_query, followup_size, topic_subject
from bot.core.request import understand
from bot.domain import (
    Channel,
    ConversationState,
    IncomingMessage,
    Intent,
    IntentPrediction,
    OrderAspect,
    Request,
    RequestKind,
)

CATALOG = [
    json.loads(line)
    for line in (Path(__file__).parents[2] / "knowledge/catalog/products.jsonl").read_text().splitlines()
]
TEE = "TH-TS-1127"  # Tommy Hilfiger Presley Oversized Tee: L in stock, pre-shrunk, cotton-modal blend
SOCKS = "MK-AC-1299"  # Michael Kors Men's Fulton Crew Socks 3-Pack


def ask(text: str, state: ConversationState, intent: Intent = Intent.OUT_OF_SCOPE) -> Request:
    pred = IntentPrediction(intent=intent, confidence=0.6, label=intent.value)
    return understand(text, pred, state, CATALOG, known_customer=True)


def after_product(sku: str) -> ConversationState:
    return ConversationState(skus=[sku], last_kind=RequestKind.PRODUCT_FACT.value)


def test_a_short_question_after_a_product_is_about_that_product() -> None:
    stock = ask("is L in stock?", after_product(TEE))
    assert stock.kind == RequestKind.PRODUCT_FACT and stock.skus == [TEE] and stock.constraints.size == "L"
    made = ask("whats it made of, will it shrink", after_product(TEE))
    assert made.kind == RequestKind.PRODUCT_FACT and made.skus == [TEE]
    # with no product before it, the same words are not bent towards one
    assert ask("is L in stock?", ConversationState()).skus == []
    # another kind named is a new subject
    assert ask("any jackets in L?", after_product(TEE)).skus != [TEE]


def test_a_rule_asked_about_the_product_is_the_rule_for_its_kind() -> None:
    back = ask("can i send them back if they dont fit", after_product(SOCKS))
    assert back.kind == RequestKind.POLICY and back.followup and back.skus == [SOCKS]
    assert "socks" in back.text and "them" not in back.text.split()[:5]
    # the retrieval query is the reworded rule, not the pronoun
    assert carried_query("can i send them back if they dont fit", back, after_product(SOCKS), []) == back.text


def test_what_was_paid_after_an_order_answer_is_about_that_order() -> None:
    state = ConversationState(order_id="ORD-13573", last_kind=RequestKind.OWN_ORDER.value)
    paid = ask("and how much did i pay for shipping?", state)
    assert paid.kind == RequestKind.OWN_ORDER and paid.order_ids == ["ORD-13573"]
    assert paid.aspects == [OrderAspect.TOTAL]
    # without an order under discussion it is the shipping policy
    assert ask("how much is shipping?", ConversationState()).kind == RequestKind.POLICY
    # "when will it get here and how much was shipping": both aspects of the customer's order
    both = ask("when will my order get here and how much was shipping", ConversationState(), Intent.ORDER_STATUS)
    assert both.kind == RequestKind.OWN_ORDER and both.aspects[:2] == [OrderAspect.DELIVERY, OrderAspect.TOTAL]


def test_a_policy_follow_up_without_a_subject_is_searched_with_the_topic_before_it() -> None:
    state = ConversationState(last_kind=RequestKind.POLICY.value, topic="how do i get gold membership")
    benefits = Request(RequestKind.POLICY, "what do i actually get")
    assert carried_query("what do i actually get", benefits, state, []) == "What are the benefits of gold membership?"
    long = Request(RequestKind.POLICY, "how long does it last?")
    assert carried_query("how long does it last?", long, state, []) == "how long does it last (gold membership)?"
    # the same question about another thing: the question before, with the new thing
    france = ConversationState(last_kind=RequestKind.POLICY.value, topic="how much does shipping to France cost?")
    later = Request(RequestKind.POLICY, "and how long does it take?")
    assert (
        carried_query("and how long does it take?", later, france, []) == "and how long does it take (shipping France)?"
    )
    canada = Request(RequestKind.POLICY, "and to Canada?")
    assert (
        carried_query("and to Canada?", canada, france, []) == "how much does shipping to France cost? and to Canada?"
    )
    # a question with its own subject is searched as it is
    own = Request(RequestKind.POLICY, "do you ship to canada?")
    assert carried_query("do you ship to canada?", own, state, []) == "do you ship to canada?"
    assert topic_subject("What is Northwind Plus?") == "Northwind Plus"


def test_bare_sizes_are_read_only_where_they_are_sizes() -> None:
    assert followup_size("is L in stock?") == "L"
    assert followup_size("need a 27") == "27"
    assert followup_size("do you have it in medium?") == "M"
    assert followup_size("is it in stock?") is None
    assert followup_size("is it lined?") is None


def test_a_message_is_split_into_parts_of_different_kinds() -> None:
    socks = ask(
        "how much are the michael kors fulton crew socks and can i return them if i dont like them", ConversationState()
    )
    assert socks.kind == RequestKind.PRODUCT_FACT
    parts = split_request(socks, socks.text, CATALOG)
    assert parts[0] == "How much are the michael kors fulton crew socks?"
    assert parts[1].startswith("Can i return socks")  # the rule for socks, asked on its own
    # two aspects of one's own order: the order desk answers both, no split
    order = ask("when will my order get here and how much was shipping", ConversationState(), Intent.ORDER_STATUS)
    assert split_request(order, order.text, CATALOG) == []
    # one question is not split
    one = ask("how much are the michael kors fulton crew socks?", ConversationState())
    assert split_request(one, one.text, CATALOG) == []


def msg(text: str, customer: str | None = None, conversation: str | None = None) -> IncomingMessage:
    return IncomingMessage(text, channel=Channel.API, customer_id=customer, conversation_id=conversation)


async def test_follow_ups_resolve_against_the_product_just_discussed(assistant: Assistant) -> None:
    first = await assistant.handle(msg("how much are the Relaxed Black Jeans?"))
    assert "89.00" in first.text
    stock = await assistant.handle(msg("is L in stock?", conversation=first.conversation_id))
    assert stock.text == "Yes, the Relaxed Black Jeans is in stock in size L."
    made = await assistant.handle(msg("whats it made of?", conversation=first.conversation_id))
    assert "made of denim" in made.text


async def test_each_part_of_a_two_part_question_is_answered_from_its_own_source(assistant: Assistant) -> None:
    reply = await assistant.handle(msg("how much are the Slim Blue Jeans and how long do i have to return them?"))
    assert "59.90 USD" in reply.text  # the product's price
    assert "30 days" in reply.text  # the return policy
    assert "multi_part" in reply.flags
    paid = await assistant.handle(msg("when will my order arrive and how much did shipping cost?", "c1"))
    assert "2026-11-27" in paid.text and "ORD-50001" in paid.text and "59.90 USD" in paid.text


def test_the_policy_topic_outlives_follow_ups_that_name_no_subject() -> None:
    from bot.core.referent import next_topic

    state = ConversationState(last_kind=RequestKind.POLICY.value, topic="how do i get gold membership")
    assert next_topic(state, Request(RequestKind.POLICY, "what do i actually get")) == "how do i get gold membership"
    assert next_topic(state, Request(RequestKind.POLICY, "do you ship to canada?")) == "do you ship to canada?"
    # a product question leaves the policy topic as it was
    assert next_topic(state, Request(RequestKind.PRODUCT_FACT, "is L in stock?")) == "how do i get gold membership"


async def test_a_list_and_a_rule_asked_together_keep_the_list_on_its_own_lines(assistant: Assistant) -> None:
    reply = await assistant.handle(msg("do you have jeans under $100 and do you ship to canada?"))
    listing, _, rule = reply.text.partition("\n\n")
    assert "Slim Blue Jeans" in listing and "Relaxed Black Jeans" in listing  # the catalog's rows
    assert "Canada" in rule and "Canada" not in listing  # the shipping policy, after the list
    assert "multi_part" in reply.flags
