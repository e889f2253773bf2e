"""Attribute questions about a product ("is it waterproof?", "will it shrink?", "is it machine washable?"),
answered from the product's own fields: its tags, material, description and care line. Yes only when the data
says so; otherwise "the listing doesn't say", with what it does say (material and care line). Never a guess.

The same evidence filters a catalog search ("machine washable sweaters"), so a stated attribute is either met
by the data or said to be unmet."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.core.catalog.concepts import concept_answer
from bot.core.catalog.name_text import without_name as _without_name
from bot.core.catalog.plain import care_no, closure_no, fit_answer


@dataclass(frozen=True, slots=True)
class Attribute:
    """One attribute: the words that ask about it, the product text that shows it, and how the reply says it."""

    key: str  # also the feature name a search carries ("machine washable")
    asked: re.Pattern[str]
    shown: re.Pattern[str]  # evidence in the product's tags, material, name or description
    yes: str  # "is waterproof" / "are waterproof": the verb is chosen from the name
    missing: str  # what the listing does not mention: "a waterproof build"
    near: re.Pattern[str] | None = None  # weaker evidence said as such ("water-resistant", not waterproof)
    care: bool = False  # read from the care line: a care line that lacks it says how to care instead
    suffix: str = ""  # how a search names it when it is not an adjective: "boots in a wide width"


def feature_words(features: Sequence[str]) -> tuple[list[str], list[str]]:
    """How a search names its features: adjectives before the kind, the rest after ("hooded jackets with pockets")."""
    before = [f for f in features if f not in BY_KEY or not BY_KEY[f].suffix]
    return before, [BY_KEY[f].suffix for f in features if f in BY_KEY and BY_KEY[f].suffix]


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


# the care line, where the listing has one, is the data for washing questions
CARE = re.compile(r"\bCare: ([^.]+)\.")

ATTRIBUTES: tuple[Attribute, ...] = (
    Attribute(
        "waterproof",
        _p(
            r"\bwater[- ]?proof\b|\brain[- ]?proof\b|\bkeeps? (?:my feet|me|them|you) dry\b|\bin (?:the )?rain\b"
            r"|\b(?:won'?t|wont|doesn'?t|don'?t|never) let (?:the |any )?(?:water|rain|wet)\b|\bkeeps? (?:the )?(?:water|rain|wet) out\b"
            r"|\b(?:for|good in) (?:the )?rain\b|\brainy (?:days?|weather)\b"
        ),
        _p(r"\bwaterproof\b"),
        "waterproof",
        "a waterproof build",
        near=_p(r"\bwater[- ](?:resistant|repellent)\b"),
    ),
    Attribute(
        "water-resistant",
        _p(r"\bwater[- ](?:resistant|repellent)\b|\bshowerproof\b"),
        _p(r"\bwater[- ](?:resistant|repellent)\b|\bwaterproof\b"),
        "water-resistant",
        "water resistance",
    ),
    Attribute(
        "lined",
        _p(r"\blined\b|\blining\b"),
        _p(r"\blined\b|\blining\b"),
        "lined",
        "a lining",
    ),
    Attribute(
        "wide width",
        _p(r"\bwide[- ](?:width|widths|fit|feet|foot|sizes?)\b|\bin (?:a )?wide\b(?![- ]leg)|\bEE\b"),
        _p(r"\bwide[- ]widths?\b"),
        "available in a wide width",
        "a wide width",
        suffix="in a wide width",
    ),
    Attribute(
        "pre-shrunk",
        _p(r"\bshrink\w*\b|\bshrunk\b|\bpre-?shrunk\b"),
        _p(r"\bpre-?shrunk\b"),
        "pre-shrunk",
        "shrinkage or pre-shrinking",
    ),
    Attribute(
        "machine washable",
        _p(
            r"\bmachine[- ]?wash\w*\b|\bwashing machine\b|\b(?:in|into) the (?:wash|washer|machine)\b|\bwashable\b"
            r"|\bcan (?:i|you) wash\b|\b(?:i|you) can (?:just )?wash\b|\bwash (?:it |them )?at home\b"
        ),
        _p(r"\bmachine wash\b"),
        "machine washable",
        "machine washing",
        care=True,
    ),
    Attribute(
        "hand wash",
        _p(r"\bhand[- ]?wash\w*\b"),
        _p(r"\bhand wash\b"),
        "hand washable",
        "hand washing",
        care=True,
    ),
    Attribute(
        "tumble dry",
        _p(r"\btumble[- ]?dr(?:y|ied|ier|ying)\b|\b(?:in|into) the dryer\b|\bdryer\b"),
        _p(r"\btumble dry\b"),
        "fine to tumble dry",
        "tumble drying",
        care=True,
        suffix="that can be tumble dried",
    ),
    Attribute(
        "dry clean",
        _p(r"\bdry[- ]?clean\w*\b"),
        _p(r"\bdry clean\b"),
        "dry cleanable",
        "dry cleaning",
        care=True,
        suffix="that can be dry cleaned",
    ),
    Attribute(
        "stretch",
        _p(r"\bstretch(?:y|es)?\b|\belastic\b|\bgive to (?:it|them)\b|\bwith (?:some|a bit of|a little) give\b"),
        _p(r"\bstretch\b|\belastane\b|\bspandex\b"),
        "stretchy",
        "stretch",
    ),
    Attribute(
        "insulated",
        _p(r"\binsulat\w*\b|\bpadded\b"),
        _p(r"\binsulat\w*\b|\bdown fill\b|\b\d+-fill down\b|\bquilted\b"),
        "insulated",
        "insulation",
    ),
    Attribute(
        "wrinkle-resistant",
        _p(
            r"\bwrinkl\w*\b|\bcrease\w*\b|\bnon-?iron\b|\bneed(?:s)? ironing\b|\b(?:have|need) to iron\b|\biron (?:it|them)\b"
        ),
        _p(r"\bwrinkle-resistant\b|\bnon-iron\b"),
        "wrinkle-resistant",
        "wrinkle resistance",
    ),
    Attribute(
        "true to size",
        _p(r"\btrue to size\b|\brun(?:s)? (?:small|large|big|narrow)\b|\bsize up\b|\bsize down\b"),
        _p(r"\b(?:fits )?true to size\b"),
        "listed as fitting true to size",
        "how it fits",
        suffix="that fit true to size",
    ),
    Attribute(  # "slim or regular fit?", "what fit is it?": the cut its tags give, never "doesn't say" over one
        "cut",
        _p(
            r"\b(?:slim|regular|relaxed|skinny|loose|oversized|straight)(?:[- ]fit)?\s+or\s+(?:a\s+)?(?:slim|regular|relaxed|"
            r"skinny|loose|oversized|straight)\b|\bwhat (?:kind of |sort of )?(?:fit|cut)\b|\bwhich fit\b"
            r"|\b(?:is it|are they|is this|are these) (?:a )?(?:slim|regular|relaxed|oversized)[- ]fit\b"
        ),
        _p(r"\b(?:slim|regular|relaxed|oversized) fit\b"),
        "cut",
        "the fit (slim, regular or relaxed)",
    ),
    Attribute(
        "care",
        _p(
            r"\bhow (?:do|should|can|to) (?:i |you |we )?(?:wash|clean|care for|launder)\b|\bcare (?:instructions|label|line)\b"
            r"|\bwash(?:ing)? instructions\b|\bhow (?:is|are) (?:it|they|this|these) (?:washed|cleaned)\b"
        ),
        _p(r"\S"),
        "",
        "a care line",
        care=True,
        suffix="with a care line",
    ),
    Attribute("hood", _p(r"\bhood(?:ed)?\b"), _p(r"\bhood(?:ed)?\b"), "hooded", "a hood", suffix="with a hood"),
    Attribute(
        "pockets", _p(r"\bpockets?\b"), _p(r"\bpockets?\b"), "made with pockets", "pockets", suffix="with pockets"
    ),
    Attribute(
        "zip",
        _p(r"\bzip(?:s|per|pers|ped)?\b"),
        _p(r"\b(?:side|back|front|full|half|asymmetric|two-way)[- ]zip\b|\bzip(?:per)?[- ](?:front|closure|up)\b"),
        "made with a zip",
        "a zip closure",
    ),
    Attribute(
        "slip-resistant",
        _p(
            r"\bslip[- ]?(?:resistant|proof)\b|\bnon-?slip\b|\bslippery\b|\bgrip\b"
            r"|\b(?:won'?t|wont|don'?t|dont|doesn'?t|not|never) slip\b"
        ),
        _p(r"\bslip-resistant\b"),
        "slip-resistant",
        "a slip-resistant sole",
    ),
    Attribute(
        "touchscreen",
        _p(  # "work with my phone screen", "can I text with them", "swipe on my phone": touchscreen use asked plainly
            r"\btouch[- ]?screens?\b|\bphone[- ](?:screens?|friendly)\b"
            r"|\b(?:use|using|works?|working|operate|compatible|swip\w*|scroll\w*|tap|tapping|text|texting|typ\w*)\b"
            r"(?:\s+(?!or\b|and\b)[\w']+){0,3}?\s+(?:phones?|smart ?phones?|iphones?|cell ?phones?|mobiles?|screens?)\b"
            r"|\b(?:text|texting|type|typing|scroll|scrolling|swipe|swiping) (?:with|in|while wearing) (?:them|these|those|it|gloves)\b"
            r"|\bfor (?:texting|scrolling|swiping)\b"
        ),
        _p(r"\btouch ?screen"),
        "touchscreen-friendly",
        "touchscreen use",
        suffix="that work with touchscreens",
    ),
    Attribute("breathable", _p(r"\bbreathab\w*\b"), _p(r"\bbreathable\b"), "breathable", "breathability"),
    Attribute("windproof", _p(r"\bwind[- ]?proof\b|\bwind\b"), _p(r"\bwindproof\b"), "windproof", "wind protection"),
    Attribute("packable", _p(r"\bpackable\b|\bpacks? (?:down|away)\b"), _p(r"\bpackable\b"), "packable", "packing"),
    Attribute("vegan", _p(r"\bvegan\b|\banimal[- ]free\b"), _p(r"\bvegan\b"), "vegan", "whether it is vegan"),
    Attribute("organic", _p(r"\borganic\b"), _p(r"\borganic\b"), "organic", "organic material"),
    Attribute(
        "recycled",
        _p(r"\brecycled\b"),
        _p(r"\brecycled\b"),
        "made with recycled material",
        "recycled material",
        suffix="made with recycled material",
    ),
)
BY_KEY = {a.key: a for a in ATTRIBUTES}


def asked_attributes(text: str) -> list[Attribute]:
    """The attributes a message asks about ("is it waterproof and lined?"), in the catalog's terms."""
    low = text.replace("’", "'")
    found = [a for a in ATTRIBUTES if a.asked.search(low)]
    keys = {a.key for a in found}
    if "waterproof" in keys:  # "waterproof" asked: water resistance is its weaker answer, not a second question
        found = [a for a in found if a.key != "water-resistant"]
    if "hand wash" in keys and not re.search(r"\bmachine\b", low):  # "hand washable": not a machine question
        found = [a for a in found if a.key != "machine washable"]
    if "machine washable" in keys and "dry clean" in keys and re.search(r"\bor\b", low):
        found = [a for a in found if a.key != "dry clean"]  # "machine wash or dry clean?": the care line answers both
    return found


def care_line(p: dict[str, Any]) -> str:
    """The product's care line without its fit note ("machine wash cold, tumble dry low"), or ''."""
    m = CARE.search(str(p.get("description") or ""))
    if not m:
        return ""
    return re.sub(r";\s*(?:fits )?true to size.*$", "", m.group(1)).strip()


def _fields(p: dict[str, Any]) -> list[str]:
    """The product's own texts, one per tag, field and description sentence (evidence is quoted from these)."""
    desc = re.split(r"(?<=[.!?])\s+", str(p.get("description") or ""))
    return [str(p.get("material") or "")] + desc + [str(t) for t in p.get("tags") or []] + [str(p.get("name") or "")]


def evidence(p: dict[str, Any], attr: Attribute) -> str:
    """The product text that shows the attribute ('' when none does)."""
    if attr.care:
        line = care_line(p)
        return line if attr.shown.search(line) else ""
    return next((f for f in _fields(p) if f and attr.shown.search(f)), "")


def has(p: dict[str, Any], key: str) -> bool:
    """The product's data shows the attribute (a search filter: unknown keys never match)."""
    attr = BY_KEY.get(key)
    return bool(attr and evidence(p, attr))


def _is_plural(p: dict[str, Any]) -> bool:
    name = str(p.get("name") or "").lower()
    return bool(re.search(r"(?:jeans|chinos|boots|gloves|socks|trousers|pants)$", name))


def _quote(text: str) -> str:
    text = text.strip().rstrip(".")
    return text[:1].upper() + text[1:]


# "is it itchy?", "are they see-through?": an adjective the table above does not know is looked up as a word
_ANY_ADJECTIVE = re.compile(
    r"^\W*(?:and |so |but )?(?:is|are) (?:the )?(?:it|they|this|these|that|those|first|second|third|last|other)"
    r"(?: one| ones| pair)? (?:very |too )?"
    r"([a-z][a-z-]{3,20})(?: at all| enough)?\s*\??\s*$",
    re.I,
)
_NOT_ATTRIBUTES = frozenset(
    re.findall(
        r"\S+",
        "available sold stocked expensive cheap cheaper pricey affordable worth good nice popular returnable refundable "
        "exchangeable delivered shipped shipping coming arriving back still there here true real genuine authentic made "
        "small large medium big tight loose long short narrow wide comfortable better best similar same different new "
        "sale discounted included free right correct okay stock black white navy blue grey gray green brown beige pink olive "
        "khaki camel burgundy cream charcoal purple yellow orange indigo",
    )
)


def _any_adjective(text: str) -> Attribute | None:
    m = _ANY_ADJECTIVE.search(text)
    word = m.group(1).lower() if m else ""
    if not word or word in _NOT_ATTRIBUTES:
        return None
    plain = re.escape(word)
    return Attribute(word, _p(rf"\b{plain}\b"), _p(rf"\b{plain}\b"), word, f'"{word}"')


def attribute_answer(p: dict[str, Any], text: str) -> str | None:
    """The answer to the attribute questions in `text` about one product, or None when none is asked."""
    asked = asked_attributes(_without_name(text, str(p.get("name", ""))))
    if not asked and concept_answer(p, text) is not None:
        return None  # "are they ripped?": the listing's tags answer it (never "doesn't mention" a distressed pair)
    if not asked and (adjective := _any_adjective(_without_name(text, str(p.get("name", "")), "it"))) is not None:
        asked = [adjective]
    if not asked:
        return None
    answers = [_one(p, a, text) for a in asked]
    return " ".join(answers) + (
        " A person from our team can check anything the listing doesn't cover."
        if any("doesn't" in a for a in answers)
        else ""
    )


def _one(p: dict[str, Any], attr: Attribute, text: str = "") -> str:
    name = str(p["name"])
    verb = "are" if _is_plural(p) else "is"
    found = evidence(p, attr)
    if found:
        if attr.key == "care":
            return f'The care line for the {name} says: "{_quote(found)}".'
        if attr.key == "true to size":  # "does it run small?": a plain no, from the listing's fit note
            return fit_answer(p, text, found)
        if attr.key == "cut":  # "slim or regular fit?": the cut, not a "Yes"
            cut = m.group(0).lower() if (m := attr.shown.search(found)) else found.lower()
            return f"The {name} {verb} a {cut} (its listing says {cut})."
        if attr.care:
            return f'Yes, the {name} {verb} {attr.yes}: the care line says "{_quote(found)}".'
        return f'Yes, the {name} {verb} {attr.yes} (the listing says "{_quote(found)}").'
    if attr.key == "true to size":
        return fit_answer(p, text, "")
    if (no := care_no(p, attr.key, care_line(p))) is not None:  # "machine washable?" with "hand wash cold"
        return no
    near = next((f for f in _fields(p) if attr.near and f and attr.near.search(f)), "") if attr.near else ""
    if near:
        return f'The {name} {verb} not listed as {attr.yes}; the listing says "{_quote(near)}".'
    if attr.key == "zip" and (closes := closure_no(p, [f for f in _fields(p) if re.search(r"\bzip", f, re.I)])):
        return f"The listing for the {name} doesn't mention a zip closure: {closes}."
    said = _what_it_says(p, attr)
    return f"The listing for the {name} doesn't mention {attr.missing}." + (f" It says: {said}." if said else "")


def _what_it_says(p: dict[str, Any], attr: Attribute) -> str:
    """The material and the care line: what the listing does say that bears on most attribute questions."""
    bits = []
    if p.get("material"):
        bits.append(f"material {p['material']}")
    care = care_line(p) if attr.care or attr.key in ("pre-shrunk", "wrinkle-resistant") else ""  # only when asked
    if care:
        bits.append(f"care {care}")
    elif attr.care:
        bits.append("no care line")
    return "; ".join(bits)


def attribute_list_answer(products: Sequence[dict[str, Any]], text: str) -> str | None:
    """The attribute questions in `text` about each product of a list just shown ("are any of them lined?")."""
    asked = asked_attributes(text)
    if not asked or not products:
        return None
    lines = []
    for attr in asked:
        yes = [p for p in products if evidence(p, attr)]
        no = [p for p in products if not evidence(p, attr)]
        if yes and not no:
            lines.append(f"All of them list {attr.key}: " + "; ".join(_named_evidence(p, attr) for p in yes) + ".")
        elif yes:
            lines.append(
                f"Of the ones I showed, these list {attr.key}: "
                + "; ".join(_named_evidence(p, attr) for p in yes)
                + f". The listings for {_names(no)} don't mention {attr.missing}."
            )
        else:
            lines.append(f"None of the listings I showed ({_names(no)}) mention {attr.missing}.")
    return " ".join(lines)


def _named_evidence(p: dict[str, Any], attr: Attribute) -> str:
    return f'the {p["name"]} ("{_quote(evidence(p, attr))}")'


def _names(products: Sequence[dict[str, Any]]) -> str:
    names = [f"the {p['name']}" for p in products]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
