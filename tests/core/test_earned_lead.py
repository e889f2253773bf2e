"""A "Yes" only where the shopper's stated case meets the rule's conditions, and exceptions asked of the bot (#9,
never promise). Blind-read regressions (reader11): "exchange the flannel shirt for a totally different shirt?" got
"Yes. You can exchange an item for the same product ..."; an Overnight order "tonight like 9pm" got "next business
day" with the 2:00 p.m. cut-off ignored; "refund me the difference, it's 30% off in your sale" and "past the window
... just approve it" got product lists. A real Assistant on the demo store's knowledge (hashing embedder), a real
SQLite store and a scripted generator; the stated facts are read by the real parsers."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.earned_lead import earned_lead
from bot.core.refusals import _topic, refused
from bot.core.stated_case import after_cutoff, item_not_as_required, other_product, stated_hour_et
from bot.domain import Flag, Reply
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant

CUTOFF = "Orders placed before 2:00 p.m. Eastern Time on a business day (Monday–Friday) ship the same day."
WEDNESDAY = dt.date(2026, 12, 2)


@pytest.fixture
def assistant(tmp_path: Path, intents: IntentClassifier) -> Assistant:
    return demo_assistant(tmp_path, intents, [], [])


def test_a_different_product_is_told_apart_from_another_size_or_colour() -> None:
    assert other_product("Can I exchange the flannel shirt I got for a totally different shirt? like a denim one")
    assert other_product("can i swap the chinos i bought for a pair of jeans instead?")
    assert other_product("exchange a jacket for a different jacket, like a bomber instead of the parka?")
    assert other_product("can I exchange it for a different product?")
    assert not other_product("can I exchange my sweater for the same one in a bigger size?")
    assert not other_product("could i exchange the black hoodie for a grey one?")
    assert not other_product("can I exchange these boots for a different size?")
    assert not other_product("can I swap my jeans for another colour?")


def test_an_order_time_is_read_in_eastern_time_and_compared_with_the_cut_off() -> None:
    assert stated_hour_et("an overnight order tonight like 9pm new york time") == 21.0
    assert stated_hour_et("if I order at 11am pacific") == 14.0
    assert stated_hour_et("will it arrive by 5pm tomorrow?") is None  # a deadline, not the order's time
    assert after_cutoff(CUTOFF, "if I order overnight at 4pm eastern today, when will it arrive?")
    assert after_cutoff(CUTOFF, "if i order on saturday, when does it ship?")
    assert not after_cutoff(CUTOFF, "if i place an overnight order at 10am ET on a tuesday, when does it get here?")
    assert not after_cutoff(CUTOFF, "if I order at 1:30 pm, when does it ship?")


def test_a_worn_item_is_one_the_condition_excludes_unless_a_stain_or_defect_is_said() -> None:
    assert item_not_as_required("can i return a shirt i already wore and washed a couple times?")
    assert item_not_as_required("i cut the tags off, can i still return it")
    assert not item_not_as_required("can I return a sweater I never wore, tags still on?")
    assert not item_not_as_required("I wore it once and found a stain, can I return it")


async def test_an_exchange_for_a_different_product_gets_no_and_the_return_and_new_order(assistant: Assistant) -> None:
    text = (
        await ask(
            assistant, "Can I exchange the flannel shirt I got for a totally different shirt? like a denim one instead"
        )
    ).text
    assert text.startswith("No. Exchanges are for the same product in a different size or color.")
    assert "return the item for a refund and place a new order" in text and "Yes" not in text
    text = (await ask(assistant, "can i swap the chinos i bought for a pair of jeans instead?")).text
    assert text.startswith("No.") and "place a new order" in text
    # near-miss: the same product in another size keeps the rule's "Yes."
    text = (await ask(assistant, "can I exchange my sweater for the same one in a bigger size?")).text
    assert text.startswith("Yes.") and "same product in another size or color" in text


async def test_an_order_after_the_cut_off_ships_the_next_business_day(assistant: Assistant) -> None:
    q = "if i put in an overnight order tonight like 9pm new york time, when does it actually get to me?"
    text = (await ask(assistant, q)).text
    assert "before 2:00 p.m. Eastern Time" in text
    assert re.search(r"after 2:00 p\.m\. Eastern Time on a \w+day, so it ships the next business day, \w+day,", text)
    assert not text.startswith("Yes")
    # near-miss: an order before the cut-off is never said to ship the next business day
    text = (await ask(assistant, "if i place an overnight order at 10am ET on a tuesday, when does it get here?")).text
    assert "after 2:00" not in text and "ships the next business day," not in text


def test_the_cut_off_is_applied_to_a_delivery_time_whichever_path_wrote_it(assistant: Assistant) -> None:
    kb = assistant.kb  # the demo store's pages
    # the extractive reply the shipped model's retrieval gives (UNSEEN CHECK answers_13_1, a13-05)
    said = (
        "Overnight shipping costs $20.00 and delivers the next business day for orders placed before 2:00 p.m. "
        "Eastern Time."
    )
    text = earned_lead(
        Reply(said), "if I order overnight at 4pm eastern today, when will it arrive?", kb, today=WEDNESDAY
    ).text
    assert text.startswith(said) and text.endswith(
        "your order is placed after 2:00 p.m. Eastern Time on a Wednesday, so it ships the next business day, "
        "Thursday, and Overnight then delivers the next business day after it ships, Friday."
    )
    weekend = earned_lead(
        Reply("Standard: delivery time 3–5 business days."), "if i order on sunday, when will it arrive?", kb
    )
    assert "Orders placed before 2:00 p.m. Eastern Time on a business day" in weekend.text
    assert "placed on a weekend day, not a business day, so it ships the next business day" in weekend.text
    # near-misses: an order time before the cut-off on no day said, and no order time at all, add nothing
    assert earned_lead(Reply(said), "if i order overnight at 9am eastern, when will i get it?", kb).text == said
    assert earned_lead(Reply(said), "when does overnight shipping arrive?", kb).text == said


def test_a_reply_with_only_the_cut_off_gets_the_delivery_times_first(assistant: Assistant) -> None:
    # golden extractive:12: "if i place an order on saturday when will it get here?" got when it ships, never how long
    cut = CUTOFF + " later orders ship the next business day."
    text = earned_lead(Reply(cut), "if i place an order on saturday when will it get here?", assistant.kb).text
    assert "Standard $8.00 (3–5 business days)" in text.split(CUTOFF)[0]  # the options' times, before the cut-off
    assert text.endswith("so it ships the next business day, Monday, and delivery times count from Monday.")


def test_an_order_day_after_the_cut_off_names_the_business_day_it_ships(assistant: Assistant) -> None:
    # blind set: "if i order at like 3pm on a friday w standard shipping when would it actually show up" got the
    # delivery time alone; the page's business days (Monday–Friday) put a Friday order after 2 p.m. on Monday
    standard = "Standard: delivery time 3–5 business days, cost $8.00 – free on orders of $75 or more, carrier UPS."
    q = "if i order at like 3pm on a friday w standard shipping when would it actually show up"
    text = earned_lead(Reply(standard), q, assistant.kb).text
    assert text.endswith(
        "after 2:00 p.m. Eastern Time on a Friday, so it ships the next business day, Monday, and Standard's "
        "3–5 business days count from Monday."
    )
    wed = earned_lead(Reply(standard), "ordering at 4pm on wednesday, when does it get here?", assistant.kb).text
    assert "on a Wednesday, so it ships the next business day, Thursday," in wed
    # near misses: a day it should arrive by is not the order's day; before the cut-off nothing is added
    by = earned_lead(Reply(standard), "if I order at 5pm will it arrive by friday?", assistant.kb).text
    assert "so it ships the next business day, and delivery times count from the day it ships." in by
    assert "Monday," not in by and "Saturday" not in by
    early = earned_lead(Reply(standard), "if i order at 10am on a friday when will it come?", assistant.kb).text
    assert early.endswith(
        "before 2:00 p.m. Eastern Time on a Friday, so it ships the same day, Friday, and Standard's 3–5 business days count from Friday."
    )


@pytest.mark.parametrize(
    ("message", "no", "policy"),
    [
        (
            "bought the tommy marlow peacoat on the 20th and now its like 30% off in your sale. refund me the difference",
            "No, sorry: I can't refund a price difference",
            "we do not adjust the price of an order after it was placed",
        ),
        (
            "the jeans i bought went on sale the next day, can you adjust the price?",
            "No, sorry: I can't refund a price difference",
            "we do not adjust the price of an order after it was placed",
        ),
        (
            "want to return the puffer coat but it says im past the window?? its 2 days, just approve it please",
            "No, sorry: I cannot make an exception",
            "Returns outside the window",
        ),
        (
            "its my moms bday tomorrow, can u do overnight for free just this once?? pleeease",
            "No, sorry: I can't make shipping free myself.",
            "$20.00 – free for Gold members",
        ),
        (
            "ive spent about 1400 with you this year, can you just bump me to gold now?",
            "No, sorry: I can't change a membership level myself.",
            "Spend $1,500 or more in a 12-month period",
        ),
        (
            "can you waive the $15 return fee just this once? I'm sending it back from Canada",
            "No, sorry: I cannot waive or refund a fee myself.",
            "A return shipping fee of $15.00 is deducted from the refund, except for Gold members",
        ),
    ],
)
async def test_an_exception_asked_gets_a_no_the_policy_on_it_and_a_person(
    assistant: Assistant, message: str, no: str, policy: str
) -> None:
    reply = await ask(assistant, message)
    assert reply.text.startswith(no) and policy in reply.text and "connect you" in reply.text
    assert not reply.cards and reply.text.count(policy) == 1  # a sentence the reply holds is not added again
    assert Flag.RECOMMENDED not in reply.flags  # only staff may grant it: no product suggested beside the no


def test_an_exception_asked_with_no_rule_named_gets_the_no_and_no_unrelated_rule() -> None:
    asked = refused("come on, can't you just make an exception for me this one time?")
    assert asked is not None and asked.kind == "exception"
    assert _topic(asked.kind, "come on, can't you just make an exception for me this one time?") == "none"
    assert _topic("exception", "can you make an exception and let me return it after 45 days?") == "exception"


@pytest.mark.parametrize(
    "message",
    [
        "do you price match other stores?",
        "as a gold member can i get free overnight shipping please?",
        "what happens if my return is past the window?",
        "what if i sign up for plus right now, does that make overnight free",
        "what is your price adjustment policy if something goes on sale after I buy?",
        "can i return something after the window if i have the receipt?",
        "why can't I use two promo codes?",
    ],
)
def test_a_question_about_a_rule_is_no_exception_asked(message: str) -> None:
    assert refused(message) is None


def test_a_level_said_of_oneself_is_compared_with_the_levels_a_perk_is_for(assistant: Assistant) -> None:
    kb = assistant.kb
    perk = (
        "Northwind Plus subscribers get free standard US shipping on every order, and Gold members get free overnight "
        "and international shipping."
    )
    text = earned_lead(Reply(perk), "I'm a bronze member, is overnight shipping free for me?", kb).text
    assert (
        text
        == f"{perk} You say you are at the Bronze level, so what our policy says for Gold members does not apply to you."
    )
    yes = earned_lead(
        Reply("Yes. Overnight: $20.00 – free for Gold members."), "im a guest, is overnight free for me?", kb
    )
    assert yes.text.startswith("Overnight: $20.00") and "for Gold members does not apply to you" in yes.text
    # near-misses: the level the perk is for, and a level named as a subject, not said of oneself
    assert earned_lead(Reply(perk), "as a gold member do i get free overnight shipping?", kb).text == perk
    assert earned_lead(Reply(perk), "is overnight free for gold members?", kb).text == perk


def test_an_overnight_order_names_the_day_it_ships_and_the_day_it_arrives(assistant: Assistant) -> None:
    # blind set (#9): "if i order overnight shipping right now (its like 3:30pm eastern) when does it actually show up"
    # got the 2 p.m. rule restated; "right now" is today (a Wednesday), after the cut-off: ships Thursday, arrives Friday
    said = (
        "Overnight shipping costs $20.00 and delivers the next business day for orders placed before 2:00 p.m. "
        "Eastern Time."
    )
    kb = assistant.kb
    q = "if i order overnight shipping right now (its like 3:30pm eastern) when does it actually show up"
    assert earned_lead(Reply(said), q, kb, today=WEDNESDAY).text.endswith(
        "placed after 2:00 p.m. Eastern Time on a Wednesday, so it ships the next business day, Thursday, and "
        "Overnight then delivers the next business day after it ships, Friday."
    )
    before = earned_lead(
        Reply(said), "if i get the overnight order in before 2pm today when will it come", kb, today=WEDNESDAY
    )
    assert before.text.endswith(
        "placed before 2:00 p.m. Eastern Time on a Wednesday, so it ships the same day, Wednesday, and Overnight then "
        "delivers the next business day after it ships, Thursday."
    )
    weekend = earned_lead(Reply(said), "ordering overnight on a sunday, when will i have it?", kb, today=WEDNESDAY)
    assert weekend.text.endswith(
        "placed on a weekend day, not a business day, so it ships the next business day, Monday, and Overnight then "
        "delivers the next business day after it ships, Tuesday."
    )
    # "tonight" on a Friday: Monday, then Tuesday
    friday = earned_lead(
        Reply(said), "if i order overnight tonight when does it get here", kb, today=dt.date(2026, 12, 4)
    )
    assert "on a Friday, so it ships the next business day, Monday," in friday.text and friday.text.endswith("Tuesday.")
    # near misses: a time it should arrive before is no order time; no time said adds nothing
    assert (
        earned_lead(Reply(said), "will overnight get here before 5pm if i order now?", kb, today=WEDNESDAY).text == said
    )
    assert earned_lead(Reply(said), "if i order overnight now when does it come?", kb, today=WEDNESDAY).text == said


def test_an_order_time_before_the_cut_off_is_read_from_before() -> None:
    assert stated_hour_et("if i order before 2pm today when does overnight come") == pytest.approx(14 - 1 / 60)
    assert stated_hour_et("will it arrive before 5pm") is None
    assert stated_hour_et("if I order at 3pm will it arrive before 5pm") == 15.0


async def test_a_composed_reply_gets_the_cut_off_applied(assistant: Assistant) -> None:
    # the blind-set reply was the extractive fallback of the composed path, which never applied the cut-off
    reply = await ask(
        assistant, "if i order overnight shipping right now (its like 3:30pm eastern) when does it actually show up"
    )
    assert Flag.FALLBACK_USED in reply.flags
    assert re.search(r"on a \w+day, so it ships the next business day, \w+day, and Overnight then delivers", reply.text)


def test_the_option_named_is_the_one_counted_when_the_reply_lists_several(assistant: Assistant) -> None:
    # unseen check: "placing an overnight order tonight around 8pm ET, what day would it land?" got the options'
    # list and "delivery times count from Thursday"; "overnight delivery at 5pm" was read as a deadline
    listing = (
        "Within the United States: Economy $5.00 (6–9 business days), Standard $8.00 (3–5 business days) and "
        "Overnight $20.00 (next business day)."
    )
    kb = assistant.kb
    text = earned_lead(
        Reply(listing), "placing an overnight order tonight around 8pm ET, what day would it land?", kb, today=WEDNESDAY
    ).text
    assert text.endswith("Thursday, and Overnight then delivers the next business day after it ships, Friday.")
    text = earned_lead(
        Reply(listing), "if i order standard at 4pm on a friday when does it get here", kb, today=WEDNESDAY
    ).text
    assert text.endswith("Monday, and Standard's 3–5 business days count from Monday.")
    assert stated_hour_et("if i buy something with overnight delivery at 5pm on a thursday when does it come") == 17.0
    assert stated_hour_et("will it be delivered at 5pm") is None  # a delivery time, not the order's
