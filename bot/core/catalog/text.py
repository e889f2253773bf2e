"""The catalog's replies: a product line, what the shopper asked for in words, "we don't carry" with the
nearest real products, the reply to a discovery request, and two products compared. Prices come from the catalog."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from bot.core.catalog.attributes import BY_KEY, care_line, evidence, feature_words
from bot.core.catalog.carried import KIDS, genders_line
from bot.core.catalog.negation import said as negation_said
from bot.core.catalog.parse import Vocabulary
from bot.core.catalog.search import CatalogResult, in_stock, meeting, meets_feature, search, size_ok
from bot.core.catalog.words import KINDS, NOT_CARRIED, NOT_CARRIED_SEASON
from bot.domain import Constraints, Sort


def money(p: dict[str, Any]) -> str:
    """A product's price as written in replies."""
    return f"{float(p.get('price') or 0):.2f} {p.get('currency', 'USD')}"


def _listing(items: Sequence[str], conj: str = "and") -> str:
    items = [str(i) for i in items]
    if not items:
        return ""
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + f" {conj} " + items[-1]


def describe_wanted(c: Constraints, *, plural: bool = True, unisex_too: bool = False) -> str:
    """The shopper's request in words: "men's chinos in navy, in stock in size M, under 80.00 USD"; "men's and
    unisex t-shirts" when the list shown holds unisex pieces too (a list is headed by what it lists)."""
    kinds = [_plural(k) if plural else k for k in c.categories] or (["products"] if plural else ["product"])
    head = _listing(kinds)
    if c.brands:
        head = f"{_listing(c.brands)} {head}"
    if c.sort == Sort.RELEVANCE and c.materials:
        head = f"{_listing(c.materials)} {head}"
    before, after = feature_words(c.features)
    if before:
        head = f"{', '.join(before)} {head}"
    if c.gender in ("men", "women"):  # "men's sherpa jackets"
        head = f"{c.gender}'s {'and unisex ' if unisex_too else ''}{head}"
    elif c.gender == "unisex":
        head = f"unisex {head}"
    bits = [" ".join([head, *after, *ruled_out(c)])]
    bits += stock_and_budget_bits(c)
    return " ".join(bits[:1] + [", ".join(bits[1:])]).strip().rstrip(",") if len(bits) > 1 else bits[0]


def ruled_out(c: Constraints) -> list[str]:
    """ "(no real leather)", "(not by Guess)", "(in a colour other than black)": what the shopper ruled out."""
    said = [negation_said(x) for x in c.excluded]
    return [f"({', '.join(said)})"] if said else []


def shown_against_exclusions(p: dict[str, Any], c: Constraints | None) -> list[str]:
    """A list line's proof that it keeps out what was ruled out: its material, or its other colours."""
    if c is None or not c.excluded:
        return []
    out = []
    if any(x.startswith("material:") for x in c.excluded) and p.get("material"):
        out.append(str(p["material"]))
    for x in (x for x in c.excluded if x.startswith("colour:") and not c.colours):
        other = [str(k) for k in p.get("colors") or [] if x[7:] not in str(k).lower()]
        if other:
            out.append(f"in {_listing(other)}")
    return out


def _has_unisex(c: Constraints, shown: Sequence[dict[str, Any]]) -> bool:
    """A men's or women's list that shows unisex pieces too."""
    return c.gender in ("men", "women") and any(str(p.get("gender", "")).lower() == "unisex" for p in shown)


def _plural(kind: str) -> str:
    if kind.endswith("ss"):
        return kind + "es"
    return kind if kind.endswith("s") else kind + "s"


def product_line(p: dict[str, Any], c: Constraints | None = None) -> str:
    """One list line: name, price, and what the shopper filtered on."""
    unisex = c is not None and c.gender in ("men", "women") and str(p.get("gender", "")).lower() == "unisex"
    bits = [f"{p['name']}{' (unisex)' if unisex else ''} - {money(p)}"]  # shown for "men's": for everyone, said so
    if p.get("rating"):
        bits.append(f"rated {float(p['rating']):.1f}/5")
    if c is not None and c.colours:
        have = [x for x in p.get("colors") or [] if any(k in str(x).lower() for k in c.colours)]
        if have:
            bits.append(f"in {_listing(have)}")
    bits += shown_against_exclusions(p, c)
    if c is not None and c.size and size_ok(p, c.size):
        bits.append(f"size {c.size} in stock")
    elif not in_stock(p):
        bits.append("currently out of stock")
    for f in c.features if c is not None else []:  # an attribute filtered on: what the listing says about it
        if f in BY_KEY and (shown := evidence(p, BY_KEY[f]) or (care_line(p) if BY_KEY[f].care else "")):
            said = shown.rstrip(".")
            if said not in bits:  # "vegan leather" already shown as the material a negation asked to see
                bits.append(f"{'care' if BY_KEY[f].care else 'listed'}: {said}")
    return ", ".join(bits)


def not_carried_line(c: Constraints, catalog: Sequence[dict[str, Any]]) -> str:
    """ "We don't carry Adidas." with what the shop does carry."""
    vocab = Vocabulary.of(catalog)
    parts = []
    if c.missing_brands:
        parts.append(
            f"We don't carry {_listing(c.missing_brands, 'or')}. The brands we carry are {_listing(sorted(vocab.brands))}."
        )
    if c.missing_categories:
        parts.append(f"We don't sell {_listing(c.missing_categories, 'or')}.")  # every one asked, "X or Y"
    if KIDS in c.missing_categories and (line := genders_line(catalog)):
        parts.append(line)
    return " ".join(parts)


def _named_with(p: dict[str, Any], sort: Sort) -> str:
    """ "Guess Men's Dover Jacket (189.99 USD)", with the rating when the order is by rating."""
    if sort == Sort.BEST_RATED and p.get("rating"):
        return f"{p['name']} (rated {float(p['rating']):.1f}/5, {money(p)})"
    return f"{p['name']} ({money(p)})"


def nearest_for_missing(
    c: Constraints, catalog: Sequence[dict[str, Any]], *, limit: int = 3
) -> tuple[list[dict[str, Any]], str]:
    """Nearest real products for a missing brand or category, and their label ("" when none fits)."""
    kinds = [NOT_CARRIED.get(m, "") for m in c.missing_categories]
    kinds = list(dict.fromkeys(k for k in kinds if k and k in KINDS))  # "sweatpants or joggers": chinos once
    if c.missing_categories and not kinds:
        return _nearest_for_season(c, catalog, limit=limit)
    near = Constraints(
        categories=kinds or list(c.categories),
        features=[f for f in c.features if f in OCCASIONS],  # "shorts for summer": summer chinos
        gender=c.gender,
        colours=list(c.colours),
        size=c.size,
        min_price=c.min_price,
        max_price=c.max_price,
        sort=c.sort,
    )
    if not near.categories:
        return [], ""  # "Do you carry Adidas?": the brands we carry answer it; arbitrary products would not
    result = search(catalog, near, limit=limit)
    picks = result.matches or result.alternatives
    if not picks:
        return [], ""
    if result.matches:
        return picks, f"The nearest we have ({describe_wanted(near)} from the brands we carry)"
    kinds_text = _listing([_plural(k) for k in near.categories])
    return picks, f"The nearest we have ({kinds_text} from the brands we carry; {unmet_text(result.relaxed, c, picks)})"


def _nearest_for_season(
    c: Constraints, catalog: Sequence[dict[str, Any]], *, limit: int
) -> tuple[list[dict[str, Any]], str]:
    """ "Any bikinis?": no kind is near, but the season the thing is for is a catalog tag (summer): those
    products, labelled as not being what was asked for; ([], "") for anything else."""
    season = next((NOT_CARRIED_SEASON[m] for m in c.missing_categories if m in NOT_CARRIED_SEASON), "")
    if not season:
        return [], ""
    said = " ".join(c.missing_categories)
    gender = c.gender or ("men" if "trunks" in said or "shorts" in said else "women" if "bikini" in said else None)
    near = Constraints(features=[season], gender=gender, size=c.size, max_price=c.max_price, in_stock=True)
    picks = search(catalog, near, limit=limit).matches
    label = f"\nThe nearest we have ({describe_wanted(near)}; not {_listing(c.missing_categories, 'or')})"
    return (picks, label) if picks else ([], "")


_UNMET = {
    "feature": "the feature",
    "colour": "the colour",
    "size": "the size",
    "price": "the price",
    "material": "the material",
    "gender": "the fit",
    "stock": "the stock",
    "brand": "the brand",
    "category": "the kind",
}


OCCASIONS = ("winter", "summer", "office", "formal", "party", "vacation", "outdoor", "workwear")
# how "Some of our shirts are ..." says an occasion
_OCCASION_SAID = {
    "office": "for the office",
    "formal": "formal",
    "party": "for parties",
    "workwear": "workwear",
    "outdoor": "for the outdoors",
}


def unchecked_line(unchecked: Sequence[str]) -> str:
    """ "Our listings don't record an inseam ..." for stated constraints no product field holds."""
    what = _listing(unchecked)
    return (
        f"Our product listings don't record {what}, so I can't check that for you "
        "(a person from our team can help with it)."
    )


def unmet_text(relaxed: Sequence[str], c: Constraints, shown: Sequence[dict[str, Any]] | None = None) -> str:
    """What the alternatives do not meet: "their listings don't say machine washable; they don't match the size".
    With the products `shown`, a feature is said to be missing only when none of them has it ("aren't listed as
    warm" under a list holding an insulated parka was false), and "not all" when only some lack it."""
    parts = []
    features = list(c.features) if "feature" in relaxed else []
    none_have, some_lack = features, []
    if shown:
        none_have = [f for f in features if not any(meets_feature(p, f) for p in shown)]
        some_lack = [f for f in features if f not in none_have and not all(meets_feature(p, f) for p in shown)]
    attrs = [f for f in none_have if f in BY_KEY]
    if attrs:
        parts.append(f"their listings don't say {_listing([BY_KEY[f].yes for f in attrs])}")
    styles = [f for f in none_have if f not in BY_KEY]
    if styles:
        parts.append(f"they aren't listed as {_listing(styles)}")
    if some_lack:
        parts.append(f"not all of them are listed as {_listing(some_lack)}")
    rest = [_UNMET[r] for r in relaxed if r != "feature"]
    if rest:
        parts.append(f"they don't match {_listing(rest)}")
    return "; ".join(parts)


def discovery_text(
    c: Constraints, result: CatalogResult, catalog: Sequence[dict[str, Any]]
) -> tuple[str, list[dict[str, Any]]]:
    """The reply to a discovery request, and the products it shows."""
    prefix = not_carried_line(c, catalog)
    if prefix and c.missing_categories and c.categories:  # "socks or boxers?": the boxers said, the socks listed
        text, shown = discovery_text(replace(c, missing_categories=[], missing_brands=[]), result, catalog)
        return f"{prefix}\n{text}", shown
    if prefix:
        picks, label = nearest_for_missing(c, catalog)
        if picks:  # a label on a line of its own keeps "We don't sell X." whole as the reply's first line
            sep = "" if label.startswith("\n") else " "
            return f"{prefix}{sep}{label}:\n" + "\n".join(f"- {product_line(p, c)}" for p in picks), picks
        return prefix, []
    if c.unchecked:  # "jeans with a 32 inseam": said plainly, never answered as if it were checked
        text, shown = discovery_text(replace(c, unchecked=[]), result, catalog)
        return f"{unchecked_line(c.unchecked)} {text}", shown
    wanted = describe_wanted(c, unisex_too=_has_unisex(c, result.matches))
    if result.matches:
        lead = {
            Sort.CHEAPEST: "the cheapest",
            Sort.PRICIEST: "the most expensive",
            Sort.BEST_RATED: "the best rated",
        }.get(c.sort, "")
        n = len(result.matches)
        if result.total == 1:
            head = f"We have one: {product_line(result.matches[0], c)}."
            return head, result.matches
        described = all(f in BY_KEY or f in OCCASIONS for f in c.features)  # not "are rain"
        if c.features and c.categories and not lead and described and "warm" not in c.features and result.total > n:
            base = Constraints(categories=list(c.categories), gender=c.gender, brands=list(c.brands))
            every = result.total == len(meeting(catalog, base))
            have = _listing([BY_KEY[f].yes if f in BY_KEY else _OCCASION_SAID.get(f, f"for {f}") for f in c.features])
            head = f"{'All' if every else 'Some'} of our {describe_wanted(base)} are {have}. Here are {'some' if n > 1 else 'one'}:"
        elif lead:  # the one asked for is named first, then the list
            head = f"Of our {wanted}, {lead} is the {_named_with(result.matches[0], c.sort)}. The top {n}:"
        elif result.total == n:  # "Here are all our jeans in stock in size 32, within your budget:"
            budget = (
                "," in wanted or "budget" in wanted or "price" in wanted
            )  # "... within your budget we have" reads badly
            head = f"Here are all our {wanted}:" if budget else f"Here are the {wanted} we have:"
        else:
            head = f"Here are {n} of our {wanted}:"
        return head + "\n" + "\n".join(f"- {product_line(p, c)}" for p in result.matches), result.matches
    if c.size and (past := past_the_range(c, catalog)) is not None:  # "a 3XL in shirts": they stop at XXL
        return past
    if c.size and (other := other_sizes(c, catalog)):  # "linen shirt in L": the linen one, in the sizes it has
        lines = "\n".join(f"- {_in_sizes(p)}" for p in other)
        return f"Sorry, we don't have any {wanted}. In other sizes we have:\n{lines}", other
    if (theirs := _other_gender(c, catalog)) is not None:  # "women's vegan leather jackets": the men's ones
        return theirs
    if result.alternatives:
        unmet = unmet_text(result.relaxed, c, result.alternatives)
        head = f"Sorry, we don't have any {wanted}. The nearest we have ({unmet}):"
        return head + "\n" + "\n".join(f"- {product_line(p, c)}" for p in result.alternatives), result.alternatives
    return f"Sorry, we don't have any {wanted}.", []


def _other_gender(c: Constraints, catalog: Sequence[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]] | None:
    """Nothing of the stated gender is of the material asked, but the other gender's products are: named as theirs
    (a shopper asking for women's vegan leather jackets learns the vegan ones are men's), never as hers."""
    if c.gender not in ("men", "women") or not c.materials:  # a style only the other gender has: the nearest of hers
        return None
    theirs = search(catalog, replace(c, gender=None), limit=3).matches
    if not theirs:
        return None
    other = "men" if c.gender == "women" else "women"
    lines = "\n".join(f"- {product_line(p, c)}" for p in theirs)
    return f"Sorry, we don't have any {describe_wanted(c)}. The ones we have are {other}'s:\n{lines}", theirs


_LETTERS = ("XXS", "XS", "S", "M", "L", "XL", "XXL", "XXXL", "XXXXL")


def _rank(size: str) -> tuple[str, float] | None:
    """A size's place on its own scale: letters in order, numbers by value."""
    up = str(size).upper()
    if up in _LETTERS:
        return "letter", float(_LETTERS.index(up))
    try:
        return "number", float(up)
    except ValueError:
        return None


def past_the_range(c: Constraints, catalog: Sequence[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]] | None:
    """A size past every size the kind comes in ("a 3XL in shirts": they go up to XXL), said with the sizes at that
    end in stock; None when some product comes in the size or it lies inside the range."""
    asked = _rank(str(c.size))
    base = replace(c, size=None, in_stock=False)
    offered = {str(s) for p in meeting(catalog, base) for s in p.get("sizes") or []}
    if asked is None or not offered or str(c.size).upper() in {s.upper() for s in offered}:
        return None
    ranked = sorted((r[1], s) for s in offered if (r := _rank(s)) is not None and r[0] == asked[0])
    if not ranked or ranked[0][0] <= asked[1] <= ranked[-1][0]:
        return None
    edge, said = (ranked[-1][1], "go up to") if asked[1] > ranked[-1][0] else (ranked[0][1], "start at")
    head = f"Our {describe_wanted(base)} {said} size {edge}; none comes in {c.size}."
    at_edge = replace(c, size=edge, in_stock=True)
    picks = search(catalog, at_edge).matches
    if not picks:
        return head, []
    return f"{head} In size {edge} we have:\n" + "\n".join(f"- {product_line(p, at_edge)}" for p in picks), picks


def other_sizes(c: Constraints, catalog: Sequence[dict[str, Any]], limit: int = 3) -> list[dict[str, Any]]:
    """Products meeting everything asked but the size, in stock in some other size (best first)."""
    return search(catalog, replace(c, size=None, in_stock=True), limit=limit).matches


def _in_sizes(p: dict[str, Any]) -> str:
    """ "Tommy Hilfiger Men's Everett Linen Button-Up Shirt - 75.99 USD, in stock in sizes M and XL" """
    stock = p.get("stock") if isinstance(p.get("stock"), dict) else {}
    have = [str(s) for s, q in (stock or {}).items() if int(q or 0) > 0]
    sizes = f", in stock in size{'s' if len(have) > 1 else ''} {_listing(have)}" if have else ""
    return f"{p['name']} - {money(p)}{sizes}"


def stock_and_budget_bits(c: Constraints) -> list[str]:
    """The colour, size/stock and budget constraints in words ("in navy", "in stock in size M", "within your budget")."""
    bits = []
    if c.colours:
        bits.append("in " + " or ".join(c.colours))
    if c.size:
        bits.append(f"in stock in size {c.size}")
    elif c.in_stock:
        bits.append("in stock")
    # the shopper's own budget is not repeated as a price: "within your budget" says it without a new number
    if c.min_price is not None and c.max_price is not None:
        bits.append("in your price range")
    elif c.max_price is not None:
        bits.append("within your budget")
    elif c.min_price is not None:
        bits.append("above the price you gave")
    return bits
