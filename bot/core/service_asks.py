"""Asks for one of the shop's extra services (name stitching, gift wrapping, jeans hemming, alterations) about a
kind of item or an order, and asks to exchange an item for another size or colour: answered from the shop's own
lines, never with a product list or an unrelated passage ("stitch initials on a belt" is no belt search;
"swap them for the next size up" is no hemming price).

A service's line says what it costs and which kinds of item it is for ("on shirts, jackets, coats and sweaters";
"Jeans hemming"): the kinds are read from that line, so a kind it does not name gets a plain "not among them" and a
person, never a yes. A service the shop's pages do not offer (altering a dress) gets the one they do and a person.
For a known customer's own order the order's state is said beside the rule, and whether the service can still be
added is left to a person. An exchange for another size or colour (not of an order the order desk resolves) is
answered from the exchanges page: the rule, and what happens when the size wanted is sold out when that is asked."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.core.catalog import parse_constraints
from bot.core.catalog.words import KIND_WORDS, KINDS
from bot.core.lookups import products_by_sku
from bot.core.ordered_items import OWNED, match_orders
from bot.core.ports import KnowledgePort, StorePort
from bot.core.sentences import as_sentence, split_sentences
from bot.core.stated_case import SAME_ASKED, other_product, unmet
from bot.core.turn import HANDOFF_BUTTON, Turn, hit_source, order_source
from bot.domain import Author, Flag, Hit, Intent, Reply, Request, RequestKind


@dataclass(frozen=True, slots=True)
class Service:
    """One extra service: how shoppers ask for it, the words of its line on the shop's pages, and how to name it."""

    name: str
    asked: re.Pattern[str]
    line: re.Pattern[str]  # the start of the service's own line ("Name stitching (monogram): ...")
    query: str


SERVICES = (
    Service(
        "name stitching",
        re.compile(
            r"\b(?:monogram\w*|embroider\w*|personali[sz]\w*|name[- ]stitch\w*)\b"
            r"|\bstitch\w*\b[^.?!]{0,30}\b(?:name|names|initials?|letters)\b"
            r"|\b(?:add|put|get|have)\b[^.?!]{0,20}\b(?:initials|my name|a name|their name|his name|her name)\b",
            re.I,
        ),
        re.compile(r"^\W*name stitching\b", re.I),
        "Name stitching (monogram) price per item, on which items",
    ),
    Service(
        "gift wrapping",
        re.compile(r"\bgift[- ]?wrap\w*|\bwrap\w* (?:it|them|\w+) (?:up )?as a gift\b", re.I),
        re.compile(r"^\W*gift wrapping\b", re.I),
        "Gift wrapping price per item",
    ),
    Service(
        "tailoring",
        re.compile(
            r"\b(?:hem|hems|hemm\w*|shorten\w*|take (?:it|them|\w+) up|(?:alter|alteration|alterations|altered|tailor\w*)"
            r"|take (?:(?:it|them|\w+) )?in(?! (?:store|person|stock))|let (?:(?:it|them|\w+) )?out|taper (?:it|them))\b",
            re.I,
        ),
        re.compile(r"^\W*jeans hemming\b", re.I),
        "Jeans hemming (tailoring) price per pair",
    ),
)
# a request for the service, not a question about a rule that mentions it ("can I return hemmed jeans?"), nor a
# question about an item's length that mentions the service as the shopper's habit ("how long are the legs? I usually
# have to take jeans up"): the inseam is a fact of the item or the size guide, not the hemming price
NOT_AN_ASK = re.compile(
    r"\b(?:return|returned|returning|refund|refunded|exchange|shrink|wash|washing|cancel)\b|\bhemmed\b|\bmonogrammed\b"
    r"|\bwhat(?:'s| is| are)(?: the)? inseams?\b|\binseams? (?:on|of)\b|\bleg length\b"
    r"|\bhow long (?:are|is) (?:the|they|it|these|those)\b(?! hemm| alter| tailor)",
    re.I,
)
EXCHANGE = re.compile(r"\b(?:exchange|exchanging|swap|swapping|switch|trade)\b", re.I)
OTHER_SIZE = re.compile(
    r"\b(?:size|sizes|colou?rs?|smaller|bigger|larger|next size|size (?:up|down)|one size|different|another|other"
    r"|xxs|xs|xl|xxl|small|medium|large|\d{1,2}(?:\.5)?)\b",
    re.I,
)
SOLD_OUT = re.compile(r"\b(?:sold out|out of stock|not in stock|unavailable|not available|none left)\b", re.I)
HOW = re.compile(r"\bhow (?:do|does|would|will|can) (?:i|we|it|an exchange|exchanges?|that)\b|\bwhat do i do\b", re.I)
BOUGHT = re.compile(r"\bi (?:just |recently |already )?(?:bought|ordered|purchased|got)\b", re.I)
ORDER_NAMED = re.compile(r"\b(?:my|this|that|the) (?:\w+ )?order\b", re.I)
PERSON = "A person from our team can confirm it with you; would you like me to connect you?"


def asked_service(text: str) -> Service | None:
    """The extra service the message asks for, when it asks for one (not a rule about items that had it)."""
    if NOT_AN_ASK.search(text):
        return None
    asked = [s for s in SERVICES if s.asked.search(text)]
    return asked[0] if len(asked) == 1 else None  # two services asked: each part is answered on its own


def asks_exchange(text: str, before: str = "") -> bool:
    """An exchange for another size or colour, or, right after one was asked (`before`, the shopper's message
    before this one), what happens when the size wanted is sold out."""
    if EXCHANGE.search(text) and (OTHER_SIZE.search(text) or SAME_ASKED.search(text) or other_product(text)):
        return True
    return bool(SOLD_OUT.search(text) and asks_exchange(before) and len(text.split()) <= 14)


def _asked_before(turn: Turn) -> str:
    """The shopper's message before this one."""
    return next((str(m.get("text", "")) for m in reversed(turn.history) if m.get("direction") == "in"), "")


def service_or_exchange(
    kb: KnowledgePort, store: StorePort, turn: Turn, req: Request, catalog: Sequence[dict[str, Any]]
) -> Reply | None:
    """The reply for a service asked about a kind of item or an order, or for an exchange; None for anything else."""
    if req.kind in (RequestKind.COMPLAINT, RequestKind.HANDOFF, RequestKind.SMALL_TALK, RequestKind.COMPARISON):
        return None
    text = req.text
    service = asked_service(text)
    if service is not None:
        kinds = parse_constraints(text, catalog).categories or _kind_under_discussion(turn, text, catalog)
        own = None
        if turn.known_customer and turn.customer.get("id") and (OWNED.search(text) or BOUGHT.search(text)):
            orders = sorted(store.orders_for(turn.customer["id"]), key=lambda o: str(o.get("date", "")), reverse=True)
            own = _own_order(text, orders)
        if kinds or own is not None or req.kind != RequestKind.POLICY:
            return _service_reply(kb, service, kinds, own)
        return None  # "how much is gift wrapping?": the pages answer it the usual way
    if req.order_ids or (req.kind == RequestKind.OWN_ORDER and turn.known_customer):
        return None  # an exchange of an order's item: the order desk reads the order's state and the stock
    if asks_exchange(text, _asked_before(turn)):
        return _exchange_reply(kb, text)
    return None


# "can you gift wrap it?", "could you monogram that one?": the product the turn before was about
_THE_ONE_SHOWN = re.compile(r"\b(?:it|them|this|that|these|those|this one|that one)\b", re.I)


def _kind_under_discussion(turn: Turn, text: str, catalog: Sequence[dict[str, Any]]) -> list[str]:
    """The kind of the product under discussion, when the service is asked for "it"."""
    if not turn.state.skus or not _THE_ONE_SHOWN.search(text):
        return []
    product = products_by_sku(catalog, turn.state.skus[:1]).get(turn.state.skus[0])
    return parse_constraints(str(product.get("name", "")), catalog).categories if product else []


def _own_order(text: str, orders: list[dict[str, Any]]) -> dict[str, Any] | None:
    """The shopper's order a service would be added to: the one holding the item named ("the sweater I just
    ordered"), of those the one not yet shipped when there is one; without an item named, their one open order."""
    found = match_orders(text, orders, {})
    if found is None and not ORDER_NAMED.search(text):
        return None
    fitting = found[0] if found else orders
    if len(fitting) == 1:
        return fitting[0]
    still_open = [o for o in fitting if str(o.get("status")) in ("placed", "processing")]
    return still_open[0] if len(still_open) == 1 else None


def _service_line(kb: KnowledgePort, service: Service) -> tuple[list[str], Hit | None]:
    """The service's own line on the shop's pages, as sentences, and the hit it is in: of its lines (a policy's and
    an FAQ's), the one that says which kinds of item it is for, when one does."""
    found: list[tuple[list[str], Hit]] = []
    for hit in kb.search(service.query, k=6):
        if hit.passage.metadata.get("sku"):
            continue
        for raw in hit.passage.text.splitlines():
            line = re.sub(r"\*\*|__", "", raw).strip()
            line = re.sub(r"^[-*]\s*", "", line)
            line = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", line)
            if service.line.search(line):
                found.append(([as_sentence(s) for s in split_sentences(line)], hit))
    if not found:
        return [], None
    return next((f for f in found if kinds_named(f[0][0])), found[0])


def kinds_named(line: str) -> set[str]:
    """The catalog categories a service's line names ("on shirts, jackets, coats and sweaters"); empty: any item."""
    low = line.lower()
    return {KINDS[kind][0] for pattern, kind in KIND_WORDS if kind in KINDS and re.search(rf"\b(?:{pattern})\b", low)}


def _service_reply(kb: KnowledgePort, service: Service, asked: list[str], own: dict[str, Any] | None) -> Reply | None:
    sentences, hit = _service_line(kb, service)
    if not sentences:
        return None  # the pages say nothing of it: the usual way (retrieval, not sure, a person)
    covered = kinds_named(sentences[0])
    outside = [k for k in asked if k in KINDS and KINDS[k][0] not in covered] if covered else []
    parts: list[str] = []
    if outside:
        said = _plural(outside)
        parts.append(f"{said[:1].upper()}{said[1:]} are not among the items our {service.name} is for.")
        parts += sentences[:1]
    else:
        parts += sentences[:3]
    if own is not None and not outside:
        status = str(own.get("status") or "")
        items = ", ".join(str(i.get("name")) for i in own.get("items") or [])
        parts.append(
            f"Your order {own['order_id']} ({items}) is {status}; a person from our team can check whether "
            f"{service.name} can still be added to it. Would you like me to connect you?"
        )
    else:
        parts.append(PERSON)
    return Reply(
        text=" ".join(parts),
        sources=([order_source(own)] if own else []) + ([hit_source(hit)] if hit else []),
        buttons=[HANDOFF_BUTTON],
        flags={Flag.FROM_DATA, Flag.STRUCTURED} | ({Flag.ORDER} if own else set()),
        intent=Intent.PRODUCT_QUESTION,
        confidence=0.9,
        author=Author.TEMPLATE,
    )


def _plural(kinds: list[str]) -> str:
    names = [f"{k}es" if k.endswith("ss") else k if k.endswith("s") else f"{k}s" for k in kinds]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


# the exchanges page's sections a reply may quote: (what the message asks, a query, the section heading's words)
EXCHANGE_SECTIONS = (
    ("rule", "Can I exchange an item for a different size or color?", re.compile(r"exchange.*(size|colou?r)", re.I)),
    ("sold_out", "What if the size I want is out of stock?", re.compile(r"out of stock", re.I)),
    ("how", "How do exchanges work?", re.compile(r"how do exchanges work", re.I)),
    ("other", "Can I exchange for a different product?", re.compile(r"different product", re.I)),
)


def _exchange_reply(kb: KnowledgePort, text: str) -> Reply | None:
    """The exchanges page's rule, what happens when the size is sold out (when asked) and how it works (when asked).
    Another product asked for ("for a totally different shirt") does not meet the rule's "the same product": "No.",
    and the page's section for a different product (return it, place a new order), never the rule's own "Yes."."""
    if other_product(text):
        asked = {"other"} | ({"how"} if HOW.search(text) else set())
    else:
        asked = {"rule"} if EXCHANGE.search(text) or not SOLD_OUT.search(text) else set()
    asked |= {"sold_out"} if SOLD_OUT.search(text) else set()
    asked |= {"how"} if HOW.search(text) else set()
    parts: list[str] = []
    hits: list[Hit] = []
    for key, query, heading in EXCHANGE_SECTIONS:
        if key not in asked:
            continue
        found = _section(kb, query, heading)
        if found is None:
            return None  # the pages do not say it: the usual way
        parts += [s for s in found[0] if s not in parts]
        hits.append(found[1])
    lead = ["No."] if "other" in asked and unmet(" ".join(parts), text) else []
    return Reply(
        text=" ".join(lead + parts),
        sources=[hit_source(h) for h in hits][:3],
        flags={Flag.FROM_DATA, Flag.STRUCTURED},
        intent=Intent.RETURNS_REFUNDS,
        confidence=0.9,
        author=Author.TEMPLATE,
    )


def _section(kb: KnowledgePort, query: str, heading: re.Pattern[str]) -> tuple[list[str], Hit] | None:
    """The section whose heading fits, among the hits for the query, as sentences (links and list numbers dropped)."""
    for hit in kb.search(query, k=6):
        if hit.passage.metadata.get("sku") or not heading.search(str(hit.passage.metadata.get("heading") or "")):
            continue
        lines = [ln for ln in hit.passage.text.splitlines()[1:] if ln.strip()]  # the first line: title > heading
        body = " ".join(re.sub(r"^\s*(?:\d+\.|[-*])\s*", "", ln) for ln in lines)
        body = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", re.sub(r"\*\*|__", "", body))
        return [as_sentence(s) for s in split_sentences(body)], hit
    return None
