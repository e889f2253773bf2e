"""Who a campaign reaches: segment tags, category affinity and last order (targeting), then consent and the
safety rules that hold at queue time and again just before each send (eligibility)."""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.campaigns.model import Target, Variant

if TYPE_CHECKING:
    from bot.store import Store
    from bot.store.campaign_store import CampaignStore


log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Member:
    """One targeted customer and the segment whose copy they get."""

    customer_id: str
    segment: str


def segment_tags(
    store: Store, products: list[dict[str, Any]], *, today: datetime | None = None
) -> dict[str, list[str]]:
    """customer id -> segment tag names (most likely first, then 'likes <category>'), from the store's orders."""
    from bot.recommend.catalog import purchases_from_orders
    from bot.recommend.segments import SegmentModel

    orders = store.all_orders()
    by_customer = purchases_from_orders(orders, products=products) if orders else {}
    day = (today or datetime.now(UTC)).date()
    model = SegmentModel.load().with_population(
        {"monetary": [sum(p.amount for p in ps) for ps in by_customer.values()] or [0.0]}
    )
    out: dict[str, list[str]] = {}
    for cid, purchases in by_customer.items():
        out[cid] = [t.name for t in model.tags(purchases, today=day)]
    return out


def last_orders(store: Store) -> dict[str, datetime]:
    """customer id -> the date of their latest order."""
    out: dict[str, datetime] = {}
    for o in store.all_orders():
        try:
            when = datetime.fromisoformat(str(o["date"]).replace("Z", "+00:00"))
        except (KeyError, ValueError):
            continue
        when = when if when.tzinfo else when.replace(tzinfo=UTC)
        cid = str(o.get("customer_id"))
        if cid not in out or when > out[cid]:
            out[cid] = when
    return out


def select(
    target: Target, customers: list[str], tags: dict[str, list[str]], last: dict[str, datetime], *, now: datetime
) -> list[Member]:
    """Apply the target to every customer; the segment is the first of the customer's tags the target names ('all' if none)."""
    wanted = target.segments
    members = []
    for cid in customers:
        own = tags.get(cid, [])
        if wanted:
            hit = next((t for t in own if t in wanted), None)
            if hit is None:
                continue
        else:
            hit = "all"
        if target.categories and not any(f"likes {c}" in own for c in target.categories):
            continue
        when = last.get(cid)
        if target.ordered_within_days is not None and (
            when is None or now - when > timedelta(days=target.ordered_within_days)
        ):
            continue
        if (
            target.not_ordered_for_days is not None
            and when is not None
            and now - when < timedelta(days=target.not_ordered_for_days)
        ):
            continue
        members.append(Member(cid, hit))
    return members


def assign_variant(campaign_id: int, customer_id: str, variants: list[Variant]) -> Variant:
    """A stable, weighted split: the same customer always lands in the same arm of a campaign."""
    digest = hashlib.sha256(f"{campaign_id}:{customer_id}".encode()).digest()
    u = int.from_bytes(digest[:8], "big") / 2**64
    total = sum(v.weight for v in variants)
    acc = 0.0
    for v in variants:
        acc += v.weight / total
        if u < acc:
            return v
    return variants[-1]


def parse_quiet_hours(spec: str) -> tuple[int, int] | None:
    """'21-9' -> (21, 9); '' or 'off' -> None."""
    spec = (spec or "").strip().lower()
    if spec in ("", "off", "none"):
        return None
    start, _, end = spec.partition("-")
    s, e = int(start), int(end)
    if not (0 <= s <= 23 and 0 <= e <= 23) or s == e:
        raise ValueError(f"quiet hours must look like 21-9 (start-end, local hours), not {spec!r}")
    return s, e


def quiet_until(timezone: str | None, now: datetime, quiet: tuple[int, int] | None) -> datetime | None:
    """When the customer's quiet hours end (UTC), if it is quiet for them now; None if not quiet or the time zone is unknown."""
    if quiet is None or not timezone:
        return None
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        return None
    local = now.astimezone(zone)
    start, end = quiet
    hour = local.hour
    inside = (start <= hour or hour < end) if start > end else (start <= hour < end)
    if not inside:
        return None
    until = local.replace(hour=end, minute=0, second=0, microsecond=0)
    if until <= local:
        until += timedelta(days=1)
    return until.astimezone(UTC)


@dataclass(frozen=True, slots=True)
class Rules:
    """The safety rules checked for every customer before a message is queued and again before it is sent."""

    frequency_days: int = 7
    frequency_max: int = 1
    quiet: tuple[int, int] | None = (21, 9)
    block_days: int = 14


def why_not(
    cstore: CampaignStore,
    customer: dict[str, Any] | None,
    *,
    channel: str,
    consented: set[str] | None = None,
    blocked: dict[str, str] | None = None,
    rules: Rules,
    now: datetime,
) -> str | None:
    """The reason this customer must not get a campaign message now (None: they may).

    Order matters only for the reason shown: erased, no consent, complaint/hand-off, unreachable, frequency cap.
    """
    if customer is None:
        return "erased"
    cid = customer["id"]
    if not (cid in consented if consented is not None else cstore.consent(cid)):
        return "no marketing consent"
    blocked = blocked if blocked is not None else cstore.blocked_customers(since_days=rules.block_days)
    if cid in blocked:
        return blocked[cid]
    if channel == "telegram" and not customer.get("telegram_id"):
        return "no Telegram chat"
    if channel == "web" and not customer.get("web_cookie"):
        return "never used the web chat"
    since = (now - timedelta(days=rules.frequency_days)).isoformat(timespec="milliseconds")
    if cstore.sent_since(cid, since) >= rules.frequency_max:
        return f"frequency cap ({rules.frequency_max} per {rules.frequency_days} days)"
    return None
