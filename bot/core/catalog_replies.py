"""Catalog replies the router sends as they are: a named product's facts and attributes, and follow-ups on the
list just shown. Every value comes from the product rows; nothing is guessed."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.core.answers import MATERIAL, PRICE, THRESHOLD, product_fact_answer
from bot.core.catalog import compare_text, search
from bot.core.catalog.attributes import asked_attributes, attribute_answer, attribute_list_answer
from bot.core.catalog.compare import one_side_text
from bot.core.catalog.listed_text import beyond_the_list, listed_text, loosened
from bot.core.catalog.listing_facts import listing_answer, listing_sentence, listing_silent
from bot.core.catalog.measures import without_measures
from bot.core.catalog.plain import product_size, without_colours
from bot.core.catalog.text import unchecked_line
from bot.core.eu_sizes import eu_size, without_scale
from bot.core.listing_gaps import kind_rule, width_no
from bot.core.lookups import asked_size, products_by_sku
from bot.core.policy_lines import section
from bot.core.ports import KnowledgePort
from bot.core.request import POLICY_WORDS
from bot.core.size_fit import measured_size
from bot.core.turn import HANDOFF_BUTTON, card, hit_source, product_source
from bot.core.warm_rating import warm_rating
from bot.domain import Author, Constraints, Flag, Intent, Reply, Request, RequestKind


def catalog_reply(text: str, products: Sequence[dict[str, Any]], flags: set[Flag], *, cards: bool = False) -> Reply:
    """A template answer about catalog products: their sources (up to 4), cards when asked."""
    return Reply(
        text=text,
        sources=[product_source(p) for p in products][:4],
        cards=[card(p) for p in products] if cards else [],
        flags=flags,
        intent=Intent.PRODUCT_QUESTION,
        confidence=0.9,
        author=Author.TEMPLATE,
    )


# the asked size (or every size) is sold out: the shop's back-order and restock e-mail offer follows
SOLD_OUT = re.compile(r"\bout of stock in (?:size\b|every size\b)|\bsold out in every size\b", re.I)
BACK_ORDER_QUERY = "What if an item I want is out of stock? We can back-order it, e-mail you when it is restocked"
BACK_ORDER = re.compile(r"\bback-order it\b", re.I)
SILENT = re.compile(r"\bdoesn't (?:mention|say|give)\b")
PERSON_CAN_CHECK = re.compile(r"\s*A person from our team can check (?:it|anything the listing doesn't cover)[^.]*\.")


def comparison_reply(pair: list[dict[str, Any]], req: Request) -> Reply:
    """Two products compared on what was asked; one, when the other side is a brand the shop does not carry."""
    if len(pair) == 1:
        said = one_side_text(pair[0], req.constraints.missing_brands)
    else:
        said = compare_text(pair[0], pair[1], req.text, colours=req.constraints.colours)
    return catalog_reply(said, pair, {Flag.STRUCTURED, Flag.CATALOG}, cards=True)


def back_order_offer(kb: KnowledgePort) -> tuple[str, dict[str, str] | None]:
    """The shop's own back-order and restock e-mail sentences (the general rule, not an exchange's), or ''."""
    found = section(
        kb, BACK_ORDER_QUERY, about=re.compile(r"\b(?<!replacement is out of stock )we can back-order it\b", re.I)
    )
    said = found.pick(lambda s: bool(BACK_ORDER.search(s) or re.search(r"\brestocked\b", s, re.I)), limit=2)
    return (" ".join(said), hit_source(found.hit)) if said and found.hit is not None else ("", None)


def product_fact_reply(
    product: dict[str, Any], req: Request, text: str, kb: KnowledgePort | None = None
) -> Reply | None:
    """A named product's asked facts: attributes from its own fields (or "the listing doesn't say"), and price,
    stock, sizes, colours, material or rating; None when none of them is asked."""
    colours = [c for c in req.constraints.colours if c not in str(product["name"]).lower()]
    sized = without_colours(product, text)  # "and in medium wash?" asks no size
    stated = req.constraints.size if sized == text else None  # a size read from "medium wash" is no size
    fitted, fit_said = measured_size(kb, product, text) if kb is not None else (None, "")
    if kb is not None and not fit_said:  # "do they come in EU 44?": the size guide's US size for it
        fitted, fit_said = eu_size(kb, product, text)
    if fit_said:  # "I'm a 17 neck", "a 43 in EU sizes": the guide's size, and the number is no size of its own
        sized, stated = without_scale(without_measures(sized)), None
    size = fitted or stated or asked_size(sized) or product_size(product, sized)
    if size and size.upper() not in {str(s).upper() for s in product.get("stock") or {}}:
        size = product_size(product, sized) or size  # "the belt in XL? my waist is 38": its own size XL is asked
    req.constraints.size = size  # "need an M": this turn's recommendation is filtered on it too
    attribute = attribute_answer(product, text)
    # "do they come in wide width?" asks the attribute, not the stock; a price, size or colour asked as well is answered
    fact = (
        product_fact_answer(product, text, size=size, colours=colours)
        if attribute is None
        or PRICE.search(text)
        or THRESHOLD.search(text)
        or size is not None
        or colours
        or MATERIAL.search(text)
        else None
    )
    listed = listing_answer(product, text) if attribute is None else None  # a heel height, "real linen?"
    if attribute is None and listed is None:
        listed = listing_sentence(product, text)  # "do they bag out at the knees?": the listing's own sentence
    if listed and fact and str(product.get("material") or "") in listed:  # the material said once
        fact = fact.replace(f"The {product['name']} is made of {product.get('material')}.", "").strip()
    answer = " ".join(x for x in (attribute, listed, fact) if x) or listing_silent(product, text, POLICY_WORDS)
    answer = f"{fit_said} {answer}".strip() if fit_said and answer else answer
    if not answer:
        return None
    silent = bool(SILENT.search(answer))
    page_rule = kind_rule(kb, product, text) if kb is not None and silent else None
    if page_rule is not None:  # the listing is silent, the shop's page answers for its kind: said, no person needed
        answer = width_no(product, text, f"{PERSON_CAN_CHECK.sub('', answer).strip()} {page_rule[0]}")
    rated = warm_rating(kb, product, text) if kb is not None and page_rule is None else None
    if rated is not None:  # "warm enough for a chicago winter?": the care page's temperature for its build
        answer = f"{answer} {rated[0]}"
    offer, offer_source = back_order_offer(kb) if kb is not None and SOLD_OUT.search(answer) else ("", None)
    reply = catalog_reply(f"{answer} {offer}".strip(), [product], {Flag.STRUCTURED})
    reply.sources += [s for s in (page_rule[1] if page_rule else None, rated[1] if rated else None, offer_source) if s]
    if silent and page_rule is None:
        reply.buttons = [HANDOFF_BUTTON]  # the listing is silent: a person can check
    return reply


def on_list(req: Request, searched: Constraints, catalog: list[dict[str, Any]]) -> Reply:
    """A follow-up on the list just shown (req.skus, in the order shown), answered about those products; when none
    fits, the same search over the rest of the catalog (`searched`: the search that made the list) is labelled."""
    by_sku = products_by_sku(catalog, req.skus)
    shown = [by_sku[s] for s in req.skus if s in by_sku]
    c = req.constraints
    flags = {Flag.STRUCTURED, Flag.CATALOG}
    only_attributes = asked_attributes(req.text) and c.sort.value == "relevance" and not _narrowing(c)
    if only_attributes and (answer := attribute_list_answer(shown, req.text)):  # "are they waterproof?"
        return catalog_reply(answer, shown, flags)
    if c.unchecked and not _narrowing(c) and c.sort.value == "relevance":  # "do any of them have a 32 inseam?"
        return catalog_reply(unchecked_line(c.unchecked), shown, flags | {Flag.NO_MATCH})
    result = search(shown, c, limit=len(shown), scan=True)
    wider = None
    kinds = list(c.categories or searched.categories)
    loose = None
    if not result.matches:
        merged = c.merged_over(searched)
        wider = search(catalog, merged, exclude=frozenset(req.skus))
        flags.add(Flag.NO_MATCH)
        loose = None if wider.matches else loosened(c, merged, catalog, frozenset(req.skus))
    text, products = listed_text(c, shown, result, wider, kinds, searched, loose)
    if result.matches and c.sort.value != "relevance" and (beyond := beyond_the_list(c, searched, result, catalog)):
        text += " " + beyond  # "of the 3 I showed ...; across all our women's rain jackets ..."
    reply = catalog_reply(text, products, flags, cards=True)
    reply.intent = Intent.PRODUCT_SEARCH
    return reply


def _narrowing(c: Constraints) -> bool:
    return bool(
        c.brands
        or c.colours
        or c.size
        or c.in_stock
        or c.min_price is not None
        or c.max_price is not None
        or c.materials
    )


# "what jeans brands do you have?", "which brands of boots do you carry?": the brands, not a list of products
BRANDS_ASKED = re.compile(
    r"\b(?:what|which|any other|what other|which other)\s+(?:[\w'-]+\s+){0,2}?brands?\b"
    r"|\bbrands?\b[^?.!]{0,20}\b(?:do|does) (?:you|u|the shop|the store) (?:have|carry|sell|stock|offer)\b",
    re.I,
)


def brands_reply(req: Request, text: str, catalog: Sequence[dict[str, Any]]) -> Reply | None:
    """The brands the catalog holds for the kind asked (and the gender, when said), from the product rows; None
    when no brands are asked, a brand of the catalog is named (a search of it), or no product is of that kind."""
    c = req.constraints
    if req.kind != RequestKind.DISCOVERY:
        return None
    if not BRANDS_ASKED.search(text) or c.brands or not c.categories:
        return None
    rows = [
        p
        for p in catalog
        if str(p.get("category") or "") in c.categories
        and (not c.gender or str(p.get("gender") or "") in (c.gender, "unisex"))
    ]
    brands = sorted({str(p["brand"]) for p in rows if p.get("brand")})
    if not brands:
        return None
    kinds = " and ".join(_plural(k) for k in sorted(c.categories))
    said = f"We carry {kinds} from {len(brands)} brand{'s' if len(brands) != 1 else ''}: {_joined(brands)}."
    if c.missing_brands:
        said = f"We don't carry {_joined(list(c.missing_brands), 'or')}. " + said
    firsts = list({str(p["brand"]): p for p in reversed(rows) if p.get("brand")}.values())
    return catalog_reply(said, sorted(firsts, key=lambda p: str(p["brand"])), {Flag.STRUCTURED, Flag.CATALOG})


def _joined(items: list[str], word: str = "and") -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {word} " + items[-1]


def _plural(kind: str) -> str:
    """A catalog kind as a shopper says many: "dress" -> "dresses", "coat" -> "coats", "jeans" stays."""
    if kind.endswith(("ss", "sh", "ch", "x")):
        return kind + "es"
    return kind if kind.endswith("s") else kind + "s"
