"""Is a product all of one fibre, a blend, or does the fibre only line or fill it? Read from the material field, so
"is it real cashmere?" on a cotton-cashmere blend is a no with the composition, never a yes because the word is
there ("cotton-cashmere blend", "80% wool, 20% nylon", "lambskin leather with cashmere lining")."""

from __future__ import annotations

import re

# a fibre and the words that name the same fibre in a material field ("100% merino wool" is all wool)
_FAMILY = {
    "wool": ("wool", "merino", "lambswool"),
    "merino": ("merino", "wool"),
    "lambswool": ("lambswool", "wool"),
    "cotton": ("cotton", "denim", "twill", "jersey", "corduroy", "chambray", "poplin", "oxford", "flannel"),
    "denim": ("denim", "cotton"),
    "leather": ("leather", "lambskin", "suede", "nubuck", "full-grain", "cowhide"),
    "suede": ("suede", "leather"),
    "nubuck": ("nubuck", "leather"),
}
# fibres that make a material a blend when they appear beside the asked one
_FIBRES = (
    "wool|merino|lambswool|cashmere|cotton|linen|silk|alpaca|mohair|polyester|nylon|elastane|spandex|lycra|modal"
    "|rayon|viscose|acrylic|rubber|leather|suede|nubuck|down|fleece|polyurethane"
)


def _names(fibre: str) -> tuple[str, ...]:
    return _FAMILY.get(fibre, (fibre,))


def _has(text: str, fibre: str) -> bool:
    return any(re.search(rf"(?<![a-z]){re.escape(w)}\b", text, re.I) for w in _names(fibre))


def composition(material: str, fibre: str) -> tuple[str, str]:
    """("absent", ""), ("pure", ""), ("blend", "") or ("part", "lining"/"fill"/...) for the asked fibre."""
    fibre = fibre.lower()
    if not _has(material, fibre):
        return "absent", ""
    main, _, extra = material.lower().partition(" with ")
    shell = re.match(r"(?P<main>[^,]*\bshell\b[^,]*),\s*(?P<extra>.+)$", main)  # "nylon shell, 650-fill down"
    if shell and _has(shell.group("extra"), fibre) and not _has(shell.group("main"), fibre):
        role = re.search(r"\b(fill|insulation|lining)\b", shell.group("extra"))
        return "part", role.group(1) if role else "fill"
    if not _has(main, fibre):
        role = re.search(r"(?:^|\s)(lining|fill|trim|collar|cuffs|insulation|shell|sole|lined)\b", extra)
        return "part", role.group(1) if role else "trim"
    family = set(_names(fibre))
    others = [w for w in re.findall(rf"(?<![a-z])({_FIBRES})\b", main) if w not in family]
    shares = [int(n) for n in re.findall(rf"(\d{{1,3}})\s?%\s*(?:[a-z-]+\s+)?(?:{'|'.join(family)})\b", main)]
    if re.search(r"\bblend\b", main) or others or any(n < 100 for n in shares):
        return "blend", ""
    return "pure", ""


# "real cashmere", "pure wool", "100% linen", "all cotton", "genuine leather": a question about the whole fibre
_ALL_OF = re.compile(
    r"\b(?:real|genuine|actual|authentic|proper|true|natural|pure|solid|entirely|completely|all|full|100\s?%|"
    r"100 percent|a hundred percent)\s+(" + _FIBRES + r"|denim|lambskin)\b",
    re.I,
)


def asked_all_of(text: str) -> tuple[str, str] | None:
    """(the qualifier as asked, the fibre) for "real cashmere?", "100% wool?"; None when not asked."""
    m = _ALL_OF.search(text)
    if m is None:
        return None
    qualifier = m.group(0)[: -len(m.group(1))].strip().lower()
    return qualifier, m.group(1).lower()


def all_of_answer(name: str, verb: str, material: str, text: str) -> str | None:
    """ "Is it real cashmere?" -> "No, the X is cotton-cashmere blend: a blend, not pure cashmere." for a blend,
    "Yes" for a material all of that fibre, and where the fibre is only a lining or fill, that. None when the
    question does not ask about the whole fibre or names a fibre the material lacks (the caller says so)."""
    asked = asked_all_of(text)
    if asked is None:
        return None
    qualifier, fibre = asked
    kind, role = composition(material, fibre)
    leathery = fibre in ("leather", "suede", "nubuck", "lambskin")
    pure = qualifier if qualifier in ("pure", "100%", "100 percent", "entirely", "completely", "all") else "pure"
    if kind == "blend" and not (leathery and qualifier not in ("pure", "100%", "100 percent", "all")):
        return f"No, the {name} {verb} {material}: a blend, not {pure} {fibre}."
    if kind == "part":
        return f"The {name} {verb} {material}: the {fibre} is the {role}, not the main material."
    if kind == "pure" and not leathery:
        blend = ", not a blend" if re.search(r"\bblend\b", text, re.I) else ""
        return f"Yes, the {name} {verb} {material}{blend}."
    return None
