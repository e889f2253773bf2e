"""The corrections of bot/core/premises.py as finished replies, and one more claim checked against the pages: a
return window no membership level has ("chat told me returns r 60 days for everyone so i have till end of jan
right?" -> a plain no and the windows by level, as the returns page gives them). A level's own window ("bronze
members have 90 days, right?") and a question ("are returns 60 days?") go the usual way (#9)."""

from __future__ import annotations

import re

from bot.core.policy_lines import PERSON_OFFER
from bot.core.policy_tables import find
from bot.core.ports import KnowledgePort
from bot.core.premises import _asserted, _hits, premise_answer
from bot.core.turn import HANDOFF_BUTTON, hit_source
from bot.domain import Author, Flag, Hit, IntentPrediction, Reply

# "returns r 60 days for everyone", "you have a 45-day return policy", "i have 60 days to return it"
WINDOW_CLAIM = re.compile(
    r"\breturns?\s+(?:policy\s+)?(?:are|r|is|=)\s+(?P<a>\d{1,3})\s*days?\b"
    r"|\b(?P<b>\d{1,3})[- ]days?\s+returns?\b|\b(?P<c>\d{1,3})[- ]day\s+return\s+(?:policy|window)\b"
    r"|\b(?:have|get|got|gives?)\s+(?P<d>\d{1,3})\s+days\s+to\s+(?:return|send)\b"
    r"|\breturn\s+window\s+(?:is|of|r)\s+(?P<e>\d{1,3})\s+days\b",
    re.I,
)
WINDOWS_QUERY = "Can I return items for any reason? return window 30 days Guests 90 days Bronze"


def window_claim(kb: KnowledgePort, text: str) -> tuple[str, list[Hit]] | None:
    """A return window asserted that the page gives no level: "No" and the windows; None otherwise."""
    m = WINDOW_CLAIM.search(text)
    if not m or not _asserted(text, m.start()):
        return None
    days = next(g for g in m.groups() if g)
    returns = find(kb, WINDOWS_QUERY, r"\breturn window\b.*\d+ days")
    window = returns.first(r"\breturn window\b.*\d+ days")
    if not window or re.search(rf"\b{days} days\b", window):
        return None  # a level's own window ("90 days"): true for that level
    said = f"No: our return window isn't {days} days; it depends on your membership level."
    return " ".join([said, window, PERSON_OFFER]), _hits(returns)


def premise_reply(kb: KnowledgePort, text: str, pred: IntentPrediction) -> Reply | None:
    """The correction as a finished reply from the data (a person offered where the text offers one), or None."""
    found = premise_answer(kb, text) or window_claim(kb, text)
    if found is None:
        return None
    said, hits = found
    sources: list[dict[str, str]] = []
    for h in hits:
        if hit_source(h) not in sources:
            sources.append(hit_source(h))
    person = "connect you?" in said
    return Reply(
        text=said,
        sources=sources[:4],
        flags={Flag.FROM_DATA} | ({Flag.HANDOFF} if person else set()),
        buttons=[HANDOFF_BUTTON] if person else [],
        intent=pred.intent,
        confidence=max(pred.confidence, 0.9),
        author=Author.TEMPLATE,
    )
