"""The promise policy: a reply may describe the shop's rules, never grant, approve or invent anything.

Only staff approve refunds, cancel orders, issue credit, waive fees, make exceptions and hand out codes
or discounts. A reply (final or streamed) that claims or offers any of these, or that names a code,
discount or promotion the shop's data does not state, is a promise we cannot keep. And a yes/no
answer about the shopper's own account (is my refund approved? was my order cancelled?) must come
from the account's data, so such questions get an honest "I can't see that; here's a person" reply
unless a tool answered them from the data.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Things only staff may do or give.
_ACTS = (
    r"approv|process|issu|refund|cancel|credit|waiv|reimburs|compensat|expedit|upgrad|replac|exchang|authori[sz]|grant|"
    r"apply (?:a |the |an |this )?(?:discount|code|coupon|credit|voucher|promo)|extend|override|honou?r|make an exception|"
    r"send you (?:a |an )?(?:new|replacement|free|refund|credit|voucher|gift|code)|give you|offer you|add (?:a |some )?(?:credit|points)|"
    r"match the price|price[- ]match|refund you|let you (?:keep|return)|arrange (?:a |an )?(?:refund|replacement|exchange|credit)|"
    r"take care of (?:the|your) (?:refund|fee|charge|cancellation)|"
    # "We'll take care of that.", "I'll sort it out", "we'll get that fixed": an act with no rule behind it
    r"take care of (?:it|that|this|them|everything|things|the rest|all of (?:it|that|this))\b|"
    r"sort (?:it|that|this|them|things|everything) out|get (?:it|that|this|them) (?:sorted|fixed|resolved)|"
    r"(?:fix|resolve|sort) (?:it|that|this|them)\b|make sure (?:it|that|this|they|you|your)\b"
)
# "The holdup is that you've already sent ...", "That's because your card ...": a cause for the shopper's own case
_CAUSE = re.compile(
    r"\b(?:the|your)\s+(?:hold[- ]?up|delay|problem|issue|reason|trouble)(?:\s+\w+){0,3}?\s+"
    r"(?:is|was|seems to be|might be|may be|could be|must be)\s+(?:that|because|due to|probably|likely)\b"
    r"|\b(?:this|that|it)(?:'s|’s| is| was)\s+(?:probably\s+|likely\s+)?(?:because|due to)\b"
    r"|\b(?:is|was|are|were|has been|have been)\s+(?:delayed|held up|stuck|late|on hold)\s+(?:because|due to|since)\b",
    re.IGNORECASE,
)
_FIRST_PERSON_ACT = re.compile(
    r"\b(?:i|we)(?:'ve|'ll|'m|'d|\s+have|\s+will|\s+can|\s+could|\s+am|\s+are|\s+shall|\s+would)?"
    r"(?:\s+(?:just|already|now|gladly|happily|certainly|definitely|personally|also|be able to|be happy to|be glad to|"
    r"going to|gonna|able to|happy to|glad to|go ahead and|now go ahead and))*\s+(?:" + _ACTS + r")",
    re.IGNORECASE,
)
_DONE_TO_YOURS = re.compile(
    r"\b(?:your|the)\s+(?:\w+\s+){0,2}(?:refund|return|cancell?ation|order|exchange|replacement|credit|claim|request|compensation|"
    r"reimbursement|fee|charge|exception|discount|voucher|code|account|balance|payment|money|parcel|package)s?\s+(?:has|have|had|is|was|were|are|'s)\s+(?:now\s+|already\s+|been\s+|just\s+)*"
    r"(?:been\s+)?(approved|processed|issued|accepted|granted|confirmed|completed|cancell?ed|refunded|credited|waived|authori[sz]ed|"
    r"on (?:its|the) way|being processed|going through|sorted|arranged|applied)",
    re.IGNORECASE,
)
_VERB_YOURS = re.compile(
    r"\b(approved|processed|issued|granted|refunded|cancell?ed|credited|waived|authori[sz]ed)\s+(?:your|the|this)\s+"
    r"(?:\w+\s+){0,2}(?:refund|return|order|exchange|request|claim|fee|charge|credit|account|purchase)",
    re.IGNORECASE,
)
_YOU_WILL_GET = re.compile(
    r"\byou(?:'ll| will| are going to| shall|'re going to| can| may)\s+(?:now\s+|also\s+|still\s+)?(?:get|receive|have|keep|be given|be issued|be refunded|be credited|"
    r"be compensated|enjoy|use)\s+(?:a |an |your |the |full |some |extra |free |\d+% )*(?:full\s+)?(refund|money back|credit|store credit|voucher|"
    r"discount|code|coupon|compensation|gift|replacement|free|item for free|points)",
    re.IGNORECASE,
)
_EXCEPTIONS = re.compile(
    r"\bwithout (?:returning|sending (?:it|them) back|a receipt|the receipt|proof|the original packaging|the tags)"
    r"|\bno need to (?:return|send)|\bkeep (?:the|your) (?:item|order|product)s? (?:and|for free|as well)"
    r"|\b(?:waive|waived|waiving) (?:the|your|any|all)|\b(?:one[- ]time|special|courtesy) (?:exception|refund|credit|discount|gesture)"
    r"|\bmake an exception|\bfree of charge|\bat no (?:extra |additional )?cost to you|\bon the house|\bas a (?:goodwill|courtesy) gesture"
    r"|\b(?:already|been|is|has been) approved\b|\bapproved for (?:a|an|your)",
    re.IGNORECASE,
)
_CODE = re.compile(
    r"\b(?:code|coupon|voucher|promo(?:tion)?(?:\s+code)?|discount code|gift card)s?\b(?:\s+(?:is|of|called|named|:))?[\s:\"'“‘(]*"
    r"([A-Za-z0-9][A-Za-z0-9_-]{2,})",
    re.IGNORECASE,
)
_LOOKS_LIKE_CODE = re.compile(r"\b(?=[A-Za-z0-9-]*\d)(?=[A-Za-z0-9-]*[A-Z])[A-Z][A-Z0-9-]{3,}\b")
_PERCENT_OFF = re.compile(
    r"(\d{1,3})\s*(?:%|percent)\s*(?:off|discount|cheaper|reduction|back|cashback)?", re.IGNORECASE
)
_PROMO_WORDS = re.compile(
    r"\b(promotions?|promo|sale|deals?|discounts?|coupons?|vouchers?|codes?|cashback|bogo|buy one get one|two for one|2[- ]for[- ]1|"
    r"free (?:gift|shipping|delivery|returns?|upgrade|item)|gift cards?|loyalty points|bonus points|store credit|price match)\b",
    re.IGNORECASE,
)
_NOT_CODES = {
    "please",
    "order",
    "orders",
    "number",
    "below",
    "above",
    "here",
    "there",
    "that",
    "this",
    "the",
    "and",
    "for",
    "your",
    "our",
    "at",
    "checkout",
    "when",
    "which",
    "will",
    "can",
    "code",
    "codes",
    "is",
    "are",
    "with",
    "from",
    "on",
    "in",
    "to",
    "a",
    "an",
    "field",
    "box",
    "page",
    "if",
    "you",
    "have",
    "valid",
    "only",
    "each",
    "per",
    "one",
    "not",
    "any",
    "expires",
    "works",
    "applies",
    "must",
    "entered",
    "before",
    "after",
    "during",
    "until",
    "by",
    "be",
    "was",
    "were",
    "may",
    "should",
}
_WORD = re.compile(r"[a-z0-9]+")
_SENTENCE = re.compile(r"(?<=[.!?])\s+|\n+")
# fmt: off
_STOP = frozenset([
    "a", "an", "and", "are", "as", "at", "be", "by", "can", "for", "from", "have", "i", "if", "in", "is",
    "it", "its", "me", "my", "of", "on", "or", "our", "so", "that", "the", "their", "this", "to", "was", "we",
    "will", "with", "you", "your", "yes", "no", "not", "also", "just", "now",
])
# fmt: on


@dataclass(frozen=True, slots=True)
class Problem:
    """One promise found in a reply: what kind and the words that made it."""

    kind: str  # action | status | exception | code | discount | promotion
    text: str

    def __str__(self) -> str:
        return f"{self.kind}: {self.text!r}"


def find_promises(reply: str, *, grounding: str = "", account_facts: str = "") -> list[Problem]:
    """Every promise in `reply` that the shop's data does not back.

    `grounding` is everything the reply may be built from (policies, facts); `account_facts` is the part
    that comes from the shopper's own account (order lines), which alone may confirm a status.
    A sentence copied from the policies ("We refund return shipping for faulty items") is a rule, not a promise.
    """
    problems: list[Problem] = []
    ground_low = grounding.lower()
    facts_low = account_facts.lower()
    for sentence in (s.strip() for s in _SENTENCE.split(reply)):
        if not sentence:
            continue
        from_policy = _quoted_from(sentence, grounding)
        for pattern, kind in ((_FIRST_PERSON_ACT, "action"), (_YOU_WILL_GET, "action"), (_EXCEPTIONS, "exception")):
            m = pattern.search(sentence)
            if m and not from_policy and not _negated(sentence, m.start()):
                problems.append(Problem(kind, m.group(0)))
        for pattern in (_DONE_TO_YOURS, _VERB_YOURS):
            m = pattern.search(sentence)
            if (
                m
                and not _negated(sentence, m.start())
                and not _conditional(sentence, m.start())
                and not _status_in(m.group(1), facts_low)
            ):
                problems.append(Problem("status", m.group(0)))
        for code in _codes(sentence):
            if code.lower() not in ground_low:
                problems.append(Problem("code", code))
        for m in _PERCENT_OFF.finditer(sentence):
            if f"{m.group(1)}%" not in ground_low.replace(" %", "%") and f"{m.group(1)} percent" not in ground_low:
                problems.append(Problem("discount", m.group(0)))
        cause = _CAUSE.search(sentence)
        if cause and not from_policy and _support(sentence, grounding) < 0.8:  # a reason the data does not give
            problems.append(Problem("cause", sentence[:120]))
        promo = _PROMO_WORDS.search(sentence)
        if promo and not from_policy and not _negated(sentence, promo.start()) and _support(sentence, grounding) < 0.8:
            problems.append(Problem("promotion", sentence[:120]))
    return _unique(problems)


def _codes(sentence: str) -> list[str]:
    found = [
        m.group(1)
        for m in _CODE.finditer(sentence)
        if m.group(1).lower() not in _NOT_CODES and not m.group(1).isdigit()
    ]
    found = [c for c in found if any(ch.isdigit() for ch in c) or (c.isupper() and len(c) >= 4)]
    found += [m.group(0) for m in _LOOKS_LIKE_CODE.finditer(sentence) if not m.group(0).startswith(("ORD-", "SKU"))]
    return list(dict.fromkeys(found))


def _status_in(status: str, facts_low: str) -> bool:
    """A status the account's own data states (e.g. an order line 'status cancelled')."""
    stem = status.lower().replace("cancelled", "cancel").replace("canceled", "cancel")[:6]
    return bool(facts_low) and stem in facts_low


_NEGATION = re.compile(r"\b(?:not|never|cannot|unable|no one|nobody|only (?:our |a )?(?:staff|team|person))\b|n[’']t\b")


def _negated(sentence: str, start: int) -> bool:
    """A negation near the claim, in its own clause: "I can't tell you it is approved" is negated, "Don't worry,
    your refund is approved" is not (the "n't" belongs to another clause)."""
    before = sentence[max(0, start - 30) : start].lower()
    before = re.split(r"[,;:!?]|\s[–—-]\s", before)[-1]
    after = re.split(r"[,;:!?]|\s[–—-]\s", sentence[start : start + 40].lower())[0]
    return bool(_NEGATION.search(before + after))


def _conditional(sentence: str, start: int) -> bool:
    """'once the return is processed' states a rule, not a status."""
    return bool(
        re.search(
            r"\b(once|when|after|until|if|as soon as|before|whether)\s+(?:\w+\s+){0,2}$", sentence[:start].lower()
        )
    )


def _words(text: str) -> set[str]:
    return {w for w in _WORD.findall(text.lower()) if w not in _STOP and len(w) > 1}


def _support(sentence: str, grounding: str) -> float:
    words = _words(sentence)
    if not words:
        return 1.0
    return len(words & _words(grounding)) / len(words)


def _quoted_from(sentence: str, grounding: str) -> bool:
    """True when one sentence of the grounding says (nearly) the same: a rule copied from the policies."""
    words = _words(sentence)
    if len(words) < 3 or not grounding:
        return False
    for source in _SENTENCE.split(grounding):
        src = _words(source)
        if src and len(words & src) / len(words) >= 0.9 and not _ADDRESSED.search(source):
            return True
    return False


def _unique(problems: list[Problem]) -> list[Problem]:
    seen: set[tuple[str, str]] = set()
    out = []
    for p in problems:
        if (p.kind, p.text.lower()) not in seen:
            seen.add((p.kind, p.text.lower()))
            out.append(p)
    return out


# ------------------------------------------------------------------ questions about the shopper's own account
_ACCOUNT_QUESTION = re.compile(
    r"\b(?:has|have|did|was|were|is|are|will|when will|why (?:has|was|is|did))\b[^?.!]{0,40}\b(?:my|our)\b[^?.!]{0,25}?"
    r"\b(refund|return|cancell?ation|exchange|credit|claim|request|replacement|compensation|reimbursement|complaint|fee|charge|money)s?\b"
    r"[^?.!]{0,40}\b(approved|processed|accepted|issued|granted|cancell?ed|refunded|credited|received|through|done|completed|gone through|"
    r"been|waived|confirmed|sorted|started|sent|paid|back)\b"
    r"|\b(?:did|have|has) (?:you|anyone|someone|the team|your team)\b[^?.!]{0,20}\b(approve|process|issue|refund|cancel|credit|waive|accept|confirm|receive)\w*"
    r"\s+(?:my|our)\b"
    r"|\b(?:is|am) (?:my|i)\b[^?.!]{0,20}\b(approved|getting|owed)\b",
    re.IGNORECASE,
)
CANNOT_CHECK_ANONYMOUS = (
    "I can't see a {thing} for you: this chat isn't linked to an account or any orders, and I can't check or approve "
    "{things} myself. A person from our team can look into it for you; would you like me to connect you?"
)
CANNOT_CHECK_KNOWN = (
    "I can't see the status of {things} from here, so I can't tell you whether yours has gone through, and I can't approve "
    "anything myself. A person from our team can check your account; would you like me to connect you?"
)
_PLURAL = {
    "refund": "refunds",
    "return": "returns",
    "cancellation": "cancellations",
    "exchange": "exchanges",
    "credit": "credits",
    "claim": "claims",
    "request": "requests",
    "replacement": "replacements",
    "compensation": "compensation requests",
    "reimbursement": "reimbursements",
    "complaint": "complaints",
    "fee": "fee waivers",
    "charge": "charges",
    "money": "refunds",
}


def account_status_question(text: str) -> str | None:
    """The thing asked about ('refund', 'cancellation'...) when the shopper asks a yes/no about their own account, else None."""
    m = _ACCOUNT_QUESTION.search(text)
    if not m:
        return None
    thing = next((g for g in m.groups() if g), "request").lower()
    thing = {
        "approve": "refund",
        "process": "refund",
        "issue": "refund",
        "refund": "refund",
        "cancel": "cancellation",
        "credit": "credit",
        "waive": "fee",
        "accept": "request",
        "confirm": "request",
        "receive": "return",
        "eligible": "refund",
        "approved": "refund",
        "entitled": "refund",
        "getting": "refund",
        "owed": "refund",
        "cancelled": "cancellation",
        "canceled": "cancellation",
        "canceledation": "cancellation",
    }.get(thing, thing)
    thing = "cancellation" if thing.startswith("cancel") else thing
    return thing if thing in _PLURAL else "request"


# A request for a promise or an exception ("can you guarantee it arrives by Friday?", "take the fee off", "match
# their price"): no quoted rule may answer it with a "Yes", and the bot cannot grant it; a person can look.
_PROMISE_REQUEST = re.compile(
    r"\b(?:can|could|will|would)\s+(?:you|u|someone|your team)\s+(?:please\s+)?(?:guarantee|promise)\b"
    r"|\b(?:guarantee|promise) (?:me )?(?:that )?(?:my|it|our)\b"
    r"|\b(?:waive|take)\b[^?.!]{0,30}\b(?:fees?|shipping|charges?)\b[^?.!]{0,25}\boff\b|\bwaive (?:the|my|this|that)\b"
    r"|\bmatch (?:it|that|their price|the price|this)\b",
    re.IGNORECASE,
)
PROMISE_REQUEST_REPLY = (
    "I can't promise that, and I can't grant exceptions myself: delivery dates, prices and fees are what our policies "
    "and your order say. A person from our team can look at it for you; would you like me to connect you?"
)


def promise_request(text: str) -> str | None:
    """'promise' when the shopper asks the bot to guarantee something or grant an exception, else None."""
    return "promise" if _PROMISE_REQUEST.search(text) else None


def cannot_check_reply(thing: str, *, known_customer: bool) -> str:
    """The honest reply to an account yes/no the data cannot answer: no guess, a person offered."""
    if thing == "promise":
        return PROMISE_REQUEST_REPLY
    things = _PLURAL.get(thing, "requests")
    template = CANNOT_CHECK_KNOWN if known_customer else CANNOT_CHECK_ANONYMOUS
    return template.format(thing=thing, things=things)


# ------------------------------------------------------------------ sentences addressed to the assistant (planted instructions)
_ADDRESSED = re.compile(
    r"\b(?:assistant|chatbot|chat bot|ai|a\.i\.|bot|language model|llm|model|agent)s?\b\s*[,:;-]"
    r"|\b(?:dear|hey|attention|note (?:to|for)|message (?:to|for)|instructions? (?:to|for))\s+(?:the\s+)?(?:assistant|bot|chatbot|ai|model|llm|agent)"
    r"|\bsystem (?:instruction|prompt|message|override|note)s?\b|\b(?:ignore|disregard|forget|override) (?:all |any |the |your |previous |prior |above )+"
    r"(?:instructions|rules|prompt|guidelines)|\b(?:you are|you're) (?:now |an? )?(?:ai|assistant|chatbot|bot|language model)\b"
    r"|\bwhen (?:you|the assistant|the bot|an ai) (?:read|reads|see|sees|process|processes) this\b|\b(?:always|must) (?:say|tell|reply|answer|respond|claim)\b"
    r"|\b(?:say|tell|reply|respond|answer|write)\b(?: (?:to|for)? ?(?:the |every |all |our )?(?:customer|user|shopper|client|visitor)s?)?"
    r"(?: (?:with|that|exactly|this))?\s*[:\"“']"
    r"|\b(?:if|when) (?:a |the )?(?:customer|user|shopper)s? (?:asks?|says?|mentions?)\b.{0,60}\b(?:say|tell|reply|respond|answer|give)\b"
    r"|\bdo not (?:tell|mention|reveal)\b|\b(?:repeat|reveal|print) (?:your|the) (?:prompt|instructions)",
    re.IGNORECASE,
)


def addressed_to_assistant(sentence: str) -> bool:
    """True for a sentence that instructs the assistant rather than informing a shopper (planted in a KB page)."""
    return bool(_ADDRESSED.search(sentence))


def unquotable(sentence: str) -> bool:
    """A knowledge-base sentence never to quote or show the model: aimed at the assistant, or claiming a shopper's status."""
    if addressed_to_assistant(sentence):
        return True
    m = _DONE_TO_YOURS.search(sentence) or _VERB_YOURS.search(sentence)
    return m is not None and not _negated(sentence, m.start()) and not _conditional(sentence, m.start())
