"""An extra service asked by membership level ("do Gold members get free gift wrap?", "silver member here - do i pay
for gift wrap?", "is gift wrapping free for me?" from a signed-in member): the service's own line on the pricing page
(its price and who gets it free), led by the yes or no for the level asked. The levels of Northwind Rewards are not
Northwind Plus: a line that makes a service free for Plus subscribers is free for no level as such, and the reply
says so, never that the level gets it free. Read at run time; a service or line not found returns None."""

from __future__ import annotations

import re

from bot.core.policy_tables import find
from bot.core.ports import KnowledgePort
from bot.domain import Hit

# what the shopper may call each service, and the bullet label it has on the pricing page
SERVICES = (
    (re.compile(r"\bgift[- ]?wrap\w*|\bwrap(?:ping)? (?:it|them|a gift|as a gift)\b", re.I), "Gift wrapping"),
    (re.compile(r"\bmonogram\w*|\bname stitch\w*|\bstitch(?:ing)? (?:my|a|the)? ?(?:name|initials)\b", re.I), "Name stitching"),
    (re.compile(r"\bhem(?:ming|med)?\b", re.I), "Jeans hemming"),
)  # fmt: skip
LEVEL = re.compile(r"\b(guest|bronze|silver|gold)\b", re.I)
FREE_ASK = re.compile(r"\b(?:free|pay|paid|charge[ds]?|cost|costs|price|how much|fee|included|extra)\b", re.I)
FOR_ME = re.compile(r"\b(?:for me|do i|i get|will i|would i|my level|my membership|am i)\b", re.I)
LINE = re.compile(r"^(?P<label>[A-Z][A-Za-z ]+?)(?: \([^)]*\))?: (?P<rest>.+)$")


def service_level_reply(kb: KnowledgePort, text: str, level: str = "") -> tuple[str, list[Hit]] | None:
    """The service's line with the yes/no for the level named (or, for "for me", the signed-in level), or None."""
    label = next((name for rx, name in SERVICES if rx.search(text)), None)
    if label is None or not FREE_ASK.search(text):
        return None
    named = LEVEL.search(text)
    said_level = named.group(1).lower() if named else (level.lower() if level and FOR_ME.search(text) else "")
    if not said_level:
        return None  # "how much is gift wrapping?": the FAQ's own answer already says it whole
    page = find(kb, "Gift wrapping and name stitching price per item", rf"\b{label}\b")
    line = next((m for s in page.sentences if (m := LINE.match(s)) and m.group("label") == label), None)
    if line is None:
        return None
    rest = line.group("rest")
    price = re.search(r"\$\d+(?:\.\d{2})?(?: per \w+)?", rest)
    free_for = re.search(r"\bfree for ([^.;]+)", rest)
    who = said_level.capitalize()
    service = label[:1] + label[1:].lower()
    if free_for and re.search(rf"\b{said_level}\b", free_for.group(1), re.I):
        lead = f"Yes: {service.lower()} is free for {free_for.group(1).strip()}."
    elif free_for and price:
        lead = (
            f"No, {service.lower()} isn't free for {who} members as such: it costs {price.group(0)} at every "
            f"membership level, and it is free for {free_for.group(1).strip()}."
        )
    elif price:
        lead = (
            f"{service} costs {price.group(0)} for {who} members too; our pricing page gives no level a discount on it."
        )
    else:
        return None
    out = [lead, f"Our pricing page: {label}: {rest}"]
    hits = [page.hit] if page.hit else []
    if free_for and re.search(r"\bplus\b", free_for.group(1), re.I):
        plus = find(kb, "What is Northwind Plus optional paid subscription", r"\bopen to every account holder\b")
        if said := plus.first(r"\bopen to every account holder\b"):
            out.append(said)
            hits += [plus.hit] if plus.hit else []
    return " ".join(out), hits
