"""A fibre asked whole ("100% cashmere", "pure wool", "all-cotton tees", "entirely linen"): the search keeps only
listings whose material field is wholly that fibre (`composition`: "100% cashmere", "cashmere", "lambswool" for
wool), never a blend ("cotton-cashmere blend", "80% wool, 20% nylon") nor a product with the fibre only as a lining
("lambskin leather with cashmere lining"). The list then says which of the others with the fibre are not wholly it,
each with its material, and with none wholly of it those are the nearest, labelled as blends. A constraint reads
"pure cashmere" in `Constraints.materials`; "cashmere sweaters" keeps matching every listing with the word."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from typing import Any

from bot.core.catalog.composition import composition
from bot.core.catalog.words import KIND_WORDS
from bot.domain import Constraints

PURE = "pure "
# fibres a material field can be wholly made of (not leather: "real leather" is genuine vs fake, `negation`)
_FIBRES = ("wool", "merino", "cashmere", "cotton", "linen", "polyester", "nylon", "silk")
_FIBRE = "|".join(_FIBRES)
_KINDS = "|".join(p for p, _ in KIND_WORDS)
# the qualifier, then the fibres said together ("100% merino wool"); "all" only hyphenated or not before a kind:
# "something all wool" and "all-cotton tees" are wholly, "show me all cotton shirts" is every cotton shirt
_WHOLE = re.compile(
    rf"\b(?:(?:pure|100\s?%|100 ?percent|a hundred percent|entirely|completely|wholly)\s+|all-|all\s+(?=(?:{_FIBRE})"
    rf"(?:[\s-]+(?:{_FIBRE}))*\b(?![\s-]+(?:{_KINDS})\b)))((?:{_FIBRE})(?:[\s-]+(?:{_FIBRE}))*)\b",
    re.I,
)
# a blend refused ("real linen, not a blend", "no blends", "non-blended", "unblended"): every fibre named is asked whole
_NO_BLEND = re.compile(
    r"\b(?:not|no|non|without(?: any)?|aren'?t|isn'?t|never)[\s-]+(?:a\s+)?blend(?:s|ed)?\b|\bunblended\b|\bblend[\s-]free\b",
    re.I,
)


def wholly(low: str, materials: Sequence[str]) -> list[str]:
    """The materials with those asked whole marked pure ("100% cashmere" -> "pure cashmere"); fibres said together
    are the first one ("100% merino wool" -> "pure merino", which "100% merino wool" and "merino wool knit" are); a blend
    refused ("linen, not a blend") asks every fibre named whole."""
    groups = [re.split(r"[\s-]+", m.group(1).lower()) for m in _WHOLE.finditer(low)]
    if _NO_BLEND.search(low):
        groups += [[m] for m in materials if m in _FIBRES]
    heads, rest = {g[0] for g in groups}, {w for g in groups for w in g[1:]}
    return [f"{PURE}{m}" if m in heads else m for m in materials if m in heads or m not in rest]


def made_of(p: dict[str, Any], material: str) -> bool:
    """The product is of this material as the search checks it: "pure X" wholly X by its material field, else the
    word in its material or name."""
    if material.startswith(PURE):
        return composition(str(p.get("material") or ""), material[len(PURE) :])[0] == "pure"
    return material in (str(p.get("material", "")) + " " + str(p.get("name", ""))).lower()


def plain(materials: Sequence[str]) -> list[str]:
    """The fibres without "pure": what a care line or a blend is looked up by."""
    return [m.removeprefix(PURE) for m in materials]


def with_material(reply: str, shown: Sequence[dict[str, Any]], c: Constraints, line: Any) -> str:
    """Each line of a list for a fibre asked whole shows the material field that makes it so."""
    if not any(m.startswith(PURE) for m in c.materials):
        return reply
    for p in shown:
        said = line(p, c)
        reply = reply.replace(said, f"{said}, {p.get('material')}", 1)
    return reply


def _not_whole(p: dict[str, Any], fibres: Sequence[str]) -> str:
    """ "a blend", or "the cashmere is only the lining", from the material field."""
    material = str(p.get("material") or "")
    for fibre in fibres:
        kind, role = composition(material, fibre)
        if kind == "part":
            return f"the {fibre} is only the {role}"
    return "a blend"


def blends_note(
    catalog: Sequence[dict[str, Any]], c: Constraints, shown: Sequence[dict[str, Any]]
) -> tuple[str, list[dict[str, Any]]]:
    """For a fibre asked whole, the others with the fibre, each with its material: under a list, ("\nThe other
    women's cashmere products are not 100% cashmere: ...", []); with nothing wholly of it, ("Sorry, we don't have
    any ... The nearest have cashmere but are not 100% cashmere: ...", those products). ('', []) when no fibre was
    asked whole or no other product has it."""
    from bot.core.catalog.concepts import SOFT  # search and text read this module: imported here
    from bot.core.catalog.search import search
    from bot.core.catalog.text import describe_wanted, product_line

    fibres = [m.removeprefix(PURE) for m in c.materials if m.startswith(PURE)]
    if not fibres:
        return "", []
    loose = replace(c, materials=plain(c.materials), features=[f for f in c.features if f not in SOFT])
    seen = {str(p.get("sku")) for p in shown}
    found = search(catalog, loose, limit=len(seen) + 12).matches
    others = [p for p in found if str(p.get("sku")) not in seen and not any(made_of(p, m) for m in c.materials)]
    others = sorted(others, key=lambda p: _not_whole(p, fibres) != "a blend")[:4]  # blends first, then linings
    if not others:
        return "", []
    wanted = "100% " + " or ".join(fibres)
    lines = "\n".join(f"- {product_line(p, loose)} ({p.get('material')}: {_not_whole(p, fibres)})" for p in others)
    if shown:
        said = Constraints(categories=list(c.categories), brands=list(c.brands), gender=c.gender, materials=fibres)
        return f"\nThe other {describe_wanted(said)} are not {wanted}:\n{lines}", []
    head = (
        f"Sorry, we don't have any {describe_wanted(c)}. The nearest have {' or '.join(fibres)} but are not {wanted}:"
    )
    return f"{head}\n{lines}", others
