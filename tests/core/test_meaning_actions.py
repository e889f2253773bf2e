"""A step, place or time the shop's data does not give is rejected (meaning/actions.py, #9), for every backend: SmolLM2
wrote "you'll need to order a returnable return paper from a local business", "just bring it to any post office and
they will handle it" and "The store closes on Saturday." beside a right sentence, and the verifier kept them. The
pages' own steps, places and times in other words still pass."""

from __future__ import annotations

import pytest

from bot.core.assistant import Assistant
from bot.core.extractive import CachedEmbed
from bot.core.meaning import MeaningChecker
from bot.core.verify import verify
from bot.domain import Channel, IncomingMessage
from bot.embed import get_embedder
from bot.llm.fake import ScriptedChatModel

WAYS_BACK = (
    "Returns Policy > Ways to send a return back\n"
    "You can return an item in three ways:\n\n"
    "1. **By mail** – we e-mail you a prepaid return shipping label. Print it, attach it to the package and hand it "
    "to the carrier. Return labels within the United States are free. To create the label we need your full address "
    "(street, city, state and ZIP code).\n"
    "2. **In store** – bring the item and your order number to our Portland, Seattle or Chicago store.\n"
    "3. **At a drop-off center** – drop the package, with the label, at any UPS Access Point location."
)
WINDOW = (
    "Returns Policy > How long do I have to return an item?\n"
    "Your return window depends on your membership level and counts from the purchase date:\n\n"
    "| Membership level | Return window |\n| --- | --- |\n| Guest | 30 days |\n| Bronze | 90 days |\n"
    "| Silver | 6 months (180 days) |\n| Gold | Unlimited – no time limit |"
)
STORE_HOURS = (
    "FAQ – Store Hours, Collections and Sales > When does my local store open?\n"
    "Our stores in Portland, Seattle and Chicago open at 10:00 a.m. Monday to Saturday (closing at 8:00 p.m.) and at "
    "11:00 a.m. on Sunday (closing at 6:00 p.m.), local time."
)
CARE_HOURS = (
    "Contact Us > Customer care hours\nAll times are US Eastern Time (ET).\n\n"
    "- Monday–Friday: 8:00 a.m. – 8:00 p.m. ET\n- Saturday and Sunday: 9:00 a.m. – 5:00 p.m. ET\n"
    "- Closed on New Year's Day (January 1), Thanksgiving Day and Christmas Day (December 25).\n\n"
    "Our online assistant is available 24 hours a day, 7 days a week."
)


@pytest.fixture(scope="module")
def minilm() -> MeaningChecker:
    embedder = get_embedder("minilm")
    return MeaningChecker(embed=CachedEmbed(embedder.embed))


def _ok(reply: str, grounding: str, question: str, meaning: MeaningChecker) -> bool:
    return verify(
        reply, grounding, question=question, min_support=0.75, meaning=meaning, grounding_blocks=[grounding]
    ).ok


@pytest.mark.slow
@pytest.mark.parametrize(
    "reply",
    [
        "You can return it in one of our stores. If you don't have a printer, you'll need to order a returnable "
        "return paper from a local business.",
        "We e-mail you a prepaid return label. Just bring it to any post office and they will handle it.",
        "We'll e-mail you a prepaid label. Print the label at your local library and attach it to the package.",
        "Print the label and attach it to the package. You can also drop the package at any pharmacy counter.",
        # SmolLM2 in the unseen check: "the easiest way ... is to X" tells the shopper to X
        "The easiest way to get your package back to you without printing anything is to simply return it to the "
        "sender.",
    ],
)
def test_a_step_or_place_no_page_gives_is_rejected(reply: str, minilm: MeaningChecker) -> None:
    assert not _ok(reply, WAYS_BACK, "how do i send my return back?", minilm)


@pytest.mark.slow
@pytest.mark.parametrize(
    "reply",
    [
        "Just print the prepaid label we e-mail you and drop the parcel at any UPS Access Point location.",
        "Print it, stick it on the package and hand it to the carrier.",  # "stick" for "attach": a paraphrase
        "You can bring the item and your order number to our Portland, Seattle or Chicago store.",
        "The easiest way is to bring the item and your order number to our Portland, Seattle or Chicago store.",
    ],
)
def test_the_pages_own_steps_in_other_words_pass(reply: str, minilm: MeaningChecker) -> None:
    assert _ok(reply, WAYS_BACK, "how do i send my return back?", minilm)


@pytest.mark.slow
def test_a_return_window_said_as_you_can_passes(minilm: MeaningChecker) -> None:
    assert _ok("You can return it within 30 days.", WINDOW, "i'm a guest, how long do i have to return?", minilm)
    assert _ok("As a guest you have 30 days from the day you bought it.", WINDOW, "how long for a guest?", minilm)


@pytest.mark.slow
def test_closes_on_a_day_without_an_hour_says_it_is_shut_that_day(minilm: MeaningChecker) -> None:
    question = "when is the store open?"
    assert not _ok(
        "Our stores open at 10:00 a.m. Monday to Saturday. The store closes on Saturday.", STORE_HOURS, question, minilm
    )
    assert not _ok("The Chicago store closes on Sundays.", STORE_HOURS, question, minilm)
    # near misses: the closing hour of a day, and a day the data says it is closed
    assert _ok("On Saturday the store closes at 8:00 p.m.", STORE_HOURS, question, minilm)
    assert _ok("Customer care is closed on Christmas Day.", CARE_HOURS, "are you open on christmas?", minilm)


@pytest.mark.slow
def test_a_time_the_data_does_not_give_is_rejected(minilm: MeaningChecker) -> None:
    question = "when can i call you?"
    assert not _ok(
        "You can call Monday to Friday from 8 a.m. to 8 p.m. ET. Customer care also takes calls on Sunday evenings.",
        CARE_HOURS,
        question,
        minilm,
    )
    assert _ok("You can call on weekends from 9 a.m. to 5 p.m. ET.", CARE_HOURS, question, minilm)
    # the assistant's "24 hours a day" covers any part of the day
    assert _ok(
        "Our online assistant is available day and night, even on holidays.",
        CARE_HOURS,
        "is anyone there at night?",
        minilm,
    )


def test_without_an_embedder_two_unsupported_words_reject_one_does_not() -> None:
    rules = MeaningChecker()
    question = "how do i send my return back?"
    assert not _ok(
        "Print the label and attach it to the package. Then put the package in your mailbox for pickup.",
        WAYS_BACK,
        question,
        rules,
    )
    assert _ok("Print it, stick it on the package and hand it to the carrier.", WAYS_BACK, question, rules)


async def _turn(assistant: Assistant, text: str) -> tuple[str, str]:
    final, streamed = "", ""
    async for event in assistant.stream(IncomingMessage(text, channel=Channel.API)):
        if event["type"] == "token":
            streamed += event["text"]
        elif event["type"] == "reply":
            final = event["reply"].text
    return final, streamed


async def test_the_invented_step_never_reaches_the_shopper(assistant: Assistant, model: ScriptedChatModel) -> None:
    model.say(
        "You can return any item within 30 days of delivery for a full refund, and refunds go back to the original "
        "payment method within 5 business days. You can drop the item at any post office within 30 days of delivery."
    )
    final, streamed = await _turn(assistant, "how can i send an item back?")
    assert "post office" not in final and "post office" not in streamed
    assert "30 days" in final


async def test_the_true_step_is_kept(assistant: Assistant, model: ScriptedChatModel) -> None:
    model.say("You can return any item within 30 days of delivery for a full refund.")
    final, _ = await _turn(assistant, "how can i send an item back?")
    assert final.startswith("You can return any item within 30 days of delivery for a full refund"), final
