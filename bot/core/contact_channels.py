"""How can I reach you? A question about a way to contact the shop (phone, e-mail, this chat, or a channel such as
fax, WhatsApp, text messages or social media) is answered from the contact page: the number or address with the
hours the page gives, and for a channel the page does not list, that it is not one of the shop's contact channels
and which ones are. Everything is read from the pages at run time; a shop that lists WhatsApp gets that section
quoted instead. "Is there a number I can ring to speak to someone?" is a question about the phone, not only a
request for a person: it gets the number and hours, with the way to a person in this chat."""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.core.policy_tables import Page, find
from bot.core.ports import KnowledgePort
from bot.core.turn import HANDOFF_BUTTON, hit_source
from bot.domain import Author, Flag, Intent, IntentPrediction, Reply

PHONE_NUMBER = re.compile(r"\b\d-\d{3}-\d{3}-\d{4}\b|\(\d{3}\)\s?\d{3}-\d{4}")
EMAIL_ADDRESS = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
HOURS = re.compile(r"\d{1,2}:\d{2}\s*[ap]\.m\.", re.I)


@dataclass(frozen=True, slots=True)
class Channel:
    """A way to reach the shop: the words that ask for it, how a reply names it, and what shows it on the pages."""

    key: str
    asked: re.Pattern[str]
    label: str
    shown: re.Pattern[str]


def _p(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


_YOU = r"(?:you|u|ya|your (?:shop|store|team|support)|the (?:shop|store|team)|support|customer (?:care|service)|someone|somebody|a person|anyone|northwind)"
CHANNELS: tuple[Channel, ...] = (
    Channel(
        "phone",
        _p(
            rf"\b(?:tele)?phone\b|\b(?:call|ring|phone|dial) {_YOU}\b|\bgive {_YOU} a (?:call|ring)\b|\bcan i (?:call|ring)\b"
            r"|\bnumber (?:i|we) (?:can|could) (?:call|ring|dial)\b|\b(?:call|ring) (?:a|the|your) number\b"
            r"|\b(?:hot|help|support|phone) ?line\b|\btoll[- ]free\b|\byour (?:contact )?number\b"
        ),
        "phone",
        PHONE_NUMBER,
    ),
    Channel(
        "email",
        _p(
            rf"\be-?mail (?:address|addy|{_YOU})\b|\b(?:your|support|customer (?:care|service)|an?|which|what) e-?mail\b"
            rf"|\bwrite (?:to )?{_YOU}\b|\be-?mail do i\b"
        ),
        "e-mail",
        EMAIL_ADDRESS,
    ),
    Channel(
        "chat",
        _p(r"\blive (?:chat|agent|person|support)\b|\bchat (?:with|to) (?:a |an )?(?:real|live|human|person|agent)\b"),
        "live chat",
        _p(r"\bassistant\b.*\b(?:24|hours a day|around the clock)\b"),
    ),
    Channel("fax", _p(r"\bfax\w*\b"), "Fax", _p(r"\bfax\b")),
    Channel("whatsapp", _p(r"\bwhats ?app\b"), "WhatsApp", _p(r"\bwhats ?app\b")),
    Channel(
        "sms",
        _p(r"\bsms\b|\btext (?:message|msg)s?\b|\btext(?:ing)? (?:you|u|us|me)\b|\bimessage\b"),
        "Text messaging (SMS)",
        _p(r"\b(?:sms|text messag\w*)\b"),
    ),
    Channel(
        "social",
        _p(r"\b(?:facebook|messenger|instagram|insta|twitter|tiktok|linkedin|social media|dm)\b"),
        "Social media",
        _p(r"\b(?:facebook|instagram|twitter|tiktok|social media)\b"),
    ),
    Channel("video", _p(r"\bvideo (?:call|chat)\b|\bzoom\b|\bskype\b|\bfacetime\b"), "Video calls", _p(r"\bvideo\b")),
)
# the shopper's own contact details, another person's, or a message the shop would send: not a way to reach the shop
NOT_REACHING = re.compile(
    r"\b(?:my|his|her|their|our)\s+(?:new\s+|old\s+)?(?:(?:tele)?phone|e-?mail|number|mobile|cell)\b"
    r"|\b(?:change|update|verify|confirm|reset)\b|\b(?:e-?mail|call|ring) (?:me|him|her|them)\b"
    r"|\b(?:order|tracking|reference|case|request) number\b",
    re.I,
)
ASKING = re.compile(
    r"\?|^\W*(?:how|what|what's|whats|where|which|is|are|do|does|can|could|may|any|got|give|tell|need|i need|i'd like|i want)\b",
    re.I,
)
STORE = re.compile(r"\b(?:stores?|shops? in|boutique|branch|portland|seattle|chicago)\b", re.I)
ONLINE_STORE = re.compile(r"\b(?:online|web) ?(?:store|shop)\b", re.I)

QUERIES = {
    "phone": ("What is your phone number? Call us by phone", PHONE_NUMBER.pattern),
    "email": ("What is your support e-mail address? Write to us by e-mail", EMAIL_ADDRESS.pattern),
    "hours": ("When is customer care available? Customer care hours", HOURS.pattern),
    "official": ("Which phone number and e-mail address are the official support contacts?", r"\bofficial\b"),
    "assistant": ("Is the online assistant available 24 hours a day?", r"\bassistant\b"),
    "store": ("Store visits: in-store help at our stores", r"\bstores?\b"),
}


def asked_channels(text: str) -> list[Channel]:
    """The ways to reach the shop a message asks about, in the order of CHANNELS; [] when it asks for none."""
    if NOT_REACHING.search(text) or not ASKING.search(text):
        return []
    return [c for c in CHANNELS if c.asked.search(text)]


def _pages(kb: KnowledgePort) -> dict[str, Page]:
    return {key: find(kb, query, about, k=12) for key, (query, about) in QUERIES.items()}


def _first(page: Page, pattern: re.Pattern[str]) -> str:
    found = pattern.search(page.text)
    return found.group(0) if found else ""


def _listed(kb: KnowledgePort, channel: Channel, pages: dict[str, Page]) -> bool:
    """The pages show this channel: in the contact sections, or in a section found by asking for it by name."""
    if any(channel.shown.search(p.text) for p in pages.values() if p.hit is not None):
        return True
    return find(kb, f"Can I contact you by {channel.label}?", channel.shown.pattern).hit is not None


def _phone_lines(pages: dict[str, Page], text: str) -> list[str]:
    phone = pages["phone"]
    number = _first(phone, PHONE_NUMBER)
    said = next((s for s in phone.sentences if number in s), number)
    lines = [f"Our phone number is {said.rstrip('.')}."]
    if STORE.search(text) and not ONLINE_STORE.search(text) and not PHONE_NUMBER.search(pages["store"].text):
        lines.insert(0, "Our pages don't give a phone number for the stores themselves.")
    if hours := pages["hours"].first(HOURS.pattern):
        lines.append(f"Customer care hours: {hours}")
    abroad = [s for s in phone.sentences if number not in s and re.search(r"\b(?:outside|instead)\b", s, re.I)]
    if any(re.search(r"\be-?mail\b", s, re.I) for s in abroad) and (address := _first(pages["email"], EMAIL_ADDRESS)):
        abroad.append(f"Our e-mail address is {address}.")  # "please e-mail us instead": the address to write to
    return lines + abroad


def _email_lines(pages: dict[str, Page]) -> list[str]:
    email = pages["email"]
    address = _first(email, EMAIL_ADDRESS)
    return [f"Our e-mail address is {address}.", *email.sentences[:2]]


def _chat_lines(pages: dict[str, Page]) -> list[str]:
    found = [
        s for p in (pages["assistant"], pages["hours"]) for s in p.sentences if re.search(r"\bassistant\b", s, re.I)
    ]
    said = found[:1] + [s for s in pages["assistant"].sentences if re.search(r"\bpass\b.*\bperson\b", s, re.I)][:1]
    hours = pages["hours"].first(HOURS.pattern).rstrip(".")
    if hours:  # "during the hours above" read out of its page: the hours said in place
        said = [re.sub(r"\bduring the hours above\b", f"during customer care hours ({hours})", s) for s in said]
    return said


def _unlisted_lines(channel: Channel, pages: dict[str, Page]) -> list[str]:
    official = pages["official"].first(r"\bofficial\b")
    official = re.sub(r"\bthis page\b", "our contact page", official)
    phone, address = _first(pages["phone"], PHONE_NUMBER), _first(pages["email"], EMAIL_ADDRESS)
    ways = [f"e-mail us at {address}" if address else "", f"call {phone}" if phone else ""]
    reach = " or ".join(w for w in ways if w)
    hours = pages["hours"].first(HOURS.pattern)
    return [
        f"{channel.label} isn't one of our contact channels"
        + (f": {official[:1].lower()}{official[1:]}" if official else "."),
        *([f"You can {reach}." if reach else ""]),
        *([f"Customer care hours: {hours}"] if hours and phone else []),
    ]


def contact_reply(kb: KnowledgePort, text: str, pred: IntentPrediction) -> Reply | None:
    """The shop's own answer to "how can I reach you by X?", or None when no way to reach the shop is asked."""
    asked = asked_channels(text)
    if not asked:
        return None
    pages = _pages(kb)
    if pages["phone"].hit is None and pages["email"].hit is None:
        return None  # no contact page: the usual way
    lines: list[str] = []
    for channel in asked:
        if channel.key == "phone" and pages["phone"].hit is not None:
            more = _phone_lines(pages, text)
        elif channel.key == "email" and pages["email"].hit is not None:
            more = _email_lines(pages)
        elif channel.key == "chat" and _listed(kb, channel, pages):
            more = _chat_lines(pages)
        elif channel.key in ("phone", "email", "chat") or _listed(kb, channel, pages):
            return None  # not found on the pages, or a channel they name: retrieval quotes its own section
        else:
            more = _unlisted_lines(channel, pages)
        lines += [s for s in more if s and s not in lines]
    sources = [hit_source(p.hit) for p in pages.values() if p.hit is not None]
    unique = [s for i, s in enumerate(sources) if s not in sources[:i]]
    return Reply(
        text=" ".join(lines),
        sources=unique[:4],
        flags={Flag.STRUCTURED, Flag.FROM_DATA},
        buttons=[HANDOFF_BUTTON],
        intent=Intent.HUMAN_AGENT if pred.intent == Intent.HUMAN_AGENT else Intent.ACCOUNT,
        confidence=max(pred.confidence, 0.9),
        author=Author.TEMPLATE,
    )
