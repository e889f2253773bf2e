"""Every part of a several-part message answered from its own source: a statement before the questions is their
subject, not a part; a store asked in a city with none is a "no" with where the stores are; an EU boot size is the
size guide's US size; a part that the reply answers is never called unanswered. Near-misses (one question with
"and" in it, a sentence and one question, a condition for both parts) keep their one answer. Against the real demo
knowledge base (hashing embedder) and a real Assistant."""

from __future__ import annotations

from pathlib import Path

import pytest

from bot.core.answer_check import unanswered
from bot.core.assistant import Assistant
from bot.core.eu_sizes import eu_asked, eu_to_us
from bot.core.store_places import store_reply
from bot.core.two_part import asked_of, question_parts
from bot.kb.knowledge_base import KnowledgeBase
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import REPO, ask, demo_assistant

STORES = "Portland (Oregon), Seattle (Washington) and Chicago (Illinois)"


@pytest.fixture(scope="module")
def kb(tmp_path_factory: pytest.TempPathFactory) -> KnowledgeBase:
    kb = KnowledgeBase(REPO / "knowledge", tmp_path_factory.mktemp("kb"), embedder="hashing")
    kb.open()
    return kb


@pytest.fixture
def shop(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    return demo_assistant(tmp_path, intents, [], [])


def test_a_statement_before_the_questions_is_their_subject_not_a_part() -> None:
    assert question_parts("I bought a leather jacket. Can it go in the machine? And how do I store it?") == [
        "Can it go in the machine (leather jacket)?",
        "How do I store it (leather jacket)?",
    ]
    assert question_parts("got store credit from a return. does it run out? and can i get it paid out as cash") == [
        "Does it run out (store credit)?",
        "Can i get it paid out as cash (store credit)?",
    ]
    # a statement that leads to its own question is that part's context
    assert question_parts(
        "forgot my password, can you tell me what it is? also i got a weird email saying a service was added "
        "to my account, was that you guys?"
    ) == [
        "Forgot my password, can you tell me what it is?",
        "Also i got a weird email saying a service was added to my account, was that you guys?",
    ]
    # "one of those" names nothing: it is not carried to the next part
    assert question_parts("which one of those is cheaper? and how long do they take to break in") == [
        "Which one of those is cheaper?",
        "How long do they take to break in?",
    ]


def test_near_misses_stay_one_question() -> None:
    for one in (
        "do the calvin klein thornton western boots come in black and tan?",
        "what's your return and exchange policy?",
        "I'm visiting Chicago next weekend. Is your store there open on Sunday?",
        "If I order a coat today with overnight shipping, when would it get here and what do I pay for shipping?",
        "whats the inseam on the guess kingsley skinny jeans? are they stretchy? need a 31",
        "I'm up in Everett WA, is there a store anywhere near me? open sundays? and can they shorten jeans there",
        "my package says delivered 2 days ago but it's NOT here. send me a new one right now",
        # a stated case (an amount, a place, a level) holds for every part: asked whole
        "Is there express delivery? ordering about $60 of stuff to Denver, whats the difference vs regular in price",
        "going to montreal in january, is the guess rowan puffer warm enough? and can i wash it at home",
    ):
        assert question_parts(one) == [], one
    # a lead that asks something itself is no statement: the whole question is kept
    asked = "thinking of a gift card lol. what amounts can i get, do they expire, and can she use it in store?"
    assert asked_of(asked) == asked
    assert asked_of("got an email saying a fee was added to my account, is that from you?") == "is that from you?"


def test_a_store_in_a_city_without_one_is_no_with_where_the_stores_are(kb: KnowledgeBase) -> None:
    assert store_reply(kb, "Is there a northwind store in los angeles?")[0] == (
        f"No, we don't have a store in Los Angeles: our only stores are in {STORES}."
    )  # type: ignore[index]
    assert store_reply(kb, "any shops near Tacoma?")[0] == "Our store in Washington is in Seattle."  # type: ignore[index]
    # a place no vocabulary knows: where the stores are, no yes or no about it
    assert store_reply(kb, "do you have a store in my town?")[0] == f"Our only stores are in {STORES}."  # type: ignore[index]
    # the hours of a named store, a return in a store, the stores in general: not this question
    assert store_reply(kb, "is the store in chicago open on sundays?") is None
    assert store_reply(kb, "can I return it in a store in boston?") is None
    assert store_reply(kb, "do you have stores?") is None
    assert store_reply(kb, "is LA Fitness near your store?") is None


def test_an_eu_boot_size_is_the_size_guides_us_size(kb: KnowledgeBase) -> None:
    assert eu_asked("do they come in EU 44?") == "44" and eu_asked("my husband wears a 43 EU") == "43"
    assert eu_asked("do they come in size 44?") is None
    assert eu_to_us(kb, "44", "men") == ("11", "men's")
    assert eu_to_us(kb, "40", "women") == ("9", "women's")
    assert eu_to_us(kb, "40", None) is None  # a men's 7 or a women's 9: not guessed
    assert eu_to_us(kb, "48", "men") is None  # past the table


def test_a_part_answered_by_its_event_or_its_other_word_is_answered() -> None:
    assert not unanswered(
        "ugh. can you back order it? when would i be charged",
        "We can back-order it: it ships as soon as it is back in stock, usually within 2–3 weeks, and you are "
        "charged when it ships.",
    )
    assert not unanswered(
        "how many letters can i get and how much is it",
        "Name stitching (monogram): $10.00 per item, up to 12 characters, on shirts, jackets, coats and sweaters.",
    )
    # an event that is not the part's own ("we ship it when it is back") answers no "when am I charged"
    assert unanswered("when would i be charged", "We ship it when it is back in stock.") == ["when would i be charged"]


async def test_every_part_of_a_policy_message_is_answered_from_its_own_source(shop: Assistant) -> None:
    both = await ask(
        shop, "is there a northwind store in los angeles? and what time does the chicago one close on sunday"
    )
    assert both.text.startswith(f"No, we don't have a store in Los Angeles: our only stores are in {STORES}.")
    assert "6:00 p.m." in both.text and "not sure" not in both.text
    # a policy part the slot answers leave to the passages: answered there, beside the store's "no"
    fees = await ask(shop, "is there a store in boston? and how long are promo codes valid?")
    assert (
        fees.text.startswith(f"No, we don't have a store in Boston: our only stores are in {STORES}.")
        and "7 days" in fees.text
    )


async def test_a_single_question_keeps_its_one_answer(shop: Assistant) -> None:
    hours = await ask(shop, "I'm visiting Chicago next weekend. Is your store there open on Sunday?")
    assert "11:00 a.m." in hours.text and "not sure" not in hours.text
