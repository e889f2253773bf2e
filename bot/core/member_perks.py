"""A Gold account's shipping perk said to them: "my next order overnight, how much?" from a Gold member is answered
with the option's price and that it is free for them, as the shipping page says ("Overnight ... $20.00 – free for
Gold members"; "International shipping costs a flat $25.00, and is free ... for Gold members"). Only a shipping
option the shopper named gets the line, under an answer that states a price, only for an account at the Gold level (from the
customers table), and never twice (an order reply that already says "you are a Gold member" keeps its own).
Shipping's cost asked with no option named ("since im gold is shipping free on everything? i just want one tee, like
$40") gets every option the pages make free for Gold (Overnight, and international shipping; international only for
an account abroad), so a "$8.00 under $75" answer does not leave out what is free for them (#9); a shopper not signed
in who says they are Gold gets the same as the rule for Gold members."""

from __future__ import annotations

import re

from bot.core.ports import KnowledgePort
from bot.core.sentences import split_sentences
from bot.core.shipping_slots import read_pages
from bot.core.stated_case import stated_level
from bot.core.turn import Turn

SAID_FOR_YOU = re.compile(r"\b(?:free for you|you are a Gold member|as a Gold member)\b", re.I)
# a sentence already saying what is free at Gold ("For Gold members: overnight shipping – free; ...")
SAID_FOR_GOLD = re.compile(SAID_FOR_YOU.pattern + r"|(?-i:\bFor Gold members\b)", re.I)
YOU_ARE_GOLD = re.compile(r"\byou are a Gold member\b", re.I)  # an order reply's own Gold line: kept alone
PRICED = re.compile(r"\$\s?\d|\b\d+(?:\.\d{2})? USD\b")
ABROAD = re.compile(r"\b(?:international|abroad|overseas|outside the (?:us|u\.s\.|united states))\b", re.I)


# shipping's cost asked, no option named: "is shipping free for me?", "how much do i pay for delivery"
COST_ASKED = re.compile(
    r"\b(?:free|cost\w*|price\w*|pay\w*|charg\w*|fees?|how much)\b[^?.!]{0,40}\b(?:shipping|delivery)\b"
    r"|\b(?:shipping|delivery)\b[^?.!]{0,40}\b(?:free|cost\w*|price\w*|charg\w*|fees?)\b",
    re.I,
)


def gold_perk(answer: str, question: str, turn: Turn, kb: KnowledgePort) -> str:
    """The answer (which states a price), with "As a Gold member, X shipping is free for you." for each shipping
    option the question names that the shipping page makes free for Gold members (every such option when shipping's
    cost is asked with none named); an option the answer already says is free for them is not said again, and the
    rest follow it ("International shipping is free for you too.")."""
    account = str(turn.customer.get("membership") or "").lower() if turn.known_customer else ""
    gold = account == "gold" or (not turn.known_customer and stated_level(question) == "gold")
    if not gold or YOU_ARE_GOLD.search(answer) or not PRICED.search(answer):
        return answer
    asked = [m for m in ("economy", "standard", "overnight") if re.search(rf"\b{m}\b", question, re.I)]
    lives_abroad = str(turn.customer.get("country") or "United States") != "United States"  # shipping is international
    general = not asked and not ABROAD.search(question) and bool(COST_ASKED.search(question))
    abroad = bool(ABROAD.search(question) or lives_abroad) and bool(ABROAD.search(answer)) or general
    if general and not lives_abroad:
        asked = ["economy", "standard", "overnight"]
    if not asked and not abroad:
        return answer
    free = _free_for_gold(kb, asked, abroad=abroad)
    sentences = [x for x in split_sentences(answer) if SAID_FOR_GOLD.search(x) and re.search(r"\bfree\b", x, re.I)]
    left = [f for f in free if not any(re.search(rf"\b{f}\b", x, re.I) for x in sentences)]
    if not left:
        return answer
    said = " and ".join(f"{f} shipping" for f in left)
    verb = "is" if len(left) == 1 else "are"
    if len(left) < len(free) or sentences:  # "But as a Gold member, Overnight shipping is free for you.": the rest
        you = account == "gold" or any(re.search(r"\bfor you\b", x) for x in sentences)
        return f"{answer} {said[:1].upper()}{said[1:]} {verb} free for {'you' if you else 'Gold members'} too."
    who = "As a Gold member, " if account == "gold" else "For Gold members, "
    return f"{answer} {who}{said} {verb} free{' for you' if account == 'gold' else ''}."


def _free_for_gold(kb: KnowledgePort, asked: list[str], *, abroad: bool) -> list[str]:
    """The asked options the shipping page makes free for Gold members, and "international" when abroad is asked."""
    pages = read_pages(kb)
    free: list[str] = []
    for row in pages.options:
        option = str(row.get("option") or "")
        cost = " ".join(v for k, v in row.items() if "cost" in k or "price" in k)
        if option.lower() in asked and re.search(r"\bfree for Gold members\b", cost, re.I):
            free.append(option.lower())
    if abroad and any(re.search(r"\$\s?\d", s) and re.search(r"\bfor Gold members\b", s) for s in pages.intl):
        free.append("international")
    return free
