"""A request to cancel one of the shopper's orders ("i want to cancel ORD-1", "ugh ok just cancel the whole thing
then"): what the order's state allows, the shop's own rule for that state and the shopper's tier (quoted), and a
request opened for staff. The bot never cancels or refunds anything itself, and never says it did."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from bot.core.answers import late_note
from bot.core.free_gap import SHIPPING_ASKED, after_removal_line
from bot.core.order_words import REMOVE_ITEM, REMOVE_ONE
from bot.core.ordered_items import item_words, words_of
from bot.core.turn import HANDOFF_BUTTON, Turn, hit_source, order_source
from bot.domain import Author, Flag, Hit, Intent, OrderAspect, Reply, Request

if TYPE_CHECKING:
    from bot.core.order_desk import OrderDesk

# an instruction to cancel, not a question about whether one can
WANTS_CANCEL = re.compile(
    r"\b(i want|i'd like|i would like|i need|please|pls|just|can you|could you|can u|go ahead and|i wanna)\b[^?.!]{0,25}\bcancel\b"
    r"|^\W*(\w+\W+){0,3}cancel (it|that|this|them|the (whole )?(thing|order|lot)|my order|order|ord-)",
    re.I,
)
# "can I change the card on my order?", "pay with paypal instead of my visa": a change of payment method, not
# how it was paid
PAY_CHANGE = re.compile(
    r"\b(?:change|switch|update|swap)\b[^.?!]{0,20}\b(?:card|payment|paypal|visa|mastercard|amex)\b"
    r"|\b(?:another|a different|a new) card\b|\bpay (?:with|by|using) \w+ instead\b|\binstead of (?:my|the) (?:card|visa|paypal)\b",
    re.I,
)
NOT_SHIPPED = ("placed", "processing")
SHIPPED = ("shipped", "out for delivery")


REMOVE = re.compile(REMOVE_ITEM, re.I)
# "if I cancel it, do I lose my points?": what cancelling would do, no instruction to cancel
IF_CANCEL = re.compile(r"\b(?:if|whether|once|when|after) (?:i|we) (?:cancel|cancelled)\b", re.I)


def wants_cancel(req: Request) -> bool:
    """The shopper asks us to cancel an order or take an item off it (not whether it can be, nor what cancelling it
    would do)."""
    asked = WANTS_CANCEL.search(req.text) or REMOVE.search(req.text)
    return OrderAspect.CANCEL in req.aspects and bool(asked) and not IF_CANCEL.search(req.text)


def asks_cancel(turn: Turn, req: Request) -> bool:
    """A known customer's cancel request: answered from their order's state before any generic case is opened."""
    return turn.known_customer and OrderAspect.CANCEL in req.aspects


def cancel_reply(desk: OrderDesk, turn: Turn, req: Request, order: dict[str, Any]) -> Reply:
    """What the order's state allows, the shop's rule for it, and a request for staff to act on. An item taken off
    the order ("take the jeans off it") is named, with what it cost."""
    policy, hits = desk.order_policy()
    oid, status = order["order_id"], str(order.get("status") or "unknown")
    tier = str(turn.customer.get("membership") or "guest").lower() or "guest"
    item = removed_item(req.text, order) if REMOVE.search(req.text) else None
    if item is not None and int(item.get("qty") or 1) > 1 and ONE_OF.search(req.text):
        item = None  # "remove one of the shirts" from a line of two: one piece (one_of_two), not the line
    what, verb = (f"the {item['name']}", "removed from it") if item else ("it", "cancelled")
    parts: list[str] = []
    shipping_hits: list[Hit] = []
    if status in ("cancelled", "returned"):
        parts.append(f"Your order {oid} is already {status}, so there is nothing left to cancel.")
    elif status in NOT_SHIPPED:
        parts += _still_open(req, order, item, what, verb, policy)
        taken = item or one_of_two(req.text, order)  # the line, or one piece of it ("cancel one of them")
        if taken is not None and SHIPPING_ASKED.search(req.text):  # "will I have to pay shipping then?"
            line, shipping_hits = after_removal_line(order, taken, desk.kb, one=item is None)
            parts.append(line)
    elif status in SHIPPED:
        est = order.get("estimated_delivery")
        when = f" (estimated delivery {est})" if est else ""
        parts.append(
            f"Your order {oid} has already shipped{when}, so {what} can no longer be {verb}.{late_note(order)}"
        )
        key = "cancel_guest" if tier == "guest" else "cancel_member"
        parts.append(
            _quoted(policy.get(key), f"for {tier.capitalize()} {'shoppers' if tier == 'guest' else 'members'}")
        )
    else:  # delivered
        when = f" on {order['delivered_date']}" if order.get("delivered_date") else ""
        parts.append(f"Your order {oid} was delivered{when}, so it can no longer be cancelled, but it can be returned.")
    flags = {Flag.STRUCTURED, Flag.ORDER}
    if status not in ("cancelled", "returned"):
        piece = None if item else one_of_two(req.text, order)  # "take the second one off": one of two pieces
        kind = "remove an item" if item or piece else "cancel"
        case_id = desk.store.create_case(
            conversation_id=turn.conversation["id"],
            customer_id=turn.customer["id"],
            kind=kind,
            summary=req.text[:500],
            order_id=oid,
        )
        about = f"removing the {item['name']} from order {oid}" if item else f"your cancel request for order {oid}"
        about = f"removing one {piece['name']} from order {oid}" if piece else about
        parts.append(
            f"I've opened request number {case_id} for our team about {about}; a person will confirm the next steps here."
        )
        flags.add(Flag.CASE_OPENED)
    return Reply(
        text=" ".join(p for p in parts if p),
        sources=[order_source(order)] + [hit_source(h) for h in [*hits[:1], *shipping_hits]],
        buttons=[HANDOFF_BUTTON],
        flags=flags,
        intent=Intent.ORDER_CHANGE,
        confidence=0.95,
        author=Author.TEMPLATE,
    )


def _still_open(
    req: Request, order: dict[str, Any], item: dict[str, Any] | None, what: str, verb: str, policy: dict[str, str]
) -> list[str]:
    """Not shipped yet: it can still be cancelled (or the item taken off, or one of two pieces), the rule, what the
    item cost, and the delivery date when asked."""
    one = item or one_of_two(req.text, order)
    if one is not None and not item:  # "I ordered 2 by mistake, cancel one": one piece of that line
        what, verb = f"one {one['name']}", "removed from it"
    status = str(order.get("status"))
    parts = [f"Your order {order['order_id']} is {status}: it has not shipped yet, so {what} can still be {verb}."]
    parts.append(_quoted(policy.get("cancel_before")))
    if item is not None:
        parts.append(f"{_paid(item)} for the {item['name']} in this order.")
    elif one is not None:
        price = float(one.get("price") or 0)
        parts.append(f"You paid {price:.2f} USD each for the {one['name']}, so one of them comes to {price:.2f} USD.")
    if OrderAspect.DELIVERY in req.aspects and order.get("estimated_delivery"):
        parts.append(f"Its estimated delivery date is {order['estimated_delivery']}.")
    return parts


ONE_OF = re.compile(
    r"\b(?:cancel|remove|drop)\s+(?:just\s+)?(?:one|1)\b(?!\s*(?:of (?:my|the) orders|order))|" + REMOVE_ONE, re.I
)


def one_of_two(text: str, order: dict[str, Any]) -> dict[str, Any] | None:
    """ "I ordered 2 of the same jacket by mistake, can u cancel one?": the order's one line of two or more pieces."""
    if not ONE_OF.search(text):
        return None
    several = [i for i in order.get("items") or [] if int(i.get("qty") or 1) > 1]
    return several[0] if len(several) == 1 else None


def removed_item(text: str, order: dict[str, Any]) -> dict[str, Any] | None:
    """The order line the shopper wants taken off: the one its words name best (kind, name, brand, colour)."""
    said = set(words_of(text))
    scored = [(len(item_words(i, {}) & said), -n, i) for n, i in enumerate(order.get("items") or [])]
    best = max(scored, default=None, key=lambda t: (t[0], t[1]))
    return best[2] if best and best[0] > 0 else None


def _paid(item: dict[str, Any]) -> str:
    qty = int(item.get("qty") or 1)
    price = float(item.get("price") or 0)
    each = f"You paid {price:.2f} USD"
    return f"{each} each ({qty * price:.2f} USD for {qty})" if qty > 1 else each


def _quoted(rule: str | None, who: str = "") -> str:
    if not rule:
        return ""
    return f"Our policy{' ' + who if who else ''}: {rule}"
