"""Yes/no answers read against the question: the answer word's polarity must be the grounding's, and a
rule the grounding states with a condition ("as long as the order has not shipped") must not be
answered with a bare "Yes" or "No".

The question is turned into the claim the answer word makes ("Do you accept PayPal?" + "No" = "we do not
accept PayPal"); the grounding unit that states the question's rarest words answers it.
"""

from __future__ import annotations

import math
import re

from bot.core.meaning.claims import conflicts
from bot.core.meaning.index import Index, Unit
from bot.core.meaning.text import IF, STOP, UNLESS, content_words, sentences, stem

_AUX = re.compile(
    r"^\s*(?:and\s+|so\s+|but\s+)?(?:can|could|do|does|did|is|are|was|will|would|should|shall|have|has|may|am)\b", re.I
)
_YES = re.compile(r"^\s*(?:yes|yep|yeah|sure|absolutely|of course|certainly|definitely|correct)\b", re.I)
_NO = re.compile(
    r"^\s*(?:no\b(?!\s+(?:problem|worries|need|one|longer|more|later|fee|charge|cost|minimum))|nope\b|not\s+(?:at all|really)\b"
    r"|unfortunately,?\s+not\b|(?:i'?m\s+)?afraid\s+not\b|sorry,?\s+no\b|i'?m\s+sorry,?\s+(?:but\s+)?no\b)",
    re.I,
)
# words that say *when* or *for whom* a rule holds: an answer with one of them states a condition
_HEDGE = re.compile(
    r"\b(?:if|unless|until|till|as long as|once|only|except|provided|before|after|while|within|when|whether|depends|but)\b",
    re.I,
)
# "Do Gold members pay for overnight?" - "No" means free (but "Can I pay with PayPal?" asks about a way to pay)
_PAYING = re.compile(r"\bpay(?:ing)?\s+(?!with\b|by\b|using\b|in\b|via\b)|\b(?:charge|charged|cost money)\b", re.I)
# words too common in a shop's policies to tell which statement a question is about
_GENERIC = frozenset(
    stem(w)
    for w in [
        "order",
        "orders",
        "item",
        "items",
        "shop",
        "store",
        "northwind",
        "threads",
        "get",
        "use",
        "need",
        "want",
        "able",
        "please",
        "help",
        "ask",
        "tell",
        "thing",
        "things",
        "way",
        "time",
        "customer",
        "customers",
        "account",
        "member",
        "members",
    ]
)


def yes_no(reply: str) -> str:
    """ "yes", "no" or "" for the reply's opening answer word."""
    first = (sentences(reply) or [""])[0]
    if _YES.match(first):
        return "yes"
    if _NO.match(first):
        return "no"
    return ""


def question_sentence(question: str) -> str:
    """The yes/no question in the shopper's message ("My order shipped. Can I change the address?")."""
    for s in reversed(sentences(question)):
        if _AUX.match(s):
            return s
    return ""


def answer_rules(reply: str, question: str, index: Index, fact_lines: list[str]) -> list[tuple[str, str]]:
    """(feature, reason) for a yes/no answer that contradicts the grounding or drops its condition."""
    asked = question_sentence(question)
    answer = yes_no(reply)
    if not asked or not answer:
        return []
    keys = frozenset(w for w in content_words(asked) - _GENERIC if not _HEDGE.fullmatch(w))
    if not keys:
        return []
    negative = answer == "no"
    if _PAYING.search(asked):  # "Do Gold members pay for overnight?" - "No": it is free for them
        negative = not negative
    out: list[tuple[str, str]] = []
    top = _top_units(keys, index, fact_lines)
    conditional = [u for u in top if _conditional(u)]
    if conditional and not _states_condition(reply, question, conditional):
        out.append(
            ("yesno", f"answers {answer!r} without the condition the shop's data states: {conditional[0].text!r}")
        )
    best = _answering_unit(keys, top, index, asked)
    if best is not None and not _conditional(best) and best.negative != negative and not _partial(reply):
        out.append(("yesno", f"answers {answer!r}, but the shop's data says: {best.text!r}"))
    return out


_PARTIAL = re.compile(
    r"\b(?:only|just)\s+(?:the|those|these|some|certain|a few)\b|\bnot (?:all|every)\b|\bsome (?:of|styles|ones|items)\b",
    re.I,
)


def _partial(reply: str) -> bool:
    """ "No – only the ones tagged waterproof": the answer word is qualified in its own sentence, so it
    answers for a part, not the whole (the "only" and "all" rules read the part)."""
    first = (sentences(reply) or [""])[0]
    return bool(_PARTIAL.search(re.sub(r"^\W*\w+\W*", "", first)))


def _weight(word: str, index: Index) -> float:
    return 1.0 / (1.0 + index.df.get(word, 0))


def _top_units(keys: frozenset[str], index: Index, fact_lines: list[str]) -> list[Unit]:
    """The units that state what the question asks: most of its words (the rare ones count more), at least
    one in the unit itself; within 75% of the best such unit."""
    need = max(2, math.ceil(0.5 * len(keys))) if len(keys) > 1 else 1
    scored = []
    for u in index.units:
        if any(u.text in line for line in fact_lines):
            continue  # a product's fact line: meaning/products.py reads its attributes
        own = keys & u.words
        if not own or len(keys & (u.words | u.context)) < need:
            continue
        score = sum(_weight(w, index) for w in own) + 0.5 * sum(_weight(w, index) for w in keys & u.context - own)
        scored.append((score, u))
    if not scored:
        return []
    best = max(sc for sc, _ in scored)
    return [u for sc, u in sorted(scored, key=lambda x: -x[0]) if sc >= 0.75 * best]


def _answering_unit(keys: frozenset[str], top: list[Unit], index: Index, asked: str = "") -> Unit | None:
    """The top unit that holds the question's rarest word and most of its words (it says what is asked, not
    something near it: "for mild weather" does not answer "warm enough for winter?"), about the members
    the question names, when the top units agree on the polarity."""
    q_ents = {c: k for c, k in index.vocab.find(asked).items() if c not in ("place", "product")}
    top = [u for u in top if len(keys & u.words) >= 0.75 * len(keys) and not conflicts(q_ents, u) and not u.whole]
    if not top:
        return None
    known = keys & set(index.df)
    rarest = max((_weight(w, index) for w in known), default=0.0)
    if not any(_weight(w, index) == rarest for w in known & top[0].words):
        return None
    if any(u.negative != top[0].negative for u in top[1:]):
        return None  # statements of both polarities answer it: nothing to decide on
    return top[0]


def _conditional(u: Unit) -> bool:
    return u.condition is not None or bool(u.stages) or bool(re.search(r"\bonly\b", u.text, re.I))


def _states_condition(reply: str, question: str, units: list[Unit]) -> bool:
    """Whether the reply (or the question it answers) names the condition: one of its words, or a hedge."""
    said = content_words(reply) | content_words(question)
    for u in units:
        cond_words = set(u.condition[1]) if u.condition else set()
        cond_words |= {stem(st) for _, st in u.stages}
        cond_words -= _GENERIC | STOP
        if cond_words & said:
            return True
    body = re.sub(r"^\W*\w+\W*", "", reply)  # the answer word itself is not a condition
    return bool(_HEDGE.search(body) or IF.search(body) or UNLESS.search(body))
