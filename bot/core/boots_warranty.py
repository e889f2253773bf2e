"""Boots that came apart after some wear ("my boots sole is coming off and i only bought them like 8 months ago. is
that covered?"): the boots warranty as the care page words it, whether the time the shopper says they have had them
is inside the period the rule names (read from the rule: "a 1-year warranty from the purchase date"), the defect
the shopper describes when the rule names it ("such as sole separation or broken stitching"), and that the pages
give no steps for a claim, so a person takes it. Nothing here knows the period or the defects: both are the
sentence's own, read at run time. A jacket or a shirt (no warranty on the pages) is not this case."""

from __future__ import annotations

import datetime as dt
import re

from bot.core.bought_when import AGO, elapsed_days
from bot.core.policy_tables import Page, find
from bot.core.ports import KnowledgePort
from bot.core.shop_day import shop_today

BOOTS = re.compile(r"\bboots?\b", re.I)
# the shopper's words for boots coming apart with wear (not "arrived damaged")
CAME_APART = re.compile(
    r"\bsoles?\b[^.?!]{0,30}?\b(?:com(?:e|es|ing)|came|peel\w*|fall\w*|fell|separat\w*|detach\w*|unglued|split\w*"
    r"|crack\w*|loose)\b|\b(?:stitch\w*|seams?)\b[^.?!]{0,30}?\b(?:broke\w*|came|com(?:e|es|ing)|undone|split\w*"
    r"|rip\w*|tore|torn|unravel\w*|loose|fray\w*)\b|\b(?:fell|falling|came|coming|come|comes) apart\b"
    r"|\bheels?\b[^.?!]{0,20}?\b(?:came|coming|fell|falling|comes?) off\b|\bsole separation\b",
    re.I,
)
# boots that came this way ("arrived with the sole coming off"): the damaged-item rule, not the warranty
NEW_ON_ARRIVAL = re.compile(
    r"\b(?:arrived|delivered|received|just got|out of the box|brand new|first (?:time|wear)|never worn)\b", re.I
)
WARRANTY_QUERY = "Boots warranty manufacturing defects"
RULE = r"\bwarranty\b"
# the rule's period: "a 1-year warranty", "a 6-month warranty", "two-year"
PERIOD = re.compile(r"\b(?P<n>\d+|one|two|three|four|five)[- ](?P<unit>year|month)s?\b", re.I)
NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5}
DEFECTS = re.compile(r"\bsuch as (?P<list>[^.;]+)", re.I)
HEDGE = {"like": "about", "around": "about", "roughly": "about"}


def boots_came_apart(text: str) -> bool:
    """The shopper says their boots are coming apart (a sole, the stitching, a heel)."""
    return bool(BOOTS.search(text) and CAME_APART.search(text))


def owned_boots_came_apart(text: str) -> bool:
    """Boots of the shopper's own that came apart after a while ("bought hiking boots 3 months ago and the sole is
    peeling off"): a complaint, not a search for boots."""
    return boots_came_apart(text) and bool(
        AGO.search(text) or re.search(r"\b(?:bought|had|got|wore|worn)\b", text, re.I)
    )


def warranty_lines(kb: KnowledgePort, text: str, today: dt.date | None = None) -> tuple[list[str], Page]:
    """The warranty rule (and the sentence after it, "Normal wear is not covered."), the verdict on the time the
    shopper says they have had the boots, the defect said when the rule names it, and the claim line; [] when the
    pages give no boots warranty."""
    page = find(kb, WARRANTY_QUERY, RULE)
    rule = page.first(RULE)
    if not rule or not BOOTS.search(rule):
        return [], page
    at = page.sentences.index(rule)
    after = page.sentences[at + 1 : at + 2]
    out = [f"Our boots warranty: {rule}", *[s for s in after if re.search(r"\bnot covered\b", s, re.I)]]
    period = PERIOD.search(rule)
    held = _held(text, today or shop_today())
    outside = False
    if period and held is not None:
        (low, high), said = held
        days = _count(period.group("n")) * (365 if period.group("unit").lower() == "year" else 28)
        span = f"{period.group('n')}-{period.group('unit').lower()}"
        bought = f"you bought them {said}, so they are" if said else "they are"
        past = f"you bought them {said}, which is" if said else "they are"
        top = days if period.group("unit").lower() == "month" else days + 1  # a year of 366 days still counts
        if high <= top:
            out.append(f"By what you say, {bought} within the {span} warranty.")
        elif low > top:
            outside = True
            out.append(f"By what you say, {past} past the {span} warranty, so it no longer covers them.")
        else:
            out.append(f"Whether they are still within the {span} warranty depends on the exact purchase date.")
    named = _named_defect(rule, text)
    if named and not outside:
        out.append(f"{named[:1].upper()}{named[1:]} is one of the defects the warranty names.")
    if not outside:
        out.append("Our pages don't give steps for a warranty claim, so a person from our team takes it from here.")
    return out, page


def _count(raw: str) -> int:
    return int(raw) if raw.isdigit() else NUMBERS.get(raw.lower(), 1)


def _held(text: str, today: dt.date) -> tuple[tuple[float, float], str] | None:
    """How long ago the shopper says they bought the boots (a range of days) and the words to say it back:
    "like 8 months ago" -> "about 8 months ago"; "2 years old" and "after 5 months" count too."""
    for m in AGO.finditer(text):
        if re.match(r"\s*(?:-|warranty|guarantee)", text[m.end() :], re.I) or re.search(r"-\s*$", text[: m.start()]):
            continue  # "a 1 year warranty": the rule quoted, not the boots' age
        found = elapsed_days(f"{m.group(0)} ago", today)
        if found is None:
            continue
        q = (m.group("q") or "").lower()
        q = HEDGE.get(q, q)
        return found, " ".join(w for w in (q, m.group("n"), m.group("unit").lower(), "ago") if w)
    found = elapsed_days(text, today)
    return (found, "") if found is not None else None


def _named_defect(rule: str, text: str) -> str:
    """The rule's own name for the defect the shopper describes ("sole separation" for a sole coming off)."""
    m = DEFECTS.search(rule)
    if not m:
        return ""
    for defect in re.split(r",\s*|\s+or\s+|\s+and\s+", m.group("list")):
        for word in re.findall(r"[a-z]{4,}", defect.lower()):
            if word in ("broken", "other", "such"):
                continue
            if re.search(rf"\b{re.escape(word[:5])}\w*", text, re.I) and CAME_APART.search(text):
                return defect.strip()
    return ""
