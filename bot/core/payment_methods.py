"""Is a payment method accepted? Answered from the shop's payment page: yes with the accepted list, no with the
shop's own "we do not accept" sentence, or, for a method the page does not name, that it is not listed among
the accepted methods, and which are."""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.core.policy_lines import sentences_of
from bot.core.ports import KnowledgePort
from bot.core.turn import hit_source
from bot.domain import Author, Flag, Hit, Intent, IntentPrediction, Reply

# "pay with X" always names a way to pay; "do you take X" does when X sounds like one (or the classifier says payment)
PAY_WITH = re.compile(
    r"\bpay(?:ing|ment)?\s+(?:with|w/?|by|using|via|through|thru|in|on)\s+(?P<m>[\w'&. -]{2,40}?)\s*(?=[?!.,;]|$|\s(?:for|at|instead|or|please|online|here)\b)",
    re.I,
)
TAKE = re.compile(
    r"\b(?:do|does|can|could|will|would)\s+(?:you|u|your (?:shop|store|site|website|checkout)|i|we)\s+(?:guys\s+)?"
    r"(?:(?:still|even|actually|really|also|ever)\s+)?(?:take|accept|support|use|allow)\s+(?P<m>[\w'&. -]{2,40}?)\s*"
    r"(?=[?!.,;]|$|\s(?:for|at|as|or|please|online|here|instead|too|also|now|anymore|then|to)\b)",
    re.I,
)
PAY_CASH = re.compile(r"\bpay\s+(?P<m>cash(?: on delivery)?|in cash)\b", re.I)
PAYMENT_WORDS = re.compile(
    r"pay|\bcards?\b|\bcash\b|\bche(?:que|ck)s?\b|crypto|bitcoin|\btransfer\b|\bwallet\b|instal+ments?|\bfinanc|\bcredit\b|\bdebit\b|"
    r"\bvisa\b|master ?card|\bamex\b|american express|\bdiscover\b|\bgift cards?\b|\bcod\b",
    re.I,
)
NOT_A_METHOD = re.compile(
    r"^(?:to|it|that|this|them|returns?|exchanges?|orders?|back|care|a look|long|more|my order|the order"
    r"|(?:promo(?:tion(?:al)?)?|discount|coupon)(?: codes?)?|coupons?|codes?)\b",  # a code: the promotions page's
    re.I,
)
# the shop's page spells these out; shoppers abbreviate them
ALIASES = {
    "amex": "american express",
    "master card": "mastercard",
    "mc": "mastercard",
    "cheque": "check",
    "cheques": "checks",
    "cod": "cash on delivery",
    "bitcoin": "cryptocurrency",
    "crypto": "cryptocurrency",
}
FILLER = re.compile(r"^(?:a|an|my|the|your|some)\s+|\s+(?:payments?|as payment)$", re.I)
REFUSED = re.compile(r"\b(?:do not|don't|does not|doesn't|cannot|can't) (?:accept|take)\b", re.I)
CHANGE = re.compile(r"\b(?:change|switch|update|swap)\b", re.I)  # changing an order's payment: the order rules answer
PAGE_QUERY = "Which payment methods do you accept?"
# buy now, pay later by its brands or its ways ("can i pay w klarna or afterpay? or like split it up", "pay in 4",
# "installments"): the page's "buy-now-pay-later" words decide it ("affirm that ..." is no brand)
LATER_BRAND = re.compile(
    r"\b(?:klarna|after ?pay|clear ?pay|sezzle|quad ?pay|zip ?pay|affirm(?!\s+(?:that|it|this|my|the|whether|if)\b))\b",
    re.I,
)
LATER_WAY = re.compile(
    r"\b(?:buy now,? pay later|bnpl|pay (?:it )?later|pay (?:in|over) (?:\d|two|three|four|six|twelve|monthly|instal)\w*"
    r"|instal+ments?|payment plans?|financing|monthly payments)",
    re.I,
)
SPLIT = re.compile(
    r"\bsplit (?:it|the (?:payment|cost|price|total|bill)|my payment|payments?)\s+(?:up|into|in|over)\b", re.I
)
LATER_PAGE = "buy now pay later"
LATER_WAYS_SAID = "paying in installments"


def later_asked(text: str) -> str:
    """Buy now, pay later asked by brand ("Klarna or Afterpay") or way ("pay in installments"), as the shopper
    named it; '' when not asked."""
    brands: list[str] = []
    for b in LATER_BRAND.finditer(text):
        name = b.group(0)[:1].upper() + b.group(0)[1:].lower()
        if name not in brands:
            brands.append(name)
    if brands:
        return " or ".join(brands)
    split = SPLIT.search(text) and not re.search(
        r"\b(?:two|2|different|several|multiple) (?:cards|methods)\b", text, re.I
    )
    way = LATER_WAY.search(text) or (split and PAYMENT_WORDS.search(text))
    return LATER_WAYS_SAID if way else ""


def _later_kind(text: str) -> str:
    """ "brand" (Klarna, Afterpay), "way" (installments, split it up) or '' for buy now, pay later asked."""
    later = later_asked(text)
    return "" if not later else "way" if later == LATER_WAYS_SAID else "brand"


def asked_method(text: str, pred: IntentPrediction) -> str:
    """The way to pay a question asks about ("do you take afterpay?" -> "afterpay"), or ''."""
    if later := later_asked(text):
        return later
    m = PAY_WITH.search(text) or PAY_CASH.search(text)
    if m is None:
        m = TAKE.search(text)
        if m is None or NOT_A_METHOD.search(m.group("m").strip()):
            return ""
        if pred.intent != Intent.PAYMENT and not PAYMENT_WORDS.search(m.group("m")):
            return ""
    method = m.group("m").strip(" .'")
    for _ in range(2):
        method = FILLER.sub("", method).strip()
    return "" if NOT_A_METHOD.search(method) or not method else method


def _named_in(method: str, sentence: str) -> bool:
    """Every word of the method (its spelled-out form when abbreviated) is in the sentence."""
    low = method.lower()
    full = ALIASES.get(low, low)
    words = [w for w in re.findall(r"[a-z0-9]+", full) if w not in ("card", "cards", "pay", "account")] or [full]
    hay = sentence.lower()
    return all(re.search(rf"\b{re.escape(w)}(?:s|es)?\b", hay) for w in words)


def _as_spelled(method: str, listing: str) -> str:
    """The method as the shop's page spells it ("amex" -> "American Express", "paypal" -> "PayPal"), else as typed."""
    full = ALIASES.get(method.lower(), method)
    spelled = re.search(r"\b" + r"\W+".join(re.escape(w) for w in full.split()) + r"(?:s|es)?\b", listing, re.I)
    return spelled.group(0) if spelled else method[:1].upper() + method[1:]


# a payment problem told beside the question ("do you even take amex?? mine keeps getting declined"): the message
# is answered whole (the declined-card steps) and the method's yes/no is added as a part of it (lost_parts)
PROBLEM = re.compile(
    r"\bdeclin\w*|\bfail\w*|\berror\b|\breject\w*|\bwon'?t (?:go through|work|accept)|\bnot (?:going through|working)"
    r"|\bdoesn'?t work|\bkeeps? (?:getting|saying|failing)",
    re.I,
)


def with_a_problem(text: str) -> bool:
    """The message tells a payment problem beside the method it asks about."""
    return bool(PROBLEM.search(text))


def method_line(search: Callable[[str], list[Hit]], text: str) -> str:
    """ "Yes, we accept American Express." (or the no, or "not listed") for the way to pay the text asks about,
    with the accepted list; "" when it asks about none."""
    # as if the classifier were unsure: the method must sound like a way to pay ("do you take amex", not "returns")
    unsure = IntentPrediction(intent=Intent.OUT_OF_SCOPE, confidence=0.0, label=Intent.OUT_OF_SCOPE.value)
    found = _verdict(search, asked_method(text, unsure), later=_later_kind(text))
    return found[0] if found is not None else ""


def _verdict(search: Callable[[str], list[Hit]], method: str, *, later: str = "") -> tuple[str, Hit] | None:
    """The page's answer for the method (buy now, pay later: the page's words for it decide), and the page."""
    if not method:
        return None
    hits = [h for h in search(PAGE_QUERY) if not h.passage.metadata.get("sku")]
    page = next((h for h in hits if REFUSED.search(h.passage.text)), hits[0] if hits else None)
    if page is None:
        return None
    lines = sentences_of(page, min_words=1)
    cut = next((i for i, s in enumerate(lines) if REFUSED.search(s)), len(lines))
    accepted, refused_line = lines[:cut], (lines[cut] if cut < len(lines) else "")
    if not accepted:
        return None
    listing = " ".join(accepted)
    shown = method if later else _as_spelled(method, f"{listing} {refused_line}")
    key = LATER_PAGE if later else method
    if any(_named_in(key, s) for s in accepted):
        text_out = f"Yes, we accept {shown}. The payment methods we accept: {listing}"
    elif refused_line and _named_in(key, refused_line):
        lead = f"No, {shown} isn't one of our ways to pay." if later == "way" else f"No, we don't accept {shown}."
        text_out = f"{lead} {refused_line} The payment methods we accept: {listing}"
    else:
        text_out = (
            f"{shown} is not listed among the payment methods we accept, so I can't tell you that it works. "
            f"The payment methods we accept: {listing}" + (f" {refused_line}" if refused_line else "")
        )
    return text_out, page


def payment_method_reply(kb: KnowledgePort, text: str, pred: IntentPrediction) -> Reply | None:
    """Yes, no, or "not listed" for the way to pay asked about, in the shop's own words; None when no method is asked
    (or a payment problem is told beside it: the message goes the usual way, the yes/no is added as a part)."""
    method = asked_method(text, pred)
    if not method or CHANGE.search(text) or with_a_problem(text):
        return None
    found = _verdict(lambda q: kb.search(q, k=6), method, later=_later_kind(text))
    if found is None:
        return None
    text_out, page = found
    return Reply(
        text=text_out,
        sources=[hit_source(page)],
        flags={Flag.STRUCTURED, Flag.FROM_DATA},
        intent=Intent.PAYMENT,
        confidence=max(pred.confidence, 0.9),
        author=Author.TEMPLATE,
    )
