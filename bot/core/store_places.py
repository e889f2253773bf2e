"""Is there a store in (or near) a place the shopper names? Read from the shop's own sentence about its stores
("... three Northwind Threads stores, in Portland (Oregon), Seattle (Washington) and Chicago (Illinois)") at run
time: a place that is a store's city or state gets yes and that store; any other place gets no and the stores there
are (the place itself is not named back: the shop's data does not name it)."""

from __future__ import annotations

import re

from bot.core.places import POSTAL, US_STATES, places_in, us_cities_in
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


def store_reply(kb: KnowledgePort, text: str) -> tuple[str, list[Hit]] | None:
    """ "Do you have a store in London?" -> "No: our only stores are in Portland (Oregon), ...";
    "any store near Tacoma, WA?" -> "Our store in Washington is in Seattle." (None: no store and place asked)."""
    if not ASKS_STORE.search(text) or NOT_WHERE.search(text):
        return None
    page = find(kb, STORES_QUERY, r"\bstores\b[^.]*\([A-Z]")
    said = page.first(r"\bstores\b[^.]*\([A-Z]")
    stores = STORE.findall(said)
    if not stores:
        return None
    places = [name for name, _in_us in places_in(text)] + us_cities_in(text)
    places += [POSTAL[m.group(1)] for m in re.finditer(r"[A-Z][a-z]+,? ([A-Z]{2})\b", text) if m.group(1) in POSTAL]
    # a store's city said with another state ("Portland, Maine") is another town of that name, not our store
    cities = [
        (c, s)
        for c, s in stores
        if re.search(rf"\b{re.escape(c)}\b", text, re.I) and not any(p != s and p in US_STATES for p in places)
    ]
    if not places and not cities:
        return _elsewhere(text, stores, page.hit)
    hits = [page.hit] if page.hit else []
    if cities and HOURS.search(text):
        return None
    if cities:
        city, state = cities[0]
        return f"Yes, we have a store in {city} ({state}).", hits
    near = [(c, s) for c, s in stores if s in places]
    if near:  # the data gives no distances: the store in the shopper's state, not a "yes, near you"
        city, state = near[0]
        return f"Our store in {state} is in {city}.", hits
    return f"No: our only stores are in {_listed(stores)}.", hits


def _listed(stores: list[tuple[str, str]]) -> str:
    return ", ".join(f"{c} ({s})" for c, s in stores[:-1]) + f" and {stores[-1][0]} ({stores[-1][1]})"


def _elsewhere(text: str, stores: list[tuple[str, str]], hit: Hit | None) -> tuple[str, list[Hit]] | None:
    """ "a store in my town?", "in Springfield?": a place that is none of the stores' cities or states, and none this
    vocabulary knows: where the stores are, without a yes or no about a place the data does not name."""
    m = PLACE_ASKED.search(text)
    if m is None or HOURS.search(text) or re.match(r"(?:the|a|an|stock|store|person|general)\b", m.group(1), re.I):
        return None
    return f"Our only stores are in {_listed(stores)}.", [hit] if hit else []
