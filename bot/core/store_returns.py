"""A return brought to one of the shop's stores (#9): "ordered online like 3 weeks ago as a guest, can i just bring it
back to the seattle store?" opened with the delivery-downgrade store-credit rule. The question is a return (the window
answers whether it can be) made in a store: the returns page's in-store way ("In store – bring the item and your order
number to our Portland, Seattle or Chicago store."), and whether the store the shopper names is one of those, read
at run time. "Yes" leads only when the window's verdict says they are still within it."""

from __future__ import annotations

import re

from bot.core.policy_lines import section
from bot.core.ports import KnowledgePort
from bot.core.store_places import CARRIER_BEFORE, elsewhere
from bot.domain import Hit

# "can i just bring it back", "could we take them back": the shopper bringing it back (not "can you take it back")
BRING_BACK = (
    r"\b(?:can|could|may)\s+(?:i|we)\s+(?:just\s+|still\s+|also\s+)?(?:bring|take|drop)\b[^?.!]{0,30}\bback\b"
    r"|\b(?:can|could|may)\s+(?:i|we)\s+(?:just\s+|still\s+|also\s+)?return\b[^?.!]{0,50}\b(?:in|at|to)\s+"
    r"(?:the\s+|a\s+|your\s+|one of (?:the|your)\s+)?(?:\w+\s+)?stores?\b"
)
STORE = re.compile(r"\bin[- ]store\b|\b(?:stores?|shops?|boutiques?|locations?)\b(?!\s+credit)", re.I)
RETURNED = re.compile(
    r"\b(?:return\w*|bring\w*\b[^?.!]{0,30}\bback|take\b[^?.!]{0,30}\bback|drop\w*\b[^?.!]{0,30}\b(?:off|back)"
    r"|send\w*\b[^?.!]{0,30}\bback)\b",
    re.I,
)
# when it was bought, the shopper's level or a receipt: the facts the return window is checked against
WINDOW_FACTS = re.compile(
    r"\b(?:ago|bought|purchased|guest|bronze|silver|gold|member|receipt|days?|weeks?|months?|still)\b", re.I
)
IN_STORE_RULE = re.compile(r"\bIn store\b.*\bstores?\b", re.I)
WAYS_QUERY = (
    "Ways to send a return back: by mail prepaid return shipping label, in store, drop-off center UPS Access Point"
)


def store_asked(text: str) -> bool:
    """A return made in a store: a store (not store credit, not a carrier's: "the ups store") and a return or bringing
    it back."""
    ours = any(not CARRIER_BEFORE.search(text[: m.start()]) for m in STORE.finditer(text))
    return bool(ours and RETURNED.search(text))


def store_lines(text: str, kb: KnowledgePort, *, inside: bool) -> tuple[list[str], Hit | None]:
    """The in-store way quoted, led by whether the store named is one of the page's ("Yes: our Seattle store takes
    returns." when the window is still open); ([], None) when not asked or the page has no in-store way."""
    if not store_asked(text):
        return [], None
    found = section(kb, WAYS_QUERY, about=IN_STORE_RULE)
    if (no := elsewhere(kb, text)) is not None:  # "... one of your stores? im in boston": none there, the other ways
        ways = found.pick(lambda s: not IN_STORE_RULE.search(s) and not s.endswith(":"), limit=6)
        return ([no[0], "You can still send it back:", *ways], found.hit) if ways else ([no[0]], no[1])
    rule = next(iter(found.pick(lambda s: bool(IN_STORE_RULE.search(s)), limit=1)), "")
    if not rule:
        return [], None
    listed = re.search(r"\bour ((?:[A-Z][\w.]*(?: [A-Z][\w.]*)*(?:, | or | and )?)+) stores?\b", rule)
    cities = re.split(r", | or | and ", listed.group(1)) if listed else []
    named = next((c for c in cities if re.search(rf"\b{re.escape(c)}\b", text, re.I)), "")
    if named:
        lead = f"Yes: our {named} store takes returns." if inside else f"Our {named} store takes returns."
    else:
        lead = "Yes: you can return it in one of our stores." if inside else ""
    return [x for x in (lead, rule) if x], found.hit


def with_store_lines(parts: list[str], text: str, kb: KnowledgePort, *, at: int) -> Hit | None:
    """The window's reply `parts` with the in-store lines put at `at` (after the order's line), "Yes" when its verdict
    says the shopper is still within the window; a copy of the in-store way already in the parts is dropped."""
    inside = any(p.endswith("still within it.") or p.startswith("You can return it until") for p in parts)
    lines, hit = store_lines(text, kb, inside=inside)
    if lines:
        parts[:] = [p for p in parts if p not in lines]
        parts[at:at] = lines
    return hit


def return_elsewhere(kb: KnowledgePort, text: str) -> tuple[str, list[Hit]] | None:
    """A return to a store in a place that has none ("can i drop them off at one of your stores? im in boston"),
    with no order or window asked: that there is no store there, where the stores are, and the other ways."""
    if WINDOW_FACTS.search(text):
        return None  # "bought it 2 weeks ago as a guest, ...": the window's reply, with these lines in it
    lines, hit = store_lines(text, kb, inside=False)
    if not lines or not lines[0].startswith("No,"):
        return None
    return " ".join(lines), [hit] if hit else []
