"""Two products compared on the attribute the shopper asked ("which is better in the rain, A or B?", "which one
can go in the washer?"): each side's own evidence, said plainly, before the side-by-side rows."""

from __future__ import annotations

import re
from typing import Any

from bot.core.catalog.attributes import asked_attributes, care_line, evidence
from bot.core.catalog.composition import asked_all_of, composition


def attribute_verdict(a: dict[str, Any], b: dict[str, Any], question: str) -> str:
    """One sentence per asked attribute: which of the two the listing shows it for ('' when none is asked)."""
    out = []
    for attr in asked_attributes(question)[:2]:
        if attr.key == "care":
            out.append(
                f"Care: the {a['name']}: {care_line(a) or 'no care line'}; the {b['name']}: {care_line(b) or 'no care line'}."
            )
            continue
        ya, yb = bool(evidence(a, attr)), bool(evidence(b, attr))
        label = attr.yes or attr.key
        if ya and yb:
            out.append(f"Both are listed as {label}.")
        elif ya or yb:
            yes, no = (a, b) if ya else (b, a)
            said = care_line(no) if attr.care and care_line(no) else ""
            tail = f' (its care line says "{said}")' if said else ""
            out.append(f"The {yes['name']} is listed as {label}; the {no['name']} is not{tail}.")
        elif attr.care and care_line(a) and care_line(b):  # "which can go in the washer?": neither, and why
            out.append(f'Neither: the care lines say "{care_line(a)}" and "{care_line(b)}".')
        else:
            out.append(f"Neither listing mentions {attr.missing}.")
    return " ".join(out)


_LIGHTER = re.compile(
    r"\b(?:lighter|lightest|heavier|heaviest|weighs? (?:less|more)|less heavy|more lightweight)\b", re.I
)
_LIGHT_WORDS = re.compile(r"\b(?:lightweight|packable|heavyweight)\b", re.I)


def _light_words(p: dict[str, Any]) -> list[str]:
    said = [str(t) for t in p.get("tags") or [] if _LIGHT_WORDS.search(str(t))]
    return said + [w.lower() for w in _LIGHT_WORDS.findall(str(p.get("description") or "")) if w.lower() not in said]


def measure_verdict(a: dict[str, Any], b: dict[str, Any], question: str) -> str:
    """ "Which is lighter, A or B?": the listings give no weights, so that is said, with the words they do use
    ("lightweight", "packable") for each side. '' otherwise."""
    if _LIGHTER.search(question):
        out = "Our listings don't give the weight of either."
        la, lb = _light_words(a), _light_words(b)
        for p, words in ((a, la), (b, lb)):
            if words:
                out += f" The {p['name']} is listed as {' and '.join(dict.fromkeys(words))}."
        if bool(la) != bool(lb):
            out += f" The {(b if la else a)['name']} is not."
        return out
    return ""


_FIBRES = r"cashmere|merino|lambswool|wool|cotton|linen|silk|leather|suede|nubuck|denim|corduroy"
# "which one is cashmere", "is A or B made of wool", "... the Sutton cardigan cashmere?": the fibre is what is asked
# "both wool right?", "they're both leather, yes?": the fibre said of both, and a check asked after it
_FIBRE_ASKED = re.compile(
    rf"\b(?:is|are|made (?:of|from|with|in)|uses?)\s+(?:(?:it|they|both|either)\s+)?({_FIBRES})\b"
    rf"|\b({_FIBRES})\s*(?:,?\s*(?:right|correct|yes|yeah|too|as well|no|or not))?\s*[?.!]*\s*$"
    rf"|\bboth (?:of (?:them|these|those) )?(?:are |real |pure |100% )?({_FIBRES})\b",
    re.I,
)


def _asked_fibre(question: str) -> str | None:
    """The fibre a "which is (real) cashmere?" asks about: qualified ("real", "100%"), after "is" / "made of",
    or the question's last word; None when no fibre is asked (a fibre word inside a name is no question)."""
    if (asked := asked_all_of(question)) is not None:
        return asked[1]
    m = _FIBRE_ASKED.search(question)
    return next(g for g in m.groups() if g).lower() if m else None


def _made_of(p: dict[str, Any], fibre: str) -> tuple[bool, str]:
    """(all of the fibre?, the side's material said with what the fibre is in it)."""
    material = str(p.get("material") or "")
    kind, role = composition(material, fibre)
    if kind == "pure":
        return True, f"the {p['name']} is {material}"
    if kind == "blend":
        return False, f"the {p['name']} is {material} (a blend, not all {fibre})"
    if kind == "part":
        return False, f"the {p['name']} is {material} (the {fibre} is only the {role})"
    return False, f"the {p['name']} is {material}, no {fibre}" if material else f"the {p['name']} lists no material"


def material_verdict(a: dict[str, Any], b: dict[str, Any], question: str) -> str:
    """ "Which one is actual cashmere, A or B?": each side's material field read for that fibre, then which is all
    of it. '' when no fibre is asked."""
    fibre = _asked_fibre(question)
    if fibre is None:
        return ""
    (pure_a, said_a), (pure_b, said_b) = _made_of(a, fibre), _made_of(b, fibre)
    said = f"{said_a[0].upper()}{said_a[1:]}; {said_b}."
    if pure_a and pure_b:
        return f"{said} Both are all {fibre}."
    if pure_a or pure_b:
        return f"{said} So only the {(a if pure_a else b)['name']} is all {fibre}."
    return f"{said} Neither is all {fibre}."


# "what are they made of?", "what material is each?": each side's material field
_MADE_OF = re.compile(
    r"\bwhat (?:are|is) (?:they|both|each|these|those|either|the two)(?: of them)? made (?:of|from|with|out of)\b"
    r"|\bwhat (?:material|fabric)s?\b|\bmade (?:of|from) what\b",
    re.I,
)


def made_of_verdict(a: dict[str, Any], b: dict[str, Any], question: str) -> str:
    """ "A or B, what are they made of?": both sides' material, as listed ('' when not asked, or when a fibre is
    asked: `material_verdict` reads each side for it)."""
    if not _MADE_OF.search(question) or _asked_fibre(question) is not None:
        return ""
    if a.get("material") and str(a["material"]).lower() == str(b.get("material") or "").lower():
        return f"Both are {a['material']}."
    said = [
        f"the {p['name']} is {p['material']}" if p.get("material") else f"the {p['name']} lists no material"
        for p in (a, b)
    ]
    return f"{said[0][0].upper()}{said[0][1:]}; {said[1]}."
