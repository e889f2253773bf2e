"""Campaign values: target, offer, variants and status (stored as JSON columns by the campaign store)."""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any

from bot.errors import ShopbotError


class CampaignError(ShopbotError):
    """A campaign request that cannot be carried out (bad field, wrong status, nothing to send)."""


class Status(StrEnum):
    """draft -> approved -> sending -> done, or cancelled."""

    DRAFT = "draft"
    APPROVED = "approved"
    SENDING = "sending"
    DONE = "done"
    CANCELLED = "cancelled"


CHANNELS = ("telegram", "web")
TONES = ("friendly", "elegant", "playful", "urgent", "calm")
SEGMENT_DESCRIPTIONS = {
    "new": "new customers who placed their first order recently",
    "loyal": "loyal customers who order often and recently",
    "high value": "customers who have spent the most with the shop",
    "at risk": "customers who used to order but have not ordered for a long time",
    "bargain hunter": "customers who mostly buy discounted items",
    "gift buyer": "customers who often buy gifts",
    "regular": "regular customers",
    "all": "all customers who agreed to hear from the shop",
}
_DISCOUNT = re.compile(r"^(?:\d{1,2}(?:\.\d+)?%|\$\d{1,5}(?:\.\d{2})?)$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def describe_segment(segment: str) -> str:
    """The plain-words description of a segment tag, used in the copy prompt."""
    if segment.startswith("likes "):
        return f"customers who often buy {segment[6:]}"
    return SEGMENT_DESCRIPTIONS.get(segment, f"customers tagged {segment}")


@dataclass(slots=True)
class Target:
    """Who gets the campaign: any of these segment tags (none = everyone), filtered by category affinity and last order."""

    segments: list[str] = field(default_factory=list)
    categories: list[str] = field(default_factory=list)  # keep customers with an affinity for one of these
    ordered_within_days: int | None = None  # last order at most this many days ago
    not_ordered_for_days: int | None = None  # no order for at least this many days

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Target:
        """From the stored JSON."""
        d = d or {}
        return cls(
            [str(s).strip().lower() for s in d.get("segments") or [] if str(s).strip()],
            [str(c).strip().lower() for c in d.get("categories") or [] if str(c).strip()],
            _opt_int(d.get("ordered_within_days")),
            _opt_int(d.get("not_ordered_for_days")),
        )


@dataclass(slots=True)
class Offer:
    """What the campaign offers. Discounts, codes, free shipping and end dates exist only if an admin typed them."""

    mode: str = "products"  # products (hand-picked skus) | recommend (per customer, from the recommender)
    skus: list[str] = field(default_factory=list)
    discount: str = ""  # "15%" or "$10"
    free_shipping: bool = False
    code: str = ""
    ends: str = ""  # YYYY-MM-DD

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Offer:
        """From the stored JSON."""
        d = d or {}
        return cls(
            str(d.get("mode") or "products"),
            [str(s) for s in d.get("skus") or []],
            str(d.get("discount") or ""),
            bool(d.get("free_shipping")),
            str(d.get("code") or ""),
            str(d.get("ends") or ""),
        )

    def check(self, known_skus: set[str]) -> None:
        """Raise CampaignError for an offer that cannot be sent as typed."""
        if self.mode not in ("products", "recommend"):
            raise CampaignError("offer mode must be 'products' or 'recommend'")
        if self.mode == "products" and not self.skus:
            raise CampaignError("a products offer needs at least one sku (--sku)")
        unknown = [s for s in self.skus if s not in known_skus]
        if unknown:
            raise CampaignError(f"unknown sku(s): {', '.join(unknown[:5])}")
        if self.discount and not _DISCOUNT.match(self.discount):
            raise CampaignError("discount must look like 15% or $10")
        if self.ends and not _DATE.match(self.ends):
            raise CampaignError("ends must be a date YYYY-MM-DD")
        if self.code and not re.fullmatch(r"[A-Z0-9]{3,20}", self.code):
            raise CampaignError("code must be 3-20 capital letters or digits")
        if self.code and not (self.discount or self.free_shipping):
            raise CampaignError("a code needs the discount or free shipping it unlocks")

    def as_dict(self) -> dict[str, Any]:
        """For the JSON column."""
        return asdict(self)


@dataclass(slots=True)
class Variant:
    """One A/B arm: its share of the audience and its tone."""

    name: str
    weight: float = 1.0
    tone: str = "friendly"


def _opt_int(value: Any) -> int | None:
    if value in (None, ""):
        return None
    return int(value)


def parse_variants(spec: str, *, tone: str) -> list[Variant]:
    """'A' or 'A:50,B:50' or 'A:50:friendly,B:50:urgent' -> variants (weights need not sum to 100)."""
    variants = []
    for part in [p.strip() for p in (spec or "A").split(",") if p.strip()]:
        bits = part.split(":")
        name = bits[0].strip()
        if not re.fullmatch(r"[A-Za-z0-9]{1,8}", name):
            raise CampaignError(f"variant name {name!r} must be 1-8 letters or digits")
        try:
            weight = float(bits[1]) if len(bits) > 1 and bits[1] else 1.0
        except ValueError:
            raise CampaignError(f"variant {name}: weight must be a number") from None
        vtone = bits[2].strip().lower() if len(bits) > 2 and bits[2] else tone
        if weight <= 0 or vtone not in TONES:
            raise CampaignError(f"variant {name}: weight must be > 0 and tone one of {', '.join(TONES)}")
        variants.append(Variant(name.upper(), weight, vtone))
    if len({v.name for v in variants}) != len(variants):
        raise CampaignError("variant names must differ")
    return variants
