"""Names of places a shopper may ask about (a vocabulary only: whether the shop ships there is read from its
shipping page at run time, never from here)."""

from __future__ import annotations

import re

US_STATES = (
    "Alabama", "Alaska", "Arizona", "Arkansas", "California", "Colorado", "Connecticut", "Delaware", "Florida",
    "Georgia", "Hawaii", "Idaho", "Illinois", "Indiana", "Iowa", "Kansas", "Kentucky", "Louisiana", "Maine",
    "Maryland", "Massachusetts", "Michigan", "Minnesota", "Mississippi", "Missouri", "Montana", "Nebraska", "Nevada",
    "New Hampshire", "New Jersey", "New Mexico", "New York", "North Carolina", "North Dakota", "Ohio", "Oklahoma",
    "Oregon", "Pennsylvania", "Rhode Island", "South Carolina", "South Dakota", "Tennessee", "Texas", "Utah",
    "Vermont", "Virginia", "Washington", "West Virginia", "Wisconsin", "Wyoming",
)  # fmt: skip
US_OTHER = ("Puerto Rico", "Washington D.C.", "Guam", "US Virgin Islands", "American Samoa", "Northern Mariana Islands")
US_ALIASES = {"hawai'i": "Hawaii", "dc": "Washington D.C.", "d.c.": "Washington D.C.", "washington dc": "Washington D.C.",
              "washington, d.c.": "Washington D.C.", "pr": "Puerto Rico"}  # fmt: skip
COUNTRIES = (
    "Afghanistan", "Albania", "Algeria", "Argentina", "Armenia", "Australia", "Austria", "Azerbaijan", "Bahamas",
    "Bangladesh", "Belarus", "Belgium", "Bolivia", "Bosnia", "Brazil", "Bulgaria", "Cambodia", "Canada", "Chile",
    "China", "Colombia", "Costa Rica", "Croatia", "Cuba", "Cyprus", "Czech Republic", "Czechia", "Denmark",
    "Dominican Republic", "Ecuador", "Egypt", "England", "Estonia", "Ethiopia", "Finland", "France", "Georgia",
    "Germany", "Ghana", "Greece", "Guatemala", "Hong Kong", "Hungary", "Iceland", "India", "Indonesia", "Iran",
    "Iraq", "Ireland", "Israel", "Italy", "Jamaica", "Japan", "Jordan", "Kazakhstan", "Kenya", "Kuwait", "Latvia",
    "Lebanon", "Lithuania", "Luxembourg", "Malaysia", "Malta", "Mexico", "Moldova", "Morocco", "Netherlands",
    "New Zealand", "Nigeria", "North Korea", "Northern Ireland", "Norway", "Pakistan", "Panama", "Peru",
    "Philippines", "Poland", "Portugal", "Qatar", "Romania", "Russia", "Saudi Arabia", "Scotland", "Serbia",
    "Singapore", "Slovakia", "Slovenia", "South Africa", "South Korea", "Spain", "Sri Lanka", "Sweden",
    "Switzerland", "Syria", "Taiwan", "Thailand", "Turkey", "Türkiye", "UAE", "United Arab Emirates", "Uganda",
    "Ukraine", "United Kingdom", "Uruguay", "Venezuela", "Vietnam", "Wales",
)  # fmt: skip
COUNTRY_ALIASES = {"uk": "United Kingdom", "u.k.": "United Kingdom", "britain": "United Kingdom",
                   "great britain": "United Kingdom", "holland": "Netherlands", "the netherlands": "Netherlands",
                   "korea": "South Korea", "czechia": "Czech Republic", "türkiye": "Turkey", "uae": "United Arab Emirates",
                   "oslo": "Norway", "toronto": "Canada", "vancouver": "Canada", "berlin": "Germany", "paris": "France",
                   "tokyo": "Japan", "sydney": "Australia", "london": "United Kingdom", "dublin": "Ireland"}  # fmt: skip

# US postal codes, read only in capitals after a place name ("Everett WA", "Tacoma, WA")
POSTAL = dict(zip(("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS",
                   "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY",
                   "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
                   "WI", "WY"), US_STATES, strict=True))  # fmt: skip
# large cities a shopper names for their country (none is a model name in the demo catalog); a US place named
# beside one is the place meant ("Birmingham, Alabama", "Athens, Georgia")
CITY_ALIASES = {
    **dict.fromkeys(("manchester", "birmingham", "glasgow", "edinburgh", "liverpool", "leeds", "bristol",
                     "cardiff", "belfast"), "United Kingdom"),
    "cork": "Ireland", "galway": "Ireland", "madrid": "Spain", "barcelona": "Spain", "valencia": "Spain",
    "rome": "Italy", "milan": "Italy", "naples": "Italy", "munich": "Germany", "hamburg": "Germany",
    "frankfurt": "Germany", "lyon": "France", "marseille": "France", "amsterdam": "Netherlands",
    "rotterdam": "Netherlands", "vienna": "Austria", "lisbon": "Portugal", "porto": "Portugal",
    "montreal": "Canada", "ottawa": "Canada", "calgary": "Canada", "melbourne": "Australia",
    "brisbane": "Australia", "auckland": "New Zealand", "wellington": "New Zealand", "osaka": "Japan",
    "kyoto": "Japan", "seoul": "South Korea", "busan": "South Korea", "guadalajara": "Mexico",
    "cancun": "Mexico", "zurich": "Switzerland", "geneva": "Switzerland", "stockholm": "Sweden",
    "copenhagen": "Denmark", "brussels": "Belgium", "warsaw": "Poland", "krakow": "Poland",
    "prague": "Czech Republic", "budapest": "Hungary", "athens": "Greece", "helsinki": "Finland",
    "reykjavik": "Iceland", "moscow": "Russia", "dubai": "United Arab Emirates", "mumbai": "India",
    "delhi": "India", "beijing": "China", "shanghai": "China", "istanbul": "Turkey",
}  # fmt: skip
COUNTRY_ALIASES.update(CITY_ALIASES)
# large US cities by their state, read only where a shopper asks for a store there ("a store in los angeles?"); the
# stores themselves are read from the shop's page
US_CITIES = {
    "los angeles": "California", "la": "California", "san francisco": "California", "san diego": "California",
    "san jose": "California", "sacramento": "California", "oakland": "California", "boston": "Massachusetts",
    "miami": "Florida", "orlando": "Florida", "tampa": "Florida", "atlanta": "Georgia", "dallas": "Texas",
    "houston": "Texas", "austin": "Texas", "san antonio": "Texas", "denver": "Colorado", "phoenix": "Arizona",
    "las vegas": "Nevada", "nyc": "New York", "new york city": "New York", "brooklyn": "New York",
    "philadelphia": "Pennsylvania", "philly": "Pennsylvania", "pittsburgh": "Pennsylvania", "detroit": "Michigan",
    "minneapolis": "Minnesota", "nashville": "Tennessee", "new orleans": "Louisiana", "salt lake city": "Utah",
    "baltimore": "Maryland", "charlotte": "North Carolina", "raleigh": "North Carolina", "cleveland": "Ohio",
    "columbus": "Ohio", "indianapolis": "Indiana", "st. louis": "Missouri", "st louis": "Missouri",
    "milwaukee": "Wisconsin", "boise": "Idaho", "honolulu": "Hawaii", "anchorage": "Alaska",
    "albuquerque": "New Mexico", "spokane": "Washington", "tacoma": "Washington", "bellevue": "Washington",
    "eugene": "Oregon", "salem": "Oregon", "evanston": "Illinois",
    "naperville": "Illinois", "manhattan": "New York", "queens": "New York", "the bronx": "New York",
    "staten island": "New York",
}  # fmt: skip
_US_CITY = re.compile(
    r"(?<![\w.])(?:" + "|".join(re.escape(c) for c in sorted(US_CITIES, key=len, reverse=True)) + r")(?![\w'])", re.I
)


def us_cities_in(text: str) -> list[str]:
    """The states of the large US cities named in `text` ("LA" only in capitals): "store in boston?" -> ["Massachusetts"]."""
    return [
        US_CITIES[m.group(0).lower()]
        for m in _US_CITY.finditer(text)
        if m.group(0).lower() != "la" or m.group(0) == "LA"
    ]


def _pattern(names: list[str]) -> re.Pattern[str]:
    alternatives = sorted({n.lower() for n in names}, key=lambda s: (-len(s), s))
    return re.compile(r"(?<![\w.])(?:" + "|".join(re.escape(a) for a in alternatives) + r")(?![\w'])", re.I)


_US = _pattern([*US_STATES, *US_OTHER, *US_ALIASES])
_ABROAD = _pattern([*COUNTRIES, *COUNTRY_ALIASES])
# "washington" alone is the state; "new york" the state (the city is in it too); "georgia" is ambiguous: a US state
# unless the country is meant, which a shopper rarely asks a US shop about


def places_in(text: str) -> list[tuple[str, bool]]:
    """The places named in `text`, in order, as (name, in_us): "hawaii or puerto rico" -> [("Hawaii", True),
    ("Puerto Rico", True)]; "poland" -> [("Poland", False)]. "pr" and "dc" count only in upper case, "uk" also
    after "to", "in" or "from" ("shipping to the uk on that?"), not before a size ("a uk 9")."""
    found: list[tuple[int, str, bool]] = []
    taken: list[tuple[int, int]] = []
    for pattern, in_us in ((_US, True), (_ABROAD, False)):
        for m in pattern.finditer(text):
            word = m.group(0)
            if any(a < m.end() and m.start() < b for a, b in taken):
                continue
            if word.lower() in ("pr", "dc", "uk") and not word.isupper() and not _uk_said(text, m.start(), m.end()):
                continue
            if word.lower() in ("uk", "eu") and _SCALE_AFTER.match(text, m.end()):
                continue  # "do they come in a UK 9?", "EU 43": a size, in any case
            if word.lower() in CITY_ALIASES and any(us for _s, _n, us in found):
                continue
            name = _canonical(word, in_us)
            taken.append((m.start(), m.end()))
            found.append((m.start(), name, in_us))
    names: list[tuple[str, bool]] = []
    for _start, name, in_us in sorted(found):
        if (name, in_us) not in names:
            names.append((name, in_us))
    return names


_SCALE_AFTER = re.compile(r"\s*(?:siz(?:es?|ing)\s*)?\d{1,2}(?:[.,]5)?\b(?!\s*(?:%|days?|weeks?))", re.I)


def _uk_said(text: str, start: int, end: int) -> bool:
    """A lower-case "uk" that names the country: after "to (the)", "in (the)", "from (the)", "about (the)" or "the",
    not a size."""
    low = text[start:end].lower()
    before = re.search(r"\b(?:(?:to|in|from|into|about)(?: the)?|the)\s+$", text[:start], re.I)
    return low == "uk" and bool(before) and not re.match(r"\s*(?:\d|sizes?\b)", text[end:], re.I)


def _canonical(word: str, in_us: bool) -> str:
    low = word.lower()
    aliases = US_ALIASES if in_us else COUNTRY_ALIASES
    if low in aliases:
        return aliases[low]
    pool = (*US_STATES, *US_OTHER) if in_us else COUNTRIES
    return next((n for n in pool if n.lower() == low), word)


def said_as(text: str, name: str) -> str:
    """The shopper's own word for a place ("UK" for the United Kingdom), else the place's name."""
    for alias, canonical in COUNTRY_ALIASES.items():
        if (
            canonical == name
            and len(alias) <= 4
            and (m := re.search(rf"(?<![\w.]){re.escape(alias)}(?![\w])", text, re.I))
        ):
            return m.group(0).upper()
    return name


def place_words(text: str) -> list[str]:
    """The shopper's own words for each place named, in the order said ("im in boston" -> ["Boston"], "visiting New
    York ... your Manhattan store" -> ["New York", "Manhattan"]): a city, a state or a country as the message spells it,
    capitalised; the same filters as `places_in` ("la" only as "LA", "uk"/"pr"/"dc" only where they name a place)."""
    found: list[tuple[int, int, str]] = []
    for pattern in (_US_CITY, _US, _ABROAD):
        for m in pattern.finditer(text):
            word = m.group(0)
            if any(a < m.end() and m.start() < b for a, b, _w in found):
                continue
            low = word.lower()
            if (
                low == "la"
                and word != "LA"
                or low in ("pr", "dc", "uk")
                and not word.isupper()
                and not _uk_said(text, m.start(), m.end())
            ):
                continue
            said = word.upper() if len(word) <= 3 else word if word != low else word.title()
            found.append((m.start(), m.end(), re.sub(r"^The ", "the ", said)))
    return [w for _a, _b, w in sorted(found)]
