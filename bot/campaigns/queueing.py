"""Approved -> sending: choose the audience, apply the rules, write and verify each customer's message and queue it.

Queuing is idempotent (one row per customer and campaign), so a crash here is repaired by running send again.
Every queued message passed the verifier for its customer: the segment's copy filled in, or the template when the
filled copy failed (a first name or recommended product that made it unsafe); a customer for whom nothing passes
gets nothing.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Any

from bot.campaigns import audience as aud
from bot.campaigns.copy import CopyWriter, first_name
from bot.campaigns.model import CampaignError, Offer, Status, Target, Variant

if TYPE_CHECKING:
    from bot.app import Services
    from bot.recommend.recommender import Recommender
    from bot.store.campaign_store import CampaignStore

log = logging.getLogger(__name__)


@dataclass(slots=True)
class Plan:
    """What every customer's message is built from, read once per queue run."""

    campaign_id: int
    channel: str
    offer: Offer
    catalog: dict[str, dict[str, Any]]
    variants: list[Variant]
    copies: dict[tuple[str, str], str]
    consented: set[str]
    blocked: dict[str, str]
    recommender: Recommender | None
    now: datetime


def queue(
    services: Services, writer: CopyWriter, campaign_id: int, *, actor: str, rules: aud.Rules, now: datetime
) -> dict[str, Any]:
    """Queue a campaign's messages; returns targeted, queued, template_fallbacks and the excluded counts by reason."""
    cstore = services.campaign_store
    c = cstore.get_campaign(campaign_id)
    if c is None:
        raise CampaignError(f"no campaign {campaign_id}")
    if c["status"] == Status.SENDING:
        return {"queued": 0, "excluded": {}, "resumed": True}
    if c["status"] != Status.APPROVED:
        raise CampaignError(
            f"campaign {campaign_id} is {c['status']}; "
            + ("nothing is left to send" if c["status"] == Status.DONE else "approve it before sending")
        )
    products = services.kb.products()
    plan = _plan(services, c, products, rules=rules, now=now)
    store = services.store
    members = aud.select(
        Target.from_dict(c["target"]),
        cstore.customer_ids(),
        aud.segment_tags(store, products, today=now),
        aud.last_orders(store),
        now=now,
    )
    rows: list[dict[str, Any]] = []
    excluded: Counter[str] = Counter()
    fallbacks = 0
    for m in members:
        row = _row(services, writer, plan, m, rules=rules)
        if isinstance(row, str):
            excluded[row] += 1
            continue
        fallbacks += row.pop("fallback")
        rows.append(row)
    added = cstore.queue_recipients(campaign_id, rows)
    cstore.set_status(
        campaign_id, Status.SENDING, expect=[Status.APPROVED], started_at=now.isoformat(timespec="milliseconds")
    )
    counts = {"targeted": len(members), "queued": added, "template_fallbacks": fallbacks, "excluded": dict(excluded)}
    cstore.audit(actor, "send", f"campaign:{campaign_id}", **counts)
    log.info("campaign %s: %s", campaign_id, counts)
    return {**counts, "resumed": False}


def _plan(
    services: Services, c: dict[str, Any], products: list[dict[str, Any]], *, rules: aud.Rules, now: datetime
) -> Plan:
    cstore: CampaignStore = services.campaign_store
    offer = Offer.from_dict(c["offer"])
    return Plan(
        campaign_id=int(c["id"]),
        channel=c["channel"],
        offer=offer,
        catalog={str(p.get("sku")): p for p in products},
        variants=[Variant(v["name"], float(v["weight"]), v["tone"]) for v in c["variants"]],
        copies={(x["variant"], x["segment"]): x["text"] for x in cstore.copies(int(c["id"]))},
        consented=cstore.consented_customers(),
        blocked=cstore.blocked_customers(since_days=rules.block_days),
        recommender=services.personaliser.recommender if offer.mode == "recommend" else None,
        now=now,
    )


def _row(
    services: Services, writer: CopyWriter, plan: Plan, m: aud.Member, *, rules: aud.Rules
) -> dict[str, Any] | str:
    """The recipient row for one targeted customer, or the reason they get nothing."""
    customer = services.store.get_customer(m.customer_id)
    reason = aud.why_not(
        services.campaign_store,
        customer,
        channel=plan.channel,
        consented=plan.consented,
        blocked=plan.blocked,
        rules=rules,
        now=plan.now,
    )
    if reason is not None:
        return reason
    sku = pick(plan.offer, m.customer_id, plan.recommender, plan.catalog)
    if sku is None:
        return "nothing to recommend"
    variant = aud.assign_variant(plan.campaign_id, m.customer_id, plan.variants)
    copy = plan.copies.get((variant.name, m.segment))
    if copy is None:
        return "no copy for segment"
    name = first_name(customer or {})
    message = writer.message(
        copy, plan.offer, product=plan.catalog.get(sku), first_name=name, segment=m.segment, tone=variant.tone
    )
    if message is None:  # not even the template passed for this customer: never send it
        log.warning("campaign %s: no message passed the verifier for a customer", plan.campaign_id)  # no id in logs
        return "message failed the verifier"
    if message.source == "template":
        log.info("campaign %s: template instead of the copy for a customer: %s", plan.campaign_id, message.reasons)
    chat = (customer or {}).get("telegram_id") if plan.channel == "telegram" else None  # web: no address
    return {
        "customer_id": m.customer_id,
        "variant": variant.name,
        "segment": m.segment,
        "channel": plan.channel,
        "chat_id": None if chat is None else str(chat),
        "sku": sku,
        "offered": plan.offer.skus or [sku],
        "text": message.text,
        "fallback": message.source == "template",
    }


def pick(offer: Offer, customer_id: str, rec: Recommender | None, catalog: dict[str, dict[str, Any]]) -> str | None:
    """The product shown to this customer: the recommender's top pick (within the hand-picked skus if any), else the
    first sku."""
    if offer.mode == "recommend":
        if rec is None:  # no recommender: nothing to pick
            return None
        picks = rec.recommend(customer_id, k=1, exclude=[s for s in catalog if offer.skus and s not in offer.skus])
        return picks[0].item if picks else None
    return offer.skus[0] if offer.skus else None
