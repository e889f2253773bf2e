"""Rewording template answers: kept only when faithful (the strict paraphrase check), counted as the model's then."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from bot.core.assistant import Assistant
from bot.core.composer import Composer
from bot.core.events import EventBus
from bot.core.paraphrase import paraphrase_problems
from bot.core.prompts import PROMPTS_DIR
from bot.core.rewording import Rewriter, read_examples
from bot.domain import Author, Channel, IncomingMessage
from bot.llm.fake import ScriptedChatModel

STOCK = "Sorry, the Slim Blue Jeans is out of stock in size S. It is in stock in sizes M and L."
NAMES = ["Slim Blue Jeans", "Northwind", "black", "navy"]


@pytest.mark.parametrize(
    "candidate",
    [
        "I'm afraid the Slim Blue Jeans are out of stock in size S right now, but you can get them in stock in sizes M and L.",
        "Unfortunately the Slim Blue Jeans are out of stock in size S; they are still in stock in sizes M and L.",
    ],
)
def test_a_faithful_rewording_passes(candidate: str) -> None:
    assert (
        paraphrase_problems(STOCK, candidate, question="Are the Slim Blue Jeans in stock in S?", known_names=NAMES)
        == []
    )


@pytest.mark.parametrize(
    ("candidate", "why"),
    [
        ("The Slim Blue Jeans are in stock in size S, and also in M and L.", "changes"),  # polarity flipped
        (
            "Sorry, the Slim Blue Jeans are out of stock in size M, but in stock in sizes S and L.",
            "changes",
        ),  # bound wrong
        ("Sorry, the Slim Blue Jeans are out of stock in size S. They are in stock in size M.", "drops 'L'"),
        ("Sorry, the Slim Blue Jeans are sold out in S but in stock in M and L, and on sale for 49.00 USD.", "49.00"),
        ("Sorry, the Slim Blue Jeans are sold out in S but in M and L they ship free tomorrow.", "adds"),
        ("Sorry, the Slim Jeans are out of stock in S but in stock in M and L.", "drops 'Slim Blue Jeans'"),
        ("Sorry, the Slim Blue Jeans are sold out in size S, but available in sizes M and L.", "drops 'in stock'"),
        ("Are the Slim Blue Jeans in stock in sizes M and L?", "finished statements"),
        (
            "Sorry, the Slim Blue Jeans are out of stock in size S, but the Slim Blue Jeans are in stock in sizes M and L.",
            "repeats",
        ),
    ],
)
def test_an_unfaithful_rewording_is_named(candidate: str, why: str) -> None:
    problems = paraphrase_problems(
        STOCK, candidate, question="Are the Slim Blue Jeans in stock in S?", known_names=NAMES
    )
    assert any(why in p for p in problems), problems


def test_a_correct_no_we_dont_carry_survives() -> None:
    answer = "No, we don't carry Adidas."
    assert (
        paraphrase_problems(
            answer, "No, sorry, Adidas isn't a brand we carry.", question="Do you carry Adidas?", keep=["Adidas"]
        )
        == []
    )
    assert paraphrase_problems(answer, "Yes, we carry Adidas.", question="Do you carry Adidas?", keep=["Adidas"]) != []
    assert "drops the leading 'No'" in paraphrase_problems(
        answer, "Sorry, Adidas isn't a brand we carry.", keep=["Adidas"]
    )


def test_a_rewording_that_turns_the_shop_into_the_shopper_is_refused() -> None:
    # the local model reworded "We don't sell sunglasses." as "You can't sell sunglasses." and the check kept it
    answer = "We don't sell sunglasses."
    problems = paraphrase_problems(answer, "You can't sell sunglasses.", question="Do you sell sunglasses?")
    assert "no longer says what the shop does (we/our)" in problems
    assert (
        paraphrase_problems(
            answer, "Sorry, sunglasses aren't sold here; we don't sell them.", question="Do you sell sunglasses?"
        )
        == []
    )


def test_a_price_written_twice_over_is_not_fluent() -> None:
    answer = "The Slim Blue Jeans costs 59.90 USD."
    assert "writes the currency twice" in paraphrase_problems(
        answer, "The Slim Blue Jeans are $59.90 USD.", known_names=NAMES
    )
    assert paraphrase_problems(answer, "The Slim Blue Jeans are priced at 59.90 USD.", known_names=NAMES) == []


def test_order_status_and_carrier_are_kept() -> None:
    answer = "Your order ORD-50001 is shipped; its estimated delivery date is 2026-11-27."
    assert (
        paraphrase_problems(
            answer,
            "Your order ORD-50001 has shipped and should arrive by 2026-11-27.",
            question="when will my order arrive?",
        )
        == []
    )
    assert "drops 'shipped'" in paraphrase_problems(
        answer, "Your order ORD-50001 was delivered on 2026-11-27.", question="when will it arrive?"
    )


def test_every_kind_has_two_worked_examples() -> None:
    examples = read_examples(PROMPTS_DIR / "reword_examples.txt")
    assert {k: len(v) for k, v in examples.items()} == {"product": 2, "order": 2, "discovery": 2, "policy": 2}
    for kind, rows in examples.items():  # the examples themselves pass the check they teach
        for question, answer, reworded in rows:
            problems = paraphrase_problems(
                answer, reworded, question=question, keep=["Acme"], every_word=kind == "policy"
            )
            assert problems == [], (kind, reworded)


def test_rewriter_keeps_the_template_on_a_copy_an_error_or_a_long_answer() -> None:
    model = ScriptedChatModel(responses=["The Slim Blue Jeans costs 59.90 USD.", "The Slim Blue Jeans cost 49.90 USD."])
    rewriter = Rewriter(model, timeout_s=5, max_tries=1)
    answer = "The Slim Blue Jeans costs 59.90 USD."
    same = rewriter.reword("how much?", answer, kind="product", known_names=NAMES)
    assert (same.text, same.by_model, same.reason) == (answer, False, "same")
    wrong = rewriter.reword("how much?", answer, kind="product", known_names=NAMES)
    assert (wrong.text, wrong.by_model, wrong.reason) == (answer, False, "unfaithful")
    assert any("59.90" in p for p in wrong.problems)
    listing = "Here are the jeans we have:\n- Slim Blue Jeans, 59.90 USD"
    assert rewriter.reword("jeans?", listing, kind="discovery").reason == "skipped"
    prompt = rewriter.build_messages("how much?", answer, kind="product")
    assert len(prompt) == 6 and "Answer: The Slim Blue Jeans costs 59.90 USD." in prompt[-1].text


def test_a_rejected_wording_is_tried_again_while_the_deadline_allows() -> None:
    answer = "The Slim Blue Jeans costs 59.90 USD."
    model = ScriptedChatModel(
        responses=[answer, "The Slim Blue Jeans cost 49.90 USD.", "The Slim Blue Jeans are priced at 59.90 USD."]
    )
    done = Rewriter(model, timeout_s=30, max_tries=3).reword("how much?", answer, kind="product", known_names=NAMES)
    assert (done.text, done.by_model, done.tries) == ("The Slim Blue Jeans are priced at 59.90 USD.", True, 3)
    model = ScriptedChatModel(responses=[answer, "The Slim Blue Jeans cost 49.90 USD.", "unused"])
    done = Rewriter(model, timeout_s=30, max_tries=2).reword("how much?", answer, kind="product", known_names=NAMES)
    assert (done.text, done.by_model, done.tries, done.reason) == (answer, False, 2, "unfaithful")


@pytest.fixture
def rewording_assistant(store: Any, kb: Any, intents: Any, tmp_path: Path) -> tuple[Assistant, ScriptedChatModel]:
    model = ScriptedChatModel()
    composer = Composer(model, timeout_s=5, reword_timeout_s=5)
    return Assistant(store=store, kb=kb, intents=intents, composer=composer, bus=EventBus()), model


def msg(text: str, customer: str | None = None) -> IncomingMessage:
    return IncomingMessage(text, channel=Channel.API, customer_id=customer)


async def test_the_pipeline_sends_a_faithful_rewording_as_the_models(rewording_assistant: Any) -> None:
    assistant, model = rewording_assistant
    model.say("Yes, good news: the Slim Blue Jeans are in stock in size M.")
    reply = await assistant.handle(msg("Are the Slim Blue Jeans in stock in M?"))
    assert reply.text == "Yes, good news: the Slim Blue Jeans are in stock in size M."
    assert reply.author == Author.MODEL and "reworded" in reply.flags and reply.sources[0]["sku"] == "NT-JNS-0001"
    assert model.groundings == ["Yes, the Slim Blue Jeans is in stock in size M."]  # digits copied from the answer only


async def test_the_pipeline_keeps_the_template_when_the_rewording_says_otherwise(rewording_assistant: Any) -> None:
    assistant, model = rewording_assistant
    model.say("Good news: the Slim Blue Jeans are in stock in size S.")  # the data says sold out in S
    reply = await assistant.handle(msg("Are the Slim Blue Jeans in stock in S?"))
    assert reply.author == Author.TEMPLATE and "out of stock in size S" in reply.text and "reworded" not in reply.flags
    model.say("Your order ORD-50001 was delivered on 2026-11-27.")  # it is shipped, not delivered
    order = await assistant.handle(msg("Where is my order ORD-50001?", customer="c1"))
    assert order.author == Author.TEMPLATE and "shipped" in order.text


RULE = "Items should be unworn and unwashed with the tags attached, unless they are defective. Returns are free; international returns cost $15.00."


def test_a_policy_sentence_said_with_the_same_words_passes() -> None:
    moved = "Unless they are defective, items should be unworn and unwashed with the tags attached. Returns are free; international returns cost $15.00."
    contracted = "Items should be unworn and unwashed with the tags attached, unless they're defective. Returns are free; international returns cost $15.00."
    for candidate in (moved, contracted):
        assert paraphrase_problems(RULE, candidate, question="can I return it?", every_word=True) == []


@pytest.mark.parametrize(
    ("candidate", "why"),
    [
        # a condition or a qualifier dropped: true-sounding, and wrong for the shopper it leaves out
        (
            "Items should be unwashed with the tags attached, unless they are defective. Returns are free; international returns cost $15.00.",
            "drops the words unworn",
        ),
        (
            "Items should be unworn and unwashed with the tags attached. Returns are free; international returns cost $15.00.",
            "defectiv",
        ),
        # a scope word added or a negation changed
        (
            "Items should only be unworn and unwashed with the tags attached, unless they are defective. Returns are free; international returns cost $15.00.",
            "condition, scope or negation",
        ),
        (
            "Items should be unworn and unwashed with the tags attached, unless they are not defective. Returns are free; international returns cost $15.00.",
            "polarity",
        ),
        # a condition moved into the next clause applies to something else
        (
            "Items should be unworn and unwashed with the tags attached. Returns are free; international returns cost $15.00, unless they are defective.",
            "moves words out of",
        ),
        # something added
        (
            "Items should be unworn and unwashed with the tags attached, unless they are defective. Returns are free within 30 days; international returns cost $15.00.",
            "30",
        ),
    ],
)
def test_a_policy_rewording_that_changes_the_rule_is_named(candidate: str, why: str) -> None:
    problems = paraphrase_problems(RULE, candidate, question="can I return it?", every_word=True)
    assert any(why in p for p in problems), problems


def test_a_copy_with_a_friendly_opener_is_not_the_models_wording() -> None:
    answer = "Refunds go back to the original payment method within 5 business days."
    model = ScriptedChatModel(responses=[f"Sure! {answer}"])
    done = Rewriter(model, timeout_s=5, max_tries=1).reword("how long do refunds take?", answer, kind="policy")
    assert (done.text, done.by_model, done.reason) == (answer, False, "same")


async def test_the_pipeline_rewords_the_shops_own_policy_sentence(rewording_assistant: Any) -> None:
    assistant, model = rewording_assistant
    model.say("We don't ship to the United Kingdom. We ship to the United States and Canada.")
    reply = await assistant.handle(msg("do you ship to the United Kingdom?"))
    assert reply.text == "We don't ship to the United Kingdom. We ship to the United States and Canada."
    assert reply.author == Author.MODEL and {"reworded", "from_data"} <= set(reply.flags)
    model.say("Refunds go back to the payment method within 5 business days.")  # "original" dropped
    refund = await assistant.handle(msg("how long do refunds take to arrive on my card?"))
    assert refund.author == Author.EXTRACTIVE and "reworded" not in refund.flags
    assert refund.text == "Refunds go back to the original payment method within 5 business days."


async def test_the_datas_text_shows_at_once_and_the_kept_wording_replaces_it(rewording_assistant: Any) -> None:
    assistant, model = rewording_assistant
    worded = "We don't ship to the United Kingdom. We ship to the United States and Canada."
    model.say(worded)
    events = [e async for e in assistant.stream(msg("do you ship to the United Kingdom?"))]
    assert [e["type"] for e in events] == ["token", "replace", "reply"]  # the first text never waits for the model
    assert events[0]["text"] == "We ship to the United States and Canada. We do not ship to the United Kingdom."
    assert events[1]["text"] == events[2]["reply"].text == worded
