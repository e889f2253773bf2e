"""A Guest's "can I still return X I bought last month" (#9): "can i return the boots i got last month?" from a Guest
with two boots orders (one sent back, one kept) got "As a guest, your return window is 30 days from the purchase
date; that is close, so the exact purchase date decides." The order holding the item was looked for by its kind and
a month's name only, so two orders left none picked and the time said ("last month", "last week") stood in for the
order's own date. The time said now narrows the orders holding the item, then the one still with the shopper; two
left, both inside the window, are answered for each. A customer with no level on the account is a Guest (the
membership page: "anyone who shops without joining"). A real Assistant on the demo store (hashing embedder)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from bot.nlu.classifier import IntentClassifier
from tests.core.shop_parts import ask, demo_assistant, order_row
from tests.support.dates import days_ago, today

BOOTS = {"sku": "CK-BT-1175", "name": "Calvin Klein Women's Orchard Western Boots", "qty": 1, "price": 150.0,
         "size": "8", "color": "black"}  # fmt: skip
SHIRT = {"sku": "MK-SH-1319", "name": "Michael Kors Women's Larkin Linen Button-Up Shirt", "qty": 1, "price": 70.0,
         "size": "M", "color": "red plaid"}  # fmt: skip
FLANNEL = {"sku": "TH-SH-1145", "name": "Tommy Hilfiger Women's Monroe Flannel Button-Down Shirt", "qty": 1,
           "price": 60.0, "size": "M", "color": "green plaid"}  # fmt: skip


async def test_last_month_picks_the_order_kept(tmp_path: Path, intents: IntentClassifier) -> None:
    kept = today().replace(day=1) - dt.timedelta(days=1)  # the last day of last month, by the calendar
    orders = [
        order_row("ORD-72001", "g1", "returned", [BOOTS], (kept - dt.timedelta(days=1)).isoformat()),
        order_row("ORD-72002", "g1", "delivered", [BOOTS, SHIRT], kept.isoformat()),
        order_row("ORD-72003", "g1", "delivered", [BOOTS], days_ago(200).isoformat()),
    ]
    guest = {"id": "g1", "name": "Elena", "email": "e@example.org", "membership": "guest"}
    shop = demo_assistant(tmp_path, intents, [guest], orders)
    reply = await ask(shop, "can i return the boots i got last month?", "g1")
    assert "ORD-72002" in reply.text and "ORD-72001" not in reply.text and "ORD-72003" not in reply.text
    assert "As a guest, your return window is 30 days from the purchase date" in reply.text
    assert "exact purchase date decides" not in reply.text
    if (today() - kept).days <= 30:
        assert "so you are still within it" in reply.text and f"until {kept + dt.timedelta(days=30):%A}" in reply.text
    old = await ask(shop, "can i still return the boots i bought in " + f"{days_ago(200):%B}".lower() + "?", "g1")
    assert "ORD-72003" in old.text and "so it has passed" in old.text  # near miss: a month named, as before


async def test_two_orders_of_last_week_each_answered(tmp_path: Path, intents: IntentClassifier) -> None:
    orders = [
        order_row("ORD-73001", "g2", "delivered", [SHIRT], days_ago(7).isoformat()),
        order_row("ORD-73002", "g2", "delivered", [FLANNEL], days_ago(10).isoformat()),
    ]
    shop = demo_assistant(tmp_path, intents, [{"id": "g2", "name": "Ethan", "membership": "guest"}], orders)
    reply = await ask(shop, "can I return the shirt I bought last week", "g2")
    assert "ORD-73001" in reply.text and "ORD-73002" in reply.text
    assert "30 days from the purchase date, so you are still within it for each of them" in reply.text


async def test_no_level_on_the_account_is_a_guest(tmp_path: Path, intents: IntentClassifier) -> None:
    orders = [order_row("ORD-74001", "n1", "delivered", [BOOTS], days_ago(45).isoformat())]
    shop = demo_assistant(tmp_path, intents, [{"id": "n1", "name": "Noor", "email": "n@example.org"}], orders)
    reply = await ask(shop, "can i still return the boots i got last month", "n1")
    assert "ORD-74001" in reply.text and "As a guest, your return window is 30 days" in reply.text
    assert "so it has passed" in reply.text and "Bronze" not in reply.text
    anon = await ask(shop, "can i still return boots i bought 45 days ago?")  # near miss: no account, every level
    assert "depends on your membership level" in anon.text
