"""Figures a reply works out from the data: a sum, a difference, or an amount times a count ("$5.00 per item, so
$10.00 for two"; "$755.48 and $368.49, $1,123.97 altogether"; "free from $75, so you're $5 short"). Such a figure
is no number of the data, so neither the word-level check nor the binding rules find it; it is accepted when the
sentence says it is worked out (so, altogether, in total, short, for two …) and the arithmetic holds."""

from __future__ import annotations

import re

from bot.core.facts import extract_facts
from bot.core.meaning.text import per_values, sentences

# the words that say a figure is worked out, not stated
_WORKED_OUT = re.compile(
    r"\b(?:so|that'?s|that is|which (?:makes|is)|comes? to|came to|in total|total(?:s|ling)?|altogether|together|"
    r"combined|in all|short|difference|saves?|plus|minus|for (?:the |your |all )?(?:two|three|four|five|both|\d+))\b"
    r"|\b\d \s?at \$",
    re.I,
)
_MAX_COUNT = 10
_PERCENT = re.compile(r"\b(\d{1,2}(?:\.\d{1,2})?)\s?(?:%|percent\b)", re.I)


def _amount(value: str) -> float | None:
    try:
        return float(value.partition(" ")[0])
    except ValueError:
        return None


def derived_money(reply: str, question: str, grounding: str) -> frozenset[str]:
    """The reply's money amounts (as read_values writes them: "10", "1123.97") that a sentence works out from amounts
    already known (the data's, the question's, or one worked out before): a + b or a - b, a times a count (2..10)
    the sentence or the question gives, where the data counts a per something (per item, per pair) or the question
    prices it each ("2 shirts at $30"), or a less (or at) a percentage the sentence states ("$80 minus 10% is $72").
    Operands must be known, so "$71 is $4 short of $75" proves neither figure. An amount the data also states of
    something else ("$10.00" is the name stitching's) counts as worked out only as a product of an amount of its own
    sentence."""
    if not _WORKED_OUT.search(reply):
        return frozenset()
    base = _amounts(grounding)
    asked = _amounts(question)
    q_counts = _counts(question)
    # an amount may be multiplied only where the data counts it per something ("$5.00 per item"), never a flat fee,
    # or where the shopper gives a count with their own price
    counted = {float(v.split(":", 1)[1]) for v in per_values(grounding)} | (asked if q_counts else set())
    said = [(s, _amounts(s), q_counts | _counts(s), _percents(s)) for s in sentences(reply) if _WORKED_OUT.search(s)]
    out: set[float] = set()
    grew = True
    while grew:  # a figure worked out in one step is known to the next ("$70 plus $10 is $80", "$80 minus 10% ...")
        grew = False
        known = base | asked | out
        for _sentence, amounts, counts, percents in said:
            for amount in amounts - asked - out:
                if amount <= 0:
                    continue
                near = [a for a in amounts - {amount} if a in known]
                product = any(abs(a * k - amount) < 0.005 for a in near if a in counted for k in counts)
                if amount in base and not product:
                    continue
                local = near + list(asked)
                if (
                    product
                    or _sum_or_difference(amount, local, known | set(near))
                    or _percent_of(amount, local, percents)
                ):
                    out.add(amount)
                    grew = True
    return frozenset(f"{a:g}" if a == int(a) else f"{a:.2f}" for a in out)


def _percents(text: str) -> set[float]:
    return {float(p) for p in _PERCENT.findall(text)}


def _percent_of(amount: float, local: list[float], percents: set[float]) -> bool:
    """ "$80 minus 10% is $72" (a less p%) or "10% of $80 is $8" (p% of a), to the cent."""
    return any(
        abs(round(a * (100 - p) / 100 + 1e-9, 2) - amount) < 0.005 or abs(round(a * p / 100 + 1e-9, 2) - amount) < 0.005
        for a in local
        for p in percents
    )


def _amounts(text: str) -> set[float]:
    return {a for f in extract_facts(text) if f.kind == "money" and (a := _amount(f.value)) is not None}


def _counts(text: str) -> set[int]:
    return {
        int(c)
        for f in extract_facts(text)
        if f.kind == "number" and (c := _amount(f.value)) is not None and c == int(c) and 2 <= c <= _MAX_COUNT
    }


def _sum_or_difference(amount: float, local: list[float], pool: set[float]) -> bool:
    return any(abs(a + b - amount) < 0.005 or abs(abs(a - b) - amount) < 0.005 for a in local for b in pool if b != a)


_WORD_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6}
# "those three", "both", "the two big sales": a count of things the reply or the data has just named
_BACK_COUNT = re.compile(r"\b(?:those|these|all|the|both)\s+(two|three|four|five|six)\b((?:\s+[a-z-]+){0,2})", re.I)
_LIST_ITEM = re.compile(r"\s*(?:,|\band\b|\bor\b|\bplus\b|:)\s*", re.I)


def counted_back(reply: str, grounding: str) -> frozenset[str]:
    """Counts ("2", "3") the reply gives of things already named: "socks, name-stitched items and hemmed jeans –
    those three …" (no more than the list before the count holds), or "the two big sales" where one sentence of the
    data names that many of them ("the Summer Sale and the Annual Sale")."""
    out: set[str] = set()
    for sentence in sentences(reply):
        for m in _BACK_COUNT.finditer(sentence):
            n = _WORD_COUNTS[m.group(1).lower()]
            before = re.split(r"[.;]", sentence[: m.start()])[-1].rstrip(" –—-,")
            items = [p for p in _LIST_ITEM.split(re.split(r"\s[–—-]\s|:", before)[-1]) if p.strip()]
            if len(items) >= n >= 2 and re.search(r",|\band\b|\bor\b", before):
                out.add(str(n))
                continue
            noun = (m.group(2).split() or [""])[-1].lower().rstrip("s")
            if len(noun) > 2 and any(
                len(set(re.findall(rf"\b([A-Z][a-z]+) {noun.capitalize()}\b", s))) == n for s in sentences(grounding)
            ):
                out.add(str(n))
    return frozenset(out)
