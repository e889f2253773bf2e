"""What the shopper states about their own case, compared with the conditions a rule's sentence names.

A rule answers "can I ...?" with "Yes" only for the case its sentence describes. The shop's pages name their
conditions in their own words, and these are read from the sentence at run time:
- "the same product" (exchanges): a *different* product stated ("for a totally different shirt", "swap the chinos
  for jeans") does not meet it;
- "before 2:00 p.m. Eastern Time on a business day" (shipping cut-off): an order time stated after it, or a weekend
  day, does not meet it (the page then says "later orders ship the next business day");
- "unworn and unwashed, with the tags attached" (returns): an item stated as worn, washed or without its tags does
  not meet it, unless a stain or a defect is stated (the sentence's own exception);
- a money threshold ("$1,500", "$75 or more"): a stated amount below it does not meet it.
Levels, destinations and order states are the slot table's facets (bot.core.slot_answers.Case); the item kinds a
rule excludes (socks, gift cards, hemmed jeans) are its "cannot be returned" rows. Nothing here invents a value:
every condition and figure is the sentence's own."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.catalog.words import KIND_WORDS, NOT_CARRIED

# "a totally different shirt", "another jacket", "something else", "a different product": another product, not
# another size or colour of the same one
_OTHER = re.compile(
    r"\b(?:different|another|other|else)\s+(?:\w+\s+){0,2}?(?P<what>\w+)\b|\bsomething else\b|\binstead of (?:the|my)\b",
    re.I,
)
_SAME_PRODUCT_WORDS = re.compile(
    r"^(?:size|sizes|colou?rs?|shade|one|ones|length|fit|waist|width|pair)$", re.I
)  # "a different size", "another colour", "a different one" (of the same)
_PRODUCT_WORDS = re.compile(r"^(?:product|products|item|items|style|styles|model|thing|brand|design)$", re.I)
SAME_ASKED = re.compile(r"\bsame (?:one|product|item|style|model|\w+ in)\b", re.I)
_SIZE_OR_COLOUR = re.compile(
    r"\b(?:size|sizes|colou?rs?|smaller|bigger|larger|size (?:up|down)|xxs|xs|xl|xxl|black|white|grey|gray|navy|blue|"
    r"red|green|olive|brown|beige|camel|cream|ivory|pink|burgundy|charcoal|khaki|tan|sand)\b",
    re.I,
)

# a time of day: "9pm", "9 p.m.", "at 21:00", "4 o'clock in the afternoon"; "tonight" / "this evening" are after any
# afternoon cut-off, "this morning" before it
_CLOCK = re.compile(
    r"\b(?P<h>\d{1,2})(?::(?P<m>\d\d))?\s*(?P<ap>a\.?m\.?|p\.?m\.?)(?![a-z])|\b(?:at|around|about|after)\s+"
    r"(?P<h24>(?:1\d|2[0-3])):(?P<m24>\d\d)\b",
    re.I,
)
_EVENING = re.compile(r"\b(?:tonight|this evening|late (?:at night|tonight)|after (?:work|dinner)|midnight)\b", re.I)
_MORNING = re.compile(r"\b(?:this morning|first thing (?:in the morning|tomorrow)|early (?:in the )?morning)\b", re.I)
_ZONES = (  # hours to add for Eastern Time
    (re.compile(r"\b(?:pacific|pst|pdt|pt|la time|california|seattle|portland(?!,?\s+(?:maine|me)\b))\b", re.I), 3.0),
    (re.compile(r"\b(?:mountain|mst|mdt|mt|denver)\b", re.I), 2.0),
    (re.compile(r"\b(?:central|cst|cdt|ct|chicago)\b", re.I), 1.0),
)
_WEEKEND = re.compile(r"\b(?:on (?:a |the )?(?:saturday|sunday|weekend)|this (?:saturday|sunday|weekend))\b", re.I)
_ORDERING = re.compile(
    r"\b(?:order|ordered|ordering|place|placed|put in|buy|bought|check ?out|checked out|purchase|purchased)\b", re.I
)
# the page's cut-off: "Orders placed before 2:00 p.m. Eastern Time on a business day ..."
CUTOFF = re.compile(
    r"\bbefore (?P<h>\d{1,2})(?::(?P<m>\d\d))?\s*(?P<ap>a\.m\.|p\.m\.)\s*(?P<zone>Eastern Time|ET)?", re.I
)

# the state of the item: worn, washed, tags off
_WORN = re.compile(
    r"\b(?:wore|worn|wearing it|been wearing|washed|wash(?:ed)? it|laundered|(?:cut|took|taken|ripped|removed) "
    r"(?:off )?(?:the )?tags?(?: off)?|tags? (?:are |is )?(?:off|gone|removed|cut)|no (?:longer has )?tags?|without (?:the )?tags?)\b",
    re.I,
)
_NOT_WORN = re.compile(
    r"\b(?:never|not|n't|unworn|un-worn|haven't|hasn't|didn't)\s+(?:\w+\s+)?(?:worn|wore|washed)\b", re.I
)
_FAULT = re.compile(r"\b(?:stain\w*|defect\w*|damaged|faulty|broken|ripped seam|came apart|hole|tear|torn)\b", re.I)
_KIND_PATTERNS = [(re.compile(rf"\b(?:{pattern})\b"), kind) for pattern, kind in KIND_WORDS]
# a kind the shop does not sell is still another product ("swap my dress for a skirt")
_NOT_CARRIED_KINDS = re.compile(
    r"\b(?:" + "|".join(sorted(map(re.escape, NOT_CARRIED), key=len, reverse=True)) + r")\b"
)
CONDITION_RULE = re.compile(r"\bunworn\b|\bunwashed\b|\btags attached\b", re.I)
SAME_PRODUCT_RULE = re.compile(r"\bthe same product\b", re.I)


# the shopper's own level, said of themselves: "I'm a bronze member", "as a silver", "my level is gold"
SELF_LEVEL = re.compile(
    r"\b(?:i'?m|i am|im|as)\s+(?:a\s+|an\s+|only\s+(?:a\s+)?|just\s+(?:a\s+)?)?(guest|bronze|silver|gold)\b(?!\s+members?\s+(?:get|have))"
    r"|\bmy (?:level|membership|tier|status) is (?:only |just )?(guest|bronze|silver|gold)\b",
    re.I,
)
# a perk the rule keeps for some levels: "free for Gold members", "Gold members get free overnight"
LEVEL_RULE = re.compile(
    r"\bfor ((?:Guest|Bronze|Silver|Gold)(?:(?:,| and| or) (?:Guest|Bronze|Silver|Gold))*) members\b"
    r"|\b((?:Guest|Bronze|Silver|Gold)(?:(?:,| and| or) (?:Guest|Bronze|Silver|Gold))*) members (?:get|receive|have|can)\b"
)


def stated_level(text: str) -> str:
    """The level the shopper says is theirs ("bronze"), or ''."""
    m = SELF_LEVEL.search(text)
    return (m.group(1) or m.group(2)).lower() if m else ""


def rule_levels(sentence: str) -> set[str]:
    """The levels a rule keeps its perk for ("free for Gold members" -> {"gold"})."""
    return {
        w.lower() for m in LEVEL_RULE.finditer(sentence) for w in re.findall(r"[A-Z][a-z]+", m.group(1) or m.group(2))
    }


@dataclass(frozen=True, slots=True)
class Unmet:
    """A condition of the rule the shopper's stated case does not meet: its kind and the sentence's own words."""

    kind: str  # other_product | cutoff | item_state | level
    condition: str


def other_product(text: str) -> bool:
    """The shopper wants another product, not the same one in another size or colour: "for a totally different
    shirt", "a different jacket, like a bomber", "swap the chinos for a pair of jeans" (two kinds named)."""
    if SAME_ASKED.search(text):
        return False
    for m in _OTHER.finditer(text):
        what = (m.group("what") or "").lower()
        if not what:
            return True  # "something else", "instead of the ..."
        if _SAME_PRODUCT_WORDS.match(what):
            continue
        if _PRODUCT_WORDS.match(what) or kinds_named(what):
            return True
    unsold = {m.group(0).rstrip("s") for m in _NOT_CARRIED_KINDS.finditer(text.lower())}
    return len(set(kinds_named(text)) | unsold) >= 2 and not _SIZE_OR_COLOUR.search(text)


def kinds_named(text: str) -> list[str]:
    """The kinds of product the text names, in order (the first pattern to match a span wins)."""
    low = text.lower()
    taken: list[tuple[int, int, str]] = []
    for rx, kind in _KIND_PATTERNS:
        for m in rx.finditer(low):
            if not any(m.start() < end and start < m.end() for start, end, _ in taken):
                taken.append((m.start(), m.end(), kind))
    return [kind for _, _, kind in sorted(taken)]


# "arrive by 5pm", "delivered before noon": a time the parcel is wanted by, not the time of the order
_DEADLINE = re.compile(r"\b(?:by|until|till|before|arrive\w*|deliver(?!y)\w*|here|there)\s+(?:at\s+)?$", re.I)


# "if i order before 2pm", "get my order in before 2 p.m.": the order's time is just before the clock said
_ORDER_BEFORE = re.compile(
    r"\b(?:order|ordered|ordering|place|placed|put (?:it |my order |the order )?in|buy|check ?out|purchase)\b"
    r"(?:(?!\b(?:arriv|deliver|here\b|there\b|get it\b))[^.?!]){0,25}?\bbefore\s+(?:at\s+)?$",
    re.I,
)


def stated_hour_et(text: str) -> float | None:
    """The hour of day (Eastern Time, 0-24) the shopper says they order at; None when no time is stated. An order
    placed "before 2pm" is read as just before it."""
    before = lambda c: bool(_ORDER_BEFORE.search(text[max(0, c.start() - 60) : c.start()]))  # noqa: E731
    m = next(
        (
            c
            for c in _CLOCK.finditer(text)
            if before(c) or not _DEADLINE.search(text[max(0, c.start() - 20) : c.start()])
        ),
        None,
    )
    if m and m.group("h"):
        hour = int(m.group("h")) % 12 + (int(m.group("m") or 0) / 60)
        hour += 12 if m.group("ap").lower().startswith("p") else 0
        hour -= 1 / 60 if before(m) else 0
    elif m:
        hour = int(m.group("h24")) + int(m.group("m24") or 0) / 60
    elif _EVENING.search(text):
        hour = 21.0
    elif _MORNING.search(text):
        return 9.0
    else:
        return None
    shift = next((add for rx, add in _ZONES if rx.search(text)), 0.0)
    return hour + shift


def on_weekend(text: str) -> bool:
    """The shopper says they order on a Saturday or Sunday."""
    return bool(_WEEKEND.search(text))


def stated_ordering(text: str) -> bool:
    """The shopper states when they order: a time of day or a weekend day, beside a word for ordering."""
    return bool(_ORDERING.search(text)) and (stated_hour_et(text) is not None or on_weekend(text))


def cutoff_hour(sentence: str) -> float | None:
    """The cut-off hour (Eastern Time) a sentence names: "before 2:00 p.m. Eastern Time" -> 14.0."""
    m = CUTOFF.search(sentence)
    if not m:
        return None
    return int(m.group("h")) % 12 + int(m.group("m") or 0) / 60 + (12 if m.group("ap").lower().startswith("p") else 0)


def after_cutoff(sentence: str, text: str) -> bool:
    """The shopper states an order time after the sentence's cut-off, or a weekend day (not a business day)."""
    cut = cutoff_hour(sentence)
    if cut is None or not _ORDERING.search(text):
        return False
    hour = stated_hour_et(text)
    return bool(_WEEKEND.search(text)) or (hour is not None and hour >= cut)


def item_not_as_required(text: str) -> bool:
    """The shopper says the item was worn, washed or has lost its tags, and names no stain or defect."""
    if _FAULT.search(text) or not _WORN.search(text):
        return False
    return not _NOT_WORN.search(text)


def unmet(rule: str, text: str) -> list[Unmet]:
    """The conditions named in `rule` (a rule's sentences) that the case stated in `text` does not meet."""
    out: list[Unmet] = []
    if (m := SAME_PRODUCT_RULE.search(rule)) and other_product(text):
        out.append(Unmet("other_product", m.group(0)))
    if (m := CUTOFF.search(rule)) and after_cutoff(rule, text):
        out.append(Unmet("cutoff", m.group(0)))
    if (m := CONDITION_RULE.search(rule)) and item_not_as_required(text):
        out.append(Unmet("item_state", m.group(0)))
    levels, mine = rule_levels(rule), stated_level(text)
    if levels and mine and mine not in levels:
        out.append(Unmet("level", " and ".join(sorted(w.capitalize() for w in levels))))
    return out
