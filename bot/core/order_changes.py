"""A request to cancel one of the shopper's orders ("i want to cancel ORD-1", "ugh ok just cancel the whole thing
then"): what the order's state allows, the shop's own rule for that state and the shopper's tier (quoted), and a
request opened for staff. The bot never cancels or refunds anything itself, and never says it did."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from bot.core.turn import HANDOFF_BUTTON, Turn, hit_source, order_source
from bot.domain import Author, Flag, Intent, OrderAspect, Reply, Request

if TYPE_CHECKING:
    from bot.core.order_desk import OrderDesk

# an instruction to cancel, not a question about whether one can
WANTS_CANCEL = re.compile(
    r"\b(i want|i'd like|i would like|i need|please|pls|just|can you|could you|can u|go ahead and|i wanna)\b[^?.!]{0,25}\bcancel\b"
    r"|^\W*(\w+\W+){0,3}cancel (it|that|this|them|the (whole )?(thing|order|lot)|my order|order|ord-)",
    re.I,
)
NOT_SHIPPED = ("placed", "processing")
SHIPPED = ("shipped", "out for delivery")


# "if I cancel it, do I lose my points?": what cancelling would do, no instruction to cancel
IF_CANCEL = re.compile(r"\b(?:if|whether|once|when|after) (?:i|we) (?:cancel|cancelled)\b", re.I)


def wants_cancel(req: Request) -> bool:
    """The shopper asks us to cancel an order (not whether it can be, nor what cancelling it would do)."""
    return OrderAspect.CANCEL in req.aspects and bool(WANTS_CANCEL.search(req.text)) and not IF_CANCEL.search(req.text)


def asks_cancel(turn: Turn, req: Request) -> bool:
    """A known customer's cancel request: answered from their order's state before any generic case is opened."""
    return turn.known_customer and OrderAspect.CANCEL in req.aspects


def cancel_reply(desk: OrderDesk, turn: Turn, req: Request, order: dict[str, Any]) -> Reply:
    """What the order's state allows, the shop's rule for it, and a request for staff to act on."""
    policy, hits = desk.order_policy()
    oid, status = order["order_id"], str(order.get("status") or "unknown")
    tier = str(turn.customer.get("membership") or "guest").lower() or "guest"
    parts: list[str] = []
    if status in ("cancelled", "returned"):
        parts.append(f"Your order {oid} is already {status}, so there is nothing left to cancel.")
    elif status in NOT_SHIPPED:
        parts.append(f"Your order {oid} is {status}: it has not shipped yet, so it can still be cancelled.")
        parts.append(_quoted(policy.get("cancel_before")))
    elif status in SHIPPED:
        est = order.get("estimated_delivery")
        when = f" (estimated delivery {est})" if est else ""
        parts.append(f"Your order {oid} has already shipped{when}, so it can no longer be cancelled.")
        key = "cancel_guest" if tier == "guest" else "cancel_member"
        parts.append(
            _quoted(policy.get(key), f"for {tier.capitalize()} {'shoppers' if tier == 'guest' else 'members'}")
        )
    else:  # delivered
        when = f" on {order['delivered_date']}" if order.get("delivered_date") else ""
        parts.append(f"Your order {oid} was delivered{when}, so it can no longer be cancelled, but it can be returned.")
    flags = {Flag.STRUCTURED, Flag.ORDER}
    if status not in ("cancelled", "returned"):
        case_id = desk.store.create_case(
            conversation_id=turn.conversation["id"],
            customer_id=turn.customer["id"],
            kind="cancel",
            summary=req.text[:500],
            order_id=oid,
        )
        parts.append(
            f"I've opened request number {case_id} for our team about your cancel request for order {oid}; "
            "a person will confirm the next steps here."
        )
        flags.add(Flag.CASE_OPENED)
    return Reply(
        text=" ".join(p for p in parts if p),
        sources=[order_source(order)] + [hit_source(h) for h in hits[:1]],
        buttons=[HANDOFF_BUTTON],
        flags=flags,
        intent=Intent.ORDER_CHANGE,
        confidence=0.95,
        author=Author.TEMPLATE,
    )


def _quoted(rule: str | None, who: str = "") -> str:
    if not rule:
        return ""
    return f"Our policy{' ' + who if who else ''}: {rule}"
