"""A known customer's order named by what was in it: "my gloves order", "tracking for the hiking boots", "where's my
wool coat", "the parka from my last order", "the order with 3 pairs of gloves".

The words the shopper uses for the item are matched against the line items of THEIR orders (item name words, the
kind of product, brand and colour), before any catalog search: the orders whose items fit best are the answer, then
narrowed by what else the message says (when it was bought, how many, on its way or sent back). A kind is matched
by the item's own name, so trousers are never chinos although the catalog files both under one category."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping, Sequence
from typing import Any

from bot.core.bought_when import IN_MONTH, elapsed_days
from bot.core.deadlines import needs_by
from bot.core.facts import MONTHS
from bot.core.order_days import arrival_said, dated_orders, order_day
from bot.core.order_pick import said_date
from bot.core.order_words import without_added_item
from bot.core.request import ORDER_ASPECTS
from bot.core.shop_day import shop_today
from bot.domain import OrderAspect, Request, RequestKind

# catalog categories whose name is a kind the shopper uses for every product in it ("my coat" is the parka too);
# "chinos" is not one: the category also holds trousers, and a trousers order is not a chinos order
GENERIC_CATEGORIES = {"boots": "boot", "coat": "coat", "jacket": "jacket", "dress": "dress", "shirt": "shirt"}
GENERIC_CATEGORIES |= {"sweater": "sweater", "jeans": "jean", "t-shirt": "tee"}
SAME_KIND = {"tshirt": "tee", "tshirts": "tee", "tees": "tee", "pants": "pant", "trouser": "trouser"}
# words of item names that say nothing about which item ("how long", "one size", "women's")
NOT_ITEM_WORDS = {"long", "short", "one", "size", "pack", "women", "men", "woman", "man", "mens", "womens", "the"}
NOT_ITEM_WORDS |= {"and", "for", "with", "crew", "work", "field", "union", "pocket", "classic", "express", "guess"}
NOT_ITEM_WORDS |= {"up", "down"}  # "Lace-Up", "Button-Down": "what did I end up paying?" names no item
# the kinds a shopper names an item by; the last word of an item's name is its kind too
KINDS = {"boot", "coat", "jacket", "dress", "shirt", "sweater", "jean", "tee", "chino", "trouser", "pant", "parka"}
KINDS |= {"peacoat", "overcoat", "glove", "belt", "cap", "beanie", "sock", "cardigan", "puffer", "flannel"}
QUANTITY = re.compile(
    r"\b(?P<n>\d|two|three|four|five|both)\s+(?:pairs? of\s+)?(?:(?:the|of|my)\s+)?(?P<w>[a-z][a-z-]+)", re.I
)
WORD_NUMBERS = {"two": 2, "three": 3, "four": 4, "five": 5, "both": 2}
LAST_ORDER = re.compile(r"\b(?:last|latest|most recent|newest|recent)\s+(?:\w+\s+)?order\b", re.I)
ON_ITS_WAY = re.compile(r"\bon (?:its|their|the) way\b|\bin transit\b|\b(?:coming|arriving|headed)\b", re.I)
SENT_BACK = re.compile(
    r"\b(?:sent|send|shipped|mailed) (?:\w+ ){0,3}back\b|\bi returned\b|\breturned (?:it|them)\b", re.I
)
THIS_MONTH = re.compile(r"\bthis month\b", re.I)
LAST_MONTH = re.compile(r"\blast month\b", re.I)
ACTIVE = ("placed", "processing", "shipped", "out for delivery")


def _norm(word: str) -> str:
    """One form for a word: lower case, plural and "t-shirt" spellings folded ("gloves" -> "glove")."""
    w = word.lower().strip("'")
    w = SAME_KIND.get(w, w)
    if w.endswith("sses"):
        return w[:-2]
    if len(w) > 3 and w.endswith("s") and not w.endswith("ss"):
        return SAME_KIND.get(w[:-1], w[:-1])
    return w


def words_of(text: str) -> list[str]:
    """The text's words in that one form; "t-shirt"/"t shirt" read as "tee", hyphens split ("quarter-zip")."""
    text = re.sub(r"\bt[- ]?shirts?\b", "tee", text, flags=re.I)
    text = re.sub(r"\bexpress\s+(shipping|delivery)\b", r"\1", text, flags=re.I)
    return [_norm(w) for w in re.findall(r"[A-Za-z]+", text) if len(w) > 1]


def item_words(item: Mapping[str, Any], product: Mapping[str, Any]) -> set[str]:
    """What an ordered item can be called: its name words, its kind, brand and colour."""
    found = set(words_of(str(item.get("name") or product.get("name") or "")))
    found |= set(words_of(f"{product.get('brand') or ''} {item.get('color') or ''}"))
    generic = GENERIC_CATEGORIES.get(str(product.get("category") or ""))
    if generic:
        found.add(generic)
    return found - NOT_ITEM_WORDS


def _kinds_of(found: set[str]) -> set[str]:
    return {w for w in found if w in KINDS}


def said_item_words(text: str, vocabulary: set[str]) -> list[str]:
    """The words of the message that name an item any order line could be called (in order, once each)."""
    return list(dict.fromkeys(w for w in words_of(text) if w in vocabulary and w not in NOT_ITEM_WORDS))


def match_orders(
    text: str,
    orders: Sequence[dict[str, Any]],
    by_sku: Mapping[str, dict[str, Any]],
    *,
    today: dt.date | None = None,
) -> tuple[list[dict[str, Any]], list[str]] | None:
    """The orders (newest first) holding the item the message names, and the words that named it; None when the
    message names no item. An empty list: it names a kind of item none of these orders holds ("my hiking boots"
    from someone who bought none)."""
    lines = [(o, i, item_words(i, by_sku.get(str(i.get("sku")), {}))) for o in orders for i in o.get("items") or []]
    vocab = KINDS | {w for _o, _i, ws in lines for w in ws}
    said = said_item_words(text, vocab)
    if not said:
        return None
    kinds = _kinds_of(set(said))
    fits = _fits(lines, said, kinds)
    if not fits and kinds:  # no item is called that: the catalog's own filing ("chinos" holds trousers) decides
        filed = [
            (o, i, ws | {_norm(str(by_sku.get(str(i.get("sku")), {}).get("category") or ""))}) for o, i, ws in lines
        ]
        fits = _fits(filed, said, kinds)
    if not fits:
        return [], said
    best = {oid: sum(2 if w in kinds else 1 for w in found) for oid, found in fits.items()}
    if len(kinds) > 1:  # "the jeans and socks": the order holding each kind named beats one holding only the jeans
        best = {oid: score + _other_kinds(lines, oid, kinds, fits[oid]) for oid, score in best.items()}
    top = max(best.values())
    picked = [o for o in orders if best.get(o["order_id"]) == top]
    return narrowed(text, picked, said, by_sku, today=today), said


def _fits(lines: list[tuple[dict[str, Any], Any, set[str]]], said: list[str], kinds: set[str]) -> dict[str, set[str]]:
    """Per order, the words said that its items of a kind named are called by."""
    fits: dict[str, set[str]] = {}
    for order, _item, ws in lines:
        if kinds and not kinds & ws:
            continue  # a kind was named and this item is another kind
        # one item carries the words: a navy wrap dress and a black slip dress are no "navy slip dress"
        if len(ws & set(said)) > len(fits.get(order["order_id"], set())):
            fits[order["order_id"]] = ws & set(said)
    return fits


def _other_kinds(lines: list[tuple[dict[str, Any], Any, set[str]]], oid: str, kinds: set[str], found: set[str]) -> int:
    """Two points for each other kind named that another item of the order is."""
    held = {w for o, _i, ws in lines if o["order_id"] == oid for w in ws & kinds}
    return 2 * len(held - found)


def narrowed(
    text: str,
    orders: list[dict[str, Any]],
    said: list[str],
    by_sku: Mapping[str, dict[str, Any]],
    *,
    today: dt.date | None = None,
) -> list[dict[str, Any]]:
    """The fitting orders narrowed by what else is said; a narrowing that would leave none is not applied."""
    today = today or shop_today()
    day = said_date(text, today)  # "that showed up last friday": delivered then; "from the 24th": placed then
    first = arrival_said(text)
    rules = (
        lambda o: _how_many(text, said, o, by_sku),
        lambda o: order_day(o, first) == day[0] if day else None,
        lambda o: order_day(o, not first) == day[0] if day else None,
        lambda o: when_fits(text, o, today),
        lambda o: str(o.get("status")) in ACTIVE if ON_ITS_WAY.search(text) else None,
        lambda o: str(o.get("status")) == "returned" if SENT_BACK.search(text) else None,
    )
    for rule in rules:
        kept = [o for o in orders if rule(o) is not False]
        if kept:
            orders = kept
    if LAST_ORDER.search(text) and orders:
        return orders[:1]  # "the parka from my last order": the newest order holding it
    return orders


def _how_many(text: str, said: list[str], order: dict[str, Any], by_sku: Mapping[str, dict[str, Any]]) -> bool | None:
    """ "the order with 3 pairs of gloves": True when the order holds that many of the item, None when no number."""
    for m in QUANTITY.finditer(text):
        raw = m.group("n").lower()
        n = int(raw) if raw.isdigit() else WORD_NUMBERS[raw]
        word = _norm(m.group("w").split("-")[-1])
        if word not in said:
            continue
        held = sum(
            int(i.get("qty") or 1)
            for i in order.get("items") or []
            if word in item_words(i, by_sku.get(str(i.get("sku")), {}))
        )
        return held == n
    return None


def when_fits(text: str, order: dict[str, Any], today: dt.date) -> bool | None:
    """Whether the order's date fits when the shopper says they bought it; None when they say no time."""
    try:
        placed = dt.date.fromisoformat(str(order.get("date", ""))[:10])
    except ValueError:
        return None
    if THIS_MONTH.search(text):
        return (placed.year, placed.month) == (today.year, today.month)
    month = next((MONTHS[m.group("m").lower()] for m in IN_MONTH.finditer(text) if m.group("m").lower() in MONTHS), 0)
    if month:
        return placed.month == month
    before = today.replace(day=1) - dt.timedelta(days=1)
    if LAST_MONTH.search(text) and (placed.year, placed.month) == (before.year, before.month):
        return True  # "last month" on December 2: November, the calendar's, or a month or so back (below)
    span = elapsed_days(text, today)
    if span is None:
        return None
    age = (today - placed).days
    return span[0] - 3 <= age <= span[1] + 3


def one_named(
    text: str, orders: Sequence[dict[str, Any]], by_sku: Mapping[str, dict[str, Any]]
) -> dict[str, Any] | None:
    """The one order the message names by the items it holds and when it came or was placed ("the jeans and socks
    from my order that showed up last friday"), or by that day alone ("my order from the 24th"); else None."""
    found = match_orders(text, orders, by_sku)
    if found is None:
        dated = dated_orders(text, orders)
        found = (dated[0], []) if dated else None
    return found[0][0] if found and len(found[0]) == 1 else None


def active_or_all(orders: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """ "where is it?" of several fitting orders: the one on its way when only one is."""
    active = [o for o in orders if str(o.get("status")) in ACTIVE]
    return active if len(active) == 1 else orders


# the shopper speaks of something they bought: "my", "I bought", "the order with", "tracking for", "sent back"
LONG_MONTHS = "|".join(m for m in MONTHS if len(m) > 3)  # not "may", mostly a verb
OWNED = re.compile(
    r"\b(?:my|our)\b|\bi (?:just |recently |already |actually )?(?:bought|ordered|got|purchased|received|returned|paid|pay|was charged)\b"
    r"|\bdid (?:i|we) (?:get|buy|order|pick|choose)\b"
    r"|\b(?:the|that|this) (?:\w+ ){0,2}order\b"
    r"|\border (?:with|for|of)\b|\btracking\b|\b(?:sent|mailed) (?:\w+ ){0,3}back\b|\bon (?:its|their) way to me\b"
    # an item dated by when it came or when it was bought: "the tee that showed up on the 20th", "the parka from august"
    r"|\b(?:that|which|they|it) (?:just )?(?:came|arrived|showed up|turned up|got here|(?:was|were|got) delivered)\b"
    rf"|\bfrom (?:early |late |mid |back in )?(?:{LONG_MONTHS})\b",
    re.I,
)
# a question about buying, not about something bought
NOT_BOUGHT = re.compile(
    r"\bif i (?:buy|order|get|purchase)\b|\b(?:before|when) i (?:buy|order)\b|\bdo you (?:have|sell|carry|stock)\b"
    r"|\bwould (?:it|they|my)\b|\bgift\b",
    re.I,
)
# what the order aspects' own words miss: "wheres my coat", "did i pay shipping on it"
MORE_ASPECTS = (
    (OrderAspect.STATUS, re.compile(r"\bwhere(?:'?s| is| are)\b", re.I)),
    # "whats going on with the cognac belt i ordered", "any news on the trucker jacket I bought?"
    (
        OrderAspect.STATUS,
        re.compile(
            r"\bwhat(?:'?s| is)\s+(?:going on|happening|up|the (?:latest|news|story|status|deal|update))\s+(?:with|on)\b"
            r"|\bany (?:news|updates?|word)\s+(?:on|about)\b|\bhow(?:'?s| is)\b[^.?!]{0,40}\bcoming along\b"
            r"|\bwhat happened (?:to|with)\b",
            re.I,
        ),
    ),
    (OrderAspect.TOTAL, re.compile(r"\b(?:pa(?:y|id|ying)|charg(?:e|ed|es|ing))\b[^.?!]{0,20}\bshipping\b", re.I)),
    # "how much was my quarter-zip sweater?": what they paid for it, not the catalog's price
    (
        OrderAspect.TOTAL,
        re.compile(r"\bhow much (?:was|were|did) (?:my|the\s+[\w' -]{1,30}?\s+i (?:bought|ordered|got))\b", re.I),
    ),
    # "did my jeans come yet", "have the boots turned up?", and a bare "my sweater?"
    (
        OrderAspect.STATUS,
        re.compile(
            r"\b(?:come|came|here|arrived?|landed)\s+yet\b|\b(?:did|has|have)\s+(?:my|the)\s+[\w' -]{1,40}?\s+"
            r"(?:come|came|arrive|arrived|show(?:n|ed)? up|turn(?:ed)? up|land(?:ed)?)\b"
            r"|^\W*(?:(?:and|so|um|hey|ok)\W+)?my\s+[\w' -]{2,40}\?+\s*$",
            re.I,
        ),
    ),
)
ACTS = re.compile(
    r"\b(?:swap|switch|exchange|change|fix|fixed|cancel|return|send (?:back|(?:it|them|those|these|the \w+(?: \w+)?) back)"
    r"|(?:can|could|may)\b[^?.!]{0,50}\b(?:go|be sent) back(?! to\b))\b",
    re.I,
)
HOW_MANY_ITEM = re.compile(r"\bhow many (?P<w>[a-z][a-z-]+(?: [a-z][a-z-]+){0,2})", re.I)


def may_name_own_item(req: Request) -> bool:
    """Whether the message can be about something the shopper bought (checked before their orders are read)."""
    if req.kind not in (RequestKind.POLICY, RequestKind.DISCOVERY, RequestKind.PRODUCT_FACT):
        return False
    return bool(OWNED.search(req.text)) and not NOT_BOUGHT.search(req.text)


def asked_aspects(text: str) -> list[OrderAspect]:
    """What is asked about the order, with the spellings the order desk's own words miss."""
    aspects = [a for a, pattern in ORDER_ASPECTS if pattern.search(text)]
    aspects += [a for a, pattern in MORE_ASPECTS if a not in aspects and pattern.search(text)]
    return aspects or ([OrderAspect.DELIVERY] if needs_by(text) else [])  # "my wrap dress order lands by dec 8?"


def own_item_request(
    req: Request, orders: Sequence[dict[str, Any]], by_sku: Mapping[str, dict[str, Any]]
) -> Request | None:
    """A question about one of the shopper's orders that names it by an item it holds, as an own-order request;
    None when it is something else (the catalog, a rule, a complaint) or names no item of theirs."""
    text = req.text
    if not may_name_own_item(req):
        return None
    aspects = asked_aspects(text)
    if HOW_MANY_ITEM.search(text) and OrderAspect.COUNT not in aspects:
        aspects.insert(0, OrderAspect.COUNT)
    if not aspects and not ACTS.search(text):
        return None
    found = match_orders(without_added_item(text) if OrderAspect.ADD_ITEM in aspects else text, orders, by_sku)
    if not found or not found[0]:
        return None
    one = [found[0][0]["order_id"]] if len(found[0]) == 1 else []
    hint = " ".join(found[1])
    return Request(RequestKind.OWN_ORDER, text, aspects=aspects or [OrderAspect.STATUS], order_ids=one, order_hint=hint)


def counted(text: str, order: dict[str, Any], by_sku: Mapping[str, dict[str, Any]]) -> str:
    """ "how many dresses are in it?": the pieces of that kind in the order, and what else it holds; '' when the
    question counts no kind of item."""
    m = HOW_MANY_ITEM.search(text)
    said = m.group("w").split() if m else []
    # "how many rain jackets": the words up to the kind ("rain jackets"), the kind deciding which items count
    at = next((n for n in range(len(said) - 1, -1, -1) if _norm(said[n]) in KINDS), 0)
    word = _norm(said[at]) if said else ""
    if not word or word in ("item", "thing", "piece", "product"):
        return ""
    items = list(order.get("items") or [])
    fits = [i for i in items if word in item_words(i, by_sku.get(str(i.get("sku")), {}))]
    if not fits:
        return ""
    n = sum(int(i.get("qty") or 1) for i in fits)
    rest = [i for i in items if i not in fits]
    also = f" It also holds {_listed(rest)}." if rest else ""
    return f"Your order {order['order_id']} has {n} {' '.join(said[: at + 1])}: {_listed(fits)}.{also}"


def _listed(items: list[dict[str, Any]]) -> str:
    names = []
    for i in items:
        extra = ", ".join(str(i[k]) for k in ("size", "color") if i.get(k))
        names.append(f"{i.get('qty', 1)} x {i.get('name') or i.get('sku')}" + (f" ({extra})" if extra else ""))
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
