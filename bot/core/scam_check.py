"""A message the shopper got that says something was added to their account ("got an email saying a $29.99
'premium protection plan' got added to my account?? is that u"): whether it is from the shop is answered by the
pages' own rules, read at run time: the only contacts the shop writes from (the contact page's address and number),
that e-mails claiming a service was added to or removed from an account that do not come from the shop are scams
and their links are not to be clicked (the account page), and that the shop checks the account when asked, with a
person offered. A service the shopper quotes that no page holds is said to be not found on the pages; nothing here
says the message was or was not sent."""

from __future__ import annotations

import re

from bot.core.contact_channels import EMAIL_ADDRESS, PHONE_NUMBER, QUERIES
from bot.core.policy_tables import Page, find
from bot.core.ports import KnowledgePort
from bot.core.turn import HANDOFF_BUTTON, hit_source
from bot.domain import Author, Flag, Intent, IntentPrediction, Reply

# a message the shopper received ("got an email", "a text said", "someone called me")
RECEIVED = re.compile(
    r"\b(?:e-?mails?|emailed|texts?|texted|sms|messages?|messaged|calls?|called|letter|notification|dm|popup|pop-up)\b",
    re.I,
)
# ... that says something was put on or taken off their account or card
CHANGED = re.compile(
    r"\b(?:added|removed|activated|enrolled|subscribed|signed (?:me )?up|renewed|charged|billed|put on|taken off)\b"
    r"[^.?!]{0,40}\b(?:account|card|profile|subscription|membership)\b"
    r"|\b(?:account|card|profile)\b[^.?!]{0,30}\b(?:added|removed|activated|charged|billed|renewed)\b"
    r"|\b(?:signed (?:me |us )?up|subscribed|enrolled|registered)\s+(?:for|to|in|into)\b",
    re.I,
)
# ... and the question whether it came from the shop
FROM_US = re.compile(
    r"\b(?:is|was|were) (?:that|this|it|these|those) (?:u|you|ya|y'?all|real|legit\w*|genuine|from (?:you|u|northwind))\b"
    r"|\b(?:did|do) (?:u|you) (?:send|add|do|charge)\b|\blegit\w*\b|\bscam\w*\b|\bphishing\b|\bfake\b|\bgenuine\b"
    r"|\bfrom (?:you|u|northwind)\b|\bis this real\b|\breal or\b",
    re.I,
)
SAFETY_QUERY = "Keeping your account safe: e-mails claiming that a service was added to your account are scams"
# a name in quotes ("'premium protection plan'"), not the apostrophes of "it's ... isn't"
NAMED = re.compile(r"(?:(?<=\s)|^)['\"‘“]([A-Za-z][^'\"’”]{2,40})['\"’”](?![A-Za-z])")


def asks_if_from_us(text: str) -> bool:
    """The shopper got a message saying something was added to (or taken off) their account, and asks whether it
    came from the shop."""
    return bool(RECEIVED.search(text) and CHANGED.search(text) and FROM_US.search(text))


def scam_reply(kb: KnowledgePort, text: str, pred: IntentPrediction) -> Reply | None:
    """The pages' own rules about messages that claim a change to the account, with the official contacts and a
    person offered; None when it is not that question or the pages do not say it."""
    if not asks_if_from_us(text):
        return None
    safety = find(kb, SAFETY_QUERY, r"\bscams?\b", k=12)
    scam = safety.first(r"\bscams?\b")
    if not scam:
        return None
    only = safety.first(r"\bonly contact you\b")
    pages = [safety]
    lines = []
    thing = _named_thing(text)
    if thing and not _on_pages(kb, thing):
        lines.append(f'I can\'t find anything called "{thing}" on our pages.')
    contacts = _official(kb, pages)
    if only:
        lines.append(f"{only.rstrip('.')}: {contacts}." if contacts else only)
    elif contacts:
        lines.append(f"Our official support contacts are {contacts}.")
    lines.append(scam)
    check = safety.first(r"\bcheck your account\b")
    if check:
        lines.append(check)
    lines.append("Would you like me to connect you with a person from our team to check it?")
    sources = [hit_source(p.hit) for p in pages if p.hit is not None]
    return Reply(
        text=" ".join(lines),
        sources=[s for i, s in enumerate(sources) if s not in sources[:i]][:4],
        flags={Flag.STRUCTURED, Flag.FROM_DATA},
        buttons=[HANDOFF_BUTTON],
        intent=Intent.ACCOUNT,
        confidence=max(pred.confidence, 0.9),
        author=Author.TEMPLATE,
    )


def _official(kb: KnowledgePort, pages: list[Page]) -> str:
    """The contact page's e-mail address and phone number ("support@... and 1-800-..."), '' when it lists neither."""
    found = []
    for key, rx in (("email", EMAIL_ADDRESS), ("phone", PHONE_NUMBER)):
        page = find(kb, QUERIES[key][0], QUERIES[key][1], k=12)
        if (m := rx.search(page.text)) is not None:
            found.append(m.group(0))
            pages.append(page)
    return " and ".join(found)


def _named_thing(text: str) -> str:
    """What the message says was added, when the shopper quotes its name ("'premium protection plan'")."""
    m = NAMED.search(text)
    return m.group(1).strip() if m else ""


def _on_pages(kb: KnowledgePort, thing: str) -> bool:
    """Any page among the best hits for the name holds it (a service the shop sells is not said to be missing)."""
    low = re.sub(r"\s+", " ", thing.lower())
    return any(low in re.sub(r"\s+", " ", hit.passage.text.lower()) for hit in kb.search(thing, k=8))
