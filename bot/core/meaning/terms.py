"""Reply-level rules on terms: two items of one list said to be the same thing ("the phone number is your
ZIP code"), a refusal of something the shop only ever states positively ("we don't accept PayPal"),
a promise about the future the data does not make ("it will be back next week"), and a period counted
from another starting point ("30 days from the delivery date" where the data says the purchase date).
"""

from __future__ import annotations

import re

from bot.core.meaning.index import Index
from bot.core.meaning.text import NEG, STOP, content_words, is_negative, sentences, split_condition, stem

_COPULA = re.compile(r"\s(?:is|are|=|means|equals)\s", re.I)
_ITEM_SPLIT = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|:\s+")
_PROMISE = re.compile(
    r"\b(?:next (?:week|month|year|season)|(?<!\bas )soon(?! as\b)|shortly|tomorrow|later this (?:week|month)|in a few days"
    r"|will be (?:back|restocked|added|available|in stock)|(?:are|is) coming (?:back|soon))\b",
    re.I,
)
# a word and its opposite: "after tax" where the data says "before tax", "after your order ships" for "until"
_OPPOSITE = {"before": ("after",), "after": ("before", "until", "within"), "until": ("after",), "within": ("after",)}
_MARKER = re.compile(r"\b(before|after|until|within)\s+(?:(?:the|your|its|it|a|an|our)\s+)?([a-z]{3,})", re.I)
_ANCHOR = re.compile(r"\bfrom (?:the|your)\s+(\w+)\s+(?:date|day)\b", re.I)


def term_rules(reply: str, question: str, index: Index, blocks: list[str]) -> list[tuple[int, str, str]]:
    """(sentence number, HARD feature, reason) for the rules above."""
    grounding = "\n".join(blocks)
    lists = _enumerations(grounding)
    low_ground = grounding.lower()
    out: list[tuple[int, str, str]] = []
    for n, sentence in enumerate(sentences(reply)):
        pair = _copula_siblings(sentence, lists)
        if pair:
            out.append(
                (n, "copula", f"says {pair[0]!r} is {pair[1]!r}; the shop's data lists them as different things")
            )
        for m in _PROMISE.finditer(sentence):
            if m.group(0).lower() not in low_ground:
                out.append((n, "promise", f"promises {m.group(0)!r}, which the shop's data does not"))
        flipped = _flipped_marker(sentence, grounding)
        if flipped:
            out.append((n, "condition", flipped))
        for m in _ANCHOR.finditer(sentence):
            said = {a.group(1).lower() for a in _ANCHOR.finditer(grounding)}
            if said and m.group(1).lower() not in said:
                out.append(
                    (
                        n,
                        "condition",
                        f"counts from the {m.group(1)} date; the shop's data counts from the {'/'.join(sorted(said))} date",
                    )
                )
    return out


def _enumerations(text: str) -> list[list[frozenset[str]]]:
    """Inline lists of three or more short items ("your full name, ZIP or postal code, phone number and
    e-mail address"), each item as its content words."""
    out = []
    for sentence in sentences(text):
        parts = [p.strip() for p in _ITEM_SPLIT.split(re.sub(r"\([^)]*\)", "", sentence)) if p and p.strip()]
        run: list[frozenset[str]] = []
        for part in [*parts, ""]:
            words = content_words(part) - STOP
            if part and len(part.split()) <= 4 and words:
                run.append(words)
                continue
            if len(run) >= 3:
                out.append(run)
            run = []
    return out


def _copula_siblings(sentence: str, lists: list[list[frozenset[str]]]) -> tuple[str, str] | None:
    """The two sides of "X is Y" when they are different items of one list of the grounding."""
    m = _COPULA.search(sentence)
    if not m or NEG.search(sentence):
        return None
    # "X is Y" with Y just the item ("your ZIP or postal code"), not a comparison or a longer statement
    right_text = re.split(r"[.,;!?]", sentence[m.end() :])[0]
    if len(right_text.split()) > 6:
        return None
    left = content_words(" ".join(sentence[: m.start()].split()[-4:]))
    right = content_words(re.sub(r"^\s*(?:your|the|a|an|our|its|their)\s+", "", right_text, flags=re.I))
    for items in lists:
        a = next((i for i, it in enumerate(items) if it and it <= left), None)
        b = next((i for i, it in enumerate(items) if it and it <= right and len(right - it) <= 1), None)
        if a is not None and b is not None and a != b:
            return " ".join(sorted(items[a])), " ".join(sorted(items[b]))
    return None


def refusal_rules(reply: str, index: Index) -> list[tuple[int, str, str]]:
    """A negative statement about a name the grounding only ever states positively ("We don't accept PayPal"
    where PayPal is one of the payment methods; "closed on Sundays" where Sunday has opening hours)."""
    out: list[tuple[int, str, str]] = []
    for n, sentence in enumerate(sentences(reply)):
        for part in _PARTS.split(sentence):  # the name must stand in the refusing part ("..., so 4 p.m. won't make it")
            reason = _refused(part, index)
            if reason:
                out.append((n, "polarity", reason))
                break
    return out


_PARTS = re.compile(r",\s+(?=(?:so|but|and|while|which|because)\s)|\s*;\s*|\s+[–—-]\s+|\s+(?:so|but)\s+")


def _refused(sentence: str, index: Index) -> str:
    """Why a negative part refuses a name the grounding only states positively ("" when it does not)."""
    main, marker, _ = split_condition(sentence)
    if marker or not is_negative(sentence, plain=True):
        return ""
    # a name in parentheses restates something ("has shipped (In Transit)"): it is not what the part refuses
    names = {w.lower() for w in re.findall(r"\b[A-Z][a-zA-Z]{2,}\b", re.sub(r"\([^)]*\)", " ", main))} - STOP
    names = {w.rstrip("s") if w.endswith("s") and w.rstrip("s") in index.df else w for w in names}
    for name in sorted(names):
        units = [
            u for u in index.units if name in u.words and not (u.fact_line or u.order_line)
        ]  # products.py, orders.py
        if name in index.vocab.patterns:
            continue  # a sibling name (Silver, Economy, a product): the binding rules read it
        if units and not any(u.negative for u in units) and not _other_subject(name, main, index):
            return f"refuses {name!r}, which the shop's data only states positively: {units[0].text!r}"
    return ""


def _other_subject(name: str, main: str, index: Index) -> bool:
    """The name is only the subject of a refusal about something else ("PayPal orders cannot ...")."""
    words = content_words(main) - {name}
    return any(u.negative and len(words & u.words) >= 2 for u in index.units)


def _flipped_marker(sentence: str, grounding: str) -> str:
    """ "after X" where the grounding only says "before X" (or "until X", "within X") of the same X."""
    said = {(m.group(1).lower(), stem(m.group(2).lower())) for m in _MARKER.finditer(grounding)}
    for m in _MARKER.finditer(sentence):
        marker, word = m.group(1).lower(), stem(m.group(2).lower())
        if (marker, word) in said:
            continue
        for opposite in _OPPOSITE[marker]:
            if (opposite, word) in said:
                return f"says {marker} {m.group(2)}; the shop's data says {opposite} {m.group(2)}"
    return ""
