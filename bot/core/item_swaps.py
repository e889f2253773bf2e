"""Swapping an item of the shopper's own order for another size or colour ("the parka from my last order is too
small, can I swap it for a medium?", "change one of the rain jackets in my order to black in M").

What the order's state allows, from the order policy: before it ships an item's size or colour can still be
changed; once shipped nothing can be changed, and once delivered an exchange within the return window (the
shopper's level, counted from the purchase date) is free. Beside it, the stock of the size wanted. Nothing is done
or promised: a person from the team makes the change."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from bot.core.lookups import asked_size
from bot.core.order_pick import SAID_HOLIDAY
from bot.core.ordered_items import item_words, words_of
from bot.core.return_window import read_windows, stated_tier, verdict
from bot.core.shop_day import shop_today
from bot.core.turn import HANDOFF_BUTTON, Turn, hit_source, order_source
from bot.domain import Author, Flag, Intent, Reply, Request, RequestKind

if TYPE_CHECKING:
    from bot.core.order_desk import OrderDesk

# colours a shopper may ask for that a product may lack (its own colours are read from the product)
PALETTE = (
    "black",
    "white",
    "navy",
    "red",
    "blue",
    "green",
    "grey",
    "gray",
    "olive",
    "brown",
    "beige",
    "pink",
    "yellow",
    "khaki",
    "camel",
    "charcoal",
    "cream",
    "tan",
    "burgundy",
    "purple",
    "orange",
    "oatmeal",
    "stone",
    "ivory",
)


_WANTED = rf"(?:size|xs|s|m|l|xl|xxl|small|medium|large|\d{{1,2}}(?:\.5)?|{'|'.join(PALETTE)})"
# "swap it", "change them to oatmeal", "could I get it in grey instead?": another size or colour of an ordered item
SWAP = re.compile(
    rf"\b(?:swap|exchange|switch)\b|\bchange\b[^?.!]{{0,60}}\b(?:to|into|for)\b[^?.!]{{0,30}}\b{_WANTED}\b"
    rf"|\bin (?:an? |size )?{_WANTED} instead\b"
    r"|\b(?:change|different|another|other|bigger|smaller|larger)\b[^?.!]{0,20}\b(?:size|colou?r)\b",
    re.I,
)
# the size or colour wanted said apart from the ask ("I ordered it in L but I need a medium. can I change it?")
NEEDED = re.compile(
    rf"\b(?:need|needed|want|wanted|meant|should have (?:got|gotten|ordered|picked)|prefer|rather have)\b"
    rf"[^?.!]{{0,20}}\b(?:an? |size |the )?{_WANTED}\b",
    re.I,
)
CHANGE_IT = re.compile(
    r"\b(?:change|fix|correct|amend)\b|\bcan (?:that|it|this) (?:still )?be (?:changed|fixed)\b", re.I
)
SIZE_WORDS = {"small": "S", "medium": "M", "large": "L", "extra large": "XL", "x-large": "XL"}
OPEN = ("placed", "processing")
ON_ITS_WAY = ("shipped", "out for delivery")
ITEM_RULE = "change an item, its size or its color"
PERSON = "A person from our team can make the change for you; would you like me to connect you?"
AFTER = "A person from our team can help you with what to do next; would you like me to connect you?"


# "switch it to overnight shipping": the delivery speed changes, not an item
SPEED_ONLY = re.compile(
    r"\b(?:swap|switch|change|exchange)\b[^?.!]{0,30}\b(?:to|for|into)\s+(?:an?\s+|the\s+)?"
    r"(?:overnight|express|standard|economy|faster|next[- ]day)\b",
    re.I,
)


def asks_swap(req: Request) -> bool:
    """ "swap it for a medium", "can I change the size?", "I got an L but I need a medium, can I change it?"; not
    "switch it to overnight shipping" unless a size or colour is asked too."""
    if SPEED_ONLY.search(req.text) and wanted_size(req.text) is None and not _colour_said(req.text):
        return False
    return bool(SWAP.search(req.text) or (CHANGE_IT.search(req.text) and NEEDED.search(req.text)))


def swaps_own_item(turn: Turn, req: Request) -> bool:
    """A known customer's own-order item asked in another size or colour ("exchange the sweater I got on halloween
    for a medium"): the order's state and the stock answer it, not the return window alone."""
    if not turn.known_customer or req.kind != RequestKind.OWN_ORDER or not asks_swap(req):
        return False
    return wanted_size(req.text) is not None or _colour_said(req.text)


def _colour_said(text: str) -> bool:
    return bool(re.search(rf"\b(?:{'|'.join(PALETTE)})\b", SAID_HOLIDAY.sub(" ", text), re.I))


def wanted_size(text: str, ordered: str = "") -> str | None:
    """The size asked for: "for a medium", "in size M", "to an L", "I need a 26"; not the size already ordered
    when another is named ("it came in L but I need a medium")."""
    said = [
        SIZE_WORDS.get(m.group(1).lower(), m.group(1).upper())
        for m in re.finditer(
            r"\b(?:for|to|into|in|need|needed|want|wanted|meant|got|get|have|prefer)\s+(?:an?\s+|size\s+|the\s+)?"
            r"(extra large|x-large|small|medium|large|xxs|xs|xxl|xl|s|m|l|\d{1,2}(?:\.5)?)\b",
            text,
            re.I,
        )
    ]
    others = [z for z in said if z != ordered.upper()]
    if others or said:
        return (others or said)[-1]
    return asked_size(text)


def swap_reply(desk: OrderDesk, turn: Turn, req: Request, order: dict[str, Any], by_sku: Mapping[str, Any]) -> Reply:
    """The order's item, what its state allows, and the stock of the size or colour wanted; a person does it."""
    item = _the_item(req.text, order, by_sku)
    product = by_sku.get(str(item.get("sku")), {}) if item else {}
    oid, status = order["order_id"], str(order.get("status") or "")
    what = f"{item.get('name')} ({item.get('size')}, {item.get('color')})" if item else "the item"
    parts = [f"Your order {oid} from {str(order.get('date', ''))[:10]} is {status}; it holds {what}."]
    sources = [order_source(order)]
    if status in OPEN:
        parts.append(desk_rule(desk, sources))
    elif status in ON_ITS_WAY:
        parts += _quoted(desk, "once the order has shipped the address items can no longer be changed", sources)
        parts.append("Once it arrives, you can exchange it within your return window.")
    elif status == "delivered":
        parts += _window(desk, turn, order)
        parts += _quoted(desk, "exchanges are free replacement standard shipping no charge", sources)
    else:
        parts.append(f"That order is already {status}, so it can't be changed or exchanged.")
    if product and status in OPEN + ON_ITS_WAY + ("delivered",):
        ordered = (str(item.get("color") or ""), str(item.get("size") or "")) if item else ("", "")
        stock = _stock_line(req.text, product, *ordered)
        parts += [stock, _back_order(desk, sources) if "sold out" in stock else ""]
    parts.append(AFTER if status in ON_ITS_WAY else PERSON)
    return Reply(
        text=" ".join(p for p in parts if p),
        sources=sources[:4],
        buttons=[HANDOFF_BUTTON],
        flags={Flag.STRUCTURED, Flag.ORDER},
        intent=Intent.ORDER_CHANGE,
        confidence=0.9,
        author=Author.TEMPLATE,
    )


def desk_rule(desk: OrderDesk, sources: list[dict[str, str]]) -> str:
    """The order policy's rule for an order not shipped yet, when its page says so."""
    hits = desk.kb.search("what can I change while my order is placed or processing: change an item, its size", k=4)
    hit = next((h for h in hits if ITEM_RULE in h.passage.text), None)
    if hit is None:
        return "A person from our team can tell you what can still be changed."
    sources.append(hit_source(hit))
    return f"Our policy: while your order is placed or processing (not yet shipped) you can {ITEM_RULE}."


def _quoted(desk: OrderDesk, query: str, sources: list[dict[str, str]]) -> list[str]:
    groups: list[tuple[str, ...]] = (
        [("items", "no longer be changed"), ("no longer be changed",)]
        if "shipped" in query
        else [("exchanges are free",)]
    )
    quotes, hits = desk.policy_quotes(query, groups)
    sources += [hit_source(h) for h in hits[:1] if hit_source(h) not in sources]
    return [f"Our policy: {quotes[0]}"] if quotes else []


def _window(desk: OrderDesk, turn: Turn, order: dict[str, Any]) -> list[str]:
    """Whether the purchase is still inside the shopper's return window (exchanges share it)."""
    windows, _hit = read_windows(desk.kb)
    tier = stated_tier("", turn.customer, turn.known_customer)
    try:
        placed = dt.date.fromisoformat(str(order.get("date", ""))[:10])
    except ValueError:
        return []
    if not windows or tier is None:
        return []
    age = float((shop_today() - placed).days)
    said = verdict(windows, tier, (age, age), None, "")
    return [s.replace("your return window", "your return (and exchange) window", 1) for s in said[:1]]


def _the_item(text: str, order: dict[str, Any], by_sku: Mapping[str, Any]) -> dict[str, Any] | None:
    """The order line the shopper names (the one whose name shares most words with the message)."""
    items = list(order.get("items") or [])
    said = set(words_of(text))
    scored = [(len(item_words(i, by_sku.get(str(i.get("sku")), {})) & said), n, i) for n, i in enumerate(items)]
    best = max(scored, default=None, key=lambda t: (t[0], -t[1]))
    return best[2] if best else None


def wanted_colours(text: str, product: Mapping[str, Any], ordered: str = "") -> list[str]:
    """The colours the shopper wants, as they appear: the product's own colour names or a common one, never the
    colour already ordered when another is named ("to black instead of olive")."""
    own = [str(c) for c in product.get("colors") or []]
    names = sorted(
        dict.fromkeys(own + [c for c in PALETTE if c not in (o.lower() for o in own)]), key=len, reverse=True
    )
    found: list[tuple[int, str]] = []
    text = SAID_HOLIDAY.sub(lambda m: " " * len(m.group(0)), text)  # "ordered on black friday": no colour
    for name in names:
        for m in re.finditer(rf"\b{re.escape(name)}\b", text, re.I):
            if not any(start <= m.start() < start + len(n) for start, n in found):
                found.append((m.start(), name))
    said = [name for _at, name in sorted(found)]
    # "the green sweaters" of an order in forest green name the item ordered, not a colour wanted
    said = [c for c in said if c.lower() == ordered.lower() or not re.search(rf"\b{re.escape(c)}\b", ordered, re.I)]
    others = [c for c in said if c.lower() != ordered.lower()]
    return list(dict.fromkeys(others or said))


def _back_order(desk: OrderDesk, sources: list[dict[str, str]]) -> str:
    """The shop's own back-order sentence, for a size wanted that is sold out."""
    quotes, hits = desk.policy_quotes(
        "an item is out of stock: back-order it, usually within 2-3 weeks", [("back-order",)]
    )
    sources += [hit_source(h) for h in hits[:1] if hit_source(h) not in sources]
    return f"Our policy: {quotes[0]}" if quotes else ""


def _stock_line(text: str, product: Mapping[str, Any], ordered: str = "", ordered_size: str = "") -> str:
    """The stock of the size wanted, and for each colour wanted whether the product comes in it, from the catalog."""
    name = str(product.get("name"))
    stock = {str(s): int(q or 0) for s, q in (product.get("stock") or {}).items()}
    colours = [str(c) for c in product.get("colors") or []]
    out = []
    for colour in wanted_colours(text, product, ordered):
        plain = ("grey" if colour == "gray" else colour).lower()
        have = next((c for c in colours if c.lower() == plain), None) or next(
            (c for c in colours if re.search(rf"\b{re.escape(plain)}\b", c, re.I)), None
        )  # "in green": its forest green
        if have:
            out.append(f"The {name} comes in {have}.")
        elif colours:
            listed = colours[0] if len(colours) == 1 else f"{', '.join(colours[:-1])} and {colours[-1]}"
            out.append(f"The {name} doesn't come in {colour}; it comes in {listed}.")
    size = wanted_size(text, ordered_size)
    if size and size in stock:
        n = stock[size]
        out.append(f"Size {size} is in stock ({n} left)." if n > 0 else f"Size {size} is sold out right now.")
    elif size:
        out.append(f"The {name} doesn't come in size {size}.")
    return " ".join(out)
