"""Follow-ups that name another product by a part of its name, or ask for the other gender's version, resolved
against the product under discussion.

- "what about the calvin klein juniper one", "and the everett one?" after a question about a product: the words
  are a brand and/or name words of another product; among the catalog products whose name holds them all, the one
  of the same kind as the product under discussion (then the same gender) is meant. The shopper's earlier
  question is asked again about it ("is the Calvin Klein Women's Juniper V-Neck Sweater in L?"). Several of the
  same kind, or none: nothing is resolved (the usual way).
- "is there a womens version" after the Guess men's Hudson jeans: the other gender's product of the same line
  (its name without brand and gender: "Hudson Relaxed 5-Pocket Jeans"), the same brand first; when there is none,
  that is said, and one of the same line in another brand (or the same style word and kind) is named as the
  closest, labelled as a different product. A product listed for both genders (unisex) is said to be one style.

Every name and price comes from the catalog rows."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.core.catalog.tally import tallied
from bot.core.lookups import products_by_sku
from bot.core.state_followups import _about_new
from bot.core.turn import Turn, card, product_source
from bot.domain import Author, Flag, Intent, Reply, Request, RequestKind

ABOUT_ONE = re.compile(
    r"^\W*(?:(?:ok|okay|and|so|also|then|hmm|oh)\W+)*(?:(?:what|how) about|and|or)\s+(?:the\s+)?(?P<words>[\w' -]{2,60}?)"
    r"\s*(?:one|version|model|style)?\s*\W*$",
    re.I,
)
GENDER_VERSION = re.compile(
    r"\b(?P<g>womens|women's|women|ladies|mens|men's|men)\b\s*(?:version|one|model|equivalent|style|cut|fit)\b"
    r"|\bfor (?P<g2>women|ladies|men)\b",
    re.I,
)
ASKS_EXISTS = re.compile(
    r"\b(?:is there|do you have|do u have|got|any|have you got|what about|how about|whats|what's|and)\b", re.I
)
GENDER_WORDS = {"men's", "mens", "men", "women's", "womens", "women"}
FILLER = {"the", "a", "an", "one", "ones", "version", "model", "style", "that", "this"}
MAX_WORDS = 9


def _tokens(text: str) -> list[str]:
    return [w.strip("'").lower() for w in re.findall(r"[\w'-]+", text)]


def _name_words(product: dict[str, Any]) -> set[str]:
    return set(_tokens(f"{product.get('name', '')} {product.get('brand', '')}"))


def _under_discussion(turn: Turn, catalog: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    state = turn.state
    if not state.skus or state.last_kind != RequestKind.PRODUCT_FACT.value:
        return None
    return products_by_sku(catalog, state.skus[:1]).get(state.skus[0])


# brand and style words ("calvin", "klein", "juniper", "everett"...) and kind words ("jeans", "boots"...), tallied
# per catalog version: a reload updates them from the changed products only (at 50,000 products reading every
# product's name again was 11% of a reload's CPU)
_NAME_SIDE = tallied(lambda p: [*_tokens(str(p.get("brand") or "")), *_line(p)[:1]])  # the style: "Juniper" of ...
_KIND_SIDE = tallied(lambda p: [*_tokens(str(p.get("category") or "")), *_tokens(str(p.get("name") or ""))[-1:]])


def vocabulary(catalog: Sequence[dict[str, Any]]) -> tuple[frozenset[str], frozenset[str]]:
    """(brand and style words that are no kind word, kind words) of the catalog."""
    kinds = _KIND_SIDE.get(catalog)
    return _NAME_SIDE.get(catalog) - kinds, kinds


def other_named(text: str, current: dict[str, Any], catalog: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    """The one product "the calvin klein juniper one" means next to `current`, or None. The words must hold a
    brand or a style name (not only a kind, a colour or a material) and fit one product of the same kind as
    `current` (unless they name the kind), the same gender and style first."""
    m = ABOUT_ONE.match(text.strip())
    if m is None or len(_tokens(text)) > MAX_WORDS:
        return None
    words = [w for w in _tokens(m.group("words")) if w not in FILLER]
    names, kinds = vocabulary(catalog)
    if not words or any(w in GENDER_WORDS for w in words) or not any(w in names for w in words):
        return None
    if all(w in _name_words(current) for w in words):
        return None  # the words also fit the product under discussion
    fits = [p for p in catalog if p.get("sku") != current.get("sku") and set(words) <= _name_words(p)]
    if not any(w in kinds for w in words):  # "the everett one": of the kind under discussion (a cap is no belt)
        noun = _tokens(str(current.get("name")))[-1:]
        fits = [
            p for p in fits if p.get("category") == current.get("category") and _tokens(str(p.get("name")))[-1:] == noun
        ]
    if current.get("gender") in ("men", "women"):  # a women's product's "gap one" is never a men's
        fits = [p for p in fits if p.get("gender") in (current.get("gender"), "unisex")]
    same_gender = [p for p in fits if p.get("gender") == current.get("gender")] or fits
    style = _line(current)[:1]  # "the calvin klein one" after the Guess Camden dress: the Calvin Klein Camden
    same_style = [p for p in same_gender if style and style[0] in _tokens(str(p.get("name")))] or same_gender
    return same_style[0] if len(same_style) == 1 else None


def with_named_variant(text: str, turn: Turn, catalog: Sequence[dict[str, Any]]) -> str | None:
    """The shopper's earlier question asked again about the product "the X one" means, or None."""
    current = _under_discussion(turn, catalog)
    if current is None:
        return None
    other = other_named(text, current, catalog)
    if other is None:
        return None
    earlier = next((str(m.get("text", "")) for m in reversed(turn.history) if m.get("direction") == "in"), "")
    if not earlier:
        return None
    asked = _about_new(earlier, current, f"the {other['name']}")
    return asked if other["name"] in asked else f"tell me about the {other['name']}"


def _line(product: dict[str, Any]) -> list[str]:
    """The name without brand and gender: "Hudson Relaxed 5-Pocket Jeans"."""
    brand = set(_tokens(str(product.get("brand") or "")))
    return [w for w in _tokens(str(product.get("name") or "")) if w not in brand and w not in GENDER_WORDS]


def _wanted_gender(m: re.Match[str]) -> str:
    said = (m.group("g") or m.group("g2") or "").lower()
    return "women" if said.startswith(("wom", "lad")) else "men"


def gender_version_reply(turn: Turn, text: str, catalog: Sequence[dict[str, Any]]) -> tuple[Reply, Request] | None:
    """ "is there a womens version?" about the product under discussion, or None."""
    m = GENDER_VERSION.search(text)
    if m is None or not ASKS_EXISTS.search(text) or len(_tokens(text)) > MAX_WORDS:
        return None
    current = _under_discussion(turn, catalog)
    if current is None:
        return None
    wanted, name = _wanted_gender(m), current["name"]
    label = "women's" if wanted == "women" else "men's"
    if current.get("gender") == wanted:
        return None  # it is that gender's already: a question about it, the usual way
    if current.get("gender") not in ("men", "women"):
        said = (
            f"The {name} isn't listed for men or women only: it is one style, and we have no separate {label} version."
        )
        return _reply(said, [current], text)
    line = _line(current)
    same_line = [p for p in catalog if p.get("gender") == wanted and _line(p) == line]
    same_line.sort(key=lambda p: p.get("brand") != current.get("brand"))
    if same_line and same_line[0].get("brand") == current.get("brand"):
        found = same_line[0]
        return _reply(f"Yes, the {label} version is the {found['name']} ({_price(found)}).", [found], text)
    closest = same_line or _nearest_line(current, line, wanted, catalog)
    said = f"We don't have a {label} version of the {name}."
    if closest:
        other = closest[0]
        said += f" The closest is the {other['name']} ({_price(other)}), a different product by {other.get('brand')}."
    return _reply(said, closest[:1] or [current], text)


def _nearest_line(
    current: dict[str, Any], line: list[str], wanted: str, catalog: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The wanted gender's products of the same kind sharing the most name words with the line (its kind's own
    word aside: "Tapered" of "Camden Tapered Jeans"), the same brand first; [] when none shares one."""
    kind = set(_tokens(str(current.get("category") or "")))
    words = {w for w in line if w not in kind and w.rstrip("s") not in kind}
    scored = [
        (len(words & set(_tokens(str(p.get("name"))))), p.get("brand") == current.get("brand"), p)
        for p in catalog
        if p.get("gender") == wanted and p.get("category") == current.get("category")
    ]
    best = max((s for s, _b, _p in scored), default=0)
    top = [(b, p) for s, b, p in scored if s == best and best > 0]
    return [p for b, p in sorted(top, key=lambda t: not t[0])]


def _price(product: dict[str, Any]) -> str:
    return f"{float(product.get('price') or 0):.2f} {product.get('currency', 'USD')}"


def _reply(text: str, products: list[dict[str, Any]], asked: str) -> tuple[Reply, Request]:
    reply = Reply(
        text=text,
        sources=[product_source(p) for p in products],
        cards=[card(p) for p in products],
        flags={Flag.STRUCTURED, Flag.CATALOG},
        intent=Intent.PRODUCT_QUESTION,
        confidence=0.9,
    )
    reply.author = Author.TEMPLATE
    return reply, Request(RequestKind.PRODUCT_FACT, asked, skus=[str(products[0]["sku"])], followup=True)
