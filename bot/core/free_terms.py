"""What makes a shipping option free, said when the shopper talks of it free and the reply gave its price only (#9).

"my friend got free overnight shipping so i should get it too" got "Overnight shipping costs $20.00 and delivers the
next business day ..." and never that overnight is free for Gold members. A message that says an option is free (or
asks whether it is) gets the option's own condition from the shipping page when the reply leaves it out: the US
table's cost cell ("$20.00 – free for Gold members": "Overnight shipping is free for Gold members; otherwise it costs
$20.00."), or the international sentence ("... is free on orders of $200 or more and for Gold members"). For a
signed-in account whose level the condition does not name, the account's level and what the option costs them
("Your account is at the Silver level, so overnight shipping costs $20.00 for you."), and an account at a level it
names that it is free for them ("As a Gold member, overnight shipping is free for you."). Every value is read from the pages at run time."""

from __future__ import annotations

import re

from bot.core.member_perks import gold_perk
from bot.core.notices import tier_note
from bot.core.policy_tables import free_from, plain
from bot.core.ports import KnowledgePort
from bot.core.sentences import split_sentences
from bot.core.shipping_slots import read_pages
from bot.core.turn import Turn

OPTION = r"(?P<o>overnight|next[- ]day|standard|economy|international)"
# "free overnight", "overnight for free", "overnight shipping was free": an option said or asked to be free
FREE_OPTION = re.compile(
    r"\bfree\s+(?:\w+\s+){0,2}?" + OPTION + r"\b|\b" + OPTION.replace("?P<o>", "?P<o2>") + r"\b[^?.!,]{0,30}\bfree\b",
    re.I,
)
LEVELS = ("guest", "bronze", "silver", "gold")


def free_option(question: str) -> str:
    """The shipping option the shopper says or asks is free ("overnight"), or ''."""
    m = FREE_OPTION.search(question)
    if not m:
        return ""
    said = (m.group("o") or m.group("o2")).lower()
    return "overnight" if said.startswith("next") else said


def free_terms(answer: str, question: str, turn: Turn, kb: KnowledgePort) -> str:
    """The answer, with the page's condition for the option the shopper says is free when the answer does not state
    it, and for a signed-in account whose level the condition leaves out, what the option costs them."""
    option = free_option(question)
    if not option or re.search(rf"\b(?:{'|'.join(LEVELS)})\b", question, re.I):
        return answer  # a level named ("silver - is overnight free then?"): that level's answer says it
    pages = read_pages(kb)
    if option == "international":
        rule = next((plain(s) for s in pages.intl if re.search(r"\bfree\b", s) and re.search(r"\$\s?\d", s)), "")
        m = re.search(r"\b(free (?:on|for)\b.+?)\.?$", rule)
        condition, price = (m.group(1) if m else ""), next(iter(re.findall(r"\$\s?[\d,]+\.\d\d", rule)), "")
        line = rule
    else:
        row = next((r for r in pages.options if str(r.get("option") or "").lower() == option), None)
        cost = " ".join(v for k, v in (row or {}).items() if "cost" in k or "price" in k)
        m = re.match(r"\s*(\$\s?[\d,]+(?:\.\d\d)?)\s*[–-]\s*(free\b.+?)\s*$", cost)
        if not m:
            return answer  # no condition on the page (Economy): nothing to add
        price, condition = m.group(1), m.group(2)
        line = f"{option.capitalize()} shipping is {condition}; otherwise it costs {price}."
    if not condition:
        return answer
    if not _covered(answer, option, condition):
        answer = f"{answer} {line}"
    return answer + _account(turn, option, condition, price, answer)


def _covered(answer: str, option: str, condition: str) -> bool:
    """The answer already says when the option is free: the condition's words, or a sentence naming the option, "free"
    and the condition's levels or amount ("Gold members get free overnight and international shipping")."""
    if condition.lower() in answer.lower():
        return True
    keys = [w for w in LEVELS if re.search(rf"\b{w}\b", condition, re.I)] + re.findall(r"\$\s?[\d,]+", condition)
    return any(
        re.search(rf"\b{option}\b", s, re.I)
        and re.search(r"\bfree\b", s, re.I)
        and all(re.search(re.escape(k), s, re.I) for k in keys)
        for s in split_sentences(answer)
    )


def shipping_terms(answer: str, question: str, turn: Turn, kb: KnowledgePort) -> str:
    """The answer with what the shopper's level changes about shipping: the condition of an option said to be free
    (free_terms), the account's real level (notices.tier_note) and a Gold account's free options (gold_perk)."""
    answer = free_terms(answer, question, turn, kb)
    answer = tier_note(answer, question, turn)
    return gold_perk(answer, question, turn, kb)


def _account(turn: Turn, option: str, condition: str, price: str, answer: str) -> str:
    """ " Your account is at the Silver level, so overnight shipping costs $20.00 for you." for a signed-in account
    whose level the condition does not name, " As a Gold member, overnight shipping is free for you." for one whose
    level it names; '' otherwise."""
    level = str(turn.customer.get("membership") or "").lower() if turn.known_customer else ""
    named = {w for w in LEVELS if re.search(rf"\b{w}\b", condition, re.I)}
    if level in named and not re.search(r"\bfree for you\b", answer, re.I):
        return f" As a {level.capitalize()} member, {option} shipping is free for you."
    if level not in LEVELS or not named or level in named or not price:
        return ""
    if re.search(rf"\b{level}\b", answer, re.I):
        return ""
    floor = free_from(condition)  # "free on orders of $200 or more": what it costs them under that amount
    more = f" on orders under ${floor:,.0f}" if floor is not None else ""
    return f" Your account is at the {level.capitalize()} level, so {option} shipping costs {price} for you{more}."
