"""Can those go back? asked of an order named by its item and month (#9): after a return answer, "what about the
black hiking boots i got in august, can those go back too?" (c006, a Guest) got a product listing and "I'm not sure
about ..." because "go back" was no return and the message was split into a search and a question. Now the order
holding those boots, placed that month, gets its return window. A real Assistant (hashing KB, real SQLite)."""

from __future__ import annotations

from pathlib import Path

from bot.core.ordered_items import ACTS
from bot.core.parts import SUBJECT_ONLY
from bot.core.return_window import ASKS_RETURN
from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant, order_row
from tests.support.dates import days_ago

HIKING = {"sku": "GS-BT-1300", "name": "Guess Women's Monroe Lace-Up Hiking Boots", "qty": 1, "price": 227.5,
          "size": "8", "color": "black"}  # fmt: skip
COMBAT = {"sku": "GS-BT-1035", "name": "Guess Women's Orchard Combat Boots", "qty": 1, "price": 150.0, "size": "8",
          "color": "dark brown"}  # fmt: skip


def test_go_back_is_a_return_and_what_about_names_its_subject() -> None:
    for text in ("can those go back too?", "could they be sent back", "can the boots go back?"):
        assert ASKS_RETURN.search(text), text
    assert ACTS.search("can those go back too?")
    assert SUBJECT_ONLY.search("what about the black hiking boots i got in august?")
    for text in ("can those go on sale?", "can they go faster?", "when do they come back in stock?"):
        assert not ASKS_RETURN.search(text) and not ACTS.search(text), text  # near misses
    assert not SUBJECT_ONLY.search("how much are the boots?")


async def test_the_boots_from_that_month_get_their_window(tmp_path: Path, intents: IntentClassifier) -> None:
    then, before = days_ago(95), days_ago(250)
    orders = [
        order_row("ORD-75001", "g5", "delivered", [COMBAT], days_ago(5).isoformat()),
        order_row("ORD-75002", "g5", "delivered", [HIKING], then.isoformat()),
        order_row("ORD-75003", "g5", "delivered", [HIKING], before.isoformat()),
    ]
    shop = demo_assistant(tmp_path, intents, [{"id": "g5", "name": "Amara", "membership": "guest"}], orders)
    first = await ask(shop, "can i return the combat boots from my last order?", "g5")
    text = f"what about the black hiking boots i got in {then:%B}, can those go back too?"
    reply = await ask(shop, text.lower(), "g5", first.conversation_id)
    assert "ORD-75002" in reply.text and "ORD-75003" not in reply.text
    assert "30 days from the purchase date, so it has passed" in reply.text
    assert "We have" not in reply.text and "not sure" not in reply.text


def test_an_item_dated_by_when_it_came_or_its_month_is_theirs() -> None:
    from bot.core.ordered_items import OWNED

    for text in (
        "can the tee that showed up on the 20th go back?",
        "what about the olive parka from august, can it go back?",
    ):
        assert OWNED.search(text) and ACTS.search(text) and ASKS_RETURN.search(text), text
    assert not ACTS.search("can you go back to my last question?")  # near miss: no return
    assert not OWNED.search("is the parka warm enough for december?")


async def test_a_parka_from_a_month_asked_first_gets_its_window(tmp_path: Path, intents: IntentClassifier) -> None:
    then = days_ago(100)
    parka = {"sku": "BR-CT-1038", "name": "Banana Republic Women's Sutton Parka", "qty": 1, "price": 196.99,
             "size": "M", "color": "olive"}  # fmt: skip
    other = dict(parka, color="charcoal")
    orders = [
        order_row("ORD-75101", "g6", "delivered", [parka], then.isoformat()),
        order_row("ORD-75102", "g6", "delivered", [other], days_ago(40).isoformat()),
    ]
    shop = demo_assistant(tmp_path, intents, [{"id": "g6", "name": "Ines", "membership": "gold"}], orders)
    reply = await ask(shop, f"what about the olive parka from {then:%B}, can it go back?".lower(), "g6")
    assert "ORD-75101" in reply.text and "ORD-75102" not in reply.text and "Gold" in reply.text
    assert "Here are" not in reply.text
