"""Two products compared on the attribute the shopper asked ("which is better in the rain, A or B?", "which one
can go in the washer?"): each side's own evidence, said plainly, before the side-by-side rows."""

from __future__ import annotations

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
