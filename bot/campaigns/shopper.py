"""The shopper's side of a campaign: opting out (unsubscribe button, /stop, /privacy, dashboard), opting in, clicks,
and web campaigns delivered when the shopper opens the chat."""

from __future__ import annotations

from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.campaigns import audience as aud

if TYPE_CHECKING:
    from bot.app import Services
    from bot.store.campaign_store import CampaignStore


def opt_out(cstore: CampaignStore, customer_id: str, *, source: str, recipient_id: int | None = None) -> None:
    """Withdraw marketing consent at once; the message it came from (or the latest one sent) records the opt-out."""
    cstore.set_consent(customer_id, False, source=source)
    if recipient_id is not None:
        r = cstore.recipient(recipient_id)
        if r and r["customer_id"] == customer_id:
            cstore.mark(recipient_id, "opted_out_at")
    else:
        recent = cstore.received_by(customer_id)
        if recent and recent[0]["status"] == "sent":
            cstore.mark(int(recent[0]["id"]), "opted_out_at")


def click(services: Services, recipient_id: int, customer_id: str) -> dict[str, Any] | None:
    """Record a click on this customer's own message (first click counts); returns the offered product, or None when
    the message is not theirs."""
    cstore = services.campaign_store
    r = cstore.recipient(recipient_id)
    if r is None or r["customer_id"] != customer_id:
        return None
    cstore.mark(recipient_id, "clicked_at")
    if r.get("sku"):
        services.store.add_interaction(customer_id, r["sku"], "click")
    catalog = {str(p.get("sku")): p for p in services.kb.products()}
    return catalog.get(str(r.get("sku"))) or {}


def deliver_web_inbox(services: Services, customer_id: str, *, rules: aud.Rules, now: datetime) -> list[dict[str, Any]]:
    """Web campaigns waiting for this shopper, checked against the rules now; returns those delivered (marked sent
    and opened). A frequency-capped message stays queued for a later visit; any other reason skips it."""
    cstore = services.campaign_store
    pending = cstore.pending_web(customer_id)
    if not pending:
        return []
    customer = services.store.get_customer(customer_id)
    delivered = []
    for r in pending:
        reason = aud.why_not(cstore, customer, channel="web", rules=rules, now=now)
        if reason is not None:
            if reason.startswith("frequency cap"):
                continue
            cstore.finish(r["id"], "skipped", reason=reason)
            continue
        if not cstore.claim(r["id"]):
            continue
        cstore.finish(r["id"], "sent")
        cstore.mark(r["id"], "opened_at")
        delivered.append(r)
    return delivered
