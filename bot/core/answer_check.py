"""One answer check for every reply path: does the final reply answer what was asked?

From the message, decide the asked slot(s) of each part: a duration ("how long", "how many days"), a price or fee
("how much", "what does it cost", "is it free"), a date or time ("when", "what time", "till when"), a place ("which
countries", "where do you ship"), a phone number, an e-mail address, a carrier, or a yes/no ("can I", "do you",
"is it"). A part is answered when a sentence of the reply holds a value of its type; when two parts ask for
values, that sentence (or one before it in its paragraph) must also name the part's subject, so one part's value
never stands in for another's. A sentence that says the data does not know ("we don't have a restock
date", "I'm not sure about X"), or denies the premise about the part's subject ("No, we don't ship to the UK"),
is an honest answer.

A part left unanswered is named: "I'm not sure about "<part>", and I don't want to guess: a person from our team
can help with that." The parts that are answered stay as they are. A composed reply (model or extractive) that
answers none of the asked slots is replaced by the composer's "not sure" with a person (a true "I don't know" beats
a nearby sentence that does not hold the value). Questions with no typed slot ("tell me about ...", "how do I ...")
are not judged, and a one-part yes/no question is not judged either: any statement about it is an answer of some
kind, and only its meaning could say which.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from bot.core import canned
from bot.core.answer_slots import (
    ASKED_INSIDE,
    ASKS,
    AT_EVENT,
    BOUNDARY,
    DENIED,
    FILLER,
    NAMED,
    NOUN_VALUES,
    SAME_AS,
    SIZE_WORDS,
    UNKNOWN,
    VALUES,
    YES_NO,
)
from bot.core.asked import VALUE_KINDS
from bot.core.recommendation_check import without_recommendations
from bot.core.sentences import STOPWORDS, split_sentences, stem
from bot.core.two_part import PRONOUN, QUESTION, SPLIT, _subject, question_parts
from bot.domain import Author, Flag, Reply, Request, RequestKind

UNSURE_LINE = "I'm not sure about {labels}, and I don't want to guess: a person from our team can help with that."
# parts named by an earlier check ("I'm not sure about "X"") or the composer's own "not sure"
SAID_UNSURE = re.compile(r"I'm not sure about\b[^.]*\.|I'm not sure about that\b", re.I)
SKIP_FLAGS = {
    Flag.INJECTION,
    Flag.ORDER_NOT_VERIFIED,
    Flag.OUT_OF_SCOPE,
    Flag.STAFF_MODE,
    Flag.DUPLICATE,
    Flag.LOW_CONFIDENCE,
    Flag.ASK_WHICH,
    Flag.CASE_OPENED,
}
ASKS_BACK = re.compile(r"\b(?:which one|which order|do you mean|could you tell me|can you tell me)\b[^.!]*\?$", re.I)
SKIP_KINDS = {RequestKind.SMALL_TALK, RequestKind.HANDOFF}


@dataclass(frozen=True, slots=True)
class AskedPart:
    """One part of the message: its words, the slots it asks, and the stems that name its subject."""

    text: str
    slots: tuple[str, ...]
    subject: frozenset[str]  # with the subject carried over from the part before ("(gift cards)")
    own: frozenset[str] = frozenset()  # the part's own words: what a yes/no or "what is" answer must name


def _label(text: str) -> str:
    """The shopper's words for a part, as said back: "ck sterling beanie - what material" -> "what material (ck
    sterling beanie)"."""
    m = re.match(r"^(.{3,60}?)\s+[-–:]\s+((?:what|which|how|when|where|can|do|does|is|are)\b.*)$", text.strip(), re.I)
    if m:
        return f"{_label(m.group(2))} ({m.group(1).strip()})"
    part = re.sub(r"^\W*(?:(?:and|so|also|but|ok|okay|hi|hey|btw|oh)[,!]?\s+)*", "", text).strip()
    part = part.rstrip("?.!, ").strip()
    return part[:1].lower() + part[1:] if part[1:2].islower() or part[1:2] == " " else part


ISO_DATE = re.compile(r"\b\d{4}-(0[1-9]|1[0-2])-\d\d\b")
MONTHS = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
]


def _stems(text: str) -> frozenset[str]:
    """The stems that name a subject: content words, and a size however it is written ("medium" is "M")."""
    text = text.lower()
    for pattern, word in SAME_AS:
        text = pattern.sub(word, text)
    # a date names its month ("from 2026-09-13" answers "in september")
    text = ISO_DATE.sub(lambda m: f"{m.group(0)} {MONTHS[int(m.group(1)) - 1]}", text)
    words = re.findall(r"[a-z0-9']+", text)
    sizes = {SIZE_WORDS[w] for w in words if w in SIZE_WORDS}
    keep = (w for w in words if (len(w) > 1 or w.isdigit()) and w not in STOPWORDS and w not in FILLER)
    return frozenset(_key(w) for w in keep) | sizes


def _key(word: str) -> str:
    """One key for a word's forms: store/stores, size/sizes, price/prices, colour/color."""
    key = stem(word.replace("color", "colour"))
    if len(key) > 3 and (key.endswith("e") or key[-1] == key[-2] and key[-1] not in "aeiousl"):
        return key[:-1]  # hemm(ing) -> hem
    return key


def _slots(part: str) -> tuple[str, ...]:
    found = [name for name, pattern in ASKS.items() if pattern.search(part)]
    if "price" in found and re.search(r"\bfree\b", part, re.I) and not re.search(r"\bhow much\b", part, re.I):
        found = [s for s in found if s != "price"] + ["price_yes_no"]  # "is it free?": a yes or no is an answer
    if "date" in found and "phone" in found and not re.search(r"phone|number|hotline", part, re.I):
        found.remove("phone")  # "when can I call?" asks the hours, not the number
    if not found and YES_NO.search(part):
        found = ["yes_no"]
    elif not found and NAMED.search(part):
        found = ["named"]
    return tuple(found)


def _pieces(text: str) -> list[str]:
    """The questions of a message: the two-question splitter's parts, else every piece that ends with "?" or
    opens with a question word (statements around them, "oslo here", "i need EE", ask nothing)."""
    parts = question_parts(text)
    if parts:
        return parts
    pieces: list[str] = []
    for chunk in re.split(r"(?<=\?)\s+", text.strip()):
        for raw in SPLIT.split(chunk):
            piece = (raw or "").strip(" ,;")
            asks = piece.endswith("?") or QUESTION.search(piece) or ASKED_INSIDE.search(piece)
            if piece and asks and len(re.findall(r"\w+", piece)) >= 2:
                pieces.append(piece)
    return pieces if len(pieces) > 1 else [text]


def asked_parts(text: str) -> list[AskedPart]:
    """The parts of the message (one when it asks one question), each with the slots it asks."""
    return [AskedPart(p, _slots(p), _stems(p), _stems(re.sub(r"\s*\([^()]*\)\?$", "", p))) for p in _pieces(text)]


def _answer_sentences(reply: str) -> list[list[str]]:
    """The reply's statements, paragraph by paragraph: no recommendation block, no quoted question."""
    body = without_recommendations(reply)
    out: list[list[str]] = []
    for para in re.split(r"\n\s*\n", body):
        sents = [s for line in para.splitlines() for s in split_sentences(line.strip()) if s]
        out.append([s for s in sents if not s.rstrip().endswith("?")])
    return out


OWN_WORDS = ("yes_no", "named")  # slots answered by a sentence naming the part's own words (or its noun's value)
# judged only in a message of several parts: alone, a statement about them may answer them in words ("how many
# stores in Canada?" -> "our stores are in Portland, Seattle and Chicago")
SOFT = (*OWN_WORDS, "count")


def _holds(slot: str, sentence: str, part: AskedPart) -> bool:
    if slot in ("yes_no", "named"):
        if slot == "yes_no" and re.match(r"\W*(?:yes|no)\b", sentence, re.I):
            return True
        return bool(part.own & _stems(sentence)) or any(
            pattern.search(sentence) for noun, pattern in NOUN_VALUES.items() if _key(noun) in part.own
        )
    if slot == "count":  # a number of the thing counted ("2 items"), not any number ("bust 31-32")
        return bool(VALUES["count"].search(sentence) and part.own & _stems(sentence))
    if slot == "date" and AT_EVENT.search(sentence) and part.own - _ASKING_ONLY & _stems(AT_EVENT.split(sentence)[0]):
        return True  # "when would I be charged?": "you are charged when it ships"
    if slot == "price_yes_no":
        return bool(VALUES["price"].search(sentence) or re.search(r"^\W*(?:yes|no)\b|\bnot\b|n't\b", sentence, re.I))
    return bool(VALUES[slot].search(sentence))


def missing_slots(part: AskedPart, reply: str, *, bind: frozenset[str] = frozenset()) -> list[str]:
    """The slots of the part that the reply leaves unanswered ([] when it answers them all). With `bind`, the
    sentence holding the value (or one before it in its paragraph) must name the part's subject."""
    paragraphs = _answer_sentences(reply)
    return [
        slot
        for slot in part.slots
        if not any(
            _answers(slot, part, sents[n], bool(part.subject & _stems(" ".join(sents[: n + 1]))), slot in bind)
            for sents in paragraphs
            for n in range(len(sents))
        )
    ]


def _answers(slot: str, part: AskedPart, sentence: str, named: bool, bind: bool) -> bool:
    """Whether one sentence answers the slot: its value, or an honest "we don't know" / "we don't do that"."""
    if SAID_UNSURE.search(sentence):
        return named  # a "not sure" line answers only the part it names
    if slot in OWN_WORDS:  # bound by naming the part's own words; a "the listing doesn't say" about its subject
        return _holds(slot, sentence, part) or named and bool(UNKNOWN.search(sentence))
    if bind and not named:
        return False
    # an honest "we don't know" answers it; "we don't do that" when it is about the part's subject
    # ("the listing doesn't give the inseam" is no answer to "how long does hemming take")
    unknown = slot == "date" and UNKNOWN.search(sentence)  # "we don't have a restock date"
    return _holds(slot, sentence, part) or bool(unknown or named and DENIED.search(sentence))


def _clause(text: str, slot: str) -> str:
    """The words that ask one slot ("how much n how long" -> "how long"), with the subject of the nearest clause
    before them that has one when they name none ("when did it arrive (the order with 3 pairs of gloves)")."""
    pattern = ASKS.get(slot)
    m = pattern.search(text) if pattern is not None else None
    if m is None:
        return _label(text)
    cuts = [(b.start(), b.end()) for b in BOUNDARY.finditer(text)]
    left = max((end for _, end in cuts if end <= m.start()), default=0)
    right = min((start for start, _ in cuts if start >= m.end()), default=len(text))
    clause = _label(text[left:right])
    if PRONOUN.search(clause) or len(clause.split()) < 3:
        bounds = [0] + [end for _, end in cuts if end <= left]
        heads = [
            _label(text[a:b])
            for a, b in zip(bounds, [start for start, _ in cuts if start < left] + [left], strict=False)
        ]
        subject = next((_topic(h) for h in reversed(heads) if _stems(_topic(h))), "")
        if subject and not _stems(clause) & _stems(subject):
            clause = f"{clause} ({subject})"
    return clause


def _topic(clause: str) -> str:
    """What a clause is about: "if i get my jeans hemmed how much is it" -> "jeans hemmed", "can u hem them to a
    30 inseam" -> "hem them to a 30 inseam"."""
    asked = re.search(r"\s(?:how|what|when|where|which)\b", clause, re.I)
    clause = clause[: asked.start()] if asked and not QUESTION.search(clause) else clause
    topic = _subject(clause).strip(" -–,;:")
    return re.sub(
        r"^(?:(?:if|when|once)\s+)?(?:(?:i|u|ya|you|we)\s+)?(?:get|got|have|had|buy|bought|order|ordered)?\s*(?:my|the|a|an|your)?\s*",
        "",
        topic,
        flags=re.I,
    )


def _bound_slots(parts: Sequence[AskedPart]) -> frozenset[str]:
    """In a message of two or more parts that ask for values, each value must be bound to its part's subject (the
    shipping sentence's "5-10 business days" is not the Silver return window). Words are read alike where the shop
    says them otherwise: "delivery to Japan" is answered by "International orders ... arrive in 5-10 business days"."""
    values = [s for p in parts for s in dict.fromkeys(p.slots) if s not in OWN_WORDS]
    if len(parts) < 2 or len(values) < 2 and not any(set(p.slots) & set(values) and p.own for p in parts):
        return frozenset()  # "no XL?? when is it back": one value part that names nothing of its own
    # a phone number, an e-mail address or a carrier's name is that value wherever it stands, unless two parts ask it
    return frozenset(s for s in values if s not in VALUE_KINDS or values.count(s) > 1)


# a part's words that only ask for its value: "what's the price?" after a question about the product asks its price
_ASKING_ONLY = frozenset({"pric"})


def unanswered(text: str, reply: str) -> list[str]:
    """What the reply leaves unanswered, as the shopper's own words: a whole part of a message of several parts,
    or the clause of a one-part message that asks the slot left out. A one-part yes/no or "what is" question
    is never judged (only its meaning could say whether a statement about it answers it)."""
    parts = asked_parts(text)
    several = len(parts) > 1
    # values are bound to their part's subject only when two parts ask for values ("no XL?? when is it back": one)
    bind = _bound_slots(parts)
    out: list[str] = []
    for part in parts:
        slots = part.slots if several else tuple(s for s in part.slots if s not in SOFT)
        if not part.own:  # "do u have it in L?": nothing to bind a yes/no to
            slots = tuple(s for s in slots if s not in ("yes_no", "named"))
        if not slots:
            continue
        asked = AskedPart(part.text, slots, part.subject, part.own)
        bound = bind if part.subject - _ASKING_ONLY else frozenset()  # "what's the price?" names no subject of its own
        lost = missing_slots(asked, reply, bind=bound)
        if not lost:
            continue
        if several and len(lost) == len(slots) and (part.own or part.subject):
            out.append(_label(part.text))
        else:  # the clause asking each lost slot; a part with no subject of its own takes the message's
            where = part.text if part.own else text
            out += [c for c in dict.fromkeys(_clause(where, s) for s in lost) if c not in out]
    return out


def unsure_line(labels: Sequence[str], *, quoted: bool = True) -> str:
    """ "I'm not sure about "A" or "B", ...: a person ..." for the parts the data does not answer: the one wording
    of an unanswered part, for this check, the multi-part join (`parts.py`) and the lost parts (`lost_parts.py`)."""
    said = " or ".join(f'"{label}"' if quoted else label for label in labels)
    return UNSURE_LINE.format(labels=said)


def append_line(body: str, line: str) -> str:
    """After the answer's last sentence, before any recommendation block that follows a blank line."""
    head, sep, tail = body.partition("\n\nRecommended for you:")
    head = head.rstrip()
    joiner = "\n\n" if "\n" in head else " "
    if head and head[-1] not in ".!?:" and not re.search(r"[.!?][\"”’')]$", head):  # 'means: "… refunded."'
        head += "."
    return f"{head}{joiner}{line}" + (sep + tail if sep else "")


def answers_nothing(text: str, reply: str) -> bool:
    """No part's slot is stated (every typed slot of every part is missing)."""
    parts = asked_parts(text)
    several = len(parts) > 1
    typed = [p for p in parts if set(p.slots) - set(SOFT) or several and p.slots and p.own]
    return bool(typed) and all(len(missing_slots(p, reply)) == len(p.slots) for p in typed)


def _judged(reply: Reply, request: Request | None, not_sure: str) -> bool:
    if reply.flags & SKIP_FLAGS or not reply.text.strip() or reply.text.strip() == not_sure.strip():
        return False
    if request is not None and request.kind in SKIP_KINDS:
        return False
    if ASKS_BACK.search(without_recommendations(reply.text).rstrip()):
        return False  # it asks the shopper back ("Which one do you mean?")
    return reply.author != Author.CANNED


def check_reply(reply: Reply, text: str, request: Request | None, *, not_sure: str, composed: bool = False) -> Reply:
    """The reply with every unanswered part named and a person offered. A composed reply that answers no part
    becomes `not_sure` (flagged low confidence and hand-off); a reply from the data keeps what it says."""
    from bot.core.turn import HANDOFF_BUTTON  # turn imports the domain only; kept local to avoid a cycle

    if not _judged(reply, request, not_sure):
        return reply
    missing = unanswered(text, reply.text)
    if not missing:
        return reply
    if composed and answers_nothing(text, reply.text):
        reply.text = not_sure
        reply.flags |= {Flag.LOW_CONFIDENCE, Flag.HANDOFF}
    else:
        reply.text = append_line(reply.text, unsure_line(missing))
    if HANDOFF_BUTTON not in reply.buttons:
        reply.buttons = [*reply.buttons, HANDOFF_BUTTON]
    return reply


def wording_lost_a_part(text: str, data: tuple[str, Author], reply: Reply) -> bool:
    """After the model worded a data answer: when the wording leaves out a part the data's text answered (or named
    as unsure), the reply goes back to the data's text (the truncation note kept) and True is returned."""
    data_text, author = data
    if Flag.REWORDED not in reply.flags or reply.text.startswith(data_text):
        return False
    lost = set(unanswered(text, reply.text)) - set(unanswered(text, data_text))
    if not lost:
        return False
    note = canned.TRUNCATED_NOTE if reply.text.endswith(canned.TRUNCATED_NOTE) else ""
    reply.text, reply.author = data_text + note, author
    reply.flags.discard(Flag.REWORDED)
    reply.reword = f"{reply.reword} (dropped: the wording left out {sorted(lost)[0]!r})"
    return True
