"""Steps, times and places a reply gives that the shop's data does not (#9).

A small model writes instructions and times that read like the shop's but come from nowhere: "you'll need to order a
returnable return paper from a local business", "just bring it to any post office", "the store closes on Saturday".
Their numbers and names are fine, so the other rules pass them. This rule reads a clause that tells the shopper to do
something ("you'll need to X", "just X", "please X", "you can X", an imperative) or says where or when something
happens ("at any X", "to a local X", "on Sundays", "in the evening"), and takes the content words of that action,
place or time. A word the grounding holds (or a word of its family), or the question holds, is supported; a time word
(a weekday, the weekend, a part of the day, holidays) must be the grounding's own. One or two words left are judged
by meaning: the clause's MiniLM cosine to the grounding's closest statements, so a paraphrase of a step the page
gives ("stick it on the package" for "attach it to the package") stands and an invented one falls; three or more are
a step of its own. Without an embedder, two unsupported words reject (one may be a paraphrase).

"Closes on Sunday" with no hour says the store is shut that day: the grounding must say it is closed then.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.core.facts import extract_facts
from bot.core.meaning.index import DAYS, days_covered
from bot.core.meaning.text import (
    PARTICLE,
    STOP,
    clauses,
    content_words,
    courtesy,
    is_negative,
    sentences,
    split_condition,
    stem,
)

Cosines = Callable[[list[str]], list[float]]  # clauses -> each one's best cosine to the grounding's statements

ONE_WORD_COSINE = 0.70  # a clause with one unsupported word stands when it reads this close to a statement
MAX_WEIGHED = 2  # more unsupported words than this are a step of its own, whatever the likeness (none of the
# right answers of the grounding sets has more; a paraphrase changes a word or two)
PER_WORD = 0.05  # ... and closer for each further unsupported word (the more words of its own, the less a
# likeness to the data says)

_DIRECTIVE = re.compile(
    r"\b(?:you(?:'ll| will| would|'d)?\s+(?:(?:just|simply|also|then|first|still|only|always)\s+)?"
    r"(?:need to|have to|must|should|can|could|may|might want to|want to|are able to|are welcome to)"
    r"|all you (?:need|have) to do is|make sure (?:to|you)|(?:we|i) (?:recommend|suggest|advise)(?: that you)?"
    r"|the (?:best|easiest|simplest|quickest|fastest|only) way\b[^.;:]*?\b(?:is|would be) (?:to|by))\s+(.+)$",
    re.I,
)
_LEAD = r"(?:(?:just|simply|please|then|first|and|or|also|now|instead|otherwise|next|finally|so)\s+)*"
_IMPERATIVE = re.compile(rf"^{_LEAD}([A-Za-z]+)\s+(\S+)", re.I)
# what follows an imperative verb: its object or particle ("drop it", "bring the item", "log out")
_AFTER_VERB = frozenset(
    "the a an your it them us our this that these those any one some to at in on with by from out up back off into".split()  # noqa: SIM905
)
# a place a statement sends something to: "at any post office", "to a local business", "from your nearest depot"
_PLACE = re.compile(
    r"\b(?:at|to|in|into|from|inside|near)\s+(?:any|(?:a|an|your|the|our)\s+(?:local|nearest|nearby|closest))\s+"
    r"((?:[\w'-]+\s*){1,4})",
    re.I,
)
# a day or a part of it (months and dates are values: the value rules read them)
_TIME = re.compile(
    rf"\b(?:{'|'.join(DAYS)})s?\b"
    r"|\b(?:weekends?|weekdays?|mornings?|afternoons?|evenings?|nights?|midnight|noon|holidays?)\b",
    re.I,
)
_CLOCK_PART = re.compile(r"\b\d{1,2}(?::\d\d)?\s+in the (?:morning|afternoon|evening)\b", re.I)  # "6 in the evening"
_ALL_DAY = re.compile(r"\b24 hours|24/7|around the clock|round the clock\b", re.I)
# words with no content of their own: adverbs, quantifiers, conjunctions, pronouns, politeness
_FUNCTION = frozenset(
    """either once but after before until instead anywhere anyone anything everyone everything whatever whichever
    whenever wherever rather against too now next back already yourself right away quite lot bit couple few half
    first again later soon also then just even both own without within over using via like else sure kindly
    happy glad welcome thank thanks sorry able options option way ways thing things while whereas though although
    other another same specific particular available unavailable moment currently time times parcel package box
    """.split()  # noqa: SIM905
)
# general verbs whose content is their object ("send us the order number", "check the card details")
_LIGHT = frozenset(
    """ask tell send give check see look use keep take try wait put follow pick note start let make get have go come
    find choose bring hand say hold leave mind remember reach call contact visit expect place do""".split()  # noqa: SIM905
)
# numbers and months are values (the value and date rules read them), not words of a step
_NUMBERS = frozenset(
    """one two three four five six seven eight nine ten eleven twelve january february march april june july august
    september october november december""".split()  # noqa: SIM905
)
_CLOSES = re.compile(rf"\b(?:closes|shuts|close|shut)\s+(?:on\s+)?((?:{'|'.join(DAYS)})s?|weekends?)\b", re.I)


def action_rules(reply: str, question: str, grounding: str, cosines: Cosines | None) -> list[tuple[int, str, str]]:
    """(sentence number, HARD feature "action", reason) for each sentence that gives a step, place or time the
    grounding does not support."""
    known, q_known = _Known(grounding), _Known(question)
    found: dict[int, str] = {}
    weighed: list[tuple[int, str, list[str]]] = []  # clauses with words of their own, judged by meaning
    for n, sentence in enumerate(sentences(reply)):
        if courtesy(sentence):
            continue
        for kind, text, words in action_claims(sentence):
            reason = _unsupported_time(text, words, known) or _closed_day(text, grounding)
            new = [
                w
                for w in words
                if not known.has(w)
                and not q_known.has(w)
                and not (kind == "do" and w in _LIGHT)
                and not _TIME.fullmatch(w)
            ]  # (a time word is the time rule's)
            if not reason and len(new) > MAX_WEIGHED:
                reason = f"gives '{text}': the shop's data does not say {', '.join(repr(w) for w in new)}"
            if reason:
                found.setdefault(n, reason)
            elif new:
                weighed.append((n, text, new))
    weighed = [w for w in weighed if w[0] not in found]
    likeness = cosines([text for _, text, _ in weighed]) if cosines is not None and weighed else []
    for k, (n, text, new) in enumerate(weighed):
        needed = ONE_WORD_COSINE + PER_WORD * (len(new) - 1)
        if (likeness[k] < needed) if likeness else len(new) > 1:
            found.setdefault(n, f"gives '{text}': the shop's data does not say {', '.join(repr(w) for w in new)}")
    return sorted((n, "action", reason) for n, reason in found.items())


def action_claims(sentence: str) -> list[tuple[str, str, list[str]]]:
    """(kind, clause, its action/place/time words) for the sentence's positive clauses that tell the shopper to do
    something ("do") or say where or when something happens ("where")."""
    out = []
    for clause in clauses(sentence):
        main = PARTICLE.sub("", split_condition(clause)[0]).strip()
        if not main or main.endswith("?") or is_negative(main):
            continue
        plain = _without_values(_CLOCK_PART.sub(" ", main))
        directive = _DIRECTIVE.search(plain)
        action = directive.group(1) if directive else _imperative(plain)
        if action:
            out.append(("do", main, _words(action)))
            continue
        spots = [m.group(1) for m in _PLACE.finditer(plain)] + [m.group(0) for m in _TIME.finditer(plain)]
        if spots:
            out.append(("where", main, _words(" ".join(spots))))
    return out


def _unsupported_time(text: str, words: list[str], known: _Known) -> str:
    """A day or part of the day the grounding does not name (what it says is there "24 hours a day" is there any
    time)."""
    times = [w for w in words if _TIME.fullmatch(w) and not known.has(w)]
    own = _own_words(text) | ({"assistant"} if _SPEAKER.match(text) else set())  # "I'm here": the assistant
    if times and not own & known.always:
        return f"says when, '{times[0]}', which the shop's data does not give for this"
    return ""


def _closed_day(text: str, grounding: str) -> str:
    """ "The store closes on Sunday" (no hour) says it is shut that day: the grounding must say it is closed then."""
    m = _CLOSES.search(text)
    if not m or any(f.kind == "time" for f in extract_facts(text)):
        return ""
    day = m.group(1).lower().rstrip("s")
    days = {"saturday", "sunday"} if day.startswith("weekend") else {day}
    for s in sentences(grounding):
        low = s.lower()
        if is_negative(s) and days & ({d for d in DAYS if d in low} | days_covered(low)):
            return ""
    return f"says the store is closed on {m.group(1)}; the shop's data does not"


def _imperative(text: str) -> str:
    """The clause from its verb when it reads as an order ("Drop it at ...", "Just print the label ...")."""
    m = _IMPERATIVE.match(text)
    if not m:
        return ""
    verb, after = m.group(1).lower(), m.group(2).lower().strip(",.;:")
    if verb in STOP or verb in _FUNCTION or re.search(r"[^s]s$|\w{3}(?:ing|ed)$|\w{5}ly$", verb):
        return ""  # a subject ("Returns are ...", "Shipping to ...", "Orders placed") or an adverb, not an order
    return text[m.start(1) :] if after in _AFTER_VERB else ""


def _without_values(text: str) -> str:
    """The text with its dates, prices, times and codes blanked out: the value rules check those."""
    for f in sorted(extract_facts(text), key=lambda f: -f.start):
        text = text[: f.start] + " " + text[f.end :]
    return text


def _words(text: str) -> list[str]:
    low = re.sub(r"n[’']t\b", " not", text.lower())
    return [
        w
        for w in re.findall(r"[a-z][a-z'-]*[a-z]", low)
        if len(w) > 2 and w not in STOP and w not in _FUNCTION and w not in _NUMBERS
    ]


class _Known:
    """The words of a text as stems, with their families ("returnable" for "returned") and the days it covers."""

    def __init__(self, text: str) -> None:
        low = text.lower()
        raw = re.findall(r"[a-z]+", low)
        self.stems = {stem(w) for w in raw} | {_plain(w) for w in raw} | days_covered(low)
        if {"saturday", "sunday"} <= self.stems:
            self.stems.add("weekend")
        if {"monday", "friday"} <= self.stems:
            self.stems.add("weekday")
        # what the data says is there "24 hours a day" (the online assistant) is there at any day or hour
        self.always = frozenset().union(*(_own_words(x) for x in sentences(text) if _ALL_DAY.search(x)))
        self.starts = {k[:5] for k in self.stems if len(k) >= 5} | {k[:4] for k in self.stems if len(k) >= 4}

    def has(self, word: str) -> bool:
        for part in re.sub(r"'s$", "", word).split("-"):
            for form in {part, part.replace("our", "or")}:  # colour / color
                for s in (stem(form), _plain(form)):
                    if len(s) > 1 and (s in self.stems or (s[:5] if len(s) >= 5 else s) in self.starts):
                        return True
        return False


def _own_words(text: str) -> frozenset[str]:
    """Content words without the words of time ("day", "hours"), which say nothing of what is there."""
    return content_words(_TIME.sub(" ", text)) - _TIMELESS


_TIMELESS = frozenset(stem(w) for w in ("day", "week", "hour", "time", "minute", "available"))
_SPEAKER = re.compile(r"\W*i(?:'m|’m|\s+am)?\b", re.I)


def _plain(word: str) -> str:
    """A second, plainer stem: the plural or tense ending off ("sizes" -> "size", "rubbing" -> "rubb")."""
    if word.endswith("es") and not re.search(r"(?:[sxz]|[cs]h)es$", word):
        word = word[:-1]
    for suffix in ("ing", "ed", "es", "s", "ly"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word
