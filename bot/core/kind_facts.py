"""An attribute asked of a whole kind ("are your boots waterproof?", "are all your jackets waterproof?"): the shop
page's section for that kind, whole (the boots FAQ's waterproof AND water-resistant sentences, not one of them), and
the products of the kind whose listings say it, named from the catalog. Only an attribute the listings can show
(waterproof); a care or fit question keeps the page's own answer."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from bot.core.catalog.search import search
from bot.core.catalog.text import _listing, _plural, money
from bot.core.listing_gaps import asked_aspect, page_section
from bot.core.ports import KnowledgePort
from bot.core.turn import card, hit_source, product_source
from bot.domain import Author, Flag, IntentPrediction, Reply, Request, RequestKind

# the question is about the shop's kind, not one product: "are your boots", "are all of your jackets", "do your coats"
_YOUR_KIND = re.compile(r"\b(?:are|is|do|does)\s+(?:all\s+)?(?:of\s+)?(?:your|ur|the shop's|the store's)\s+", re.I)
_LISTED = 4


def kind_attribute_reply(kb: KnowledgePort, req: Request, text: str, pred: IntentPrediction) -> Reply | None:
    """The page's section for the kind and the kind's products listed with the attribute; None when the question
    is not about a whole kind's attribute or no page section answers it."""
    c = req.constraints
    aspect = asked_aspect(text)
    if req.kind not in (RequestKind.POLICY, RequestKind.DISCOVERY) or req.skus or len(c.categories) != 1:
        return None
    if aspect is None or aspect.key != "waterproof" or not _YOUR_KIND.search(text):
        return None
    kind = c.categories[0]
    found = page_section(kb, aspect, kind)
    catalog: list[dict[str, Any]] = kb.products()
    asked = replace(c, features=["waterproof"], in_stock=False)
    listed = search(catalog, asked, limit=_LISTED).matches
    names = _listing([f"the {p['name']} ({money(p)})" for p in listed])
    if found is None and not listed:  # none of the kind is: said so, with those the listings call water-repellent
        return _none_listed(kind, asked, catalog, pred)
    if found is None:  # no page for the kind: the listings alone, when some say it and some do not
        every = search(catalog, replace(asked, features=[]), limit=1).total
        if search(catalog, asked, limit=1).total == every:
            return None
        said = f"Not all of our {_plural(kind)} are listed as waterproof. Those that are include {names}."
        return listed_reply(said, [], listed, pred)
    said, hit, page = found
    lines = f" Our {_plural(kind)} listed as waterproof include {names}." if listed else ""
    return listed_reply(f'For {_plural(kind)}, our {page} says: "{said}"{lines}', [hit_source(hit)], listed, pred)


def listed_reply(
    text: str, sources: list[dict[str, str]], listed: list[dict[str, Any]], pred: IntentPrediction
) -> Reply:
    """A template answer from the data, with a card and a source for each product it lists."""
    return Reply(
        text=text,
        sources=sources + [product_source(p) for p in listed],
        cards=[card(p) for p in listed],
        flags={Flag.STRUCTURED, Flag.FROM_DATA} | ({Flag.CATALOG} if listed else set()),
        intent=pred.intent,
        confidence=max(pred.confidence, 0.9),
        author=Author.TEMPLATE,
    )


# the listings' weaker words for keeping water out, said as what they are, never as "waterproof"
_WEAKER = ("water-repellent", "water-resistant")


def _none_listed(kind: str, asked: Any, catalog: list[dict[str, Any]], pred: IntentPrediction) -> Reply:
    """ "Are your coats waterproof?" when no coat's listing says so: that plainly, with the ones listed as
    water-repellent or water-resistant, each with its own word."""
    found: dict[str, tuple[dict[str, Any], str]] = {}
    for word in _WEAKER:
        for p in search(catalog, replace(asked, features=[word]), limit=_LISTED).matches:
            found.setdefault(str(p["sku"]), (p, word))
    weaker = list(found.values())[:_LISTED]
    said = f"None of our {_plural(kind)} is listed as waterproof."
    if weaker:
        names = _listing([f"the {p['name']} ({money(p)}, listed as {w})" for p, w in weaker])
        said += f" The nearest: {names}."
    else:
        said += f" None is listed as {' or '.join(_WEAKER)} either."
    return listed_reply(said, [], [p for p, _w in weaker], pred)
