"""Rules on ordinary words: a word swapped for its opposite, and a claim about all of something.

- contrast: the claim says "hot" (or "metal", "front", "weeks", "text") where the statement it restates
  says "cold" ("plastic", "back", "days", "e-mail"): one word of a contrast set stands where the aligned
  unit has another member of the same set and not this one. Contrast sets are general English opposites
  and alternatives of one kind (temperatures, materials, sides, time units, contact channels), not
  phrases of one shop. A negated claim is left alone ("don't wash it hot" restates "wash cold").
- universal: "all our jackets have a detachable hood", "every one of our shirts is cotton" where the
  grounding never says "all"/"every"/"each" of that noun (it says "some", "most", or names a few). A claim
  limited by a condition or a threshold ("all orders over $75") is a different claim and left to the
  condition rules; a group that has a name of its own ("all Gold members") is not a quantifier claim.
"""

from __future__ import annotations

import re

from bot.core.meaning.claims import Claim, align
from bot.core.meaning.index import Index
from bot.core.meaning.text import IF, STOP, UNLESS, stem

Feats = dict[str, float]

# each tuple: words of one kind that exclude each other (stems are compared)
_CONTRASTS: tuple[tuple[str, ...], ...] = (
    ("hot", "cold"),
    ("warm", "cold"),
    ("warm", "cool"),
    ("high", "low"),
    ("higher", "lower"),
    ("long", "short"),
    ("longer", "shorter"),
    ("larger", "smaller"),
    ("bigger", "smaller"),
    ("wider", "narrower"),
    ("wide", "narrow"),
    ("thick", "thin"),
    ("front", "back"),
    ("inside", "outside"),
    ("early", "late"),
    ("earlier", "later"),
    ("first", "last"),
    ("top", "bottom"),
    ("wet", "dry"),
    ("damp", "dry"),
    ("soften", "harden"),
    ("softens", "hardens"),
    ("plastic", "metal", "wooden", "glass"),
    ("water-based", "oil-based"),
    ("blot", "rub", "scrub"),
    ("same", "different"),
    ("unworn", "worn"),
    ("unwashed", "washed"),
    ("increase", "decrease"),
    ("included", "excluded"),
    ("minimum", "maximum"),
    ("billing", "shipping"),
    ("weekday", "weekend"),
    ("morning", "evening", "afternoon"),
    ("eastern", "pacific", "central", "mountain"),
    ("full", "partial"),
    ("automatically", "manually"),
    ("automatic", "manual"),
    ("day", "week", "month", "year", "hour", "minute"),
    ("days", "weeks", "months", "years", "hours", "minutes"),
    ("daily", "weekly", "monthly", "yearly", "annual"),
    ("e-mail", "email", "text", "phone", "letter", "post"),
    ("credit", "debit"),
    ("cheaper", "pricier", "dearer"),
    ("darker", "lighter"),
    ("men", "women"),
    ("men's", "women's"),
    ("left", "right"),
    ("add", "subtract", "deduct"),
    ("longer", "shorter"),
)
_SETS: dict[str, set[frozenset[str]]] = {}
for _group in _CONTRASTS:
    _stems = frozenset(stem(w) for w in _group)
    for _w in _stems:
        _SETS.setdefault(_w, set()).add(_stems)
_COUNTED = frozenset(  # time units: a contrast only as the unit of a number ("under a week" is 7 days)
    stem(w)
    for w in ["day", "week", "month", "year", "hour", "minute", "days", "weeks", "months", "years", "hours", "minutes"]
)
_SAME_KIND = {frozenset({stem("email"), stem("e-mail")})}  # spellings of one word, never a contrast

_WORD = re.compile(r"[a-z][a-z'-]*[a-z]|[a-z]", re.I)


def _words(text: str) -> set[str]:
    text = re.sub(r"n[’']t\b", " not", text.lower())
    return {stem(w) for w in _WORD.findall(text)}


def contrast_rule(claim: Claim, index: Index, q_words: frozenset[str], feats: Feats, reasons: list[str]) -> None:
    """One word of a contrast set where the statement the claim restates has another member and not this one."""
    if claim.negative:
        return
    mine = _words(claim.text)
    hits = [w for w in mine if w in _SETS]
    if not hits:
        return
    unit = align(claim, index.units, q_words, index)
    if unit is None or unit.negative:
        return
    theirs = _words(unit.text)
    for w in hits:
        if w in theirs:
            continue
        if w in _COUNTED and not re.search(
            rf"\d\s+{re.escape(w)}", " ".join(stem(t) for t in claim.text.lower().split())
        ):
            continue
        for group in _SETS[w]:
            rivals = {v for v in group - {w} if v in theirs and v not in mine}
            if rivals and not any(frozenset({w, v}) in _SAME_KIND for v in rivals):
                feats["word"] += 1
                reasons.append(f"says {w!r} where the shop's data says {sorted(rivals)[0]!r}: {unit.text!r}")
                return


_UNIVERSAL = re.compile(
    r"(?<![\w'])(?:(not|n't)\s+)?(?:all(?:\s+of)?|every(?:\s+(?:one|single\s+one)\s+of)?|each(?:\s+one)?(?:\s+of)?)\s+"
    r"(?:(?:our|the|your|these|those|its|their|my)\s+)?",
    re.I,
)
_TIME = frozenset(
    stem(w)
    for w in [
        "day",
        "days",
        "week",
        "weeks",
        "month",
        "months",
        "year",
        "years",
        "time",
        "times",
        "hour",
        "hours",
        "morning",
        "night",
    ]
)


def universal_heads(text: str) -> list[tuple[bool, list[str]]]:
    """(negated, the words of the noun phrase) for every "all/every/each (of our) N" in text."""
    out = []
    for m in _UNIVERSAL.finditer(text):
        phrase: list[str] = []
        possessive = False
        for tok in re.findall(r"[A-Za-z][\w'’-]*|[^\sA-Za-z]", text[m.end() :])[:4]:
            if not tok[0].isalpha() or tok.lower() in STOP:
                break
            if re.search(r"['’]s$", tok):  # "each shirt's buttons": says what belongs to each, not a claim about all
                possessive = True
                break
            phrase.append(tok)
        if possessive:
            continue
        negated = bool(m.group(1)) or bool(
            re.search(r"(?:\bnot|n't)\s+$", text[max(0, m.start() - 6) : m.start()], re.I)
        )
        if phrase:
            out.append((negated, phrase))
    return out


def universal_rule(claim: Claim, index: Index, feats: Feats, reasons: list[str]) -> None:
    """ "All our jackets have a hood" where the grounding quantifies no such noun with all/every/each."""
    if claim.condition is not None or any(d for _, d in claim.values) or claim.ents:
        return
    if IF.search(claim.sentence_text) or UNLESS.search(claim.sentence_text):
        return
    heads = universal_heads(claim.text)
    if not heads:
        return
    said = {stem(w) for u in index.units for _, phrase in universal_heads(u.text) for w in phrase}
    for negated, phrase in heads:
        stems = {stem(w) for w in phrase}
        if negated or stem(phrase[-1]) in _TIME or index.vocab.find(" ".join(phrase)):
            continue
        if phrase[-1].lower() in ("size", "sizes") and any(u.fact_line for u in index.units):
            continue  # "every size is in stock": the product's record check reads it (meaning/products.py)
        if not stems & said:
            feats["word"] += 1
            reasons.append(f"says all {' '.join(phrase)}; the shop's data says that of no such group as a whole")
            return
