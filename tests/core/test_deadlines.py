"""Delivery days and windows applied to the shopper's own case (#9). Blind read reader19: "can i upgrade my parka
order to overnight? i need it by friday" (Economy, shipped, estimated 2026-12-07) got "it will usually arrive within
a day or two"; "gonna order overnight on sunday afternoon, which day does it arrive?" got the model's "The order
arrives on sunday afternoon."; "so how long do i have to send them back once they show up" after a shipped boots
order got "Guest: return window 30 days."; a guest's "tracking says my package was delivered 2 days ago but theres
NOTHING at my door" was asked for an order number. A real Assistant on the demo store's knowledge (hashing
embedder), a real SQLite store and a scripted generator."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from bot.core.deadlines import new_order_deadline, order_deadline, stated_deadline
from bot.core.earned_lead import earned_lead
from bot.core.missing_parcel import days_said
from bot.core.order_questions import speed_answer
from bot.core.ordered_items import asked_aspects
from bot.core.shop_day import shop_today
from bot.domain import OrderAspect, Reply
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant, order_row

WEDNESDAY = dt.date(2026, 12, 2)
BUSINESS = ["monday", "tuesday", "wednesday", "thursday", "friday"]
AFTER = "Once the order has shipped the date cannot be changed – but it will usually arrive within a day or two anyway."
PARKA = {"order_id": "ORD-1", "status": "shipped", "shipping_method": "economy", "estimated_delivery": "2026-12-07"}


def test_the_day_a_shopper_needs_it_by_is_read_from_today() -> None:
    assert stated_deadline("i need it by friday", WEDNESDAY).day == dt.date(2026, 12, 4)  # type: ignore[union-attr]
    before = stated_deadline("will it get here before the 10th?", WEDNESDAY)
    assert before is not None and before.day == dt.date(2026, 12, 10) and before.before
    assert stated_deadline("in time for christmas?", WEDNESDAY).day == dt.date(2026, 12, 25)  # type: ignore[union-attr]
    assert stated_deadline("need them for the 8th", WEDNESDAY).day == dt.date(2026, 12, 8)  # type: ignore[union-attr]
    assert stated_deadline("by the 1st", WEDNESDAY).day == dt.date(2027, 1, 1)  # type: ignore[union-attr]  # passed
    assert stated_deadline("lands by dec 8?", WEDNESDAY).day == dt.date(2026, 12, 8)  # type: ignore[union-attr]
    # near misses: which Friday "next friday" is is the shopper's; a dress for a party on friday; an order day
    for text in ("need it by next friday", "a black dress for friday night", "if i order on friday when does it come"):
        assert stated_deadline(text, WEDNESDAY) is None, text


def test_a_shipped_order_gets_its_own_date_and_whether_it_is_in_time() -> None:
    said = speed_answer(PARKA, {"speed_after": AFTER})
    assert "usually" not in said and "day or two" not in said
    assert said.endswith(
        "Once the order has shipped the date cannot be changed. Its estimated delivery is Monday, December 7."
    )
    late = order_deadline(PARKA, "can i upgrade my parka order to overnight? i need it by friday", said, WEDNESDAY)
    assert late == "That is after Friday, December 4, so it is not expected to arrive in time."
    ok = order_deadline(PARKA, "will it be here before the 10th?", "", WEDNESDAY)
    assert ok == (
        "Its estimated delivery is Monday, December 7. That is before Thursday, December 10, so by that estimate it "
        "arrives in time."
    )
    # near misses: no deadline said, a delivered order, an order without an estimate: nothing added; a delivered
    # order keeps the page's own rule
    assert order_deadline(PARKA, "where is my parka order?", "", WEDNESDAY) == ""
    delivered = {**PARKA, "status": "delivered", "delivered_date": "2026-12-01"}
    assert order_deadline(delivered, "i need it by friday", "", WEDNESDAY) == ""
    assert order_deadline({**PARKA, "estimated_delivery": None}, "i need it by friday", "", WEDNESDAY) == ""
    assert AFTER in speed_answer(delivered, {"speed_after": AFTER})


def test_a_new_order_is_counted_in_business_days_from_the_day_it_ships() -> None:
    # ordered after the cut-off on Wednesday: ships Thursday, Standard's 3-5 business days are Tue 8 - Thu 10
    text = new_order_deadline("need it before the 10th", WEDNESDAY, "Wednesday", True, BUSINESS, (3, 5))
    assert text.startswith("By the calendar, it ships Thursday, December 3 and arrives from Tuesday, December 8 to ")
    assert "may arrive in time but is not sure to" in text
    sunday = new_order_deadline("need it by tuesday", WEDNESDAY, "Sunday", True, BUSINESS, (1, 1))
    assert sunday == (
        "By the calendar, it ships Monday, December 7 and arrives on Tuesday, December 8. That is no later than "
        "Tuesday, December 8, so by that estimate it arrives in time."
    )
    assert new_order_deadline("when does it come", WEDNESDAY, "Sunday", True, BUSINESS, (1, 1)) == ""


def test_a_model_reply_without_the_page_s_times_is_replaced_by_them_counted(
    tmp_path: Path, intents: IntentClassifier
) -> None:
    kb = demo_assistant(tmp_path, intents, [], []).kb
    q = "gonna order overnight on sunday afternoon, which day does it arrive?"
    text = earned_lead(Reply("The order arrives on sunday afternoon."), q, kb, today=WEDNESDAY).text
    assert "sunday afternoon" not in text
    assert text.endswith(
        "placed on a weekend day, not a business day, so it ships the next business day, Monday, and Overnight then "
        "delivers the next business day after it ships, Tuesday."
    )
    # near misses: no option named, no order day said: the reply stays
    same = "Orders are packed with care."
    assert earned_lead(Reply(same), "if i order on sunday when does it arrive?", kb, today=WEDNESDAY).text == same
    assert earned_lead(Reply(same), "when does overnight arrive?", kb, today=WEDNESDAY).text == same


def test_the_days_since_a_parcel_was_marked_delivered_are_read() -> None:
    assert days_said("delivered 2 days ago but nothing") == 2
    assert days_said("said delivered yesterday") == 1
    assert days_said("marked delivered a couple of days ago") == 2
    assert days_said("delivered two weeks ago") == 14
    assert days_said("its been 9 days since it showed delivered") == 9
    assert days_said("shows delivered but not here") is None


@pytest.fixture
def shop(tmp_path: Path, intents: IntentClassifier):  # type: ignore[no-untyped-def]
    today = shop_today()
    boots = {"sku": "X-1", "name": "Combat Boots", "qty": 1, "price": 120.0}
    row = order_row("ORD-81001", "g1", "shipped", [boots], (today - dt.timedelta(days=5)).isoformat())
    row["estimated_delivery"] = (today + dt.timedelta(days=5)).isoformat()
    row["shipping_method"] = "economy"
    return demo_assistant(tmp_path, intents, [{"id": "g1", "name": "Amara", "membership": "guest"}], [row])


async def test_a_deadline_is_compared_with_the_order_s_estimated_delivery(shop) -> None:  # type: ignore[no-untyped-def]
    due = shop_today() + dt.timedelta(days=5)
    soon, later = due - dt.timedelta(days=3), due + dt.timedelta(days=3)
    reply = await ask(shop, f"can i upgrade my boots order to overnight? i need it by {soon:%B} {soon.day}", "g1")
    assert "usually" not in reply.text and f"Its estimated delivery is {due:%A}, {due:%B} {due.day}." in reply.text
    assert "so it is not expected to arrive in time." in reply.text
    reply = await ask(shop, f"will my boots order get here by {later:%B} {later.day}?", "g1")
    assert "so by that estimate it arrives in time." in reply.text
    near = await ask(shop, "where is my boots order?", "g1")  # near miss: no deadline, no verdict
    assert "in time" not in near.text


async def test_how_long_to_send_it_back_is_the_window_from_that_order_s_date(shop) -> None:  # type: ignore[no-untyped-def]
    placed = shop_today() - dt.timedelta(days=5)
    last = placed + dt.timedelta(days=30)
    first = await ask(shop, "i need to cancel my boots order please", "g1", conversation="cv1")
    reply = await ask(
        shop,
        "fine. so how long do i have to send them back once they show up",
        "g1",
        conversation=first.conversation_id,
    )
    assert "30 days from the purchase date" in reply.text
    assert f"until {last:%A}, {last:%B} {last.day}, {last.year}" in reply.text


async def test_a_parcel_marked_delivered_gets_the_rule_for_the_days_said(
    tmp_path: Path, intents: IntentClassifier
) -> None:
    shop = demo_assistant(tmp_path, intents, [], [])
    reply = await ask(shop, "tracking says my package was delivered 2 days ago but theres NOTHING at my door. what now")
    assert reply.text.startswith(
        "I'm sorry it isn't there. You say it was marked delivered 2 days ago, which is less than 7 days."
    )
    assert "check with neighbors" in reply.text and "replacement" not in reply.text
    late = await ask(shop, "ups showed delivered 9 days ago but theres no parcel here")
    assert "9 days ago, so 7 days or more have passed" in late.text and "replacement order free of charge" in late.text
    assert "order number" in late.text
    unsaid = await ask(shop, "tracking says delivered but nothing at my door")  # no days: the rule, no order asked
    assert "less than 7 days" in unsaid.text and "I can look that up" not in unsaid.text
    near = await ask(shop, "where is my order?")  # near miss: an order's status still needs the order
    assert "order number" in near.text and "7 days" not in near.text


def test_a_day_needed_by_asks_about_the_order_s_delivery() -> None:
    # unseen check: "any chance my wrap dress order lands by dec 8?" got the catalog's wrap dresses
    assert asked_aspects("any chance my wrap dress order lands by dec 8?") == [OrderAspect.DELIVERY]
    assert asked_aspects("need my rain jacket for the 8th, is that gonna happen?") == [OrderAspect.DELIVERY]
    # near misses: a dress for a party on friday is a product asked for; "by the way" names no day
    assert asked_aspects("i need a rain jacket for friday, something under 100") == []
    assert asked_aspects("my wrap dress by the way is lovely") == []
