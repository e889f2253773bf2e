"""The values a reply gives an order (dates, amounts, counts of items), each bound to the order line's field:
an estimated date is not the delivery date, the items total is not the shipping fee, "three items" are not four."""

from __future__ import annotations

import re

from bot.core.facts import extract_facts
from bot.core.meaning.order_records import Order, as_money, named_orders, per_order_sentence, read_orders

NEG_BEFORE = re.compile(r"(?:\bnot|n[’']t|\bnever|\bno longer|\byet to)\s+(?:\w+\s+){0,2}$", re.I)

# a clause that opens with a condition states no order's state: "If 7 days pass and it still hasn't arrived, …"
IF_CLAUSE = re.compile(r"(?:^|[,;:–—(]\s*|\.\s+)(?:if|once|when|whenever|unless|until|as soon as)\b[^,;:–—()]*$", re.I)

MODAL_BEFORE = re.compile(
    r"\b(?:can|could|may|might|must|should|will|would|to|if|once|when|until|unless|before|after)\s+(?:[\w'’]+\s+){0,3}$",
    re.I,
)

_MONEY = re.compile(r"\$\s?(\d+(?:\.\d{1,2})?)|(\d+\.\d{2})\s?(?:USD|dollars)\b")

_SHIP_CUE = re.compile(r"\b(?:shipping|delivery fee|postage|shipping fee)\b", re.I)

_TOTAL_CUE = re.compile(r"\b(?:total|totall?ing|came to|comes to|refund(?:ed)? of|for the items|items cost)\b", re.I)

_FREE = re.compile(r"\b(?:free|no (?:shipping )?(?:cost|charge)|at no cost|nothing for shipping|\$0(?:\.00)?)\b", re.I)

_DATE_CUES = (
    ("placed", re.compile(r"\b(?:placed|ordered|bought|purchased)\b", re.I)),
    ("delivered", re.compile(r"\b(?:delivered|arrived|got there|was dropped off)\b", re.I)),
    ("estimated", re.compile(r"\b(?:expected|estimated|should|will|arrive|arriving|due|get here|eta)\b", re.I)),
)

_NUMBER_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "both": 2, "a pair of": 2}

_COUNT = re.compile(
    r"(?<![\d.$,/-])\b(\d{1,2}|one|two|three|four|five|six)\s+((?:(?!and\b|or\b|for\b|with\b)[A-Za-z'-]+\s+){0,2}?)"
    r"(items?|things|pieces|products|jackets|coats|sweaters|shirts|tees|t-shirts|jeans|chinos|pants|trousers|dresses"
    r"|boots|gloves|belts|caps|beanies|socks|scarves|hats|parkas|cardigans|overcoats|peacoats|flannels)\b",
    re.I,
)


ORDER_COUNT = re.compile(
    r"\b(\d|one|two|three|four|five|six|both)\s+(?:of\s+(?:your|the)\s+|recent\s+|separate\s+)?orders\b", re.I
)

# a bare count that answers "how many X" ("Two: the Sterling and the Presley.")
_BARE_COUNT = re.compile(r"^(\s*)(\d{1,2}|one|two|three|four|five|six)\b(?=\s*[:.,;–—-])", re.I)
_HOW_MANY = re.compile(r"\bhow many\s+((?:[A-Za-z'-]+\s+){0,2}?[A-Za-z'-]+)\b", re.I)


def counted(reply: str, grounding: str, question: str = "") -> str:
    """The reply with each count that the order lines bear out said without the number: "four items" (the order
    line's items), "two orders with the chinos" (the orders of the grounding that hold them), a bare "Two:" that
    answers "how many jackets" ("the jackets"). The count is checked here; the value rules would look for the
    number in a statement of the shop's data."""
    orders = read_orders(grounding)
    if not orders:
        return reply
    reply = ORDER_COUNT.sub(lambda m: _uncount_orders(m, reply, orders), reply)
    asked = _HOW_MANY.search(question)
    if asked:
        reply = _answer_count(reply, asked.group(1), orders)
    if not _COUNT.search(reply):
        return reply
    return per_order_sentence(reply, orders, _uncount)


def _uncount_orders(m: re.Match[str], reply: str, orders: list[Order]) -> str:
    raw = m.group(1).lower()
    n = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
    sentence = next((s for s in re.split(r"(?<=[.!?])\s+", reply) if m.group(0) in s), reply)
    holding = named_orders(sentence, orders)
    if n in (len(orders), len(holding)):
        return "the " + m.group(0)[len(m.group(1)) :].lstrip()
    return m.group(0)


def _answer_count(reply: str, noun: str, orders: list[Order]) -> str:
    """ "Two: ..." to "how many rain jackets": the count the order of the reply's first sentence bears out."""
    m = _BARE_COUNT.match(reply)
    if not m:
        return reply
    first = re.split(r"(?<=[.!?])\s+", reply, maxsplit=1)[0]
    subject = named_orders(first, orders) or (orders if len(orders) == 1 else [])
    if len(subject) != 1 or count_problems(f"{m.group(2)} {noun}", subject[0]):
        return reply
    return m.group(1) + "The " + noun + reply[m.end() :]


def _uncount(sentence: str, o: Order) -> str:
    def fix(m: re.Match[str]) -> str:
        return m.group(0) if count_problems(m.group(0), o) else "the " + m.group(0)[len(m.group(1)) :].lstrip()

    return _COUNT.sub(fix, sentence)


def date_problems(seg: str, o: Order, orders: list[Order]) -> list[str]:
    out = []
    mine = o.dates()
    for f in extract_facts(seg):
        if f.kind != "date":
            continue
        fields = [k for k, v in mine.items() if _same_day(f.value, v)]
        if not fields:
            other = [
                p.order_id for p in orders if p is not o and any(_same_day(f.value, v) for v in p.dates().values())
            ]
            if other:
                out.append(f"gives {o.order_id} the date {f.text} of {other[0]}")
            continue
        cue = _nearest_cue(seg[: f.start])
        if cue and cue not in fields and cue in mine:
            out.append(f"gives {f.text} as {o.order_id}'s {cue} date; it is the {fields[0]} date")
        elif (
            cue == "estimated"
            and o.status in ("delivered", "returned")
            and "delivered" in fields
            and not re.search(r"\b(?:delivered|arrived)\b", seg, re.I)
        ):
            out.append(f"gives {o.order_id} an expected arrival; it was delivered on {o.delivered}")
    return out


def amount_problems(seg: str, o: Order, orders: list[Order]) -> list[str]:
    out = []
    spans = [m for m in _MONEY.finditer(seg)]
    for i, m in enumerate(spans):
        value = as_money(m.group(1) or m.group(2))
        cue = _amount_cue(
            seg, m, spans[i - 1].end() if i else 0, spans[i + 1].start() if i + 1 < len(spans) else len(seg)
        )
        fields = {k for k, v in (("total", o.total), ("shipping", o.cost)) if v == value}
        if not fields:
            other = [p.order_id for p in orders if p is not o and value in (p.total, p.cost)]
            if other:
                out.append(f"gives {o.order_id} the amount {value} of {other[0]}")
            continue
        if cue and cue not in fields:
            out.append(f"gives {value} as {o.order_id}'s {cue}; it is its {fields.pop()}")
    if o.cost and o.cost != "0.00" and _SHIP_CUE.search(seg):
        free = _FREE.search(seg)
        if free and not said_before(seg, free.start(), NEG_BEFORE) and not MODAL_BEFORE.search(seg[: free.start()]):
            out.append(f"says shipping on {o.order_id} was free; it cost {o.cost}")
    return out


def _amount_cue(seg: str, m: re.Match[str], lo: int, hi: int) -> str:
    """What an amount is said to be: the nearest cue before it (since the last amount), else the first one after it."""
    before = seg[lo : m.start()]
    found = [(c.end(), "shipping") for c in _SHIP_CUE.finditer(before)] + [
        (c.end(), "total") for c in _TOTAL_CUE.finditer(before)
    ]
    if found:
        return max(found)[1]
    after = seg[m.end() : min(hi, m.end() + 30)]
    found = [(c.start(), "shipping") for c in _SHIP_CUE.finditer(after)] + [
        (c.start(), "total") for c in _TOTAL_CUE.finditer(after)
    ]
    return min(found)[1] if found else ""


def count_problems(seg: str, o: Order) -> list[str]:
    out = []
    for m in _COUNT.finditer(seg):
        raw, noun = m.group(1).lower(), m.group(3).lower()
        n = int(raw) if raw.isdigit() else _NUMBER_WORDS[raw]
        if noun in ("items", "item", "things", "pieces", "products"):
            allowed = {sum(q for q, _ in o.items), len(o.items)}
        else:
            stem = noun[:-1] if not noun.endswith("ss") else noun
            matching = [q for q, name in o.items if stem.lower() in name.lower()]
            if not matching:
                continue
            allowed = {sum(matching), len(matching)}
        if o.items and n not in allowed:
            out.append(f"says {o.order_id} has {n} {noun}; it has {max(allowed)}")
    return out


def said_before(text: str, at: int, *patterns: re.Pattern[str]) -> bool:
    return any(p.search(text[:at]) for p in patterns)


def _nearest_cue(before: str) -> str:
    best, where = "", -1
    for name, pattern in _DATE_CUES:
        for m in pattern.finditer(before):
            if m.start() > where:
                best, where = name, m.start()
    return best


def _same_day(said: str, iso: str) -> bool:
    _, month, day = said.split("-")
    return (month, day) == tuple(iso.split("-")[1:]) and (said.startswith("????") or said[:4] == iso[:4])
