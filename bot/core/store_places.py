"""Is there a store in (or near) a place the shopper names? Read from the shop's own sentence about its stores
("... three Northwind Threads stores, in Portland (Oregon), Seattle (Washington) and Chicago (Illinois)") at run
time: a place that is a store's city or state gets yes and that store; any other place gets no and the stores there
are (the place itself is not named back: the shop's data does not name it)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from bot.core.places import POSTAL, US_STATES, place_words, places_in, us_cities_in
from bot.core.policy_tables import find
from bot.core.ports import KnowledgePort
from bot.domain import Hit

STORES_QUERY = "Our stores: where are the Northwind Threads stores? Portland Seattle Chicago"
ASKS_STORE = re.compile(
    r"\b(?:stores?|shops?|locations?|branch\w*|boutiques?)\b[^?.]{0,30}\b(?:in|near|around|close to|there)\b"
    r"|\b(?:nearest|closest|nearby|local)\s+(?:stores?|shops?|branch\w*|locations?)\b",
    re.I,
)
# a store asked for something done there (a return, hemming, an exchange), or the online shop: not where stores are
NOT_WHERE = re.compile(
    r"\b(?:return\w*|send\w* back|hem\w*|exchang\w*|online|website|web ?shop|app|pick ?up|in-store|in store)\b"
    r"|\b(?:bring|take|drop)\b[^?.!]{0,30}\bback\b",  # "can i take it back to a store in portland?": a return
    re.I,
)
# the hours of a store that exists ("is the store in Portland open on Sundays?", "... visit this weekend?"): the hours
# answer it, not whether there is one
HOURS = re.compile(r"\b(?:open\w*|clos\w*|hours|weekends?|today|tonight|tomorrow|sundays?|saturdays?)\b", re.I)
# "is there a store in <place>?": the words after "in"/"near" that name where
PLACE_ASKED = re.compile(
    r"\b(?:stores?|shops?|locations?|branch\w*|boutiques?)\b[^?.]{0,30}?\b(?:in|near|around|close to)\s+"
    r"([a-z][\w .'-]{2,30})",
    re.I,
)
STORE = re.compile(r"\b([A-Z][a-z]+(?: [A-Z][a-z]+)?) \(([A-Z][a-z]+(?: [A-Z][a-z]+)?)\)")
# a store of the shop's named anywhere in the message ("your Manhattan store", "one of your stores? im in boston"):
# with a place said beside it, the question is whether there is a store there (not the online shop, not store credit)
STORE_SAID = re.compile(
    r"(?<!online )(?<!web )(?<!app )\b(?:stores?|boutiques?|showrooms?|branch(?:es)?)\b(?!\s+credit)"
    r"|\b(?:your|ur|a|any)\s+(?:\w+\s+){0,2}?(?:shops?|locations?)\b",
    re.I,
)
# the store as a noun pointing at the shop ("your Manhattan store", "one of your stores", "the seattle store"), not the
# verb ("can you store my card details?") and not a carrier's ("the ups store", "the post office")
_OURS_BEFORE = re.compile(
    r"(?:\b(?:your|ur|a|any|the|one of (?:your|ur|the)|northwind(?: threads)?)\s+(?:[\w'-]+\s+){0,2}|\bin[- ])$", re.I
)
CARRIER_BEFORE = re.compile(r"\b(?:ups|fedex|usps|dhl|post(?:al)?|post office|access point)\s+(?:office\s+)?$", re.I)
_STORE_NOUN = re.compile(r"\b(?:stores?|boutiques?|showrooms?|branch(?:es)?|shops?|locations?)\b(?!\s+credit)", re.I)
# a store asked to ship, deliver or keep details: the shop's service, not where a store is
SERVICE = re.compile(r"\b(?:ship\w*|deliver\w*|cards?|details|payment|save|remember)\b", re.I)
# "what's the address of your store?": the pages give the stores' cities only
ADDRESS = re.compile(r"\b(?:address|street|located|location of|where exactly)\b", re.I)


def store_reply(kb: KnowledgePort, text: str) -> tuple[str, list[Hit]] | None:
    """ "Do you have a store in London?" -> "No: our only stores are in Portland (Oregon), ...";
    "any store near Tacoma, WA?" -> "Our store in Washington is in Seattle." (None: no store and place asked)."""
    if not (ASKS_STORE.search(text) or STORE_SAID.search(text)) or NOT_WHERE.search(text):
        return None
    stores, hit = store_cities(kb)
    if not stores:
        return None
    if not ASKS_STORE.search(text) and (
        not ours(text) or SERVICE.search(text) or not (_where_said(text) or _said(stores, text))
    ):
        return None  # no place ("is LA Fitness near your store?"), "does your store ship to new york?": not where
    places = [name for name, _in_us in places_in(text)] + us_cities_in(text)
    places += [POSTAL[m.group(1)] for m in re.finditer(r"[A-Z][a-z]+,? ([A-Z]{2})\b", text) if m.group(1) in POSTAL]
    # a store's city said with another state ("Portland, Maine") is another town of that name, not our store
    cities = [
        (c, s)
        for c, s in stores
        if re.search(rf"\b{re.escape(c)}\b", text, re.I) and not any(p != s and p in US_STATES for p in places)
    ]
    if not places and not cities:
        return _elsewhere(text, stores, hit)
    hits = [hit] if hit else []
    if cities and HOURS.search(text):
        return None
    if cities:
        city, state = cities[0]
        where = (
            " Our pages give its city, not its street address: a person from our team can help with that."
            if ADDRESS.search(text)
            else ""
        )
        return f"Yes, we have a store in {city} ({state}).{where}", hits
    near = [(c, s) for c, s in stores if s in places]
    if near:  # the data gives no distances: the store in the shopper's state, not a "yes, near you"
        city, state = near[0]
        return f"Our store in {state} is in {city}.", hits
    return f"{no_store_in(text, stores, places)}: our only stores are in {_listed(stores)}.", hits


def no_store_in(text: str, stores: list[tuple[str, str]], places: Sequence[str] = ()) -> str:
    """ "No, we don't have a store in New York", in the shopper's own words for the place (a store's city said with
    another state is that town: "Portland, Maine"); "No" alone when no place is known by name."""
    said, city = place_words(text) or list(places), _said(stores, text)
    where = f"{city}, {said[0]}" if city and said else said[0] if said else ""
    return f"No, we don't have a store in {where}" if where else "No"


def store_cities(kb: KnowledgePort) -> tuple[list[tuple[str, str]], Hit | None]:
    """The stores the about page lists, as (city, state), with the page read."""
    page = find(kb, STORES_QUERY, r"\bstores\b[^.]*\([A-Z]")
    return STORE.findall(page.first(r"\bstores\b[^.]*\([A-Z]")), page.hit


def elsewhere(kb: KnowledgePort, text: str) -> tuple[str, Hit | None] | None:
    """ "can I drop it off at one of your stores? im in boston": a place named that has none of the stores (its city
    or state), said first with where they are; None when no place is named or a store is there."""
    if not ours(text) or not _where_said(text):
        return None  # "the ups store in dallas", "ship to new york": not a store of ours wanted there
    stores, hit = store_cities(kb)
    said = place_words(text)
    if not stores or not said:
        return None
    places = {name for name, _in_us in places_in(text)} | set(us_cities_in(text))
    if _said(stores, text) and not places & set(US_STATES):
        return None  # "the seattle store": one of ours
    if any(s in places for _c, s in stores):
        return None  # the store in the shopper's state answers that
    return f"{no_store_in(text, stores)}: our only stores are in {_listed(stores)}.", hit


def ours(text: str) -> bool:
    """A store of the shop's said as a noun ("one of your stores", "the seattle store"), not a carrier's store."""
    return any(
        _OURS_BEFORE.search(text[: m.start()]) and not CARRIER_BEFORE.search(text[: m.start()])
        for m in _STORE_NOUN.finditer(text)
    )


# a place said as where the shopper is or goes ("im in boston", "visiting New York", "heading to philadelphia") or as
# a store's ("your Manhattan store"), not as part of another name ("LA Fitness") nor where a parcel goes ("ship to")
_BEFORE = re.compile(
    r"(?:\b(?:in|near|visiting|visit|around|at|of)|\b(?:i'?m|i am|we'?re) from"
    r"|\b(?:heading|headed|going|flying|driving|moving|travel\w*|trip|coming)\s+(?:over\s+|down\s+|up\s+)?to)"
    r"\s+(?:the\s+)?$",
    re.I,
)
_AFTER = re.compile(r"\s+(?:stores?|shops?|locations?|branch(?:es)?|boutiques?)\b", re.I)


def _where_said(text: str) -> list[str]:
    """The places the message says as where the shopper is or goes, or as a store's."""
    out = []
    for word in place_words(text):
        m = re.search(rf"(?<![\w.]){re.escape(word)}(?![\w'])", text, re.I)
        if m and (_BEFORE.search(text[: m.start()]) or _AFTER.match(text, m.end())):
            out.append(word)
    return out


def _said(stores: list[tuple[str, str]], text: str) -> str:
    """The store's city the message names ("the chicago store"), or ''."""
    return next((c for c, _s in stores if re.search(rf"\b{re.escape(c)}\b", text, re.I)), "")


def _listed(stores: list[tuple[str, str]]) -> str:
    return ", ".join(f"{c} ({s})" for c, s in stores[:-1]) + f" and {stores[-1][0]} ({stores[-1][1]})"


def _elsewhere(text: str, stores: list[tuple[str, str]], hit: Hit | None) -> tuple[str, list[Hit]] | None:
    """ "a store in my town?", "in Springfield?": a place that is none of the stores' cities or states, and none this
    vocabulary knows: where the stores are, without a yes or no about a place the data does not name."""
    m = PLACE_ASKED.search(text)
    if m is None or HOURS.search(text) or re.match(r"(?:the|a|an|stock|store|person|general)\b", m.group(1), re.I):
        return None
    return f"Our only stores are in {_listed(stores)}.", [hit] if hit else []
