"""A known customer asking for another size or colour of an item in their own order (#9, reader21): "can i switch
the sweater i just ordered to an XL instead of L?" got the exchanges page's "Yes" though the XL is sold out, and "can
i exchange one of the green merino sweaters i got on halloween for a medium?" only the return window of two orders.
Now the order the item and the day name, its state's rule and the stock of the size wanted; a holiday names a day
("on halloween" is 31 October). Real SQLite seeded from knowledge/_seed, hashing KB, real Assistant."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from bot.core.assistant import Assistant
from bot.core.item_swaps import wanted_colours
from bot.core.order_pick import said_date
from bot.core.ordered_items import own_item_request
from bot.domain import Request, RequestKind
from tests.core.test_own_orders import assistant as _seeded
from tests.core.test_own_orders import chat

assistant = _seeded  # the seeded demo shop
REPO = Path(__file__).parents[2]


async def test_switching_an_unshipped_order_to_a_sold_out_size_says_it_is_sold_out(assistant: Assistant) -> None:
    # c007: ORD-14094 (placed), Banana Republic Men's Grove Crewneck Sweater in L; its XL is out of stock
    reply, speed = await chat(
        assistant,
        "c007",
        "can i switch the sweater i just ordered to an XL instead of L?",
        "ugh fine keep the L. can i at least get it overnight?",
    )
    assert "ORD-14094" in reply.text and "Size XL is sold out" in reply.text, reply.text
    assert not reply.text.startswith("Yes") and "back-order" in reply.text
    assert "ORD-14094" in speed.text and "$20.00" in speed.text, speed.text


async def test_an_exchange_of_an_item_bought_on_a_holiday_reads_that_order_and_the_stock(
    assistant: Assistant,
) -> None:
    # c029: ORD-12878 of 2026-10-31 holds the Dover Merino sweaters (forest green, L); every size is sold out
    (reply,) = await chat(
        assistant, "c029", "can i exchange one of the green merino sweaters i got on halloween for a medium?"
    )
    assert "ORD-12878" in reply.text and "ORD-12519" not in reply.text, reply.text
    assert "Size M is sold out" in reply.text and "doesn't come in green" not in reply.text


async def test_a_swap_to_a_size_in_stock_says_it_is_in_stock(assistant: Assistant) -> None:
    # near miss: c007's Grove Crewneck in M is in stock
    (reply,) = await chat(assistant, "c007", "could i swap the sweater i just ordered for a medium?")
    assert "ORD-14094" in reply.text and "Size M is in stock" in reply.text, reply.text


async def test_a_return_window_question_without_a_size_keeps_its_answer(assistant: Assistant) -> None:
    # near miss: no other size or colour asked, so the window answers it as before
    (reply,) = await chat(assistant, "c029", "can i still return the merino sweaters i got on halloween?")
    assert "ORD-12878" in reply.text and "return" in reply.text and "sold out" not in reply.text, reply.text


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("the sweaters i got on halloween", dt.date(2026, 10, 31)),
        ("what i ordered on black friday", dt.date(2026, 11, 27)),
        ("the boots from cyber monday", dt.date(2026, 11, 30)),
        ("the coat i bought on christmas eve", dt.date(2025, 12, 24)),
        ("my order over the 4th of july", dt.date(2026, 7, 4)),
    ],
)
def test_a_holiday_names_its_day_at_or_before_today(text: str, day: dt.date) -> None:
    assert said_date(text, dt.date(2026, 12, 2)) == (day, True)


@pytest.mark.parametrize("text", ["will it arrive before christmas?", "a sweater for christmas", "black friday sale?"])
def test_a_holiday_not_said_as_a_day_past_names_no_day(text: str) -> None:
    assert said_date(text, dt.date(2026, 12, 2)) is None


def test_a_colour_word_of_the_ordered_colour_names_the_item_not_a_colour_wanted() -> None:
    product = {"colors": ["forest green", "navy", "black"]}
    assert wanted_colours("the green sweaters for a medium", product, "forest green") == []
    assert wanted_colours("swap the green one to navy", product, "forest green") == ["navy"]
    assert wanted_colours("to black instead of olive", {"colors": ["olive", "black"]}, "olive") == ["black"]


def test_a_switch_of_an_item_i_ordered_is_a_request_about_that_order_whatever_the_classifier_said() -> None:
    # the live classifier reads "can i switch the sweater i just ordered to an XL" as a product question
    orders = [json.loads(line) for line in (REPO / "knowledge/_seed/orders.jsonl").read_text().splitlines()]
    own = sorted((o for o in orders if o["customer_id"] == "c007"), key=lambda o: o["date"], reverse=True)
    catalog = {p["sku"]: p for p in (json.loads(x) for x in (REPO / "knowledge/catalog/products.jsonl").open())}
    text = "can i switch the sweater i just ordered to an XL instead of L?"
    req = own_item_request(Request(RequestKind.DISCOVERY, text), own, catalog)
    assert req is not None and req.kind == RequestKind.OWN_ORDER and req.order_ids == ["ORD-14094"]
    # near miss: a sweater asked about, not one ordered
    assert own_item_request(Request(RequestKind.DISCOVERY, "do you have that sweater in XL?"), own, catalog) is None


def test_a_holiday_named_black_is_no_colour_wanted() -> None:
    product = {"colors": ["ivory", "navy", "emerald"]}
    assert (
        wanted_colours("the sheath dress i ordered on black friday, can i switch it to a small?", product, "ivory")
        == []
    )
