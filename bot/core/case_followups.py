"""A follow-up that adds a fact of the shopper's own case to the policy question just answered: "im a silver
member" after "how long do I have to return something?", "what if I spend $220" or "and if my order is like
$250?" after "how much is shipping to Australia?", "it's been 40 days" after a return-window answer.

The message names no subject of its own, so on its own it is a statement (or a bare amount) that no rule answers:
it was searched as itself and answered with a membership-level sentence ("Guest, Bronze, Silver and Gold.") or an
order-verification request. Resolved against THIS conversation's policy topic, it becomes the standalone question
"how much is shipping to Australia? what if I spend $220", which the slot answerers (the shipping rows against an
amount, the return windows against a level and a date) answer for the shopper's case. Nothing here knows a value:
the rule is read from the shop's pages downstream, as for any other question."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.core.catalog import parse_constraints
from bot.core.places import places_in
from bot.core.ports import KnowledgePort
from bot.core.return_window import elapsed_days, read_windows
from bot.core.shop_day import shop_today
from bot.core.turn import Turn, hit_source
from bot.domain import Author, ConversationState, Flag, Intent, Reply, Request, RequestKind

TIER = r"(?:guest|bronze|silver|gold)"
# "im a silver member", "I'm bronze btw", "as a gold member?", "what about gold?", "for silver members"
LEVEL_SAID = re.compile(
    rf"\b(?:i'?m|i am|im|as|we'?re|we are|being|for|and|about|if i'?m|if i am)\s+(?:an?\s+|a\s+)?{TIER}\b"
    rf"|\b{TIER}\s+(?:members?|level|tier|status|account)\b|^\W*{TIER}s?\W*$",
    re.I,
)
# "$220", "220 dollars", "spend 250", "my order is like $250"
AMOUNT_SAID = re.compile(
    r"\$\s?\d[\d,]*(?:\.\d\d)?|\b\d[\d,]*(?:\.\d\d)?\s*(?:dollars|bucks|usd)\b"
    r"|\b(?:spend|spent|spending|order (?:is|was|of|for)|total (?:is|was|of))\s+(?:like\s+|about\s+|around\s+)?\d{2,5}\b",
    re.I,
)
# "it's been 40 days", "after 6 weeks", "bought it 2 months ago"
ELAPSED_SAID = re.compile(
    r"\b(?:after|past|over|been|it'?s been|its been|bought (?:it|them)|got (?:it|them)|ordered (?:it|them))\s+"
    r"(?:about\s+|around\s+|like\s+|almost\s+|nearly\s+|over\s+)?(?:\d{1,3}|a|an|one|two|three|four|five|six|a few|a couple of)"
    r"\s+(?:days?|weeks?|months?)\b|\b\d{1,3}\s+(?:days?|weeks?|months?)\s+(?:ago|later|in|after)\b",
    re.I,
)
# a subject of its own: the message is its own question ("can I return sale items?"), not a fact for the last one
OWN_SUBJECT = re.compile(
    r"\b(?:return\w*|refund\w*|exchange\w*|ship\w*|deliver\w*|postage|courier|track\w*|parcel|package|"
    r"pay\w*|card|paypal|gift|promo\w*|discount\w*|coupon\w*|code|plus|password|store|stores|hours|phone|"
    r"e-?mail|warranty|sale|hem\w*|monogram\w*|tailor\w*|size|wash\w*|customs|duties|import|tax\w*|overnight|"
    r"economy|standard|express|cancel\w*|address)\b",
    re.I,
)
MAX_WORDS = 16
AMOUNT = re.compile(r"\$\s?(\d[\d,]*(?:\.\d\d)?)|\b(\d{2,5}(?:\.\d\d)?)\s*(?:dollars|bucks|usd)?\b")
LEVEL = re.compile(rf"\b({TIER})\b", re.I)
AGO = re.compile(r"\b(\d{1,3}|an?|one|two|three|four|five|six|a few|a couple of)\s+(days?|weeks?|months?)\b", re.I)
RETURN_TOPIC = re.compile(r"\breturn|\bexchange|\bsend\b.*\bback\b", re.I)


def case_fact(text: str) -> bool:
    """The message states a fact of the shopper's case: a membership level, an order amount, time elapsed."""
    return bool(LEVEL_SAID.search(text) or AMOUNT_SAID.search(text) or ELAPSED_SAID.search(text))


def _facts(text: str) -> tuple[str, str, str]:
    """The case's facts as the words a standalone question uses: ("on a $220 order", "as a Silver member",
    "I bought it 50 days ago"); '' for each fact the message does not state."""
    amount = ""
    if AMOUNT_SAID.search(text) and (m := AMOUNT.search(text[AMOUNT_SAID.search(text).start() :])):  # type: ignore[union-attr]
        amount = f"on a ${m.group(1) or m.group(2)} order"
    level = ""
    if LEVEL_SAID.search(text) and (t := LEVEL.search(text)):
        level = "as a guest" if t.group(1).lower() == "guest" else f"as a {t.group(1).capitalize()} member"
    ago = ""
    if ELAPSED_SAID.search(text) and (a := AGO.search(text)):
        ago = f"I bought it {a.group(1)} {a.group(2)} ago"
    return amount, level, ago


def product_search(text: str, catalog: Sequence[dict[str, Any]]) -> bool:
    """A kind or brand of product with a budget ("show me jeans under $60", "boots below 200 dollars?"): a new
    search of the catalog, whose amount is a price limit, not an order amount for the last policy question.
    "what if I buy jeans for $80" states no budget and stays a fact of the case."""
    if not catalog:
        return False
    c = parse_constraints(text, catalog)
    subject = c.categories or c.brands or c.missing_categories or c.missing_brands
    return bool(subject) and (c.max_price is not None or c.min_price is not None)


def with_case_fact(text: str, state: ConversationState, catalog: Sequence[dict[str, Any]] = ()) -> str | None:
    """The standalone question: the conversation's policy topic with this message's facts ("how much is shipping
    to Australia on a $220 order?", "can I still return it as a Bronze member? I bought it 50 days ago"); None
    when the last turn was no policy question, the message asks something of its own (a budgeted product search
    included), or states no fact of the shopper's case."""
    topic = state.topic.strip()
    if state.last_kind != RequestKind.POLICY.value or not topic or topic.lower() == text.strip().lower():
        return None
    if len(re.findall(r"\w+", text)) > MAX_WORDS or OWN_SUBJECT.search(text) or not case_fact(text):
        return None
    if product_search(text, catalog):  # "show me jeans under $60" after "how much is shipping?": a search
        return None
    amount, level, ago = _facts(text)
    if not (amount or level or ago):
        return None
    question = cost_of(topic.rstrip(" ?.!"), text)
    if amount:
        joined, amount = _amount_in_topic(question, amount, text)
        if joined is None:
            return None
        question = joined
    if ago and RETURN_TOPIC.search(question):
        question = "can I still return it"  # a date to check against the window: the "still" question
    said = " ".join(w for w in (amount, level) if w)
    return f"{question}{' ' + said if said else ''}?{' ' + ago + '.' if ago else ''}"


COST_ASKED = re.compile(r"\bhow much\b|\bwhat (?:does|would|will) (?:it|that) cost\b|\bthe (?:price|cost)\b", re.I)
FREE_ASKED = re.compile(r"^\W*(?:is|are)\s+(?P<what>.+?)\s+free\b(?P<rest>.*)$", re.I)


def cost_of(question: str, text: str) -> str:
    """ "how much is it then if my order is $40?" after "is standard shipping free?": the price is asked now, so the
    standalone question is "how much is standard shipping", not the yes/no again."""
    m = FREE_ASKED.match(question)
    if m is None or not COST_ASKED.search(text):
        return question
    return f"how much is {m.group('what')}{m.group('rest')}"


ADDED = re.compile(r"\b(?:add|adding|added|another|extra|more|plus)\b", re.I)
MONEY = re.compile(r"\$\s?(\d[\d,]*(?:\.\d\d)?)")


def _amount_in_topic(question: str, amount: str, text: str) -> tuple[str | None, str]:
    """The order amount of the follow-up put into the topic: "and if i add another 50 bucks" after "how much to
    ship a $150 order to japan" is a $200 order (the sum), not a $50 one; a new amount replaces the topic's own
    ("what if it's $220"). An amount added to a topic that named none has no total: (None, "")."""
    said = float(amount.split("$", 1)[1].split(maxsplit=1)[0].replace(",", ""))
    had = MONEY.search(question)
    if ADDED.search(text):
        if had is None:
            return None, ""
        said += float(had.group(1).replace(",", ""))
    if had is None:
        return question, amount
    total = f"${said:,.2f}".replace(".00", "")
    return question[: had.start()] + total + question[had.end() :], ""


# "how long do I have to return something as a Silver member?": the window's length, asked for one level
WINDOW_ASKED = re.compile(
    r"\bhow long\b|\bhow many (?:days|weeks|months)\b|\breturn (?:window|period)\b|\btime limit\b|\buntil when\b", re.I
)
SAID_LEVEL = re.compile(rf"\bas an? ({TIER})\b", re.I)


def level_window_reply(turn: Turn, text: str, kb: KnowledgePort) -> tuple[Reply, Request] | None:
    """The return window of the level the question states ("... as a Silver member?"), read from the shop's
    table: the answer for that level, not the list of all four. None unless a window's length is asked for one
    stated level with no purchase date to check (that is the "can I still return it" verdict's)."""
    level = SAID_LEVEL.search(text)
    if level is None or not RETURN_TOPIC.search(text) or not WINDOW_ASKED.search(text):
        return None
    if elapsed_days(text, shop_today()) is not None:
        return None
    windows, hit = read_windows(kb)
    tier = level.group(1).lower()
    if tier not in windows:
        return None
    w = windows[tier]
    who = "As a guest" if tier == "guest" else f"As a {w.tier} member"
    reply = Reply(
        text=f"{who}, your return window is {w.words} from the purchase date.",
        sources=[hit_source(hit)] if hit is not None else [],
        flags={Flag.FROM_DATA},
        intent=Intent.RETURNS_REFUNDS,
        confidence=0.9,
        author=Author.TEMPLATE,
    )
    return reply, Request(RequestKind.POLICY, text, followup=True)


# "and silver?", "what about brazil?", "and for bronze members?": the last policy question asked again with one
# part swapped (a level or a place), not a fact of the shopper's own case ("I'm silver" stays with_case_fact's)
SWAP = re.compile(
    r"^\W*(?:(?:and|or|also|ok(?:ay)?|so|but)\W+)*(?:(?:what|how) about\s+|same (?:for|with)\s+)?(?:for\s+|to\s+|in\s+)?"
    r"(?:the\s+)?(?P<part>[a-z][a-z .'-]{1,30}?)(?:\s+(?:members?|level|tier|status))?\s*(?:then|too|instead)?\W*$",
    re.I,
)
SHIP_TOPIC = re.compile(r"\b(?:ship\w*|deliver\w*)\b", re.I)


# a statement after the swap's question mark ("what about the uk? my sister lives in manchester"): not a question
ASIDE = re.compile(r"^(?P<q>[^?]+\?)\s*(?:my|our|i|i'm|im|we|we're|she|he|they|it's|its)\b[^?]{0,80}$", re.I)


def _without_aside(text: str) -> str:
    """The question before an aside that names no other place than it ("and to the UK? my brother is in london" ->
    "and to the UK?"); the text as it is otherwise."""
    m = ASIDE.match(text.strip())
    if m is None:
        return text
    head, rest = places_in(m.group("q")), places_in(text[m.end("q") :])
    return m.group("q") if len(head) == 1 and all(p == head[0] for p in rest) else text


def with_swapped_part(text: str, state: ConversationState) -> str | None:
    """The standalone question for a bare swap: the last policy question with its level or place replaced ("how
    do I get Gold?" + "and silver?" -> "how do I get Silver?"; "do you ship to canada?" + "and brazil?" -> "do you
    ship to Brazil?"), and a place asked after a shipping question that named none ("which countries do you ship
    to?" + "and brazil?" -> "do you ship to Brazil?"). None for anything else."""
    topic = state.topic.strip()
    text = _without_aside(text)
    if state.last_kind != RequestKind.POLICY.value or not topic or (m := SWAP.match(text)) is None:
        return None
    part = m.group("part").strip()
    if re.fullmatch(TIER, part, re.I):
        had = LEVEL.search(topic)
        if had is None or had.group(1).lower() == part.lower():
            return None  # no level to swap: "what about gold?" is a fact of the case (with_case_fact)
        new = part.capitalize() if part.lower() != "guest" else "guest"
        return LEVEL.sub(lambda x: new if x.group(1)[:1].isupper() else new.lower(), topic)
    places = places_in(text)
    if len(places) != 1 or len(part.split()) > 3:
        return None
    name = places[0][0]
    before = places_in(topic)
    if len(before) == 1:
        return re.sub(re.escape(before[0][0]), name, topic, count=1, flags=re.I)
    if not before and SHIP_TOPIC.search(topic):
        return f"do you ship to {name}?"
    return None


# a service done to an item, named in the last policy question ("do you hem jeans?", "can you monogram a sweater?"):
# the item it makes ("hemmed jeans"), whose own rules a follow-up about "them" asks
SERVICE_DONE = re.compile(
    r"\b(?P<verb>hem|hems|hemming|hemmed|monogram|monograms|monogramming|monogrammed)\b(?:\s+(?:my|the|a|an|your|some|of))*"
    r"\s+(?P<kind>[a-z][a-z-]{2,20})\b",
    re.I,
)
MADE = {"hem": "hemmed", "monogram": "monogrammed"}
RULE_ON_THEM = re.compile(r"\b(?P<verb>return|exchange|refund|send)\s+(?P<them>them|it|those|these)\b", re.I)


def with_carried_subject(text: str, before: str) -> str | None:
    """A rule follow-up about "them" right after a question about a service done to an item (`before`, the
    shopper's message before this one, whatever answered it): the item as the
    service leaves it ("do you hem jeans?" + "and if they end up too short can I return them?" -> "... can I return
    hemmed jeans?"), so the rule for hemmed jeans is searched, not returns in general. None for anything else
    (a message that names an item of its own, or a topic with no service)."""
    if not before.strip() or len(re.findall(r"\w+", text)) > MAX_WORDS:
        return None
    done, on = SERVICE_DONE.search(before), RULE_ON_THEM.search(text)
    if done is None or on is None or SERVICE_DONE.search(text) or re.search(r"\bhem\w*|\bmonogram\w*", text, re.I):
        return None
    verb = done.group("verb").lower()
    made = MADE["hem" if verb.startswith("hem") else "monogram"]
    item = f"{made} {done.group('kind').lower()}"
    return text[: on.start("them")] + item + text[on.end("them") :]


def said_last(turn: Turn) -> str:
    """The shopper's message before this one ('' when none)."""
    now = turn.msg.text.strip()
    said = [str(m.get("text") or "") for m in turn.history if m.get("direction") == "in"]
    said = [t for t in said if t.strip() != now]
    return said[-1] if said else ""
