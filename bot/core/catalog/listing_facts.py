"""Facts about one product that its listing may or may not give: a heel height, where it is made, its weight,
"real linen or a blend", "do they bag out at the knees?". The answer is the listing's own words when it has them
("The listing says: ..."), else "the listing doesn't give X" with what it does say on the subject. Never a spec
dump, never a guess."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from bot.core.catalog.attributes import care_line
from bot.core.catalog.concepts import concept_answer
from bot.core.catalog.plain import material_plain, season_answer, warm_answer


@dataclass(frozen=True, slots=True)
class Spec:
    """A measurement or fact some shoppers ask and listings rarely give."""

    name: str  # "the heel height"
    asked: re.Pattern[str]
    related: re.Pattern[str]  # listing text that bears on it ("block heel"); quoted when the exact fact is absent


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


SPECS: tuple[Spec, ...] = (
    Spec(
        "the heel height",
        _p(
            r"\bheel\s*h(?:ei|ie|i)g?h?t\b|\bhow (?:high|tall|big) (?:is|are) (?:the )?heels?\b|\bheels? (?:are )?(?:too )?high\b"
        ),
        _p(r"\bheels?\b"),
    ),
    Spec(
        "the shaft height",
        _p(r"\bshaft\b|\bcalf (?:width|circumference|size)\b|\bhow (?:high|far) up (?:do|does) (?:they|it)\b"),
        _p(r"\bknee-high\b|\bankle\b|\bshaft\b|\bside zip\b"),
    ),
    Spec(
        "where it is made",
        _p(
            r"\bwhere (?:is|are|was|were) (?:it|they|this|these|that|those|the [^?]{1,80}?) (?:made|manufactured|produced|from)\b"
            r"|\bmade in (?:which|what)\b|\b(?:country|place) of (?:origin|manufacture)\b|\bwhere (?:do|does) (?:it|they) come from\b"
            r"|\bwho (?:makes|manufactures)\b|\bmanufactur\w+ (?:country|location)\b"
        ),
        _p(r"\bmade in\b|\bimported\b|\borigin\b"),
    ),
    Spec(
        "the weight",
        _p(r"\bhow (?:heavy|light) (?:is|are)\b|\bweigh(?:s|t)?\b|\bgrams?\b|\bounces?\b|\bgsm\b"),
        _p(r"\blightweight\b|\bheavyweight\b|\bweight\b"),
    ),
    Spec(
        "the inseam",
        _p(r"\binseam\b|\binside leg\b|\bleg length\b"),
        _p(r"\binseam\b"),
    ),
    Spec(
        "the sleeve length",
        _p(r"\bsleeve length\b|\bhow long (?:are|is) the sleeves?\b|\barm length\b"),
        _p(r"\bsleeves?\b"),
    ),
    Spec(
        "the length",
        _p(r"\bhow long is (?:it|the (?:dress|coat|jacket|shirt|sweater))\b|\b(?:dress|coat|jacket) length\b"),
        _p(r"\b(?:midi|maxi|mini|knee|long|cropped|length)\b"),
    ),
)
# "is it real linen or a blend?", "pure wool?", "genuine leather?": the material field answers it
_MATERIAL_ASKED = _p(
    r"\b(?:real|pure|genuine|100\s?%|all|full)\s+(linen|wool|leather|cotton|cashmere|silk|merino|suede|down|denim)\b"
    r"|\b(?:a |an )?blend\b|\bsynthetic\b|\bwhat(?:'s| is) (?:it|the \w+) made (?:of|from)\b"
)
_STOP = frozenset(
    re.findall(
        r"\S+",
        "the a an and or but do does did is are was were be been it they them this these that those there their its "
        "you your yours i me my we our what whats what's which who how when where why will would can could should "
        "have has had get got need want like with without for from of on in at to by about just really any some "
        "much many more most very too also not no yes out up down one ones pair size sizes price cost stock "
        "available colour color colours colors come comes made material fabric listing product please thanks "
        "tell know say says said does doesn't dont don't isn't rating rated review reviews good nice "
        "black white navy blue grey gray green brown red pink beige olive khaki tan camel",
    )
)


def _tokens(text: str) -> set[str]:
    words = re.findall(r"[a-z][a-z'-]+", text.lower())
    return {w.rstrip("s") if len(w) > 4 else w for w in words if len(w) > 2 and w not in _STOP}


def _sentences(p: dict[str, Any]) -> list[str]:
    return [s for s in re.split(r"(?<=[.!?])\s+", str(p.get("description") or "")) if s.strip()]


def _quote(s: str) -> str:
    return s.strip().rstrip(".")


def _what_it_says(p: dict[str, Any], spec: Spec) -> str:
    """The listing's text on the subject (tags and sentences that mention it), else ''."""
    tags = [str(t) for t in p.get("tags") or [] if spec.related.search(str(t))]
    said = [s for s in _sentences(p) if spec.related.search(s)]
    bits = ["it lists " + " and ".join(f'"{t}"' for t in tags)] if tags else []
    bits += [f'it says "{_quote(s)}"' for s in said[:1]]
    return "; ".join(bits)


def spec_answer(p: dict[str, Any], text: str) -> str | None:
    """A spec asked about the product ("the heel height", "where it is made"): the listing's sentence that gives
    it, or "the listing doesn't give it" plus what it says on the subject; None when no spec is asked."""
    name = str(p.get("name") or "")
    asked = [s for s in SPECS if s.asked.search(text)]
    if not asked:
        return None
    out = []
    for spec in asked:
        exact = [s for s in _sentences(p) if spec.related.search(s) and re.search(r"\d", s)]
        if exact and spec.name in ("the inseam", "the length", "the sleeve length"):
            out.append(f'The listing for the {name} says: "{_quote(exact[0])}".')
            continue
        said = _what_it_says(p, spec)
        out.append(f"The listing for the {name} doesn't give {spec.name}" + (f"; {said}." if said else "."))
    return " ".join(out)


def material_answer(p: dict[str, Any], text: str) -> str | None:
    """ "Is it real linen or a blend?": the material as the listing gives it."""
    m = _MATERIAL_ASKED.search(text)
    if not m or not p.get("material"):
        return None
    material = str(p["material"])
    fibre = (m.group(1) or "").lower()
    if fibre and re.match(rf"100\s?%\s*{fibre}\b[^,]*$", material.strip(), re.I):
        blend = ", not a blend" if re.search(r"\bblend\b", text, re.I) else ""
        return f"The {p['name']} is {material} (the listing's material){blend}."
    return f"The listing gives the material of the {p['name']} as {material}."


def listing_sentence(p: dict[str, Any], text: str) -> str | None:
    """The description sentence that answers a question in the shopper's own words ("do they bag out at the
    knees?" -> "... so they won't bag out at the knees."): it must share at least one word with the question
    beyond the product's name and the words of a price, stock or size question."""
    own = " ".join([str(p.get("name") or ""), str(p.get("brand") or ""), " ".join(p.get("colors") or [])])
    asked = {w for w in _tokens(text) - _tokens(own) if not re.fullmatch(r"x*[sml]|xx?l|\d+", w)}
    if not asked:
        return None
    best, score = "", 0
    for s in [*_sentences(p), f"Care: {care_line(p)}." if care_line(p) else ""]:
        shared = len(asked & _tokens(s))
        if shared > score:
            best, score = s, shared
    if score == 0:
        return None
    return f'The listing for the {p["name"]} says: "{_quote(best)}".'


_GROUP_TAGS = frozenset(
    ("men", "women", "unisex", "tops", "bottoms", "footwear", "outerwear", "dresses", "accessories")
)
_YES_NO = re.compile(r"^\W*(?:and |so |but |ok |okay )?(?:is|are|does|do|will|would|can|could|has|have)\b", re.I)


def listing_silent(p: dict[str, Any], text: str, policy: re.Pattern[str]) -> str | None:
    """A yes/no question about the product that nothing in its listing answers ("is the sweater itchy?"):
    "the listing doesn't say", with the material and care line it does give. None for a policy question
    ("can I return the ...?" is the policy's) or when the question asks nothing beyond the product's name."""
    if not _YES_NO.search(text) or policy.search(text):
        return None
    own = " ".join([str(p.get("name") or ""), str(p.get("brand") or ""), str(p.get("category") or "")])
    if not _tokens(text) - _tokens(own):
        return None
    bits = [f"the material ({p['material']})"] if p.get("material") else []
    if care := care_line(p):
        bits.append(f"the care line ({care})")
    tags = [str(t) for t in p.get("tags") or [] if str(t) not in _GROUP_TAGS]
    if tags:
        bits.append(f"the tags {', '.join(tags)}")
    gives = f" It gives {' and '.join(bits)}." if bits else ""
    return f"The listing for the {p['name']} doesn't say.{gives} A person from our team can check it for you."


def listing_answer(p: dict[str, Any], text: str) -> str | None:
    """A spec, the material or a listing sentence asked about the product, in that order; None when none is."""
    parts = [
        x
        for x in (
            spec_answer(p, text),
            material_plain(p, text) or material_answer(p, text),
            warm_answer(p, text) or season_answer(p, text) or concept_answer(p, text),  # "to the office?": workwear
        )
        if x
    ]
    if parts:
        return " ".join(parts)
    return None
