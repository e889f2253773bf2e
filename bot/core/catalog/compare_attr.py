"""Two products compared on the attribute the shopper asked ("which is better in the rain, A or B?", "which one
can go in the washer?"): each side's own evidence, said plainly, before the side-by-side rows."""

from __future__ import annotations

import re
from typing import Any

from bot.core.catalog.attributes import asked_attributes, care_line, evidence


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
_LIKED_MORE = re.compile(
    r"\b(?:(?:customers|people|shoppers|buyers) (?:like|prefer|rate)\w* (?:more|better|higher)|liked (?:more|better)"
    r"|more liked|(?:better|higher|best)[- ]reviewed|better reviews?|rated (?:higher|better))\b",
    re.I,
)


def _light_words(p: dict[str, Any]) -> list[str]:
    said = [str(t) for t in p.get("tags") or [] if _LIGHT_WORDS.search(str(t))]
    return said + [w.lower() for w in _LIGHT_WORDS.findall(str(p.get("description") or "")) if w.lower() not in said]


def measure_verdict(a: dict[str, Any], b: dict[str, Any], question: str) -> str:
    """ "Which is lighter, A or B?": the listings give no weights, so that is said, with the words they do use
    ("lightweight", "packable") for each side; "which do customers like more?": the two ratings. '' otherwise."""
    if _LIGHTER.search(question):
        out = "Our listings don't give the weight of either."
        la, lb = _light_words(a), _light_words(b)
        for p, words in ((a, la), (b, lb)):
            if words:
                out += f" The {p['name']} is listed as {' and '.join(dict.fromkeys(words))}."
        if bool(la) != bool(lb):
            out += f" The {(b if la else a)['name']} is not."
        return out
    if _LIKED_MORE.search(question) and a.get("rating") and b.get("rating"):
        ra, rb = float(a["rating"]), float(b["rating"])
        if ra == rb:
            return f"Customers rate both {ra:.1f} out of 5."
        best, other = (a, b) if ra > rb else (b, a)
        return (
            f"Customers rate the {best['name']} higher: {float(best['rating']):.1f} out of 5, against "
            f"{float(other['rating']):.1f} for the {other['name']}."
        )
    return ""
