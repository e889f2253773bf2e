"""How can I reach you? A question about a way to contact the shop (phone, e-mail, this chat, or a channel such as
fax, WhatsApp, text messages or social media) is answered from the contact page: the number or address with the
hours the page gives, and for a channel the page does not list, that it is not one of the shop's contact channels
and which ones are. Everything is read from the pages at run time; a shop that lists WhatsApp gets that section
quoted instead. "Is there a number I can ring to speak to someone?" is a question about the phone, not only a
request for a person: it gets the number and hours, with the way to a person in this chat. A holiday asked with
them gets the page's closing days; "whats the number?" after a reply that offered a person gets the shop's; "am I
talking to a human?" gets that this is the automated assistant and when a person can take over (#9)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bot.core import canned
from bot.core.policy_tables import Page, find
from bot.core.ports import KnowledgePort
from bot.core.small_talk import Said, small_talk
from bot.core.store_hours import HOLIDAY, ONLINE_STORE, STORE, store_day_reply
from bot.core.turn import HANDOFF_BUTTON, hit_source
from bot.core.two_part import question_parts
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
            rf"\b(?:tele)?phones?\b|\b(?:call|ring|phone|dial) {_YOU}\b|\bgive {_YOU} a (?:call|ring)\b|\bcan i (?:call|ring)\b"
            r"|\b(?:number|some ?(?:one|body)|any ?(?:one|body)|a person|a human) (?:i|we) (?:can|could) (?:call|ring|dial|phone)\b"
            r"|\b(?:call|ring) (?:a|the|your) number\b|\bnumber (?:do|should|can|could) (?:i|we) (?:call|ring|dial|use)\b"
            r"|\b(?:hot|help|support|phone) ?line\b|\btoll[- ]free\b|\b(?:your|ur) (?:contact )?number\b"
            r"|\b(?:customer (?:service|care|support)|support|contact|cs|helpline|service desk) (?:phone )?(?:number|#|no\.)"
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
    r"|\b(?:order|tracking|reference|case|request) number\b"
    # a phone as a device a product works with ("do the gloves work with a phone?"): the touchscreen, not a call
    # (the website, app or chat on a phone is not a product's feature)
    r"|^(?!.*\b(?:website|site|app|chat|checkout|page|order)\b).*"
    r"\b(?:works?|working|use|using|operate)\s+(?:with|on)?\s*(?:a|the|any|your)?\s*(?:smart ?|cell ?|i)?phones?\b"
    r"|\bphone[- ]screens?\b|\btouch[- ]?screens?\b",
    re.I,
)
ASKING = re.compile(
    r"\?|^\W*(?:how|what|what's|whats|where|which|is|are|do|does|can|could|may|any|got|give|tell|need|i need|i'd like|i want)\b",
    re.I,
)

QUERIES = {
    "phone": ("What is your phone number? Call us by phone", PHONE_NUMBER.pattern),
    "email": ("What is your support e-mail address? Write to us by e-mail", EMAIL_ADDRESS.pattern),
    "hours": ("When is customer care available? Customer care hours", HOURS.pattern),
    "official": ("Which phone number and e-mail address are the official support contacts?", r"\bofficial\b"),
    "assistant": ("Is the online assistant available 24 hours a day?", r"\bassistant\b"),
    "store": ("Store visits: in-store help at our stores", r"\bstores?\b"),
    "closed": (
        "Is customer care closed on holidays? Closed on Christmas Day, Thanksgiving Day and New Year's Day",
        r"\bclosed\b[^.]*\b(?:christmas|thanksgiving|new year|holiday)",
    ),
}
# the bot's last reply offered a person or gave the shop's contacts: "whats the number?" asks for theirs
OFFERED_PERSON = re.compile(
    r"\b(?:a|the) person\b|\bour team\b|\bcustomer care\b|\bconnect you\b|\bhuman agent\b|\bphone number\b"
    r"|\be-?mail address\b",
    re.I,
)
FOLLOW_PHONE = re.compile(
    r"\b(?:the|a|that|their|ur|your|what'?s|whats) (?:phone |contact |support )?(?:number|#|no\.?)(?!\s+of\b)"
    r"|\b(?:call|ring|phone|dial) (?:them|someone|somebody|you|u|the team)\b|\bnumber to (?:call|ring|dial)\b"
    r"|\bwhat (?:phone |contact )?number\b",
    re.I,
)
# a part of a contact question about when care answers ("can I call on a Saturday?", "are you open on Christmas?")
CARE_TIME = re.compile(
    r"\b(?:open|closed|hours|available|around|call|ring|reach)\b.*\b(?:today|tonight|tomorrow|weekends?|(?:mon|tues|wednes"
    r"|thurs|fri|satur|sun)days?|holidays?|christmas|x-?mas|thanksgiving|new year'?s?|right now|now|late|early)\b"
    r"|\b(?:what|which) (?:times?|hours|days)\b|\bwhen (?:are|is|can)\b",
    re.I,
)
FOLLOW_EMAIL = re.compile(r"\be-?mail\b", re.I)
FOLLOW_REACH = re.compile(
    r"\b(?:reach|contact|get (?:hold of|in touch with)|talk to|speak to|speak with|talk with) (?:them|someone|somebody"
    r"|a person|a human|you guys|the team|your team|customer (?:care|service|support))\b",
    re.I,
)
FOLLOW_WHEN = re.compile(
    r"\b(?:are|is) (?:they|someone|anyone|somebody|a person|people|the team|your team|customer (?:care|service))"
    r"(?: \w+)? (?:around|available|online|working|free|about|awake|open)\b"
    r"|\bwhen (?:are|is|can|do) (?:they|someone|anyone|i (?:reach|talk to|speak to|call|contact) (?:them|someone))\b"
    r"|\b(?:their|care|opening|business) hours\b|\bwhat time(?:s)? (?:are|do|can) (?:they|you|u|i)\b",
    re.I,
)
# the shopper wants a person, not only a number ("need to talk to someone", "want to speak with a human")
PERSON_WANTED = re.compile(
    r"\b(?:talk|speak|chat)(?:ing)? (?:to|with) (?:a |an )?(?:real |actual |live )?(?:someone|somebody|person|human|agent|rep)"
    r"|\b(?:real|actual) (?:person|human)\b",
    re.I,
)
# a follow-up about something else than reaching the team ("are they in stock?", "what's the tracking number?")
ELSE_ASKED = re.compile(
    r"\b(?:stock|sizes?|colou?rs?|price|cost|order|package|parcel|return\w*|refund\w*|deliver\w*|ship\w*|items?"
    r"|products?|tracking|stores?)\b",
    re.I,
)


def asked_channels(text: str) -> list[Channel]:
    """The ways to reach the shop a message asks about, in the order of CHANNELS; [] when it asks for none."""
    if NOT_REACHING.search(text) or not ASKING.search(text):
        return []
    return [c for c in CHANNELS if c.asked.search(text)]


def contact_pages(kb: KnowledgePort) -> dict[str, Page]:
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
    lines += hours_lines(pages, text)
    abroad = [s for s in phone.sentences if number not in s and re.search(r"\b(?:outside|instead)\b", s, re.I)]
    if any(re.search(r"\be-?mail\b", s, re.I) for s in abroad) and (address := _first(pages["email"], EMAIL_ADDRESS)):
        abroad.append(f"Our e-mail address is {address}.")  # "please e-mail us instead": the address to write to
    return lines + abroad


def hours_lines(pages: dict[str, Page], text: str) -> list[str]:
    """The care hours, and for a holiday asked about the days the page says care is closed (or that it names none)."""
    hours = pages["hours"].first(HOURS.pattern)
    lines = [f"Customer care hours: {hours}"] if hours else []
    if hours and (day := HOLIDAY.search(text)):
        closed = pages["closed"].first(pages_about("closed"))
        if closed and closed in hours:
            return lines
        lines.append(
            f"Customer care is {closed[:1].lower()}{closed[1:]}"
            if closed.lower().startswith("closed on")
            else closed or f"Our contact page doesn't list the hours on {day.group(0)}."
        )
    return lines


def pages_about(key: str) -> str:
    """What a contact section found for `key` must say."""
    return QUERIES[key][1]


def email_lines(pages: dict[str, Page]) -> list[str]:
    email = pages["email"]
    address = _first(email, EMAIL_ADDRESS)
    return [f"Our e-mail address is {address}.", *email.sentences[:2]]


def chat_lines(pages: dict[str, Page]) -> list[str]:
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
    pages = contact_pages(kb)
    if pages["phone"].hit is None and pages["email"].hit is None:
        return None  # no contact page: the usual way
    lines: list[str] = []
    for channel in asked:
        if channel.key == "phone" and pages["phone"].hit is not None:
            more = _phone_lines(pages, text)
        elif channel.key == "email" and pages["email"].hit is not None:
            more = email_lines(pages)
        elif channel.key == "chat" and _listed(kb, channel, pages):
            more = chat_lines(pages)
        elif channel.key in ("phone", "email", "chat") or _listed(kb, channel, pages):
            return None  # not found on the pages, or a channel they name: retrieval quotes its own section
        else:
            more = _unlisted_lines(channel, pages)
        lines += [s for s in more if s and s not in lines]
    if PERSON_WANTED.search(text):
        lines.append(IDENTITY_OFFER)  # "whats your number, need to talk to someone": a person offered here too
    return page_reply(lines, pages, pred)


def page_reply(lines: list[str], pages: dict[str, Page], pred: IntentPrediction) -> Reply:
    """The contact page's lines as a finished reply, a person offered by the button."""
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


def contact_first(
    kb: KnowledgePort, text: str, pred: IntentPrediction, history: Sequence[dict[str, Any]]
) -> Reply | None:
    """A contact question answered whole before it is split: a follow-up to a person offered, or a way to reach the
    shop whose other parts ask when care answers ("..., can I call on a Saturday? also are you open on Christmas"),
    so that no part is read as the stores' hours. None otherwise (the parts, then `contact_reply`, answer it)."""
    from bot.core.care_contact import care_first  # both read this module's pages: kept local to avoid a cycle
    from bot.core.scam_check import scam_reply

    if (scam := scam_reply(kb, text, pred)) is not None:
        return scam  # "got an email saying a plan got added to my account?? is that u": the account page's rule
    if (follow := contact_followup(kb, text, pred, history) or care_first(kb, text, pred, history)) is not None:
        return follow  # "fine whats the number?", "will anyone answer the phones on christmas?", "im in germany tho"
    parts = question_parts(text)
    if len(parts) < 2 and (stores := store_holiday_reply(kb, text, pred) or store_day_reply(kb, text, pred)):
        return stores  # "are your stores open on christmas?", "what time does the seattle store close on sunday"
    if len(parts) < 2 or STORE.search(text) or not asked_channels(text):
        return None
    if not all(asked_channels(p) or CARE_TIME.search(p) for p in parts):
        return None
    return contact_reply(kb, text, pred)


STORE_OPEN = re.compile(r"\b(?:open|opened|closed|close|closing|hours)\b", re.I)


def store_holiday_reply(kb: KnowledgePort, text: str, pred: IntentPrediction) -> Reply | None:
    """ "are your stores open on christmas?": the stores' hours as the page gives them and, when the page names no
    holiday for the stores, that it does not say, customer care's own closing days (said as care's) and a person."""
    day = HOLIDAY.search(text)
    if not (day and STORE.search(text) and STORE_OPEN.search(text)) or ONLINE_STORE.search(text):
        return None
    pages = contact_pages(kb)
    hours = pages["store"].first(HOURS.pattern)
    if not hours:
        return None
    lines = [hours]
    if not HOLIDAY.search(hours):
        named = " ".join(w[:1].upper() + w[1:] for w in day.group(0).split())
        lines.append(f"Our pages don't give the stores' hours on {named}, so I can't tell you whether they open.")
        closed = pages["closed"].first(pages_about("closed"))
        if closed.lower().startswith("closed on"):
            lines.append(f"Customer care is {closed[:1].lower()}{closed[1:]}")
        lines.append("A person from our team can check with the store; would you like me to connect you?")
    return page_reply(lines, pages, pred)


def contact_followup(
    kb: KnowledgePort, text: str, pred: IntentPrediction, history: Sequence[dict[str, Any]]
) -> Reply | None:
    """After a reply that offered a person or gave the shop's contacts, "fine whats the number and are they around
    right now?", "how do i reach them?", "whats the email?": the number, the address and the care hours from the
    contact page (the hours as the page says them: never whether someone is free this minute). None otherwise."""
    before = next((str(m.get("text") or "") for m in reversed(history) if m.get("direction") == "out"), "")
    if not before or not OFFERED_PERSON.search(before) or asked_channels(text) or NOT_REACHING.search(text):
        return None
    if ELSE_ASKED.search(text):
        return None
    reach = bool(FOLLOW_REACH.search(text))
    phone, email = reach or bool(FOLLOW_PHONE.search(text)), reach or bool(FOLLOW_EMAIL.search(text))
    when = bool(FOLLOW_WHEN.search(text) or HOLIDAY.search(text))
    if not (phone or email or when) or len(re.findall(r"\w+", text)) > 16:
        return None
    pages = contact_pages(kb)
    lines: list[str] = []
    if phone and pages["phone"].hit is not None:
        lines += _phone_lines(pages, text)
    if email and pages["email"].hit is not None:
        lines += [s for s in email_lines(pages) if s not in lines]
    if when and not phone:
        lines += [s for s in (*hours_lines(pages, text), *chat_lines(pages)) if s not in lines]
    lines = [s for s in lines if s]
    return page_reply(lines, pages, pred) if lines else None


IDENTITY_LEAD = "I'm the shop's automated assistant, not a person."
IDENTITY_OFFER = "Would you like me to connect you with a person from our team?"


def identity_reply(kb: KnowledgePort, pred: IntentPrediction) -> Reply:
    """ "Am I talking to a human?": an honest no, that a person can take over this chat, and when (the contact page's
    care hours); the offer of a person is a button."""
    pages = contact_pages(kb)
    # "It can pass your conversation to a person ...": the assistant's own sentence, said by the assistant
    passes = [re.sub(r"^It can\b", "I can", s) for s in chat_lines(pages) if re.search(r"\bperson\b", s, re.I)]
    hours = pages["hours"].first(HOURS.pattern)
    said = passes[:1] or ([f"A person from our team can take over; customer care hours: {hours}"] if hours else [])
    reply = page_reply([IDENTITY_LEAD, *said, IDENTITY_OFFER], pages, pred)
    reply.intent = Intent.GREETING
    return reply


def talk_reply(kb: KnowledgePort, text: str, pred: IntentPrediction, seed: str) -> Reply:
    """Small talk's reply: who is answering (the contact page's way to a person), or a short greeting, thanks, goodbye
    or acknowledgement with what the assistant helps with."""
    talk = small_talk(text)
    if talk == Said.IDENTITY:
        return identity_reply(kb, pred)
    said = {Said.THANKS: canned.THANKS, Said.BYE: canned.GOODBYE, Said.ACK: canned.ACK, Said.HOW: canned.HOW}.get(
        talk or Said.GREETING, canned.GREETING
    )
    return Reply(text=canned.pick(said, seed), intent=Intent.GREETING, confidence=pred.confidence)
