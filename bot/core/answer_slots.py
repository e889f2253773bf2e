"""The slots a question asks and the values that state them, for the answer check (`bot.core.answer_check`):
how each slot is asked (interrogative phrases only), what a reply sentence holding its value looks like, and the
words that name no subject."""

from __future__ import annotations

import re

from bot.core.asked import QUESTION_TYPES
from bot.core.catalog.liked import PEOPLE

# places outside the US: a question naming one is answered by the shop's "international" sentence
ABROAD = ("canada", "mexico", "japan", "australia", "new zealand", "ireland", "norway", "switzerland", "iceland",
          "south korea", "korea", "singapore", "germany", "france", "spain", "italy", "netherlands", "poland", "sweden",
          "europe", "eu", "abroad", "overseas", "outside the us", "uk", "united kingdom", "england", "scotland",
          "wales", "oslo", "paris", "berlin", "tokyo", "toronto", "london")  # fmt: skip


def _re(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.I)


# how each slot is asked: interrogative phrases only ("it cost $50" in a statement asks nothing)
_TIME_NOUNS = r"(?:window|wait|delivery|shipping|process\w*|refund\w*|return\w*|warranty|membership|exchange\w*|hemming|take|it take|they take)"
ASKS: dict[str, re.Pattern[str]] = {
    "duration": _re(
        r"\bhow long\b(?!\s+(?:is|are)\s+(?:the\s+|it\b|they\b|these\b|those\b)(?!.*\b" + _TIME_NOUNS + r"))"
        r"|\bhow many (?:more )?(?:business |working |calendar )?(?:days|weeks|months|hours)\b"
        r"|\bhow (?:soon|quickly|fast)\b|\bby when\b|\b(?:return|exchange|refund) (?:window|period)\b|\btime limit\b|\bdeadline\b|\bhow much time\b"
    ),
    "price": _re(
        r"\bhow much\b(?!\s+(?:time|stretch|room|space|notice|longer|shorter|bigger|smaller|warmer|do(?:es)? (?:it|they) weigh))"
        r"|\bwhat (?:does|do|did|would|will) (?:it|they|that|this|\w+(?: \w+)?) cost\b"
        r"|\bwhat(?:'s|s| is| are| was) (?:the |your )?(?:\w+ ){0,2}(?:price|cost|fee|charge|rate)s?\b"
        r"|\bis there (?:a|any) (?:\w+ )?(?:fee|charge|cost)\b|\b(?:do|will|would) (?:you|i) (?:charge|have to pay|need to pay|pay)\b"
        r"|\b(?:is|are) (?:it|they|the \w+|\w+(?: \w+)?) free\b"
    ),
    "date": _re(
        r"(?:^|[,;.?!]\s*|\b(?:and|so|but) )when\b(?!\s+(?:i|you|we|it|they|my|the|your)\s+(?:\w+\s+){0,3}(?:is|are|was|do|does|buy|order|get|arrive)\b.*,)"
        r"|\bwhen (?:will|would|does|do|is|are|did|can|should|could)\b|\bwhat (?:time|day|date)\b"
        r"|\b(?:opening|store|business) hours\b|\bopen (?:today|tomorrow|on \w+day|until|till|late)\b|\btill when\b|\buntil when\b"
    ),
    "place": _re(
        r"\bwhich (?:countries|country|states|places|stores|locations|cities)\b|\bwhat (?:countries|states|cities)\b"
        r"|\bwhere (?:do|does|can|are|is|will)\s+(?:you|your|the|i|it|they|we)?\s*(?:\w+\s+)?(?:ship|deliver|send|store|shop|located|based|return|drop|bring|buy|pick)"
    ),
    "phone": _re(
        r"\b(?:phone|telephone) (?:number|line)\b|\bnumber to call\b|\bhotline\b|\bcall (?:you|someone|somebody|a person|customer)\b|\bcan i call\b"
    ),
    "count": _re(
        r"\bhow many\b(?!\s+(?:more\s+)?(?:business\s+|working\s+|calendar\s+)?(?:days|weeks|months|hours|years)\b)"
    ),
    "email": _re(r"\b(?:what|which)(?:'s|s| is)? (?:your|the) (?:\w+ )?e-?mail(?: address)?\b|\be-?mail address\b"),
    "carrier": QUESTION_TYPES["carrier"][0],
}
# a value of each slot's type in a reply sentence
_DATE = (
    r"(?<!from )(?<!placed on )\b\d{4}-\d{2}-\d{2}\b|\b(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b"
    r"|\b(?:January|February|March|April|May|June|July|August|September|October|November|December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)\.? \d{1,2}\b"
    r"|\b\d{1,2}(?::\d{2})?\s*(?:a\.m\.|p\.m\.|am|pm)\b|\b\d{1,2}:\d{2}\b|\b24/7\b"
)
_DURATION = QUESTION_TYPES["duration"][1].pattern + r"|\bany ?time\b|\bno (?:time )?limit\b|\bdoes(?:n't| not) expire\b"
VALUES: dict[str, re.Pattern[str]] = {
    "duration": _re(
        _DURATION
        + r"|\b(?:until|till|through|by|before|up to|ends? on|ended on)\s+(?:about\s+|around\s+)?(?:"
        + _DATE
        + ")"
    ),
    "price": _re(
        QUESTION_TYPES["price"][1].pattern
        + r"|\bno (?:extra )?(?:fee|charge|cost)s?\b|\bfree of charge\b|\bcosts? nothing\b|\bnot charged\b"
        + r"|\b(?:don't|do not|doesn't|does not|won't) (?:charge|cost)\b|\bfull (?:price|amount|refund)\b|\bprice you paid\b|\b\d+(?:\.\d\d)\b"
    ),
    "date": _re(_DATE + "|" + _DURATION),
    "place": _re(
        QUESTION_TYPES["place"][1].pattern + r"|\banywhere\b|\bworldwide\b|\ball 50\b|\bPuerto Rico\b|\bstores?\b"
    ),
    "phone": QUESTION_TYPES["phone"][1],
    "count": _re(
        r"(?<![-\d.$])\b\d{1,3}\b(?![-\d])|\b(?:one|two|three|four|five|six|seven|eight|nine|ten|a single|none|no)\b"
    ),
    "email": QUESTION_TYPES["email"][1],
    "carrier": QUESTION_TYPES["carrier"][1],
}
# "when would I be charged?" answered by the event it waits for: "you are charged when it ships"
AT_EVENT = _re(r"\b(?:when|once|as soon as|after|before|until|till)\s+(?:it|they|we|you|the|your|its|their)\b")
# a sentence that says plainly the data does not hold the value: an honest answer, not a missing one
UNKNOWN = _re(
    r"\b(?:don't|do not|doesn't|does not|can't|cannot) (?:have|give|say|know|list|mention|show|record|confirm|promise|guarantee)\b"
    r"|\bnot sure\b|\bno (?:\w+ )?date\b|\bnot (?:yet )?(?:known|available|listed|recorded|set)\b"
)
YES_NO = _re(
    r"^\W*(?:(?:and|so|also|but|ok|okay|hi|hey|btw|oh)[,!]?\s+)*(?:can|could|do|does|did|is|are|was|were|will|would|should|may|have|has|am)\b"
)
# "what's the warranty on X?": answered by a sentence that names its subject (judged in a message of several parts)
NAMED = _re(r"^\W*(?:(?:and|so|also|but)\s+)?(?:what|which|whats|what's)\b|\s[-–:]\s*(?:what|which|whats|what's)\b")
# a noun asked about ("what colours?") and how a sentence states it without naming it ("It comes in camel.")
_MATERIAL = _re(
    r"\bmade (?:of|from)\b|\bmaterial\b|\d+%|\b(?:cotton|wool|leather|polyester|nylon|cashmere|linen|denim|suede|blend)\b"
)
_SIZE = _re(r"\bsizes?\b|\bOne Size\b")
NOUN_VALUES: dict[str, re.Pattern[str]] = {
    "colour": _re(r"\bcomes? in\b|\bavailable in\b|\bcolou?rs?\b"),
    "material": _MATERIAL,
    "fabric": _MATERIAL,
    "made": _MATERIAL,
    "size": _SIZE,
    "waist": _SIZE,
}
# the words of a yes/no that a reply says otherwise: "send them back" is a return
SAME_AS = (
    (
        _re(r"\b(?:send|sent|bring|brought|take|took|mail|ship|give|post)\w*\s+(?:\w+\s+)?back\b|\bgo(?:es)? back\b"),
        "return",
    ),
    (_re(r"\b(?:swap|switch|trade)\w*\b"), "exchange"),
    # "what did I buy?" is answered by an order's items ("order ORD-1 contains 1 x ...")
    (_re(r"\b(?:bought|buy|buying|purchased?|purchasing)\b|\bcontains? \d+ x\b"), "buy"),
    (_re(r"\b(?:import (?:tax|taxes|dut(?:y|ies)|fees?)|customs|dut(?:y|ies)|vat)\b"), "duties"),
    (
        _re(
            r"\b(?:back in stock|(?:be|is|are|come|comes|coming) (?:it |they |that |this )?back|restock\w*|back-?order\w*)\b"
        ),
        "restock",
    ),
    (_re(r"\b(?:call|calls|calling|phone|ring|customer care|customer service|support)\b"), "contact"),
    (_re(r"\b(?:letters?|characters?|chars)\b"), "characters"),  # "how many letters?": "up to 12 characters"
    # "can u put a little note in it?" of gift wrapping: "Includes a gift message" ("please note"/"note that" are not)
    (_re(r"(?<!please )\bnotes?\b(?!\s+(?:that|of)\b)"), "message"),
    # "which gets better reviews?" is answered by "customers rate A higher: 4.5 out of 5"
    (_re(r"\b(?:reviews?|reviewed|rated|ratings?|stars|(?:customers|shoppers|people|buyers) rate)\b"), "rating"),
    # "which one do ppl like more?", "the more popular one": the ratings are what people think of them
    (
        _re(
            rf"\b{PEOPLE} (?:like|prefer|love|enjoy|rate)\w*\b|\b(?:more|most) popular\b|\b(?:crowd|fan) fav\w*"
            r"|\b(?:more|most|better) liked\b|\bliked (?:more|better)\b"
        ),
        "rating",
    ),
    (_re(r"\b(?:deliver\w*|arriv\w*|ship\w*|send|sent|get here|postage|courier|parcel|package)\b"), "ship"),
    (_re(r"\b(?:" + "|".join(re.escape(p) for p in ABROAD) + r")\b"), "international"),
    # "when do i get my money?" is answered by "The refund then reaches you within 7 days ..."
    (_re(r"\b(?:money|refund\w*|reimburs\w*)\b"), "refund"),
)
# a reply that denies the premise of a value asked ("how much is shipping to the UK?" -> "No, we don't ship to the
# UK."): an answer, not a missing value
DENIED = _re(
    r"^\W*No\b|\b(?:don't|do not|doesn't|does not|cannot|can't|isn't|aren't|won't|is not|are not)\s+"
    r"(?:ship|deliver|sell|carry|offer|accept|stock|come|make|apply|available|possible|allowed|eligible|included"
    r"|refunded|covered|charged)\b|\b(?:cannot|can't|can not|won't) be \w+ed\b|\b(?:has|have|there is|there are) no\b"
    r"|\bno longer\b|\bcollects? (?:them|it|the)\b"
)
# "ck sterling beanie - what material": a question after the product it is about
ASKED_INSIDE = _re(r"(?:^|\s[-–:]\s*)(?:what|which|how|when|where)\b")
# where a clause ends inside a part: punctuation, a dash, or "and"/"n"/"&" before the next question
BOUNDARY = _re(
    r"[?.!;:,]\s*|\s+-+\s+|\s+(?:and|n|&|plus|also)\s+(?=(?:how|what|when|where|which|who|can|do|does|is|are|will|did)\b)"
)
FILLER = frozenset(
    {"much", "long", "many", "get", "got", "know", "tell", "need", "want", "like", "just", "also", "still", "pls",
     "plz", "please", "u", "ur", "im", "i'm", "they", "them", "it's", "its", "that", "this", "those", "these",
     "one", "there", "whats", "what's", "hey", "hi", "thanks", "ok", "okay", "btw", "lol", "should", "were",
     "has", "had", "does", "take", "takes", "cost", "costs", "actually", "really", "even", "exactly", "then",
     "too", "right", "now", "some", "something", "anything", "say", "said", "yes", "able", "ever",
     "first", "last", "next", "other", "time", "day", "days"}
)  # fmt: skip
SIZE_WORDS = {
    "small": "s",
    "medium": "m",
    "large": "l",
    "xs": "xs",
    "s": "s",
    "m": "m",
    "l": "l",
    "xl": "xl",
    "xxl": "xxl",
}
