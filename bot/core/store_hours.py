"""When a store opens or closes on a day ("what time does the seattle store close on sunday"): the stores' hours are
read from the pages at run time (a sentence with day ranges such as "Monday–Saturday 10:00 a.m.–8:00 p.m. and Sunday
11:00 a.m.–6:00 p.m."), the asked day is found in its range, and the reply says that day's opening and closing times,
then the week as the page gives it. SmolLM2, left to word it, wrote "The store closes on Saturday." (#9)."""

from __future__ import annotations

import re

from bot.core.policy_tables import find
from bot.core.ports import KnowledgePort
from bot.core.store_places import elsewhere
from bot.core.turn import hit_source
from bot.domain import Author, Flag, IntentPrediction, Reply

DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY = r"(?:mon|tues?|wed(?:nes)?|thu(?:rs?)?|fri|sat(?:ur)?|sun)(?:day)?s?"
ASKED_DAY = re.compile(rf"\b(?:on\s+|this\s+|next\s+)?({_DAY})\b", re.I)
STORE = re.compile(r"\b(?:stores?|shops? in|boutique|branch|portland|seattle|chicago)\b", re.I)
ONLINE_STORE = re.compile(r"\b(?:online|web) ?(?:store|shop)\b", re.I)
CARE = re.compile(r"\bcustomer (?:care|service|support)\b|\bsupport\b|\b(?:phone|call|ring)\b|\bhelp ?line\b", re.I)
OPEN_CLOSE = re.compile(
    r"\b(?:open|opens|opening|close|closes|closing|shut|hours)\b|\bwhat time\b|\bhow late\b|\bhow early\b", re.I
)
# a day the care hours may not cover: the page's closing days answer it ("are you open on Christmas?")
HOLIDAY = re.compile(
    r"\b(?:christmas|x-?mas|thanksgiving|new year'?s?|holidays?|bank holiday|public holiday|easter"
    r"|dec(?:ember)?\.? 25(?:th)?|25th (?:of )?december|jan(?:uary)?\.? 1(?:st)?|1st (?:of )?january)\b",
    re.I,
)
TIME = r"\d{1,2}:\d{2}\s*[ap]\.m\."
RANGE = re.compile(
    rf"\b(?P<first>{'|'.join(d.title() for d in DAYS)})"
    rf"(?:\s*(?:[–-]|and|to)\s*(?P<last>{'|'.join(d.title() for d in DAYS)}))?"
    rf"[*:\s]+(?P<opens>{TIME})\s*[–-]\s*(?P<closes>{TIME})(?P<zone>\s*(?:ET|local time)\b)?"
)
QUERY = "Store visits: store hours Monday Saturday Sunday at our stores in Portland, Seattle or Chicago"
CARE_QUERY = "Customer care hours: Monday–Friday, Saturday and Sunday, US Eastern Time (ET)"


def _day(word: str) -> str:
    low = word.lower()
    return next((d for d in DAYS if d.startswith(low[:3])), "")


def asked(text: str) -> tuple[str, str]:
    """The day asked and whose hours ("stores" or "care"); ("", "") when the message is not that question."""
    whose = "care" if CARE.search(text) else "stores" if STORE.search(text) and not ONLINE_STORE.search(text) else ""
    if not whose or not OPEN_CLOSE.search(text) and whose == "stores" or HOLIDAY.search(text):
        return "", ""
    if whose == "care" and not re.search(r"\b(?:open|available|around|hours|what time|answer|pick up)\b", text, re.I):
        return "", ""
    m = ASKED_DAY.search(text)
    return (_day(m.group(1)), whose) if m else ("", "")


def store_day_reply(kb: KnowledgePort, text: str, pred: IntentPrediction) -> Reply | None:
    """That day's opening and closing times and the week as the page says it; None when not asked or unreadable."""
    day, whose = asked(text)
    if not day:
        return None
    page = find(kb, CARE_QUERY if whose == "care" else QUERY, RANGE.pattern, k=12)  # hours given as day ranges
    lines = [s for s in page.sentences if RANGE.search(s) and (whose == "care" or STORE.search(s))]
    if page.hit is None or not lines:
        return None
    for m in (m for line in lines for m in RANGE.finditer(line)):
        first = DAYS.index(m.group("first").lower())
        last = DAYS.index(m.group("last").lower()) if m.group("last") else first
        if first <= DAYS.index(day) <= last:
            city = next((c.title() for c in ("portland", "seattle", "chicago") if c in text.lower()), "")
            where = "customer care is available" if whose == "care" else "our stores are open"
            if whose == "stores" and city and city.lower() in " ".join(lines).lower():
                where = f"our {city} store is open"
            zone = (m.group("zone") or "").strip() or ("ET" if re.search(r"\bET\b", page.text) else "local time")
            said = f"On {day.title()} {where} from {m.group('opens')} to {m.group('closes')} {zone}."
            if whose == "stores" and (none := elsewhere(kb, text)) is not None:  # "is your store in philly open?"
                said = f"{none[0]} {said}"
            return Reply(
                text=f"{said} The hours as our page gives them: {' '.join(lines)}",
                sources=[hit_source(page.hit)],
                flags={Flag.FROM_DATA},
                intent=pred.intent,
                confidence=max(pred.confidence, 0.9),
                author=Author.TEMPLATE,
            )
    return None
