""" "Can I send back the socks I got in my last delivery? wrong color": a known shopper asks to return an item of
theirs that the returns page says cannot be returned ("Socks, monogrammed (name-stitched) items and hemmed jeans
cannot be returned unless they arrived damaged or defective"), for a reason that is not the page's exception.

The answer is no for that item, the page's rule quoted, and what the shopper can still do: the order's other items
within their return window (their level's window read from the returns table, counted from the order's date), and a
person when they think it arrived as the exception says. The kinds, the rule and its exception are read at run time
from the page (`unreturnable.unreturnable_rules`); the item is one of the shopper's shipped or delivered orders whose
name holds the kind the shopper names ("sock" in "Fulton Crew Socks 3-Pack"). A message that says the item is
damaged, defective, torn or stained, or that the shop sent the wrong thing, is a complaint and goes as before."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from bot.core.ports import KnowledgePort, StorePort
from bot.core.shop_day import shop_today
from bot.core.slot_table import item_key
from bot.core.turn import Turn, hit_source, order_source
from bot.core.unreturnable import unreturnable_rules
from bot.domain import Author, Flag, Intent, IntentPrediction, Reply, Request

ASKS_BACK = re.compile(
    r"\b(?:can|could|may|want|wanna|like|need|how (?:do|can|could) i|is it (?:ok(?:ay)?|possible) to|allowed to)\b"
    r"[^?.!]{0,30}\b(?:return|send\b[^?.!]{0,50}\bback|take\b[^?.!]{0,30}\bback|get a refund)",
    re.I,
)
# the page's exception or a shop error: a complaint, answered with an apology and a person as before
DEFECT = re.compile(
    r"\b(?:damag\w*|defect\w*|broken|broke|rip(?:ped|s)?|torn|tore|tears?|holes?|stain\w*|faulty|fell apart|falling "
    r"apart|came apart|unravel\w*|frayed|moldy|dirty|used)\b"
    r"|\b(?:wrong (?:item|product|thing|order)|not what i (?:ordered|bought)|(?:sent|gave|shipped)\s+(?:me\s+)?"
    r"(?:the\s+)?wrong|(?:didn'?t|did not|never) order)",
    re.I,
)
REASON = re.compile(
    r"\b(?:wrong|don'?t|doesn'?t|didn'?t|do not|does not|not)\s+(?:\w+\s+)?(?:colou?r|size|fit|like|want|need|match)\w*"
    r"|\b(?:too (?:big|small|tight|loose|long|short)|changed my mind|ugly)\b",
    re.I,
)
SENT = ("delivered", "shipped", "out for delivery")


def only_a_reason(text: str) -> bool:
    """A return asked with the shopper's own reason ("wrong color", "doesn't fit"), not a defect or a shop error."""
    return bool(ASKS_BACK.search(text) and REASON.search(text) and not DEFECT.search(text))


def unreturnable_reply(
    kb: KnowledgePort, store: StorePort, turn: Turn, req: Request, text: str, pred: IntentPrediction
) -> Reply | None:
    """The no for the item and what the shopper can still do, or None when this is no such question."""
    if not turn.known_customer or not turn.customer.get("id") or not ASKS_BACK.search(text) or DEFECT.search(text):
        return None
    said = set(item_key(text).split())
    rules, hit = unreturnable_rules(kb)
    asked = [(kinds, rule) for kinds, rule in rules if any(k and set(k.split()) <= said for k in kinds)]
    if not asked:
        return None
    kinds, rule = asked[0]
    orders = sorted(store.orders_for(turn.customer["id"]), key=lambda o: str(o.get("date", "")), reverse=True)
    if req.order_ids:
        orders = [o for o in orders if o["order_id"] in req.order_ids]
    named = [k for k in kinds if k and set(k.split()) <= said]
    order = next((o for o in orders if str(o.get("status")) in SENT and _kept(o, named)), None)
    if order is None:
        return None
    kept = _kept(order, named)
    others = [i for i in order.get("items") or [] if i not in kept]
    own = {w for i in kept for w in item_key(str(i.get("name") or "")).split()}
    if any(said & (set(item_key(str(i.get("name") or "")).split()) - own) for i in others):
        return None  # "the socks and the jeans": the window, with the socks' rule beside it (return_window)
    they = "they" if len(kept) > 1 or re.search(r"s\b", str(kept[0].get("name") or "")) else "it"
    reason = " for that reason" if REASON.search(text) else ""
    parts = [
        f"No, the {_names(kept)} from your order {order['order_id']} can't be returned{reason}. "
        f'Our returns policy says: "{rule}"'
    ]
    sources = [order_source(order), hit_source(hit)] if hit is not None else [order_source(order)]
    if others:
        line, window_hit = _others_line(kb, turn, order, others)
        parts.append(line)
        if window_hit is not None and hit_source(window_hit) not in sources:
            sources.append(hit_source(window_hit))
    exception = re.search(r"\bunless\s+(?:they|it)\s+(?P<c>[^.]+)", rule, re.I)
    if exception:
        parts.append(
            f"If you think {they} {exception.group('c')}, a person from our team can look at it with you; "
            "would you like me to connect you?"
        )
    return Reply(
        text=" ".join(parts),
        sources=sources[:4],
        flags={Flag.FROM_DATA},
        intent=Intent.RETURNS_REFUNDS,
        confidence=max(pred.confidence, 0.9),
        author=Author.TEMPLATE,
    )


def _kept(order: dict[str, Any], kinds: list[str]) -> list[dict[str, Any]]:
    """The order's items whose name holds every word of one of the kinds."""
    return [
        i
        for i in order.get("items") or []
        if any(set(k.split()) <= set(item_key(str(i.get("name") or "")).split()) for k in kinds)
    ]


def _names(items: list[dict[str, Any]]) -> str:
    names = [str(i.get("name") or i.get("sku")) for i in items]
    return names[0] if len(names) == 1 else ", the ".join(names[:-1]) + " and the " + names[-1]


def _others_line(kb: KnowledgePort, turn: Turn, order: dict[str, Any], others: list[dict[str, Any]]) -> tuple[str, Any]:
    """The order's other items and the shopper's return window for them, counted from the order's date."""
    listed = ", ".join(f"{int(i.get('qty') or 1)} x {i.get('name') or i.get('sku')}" for i in others)
    several = len(others) > 1 or int(others[0].get("qty") or 1) > 1
    head = f"The other item{'s' if len(others) > 1 else ''} in that order ({listed})"
    from bot.core.return_window import read_windows  # it asks only_a_reason of this module

    windows, hit = read_windows(kb)
    tier = str(turn.customer.get("membership") or "").lower()
    w = windows.get(tier)
    try:
        placed = dt.date.fromisoformat(str(order.get("date", ""))[:10])
    except ValueError:
        placed = None
    them = "them" if several else "it"
    if w is None or placed is None:
        return f"{head} can be returned within your return window if you ask; just tell me if you'd like to.", None
    who = f"as a {w.tier} member your return window is {w.words} from the purchase date"
    if w.days is None:
        return f"{head} can still be returned: {who}. Just tell me if you'd like to send {them} back.", hit
    last = placed + dt.timedelta(days=w.days)
    day = f"{last:%A}, {last:%B} {last.day}, {last.year}"
    if shop_today() > last:
        return f"{head}: {who}, so it has passed (it ended on {day}).", hit
    return f"{head} can still be returned until {day} ({who}). Just tell me if you'd like to send {them} back.", hit
