"""A reply that contradicts itself.

Each half of "The level is Bronze. You're currently on the Gold level." may be a fine sentence on its own (the
grounding names both levels), so the per-claim rules pass both; together they are wrong whatever the data says.
Read across the reply (and the shopper's own words in the question):

| what | example rejected |
| --- | --- |
| the shopper's own membership level stated twice, differently (or unlike the level the question states) | "The level is Bronze. You're currently on the Gold level."; "I'm bronze" answered "As a Silver member, you have 6 months" |
| one size both in stock and sold out ("every size" counts for each) | "It's in stock in every size. Size M is sold out, though." |
| the answer word turned round ("No ... So yes, ...") to a question that asks one thing | "Not quite – free shipping starts at $75. So yes, your $70 cart ships free." |
| "never expires / no time limit" and a time limit for the same thing | "Store credit never expires, but it has to be used within 12 months." |
| a thing said to be impossible, then possible, of the same subject ("them", "it") with no condition | "No, socks can't be returned. You can return them within your window like anything else." |

A hypothetical ("if you reach Silver, you'd get 6 months") or a condition ("unless they arrived damaged") is no
contradiction; neither are two levels named for others ("Gold members get ..., Silver members ...").
"""

from __future__ import annotations

import re
from typing import Any

from bot.core.meaning.attributes import named_in, products_of
from bot.core.meaning.text import content_words, is_negative, sentences, split_condition, stem

_LEVEL_WORD = r"(?P<level>[A-Za-z]+)"
_TAIL = r"(?P<tail> (?:level|member|tier|status|membership))?"
_SELF_LEVEL = [
    re.compile(p, re.I)
    for p in (
        rf"\byou(?:'re| are)(?: currently| now| already| still)?(?: (?:on|at|in))?(?: the| a| an)? {_LEVEL_WORD}{_TAIL}\b",
        rf"\byour (?:current |membership |rewards |account )*(?:level|tier|membership|status) is(?: currently| now)?"
        rf"(?: the)? {_LEVEL_WORD}{_TAIL}\b",
        rf"\bthe (?:membership |account )?level is(?: currently)? {_LEVEL_WORD}{_TAIL}\b",
        rf"\bas an? {_LEVEL_WORD}{_TAIL} member\b",
        rf"\b(?:makes?|made) you(?: an?)? {_LEVEL_WORD}{_TAIL}\b",
    )
]
_LEVELS = frozenset(["guest", "bronze", "silver", "gold", "platinum"])
_Q_LEVEL = re.compile(r"\b(?:i'?m|i am|im|as an?)\s+(?:an?\s+)?(guest|bronze|silver|gold|platinum)\b", re.I)
_HYPOTHETICAL = re.compile(
    r"\b(?:if|once|when|until|after|unless|would|could|might)\b|'d\b|\b(?:reach|become|upgrade|get to|move up)", re.I
)
_SIZE = r"(?:XXS|XS|S|M|L|XL|XXL|XXXL|\d{1,2}(?:\.5)?|small|medium|large|extra large)"
_SIZE_LIST = rf"{_SIZE}(?:\s*(?:,|and|or|,\s*and)\s*{_SIZE})*"
_IN_STOCK = re.compile(
    rf"\bin stock in (?:sizes? )?(?P<a>{_SIZE_LIST})\b|\b(?:sizes? )?(?P<b>{_SIZE_LIST}) (?:is|are) (?:still )?(?:in stock|available)\b"
    rf"|\b(?:in stock|available) in (?P<all>every size|all sizes|each size|all of them)\b|\bin stock in every size\b"
    rf"|\byes, (?:size )?(?P<c>{_SIZE}) is in stock\b",
)
_SOLD_OUT = re.compile(
    rf"\b(?:sizes? )?(?P<a>{_SIZE_LIST}) (?:is|are) (?:currently |now |already )?(?:sold out|out of stock|unavailable|not available)\b"
    rf"|\b(?:sold out|out of stock) in (?:sizes? )?(?P<b>{_SIZE_LIST})\b|\b(?:sold out|out of stock) in (?P<all>every size|all sizes)\b"
    rf"|\b(?:sizes? )?(?P<c>{_SIZE}) (?:isn't|is not|aren't|are not) (?:in stock|available)\b",
)
_NO_WORD = re.compile(
    r"^\W*(?:no\b|nope\b|not (?:quite|yet|really)\b|unfortunately,? not\b|sorry,? no\b|i'?m afraid not\b)", re.I
)
_YES_WORD = re.compile(r"^\W*(?:so,? )?(?:yes\b|yep\b|yeah\b|sure\b)", re.I)
_SO_YES = re.compile(r"^\W*so,? (?:yes|no)\b", re.I)
_NEVER_ENDS = re.compile(
    r"\b(?:never (?:expires?|runs? out|ends?|lapses?)|(?:doesn't|does not|won't|will not|don't|do not) (?:ever )?expire"
    r"|no (?:expiry|expiration|time limit|end date)|unlimited)\b",
    re.I,
)
_LIMIT = re.compile(
    r"\b(?:(?:has|have|need|needs) to be used within|expires? (?:after|in|within)|lasts?(?: for)?|valid for|runs? for"
    r"|only good for|must be used within)\s+(?:\d+|one|two|three|six|twelve)\s+(?:days?|weeks?|months?|years?)\b",
    re.I,
)
_PRONOUN = re.compile(
    r"^\W*(?:but |and |however,? )?(?:it|they|them|this|that|these|those)\b|\b(?:return|use|exchange|keep|cancel) (?:it|them)\b",
    re.I,
)
_MODAL = re.compile(r"\b(?:can|cannot|can't|may|could|are able to|aren't able to)\s+(?:be\s+)?(\w+)", re.I)


def consistency_rules(reply: str, question: str, blocks: list[str]) -> list[tuple[int, str, str]]:
    """(sentence number, "contradiction", reason) for the later of two sentences that contradict each other."""
    sents = sentences(reply)
    out: list[tuple[int, str, str]] = []
    for rule in (_levels, _answer_words, _expiry, _can_cannot):
        out += rule(sents, question)
    return out + _stock(sents, products_of(blocks))


def _levels(sents: list[str], question: str) -> list[tuple[int, str, str]]:
    stated = {m.group(1).capitalize() for m in _Q_LEVEL.finditer(question)}
    first = next(iter(stated)) if len(stated) == 1 else None
    for n, sentence in enumerate(sents):
        for m in (m for rx in _SELF_LEVEL for m in rx.finditer(sentence)):
            level = m.group("level").capitalize()
            if _HYPOTHETICAL.search(sentence[: m.start()][-40:]) or _HYPOTHETICAL.search(
                sentence[m.end() : m.end() + 12]
            ):
                continue
            if level.lower() not in _LEVELS:
                continue  # "you're on the Economy list", "your status is shipped": not a level
            if first is None:
                first = level
            elif level != first:
                return [(n, "contradiction", f"says the shopper's level is {level}, and {first} elsewhere")]
    return []


def _sizes(text: str) -> set[str]:
    words = {"small": "S", "medium": "M", "large": "L", "extra large": "XL"}
    return {words.get(t.lower(), t) for t in re.findall(_SIZE, text)}


def _stock(sents: list[str], products: dict[str, Any]) -> list[tuple[int, str, str]]:
    """One size in stock and sold out; a sentence about another product of the grounding starts afresh ("the snow
    boots have 9; the combat boots are sold out in 9")."""
    have: set[str] = set()
    gone: set[str] = set()
    every_have = every_gone = False
    subject: list[str] = []
    for n, sentence in enumerate(sents):
        named = named_in(sentence, products) if len(products) > 1 else []
        if named and named != subject:
            have, gone, every_have, every_gone = set(), set(), False, False
            subject = named
        pos: set[str] = set()
        neg: set[str] = set()
        all_pos = all_neg = False
        for m in _SOLD_OUT.finditer(sentence):
            all_neg |= bool(m.group("all"))
            neg |= _sizes(m.group("a") or m.group("b") or m.group("c") or "")
        for m in _IN_STOCK.finditer(sentence):
            if any(m.start() >= s.start() and m.end() <= s.end() for s in _SOLD_OUT.finditer(sentence)):
                continue
            all_pos |= bool(m.group("all")) or "every size" in m.group(0)
            pos |= _sizes(m.group("a") or m.group("b") or m.group("c") or "")
        clash = (pos & (gone | neg)) or (neg & (have | pos)) or (all_pos and (gone or neg)) or (every_have and neg)
        clash = clash or (all_neg and (have or pos)) or (every_gone and pos)
        if clash and n > 0 or (clash and (pos & neg or (all_pos and neg) or (all_neg and pos))):
            return [(n, "contradiction", "says a size is in stock and sold out in the same reply")]
        have, gone = have | pos, gone | neg
        every_have, every_gone = every_have or all_pos, every_gone or all_neg
    return []


def _one_question(question: str) -> bool:
    """The question asks one thing (one question mark at most, no second question joined with "and")."""
    q = question.strip()
    two = re.search(r"\b(?:and|also|plus)\s+(?:can|do|does|is|are|will|how|what|when|where|which|could)\b", q, re.I)
    return q.count("?") <= 1 and not two


def _answer_words(sents: list[str], question: str) -> list[tuple[int, str, str]]:
    if len(sents) < 2 or not _one_question(question):
        return []
    first_no = bool(_NO_WORD.match(sents[0]))
    first_yes = bool(_YES_WORD.match(sents[0]))
    for n, sentence in enumerate(sents[1:], 1):
        if not _SO_YES.match(sentence) and not (first_no and _YES_WORD.match(sentence)):
            continue
        now_yes = bool(_YES_WORD.match(sentence))
        if (first_no and now_yes) or (first_yes and _SO_YES.match(sentence) and not now_yes):
            return [(n, "contradiction", f"answers {sents[0].split()[0]!r} and then {sentence.split(',')[0]!r}")]
    return []


def _expiry(sents: list[str], question: str) -> list[tuple[int, str, str]]:
    never = None
    for n, sentence in enumerate(sents):
        for part in re.split(r",\s*(?:but|though|although|however)\s+|;\s*|\s+but\s+", sentence):
            if _NEVER_ENDS.search(part):
                never = never if never is not None else (n, content_words(part))
            elif never is not None and _LIMIT.search(part) and not _HYPOTHETICAL.search(part):
                subject = content_words(part)
                if _PRONOUN.match(part) or subject & never[1] - {stem("use"), stem("last")}:
                    return [(n, "contradiction", "says it never expires and gives it a time limit")]
    return []


def _can_cannot(sents: list[str], question: str) -> list[tuple[int, str, str]]:
    """ "X can't be returned. You can return them ..." with no condition on either side."""
    for n in range(1, len(sents)):
        prev, cur = sents[n - 1], sents[n]
        mp, mc = _MODAL.search(prev), _MODAL.search(cur)
        if not mp or not mc or stem(mp.group(1)) != stem(mc.group(1)):
            continue
        if not _PRONOUN.search(cur) or is_negative(prev) == is_negative(cur):
            continue
        if any(split_condition(s)[1] for s in (prev, cur)) or re.search(r"\bonly\b", prev + cur, re.I):
            continue
        return [(n, "contradiction", f"says {mp.group(0)!r} and then {mc.group(0)!r} of the same thing")]
    return []
