"""An invented premise the shopper builds on (issue #9): a promise or approval from staff the chat cannot see ("your
agent promised me a full refund, when will it come?"), a promo code or a discount the offers do not have ("my 50% off
code from the email isn't working"), a perk a level does not get ("Silver gets free overnight shipping, doesn't
it?", "Gold members get 30% off everything, right?"), price matching, or a guarantee the shop does not give ("you
have a lifetime guarantee on jackets"). The claim is checked against the pages at run time; a false one is answered
with a plain no (nothing approved, no such code or perk) and what the pages do say, with a person offered. The
shopper's own figures are never repeated. A true claim ("Gold members get free international shipping, right?"), a
plain question ("do you price match?") or a figure the pages state ("the newsletter code is 10% off, correct?")
returns None and goes the usual way."""

from __future__ import annotations

import re

from bot.core.policy_lines import PERSON_OFFER
from bot.core.policy_tables import Page, find, table
from bot.core.ports import KnowledgePort
from bot.domain import Hit

CHECK_OFFER = "A person from our team can check your account; would you like me to connect you?"
# a clause opened as a question or a condition: "do Silver members get ...", "if support approved ...": no premise
ASKED = re.compile(
    r"^\W*(?:(?:and|but|so|also|ok|okay|hi|hey|hello|quick question)\W+)*(?:do|does|did|is|are|was|were|can|could|"
    r"will|would|should|has|have|had|if|whether|what|which|how|when|why|who|wondering|i wonder)\b",
    re.I,
)
TAG = re.compile(r"\b(?:right|correct|yes|yeah|true|no|isn'?t (?:it|that)|aren'?t they|don'?t (?:they|you)|"
                 r"doesn'?t (?:it|he|she|that)|didn'?t (?:they|you|it|she|he))\s*\?", re.I)  # fmt: skip
CLAUSE = re.compile(r"[.?!;\n]|\b(?:but|and then)\b")

# ---------------------------------------------------------------- a promise or approval from staff
STAFF = (
    r"(?:(?:your|an?|the|one of your|some|this)\s+(?:\w+\s+){0,2}?(?:agent|rep|representative|support(?: team)?|"
    r"team|staff|manager|supervisor|lady|guy|woman|man|person|employee|associate|colleague|assistant|advisor|"
    r"customer (?:care|service)(?: team)?)|support|someone|somebody|customer (?:care|service)|you guys|you|they|she|he)"
)
STAFF_SAID = STAFF.replace("|you guys|you|they|she|he)", "|you guys|they|she|he)")  # "you said": maybe this chat's
GRANT = r"(?:promised|approved|agreed(?: to)?|guaranteed|authori[sz]ed|assured me|okayed|ok'?d|offered)"
# "told me on the phone last week that i can return ...": a few words of where or when before what was said
SAID_WHERE = (
    r"(?:(?:on|over|in|by|the|a|phone|call|chat|email|e-mail|store|last|this|week|month|yesterday|earlier|few|days|ago)"
    r"\s+){0,6}"
)
SAID = rf"(?:said|told me|mentioned)\s+{SAID_WHERE}(?:that\s+)?(?:i can|i could|i'?d|i would|i'?ll|i will|i'?m getting|i get|i can get|i could get|we'?d|it would|it'?ll|it will|they'?d|you'?d)"
THING = (
    r"(refund|money back|return|exchange|replacement|store credit|credit|gift ?card|voucher|(?:promo |discount )?code|"
    r"coupon|discount|compensation|reimbursement|free (?:shipping|overnight|item)|\$\d[\d,.]*|\d+\s?%)"
)
STAFF_GRANT = re.compile(
    rf"\b{STAFF}\s+(?:\w+\s+){{0,4}}?(?:already\s+|had\s+|has\s+|have\s+)?{GRANT}\b[^.?!]{{0,60}}?\b{THING}"
    rf"|\b{STAFF_SAID}\s+(?:\w+\s+){{0,4}}?(?:already\s+)?{SAID}\b[^.?!]{{0,60}}?\b{THING}",
    re.I,
)
GRANTED = re.compile(
    rf"\b(?:my|the|our|a|this)\s+(?:\w+\s+){{0,2}}?{THING}\s+(?:was|has been|is|got|had been)\s+(?:already\s+)?"
    r"(?:approved|promised|authori[sz]ed|confirmed|okayed|agreed)\b",
    re.I,
)
MONEY_THING = re.compile(r"^(?:refund|money back|return|exchange|replacement|reimbursement)$", re.I)

# ---------------------------------------------------------------- a promo code or a discount
CODE_WORD = re.compile(r"\b(?:promo ?codes?|discount codes?|coupons?(?: codes?)?|codes?|vouchers?)\b", re.I)
NAMED_CODE = re.compile(r"\b(?=[A-Z0-9-]*[A-Z])(?=[A-Z0-9-]*\d)[A-Z][A-Z0-9-]{4,}\b")
PERCENT = re.compile(r"\b(\d{1,3})\s?(?:%|percent\b)")
# "my 50% off code", "the care code is 40% off": a percentage said of a code
CODE_PERCENT = re.compile(
    r"\b(\d{1,3})\s?(?:%|percent)\s+(?:off\s+)?(?:\w+\s+){0,2}?(?:codes?|coupons?|vouchers?)\b"
    r"|\b(?:codes?|coupons?|vouchers?)\b[^.?!,]{0,25}?\b(?:is|are|for|of|gives?|giving|worth|with)\s+(?:a\s+|an\s+)?"
    r"(\d{1,3})\s?(?:%|percent)"
    r"|\b(?:newsletter|sign-?up|signing up|welcome|e-?mail list|subscribers?)\b[^.?!,]{0,25}?\b(\d{1,3})\s?(?:%|percent)",
    re.I,
)
# "codes last 30 days": how long a code lasts
CODE_DAYS = re.compile(
    r"\b(?:last|lasts|valid for|good for|expires? (?:after|in))\s+(?:for\s+)?(\d{1,3})\s+(days?|weeks?|months?)\b", re.I
)
CODE_RULES = r"\bvalid for \d+ days\b|\bfor \d+% off\b|\bcode for \d+% off\b"

# ---------------------------------------------------------------- a perk a level does not get
LEVEL = re.compile(
    r"\b(?:(guest|bronze|silver|gold)(?:\s+(?:members?|membership|level|tier|status|customers?))?"
    r"|(northwind plus|plus (?:members?|membership|subscribers?|subscription))(?:\s+(?:members?|subscribers?|subscription))?)\b",
    re.I,
)
HAVE = r"(?:gets?|have|has|include[sd]?|comes? with|gives?(?: you)?|(?:are|is) entitled to|qualif(?:y|ies) for|enjoys?|means?)"
FREE_OPTION = re.compile(
    r"\bfree\s+(overnight|next[- ]day|express|international|standard|economy)\s+(?:shipping|delivery)\b", re.I
)
FREE_RETURNS = re.compile(
    r"\b(?:free returns? (?:forever|for life|any ?time|with no (?:time )?limit)|unlimited returns?|lifetime returns?|"
    r"returns? (?:forever|for life|any ?time)|no return (?:limit|window|deadline))\b",
    re.I,
)
# "since im gold i get 50% off", "as a gold member, we should get ...": the shopper says the perk of their level
SUBJECT = r"(?:(?:so|and|then)\s+)?(?:(?:i|we|u|you)(?:'ll|'d| will| would| should| can| must)?\s+)?"
OPTION = {"next-day": "overnight", "next day": "overnight", "express": "overnight"}

# ---------------------------------------------------------------- price matching and guarantees
PRICE_MATCH = re.compile(
    r"\b(?:you(?: guys| all)?|your (?:store|shop)|northwind|y'?all)\s+(?:\w+\s+)?(?:price[- ]match|match (?:competitors?'?|"
    r"other (?:stores?|shops?|sites?)'?|amazon'?s?|\w+'s) ?(?:prices?)?|match prices|do price match\w*|offer price match\w*)",
    re.I,
)
GUARANTEE = re.compile(
    r"\b(lifetime|life-?long|forever|unlimited|\d+[- ]years?|(?:one|two|three|five|ten)[- ]years?)\s+"
    r"(?:\w+\s+)?(guarantee|warranty)\b",
    re.I,
)
KINDS = re.compile(
    r"\b(jackets?|coats?|boots?|shoes?|jeans|shirts?|sweaters?|dress(?:es)?|socks?|clothes|items?|products?|everything)\b",
    re.I,
)


def premise_answer(kb: KnowledgePort, text: str) -> tuple[str, list[Hit]] | None:
    """The correction of an invented premise, from the pages (None: no premise asserted, or a true one)."""
    for check in (_staff_grant, _level_perk, _code, _price_match, _guarantee):
        found = check(kb, text)
        if found is not None:
            return found
    return None


def _clause_before(text: str, start: int) -> str:
    """The words of the clause that holds position `start`, up to it."""
    head = text[:start]
    cut = max((m.end() for m in CLAUSE.finditer(head)), default=0)
    return head[cut:]


def _asserted(text: str, start: int) -> bool:
    """The claim at `start` is stated, not asked: its clause does not open as a question ("do Silver members get
    ...?"), a condition ("if support approved it ...") or a wish; a tag ("..., right?") keeps it stated."""
    before = _clause_before(text, start)
    return not ASKED.search(before) and not re.search(r"\b(?:if|whether|unless|in case)\b", before, re.I)


def _hits(*pages: Page) -> list[Hit]:
    out: list[Hit] = []
    for page in pages:
        if page.hit is not None and page.hit not in out:
            out.append(page.hit)
    return out


# ---------------------------------------------------------------- the checks
def _staff_grant(kb: KnowledgePort, text: str) -> tuple[str, list[Hit]] | None:
    """ "your agent promised me a full refund", "support already approved my return": nothing the chat can see."""
    m = STAFF_GRANT.search(text) or GRANTED.search(text)
    if not m or not _asserted(text, m.start()):
        return None
    thing = re.sub(r"\s+", " ", m.group(m.lastindex or 1).lower())
    out: list[str] = []
    pages: list[Page] = []
    if MONEY_THING.match(thing):
        what = "refund" if thing in ("refund", "money back", "reimbursement") else thing
        out.append(
            f"I can't see or confirm any promise or approval of a {what} for you: nothing I can see here shows one, "
            f"so I can't tell you it is approved or when it will arrive."
        )
        if what in ("exchange", "replacement"):  # no refund timing for an item sent again
            out.append(CHECK_OFFER)
            return " ".join(out), []
        timing = find(
            kb,
            "How long does a refund take? process a return within business days",
            r"\bprocess a return within \d+ business days\b",
        )
        said = [s for s in timing.sentences if re.search(r"\bwithin \d+ (?:business )?days\b", s)][:2]
        if said:
            out.append("What our refunds policy says: " + " ".join(said))
            pages.append(timing)
    else:
        out.append(
            "I can't see or confirm any promise of a code, credit or gift card for you: nothing I can see here shows "
            "one, so I can't tell you it is approved or give it to you myself."
        )
        promo = find(kb, "How do promo codes work? codes sent by our customer care team", r"\bcustomer care team\b")
        care = promo.first(r"\bcustomer care team\b")
        if care:
            out.append(f"What our promotions policy says: {care}")
            pages.append(promo)
    out.append(CHECK_OFFER)
    return " ".join(out), _hits(*pages)


def _code(kb: KnowledgePort, text: str) -> tuple[str, list[Hit]] | None:
    """A named code, a code's percentage or a code's validity the promotions page does not state."""
    if not CODE_WORD.search(text):
        return None
    promo = find(kb, "How do promo codes work? valid for 7 days, codes sent by our customer care team", CODE_RULES)
    if not promo.sentences:
        return None
    page_text = " ".join(promo.sentences).lower()
    named = [
        m.group(0)
        for m in NAMED_CODE.finditer(text)
        if _near_code(text, m)
        and not re.match(r"^(?:ORD|SKU|[A-Z]{2,3})-", m.group(0))
        and m.group(0).lower() not in page_text
    ]
    percents = [
        m
        for m in CODE_PERCENT.finditer(text)
        if f"{next(g for g in m.groups() if g)}%" not in page_text.replace(" %", "%")
    ]
    spans = [
        m
        for m in CODE_DAYS.finditer(text)
        if _near_code(text, m) and f"{m.group(1)} {m.group(2).rstrip('s').lower()}" not in page_text
    ]
    claim = named[:1] or percents[:1] or spans[:1]
    if not claim:
        return None
    start = text.find(claim[0]) if isinstance(claim[0], str) else claim[0].start()
    if not named and not _asserted(text, start) and not TAG.search(text):
        return None  # "can I get a 50% code?" is a question; "my 50% code isn't working" is a premise
    if named:
        lead = "I can't find that code in our offers or check it from here, so I can't confirm it or apply it"
    elif percents:
        lead = "We don't have a promo code for that discount, so I can't confirm it or apply it"
    else:
        lead = "That isn't how long our codes last"
    rules = [
        s
        for s in promo.sentences
        if re.search(r"\bvalid for \d+ days\b|\b\d+% off\b|\bOne promo code per order\b", s, re.I)
    ]
    out = [f"{lead}. What our promotions policy says: " + " ".join(rules)]
    late = promo.first(r"^If the code still does not work\b")
    if late:
        out.append(late)
    out.append(PERSON_OFFER)
    return " ".join(out), _hits(promo)


def _near_code(text: str, m: re.Match[str]) -> bool:
    """A code word within a few words of the match ("my 50% off code", "FREESHIP100 code", "codes last 30 days")."""
    return bool(CODE_WORD.search(text[max(0, m.start() - 40) : m.end() + 40]))


def _level_perk(kb: KnowledgePort, text: str) -> tuple[str, list[Hit]] | None:
    """ "Silver gets free overnight shipping, doesn't it?": the level's own cell; a percentage off no level gets."""
    for lm in LEVEL.finditer(text):
        level = (lm.group(1) or "plus").lower()
        cm = re.match(
            rf"^[^\w.?!]*{SUBJECT}(?:also\s+|all\s+|always\s+)?{HAVE}\b([^.?!]{{0,80}})", text[lm.end() :], re.I
        )
        if not cm or not _asserted(text, lm.start()):
            continue
        found = _plus_perk(kb, cm.group(1)) if level == "plus" else _table_perk(kb, level, cm.group(1))
        if found is not None:
            return found
    return None


def _benefits(kb: KnowledgePort) -> tuple[Page, list[dict[str, str]]]:
    page = find(kb, "Membership benefits returns and shipping Gold overnight international", r"\|\s*Benefit\s*\|")
    return page, [r for r in table(page.text) if r.get("benefit")]


def _table_perk(kb: KnowledgePort, level: str, claim: str) -> tuple[str, list[Hit]] | None:
    page, rows = _benefits(kb)
    if not rows or level not in rows[0]:
        return None
    name = level.capitalize()
    opt = FREE_OPTION.search(claim)
    pct = PERCENT.search(claim)
    if opt:
        option = OPTION.get(opt.group(1).lower().replace("  ", " "), opt.group(1).lower())
        row = next((r for r in rows if r["benefit"].lower().startswith(option)), None)
        if row is None:
            return None
        cell = row.get(level, "")
        if cell.lower().startswith("free"):
            return None  # a true premise: the usual answer says so
        free = [lv.capitalize() for lv, v in row.items() if lv != "benefit" and v.lower().startswith("free")]
        said = f"No: {option} shipping isn't free for {name} members; it is {cell} for {name} members."
        if free:
            said += f" It is free for {' and '.join(free)} members."
        return said, _hits(page)
    if FREE_RETURNS.search(claim):
        row = next((r for r in rows if r["benefit"].lower().startswith("return window")), None)
        cell = row.get(level, "") if row else ""
        if not cell or cell.lower() in ("unlimited", "none", "no limit"):
            return None
        return (
            f"No: {name} members don't have unlimited returns; the return window for {name} members is {cell}. "
            f"{PERSON_OFFER}",
            _hits(page),
        )
    if pct and re.search(r"\boff\b|\bdiscount\b", claim, re.I):
        if f"{pct.group(1)}%" in page.text.replace(" %", "%"):
            return None
        fees = find(kb, "Membership benefits: order help and fees Gold Silver", r"\bUnexpected fees\b")
        for r in _all_rows(f"{page.text}\n\n{fees.text}"):  # both tables, each row once
            rows += [r] if r.get("benefit") and r not in rows else []
        perks = [f"{r['benefit'].lower()}: {r[level]}" for r in rows if r.get(level) and r[level] not in ("–", "-")]
        return (
            f"No: our membership levels don't come with a percentage discount on purchases. What {name} members get, "
            f"from our membership page: {'; '.join(perks)}.",
            _hits(page, fees),
        )
    return None


def _all_rows(text: str) -> list[dict[str, str]]:
    """The rows of every markdown table in `text` (a section may hold more than one)."""
    blocks = re.findall(r"(?:^[ \t]*\|.*(?:\n|$))+", text, re.M)
    return [r for b in blocks for r in table(b)]


def _plus_perk(kb: KnowledgePort, claim: str) -> tuple[str, list[Hit]] | None:
    opt = FREE_OPTION.search(claim)
    pct = PERCENT.search(claim)
    if not opt and not (pct and re.search(r"\boff\b|\bdiscount\b", claim, re.I)):
        return None
    page = find(kb, "What is Northwind Plus? price benefits free standard shipping gift wrapping", r"\bBenefits:")
    benefits = page.first(r"^Benefits:")
    if not benefits:
        return None
    if opt and re.search(rf"\bfree {re.escape(opt.group(1).lower())} shipping\b", benefits, re.I):
        return None  # "Plus includes free standard shipping": true
    if pct and f"{pct.group(1)}%" in page.text:
        return None
    what = f"free {OPTION.get(opt.group(1).lower(), opt.group(1).lower())} shipping" if opt else "a percentage discount"
    out = [f"No: Northwind Plus doesn't include {what}. Its {benefits[:1].lower()}{benefits[1:]}"]
    hits = _hits(page)
    if opt and OPTION.get(opt.group(1).lower(), opt.group(1).lower()) == "overnight":
        pricing = find(
            kb,
            "Jeans hemming and overnight shipping $20.00 per order",
            r"^- \*\*Overnight shipping|Overnight shipping:",
        )
        line = pricing.first(r"^Overnight shipping:")
        if line:
            out.append(line)
            hits += _hits(pricing)
    return " ".join(out), hits


def _price_match(kb: KnowledgePort, text: str) -> tuple[str, list[Hit]] | None:
    """ "you guys price match Amazon, right?": the pricing page's no, and what care can offer."""
    m = PRICE_MATCH.search(text)
    if (
        not m
        or not _asserted(text, m.start())
        or re.search(r"\b(?:don'?t|do not|never|no longer)\s+(?:price[- ])?match", text, re.I)
    ):
        return None
    page = find(kb, "Do you price match? competitors' prices", r"\bcompetitors'? prices\b")
    said = [s for s in page.sentences if re.search(r"\bcompetitors'? prices\b|\bone-time\b", s)]
    if not said:
        return None
    return f"No, we don't price match. {' '.join(said)}", _hits(page)


def _guarantee(kb: KnowledgePort, text: str) -> tuple[str, list[Hit]] | None:
    """ "you have a lifetime guarantee on jackets": no such guarantee; the return window and the boots warranty."""
    m = GUARANTEE.search(text)
    if not m:
        return None
    before = _clause_before(text, m.start())
    if ASKED.search(before) or re.search(r"\b(?:if|whether|any)\b", before, re.I):
        return None
    kind = KINDS.search(text)
    warranty = find(kb, "Boots warranty manufacturing defects", r"\bwarranty\b")
    boots_line = warranty.first(r"\bwarranty\b")
    span = m.group(1).lower().replace("-", " ")
    boots = bool(kind and kind.group(1).lower().startswith("boot"))
    if boots and boots_line and re.search(rf"\b{re.escape(span.split()[0])}[- ]year\b", boots_line, re.I):
        return None  # "boots have a 1-year warranty": true
    returns = find(
        kb,
        "Can I return items for any reason? return window 30 days Guests 90 days Bronze",
        r"\breturn window\b.*\d+ days",
    )
    window = returns.first(r"\breturn window\b.*\d+ days")
    out = [f"We don't offer a {m.group(1).lower()} {m.group(2).lower()}."]
    pages = []
    if window:
        out.append(f"What our returns policy says: {window}")
        pages.append(returns)
    if boots_line:
        out.append(f"The only warranty in our policies is for boots: {boots_line}")
        pages.append(warranty)
    out.append(PERSON_OFFER)
    return " ".join(out), _hits(*pages)
