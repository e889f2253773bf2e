"""What kind of question a message is (yes/no, a rule, care, a contact detail, a foreign place), the subject
retrieval may take from the classifier, and how a policy question is searched."""

from __future__ import annotations

import re

from bot.core.catalog import KIND_WORDS
from bot.core.facts import PLACES
from bot.domain import Intent, IntentPrediction, PolicySlot, Request, RequestKind

# Intents that name a shop policy: their subject prior helps retrieval. The product intents' subject ("sizes,
# materials, care, stock") is too broad to help, and an unsure classifier's subject misleads: on the dev set of
# tests/retrieval, policy intents at confidence >= 0.3 gave MRR@10 0.934 (none 0.930, every intent 0.933). With the
# text and heading terms of retrieval (bot/kb/structure.py) dev is flat from 0.3 to 0.9 (0.900 / 0.939-0.941 in
# one harness), while the classifier's unsure misreads ("I moved, how do I change my address on my account" as
# shipping) cost the held-out set: 0.3 gave 0.939 / 0.960, 0.8 gave 0.963 / 0.974. So the gate is 0.8, chosen
# on dev and held-out together (held-out is not blind); tests/retrieval/blind.jsonl was not used.
SUBJECT_INTENTS = frozenset(
    {
        Intent.RETURNS_REFUNDS,
        Intent.SHIPPING,
        Intent.ORDER_STATUS,
        Intent.ORDER_CHANGE,
        Intent.PAYMENT,
        Intent.ACCOUNT,
    }
)
SUBJECT_MIN_CONFIDENCE = 0.8


def subject_hint(pred: IntentPrediction) -> str | None:
    """The subject hint retrieval gets from the classifier: a policy intent it is fairly sure of, else None."""
    if pred.out_of_scope or pred.intent not in SUBJECT_INTENTS or pred.confidence < SUBJECT_MIN_CONFIDENCE:
        return None
    return pred.intent.value


YES_NO = re.compile(
    r"^\s*(?:(?:so|and|ok|okay|hi|hey|hello|also|but)[,!]?\s+)?(do|does|did|can|could|is|are|will|would|may|have|has)\b",
    re.I,
)
CARE = re.compile(
    r"\b(how (?:do|should|can) (?:i|you|we) (?:wash|clean|care for|look after|dry)|how to (?:wash|clean|care for|dry)|"
    r"(?:wash|washing|clean|cleaning|care) (?:instructions?|tips?|guide)|machine wash|washing machine|dry clean|can i wash|can i put)\b",
    re.I,
)
CONTACT_VALUE = re.compile(r"\b(phone|telephone|number to call|call you|e-?mail address|email|e-mail)\b", re.I)
# Care questions about these kinds are answered by the care FAQ; for other kinds, a material's care line comes from the catalog
FAQ_CARE_KINDS = frozenset({"shirt", "jeans", "jacket", "boots"})


def asks_yes_no(text: str) -> bool:
    """A yes/no question ("Do you accept PayPal?", "can i return socks")."""
    return bool(YES_NO.search(text))


RULE_QUESTION = re.compile(
    r"^\W*(?:(?:so|and|ok|okay|hi|hey|also|but)[,!]?\s+)?(can|could|may) (i|we|you)\b|\bis it possible\b|\bam i (able|allowed)\b"
    r"|\bwhat (happens|do i do|can i do) if\b|\bhow do i\b",
    re.I,
)


def asks_rule(text: str) -> bool:
    """A question about what the shop allows ("can I change the address after it shipped?"), not about one order's state."""
    return bool(RULE_QUESTION.search(text))


def asks_care(text: str) -> bool:
    """How to wash or care for something."""
    return bool(CARE.search(text))


def asks_contact_value(text: str) -> bool:
    """Asks for the shop's phone number or e-mail address (not to change the customer's own)."""
    return bool(CONTACT_VALUE.search(text)) and not re.search(
        r"\b(change|update|my (phone|e-?mail|number))\b", text, re.I
    )


_HOME = {"USA", "U.S.", "US", "United States", "America", "Hawaii", "Alaska", "Puerto Rico"}
ABROAD = re.compile(
    r"\b(?:" + "|".join(re.escape(p) for p in sorted(set(PLACES) - _HOME, key=lambda s: (-len(s), s))) + r")\b"
    r"|\b(?:overseas|abroad|outside (?:the )?(?:us|u\.s\.|united states|states))\b",
    re.I,
)
SHIP_OR_RETURN = re.compile(
    r"\b(ship|shipping|shipped|deliver|delivery|send|post|mail|return|returns|duties|customs|arrive)\b", re.I
)


SHIP_TO_PLACE = re.compile(
    r"^\W*(?:(?:so|and|ok|okay|hi|hey|also|but)[,!]?\s+)?(?:do|does|can|could|will|would|is it possible to)\b.{0,30}?"
    r"\b(?:ship|deliver|send|post)\w*\b.{0,20}?\bto (?:the )?([a-z][a-z .'-]{1,30}?)\s*(?:[?!.(,]|$| please| too| as well)",
    re.I,
)
NOT_A_PLACE = {"me", "us", "my house", "my address", "my home", "my office", "a p.o. box", "po box", "a po box"}


def shipping_place(text: str) -> str:
    """The place in a yes/no shipping question ("do you deliver to belarus" -> "belarus"), else ''."""
    m = SHIP_TO_PLACE.search(text)
    place = m.group(1).strip().lower() if m else ""
    return "" if place in NOT_A_PLACE else place


def names_abroad(text: str) -> bool:
    """A shipping or returns question about a place outside the United States ("how long does delivery take to australia")."""
    return bool(ABROAD.search(text)) and bool(SHIP_OR_RETURN.search(text))


# shoppers' words for what the shop's pages call otherwise (retrieval only)
# a question the size guide answers: which size to pick, a size chart, a conversion, how the clothes fit
SIZE_GUIDE = re.compile(
    r"\bsize (?:chart|guide|table|conversion)s?\b|\bsizing\b|\b(?:what|which) (?:\w+ )?size (?:should|do|would|to|for|am|is|fits?)\b"
    r"|\bsize (?:should|do|would) i\b|\b(?:eu|uk|european|us|american|euro) (?:sizes?|sizing|equivalent)\b"
    r"|\bin (?:eu|uk|european|euro) sizes?\b|\bmeasurements?\b|\bhow (?:do|should) i measure\b"
    r"|\b(?:run|runs|fit|fits) (?:small|big|large|true to size)\b|\btrue to size\b|\bsize (?:up|down)\b",
    re.I,
)
QUERY_SYNONYMS = [
    (re.compile(r"\bcustomer (service|support)\b|\bsupport team\b|\bhelp ?line\b|\bhelpdesk\b", re.I), "customer care"),
    (re.compile(r"\b(swap|switch|change) (them|it|this|these|that)( for| to| into)\b", re.I), "exchange it for"),
]


def policy_query(text: str, req: Request) -> str:
    """The retrieval query for a policy question that names a kind of product: the kind reads as "item".

    "How long do I have to return a pair of jeans?" is a question about the return window; the word "jeans"
    otherwise pulls in the jeans-hemming price. The caller also searches the original text, so a rule about
    that kind ("hemmed jeans cannot be returned") still reaches the grounding.
    """
    if req.kind != RequestKind.POLICY:
        return text
    out = text
    for synonym, words in QUERY_SYNONYMS:
        out = synonym.sub(words, out)
    if names_abroad(text) and not re.search(r"\binternational", text, re.I):
        # a named foreign place is an international question: the US rates are not its answer
        out = f"{out} (international)"
    if asks_contact_value(text):
        out = f"{out} (Contact Us)"  # "and your email?": the contact page, not the account pages that name e-mail
    if SIZE_GUIDE.search(text):
        out = f"{out} (Size Guide)"  # "do your shirts run small?": the size guide, not the shirts' stock answer
    if not req.constraints.categories or asks_care(text) or req.slot in (PolicySlot.CONDITIONS, PolicySlot.GENERAL):
        return out  # "can I return socks?": the kind is the exception asked about, not noise
    for kind_words, kind in KIND_WORDS:
        if kind in req.constraints.categories:
            out = re.sub(
                rf"\b(?:a pair of |pairs of |a |an |my |the |these |those |some )?(?:{kind_words})\b",
                "an item",
                out,
                flags=re.I,
            )
    return out
