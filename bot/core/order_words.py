"""Words of questions about the customer's own orders beyond where they are: a refund's status, a faster
shipping speed, how many items, fewer items than paid for, an item named as "my parka", and a rule asked about
"my order" (which the policy answers for anyone)."""

from __future__ import annotations

import re

from bot.core.facts import MONTHS
from bot.domain import OrderAspect

# the shopper's own order: "my order", "the order i placed on friday", "did my coat ship?"
OWN_ORDER = re.compile(
    r"\b(my|our)\s+(?!next\b|new\b|future\b|upcoming\b)(?:most\s+|very\s+)?(\w+\s+)?(order|package|parcel|delivery|purchase|shipment|stuff|things)\b"
    r"|\bi (?:just |recently |already |actually )?(bought|ordered|purchased|paid for)\b"
    r"|\b(when|where)\b.{0,40}\b(get here|getting here|arrive|arriving|come|be delivered|my)\b"
    r"|\bthe \w+ i (?:just |recently |already )?(bought|ordered|got)\b"
    r"|\bthe (?:\w+ )?(?:order|purchase) (?:that |which )?(?:i|we) (?:just |recently |already )?(?:placed|made|put in|submitted)\b"
    r"|\b(did|has|have|is|are) my (\w+ ){1,2}(ship|shipped|arrive|arrived|come|left|been sent|been shipped|on (its|their|the) way)\b",
    re.I,
)

# fewer items arrived than were paid for ("I paid for 2 but only got 1"): a complaint, not an order summary
MISSING_ITEMS = re.compile(
    r"\b(paid for|ordered|bought|purchased)\s+(\d+|two|three|four|five|six|both|a pair of|\d+ pairs of)\b[^?.!]{0,50}?"
    r"\b(only|but)\b[^?.!]{0,25}?\b(got|get|received|came|arrived|delivered|sent|one|1)\b"
    r"|\bonly (got|received|one (came|arrived|was delivered))\b[^?.!]{0,20}\b(one|1|of|out of)\b"
    r"|\b(an? |one |the )?(item|one|piece|part)s? (is|are|was|were) missing\b|\bmissing (an? |one |the )?(item|piece|part|one)\b"
    r"|\b(one|an item|something) (is |was )?missing from my\b",
    re.I,
)

# an item taken off an order ("take the jeans off that order", "remove the wrap dress from my order"): a cancel of
# that item, which the order's state allows or not; "take back the cardigans from my september order" is a return
# "can you take the second one off?", "remove the extra one", "I only need one of them": one piece of the order's two
REMOVE_ONE = (
    r"\b(?:take|remove|drop|cut|knock)\s+(?:the\s+)?(?:second|other|extra|2nd|one|1)(?:\s+one)?"
    r"(?:\s+of\s+(?:them|those|these))?\s+off\b"
    r"|\b(?:remove|drop|cancel)\s+(?:the\s+)?(?:second|other|extra|2nd)\s+one\b"
    r"|\b(?:only|just)\s+(?:need|want)\s+(?:one|1)\s+of\s+(?:them|those|these)\b"
    # "can you remove one of the shirts?", never "cancel one of my orders"
    r"|\b(?:remove|drop|cancel)\s+(?:just\s+)?(?:one|1)\s+of\s+(?:them|those|these|(?:the|my)\s+(?!orders?\b)[a-z]+)"
)
REMOVE_ITEM = (
    REMOVE_ONE
    + r"|\b(?:remove|take(?!\s+(?:(?:it|them|this|that|(?:the|my|these|those)(?:\s+[\w'-]+){1,4})\s+)?back\b)|drop|delete|cut)\b[^.?!]{0,40}?\b(?:off|from|out of)\s+(?:my|the|that|this|our)\s+(?:\w+\s+)?order\b"
)

# an order action asked (cancel, refund, return, exchange, take an item off), not a question about one: answered whole
ACTION_REQUEST = re.compile(
    r"\b(i want|i'd like|i would like|i need|please|can you|could you|i wish|help me)\b.{0,40}?"
    r"\b(cancel|refund|return|send (it|them) back|exchange|swap|change (my|the) (order|address|size))"
    r"|^\s*(please\s+)?(cancel|refund|return|exchange)\b" + "|" + REMOVE_ITEM,
    # "can you drop the wrap dress from my order? do i still get free shipping": the order change, asked whole
    re.I,
)
# has the refund of one of my orders gone through: answered from the orders' own status, never a guess
REFUND_STATUS = re.compile(
    r"\brefund\b[^?.!]{0,40}\b(gone through|go through|went through|come through|gone thru|go thru|went thru|processed|status|issued|arrived|received|"
    r"yet|been (sent|paid|made)|back|done|complete|completed|started)\b"
    r"|\b(status of|where(?:'s| is)?|wheres|when (?:will|do|did) i get|did i get|have i (?:got|gotten|received))\s+(my|the|a)\s+refund\b"
    r"|\b(have|has|was|were) (i|we|it|my \w+) (been )?refunded\b|\bdid (i|we) get refunded\b"
    # "how much was refunded for the jeans i sent back?", "how much did i get back?": a refund already made
    r"|\bhow much (?:was|were|did|have|has)\b[^?.!]{0,30}\brefunded\b"
    r"|\bhow much (?:did|have) (?:i|we) (?:get|got|gotten|receive|received) back\b"
    # "did my return for ORD-1 go through?": the returned order's refund
    r"|\b(my|the|our) (?:\w+ )?return\b[^?.!]{0,30}\b(gone through|go through|went through|come through|gone thru|go thru|went thru|been processed|processed)\b"
    r"|\b(did|have|has) (i|we) (?:even |actually |ever |really |already )?(got|get|gotten|received|had) (my|our|the|any) money back\b"
    r"|\b(where(?:'s| is)?|wheres|when do i get) (my|our|the) money( back)?\b"
    r"|\b(?:did|has|have) (?:the|my|our) (?:money|refund) (?:come|came|gone|go|been sent|been paid) back\b"
    # "havent seen any money", "did you guys get the cardigan i sent back?": the return's refund
    r"|(?<!still )\b(?:haven'?t|havent|have not|hasn'?t|has not|not|never|didn'?t|did not)\s+(?:seen|got|gotten|received|had)\s+"
    r"(?:any|my|the|a|our)\s+(?:money|refund|credit)\b"
    r"|\bdid (?:you|u|y'?all)(?: guys)? (?:get|receive|got)\b[^?.!]{0,60}"
    r"\b(?:(?:i|we) (?:sent|mailed|shipped|returned) (?:\w+ )?back|(?:i|we) returned|my (?:\w+ )?return)\b"
    r"|\bhow much\b[^?.!]{0,30}\b(getting|get|got|receive|be getting)\s+back\b[^?.!]{0,40}\b(sent|returned)\b"
    r"|\bi (returned|sent back|sent (it|them|\w+ \w+) back)\b[^?]{0,60}\bhow much\b[^?.!]{0,25}\b(get|getting|got) back\b"
    r"|\bORD-\d+\W{0,3}refund\W*$|^\W*refund\W{0,3}(for\s+|on\s+)?ORD-\d+\W*$"
    # "you kept the shipping money", "didn't refund my shipping": what the returned order's refund held
    r"|\b(kept|didn'?t (refund|return|give back|pay back)|never (refunded|returned))\b[^?.!]{0,15}"
    r"\b(shipping|postage|delivery)( money| fee| cost| charge)?\b(?! address)",
    re.I,
)

# what was paid for an order's shipping ("did I pay for overnight shipping on it?", "why did I pay $25 shipping?")
SHIPPING_PAID = (
    r"\b(?:did|do|have|why did|why do|why have) (?:i|we) (?:pay|paid|get charged|been charged)\b[^?.!]{0,30}"
    r"\b(?:shipping|delivery|postage)\b"
    # "why am i paying $5 shipping on my shirt order", "how come i'm being charged for delivery"
    r"|\b(?:why|how come)\b[^?.!]{0,12}\b(?:am i|are we|i'?m|we'?re) (?:paying|being charged|getting charged)\b"
    r"[^?.!]{0,30}\b(?:shipping|delivery|postage)\b"
)

# upgrading or changing how fast an order ships ("can I upgrade to overnight?"), not when it arrives nor what its
# shipping cost ("did I pay for overnight shipping?")
SPEED = re.compile(
    rf"^(?!.*{SHIPPING_PAID}).*?\b(upgrade|expedite|speed up|rush|faster (shipping|delivery)|overnight|express (shipping|delivery)|"
    r"(change|switch) (the |my )?(delivery|shipping) (speed|method|option))\b",
    re.I | re.S,
)

# "what did it come to?", "what does my order come to": the total, not where it was delivered
COME_TO = r"\b(?:what|how much) (?:did|does|do|will) (?:it|they|that|this|my order|the order|it all|everything) (?:all )?come to\b"
TOTAL = re.compile(
    r"\b(total|how much did|cost me|paid for|charged?|price of my|amount|pay for (the )?shipping|shipping (cost|fee)"
    r"|how much (was|were) (the )?(shipping|delivery|postage|it|they|that)|what did (it|they|that) cost"
    r"|how much (was|is|were) (my |the |that |this )?(order|purchase|ord-\d+)"
    # "what did I end up paying for my last order?", "what I spent on it"
    r"|what did (i|we) (end up )?(pay|paying|spend|spending)|(end|ended) up (paying|spending)|what (i|we) (paid|spent))\b"
    rf"|{COME_TO}|{SHIPPING_PAID}",
    re.I,
)

# "what size did I get in the puffer jacket?", "which size was the car coat I bought?": the size on the order line
SIZE_BOUGHT = re.compile(
    r"\b(?:what|which) size (?:did|do|have) (?:i|we) (?:get|got|buy|bought|order|ordered|pick|picked|choose|chose)\b"
    r"|\b(?:what|which) size (?:was|were) (?:the|my|that|those|it|they)\b"
    r"|\b(?:what|which) size (?:is|are) (?:the|my|that|those)\b[^.?!]{0,40}\b(?:i|we) (?:got|bought|ordered)\b"
    r"|\bsize (?:did )?(?:i|we) (?:got|bought|ordered|picked|chose)\b",
    re.I,
)

# the shopper's rewards asked beside an order ("do I lose my points if I cancel?"): the membership rules answer it
REWARDS = re.compile(r"\b(points?|rewards?|loyalty|membership (level|status|tier)|my (level|status|tier))\b", re.I)

HOW_MANY = re.compile(
    r"\bhow many\b[^?.!]{0,30}\b(items?|things|pieces|products|pairs|units|articles|in (it|my order|the order))\b", re.I
)

DID_I_BUY = re.compile(
    r"\b(did|have) (i|we) (?:actually |just |even |really |already )?(order|ordered|buy|bought|purchase|purchased)\b",
    re.I,
)

MY = re.compile(r"\bmy\b", re.I)

ARRIVAL = re.compile(r"\b(arrive|arrived|arriving|get here|be delivered|been delivered|shipped|ship yet|eta)\b", re.I)

# a rule asked about "my order" ("what's the return window for my order?"): the policy answers it, not the order
RULE_ASKED = re.compile(r"\b(return window|window|policy|policies|how long do i have|how many days do i have)\b", re.I)


def names_an_item_bought(text: str, aspects: list[OrderAspect]) -> bool:
    """ "tracking number for my parka", "when will my boots arrive": where an item is, not how it wears."""
    return OrderAspect.TRACKING in aspects or bool(ARRIVAL.search(text))


def names_an_order(text: str, aspects: list[OrderAspect], hint: str) -> bool:
    """A refund's status, or where an item of "my" order is: the customer's orders answer it."""
    if OrderAspect.REFUND in aspects:
        return True
    return bool(aspects and hint and MY.search(text) and names_an_item_bought(text, aspects))


def changes_it(text: str, aspects: list[OrderAspect]) -> bool:
    """A change asked of the order under discussion, at any length: its address, an item added, or one piece taken
    off ("I only need one of them. can you take the second one off?")."""
    return bool({OrderAspect.ADDRESS, OrderAspect.ADD_ITEM} & set(aspects) or re.search(REMOVE_ONE, text, re.I))


def names_month(text: str) -> bool:
    """The message names a month ("my november 19 order", "the one from september"): the order placed then, not
    the one under discussion ("may" and other three-letter forms are left out: "may" is mostly a verb)."""
    return any(w in MONTHS and len(w) > 3 for w in re.findall(r"[a-z]+", text.lower()))


# an item added to an order: "add a belt to it / to that / to my jeans order", "can you stick one in?", "put a cap in
# with it"; the item named is the one to add, not one bought
_ORDER_REF = r"(?:it|that|this|them|(?:my|the|this|that) (?:[\w-]+ )?(?:order|purchase|package|parcel|box))"
ADD_ITEM = re.compile(
    rf"\badd (?:a |an |another |one more |some |the )?(?:[\w-]+ ){{0,3}}(?:to|in|into|onto) {_ORDER_REF}\b"
    r"|\badd (?:an? )?(?:item|something|one more)\b"
    # "add a calvin klein lennox belt in black, size M to my sweater order"
    rf"|\badd\b[^.?!]{{0,60}}?\b(?:to|into|onto) (?:my|the|this|that) (?:[\w-]+ ){{0,2}}(?:order|purchase)\b"
    rf"|\b(?:put|stick|throw|pop|slip|include)\s+(?:a |an |one |another |some |the )?(?:[\w-]+ ){{0,2}}(?:in|into|with) {_ORDER_REF}\b"
    r"|\b(?:put|stick|throw|pop|slip) (?:one|another)(?: more)? in\b"
    # "can you throw a brown leather belt onto my order from the 24th?", "tack a cap on to that order"
    r"|\b(?:put|stick|throw|pop|slip|tack|toss)\s+"
    r"(?!(?:a |an |the |my |your )?(?:hold|stop|pause|note|name|rush|freeze|block|flag|comment|message)\b)"
    r"(?:a |an |one |another |some |the )?(?:[\w-]+ ){0,3}"
    r"(?:onto|on to|on) (?:my|the|this|that) (?:[\w-]+ )?(?:order|purchase|package|parcel|box)\b",
    re.I,
)
# the item an add names ("add a belt to my jeans order", "I forgot a cap on my last order"): blanked before the
# order is matched by the items it holds
ADDED_OBJECT = re.compile(
    r"\b(add|put|stick|throw|pop|slip|tack|toss|include|forgot(?: to (?:add|order|include))?)\s+"
    r"(?:a |an |another |one more |some |the |one )?(?:[\w-]+ ){0,3}?(?=(?:to|in|into|onto|on|with)\b)",
    re.I,
)


def without_added_item(text: str) -> str:
    """The message with the item to be added left out: what is left names the order, if anything."""
    return ADDED_OBJECT.sub(r"\1 ", text)


# the order sent somewhere else: "to go to my sister's place instead", "delivered to my office", "can that go there
# too?", "a different address"
ADDRESS = re.compile(
    r"\b(address|redirect|re-?route|ship it to|send it to|deliver(ed)? to|wrong address)\b"
    r"|\b(?:go|goes|be sent|be shipped|be delivered|sent|shipped)\s+(?:to|there)\b[^.?!]{0,40}?"
    r"(?:\b\w+'s (?:house|home)|\b(?:place|work|office|apartment|flat|building|dorm|hotel|instead|too|as well))\b",
    re.I,
)


# the shipping fee back ("do I at least get my shipping back?", "refund the overnight fee?")
FEE_BACK = re.compile(
    r"\b(?:fee|shipping|overnight|postage|delivery charge)\b[^?.!]{0,30}\bback\b"
    r"|\brefund\w*\b[^?.!]{0,30}\b(?:the )?(?:shipping|overnight|postage)(?: fee| cost| charge)?\b",
    re.I,
)


# "can i just cancel and get my money back?", "ugh forget it, cancel it" right after a turn about their order or a
# complaint about it: that order, never a membership or subscription (which the message would name)
CANCEL_THAT = re.compile(
    r"\b(?:i want|i'd like|i would like|i need|please|pls|just|can you|could you|can u|can i|could i|go ahead and"
    r"|i wanna|forget it|then)\b[^?.!]{0,25}\bcancel\b(?![^?.!]{0,40}\b(?:plus|membership|subscription|member|account"
    r"|newsletter|rewards?|emails?|card)\b)"
    r"|^\W*(?:\w+\W+){0,3}cancel (?:it|that|this|them|the (?:whole )?(?:thing|order|lot))\b",
    re.I,
)
OTHER_THING = re.compile(r"\b(?:plus|membership|subscription|member|account|newsletter|rewards?|emails?)\b", re.I)


def cancels_that(text: str) -> bool:
    """An instruction to cancel that names nothing else to cancel: the order the conversation is about."""
    return bool(CANCEL_THAT.search(text)) and not OTHER_THING.search(text)


# "how much am I getting back?" beside a refund's status: the same returned order's refund, worked out
AMOUNT_BACK = re.compile(
    r"\bhow much\b[^?.!]{0,20}\b(?:get|getting|got|be getting|receive|receiving)\s+(?:it\s+)?back\b"
    r"|\bhow much (?:is|was|will be) (?:my|the) refund\b|\bhow much (?:did|will) (?:you|u) refund\b",
    re.I,
)


# "tracking said monday and its wednesday now", "tracking says it comes friday": what the tracking told them, asking
# where the order is and when it comes (its status line holds the carrier, the number and the date), not the number
TRACKING_SAID = re.compile(
    r"\btracking\s+(?:page\s+|info\s+)?(?:said|says|showed|shows|claimed|claims|stated|told me|had|has|hasn'?t)\b", re.I
)


def reported_tracking(text: str, aspects: list[str]) -> list[str]:
    """The aspects asked, with a tracking the shopper reports read as the order's status."""
    if "tracking" not in aspects or not TRACKING_SAID.search(text):
        return aspects
    return list(dict.fromkeys("status" if a == "tracking" else a for a in aspects))


# "why was my order cancelled?": why the order is in that state, which an order's record may not say
WHY_STATE = re.compile(
    r"\bwhy\b[^?.!]{0,30}\b(?:cancell?ed|cancel|refunded|returned|on hold|held|delayed|late)\b", re.I
)


def sends_it(text: str, aspects: list[OrderAspect]) -> bool:
    """The order under discussion sent elsewhere, said right after it ("and can u ship it to my office instead of
    home", "can they go to my work?"): that order's address, not the shipping page's places."""
    return OrderAspect.ADDRESS in aspects and bool(re.search(r"\b(?:it|them|that|this|those|these)\b", text, re.I))
