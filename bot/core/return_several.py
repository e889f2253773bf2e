"""Can I still return it? when the item is in several of the known customer's orders: when every one of them is
inside the shopper's window (a Gold member's has no time limit), the answer is the same for all, so it is given for
all of them instead of asking which order; a time said ("the shirt I bought last week") keeps the orders of that
time. When some are past it, each order's date decides, and the question goes
the usual way (the order desk asks which one)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from bot.core.ordered_items import match_orders
from bot.core.ports import KnowledgePort, StorePort
from bot.core.return_window import (
    ASKS_RETURN,
    NOT_ASKED,
    PASSED,
    read_windows,
    receipt_said,
    stated_tier,
    verdict,
    window_state,
)
from bot.core.shop_day import shop_today
from bot.core.turn import Turn, hit_source, order_source
from bot.domain import Author, Flag, Intent, IntentPrediction, Reply, Request

MOST = 5  # more orders than this holding the item: ask which


def several_orders_reply(
    store: StorePort,
    kb: KnowledgePort,
    turn: Turn,
    req: Request,
    pred: IntentPrediction,
    by_sku: Mapping[str, dict[str, Any]],
    *,
    today: dt.date | None = None,
) -> Reply | None:
    """The window's verdict for every order of theirs that holds the item named, when it is the same for all."""
    text = req.text
    if req.kind in NOT_ASKED or req.order_ids or not ASKS_RETURN.search(text) or not turn.known_customer:
        return None
    today = today or shop_today()
    if PASSED.search(text):
        return None  # "my window is over": the rule for returns outside it, the usual way
    orders = sorted(store.orders_for(turn.customer["id"]), key=lambda o: str(o.get("date", "")), reverse=True)
    found = match_orders(text, orders, by_sku, today=today)
    held = [o for o in (found[0] if found else []) if str(o.get("status")) not in ("returned", "cancelled")]
    if not 2 <= len(held) <= MOST:
        return None
    tier = stated_tier(text, turn.customer, turn.known_customer)
    windows, hit = read_windows(kb)
    if tier is None or tier not in windows:
        return None
    ages = [float((today - dt.date.fromisoformat(str(o.get("date", ""))[:10])).days) for o in held]
    span = (min(ages), max(ages))
    if window_state(windows[tier], span) != "inside":
        return None  # past for some or all: each order's date (and the rule outside the window) the usual way
    listing = "; ".join(f"{o['order_id']} from {str(o.get('date', ''))[:10]}" for o in held)
    parts = [f"These orders of yours hold it: {listing}."]
    parts += [
        s.replace("so you are still within it", "so you are still within it for each of them")
        for s in verdict(windows, tier, span, receipt_said(text), "")
    ]
    return Reply(
        text=" ".join(parts),
        sources=[order_source(o) for o in held[:3]] + ([hit_source(hit)] if hit is not None else []),
        flags={Flag.FROM_DATA, Flag.ORDER},
        intent=Intent.RETURNS_REFUNDS if pred.intent == Intent.OUT_OF_SCOPE else pred.intent,
        confidence=max(pred.confidence, 0.9),
        author=Author.TEMPLATE,
    )
