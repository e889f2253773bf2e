"""Body measurements mapped to a size through the size guide's own tables, then the kind asked listed in that size:
"what size dress shirt? mens, 15.5 neck and about 39 inch chest" is a men's M (neck 15–15.5, chest 38–40), not "no
shirts in size 15.5"; "my husband needs a belt, his jeans are a 32" is a belt in M (31–33). The rows are read from
the page at run time (tops: chest by gender and men's neck; dresses: bust, waist, hips; belts: the jeans waist
sentence); the shopper's own numbers are never repeated, only the guide's ranges. A measurement between two rows
is said to be between those sizes with the guide's rule; one past the largest row says the largest size there is."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from bot.core.catalog.honest_list import discover
from bot.core.catalog.measures import measures
from bot.core.eu_sizes import convert, scale_asked
from bot.core.kind_facts import listed_reply
from bot.core.policy_tables import Page, find, table
from bot.core.ports import KnowledgePort
from bot.core.turn import Turn, hit_source
from bot.domain import Author, Flag, IntentPrediction, Reply, Request, RequestKind

_TOPS = ("shirt", "t-shirt", "sweater", "jacket", "coat")
_BELT = re.compile(r"\bbelts?\b", re.I)
_RANGE = re.compile(r"(\d+(?:\.\d+)?)\s*[–-]\s*(\d+(?:\.\d+)?)")


@dataclass(slots=True)
class Fit:
    """What the guide says for the measurements: each part's size (or sizes, between two), and the ranges said."""

    sizes: list[str]
    said: list[str]
    page: Page
    rule: str = ""  # the guide's rule for someone between two sizes


def _span(cell: str) -> tuple[float, float] | None:
    m = _RANGE.search(cell)
    if m:
        return float(m.group(1)), float(m.group(2))
    one = re.search(r"\d+(?:\.\d+)?", cell)
    return (float(one.group(0)),) * 2 if one else None


def _size_for(rows: list[tuple[str, str]], value: float) -> tuple[list[str], str]:
    """The size(s) whose range holds the value: one row, two (between them), or the end row past the table."""
    spans = [(size, cell, s) for size, cell in rows if (s := _span(cell)) is not None]
    for size, cell, (lo, hi) in spans:
        if lo <= value <= hi:
            return [size], cell
    for (a, cell_a, (_, hi)), (b, cell_b, (lo, _)) in zip(spans, spans[1:], strict=False):
        if hi < value < lo:
            return [a, b], f"{cell_a} and {cell_b}"
    if spans and value > spans[-1][2][1]:
        return [spans[-1][0] + "+"], spans[-1][1]
    return ([spans[0][0] + "-"], spans[0][1]) if spans else ([], "")


def _column(rows: list[dict[str, str]], part: str, gender: str | None) -> str | None:
    """The table's column for a body part ("chest (men's)" for a man's chest, "neck (men's shirts)")."""
    heads = [h for h in (rows[0] if rows else {}) if h.startswith(part)]
    if len(heads) <= 1:
        return heads[0] if heads else None
    wanted = "women" if gender == "women" else "men"
    return next((h for h in heads if re.search(rf"\b{wanted}'s\b", h)), None)


def _belt_rows(page: Page) -> list[tuple[str, str]]:
    """ "S fits 28–30, M 31–33, L 34–36 and XL 38–40 inches" as (size, range) pairs."""
    said = page.first(r"\bbelts?\b.*\d+\s*[–-]\s*\d+")
    return re.findall(r"\b(XXS|XS|S|M|L|XL|XXL)\b(?:\s+fits)?\s+(\d+(?:\.\d+)?\s*[–-]\s*\d+(?:\.\d+)?)", said)


def guide_fit(kb: KnowledgePort, kinds: list[str], text: str, gender: str | None) -> Fit | None:
    """The size guide's size for the stated measurements and kind, or None when it has no rows for them."""
    stated = measures(text)
    if not stated:
        return None
    if _BELT.search(text) and "waist" in stated:
        page = find(kb, "Size guide belts pick your jeans waist size", r"\bbelts?\b.*\bwaist\b")
        sizes, cell = _size_for(_belt_rows(page), stated["waist"])
        return Fit(sizes, [f"waist {cell} in"], page) if sizes else None
    dress = "dress" in kinds or ("bust" in stated and not set(kinds) & set(_TOPS))
    if dress:
        page = find(kb, "Size guide dresses bust waist hips", r"\|\s*Bust\b")
        parts = ["bust", "waist", "hips"]
    elif not kinds or set(kinds) & set(_TOPS):
        page = find(kb, "Size guide tops shirts chest neck sleeve length", r"\|\s*Chest\b")
        parts = ["neck", "chest"]
        gender = gender or ("men" if "neck" in stated else None)
    else:
        return None
    rows = table(page.text)
    if not rows or (not dress and gender is None):
        return None
    each = []
    for part in (p for p in parts if p in stated):
        column = _column(rows, part, gender)
        if column is not None:
            each.append((part, *_size_for([(r.get("size", ""), r.get(column, "")) for r in rows], stated[part])))
    sizes = list(dict.fromkeys(s for _, found, _ in each for s in found))
    if not sizes:
        return None
    # "neck 16–16.5 in for L, chest 44–46 in for XL" where the parts disagree
    said = [
        f"{part} {cell} in" + (f" for {found[0]}" if len(sizes) > 1 == len(found) else "") for part, found, cell in each
    ]
    rule = find(kb, "Size guide fit between two sizes", r"between two sizes").first(r"between two sizes")
    return Fit(sizes, said, page, rule if len(sizes) > 1 else "")


def _fit_sentence(fit: Fit, kinds: list[str], gender: str | None) -> str:
    ranges = ", ".join(fit.said)
    if len(fit.sizes) == 1 and fit.sizes[0][-1] in "+-":
        end = "largest" if fit.sizes[0].endswith("+") else "smallest"
        return f"Those measurements are past our size guide's {end} size, {fit.sizes[0][:-1]} ({ranges})."
    if len(fit.sizes) > 1:
        between = " and ".join(s.rstrip("+-") for s in fit.sizes)
        return f"In our size guide, those measurements fall between {between} ({ranges}). {fit.rule}".strip()
    if kinds == ["belt"]:
        return f"In our size guide, that waist is belt size {fit.sizes[0]} ({ranges})."
    whose = f"a {gender}'s" if gender in ("men", "women") and "dress" not in kinds else "an"
    return f"In our size guide, those measurements are {whose} {fit.sizes[0]} ({ranges})."


def measured_size_reply(
    kb: KnowledgePort, turn: Turn, req: Request, pred: IntentPrediction, catalog: Sequence[dict[str, Any]]
) -> Reply | None:
    """A size asked by body measurements: the guide's size, then the kind asked in stock in it (the search becomes
    the turn's request, so "brown, and the cheapest one" narrows it); None when no measurement maps to a size."""
    if req.kind not in (RequestKind.DISCOVERY, RequestKind.POLICY):
        return None
    if (scaled := scale_search_reply(kb, turn, req, pred, catalog)) is not None:
        return scaled  # "womens boots in EU 39": the guide's US size, then the boots in stock in it
    text = req.text
    c = req.constraints
    kinds = ["belt"] if _BELT.search(text) else [k for k in c.categories if k != "jeans" or len(c.categories) == 1]
    fit = guide_fit(kb, kinds, text, c.gender)
    if fit is None and c.gender is None and "dress" not in kinds:  # "a 39 chest": a men's M or a women's L
        return _either_gender(kb, kinds, text, pred)
    if fit is None:
        return None
    gender = c.gender or ("men" if "neck" in measures(text) and "dress" not in kinds else None)
    said = _fit_sentence(fit, kinds, gender)
    sources = [hit_source(fit.page.hit)] if fit.page.hit is not None else []
    shown: list[dict[str, Any]] = []
    searched = replace(c, categories=kinds, size=None, unchecked=[])
    if len(fit.sizes) == 1 and fit.sizes[0][-1] not in "+-" and kinds:
        searched = replace(searched, size=fit.sizes[0], in_stock=True, gender=gender)
        listed, shown, _ = discover(catalog, searched, "")
        said = f"{said}\n{listed}"
    reply = listed_reply(said, sources, shown, pred)
    turn.request = Request(RequestKind.DISCOVERY, text, constraints=searched)
    return reply


def measured_size(kb: KnowledgePort, product: dict[str, Any], text: str) -> tuple[str | None, str]:
    """ "Is the X shirt in stock in my size? I'm a 17 neck": the size guide's size for the product's kind and gender
    (None between two sizes or past the table) and the guide's sentence; (None, "") when no measurement maps."""
    kind = str(product.get("category") or "")
    kinds = ["belt"] if kind == "accessories" and _BELT.search(str(product.get("name") or "")) else [kind]
    if kind in ("jeans", "chinos") or not measures(text):  # their size is the waist itself
        return None, ""
    said_gender = str(product.get("gender") or "").lower()
    gender = said_gender if said_gender in ("men", "women") else None
    fit = guide_fit(kb, kinds, text, gender)
    if fit is None:
        return None, ""
    said = _fit_sentence(fit, kinds, gender).replace("those measurements are", "that is")
    one = len(fit.sizes) == 1 and fit.sizes[0][-1] not in "+-"
    return (fit.sizes[0] if one else None), said


def _either_gender(kb: KnowledgePort, kinds: list[str], text: str, pred: IntentPrediction) -> Reply | None:
    fits = [(g, guide_fit(kb, kinds, text, g)) for g in ("men", "women")]
    if not all(f is not None and len(f.sizes) == 1 and f.sizes[0][-1] not in "+-" for _, f in fits):
        return None
    said = " or ".join(f"a {g}'s {f.sizes[0]} ({', '.join(f.said)})" for g, f in fits if f is not None)
    page = fits[0][1].page if fits[0][1] is not None else None
    return Reply(
        text=f"In our size guide, those measurements are {said}. Say men's or women's and I can list what is in stock in that size.",
        sources=[hit_source(page.hit)] if page is not None and page.hit is not None else [],
        flags={Flag.STRUCTURED, Flag.FROM_DATA},
        intent=pred.intent,
        confidence=max(pred.confidence, 0.9),
        author=Author.TEMPLATE,
    )


def scale_search_reply(
    kb: KnowledgePort, turn: Turn, req: Request, pred: IntentPrediction, catalog: Sequence[dict[str, Any]]
) -> Reply | None:
    """ "womens boots in EU 39", "mens boots size 44 eu": the guide's US size for the search's gender, then the boots
    in stock in it; a size both genders' tables hold, with no gender said, is asked back; a size, scale or kind the
    guide does not convert is said so with its sentence on US sizes. None when no size in another scale or no kind."""
    asked = scale_asked(req.text)
    c = req.constraints
    if asked is None or not c.categories:
        return None
    conv = convert(kb, asked, c.gender, "boots" if "boots" in c.categories else c.categories[0])
    sources = [hit_source(conv.page.hit)] if conv.page.hit is not None else []
    genders = sorted({w for _s, w in conv.sizes})
    if len(genders) > 1:  # "boots in EU 40": a men's 7 or a women's 9
        said = f"{conv.said} Say men's or women's and I can list the boots in stock in that size."
        return listed_reply(said, sources, [], pred)
    if not conv.sizes:
        return listed_reply(conv.said, sources, [], pred)
    sizes = [s for s, _w in conv.sizes]
    gender = c.gender or genders[0].removesuffix("'s")
    searched = replace(c, size=sizes[0] if len(sizes) == 1 else None, in_stock=True, gender=gender, unchecked=[])
    listed, shown, _ = discover(catalog, searched, "")
    turn.request = Request(RequestKind.DISCOVERY, req.text, constraints=searched)
    return listed_reply(f"{conv.said}\n{listed}", sources, shown, pred)
