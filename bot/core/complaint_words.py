"""Words of a complaint about an order that the general complaint patterns miss: the wrong colour or item came
("ordered ivory and both came BLACK"), something is missing from the box ("my box only had the dress, where is
the sweater??"), a delivery is late ("supposed to be here on the 16th!!! its been 2 weeks"), or an item arrived
damaged ("the lining is ripped", "the seam split"). Each names its kind, so the reply can say what the order shows
and what the policy offers for that kind of problem."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from bot.core.boots_warranty import owned_boots_came_apart
from bot.core.catalog import parse_constraints
from bot.core.order_words import REFUND_STATUS
from bot.domain import ConversationState, Request, RequestKind

WRONG = re.compile(
    r"\bwrong (item|size|colou?r|product|one|thing|shoes?|pair)s?\b|\bnot what i (ordered|bought|asked for)\b"
    r"|\b(sent|got|received|came|arrived|delivered)\b[^.!?]{0,30}\bwrong\b"
    r"|\b(ordered|bought|asked for)\b[^.!?]{0,50}\b(instead|different)\b"
    r"|\binstead of\b[^.!?]{0,40}\b(ordered|bought|asked for)\b",
    re.I,
)
# "ordered 2 ivory dresses and both came BLACK", "the belt i got is BLACK, i ordered cognac": a colour said for what
# came and another for what was ordered
CAME_IN = (
    r"\b(?:came|arrived|got|received|delivered|sent|is|are|was|were|it'?s|they'?re)\b(?:\s+\w+){0,2}?\s+(?:in\s+)?"
)
ORDERED = re.compile(r"\b(i ordered|ordered|i bought|i picked|i chose|i asked for)\b", re.I)
MISSING = re.compile(
    r"\b(box|package|parcel|delivery|order)\b[^.!?]{0,25}\bonly (had|contained|came with|included|has)\b"
    r"|\bonly (had|contained|came with|included)\b[^.!?]{0,60}\bwhere(?:'s| is| are)\b"
    r"|\b(wasn'?t|weren'?t|was not|were not|isn'?t|not) in (the|my) (box|package|parcel|delivery)\b"
    r"|\bmissing from (the|my) (box|package|parcel|order|delivery)\b|\b(is|are) missing\b",
    re.I,
)
LATE = re.compile(
    r"\b(supp?osed|meant|promised|should have been|(?:was|were) (?:due|expected))\b[^.!?]{0,25}\b(here|arrive|arrived|come|be delivered|delivered|get here)\b"
    r"|\b(it'?s|its|it has|that'?s) been (over |more than )?(\d+|a|one|two|three|four|several|a few) (days?|weeks?)\b"
    r"|\bstill (nothing|not here|no sign|waiting|hasn'?t (come|arrived|shown up)|haven'?t (got|received) (it|them|my))\b"
    # "they STILL aren't here", "my boots still isn't here", "still haven't gotten my boots"
    r"|(?<!if it )(?<!if they )(?<!if these )(?<!if those )\bstill (isn'?t|aren'?t|is not|are not|hasn'?t|haven'?t|has not|have not) (here|arrived|come|shown up|turned up|"
    r"been delivered)\b|\bstill (haven'?t|have not|didn'?t|did not) (got|gotten|received|get|receive) (it|them|my|the)\b"
    r"|\bnever (arrived|came|showed up)\b|\bis (late|overdue)\b|\bare (late|overdue)\b"
    r"|\b(showed up|came|arrived|got here|was delivered)\b[^.!?]{0,20}\blate\b"
    # "showed up days after the date you gave me", "arrived a week past the estimate"
    r"|\b(showed up|turned up|came|arrived|got here|was delivered)\b[^.!?]{0,25}\b(after|past)\b[^.!?]{0,25}"
    r"\b(date|estimate|eta|promised|deadline)\b",
    re.I,
)
DAMAGED = re.compile(
    r"\b(damaged|broken|broke|ripped|torn|defective|faulty|stained|fell apart|falling apart|came apart|coming apart|split open"
    r"|frayed|unravell?ing|peeling|peeled|peels)\b|\bsoles?\b[^.!?]{0,25}\b(off|loose|separat\w*|detach\w*)\b|\b(a |the )?(hole|tear|rip|stain)s? (in|on)\b|\bseam\b[^.!?]{0,20}\b(split|open|gone)\b",
    re.I,
)
# a part of an item that failed: "zip's busted", "the zipper broke on my jacket", "a button came off", "the strap
# snapped": a faulty item the shopper has (the part says so), never a catalog question about a zip
PART = (
    r"(?:zip(?:per)?s?|buttons?|snaps?|poppers?|straps?|buckles?|clasps?|heels?|soles?|seams?|stitch(?:ing|es)?"
    r"|linings?|pockets?|drawstrings?|toggles?|laces?|eyelets?|velcro)"
)
PART_FAILED = (
    r"(?:broke|broken|busted|bust|snapped|split|stuck|jammed|ripped|torn|came (?:off|loose|undone|apart)"
    r"|fell off|popped off|(?:coming|falling) (?:off|undone|apart)|won'?t (?:zip|close|stay (?:up|closed|shut)|work|budge)"
    r"|(?:doesn'?t|does not|don'?t|do not) (?:zip|close|work)|not working|stopped working"
    r"|keeps? (?:splitting|breaking|sticking|getting stuck|coming (?:off|undone)|falling off|opening))"
)
PART_FAULT = re.compile(
    rf"\b{PART}(?:'s|’s)?(?:\s+(?!(?:but|and|if|when|after|before)\b)[\w']+){{0,5}}?\s+{PART_FAILED}\b"
    rf"|\b(?:broken|busted|bust|snapped|stuck|jammed|faulty|defective)\s+{PART}\b",
    re.I,
)
# "i want the same one again same size", "can you send a replacement": the shopper asks for the item again
SAME_AGAIN = re.compile(
    r"\bsame (one|thing|item|coat|jacket|\w+)? ?again\b|\bthe same one\b|\b(a |another )?replacement\b|\breplace (it|them)\b"
    r"|\b(another|a new) one\b|\bsame size\b|\bswap (it|them)\b|\bexchange (it|them)\b|\bthe right (one|colou?r|size)\b",
    re.I,
)
# a damaged item the shopper has: "the coat i just got", "my jeans", "it came"
OWNED = re.compile(r"\b(i (just )?(got|received|bought|ordered)|came|arrived|my|mine|delivered)\b", re.I)
# "what if my order is late?": a rule asked about, not a complaint
ASKED_RULE = re.compile(r"\b(what if|if my|if the|if an?|in case|what happens if|what do i do if)\b", re.I)
# "can i swap the chinos i bought for jeans instead?": an exchange asked for, not a wrong item reported
EXCHANGE_ASKED = re.compile(
    r"\b(?:can|could|may|would it be possible to|is it possible to) (?:i |we )?(?:\w+ )?(?:swap|exchange|switch|trade|change)\b",
    re.I,
)


# "sent back the dress in october and STILL haven't seen my $90": a refund the shopper is still waiting for
REFUND_MISSING = re.compile(
    r"\b(sent|mailed|shipped|returned|cancell?ed)\b[^.!?]{0,60}\b(still|never|haven'?t|havent|not)\b[^.!?]{0,25}"
    r"\b(seen|got|gotten|received|had)\b[^.!?]{0,15}(\$|\bmy money\b|\brefund\b|\bmoney\b)"
    # "the money still isn't back on my card", "my refund still hasn't shown up"
    r"|\b(money|refund)\b[^.!?]{0,15}\b(still|never|not yet)\b[^.!?]{0,15}"
    r"\b(back|here|arrived|come|came|through|shown up|showed up|show(?:n|ed)? up|on my (?:card|account|statement))\b"
    # "sent back the two cardigans ... and still no refund on my card", "no refund yet for the boots I returned"
    r"|\b(?:still|yet)\s+no\s+(?:sign of (?:a |the |my )?)?(?:refund|money)\b"
    r"|\bno\s+(?:refund|money)\s+(?:yet|so far)\b"
    # "I returned the jeans, what's taking so long with the refund?"
    r"|\b(?:refund|money)\b[^.!?]{0,40}\b(?:hold[- ]?up|taking so long|taking forever)\b"
    r"|\b(?:hold[- ]?up|taking so long|taking forever)\b[^.!?]{0,40}\b(?:refund|money)\b",
    re.I,
)


# "DHL says my coat was delivered but there's nothing at my door", "tracking shows delivered, I never got it": a
# parcel marked delivered that the shopper does not have (the shipping page's "says delivered but I don't have it")
NOT_HERE = (
    r"(?:nothing|no (?:package|parcel|box)|not here|isn'?t here|aren'?t here|not (?:at|on|in) (?:my|the)|wasn'?t there"
    r"|isn'?t there|no sign|can'?t find|cannot find|never (?:got|came|arrived|received|showed up)"
    r"|(?:i )?(?:don'?t|didn'?t|haven'?t|did not|do not|have not|never) (?:have|got|gotten|get|see|seen|receive|received)\b)"
)
DELIVERED_NOT_HERE = re.compile(
    r"\b(?:says?|shows?|showed|showing|marked|claims?|claimed|said|listed|tracking|states?|stated)\b[^.!?]{0,40}\bdelivered\b[^.!?]{0,15}"
    r"(?:\bbut\b|,|;|\band\b)[^.!?]{0,40}?" + NOT_HERE,
    re.I,
)


def complaint_kind(text: str, colours: list[str] | None = None) -> str | None:
    """ "wrong", "missing", "late", "damaged" or "refund" when the text reports that problem with an order."""
    if ASKED_RULE.search(text) and not re.search(r"!|\bnot happy\b|\bannoyed\b", text):
        return None
    if REFUND_MISSING.search(text):
        return "refund"
    if DELIVERED_NOT_HERE.search(text):
        return "late"  # not here: the complaints path quotes the "says delivered" rule for a delivered order
    if MISSING.search(text):
        return "missing"
    if (WRONG.search(text) and not EXCHANGE_ASKED.search(text)) or _colour_swapped(text, colours or []):
        return "wrong"
    if DAMAGED.search(text) or PART_FAULT.search(text):
        return "damaged"
    if LATE.search(text):
        return "late"
    return None


def _colour_swapped(text: str, colours: list[str]) -> bool:
    """ "ordered ivory ... came BLACK": two different colours, one said of what was ordered."""
    low = text.lower()
    said = {c for c in colours if re.search(rf"\b{re.escape(c.lower())}\b", low)}
    asked = "?" in text and not re.search(r"!|\bnot happy\b|\bannoyed\b|\bwrong\b", text, re.I)
    if len(said) < 2 or not ORDERED.search(text) or asked:  # "i ordered the black one, is it in cognac too?"
        return False
    return any(re.search(CAME_IN + rf"{re.escape(c)}\b", low) for c in said)


def asks_same_again(text: str) -> bool:
    """The shopper wants the same item again (a replacement), so its stock is part of the answer."""
    return bool(SAME_AGAIN.search(text))


def state_order(state: ConversationState) -> list[str]:
    """The order under discussion, as a list of ids (empty when none)."""
    return [state.order_id] if state.order_id else []


def reported_problem(
    text: str, catalog: Sequence[dict[str, Any]], order_ids: list[str], *, known_customer: bool = True
) -> Request | None:
    """A complaint the general patterns miss (a colour swapped, an item missing from the box, a late delivery, a
    seam split); a refund's status ("where is my refund for the stained tshirt") is an order question."""
    if REFUND_STATUS.search(text) and not REFUND_MISSING.search(text):
        return None
    colours = parse_constraints(text, catalog).colours
    own_boots = owned_boots_came_apart(text) and not ASKED_RULE.search(text)  # "stitching coming undone" too
    kind = complaint_kind(text, colours) or ("damaged" if own_boots else None)
    owned = OWNED.search(text) or own_boots or PART_FAULT.search(text)  # a part that failed is on an item they have
    if kind is None or (kind == "damaged" and not owned):
        return None
    if kind == "late" and not known_customer and DELIVERED_NOT_HERE.search(text) and not LATE.search(text):
        return None  # marked delivered, not here, and no orders to read: the shipping page's rule answers it
    return Request(RequestKind.COMPLAINT, text, order_ids=order_ids)
