"""Shipping questions answered as slots read from the shipping page and applied to the shopper's case.

"do you deliver to hawaii? and puerto rico?" gets yes for both and the US options (not the sentence about the
countries the shop does not serve); "overnight to mexico?" gets the international carrier, time and price (not the
US overnight price); "ukraine or turkey? if not, poland" gets no, no, and Poland's carrier, time and price; a
stated order amount or Gold level is checked against the page's free-shipping rules. Every value comes from the
page at run time; when a slot cannot be read the question goes the usual way (None)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bot.core.places import US_STATES, places_in, said_as
from bot.core.policy_tables import find, free_from, join_words, money, plain, sentences_matching, table
from bot.core.ports import KnowledgePort
from bot.domain import Hit

SHIP_WORDS = re.compile(
    r"\b(?:ship|ships|shipping|shipped|deliver|delivers|delivered|delivering|delivery|deliveries|send|sent|post|mail|arrive|get (?:it|them|"
    r"there|here)|overnight|next[- ]day|express|courier)\b",
    re.I,
)
RETURN_FOCUS = re.compile(
    r"\b(?:return|returns|returning|refund|send (?:it|them) back)\b|\b(?:send|sending|ship|mail|post)\b[^.?!]{0,30}\bback\b",
    re.I,
)
METHODS = (
    ("overnight", re.compile(r"\b(?:overnight|next[- ]day|next business day|tomorrow)\b", re.I)),
    ("standard", re.compile(r"\bstandard\b", re.I)),
    ("economy", re.compile(r"\b(?:economy|cheapest shipping|slowest)\b", re.I)),
)
# shipping asked beside a return ("do you ship to canada, and how do returns work?"); not "ship it back"
SHIP_TO = re.compile(r"\bship(?![^.?!]{0,30}\bback\b)", re.I)
DUTIES = re.compile(r"\b(?:duty|duties|tax|taxes|customs|import|vat|currency|dollars?|usd)\b", re.I)
PO_BOX = re.compile(r"\b(?:p\.?\s?o\.? box(?:es)?|po box(?:es)?|apo|fpo|dpo|military)\b", re.I)
AMOUNT = re.compile(r"(?:\$\s?(\d[\d,]*(?:\.\d\d)?)|\b(\d{2,5}(?:\.\d\d)?)\s*(?:dollars|bucks|usd)\b)", re.I)
FORWARDING = re.compile(r"\b(?:forwarding|forwarder|re-?shipp(?:ing|er)|re-?shipper)\b", re.I)
# the list asked, no place named: "which countries do you ship to?", "where do you deliver?"
COUNTRY_LIST = re.compile(
    r"\b(?:which|what|wat)\s+(?:other\s+)?(?:countries|country|places|regions|locations)\s+(?:do|can|will|does|are)\s+"
    r"(?:you|u|ya|y'all|we)\s+(?:guys\s+)?(?:ship|deliver|send)\w*\b"
    r"|\b(?:which|what)\s+(?:countries|places)\s+(?:are|is)\s+(?:served|covered|available)\b"
    r"|\bwhere (?:all |else )?(?:do|can|will) (?:you|u|ya|y'all) (?:ship|deliver|send)\b(?:\s+to)?\s*\??\s*$"
    r"|\blist of (?:the )?(?:countries|places)\b",
    re.I,
)
GOLD_SAID = re.compile(r"\b(?:i'?m|i am|as) (?:a )?gold\b|\bgold (?:member|level|tier|status)\b", re.I)

US_QUERY = "Shipping options and costs United States Economy Standard Overnight delivery time carrier"
US_PLACES_QUERY = "Where we ship United States all 50 states Puerto Rico"
ABROAD_QUERY = "Where we ship other countries outside the US DHL Express"
NOT_SHIPPED_QUERY = "Where we do not ship countries not listed"
INTL_QUERY = "International shipping cost delivery time DHL Express duties"


@dataclass(slots=True)
class ShippingPages:
    """The shipping page's slots: US options, US places, countries served, not served, international terms."""

    options: list[dict[str, str]] = field(default_factory=list)
    us_places: str = ""
    po_box: str = ""
    served: list[str] = field(default_factory=list)  # every country named on the list
    served_summary: list[str] = field(default_factory=list)  # the list's lines, brackets dropped
    not_shipped: str = ""
    intl: list[str] = field(default_factory=list)  # the international section's sentences
    hits: list[Hit] = field(default_factory=list)


def read_pages(kb: KnowledgePort) -> ShippingPages:
    """The slots from the knowledge base (empty fields where a section cannot be read)."""
    out = ShippingPages()
    us = find(kb, US_QUERY, r"\|\s*Option\s*\|")
    out.options = [r for r in table(us.text) if r.get("option")]
    places = find(kb, US_PLACES_QUERY, r"\bwe ship to all\b|\bUS states\b")
    out.us_places = places.first(r"\bwe ship to\b")
    out.po_box = places.first(r"\bP\.?O\.? box|APO")
    abroad = find(kb, ABROAD_QUERY, r"Outside the US we ship")
    out.served, out.served_summary = _served(abroad.text)
    out.not_shipped = " ".join(sentences_matching(kb, NOT_SHIPPED_QUERY, r"\bdo not ship to\b"))
    out.intl = find(kb, INTL_QUERY, r"International (?:orders|shipping) (?:ship|costs?)").sentences
    out.hits = [p.hit for p in (us, places, abroad) if p.hit is not None]
    return out


def _served(text: str) -> tuple[list[str], list[str]]:
    """Countries on the "we ship to" list (bullets "Region: A, B (C, D) and E") and each line without brackets."""
    names: list[str] = []
    summary: list[str] = []
    for line in plain(text).splitlines():
        m = re.match(r"^\s*[-*]\s*(?:[^:]{1,40}:\s*)?(?P<list>.+?)\.?\s*$", line)
        if not m:
            continue
        listed = m.group("list")
        summary.append(re.sub(r"\s*\([^)]*\)", "", listed))
        for raw in re.split(r",|\(|\)|\band\b", listed):
            part = re.sub(r"^\s*(?:the|every)\s+", "", raw.strip())
            if part and part[:1].isupper() and "country" not in part.lower():
                names.append(part)
    return names, summary


def asked_method(text: str) -> str:
    return next((name for name, rx in METHODS if rx.search(text)), "")


_COUNT = r"(?P<n>[2-9]|two|three|four|five|a couple of)"
_EACH = r"\$\s?(?P<each>\d[\d,]*(?:\.\d\d)?)"
# "2 pairs at $59", "3 tees at $12 each", "two of them, $40 apiece": a price per item and how many
PER_ITEM = re.compile(
    rf"\b{_COUNT}\b[^$?.!]{{0,30}}?(?:\b(?:at|@)\s*{_EACH}|{_EACH.replace('each>', 'per>')}\s*"
    r"(?:each|apiece|a piece|a pair|per pair|per item|a pop)\b)",
    re.I,
)
_COUNTS = {"two": 2, "three": 3, "four": 4, "five": 5, "a couple of": 2}


def stated_amount(text: str) -> float | None:
    """The order amount the message states: "$80", "120 dollars"; a price per item times the count said with it
    ("2 pairs at $59" is $118.00), so the threshold is applied to the order, not to one item."""
    if m := PER_ITEM.search(text):
        n = m.group("n").lower()
        each = float((m.group("each") or m.group("per")).replace(",", ""))
        return each * (int(n) if n.isdigit() else _COUNTS[n])
    # "got charged $8 shipping", "$25 for delivery": a fee said, not the order's amount
    fee = re.compile(r"\s*(?:(?:for|in|of|on)\s+)?(?:the\s+)?(?:shipping|delivery|postage|(?:\w+\s+)?fee)\b", re.I)
    m = next((m for m in AMOUNT.finditer(text) if not fee.match(text, m.end())), None)
    return float((m.group(1) or m.group(2)).replace(",", "")) if m else None


def row_line(row: dict[str, str]) -> str:
    """ "Overnight: next business day, $20.00 – free for Gold members (UPS)" from the table's cells."""
    time = next((v for k, v in row.items() if "time" in k), "")
    cost = next((v for k, v in row.items() if "cost" in k or "price" in k), "")
    carrier = next((v for k, v in row.items() if "carrier" in k), "")
    when = time[:1].lower() + time[1:] if time.startswith("Next") else time
    return f"{row['option']}: {', '.join(x for x in (when, cost) if x)}" + (f" ({carrier})" if carrier else "")


class ShippingSlots:
    """Answers a shipping question that names places (or a Gold member's "why did I pay shipping?")."""

    def __init__(self, kb: KnowledgePort) -> None:
        self.kb = kb

    def answer(self, text: str, *, gold: bool) -> tuple[str, list[Hit]] | None:
        """The reply text and the sections read, or None when the question names no place or a slot is missing."""
        if not SHIP_WORDS.search(text) or (RETURN_FOCUS.search(text) and not SHIP_TO.search(text)):
            return None
        places = places_in(text)
        if not places:
            return self._countries(text) if COUNTRY_LIST.search(text) else None
        pages = read_pages(self.kb)
        if not pages.options or not pages.us_places or not pages.served or not pages.intl:
            return None
        gold = gold or bool(GOLD_SAID.search(text))
        us = [name for name, in_us in places if in_us]
        if FORWARDING.search(text):  # a forwarding address is not a delivery to that place: the page's rule decides
            rule = next((s for s in re.split(r"(?<=[.!?])\s+", pages.not_shipped) if FORWARDING.search(s)), "")
            if not rule:
                return None
            us = []
            forwarding = [re.sub(r"^We also do not", "We do not", rule.strip())]
        else:
            forwarding = []
        abroad = [name for name, in_us in places if not in_us]
        served = [n for n in abroad if _listed(n, pages.served)]
        refused = [n for n in abroad if n not in served]
        lines: list[str] = []
        if us:
            lines += self._us(us, text, pages, gold=gold)
        if served:
            lines += self._abroad(served, text, pages, gold=gold)
        if refused:
            lines += refused_lines(refused, pages, text, more=bool(served or us))
        lines += forwarding
        return " ".join(x for x in lines if x), pages.hits

    def _countries(self, text: str) -> tuple[str, list[Hit]] | None:
        """ "which countries do you ship to?": the US places, the countries on the list, and those not served."""
        pages = read_pages(self.kb)
        if not pages.us_places or not pages.served_summary:
            return None
        lines = [pages.us_places, f"Outside the US we ship with DHL Express to {'; '.join(pages.served_summary)}."]
        refused = next((s for s in re.split(r"(?<=[.!?])\s+", pages.not_shipped) if s.strip()), "")
        lines += [refused] if refused else []
        return " ".join(lines), pages.hits

    @staticmethod
    def _us(names: list[str], text: str, pages: ShippingPages, *, gold: bool) -> list[str]:
        page_says = pages.us_places.lower()
        covered = [
            n
            for n in names
            if (n in US_STATES and re.search(r"\ball 50\b|\bevery (?:us )?state\b", page_says))
            or n.lower().replace(".", "") in page_says.replace(".", "")
        ]
        missing = [n for n in names if n not in covered]
        out: list[str] = []
        if covered:  # a state the page does not name is not named back ("all 50 US states" says it)
            lead = "Yes" if len(covered) == 1 else "Yes to both" if len(covered) == 2 else "Yes to all of them"
            out.append(f"{lead}: {_lower(pages.us_places)}")
        if missing:
            out.append(
                f"Our shipping page doesn't mention {join_words(missing, 'or')} (it says: {_lower(pages.us_places).rstrip('.')}), "
                "so a person from our team would need to check."
            )
            if not covered:
                return out
        method = asked_method(text)
        rows = [r for r in pages.options if not method or r["option"].lower() == method] or pages.options
        out.append(("US shipping options: " if len(rows) > 1 else "") + "; ".join(row_line(r) for r in rows) + ".")
        amount = stated_amount(text)
        for row in rows:
            cost = " ".join(v for k, v in row.items() if "cost" in k)
            threshold = free_from(cost)
            if amount is not None and threshold is not None:
                out.append(against(amount, threshold, cost, f"{row['option']} shipping"))
            if gold and re.search(r"free for Gold", cost, re.I):
                out.append(f"As a Gold member, {row['option']} shipping is free for you.")
        if PO_BOX.search(text) and pages.po_box:
            out.append(pages.po_box)
        return out

    @staticmethod
    def _abroad(names: list[str], text: str, pages: ShippingPages, *, gold: bool) -> list[str]:
        terms = [s for s in pages.intl if not DUTIES.search(s) or re.search(r"\$", s)]
        out = [f"Yes, we ship to {join_words(names)}."]
        method = asked_method(text)
        if method in ("overnight", "standard", "economy"):
            option = next((r["option"] for r in pages.options if r["option"].lower() == method), method.title())
            out = [
                f"{option} is one of our US shipping options. For {join_words(names)}, international shipping applies:"
            ]
        out += terms
        cost = next((s for s in terms if money(s) is not None), "")
        threshold = free_from(cost)
        amount = stated_amount(text)
        if amount is not None and threshold is not None:
            out.append(against(amount, threshold, cost, "shipping"))
        if gold and re.search(r"\bfor Gold members\b", cost, re.I):
            out.append("As a Gold member, international shipping is free for you.")
        if DUTIES.search(text):
            out += [s for s in pages.intl if DUTIES.search(s) and s not in out]
        return out


def refused_lines(names: list[str], pages: ShippingPages, text: str, *, more: bool) -> list[str]:
    """A place the page names as not served is named; any other is not (the shop's data never names it, so
    naming it would state a place the data does not hold): "we don't ship there"."""
    said = [n for n in names if re.search(rf"\b{re.escape(n)}\b", pages.not_shipped, re.I)]
    unnamed = len(names) - len(said)
    out = [f"No, we don't ship to {join_words([_the(said_as(text, n)) for n in said], 'or')}."] if said else []
    if unnamed:
        where = "there" if unnamed == 1 else "to those places"
        if more or said:
            where = "to the other place you mention" if unnamed == 1 else "to the other places you mention"
        out.append(f"No, we don't ship {where}: only to the places on our list.")
    if pages.served_summary:
        out.append(f"Outside the US we ship to {'; '.join(pages.served_summary)}.")
    return out


def _listed(name: str, served: list[str]) -> bool:
    low = name.lower()
    return any(low == s.lower() or low == re.sub(r"^the ", "", s.lower()) for s in served)


def against(amount: float, threshold: float, cost: str, what: str) -> str:
    """The shopper's order amount against the page's free-shipping threshold, in the page's own figures (the
    shopper's amount is not repeated: the shop's data does not hold it)."""
    limit = re.search(r"free (?:on|for) orders? (?:of|over|above) (\$\s?[\d,.]+)", cost, re.I)
    price = re.search(r"\$\s?[\d,]+(?:\.\d+)?", cost)
    if amount >= threshold and limit:
        return f"Your order is at least {limit.group(1)}, so {what} is free."
    return f"Your order is under {limit.group(1) if limit else ''}, so {what} costs {price.group(0) if price else ''}."


def _the(name: str) -> str:
    return f"the {name}" if name.startswith("United") or name.isupper() else name


def _lower(sentence: str) -> str:
    return sentence[:1].lower() + sentence[1:]


# "my cart is $70, do I get free shipping?", "if my order is $90 is shipping free?": free shipping asked with an
# amount of the shopper's own and no place (a place is ShippingSlots.answer's)
FREE_ASKED = re.compile(
    r"\bfree shipping\b|\bshipping\b[^?.!]{0,20}\bfree\b|\bfree\b[^?.!]{0,12}\bship\w*|\bqualif\w* for\b[^?.!]{0,20}\bship",
    re.I,
)
ABROAD_WORDS = re.compile(r"\b(?:international\w*|abroad|overseas|outside (?:the )?(?:us|usa|united states))\b", re.I)


def free_for_amount(kb: KnowledgePort, text: str) -> tuple[str, list[Hit]] | None:
    """Whether an order of the amount the shopper states ships free within the US: the option with a free-shipping
    threshold against the amount, its price when under it (and the cheaper options' prices), and how much more
    reaches it. None when not asked this way, a place or abroad is named, or the table cannot be read."""
    amount = stated_amount(text)
    if amount is None or not FREE_ASKED.search(text) or places_in(text) or ABROAD_WORDS.search(text):
        return None
    if asked_method(text) and asked_method(text) != "standard":
        return None  # "is overnight free over $75?": the table row answers, not this slot
    us = find(kb, US_QUERY, r"\|\s*Option\s*\|")
    rows = [r for r in table(us.text) if r.get("option")]
    cost = {r["option"]: next((v for k, v in r.items() if "cost" in k), "") for r in rows}
    free_row = next((o for o, c in cost.items() if free_from(c) is not None), None)
    if free_row is None:
        return None
    threshold, fee = free_from(cost[free_row]), money(cost[free_row])
    hits = [us.hit] if us.hit is not None else []
    if threshold is None or fee is None:
        return None
    if amount >= threshold:
        return (
            f"Yes: {_price(amount)} is at least {_price(threshold)}, so {free_row} shipping within the US is free.",
            hits,
        )
    cheaper = [f"{o} {_price(money(c) or 0)}" for o, c in cost.items() if o != free_row and (money(c) or fee) < fee]
    out = [f"No: {_price(amount)} is under {_price(threshold)}, so {free_row} shipping costs {_price(fee)}"]
    out[0] += f" ({'; '.join(cheaper)})." if cheaper else "."
    out.append(f"{_price(threshold - amount)} more would make {free_row} shipping free.")
    return " ".join(out), hits


def _price(value: float) -> str:
    return f"${value:,.2f}"
