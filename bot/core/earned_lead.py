"""A reply's "Yes" and its delivery time, checked against what the shopper states about their case.

Whichever path wrote the reply (a slot row, a quoted section, the shipping slots, an FAQ sentence that opens with the
page's own "Yes."), a "Yes" is earned only when the shopper's case meets the conditions of the rule that follows it
(bot.core.stated_case reads them from the rule's own words):
- another product asked for, and the rule is "the same product": "No." and the page's section on a different
  product, in place of the "Yes.";
- an item stated as worn, washed or without its tags, and a "Yes" about returning it: "No." and the page's
  condition sentence (its own exception, a stain or a defect, is the shopper's to state);
- an order time stated after the shipping cut-off (or a weekend day), and a reply that gives a delivery time: the
  page's cut-off sentence, and that the order then ships the next business day (the page's words), the delivery
  time counting from that day; with a weekday said ("at 3pm on a friday"), that day by the page's own business days
  ("Monday–Friday": Monday), or today's for "right now"/"today"/"tonight", and the one option's time counted from
  it (Overnight's next business day named); an order time before the cut-off on a day known ships that day; never a
  calendar date. A "Yes: we ship to ..." in front of a "when does it arrive?" is no
  answer to that question and loses its "Yes";
- a level the shopper says is theirs, and a perk the rule keeps for other levels ("free for Gold members"): the
  "Yes" goes and the reply says the rule for those levels does not apply to them (as `notices.tier_note` does for
  a known customer's account level);
- an order amount stated under the rule's money threshold, and a "Yes, if your order totals $75 or more": "No: that
  is under $75." and the rule without its "Yes"."""

from __future__ import annotations

import datetime as dt
import re

from bot.core.deadlines import new_order_deadline
from bot.core.policy_lines import section
from bot.core.ports import KnowledgePort
from bot.core.sentences import split_sentences
from bot.core.shipping_slots import stated_amount
from bot.core.shop_day import shop_today
from bot.core.stated_case import (
    CONDITION_RULE,
    CUTOFF,
    after_cutoff,
    item_not_as_required,
    on_weekend,
    stated_level,
    stated_ordering,
    unmet,
)
from bot.domain import Reply

YES = re.compile(r"^\s*yes\b[^.:!?]{0,20}[.:!,]?\s*", re.I)
DELIVERY_TIME = re.compile(r"\bbusiness days?\b|\bnext[- ]day\b", re.I)
WHEN_ASKED = re.compile(
    r"\bwhen\b|\bhow (?:long|soon|fast|quick)\b|\bwhat day\b|\bget (?:to me|here|there)\b|\barriv\w*\b|\bby (?:tomorrow|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday)\b",
    re.I,
)
RETURN_ASKED = re.compile(r"\b(?:return|returned|returning|send (?:it|them) back|take (?:it|them) back)\b", re.I)
OTHER_PRODUCT_QUERY = "Can I exchange for a different product? return the item for a refund and place a new order"
CONDITION_QUERY = "condition of returned items unworn and unwashed with the tags attached"
CUTOFF_QUERY = "orders placed before 2:00 p.m. Eastern Time on a business day ship the same day"
OPTIONS = re.compile(r"\b(Overnight|Standard|Economy)\b")


def earned_lead(reply: Reply, text: str, kb: KnowledgePort, today: dt.date | None = None) -> Reply:
    """The reply with a "Yes" the shopper's stated case does not earn replaced, and the shipping cut-off applied to
    an order time the shopper states; unchanged when the case states nothing the rule depends on."""
    said = reply.text
    missed = {u.kind for u in unmet(said, text)}
    if YES.match(said) and "other_product" in missed:
        other = section(kb, OTHER_PRODUCT_QUERY, about=re.compile(r"different product", re.I))
        lines = [s for s in other.sentences if "product" in s]
        if lines:
            reply.text = " ".join(["No.", *lines])
            return reply
    if YES.match(said) and RETURN_ASKED.search(text) and item_not_as_required(text):
        rule = next(
            iter(
                section(kb, CONDITION_QUERY, about=CONDITION_RULE).pick(
                    lambda s: bool(CONDITION_RULE.search(s)), limit=1
                )
            ),
            "",
        )
        if rule:
            reply.text = " ".join(["No.", rule, _drop_yes(said)]) if rule not in said else f"No. {_drop_yes(said)}"
            return reply
    level = next((u.condition for u in unmet(said, text) if u.kind == "level"), "")
    if level and "does not apply to you" not in said:  # "I'm bronze, is overnight free for me?"
        mine = stated_level(text).capitalize()
        said = reply.text = (
            f"{_drop_yes(said)} You say you are at the {mine} level, so what our policy says for {level} members "
            "does not apply to you."
        )
    if WHEN_ASKED.search(text) and stated_ordering(text):
        if DELIVERY_TIME.search(said):
            reply.text = _cut_off(said, text, kb, today)
        elif len({o.lower() for o in OPTIONS.findall(text.title())}) == 1:  # "arrives on sunday afternoon": no time of
            reply.text = _cut_off("", text, kb, today)  # the page's; the page's times counted from the day said
    reply.text = _under_threshold(reply.text, text) or reply.text
    return reply


THRESHOLD = re.compile(r"(\$\s?[\d,]+(?:\.\d\d)?) or more\b")
# an amount added to another ("what if I add a $20 belt?"): not the order's amount
ADDED = re.compile(r"\b(?:add|adding|added|plus|another|extra|on top|more than|over|above)\b", re.I)
YES_IF = re.compile(r"(?:^|(?<=[.?!]\s))Yes\b[,:]?\s*(\w)")


def _under_threshold(said: str, text: str) -> str | None:
    """ "Is shipping free on a $60 order?" answered "Yes, if your order totals $75 or more": the stated amount is
    under the rule's threshold, so "No: that is under $75." and the rule without its "Yes"; None otherwise."""
    amount = stated_amount(text)
    m = THRESHOLD.search(said)
    if amount is None or m is None or ADDED.search(text) or not YES_IF.search(said):
        return None
    if amount >= float(m.group(1).strip("$ ").replace(",", "")):
        return None
    body = " ".join(s for s in split_sentences(said) if not s.rstrip().endswith("?"))  # not the FAQ's own question
    body = YES_IF.sub(lambda k: k.group(1).upper(), body, count=1)
    return f"No: that is under {m.group(1)}. {body}"


TRANSIT = re.compile(r"\b\d+\s*[–-]\s*\d+ business days\b|\bdeliver(?:s|ed)? (?:the )?next business day\b", re.I)
TRANSIT_QUERY = "How long does delivery take? Economy Standard Overnight business days within the United States"


def _cut_off(said: str, text: str, kb: KnowledgePort, today: dt.date | None = None) -> str:
    """The delivery-time reply with the page's cut-off sentence and, for an order time stated, when it ships; the
    options' delivery times first when the reply has only the cut-off ("when will it get here?" asks them)."""
    if not TRANSIT.search(said):
        times = section(kb, TRANSIT_QUERY, about=TRANSIT, k=12).pick(lambda s: bool(TRANSIT.search(s)), limit=1)
        said = f"{times[0]} {said}" if times else said
    rule = next((s for s in split_sentences(said) if CUTOFF.search(s)), "")
    page = lambda: next(  # noqa: E731
        iter(section(kb, CUTOFF_QUERY, about=CUTOFF, k=12).pick(lambda s: bool(CUTOFF.search(s)), limit=1)), ""
    )
    if not rule:
        rule = page()
        if not rule:
            return said
        said = f"{said} {rule}"
    business = business_days(rule) or business_days(page())  # "before 2:00 p.m." alone: the page's business days
    ordered = order_day(text, today or shop_today())  # "on a friday"; "right now", "today", "tonight": today
    weekend = on_weekend(text) or bool(ordered and business and ordered.lower() not in business)
    late = weekend or after_cutoff(rule, text)
    if not late and not (ordered and business):  # before the cut-off on a day not said: the rule says it all
        return said
    said = _drop_yes(said)
    cut = CUTOFF.search(rule)
    at = cut.group(0)[7:] if cut else ""
    day = next_business(ordered, business) if late else ordered  # the day it ships: the next business day, or today
    when = "on a weekend day, not a business day" if weekend else f"after {at}" if late else f"before {at}"
    on = f" on a {ordered}" if ordered and not weekend else ""
    ships = (
        f"the same day, {day}," if not late else f"the next business day, {day}," if day else "the next business day,"
    )
    out = f"{said} By what you say, your order is placed {when}{on}, so it ships {ships} and {_then(said, day, business, text)}."
    need = new_order_deadline(text, today or shop_today(), ordered, late, business, _option_days(said, text))
    return f"{out} {need}" if need else out


def _option_days(said: str, text: str) -> tuple[int, int] | None:
    """The business days of the one option the shopper names (Overnight's one), as the reply gives them."""
    named = {o for o in OPTIONS.findall(said) if re.search(rf"\b{o}\b", text, re.I)}
    if len(named) != 1:
        return None
    option = named.pop()
    if option == "Overnight":
        return (1, 1)
    m = re.search(rf"\b{option}\b[^;]{{0,20}}?\b(\d+)\s*[–-]\s*(\d+) business days\b", said)
    return (int(m.group(1)), int(m.group(2))) if m else None


def _then(said: str, day: str, business: list[str], text: str = "") -> str:
    """When it arrives, counted from the day it ships: Overnight's next business day named, one option's range counted
    from the day; the option the shopper names when the reply lists several ("placing an overnight order tonight")."""
    options = set(OPTIONS.findall(said))
    named = {o for o in options if re.search(rf"\b{o}\b", text, re.I)}
    options = named if len(named) == 1 else options
    span = RANGE.search(said)
    if len(options) == 1 and named:  # its own range, not the first of the list
        span = re.search(rf"\b{next(iter(options))}\b[^;]{{0,20}}?\b(\d+\s*[–-]\s*\d+ business days)\b", said) or None
    if options == {"Overnight"}:
        arrives = next_business(day, business) if day else ""
        return "Overnight then delivers the next business day after it ships" + (f", {arrives}" if arrives else "")
    if day and len(options) == 1 and span:
        return f"{options.pop()}'s {span.group(span.lastindex or 0)} count from {day}"
    return f"delivery times count from {day or 'the day it ships'}"


RANGE = re.compile(r"\b\d+\s*[–-]\s*\d+ business days\b", re.I)
WEEK = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# the day the shopper says they order on; not a day it should arrive by ("arrive by friday")
STATED_DAY = re.compile(
    r"(?<!by )(?<!until )(?<!till )(?<!before )(?<!for )\b(?:on |this |next )?(?:a |the )?("
    + "|".join(WEEK)
    + r")s?\b",
    re.I,
)
# an order placed today: "right now", "today", "tonight", "this afternoon"
TODAY = re.compile(r"\b(?:right now|now|today|tonight|this (?:morning|afternoon|evening))\b", re.I)
# the page's business days: "on a business day (Monday–Friday)"
BUSINESS_DAYS = re.compile(r"\((?P<a>" + "|".join(WEEK) + r")\s*[–-]\s*(?P<b>" + "|".join(WEEK) + r")\)", re.I)


def business_days(rule: str) -> list[str]:
    """The rule's own business days in order ("(Monday–Friday)": monday ... friday); [] when it names none."""
    span = BUSINESS_DAYS.search(rule)
    if span is None:
        return []
    a, b = WEEK.index(span.group("a").lower()), WEEK.index(span.group("b").lower())
    return [WEEK[(a + i) % 7] for i in range((b - a) % 7 + 1)]


def order_day(text: str, today: dt.date) -> str:
    """The weekday the shopper says they order on ("Friday"), today's for "right now", "today" or "tonight"; '' when
    no single day is said."""
    days = {m.group(1).lower() for m in STATED_DAY.finditer(text)}
    if len(days) == 1:
        return days.pop().capitalize()
    if not days and TODAY.search(text):
        return WEEK[today.weekday()].capitalize()
    return ""


def next_business(day: str, business: list[str]) -> str:
    """The first business day after `day` ("Friday" -> "Monday"); '' when the day or the business days are unknown."""
    if not day or not business:
        return ""
    at = WEEK.index(day.lower())
    return next((WEEK[(at + i) % 7] for i in range(1, 8) if WEEK[(at + i) % 7] in business), "").capitalize()


def _drop_yes(said: str) -> str:
    rest = YES.sub("", said, count=1)
    return rest[:1].upper() + rest[1:] if rest else said
