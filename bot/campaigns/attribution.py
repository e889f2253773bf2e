"""Last-touch attribution of orders to campaign messages.

An order counts for a campaign message sent to the same customer when, at the order's time, either
  (a) the order contains a product that message offered, and the message was sent at most N days before, or
  (b) the customer clicked the message at most N days before (any purchase counts).
If several messages qualify, the latest touch wins (the click time where there was a click, else the send time):
the classic last-touch rule. Each order goes to at most one message; a message converts once (its first attributed
order) and its revenue sums every order attributed to it. N is SHOPBOT_CAMPAIGN_ATTRIBUTION_DAYS (default 7).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

DEFAULT_DAYS = 7


def _dt(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00"))


def pick_touch(
    recipients: list[dict[str, Any]], *, order_time: datetime, skus: set[str], days: int = DEFAULT_DAYS
) -> dict[str, Any] | None:
    """The message an order is attributed to under the last-touch rule above, or None."""
    window = timedelta(days=days)
    best: tuple[datetime, dict[str, Any]] | None = None
    for r in recipients:
        if not r.get("sent_at"):
            continue
        sent = _dt(r["sent_at"])
        touches = []
        offered = set(r.get("offered") or []) | ({r["sku"]} if r.get("sku") else set())
        if offered & skus and sent <= order_time <= sent + window:
            touches.append(sent)
        if r.get("clicked_at"):
            clicked = _dt(r["clicked_at"])
            if clicked <= order_time <= clicked + window:
                touches.append(clicked)
        if touches and (best is None or max(touches) > best[0]):
            best = (max(touches), r)
    return best[1] if best else None


def attribute_order(cstore: Any, order: dict[str, Any], *, days: int = DEFAULT_DAYS) -> bool:
    """Attribute one new order to a campaign message if the rule says so; True if it was."""
    when = _dt(order["date"])
    # a click inside the window may belong to a message sent before it, so look back further and let the rule decide
    candidates = cstore.sent_to(
        order["customer_id"], since=(when - timedelta(days=max(days, 1) * 8)).isoformat(timespec="milliseconds")
    )
    skus = {str(i.get("sku")) for i in order.get("items") or []}
    touch = pick_touch(candidates, order_time=when, skus=skus, days=days)
    if touch is None:
        return False
    cstore.add_purchase(
        touch["id"], order_id=order["order_id"], when=order["date"], amount=float(order.get("total") or 0)
    )
    return True
