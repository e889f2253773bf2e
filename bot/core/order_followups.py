"""A follow-up about the order under discussion that asks for another size: "actually can I swap it for an L
instead?" after "can I still return the puffer coat I got in July?". The item is the one the conversation was
about (the order's only item, or the one the shopper's last question named); the answer is the shop's exchange
rule (same product, other size or colour, within the return window, free), that size's stock from the listing,
and a person to start it: nothing is claimed done."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Sequence
from typing import Any

from bot.core.lookups import products_by_sku
from bot.core.referent import followup_size
from bot.core.sentences import split_sentences
from bot.core.turn import HANDOFF_BUTTON, Turn, hit_source, passage, product_source
from bot.domain import Author, Flag, Hit, Intent, OrderAspect, Reply, Request, RequestKind

Search = Callable[[str], list[Hit]]
GetOrder = Callable[[str], dict[str, Any] | None]

SWAP = re.compile(r"\b(?:swap|exchange|switch|change)\b(?:\s+\w+){0,3}\s+(?:for|to|into)\b", re.I)
A_SIZE = re.compile(
    r"\b(?:for|to|into)\s+(?:an?\s+|the\s+|size\s+)?(xxs|xs|s|m|l|xl|xxl|small|medium|large|\d{1,2}(?:\.5)?)\b", re.I
)
SIZE_WORDS = {"small": "S", "medium": "M", "large": "L"}
# a question about the product itself ("how do I wash it?", "is it warm?"), asked with a pronoun
ITEM_FACT = re.compile(
    r"\b(?:wash|washing|clean|care|dryer|tumble|iron|made of|material|fabric|warm|waterproof|lined|stretchy|shrink)\b",
    re.I,
)
PRONOUN = re.compile(r"\b(it|them|they|this|that)\b", re.I)
EXCHANGE_QUERY = "Can I exchange an item for a different size or color?"
_STOP = {
    "still",
    "return",
    "order",
    "from",
    "with",
    "that",
    "this",
    "bought",
    "ordered",
    "back",
    "send",
    "have",
    "what",
}


def _items(order: dict[str, Any]) -> list[dict[str, Any]]:
    items = order.get("items") or []
    if isinstance(items, str):
        try:
            items = json.loads(items)
        except ValueError:
            return []
    return [i for i in items if isinstance(i, dict)]


def _named_item(items: list[dict[str, Any]], said: Sequence[str]) -> dict[str, Any] | None:
    """The order's only item, or the one whose name the shopper's recent words name best (no tie)."""
    if len(items) == 1:
        return items[0]
    for text in said:
        words = {w for w in re.findall(r"[a-z]{4,}", text.lower())} - _STOP
        scores = [len(words & set(re.findall(r"[a-z]{4,}", str(i.get("name", "")).lower()))) for i in items]
        best = max(scores, default=0)
        if best and scores.count(best) == 1:
            return items[scores.index(best)]
    return None


def _asked_size(text: str) -> str | None:
    m = A_SIZE.search(text)
    if m:
        size = m.group(1)
        return SIZE_WORDS.get(size.lower()) or (size.upper() if not size[0].isdigit() else size)
    return followup_size(text)


def _rule(search: Search) -> tuple[str, Hit | None]:
    """The shop's exchange rule: its sentences on the same product, the window and the free replacement."""
    for hit in search(EXCHANGE_QUERY)[:4]:
        if hit.passage.metadata.get("sku"):
            continue
        text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", passage(hit)["text"])  # "[Returns Policy](returns.md)"
        said = [s for s in split_sentences(text.replace("\n", " ")) if re.search(r"\bexchange|\bExchanges are free", s)]
        said = [s.replace("**", "").strip() for s in said if not s.endswith("?")][:2]
        if said:
            return " ".join(said), hit
    return "", None


def exchange_rule(search: Search) -> tuple[str, Hit | None]:
    """The exchanges page's rule (its same-product, window and free-replacement sentences) and its passage."""
    return _rule(search)


def _back_order(search: Search) -> str:
    """ " If the replacement is out of stock we can back-order it ... or we refund the item instead." (the exchanges
    page's own sentence), or '' when the pages do not say it."""
    for hit in search("What if the size I want for an exchange is out of stock? back-order or refund")[:4]:
        if hit.passage.metadata.get("sku"):
            continue
        text = re.sub(r"\*\*|__", "", passage(hit)["text"]).replace("\n", " ")
        found = next((s for s in split_sentences(text) if re.search(r"\bback-?order\b", s, re.I)), "")
        if found:
            return f" {found.strip()}"
    return ""


def _order_item(
    turn: Turn, text: str, catalog: Sequence[dict[str, Any]], get_order: GetOrder | None
) -> tuple[dict[str, Any], dict[str, Any], dict[str, Any]] | None:
    """(order, item, product) of the order the bot just talked about, and the item this message is about."""
    state = turn.state
    if get_order is None or not state.order_id:
        return None
    last = next((str(m.get("text", "")) for m in reversed(turn.history) if m.get("direction") == "out"), "")
    if state.order_id not in last:
        return None  # the order is not what the bot just talked about
    order = get_order(state.order_id)
    if order is None or order.get("customer_id") != turn.customer.get("id"):
        return None
    earlier = [str(m.get("text", "")) for m in reversed(turn.history) if m.get("direction") == "in"][:2]
    item = _named_item(_items(order), [text, *earlier])
    product = products_by_sku(catalog, [str(item.get("sku"))]).get(str(item.get("sku"))) if item else None
    return (order, item, product) if item is not None and product is not None else None


def with_order_item(text: str, turn: Turn, catalog: Sequence[dict[str, Any]], get_order: GetOrder | None) -> str | None:
    """ "how do I wash it?" after an answer about the shopper's order: asked of the item ("how do I wash the X?")."""
    if turn.state.skus or not ITEM_FACT.search(text) or not PRONOUN.search(text) or len(text.split()) > 12:
        return None
    found = _order_item(turn, text, catalog, get_order)
    if found is None:
        return None
    return PRONOUN.sub(f"the {found[2]['name']}", text, count=1)


def exchange_reply(
    turn: Turn, text: str, catalog: Sequence[dict[str, Any]], search: Search, get_order: GetOrder | None
) -> tuple[Reply, Request] | None:
    """ "can I swap it for an L instead?" about the order under discussion, or None."""
    size = _asked_size(text)
    if not SWAP.search(text) or size is None:
        return None
    found = _order_item(turn, text, catalog, get_order)
    if found is None:
        return None
    order, _item, product = found
    if str(order.get("status") or "").lower() != "delivered":
        return None  # not yet with the shopper: a change to the order, the order desk's
    rule, hit = _rule(search)
    if not rule:
        return None
    name, stock = product["name"], product.get("stock") or {}
    if size not in [str(s) for s in product.get("sizes") or []]:
        have = f"The {name} doesn't come in size {size}."
    elif int(stock.get(size) or 0) > 0:
        have, rule = f"Size {size} of the {name} is in stock.", f"Yes. {rule}"
    else:
        have = f"Size {size} of the {name} is sold out right now, so it can't be exchanged for that size today."
        have += _back_order(search)
    said = (
        f"{rule} {have} The {name} is on your order {order['order_id']}. A person from our team starts the exchange "
        "(they reserve the replacement and e-mail you a prepaid return label); would you like me to connect you?"
    )
    oid = str(order["order_id"])
    sources = [{"title": f"Order {oid}", "source": "orders", "doc_id": f"order:{oid}"}, product_source(product)]
    sources += [hit_source(hit)] if hit is not None else []
    reply = Reply(
        text=said,
        sources=sources,
        buttons=[HANDOFF_BUTTON],
        flags={Flag.FROM_DATA, Flag.ORDER},
        intent=Intent.RETURNS_REFUNDS,
        confidence=0.9,
    )
    reply.author = Author.TEMPLATE
    req = Request(RequestKind.OWN_ORDER, text, aspects=[OrderAspect.STATUS], order_ids=[order["order_id"]])
    req.followup = True
    return reply, req
