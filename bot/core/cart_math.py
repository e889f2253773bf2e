"""The arithmetic a shopper's cart question needs, over the amounts the message states and the policy's own numbers.

"my cart is $70 and I'm adding a $10 belt, with the 10% newsletter code do I get free shipping?" states a cart
($70), an item added ($10) and a discount (10%, or the code the policy gives a percentage for); the free-shipping
threshold ($75) and whether it counts after discounts are the policy's. This module reads the amounts (`read_cart`)
and works the figures out as steps a shopper can follow ("$70 plus $10 is $80", "$80 minus 10% is $72", "$72 is $3
short of $75"): every figure is one the message states, one the policy states, or one of these steps computes from
them, so the verifier can re-check each (bot/core/meaning/derived.py). Nothing here reads the shop's pages; a
message whose amounts cannot be read without guessing ("it was $90 but now it's $70", "$20 off") gives None."""

from __future__ import annotations

import re
from dataclasses import dataclass

_NUM = r"(?:\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?)"
# "$70", "$ 70.50", "70 dollars", "70 bucks", "70 usd", "70$"
MONEY = re.compile(
    rf"\$\s?(?P<a>{_NUM})\b|\b(?P<b>{_NUM})\s?(?:dollars?|bucks|usd)\b|\b(?P<c>{_NUM})\$(?!\w)",
    re.I,
)
PERCENT = re.compile(r"\b(\d{1,2}(?:\.\d{1,2})?)\s?(?:%|percent\b|pct\b)", re.I)
COUNT_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "a couple of": 2, "a pair of": 2, "both": 2}
_COUNT = r"(?P<n>[2-9]|two|three|four|five|six|a couple of|a pair of)"
# "2 shirts at $30", "three tees for $12 each", "2 x $20", "two $25 scarves" ("3 things for $70": $70 in all)
COUNT_BEFORE = re.compile(
    rf"\b{_COUNT}\s+(?:(?P<words>(?:[a-z'-]+\s+){{0,3}}?)(?P<link>at|@|for)\s*|x\s*|×\s*)?$", re.I
)
EACH_AFTER = re.compile(r"^\s*(?:each|apiece|a piece|per (?:item|pair|piece|one)|a pop)\b", re.I)
TIMES_AFTER = re.compile(r"^\s*(?:x|×)\s*(?P<n>[2-9])\b", re.I)
# an amount the policy names, said back ("over $75", "to get to $200"), or a fee ("$8 shipping"): not the cart
REFERENCE_BEFORE = re.compile(
    r"\b(?:over|above|from|at least|reach|reaching|hit|hitting|get to|getting to|past|than|under|below|min(?:imum)?|"
    r"threshold(?: is| of)?|limit(?: is| of)?)\s*$",
    re.I,
)
FEE_AFTER = re.compile(r"^\s*(?:for |in |of )?(?:shipping|delivery|postage|fees?|charge|s&h)\b", re.I)
# an amount off, a credit or a gift card: how it counts against the threshold is not for us to guess
CREDIT_AFTER = re.compile(r"^\s*(?:off|discount|coupon|voucher|gift ?card|store credit|credit|promo)\b", re.I)
REMOVED_BEFORE = re.compile(
    r"\b(?:remov\w*|tak(?:e|ing) (?:out|off)|took (?:out|off)|drop(?:ping)?|minus|less|delet\w*|without)\b"
    r"[^$\d]{0,25}$",
    re.I,
)
# two totals for one cart ("it was $90 but now it's $70"), a choice ("$70 or $80"), a range: no single cart
AMBIGUOUS = re.compile(
    rf"\b(?:was|used to be|instead|changed?|actually|between)\b[^.?!]{{0,30}}(?:\$\s?{_NUM}|{_NUM}\s?(?:dollars|bucks))"
    rf"|(?:\$\s?{_NUM}|{_NUM}\s?(?:dollars|bucks))\s*(?:or|to|-|–)\s*\$?\s?{_NUM}\b",
    re.I,
)


@dataclass(frozen=True, slots=True)
class Line:
    """One amount of the cart: its value, how many (2 at $30), and whether it is taken out (-1)."""

    value: float
    count: int = 1
    sign: int = 1

    @property
    def total(self) -> float:
        return self.value * self.count * self.sign


@dataclass(frozen=True, slots=True)
class Cart:
    """The cart the message states: its lines and the discount percentage it says (None: none said)."""

    lines: tuple[Line, ...]
    percent: float | None = None

    @property
    def subtotal(self) -> float:
        return round(sum(line.total for line in self.lines), 2)

    @property
    def discounted(self) -> float:
        return discounted(self.subtotal, self.percent) if self.percent else self.subtotal


def discounted(amount: float, percent: float) -> float:
    """The amount less a percentage, to the cent: 80, 10 -> 72.0."""
    return round(amount * (100 - percent) / 100 + 1e-9, 2)


def fee(value: float) -> str:
    """A fee as the pages write it: "$8.00"."""
    return f"${value:,.2f}"


def usd(value: float) -> str:
    """ "$72", "$3.40", "$1,123.97": whole dollars without cents, as a shopper writes them."""
    return f"${value:,.0f}" if abs(value - round(value)) < 0.005 else f"${value:,.2f}"


def _count(word: str) -> int:
    return int(word) if word.isdigit() else COUNT_WORDS[word.lower()]


def read_amounts(text: str) -> list[Line] | None:
    """The cart lines of the message (amounts said back from the policy, fees and thresholds left out), [] when it
    states none, None when they cannot be read without a guess (a credit, two totals, a choice)."""
    if AMBIGUOUS.search(text):
        return None
    lines: list[Line] = []
    for m in MONEY.finditer(text):
        value = float((m.group("a") or m.group("b") or m.group("c")).replace(",", ""))
        before, after = text[max(0, m.start() - 40) : m.start()], text[m.end() : m.end() + 30]
        if FEE_AFTER.search(after) or REFERENCE_BEFORE.search(before):
            continue
        if CREDIT_AFTER.search(after):
            return None
        count = 1
        if (c := COUNT_BEFORE.search(before)) and (c.group("link") != "for" or EACH_AFTER.search(after)):
            count = _count(c.group("n"))
        elif t := TIMES_AFTER.search(after):
            count = _count(t.group("n"))
        sign = -1 if REMOVED_BEFORE.search(before) else 1
        if value <= 0:
            return None
        lines.append(Line(value, count, sign))
    if lines and sum(line.total for line in lines) <= 0:
        return None
    return lines


def read_cart_percent(text: str, code_percent: float | None = None) -> float | None:
    """The discount percentage the message says, else `code_percent` (the policy's percentage for a code the message
    names); None for none, for two, or for one that is no discount (0, 100 or more)."""
    said = {float(p) for p in PERCENT.findall(text)}
    percent = next(iter(said), None) if len(said) == 1 else None if said else code_percent
    return percent if percent is not None and 0 < percent < 100 else None


def read_cart(text: str, *, code_percent: float | None = None) -> Cart | None:
    """The cart the message states, or None (no amount, or none readable, or two percentages)."""
    lines = read_amounts(text)
    if not lines or len(set(PERCENT.findall(text))) > 1:
        return None
    return Cart(tuple(lines), read_cart_percent(text, code_percent))


def sum_steps(cart: Cart) -> list[str]:
    """ "2 at $30 is $60" for each amount said with a count, then "$60 plus $25 is $85" when there are several."""
    steps = [
        f"{line.count} at {usd(line.value)} is {usd(line.value * line.count)}" for line in cart.lines if line.count > 1
    ]
    if len(cart.lines) > 1:
        terms = [usd(cart.lines[0].value * cart.lines[0].count)]
        terms += [f"{'plus' if line.sign > 0 else 'minus'} {usd(line.value * line.count)}" for line in cart.lines[1:]]
        steps.append(f"{' '.join(terms)} is {usd(cart.subtotal)}")
    return steps


def discount_step(cart: Cart) -> str:
    """ "$80 minus 10% is $72"; '' without a discount."""
    if not cart.percent:
        return ""
    return f"{usd(cart.subtotal)} minus {cart.percent:g}% is {usd(cart.discounted)}"


def gap_step(amount: float, threshold: float) -> str:
    """ "$72 is $3 short of $75", "$80 is more than $75" or "$75 reaches $75"."""
    if amount >= threshold:
        return (
            f"{usd(amount)} reaches {usd(threshold)}"
            if amount - threshold < 0.005
            else f"{usd(amount)} is more than {usd(threshold)}"
        )
    return f"{usd(amount)} is {usd(round(threshold - amount, 2))} short of {usd(threshold)}"


def more_step(amount: float, threshold: float) -> str:
    """ "$75 minus $58 is $17" (how much more reaches the threshold)."""
    return f"{usd(threshold)} minus {usd(amount)} is {usd(round(threshold - amount, 2))}"
