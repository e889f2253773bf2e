"""Checkable facts in text: prices, numbers, dates, times, contacts, order ids, SKUs and known names.

`extract_facts` finds them with a normalised `value`, so that "$49.90" and "49.9 USD" compare
equal and "3-5 business days" yields the numbers 3 and 5. Pure Python, no third-party imports.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from bot.core.fact_units import unit_at

MONTHS = {
    name: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for name in names
}
# "one" is left out on purpose: it is far more often a pronoun ("the one you ordered") than a quantity
NUMBER_WORDS = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fourteen": 14,
    "fifteen": 15,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "ninety": 90,
    "hundred": 100,
}
# where a shop does or does not ship is a favourite hallucination of small models
PLACES = (
    "UK",
    "U.K.",
    "United Kingdom",
    "Britain",
    "England",
    "Scotland",
    "Wales",
    "Ireland",
    "USA",
    "U.S.",
    "US",
    "United States",
    "America",
    "Canada",
    "Mexico",
    "Brazil",
    "Argentina",
    "Australia",
    "New Zealand",
    "Japan",
    "China",
    "India",
    "Korea",
    "Singapore",
    "EU",
    "Europe",
    "European Union",
    "Germany",
    "France",
    "Spain",
    "Italy",
    "Portugal",
    "Netherlands",
    "Belgium",
    "Switzerland",
    "Austria",
    "Poland",
    "Sweden",
    "Norway",
    "Denmark",
    "Finland",
    "Russia",
    "Ukraine",
    "Turkey",
    "Israel",
    "UAE",
    "Dubai",
    "South Africa",
    "Nigeria",
    "Egypt",
    "Hawaii",
    "Alaska",
    "Puerto Rico",
    "Asia",
    "Africa",
    "worldwide",
    "internationally",
)
_EU_MEMBERS = [
    "Austria",
    "Belgium",
    "Bulgaria",
    "Croatia",
    "Cyprus",
    "Denmark",
    "Estonia",
    "Finland",
    "France",
    "Germany",
    "Greece",
    "Hungary",
    "Italy",
    "Latvia",
    "Lithuania",
    "Luxembourg",
    "Malta",
    "Netherlands",
    "Poland",
    "Portugal",
    "Romania",
    "Slovakia",
    "Slovenia",
    "Spain",
    "Sweden",
]
PLACE_ALIASES = {
    "UK": ("United Kingdom",),
    "U.K.": ("United Kingdom",),
    "Britain": ("United Kingdom",),
    "England": ("United Kingdom",),
    "US": ("United States",),
    "U.S.": ("United States",),
    "USA": ("United States",),
    "America": ("United States",),
    "EU": ("European Union",),
    # a member state is covered where the data speaks of "every EU country"
    **{country: ("European Union", "EU") for country in _EU_MEMBERS},
}
CURRENCY_SYMBOLS = {"$": "USD", "€": "EUR", "£": "GBP"}
CURRENCY_WORDS = {
    "usd": "USD",
    "dollar": "USD",
    "dollars": "USD",
    "eur": "EUR",
    "euro": "EUR",
    "euros": "EUR",
    "gbp": "GBP",
    "pound": "GBP",
    "pounds": "GBP",
}

_MONTH_RE = "|".join(sorted(MONTHS, key=lambda s: (-len(s), s)))
_AMOUNT = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?"

# order matters: earlier patterns claim their span first
_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("email", re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")),
    (
        "url",
        re.compile(
            r"(?:https?://|www\.)[^\s<>\"')\]]+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|net|org|io|shop|store|example|co\.uk|de)(?:/[^\s<>\"')\]]*)?\b",
            re.IGNORECASE,
        ),
    ),
    ("order_id", re.compile(r"\bORD-?\d{3,}\b", re.IGNORECASE)),
    # catalog SKUs and other codes: upper-case letters and digits with optional dashes, at least one digit
    (
        "sku",
        re.compile(
            r"\b(?=[A-Z0-9-]*\d)(?=[A-Z0-9-]*[A-Z])[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)+\b|\b(?=[A-Z0-9]*\d)(?=[A-Z0-9]*[A-Z])[A-Z0-9]{6,}\b"
        ),
    ),
    ("date", re.compile(r"\b\d{4}-\d{2}-\d{2}\b|\b\d{1,2}/\d{1,2}/\d{2,4}\b")),
    ("date", re.compile(rf"\b(?:{_MONTH_RE})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?(?:,?\s+\d{{4}})?\b", re.IGNORECASE)),
    (
        "date",
        re.compile(rf"\b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH_RE})\b\.?(?:,?\s+\d{{4}})?", re.IGNORECASE),
    ),
    (
        "money",
        re.compile(
            rf"[$€£]\s?(?:{_AMOUNT})|\b(?:{_AMOUNT})\s?(?:USD|EUR|GBP|dollars?|euros?|pounds?)\b", re.IGNORECASE
        ),
    ),
    ("phone", re.compile(r"(?<![\w.])\+?\(?\d[\d\s()-]{5,}\d(?!\w)(?!\.\d)")),
    ("time", re.compile(r"\b\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?|\b\d{1,2}\s*[ap]\.?m\b\.?", re.IGNORECASE)),
    ("percent", re.compile(rf"\b(?:{_AMOUNT})\s?(?:%|percent\b|per cent\b)", re.IGNORECASE)),
    ("number", re.compile(rf"\b(?:{_AMOUNT})(?:st|nd|rd|th)?\b")),
    ("number", re.compile(r"\b(?:" + "|".join(NUMBER_WORDS) + r")\b", re.IGNORECASE)),
]


@dataclass(frozen=True, slots=True)
class Fact:
    """One checkable fact: its kind, the text as written, a normalised value, where it was found and the unit it is
    said in ("day" for "3–5 business days", "size" for "size 10", "money", "percent"; `fact_units`)."""

    kind: str
    text: str
    value: str
    start: int = 0
    end: int = 0
    unit: str = ""


def _number(text: str) -> str:
    value = float(text.replace(",", ""))
    return f"{value:g}" if abs(value) < 1e15 else text


def _normalise(kind: str, text: str) -> str:
    low = text.lower().strip()
    if kind == "email":
        return low
    if kind == "url":
        low = re.sub(r"^https?://", "", low)
        low = re.sub(r"^www\.", "", low)
        return low.rstrip("/.,;:!?")
    if kind in ("order_id", "sku"):
        return re.sub(r"[^a-z0-9]", "", low).upper()
    if kind == "phone":
        return re.sub(r"\D", "", low)
    if kind == "money":
        amount = re.search(_AMOUNT, text)
        currency = next((c for s, c in CURRENCY_SYMBOLS.items() if s in text), "")
        if not currency:
            word = re.search(r"[a-z]+$", low)
            currency = CURRENCY_WORDS.get(word.group(0), "") if word else ""
        return f"{_number(amount.group(0)) if amount else low} {currency}".strip()
    if kind == "percent":
        amount = re.search(_AMOUNT, text)
        return _number(amount.group(0)) if amount else low
    if kind == "number":
        return str(NUMBER_WORDS[low]) if low in NUMBER_WORDS else _number(re.sub(r"[a-z]+$", "", low))
    if kind == "time":
        match = re.match(r"(\d{1,2})(?::(\d{2}))?\s*([ap])?", low)
        if not match:
            return low
        hour, minute = int(match.group(1)), int(match.group(2) or 0)
        if match.group(3) == "p" and hour < 12:
            hour += 12
        if match.group(3) == "a" and hour == 12:
            hour = 0
        return f"{hour:02d}:{minute:02d}"
    if kind == "date":
        return _normalise_date(low)
    return low


def _normalise_date(low: str) -> str:
    """Dates become YYYY-MM-DD with '????' for an unknown year."""
    iso = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", low)
    if iso:
        return f"{iso.group(1)}-{iso.group(2)}-{iso.group(3)}"
    slash = re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{2,4})", low)
    if slash:  # month/day/year, the US order our demo shop uses
        year = slash.group(3) if len(slash.group(3)) == 4 else "20" + slash.group(3)
        return f"{year}-{int(slash.group(1)):02d}-{int(slash.group(2)):02d}"
    month = next((MONTHS[w] for w in re.findall(r"[a-z]+", low) if w in MONTHS), 0)
    numbers = re.findall(r"\d+", low)
    day = next((int(n) for n in numbers if len(n) <= 2), 0)
    year = next((n for n in numbers if len(n) == 4), "????")
    return f"{year}-{month:02d}-{day:02d}"


def extract_facts(text: str) -> list[Fact]:
    """Every checkable fact in `text`, in reading order (spans never overlap)."""
    taken: list[tuple[int, int]] = []
    facts: list[Fact] = []
    for kind, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            start, end = match.span()
            raw = match.group(0).rstrip()
            if kind == "url":
                raw = raw.rstrip(".,;:!?")
            end = start + len(raw)
            if any(start < e and s < end for s, e in taken):
                continue
            if kind == "phone" and len(re.sub(r"\D", "", raw)) < 7:
                continue
            taken.append((start, end))
            facts.append(Fact(kind, raw, _normalise(kind, raw), start, end, unit_at(text, kind, start, end)))
    facts.sort(key=lambda f: f.start)
    return facts


def name_pattern(name: str) -> re.Pattern[str]:
    """Whole-word pattern for a name; short all-capital abbreviations ("US", "UK") match case-sensitively."""
    flags = 0 if (name.replace(".", "").isupper() and len(name) <= 5) else re.IGNORECASE
    return re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", flags)


_WORD = re.compile(r"\w+")


NamesByWords = tuple[dict[tuple[str, ...], list[str]], list[str], tuple[int, ...]]
_BY_IDENTITY: dict[int, tuple[tuple[str, ...], NamesByWords]] = {}


def names_by_words(names: Iterable[str]) -> NamesByWords:
    """`_names_by_words`, found by identity first: the knowledge base hands out one tuple per version, and hashing
    a catalog's 100,000 names on every check would cost what the index saves."""
    if isinstance(names, tuple):
        hit = _BY_IDENTITY.get(id(names))
        if hit is not None and hit[0] is names:
            return hit[1]
        built = _names_by_words(names)
        if len(_BY_IDENTITY) >= 8:  # three name sets per version (names, known names, rewording), two versions
            _BY_IDENTITY.pop(next(iter(_BY_IDENTITY)))
        _BY_IDENTITY[id(names)] = (names, built)  # the tuple is held, so its id is not reused while cached
        return built
    return _names_by_words(tuple(names))


def names_in(text: str, names: Iterable[str]) -> list[str]:
    """The names `text` mentions as whole words (case-insensitive), found through the names' words, so the work
    grows with the text, not with how many names there are."""
    by_words, wordless, lengths = names_by_words(names)
    tokens = _WORD.findall(text.lower())
    runs = {tuple(tokens[i : i + n]) for n in lengths for i in range(len(tokens) - n + 1)}
    low = text.lower()
    return [name for run in runs for name in by_words.get(run, [])] + [n for n in wordless if n.lower() in low]


@lru_cache(maxsize=4)
def _names_by_words(names: tuple[str, ...]) -> NamesByWords:
    """Names by their words (lower case), those without a word character, and the word counts; once per name set."""
    by_words: dict[tuple[str, ...], list[str]] = {}
    wordless: list[str] = []
    for name in {n.strip() for n in names if n and n.strip()}:
        words = tuple(map(sys.intern, _WORD.findall(name.lower())))  # one object per word: 50,000 names share them
        if words:
            by_words.setdefault(words, []).append(name)
        else:
            wordless.append(name)
    return by_words, wordless, tuple(sorted({len(w) for w in by_words}))


def find_names(text: str, known_names: Iterable[str], *, kind: str = "name") -> list[Fact]:
    """Known product or brand names (or places) mentioned in `text`, whole words."""
    found: list[Fact] = []
    by_words, wordless, lengths = names_by_words(known_names)
    # a whole-word match's words are a run of the text's words, so only names found that way are tried
    # (50,000 product names: a pattern each per check took seconds)
    tokens = _WORD.findall(text.lower())
    runs = {tuple(tokens[i : i + n]) for n in lengths for i in range(len(tokens) - n + 1)}
    candidates = [name for run in runs for name in by_words.get(run, [])] + wordless
    for name in candidates:
        match = name_pattern(name).search(text)
        if match:
            found.append(Fact(kind, match.group(0), name, match.start(), match.end()))
    found.sort(key=lambda f: f.start)
    return found


def numeric_values(facts: Iterable[Fact]) -> set[str]:
    """The plain numbers a list of facts states (amounts of prices and percentages included)."""
    values: set[str] = set()
    for fact in facts:
        if fact.kind in ("number", "percent"):
            values.add(fact.value)
        elif fact.kind == "money":
            values.add(fact.value.split()[0])
    return values
