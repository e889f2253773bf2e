"""The shopper asks which membership level their own account has: "what level am i", "wait am i gold", "im gold??",
"what's my membership?". A known customer gets the level from the customers table (a yes or a no when they named
one) and what that level gives, read from the membership page's tables; a chat with no account behind it gets an
honest "I can't see it" and a person. Never a line of the levels table, nor a level the model guessed."""

from __future__ import annotations

import re

from bot.core.ports import KnowledgePort
from bot.core.tier_compare import level_reply
from bot.core.turn import HANDOFF_BUTTON, Turn, hit_source
from bot.domain import Author, Flag, Intent, Reply, Request, RequestKind

TIERS = ("guest", "bronze", "silver", "gold")
TIER = r"(?:guest|bronze|silver|gold)"
# "status" alone may be an order's: only "membership status", "rewards status"
LEVEL_WORD = r"(?:level|tier|membership|rank|(?:membership|member|rewards|loyalty) (?:level|tier|status))"
_LEAD = r"^(?:(?:wait|so|hey|hi|hmm+|um+|uh+|ok(?:ay)?|oh|btw|quick question|and|but|sorry|just checking|really)\W+)*"
_TAIL = r"(?:\s+(?:still|now|yet|right|already|currently|at the moment|atm|or not|then|though|too))*\W*$"
# the whole message asks for the shopper's own level
OWN_LEVEL = re.compile(
    _LEAD + r"(?:"
    rf"what(?:'s|s| is)\s+my\s+(?:current\s+)?{LEVEL_WORD}"
    rf"|(?:what|which)\s+(?:{LEVEL_WORD}|status)\s+"
    r"(?:am i(?:\s+(?:on|at|in))?|do i have|have i got|i(?:'m| am)(?:\s+(?:on|at|in))?|im(?:\s+(?:on|at|in))?"
    r"|is my account(?:\s+(?:on|at|in))?|(?:are|do) you (?:show|have)(?:ing)? (?:for )?me(?:\s+(?:on|at|as))?)"
    rf"|my\s+(?:current\s+)?{LEVEL_WORD}"
    rf"|(?:am i|i'?m|im|i am)\s+(?:still\s+|already\s+|really\s+)?(?:an?\s+)?{TIER}(?:\s+(?:member|level|tier|status))?"
    rf"|(?:do i have|have i got|have i (?:reached|made|hit)|did i (?:reach|make|hit)|is my account)\s+(?:an?\s+)?"
    rf"{TIER}(?:\s+(?:member|membership|level|tier|status))?"
    r")" + _TAIL,
    re.I,
)
# "im gold??": a level said of oneself is a question only with a question mark (a bare "I'm gold" is a fact)
STATEMENT = re.compile(r"^(?:\W*\w+\W+)*?(?:i'?m|im|i am)\s", re.I)
UNKNOWN = (
    "This chat isn't linked to an account, so I can't see which membership level you have. A person from our team "
    "can check it for you; would you like me to connect you?"
)


def asks_own_level(text: str) -> bool:
    """The message asks for the shopper's own membership level and nothing else."""
    said = text.strip()
    if not OWN_LEVEL.match(said):
        return False
    return "?" in said or not STATEMENT.match(said)


def own_level_reply(turn: Turn, text: str, kb: KnowledgePort) -> tuple[Reply, Request] | None:
    """The account's level (and whether it is the one named) with what the level gives; None when not asked."""
    if not asks_own_level(text):
        return None
    request = Request(RequestKind.POLICY, text)
    tier = str(turn.customer.get("membership") or "").lower() or "guest"  # no level: not in Rewards
    if not turn.known_customer or tier not in TIERS:
        reply = Reply(UNKNOWN, flags={Flag.HANDOFF, Flag.ACCOUNT_STATUS}, buttons=[HANDOFF_BUTTON])
        reply.intent, reply.author = Intent.ACCOUNT, Author.TEMPLATE
        return reply, request
    named = [t for t in TIERS if re.search(rf"\b{t}\b", text, re.I)]
    level = tier.capitalize()
    said = f"Your account is at the {level} level."
    if named and named[0] == tier:
        said = f"Yes: your account is at the {level} level."
    elif named:
        said = f"No: your account is at the {level} level, not {named[0].capitalize()}."
    sources = [{"title": "Your account", "source": "customers", "doc_id": f"customer:{turn.customer.get('id', '')}"}]
    perks = level_reply(kb, f"what do {tier} members get")
    if perks is not None:
        said = f"{said} {perks[0]}"
        sources += [hit_source(h) for h in perks[1]]
    reply = Reply(said, sources=sources, flags={Flag.FROM_DATA}, confidence=0.9, author=Author.TEMPLATE)
    reply.intent = Intent.ACCOUNT
    return reply, request
