"""Questions about the shopper's own order that the conversation has already named (#9), answered from that order
instead of "which one do you mean?" or a general rule:

- "lol i keep buying that exact dress. how many times have i ordered it now? and is medium still in stock?" after an
  answer about her order with the Gap Dover slip dress: the orders of hers that hold that very product (its SKU),
  and the product's stock in the size asked. "that/this/the same/it" is the item of the order under discussion
  (of the kind said, when the order holds several); with no order under discussion, the one product of theirs the
  words name. Nothing is answered when the words fit several products ("how many dresses have I bought?").
- "could I take it as store credit instead? is that quicker?" after an answer about returning an item of their order:
  yes, the refunds page's way to receive it chosen instead, and (a speed asked) the page's timing of that way beside
  the original payment method's, with how that order was paid."""

from __future__ import annotations

import re
from typing import Any

from bot.core.answers import product_answer
from bot.core.lookups import SkuMap, asked_size
from bot.core.ordered_items import item_words, said_item_words
from bot.core.policy_tables import find
from bot.core.ports import KnowledgePort, StorePort
from bot.core.refund_timing import timing_lines
from bot.core.turn import HANDOFF_BUTTON, Turn, hit_source, order_source, product_source
from bot.domain import Author, Flag, Hit, Intent, IntentPrediction, Reply

TIMES = re.compile(
    r"\bhow (?:many times|often)\b[^?.!]{0,30}\b(?:i|we)\b(?:\s+\w+){0,2}?\s+"
    r"(?:order(?:ed)?|bought|buy|purchased?|got|get|gotten)\b",
    re.I,
)
# the item named by pointing back: "that exact dress", "this one", "the same", "it", "them"
POINTS_BACK = re.compile(r"\b(?:it|that|this|these|those|them|same|again)\b", re.I)
STOCK = re.compile(r"\b(?:in stock|stock|available|left|sold out|still have|restock\w*)\b", re.I)
SIZE_THEN_STOCK = re.compile(
    r"\b(xxs|xs|xxl|xl|small|medium|large|\d{1,2}(?:\.5)?|[sml])\s+(?:still\s+)?(?:in stock|available|left|sold out)\b",
    re.I,
)
SIZE_WORDS = {"small": "S", "medium": "M", "large": "L"}
# the refund taken another way: "could I take it as store credit instead?", "can I get a gift card instead"
WAY_ASKED = re.compile(
    r"\b(?:as|in|for|get|getting|take|took|taking|have|want|prefer|choose|chose|choosing|receive|into|to|use|pick|opt for)"
    r"\s+(?:a\s+|the\s+)?"
    r"(?P<way>store credit|gift ?card|paper check|check|cheque)\b",
    re.I,
)
INSTEAD = re.compile(r"\binstead\b|\brather\b|\b(?:it|that|the refund|my refund|the money|my money)\b", re.I)
QUICK = re.compile(r"\b(?:quick\w*|fast\w*|sooner|soon|how long|right away|immediate\w*|when)\b", re.I)
OTHER_ORDER = re.compile(r"\b(?:another|other|different) order\b|\bORD-\d+\b", re.I)
TO_COME = ("delivered", "shipped", "out for delivery")  # a return of it is still to come: the refund's way is open
WAYS = {"store credit": "Store credit", "gift card": "Gift card", "giftcard": "Gift card", "paper check": "Paper check"}
WAYS |= {"check": "Paper check", "cheque": "Paper check"}
METHODS = "How will I get my money back? choose how to receive your refund: original card, store credit"
WAY_LINE = re.compile(r"^(?P<way>[A-Z][a-z]+(?: [a-z]+)?)\s+[–-]\s+(?P<says>.+)$")


def discussed_reply(store: StorePort, kb: KnowledgePort, turn: Turn, text: str, pred: IntentPrediction) -> Reply | None:
    """The answer about the order or item the conversation is on, or None when the message is not one of these."""
    if not turn.known_customer or not turn.customer.get("id"):
        return None
    if TIMES.search(text):
        return times_ordered(store, kb, turn, text, pred)
    if WAY_ASKED.search(text) and INSTEAD.search(text) and turn.state.order_id and not OTHER_ORDER.search(text):
        order = store.get_order(turn.state.order_id)
        if order and order.get("customer_id") == turn.customer["id"] and str(order.get("status")) in TO_COME:
            return way_instead(kb, order, text, pred)
    return None


def times_ordered(store: StorePort, kb: KnowledgePort, turn: Turn, text: str, pred: IntentPrediction) -> Reply | None:
    """How many of their orders hold the product named (or pointed back to), each listed; its stock if asked."""
    own = sorted(store.orders_for(turn.customer["id"]), key=lambda o: str(o.get("date", "")), reverse=True)
    by_sku = SkuMap(kb.products())
    sku = referent_sku(text, own, turn.state.order_id, by_sku)
    if sku is None:
        return None
    held = [o for o in own if any(str(i.get("sku")) == sku for i in o.get("items") or [])]
    pieces = sum(int(i.get("qty") or 1) for o in held for i in o.get("items") or [] if str(i.get("sku")) == sku)
    product = by_sku.get(sku)
    name = str(product["name"]) if product else next(str(i.get("name")) for i in held[0]["items"] if i["sku"] == sku)
    times = "once" if len(held) == 1 else f"{len(held)} times"
    listing = ", ".join(f"{o['order_id']} on {str(o.get('date', ''))[:10]} ({o.get('status')})" for o in held)
    said = [f"You have ordered the {name} {times}: {listing}."]
    if pieces != len(held):
        said.append(f"That is {pieces} pieces in all.")
    if product is not None and STOCK.search(text):
        said.append(product_answer(product, "is it in stock", size=_size_asked(text)))
    sources = ([product_source(product)] if product else []) + [order_source(o) for o in held]
    return Reply(
        text=" ".join(said),
        sources=sources[:4],
        flags={Flag.STRUCTURED, Flag.ORDER},
        intent=Intent.ORDER_STATUS,
        confidence=max(pred.confidence, 0.9),
        author=Author.TEMPLATE,
    )


def referent_sku(
    text: str, own: list[dict[str, Any]], discussed: str | None, by_sku: SkuMap | dict[str, dict[str, Any]]
) -> str | None:
    """The one product the message means: the item of the order under discussion it points back to (of the kind
    said), else the one product of theirs its words name; None when that is not one product."""
    lines = [(o, i, item_words(i, by_sku.get(str(i.get("sku")), {}))) for o in own for i in o.get("items") or []]
    said = set(said_item_words(text, {w for _o, _i, ws in lines for w in ws}))
    if discussed and (POINTS_BACK.search(text) or not said):
        here = [(i, ws) for o, i, ws in lines if o["order_id"] == discussed]
        fits = {str(i.get("sku")) for i, ws in here if not said or said & ws}
        if len(fits) == 1:
            return fits.pop()
    if not said:
        return None
    best = max((len(said & ws) for _o, _i, ws in lines), default=0)
    named = {str(i.get("sku")) for _o, i, ws in lines if best and len(said & ws) == best}
    return named.pop() if len(named) == 1 else None


def _size_asked(text: str) -> str | None:
    if (size := asked_size(text)) is not None:
        return size
    m = SIZE_THEN_STOCK.search(text)
    return SIZE_WORDS.get(m.group(1).lower(), m.group(1).upper()) if m else None


def way_instead(kb: KnowledgePort, order: dict[str, Any], text: str, pred: IntentPrediction) -> Reply | None:
    """Yes, the refund can come that way (the refunds page's line for it); the timing of that way and of the
    original payment method when a speed is asked. None when the page does not list the way."""
    m = WAY_ASKED.search(text)
    way = WAYS.get(re.sub(r"\s+", " ", m.group("way").lower())) if m else None
    page = find(kb, METHODS, r"\bStore credit\b")
    lines = {w.group("way"): w.group("says") for s in page.sentences if (w := WAY_LINE.match(s))}
    if way is None or way not in lines:
        return None
    article = "" if way == "Store credit" else "a "
    said = [f"Yes, you can choose to receive your refund as {article}{way.lower()} instead: {lines[way]}"]
    hits: list[Hit] = [page.hit] if page.hit else []
    if QUICK.search(text):
        timing = find(kb, "How long does a refund take? store credit appears immediately", r"\bStore credit appears\b")
        quick = timing.first(r"^Store credit appears")
        found = timing_lines(kb)
        if not quick or found is None:
            return None
        paid = str(order.get("payment_method") or "")
        card = lines.get("Original card", "")
        back = f", and a refund the original way goes {card.rstrip('.')}" if card.startswith("back to") else ""
        if re.search(r"pay ?pal", paid, re.I) and re.search(r"refunded to PayPal", card):
            paid, back = "PayPal", ", so a refund the original way goes back to PayPal"
        said += [quick, f"Your order {order['order_id']} was paid by {paid}{back}." if paid else "", *found[0]]
        hits += [timing.hit] if timing.hit else []
    return Reply(
        text=" ".join(s for s in said if s),
        sources=[order_source(order)] + [hit_source(h) for h in hits[:2]],
        buttons=[HANDOFF_BUTTON],
        flags={Flag.STRUCTURED, Flag.ORDER, Flag.FROM_DATA},
        intent=Intent.RETURNS_REFUNDS,
        confidence=max(pred.confidence, 0.9),
        author=Author.TEMPLATE,
    )
