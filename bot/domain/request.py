"""What one turn asks for (a Request) and what the conversation has established so far (ConversationState)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class RequestKind(StrEnum):
    """The kind of question a turn asks; it decides which lookups answer it."""

    POLICY = "policy"  # a shop rule: a window, a cost, a time, countries, conditions
    PRODUCT_FACT = "product_fact"  # price, stock, sizes, colours, material of a named product
    DISCOVERY = "discovery"  # find products by constraints ("cheapest chinos under $80 in M")
    COMPARISON = "comparison"  # two products side by side
    OWN_ORDER = "own_order"  # the customer's own order, with or without its number
    COMPLAINT = "complaint"
    HANDOFF = "handoff"  # asks for a person
    SMALL_TALK = "small_talk"  # greetings, thanks, goodbyes


class PolicySlot(StrEnum):
    """Which part of a policy is asked about."""

    WINDOW = "window"  # how long do I have
    COST = "cost"  # how much
    TIME = "time"  # how long does it take
    COUNTRIES = "countries"  # where
    CONDITIONS = "conditions"  # can I / under which conditions
    GENERAL = "general"


class OrderAspect(StrEnum):
    """What is asked about an order."""

    STATUS = "status"
    CONTENTS = "contents"
    TOTAL = "total"
    TRACKING = "tracking"  # carrier and tracking number
    DELIVERY = "delivery"  # when it arrives
    ADDRESS = "address"  # changing the address
    CANCEL = "cancel"  # cancelling
    PAYMENT = "payment"  # how it was paid
    ADD_ITEM = "add_item"  # adding an item to it
    COUNT = "count"  # how many items it holds
    REFUND = "refund"  # whether its refund has gone through
    SPEED = "speed"  # upgrading (or changing) its shipping speed
    SIZE = "size"  # the size (and colour) an item was bought in


class Sort(StrEnum):
    """How discovery results are ordered."""

    RELEVANCE = "relevance"
    CHEAPEST = "cheapest"
    PRICIEST = "priciest"
    BEST_RATED = "best_rated"


@dataclass(slots=True)
class Constraints:
    """What the shopper wants from the catalog; empty fields do not filter."""

    categories: list[str] = field(default_factory=list)
    brands: list[str] = field(default_factory=list)
    colours: list[str] = field(default_factory=list)
    size: str | None = None  # must be in stock in this size
    min_price: float | None = None
    max_price: float | None = None
    materials: list[str] = field(default_factory=list)
    gender: str | None = None  # men | women | unisex
    features: list[str] = field(default_factory=list)  # catalog tags: waterproof, slim fit, ...
    sort: Sort = Sort.RELEVANCE
    in_stock: bool = False  # "in stock" said: only products in stock in some size
    # named but not in the catalog: "Adidas", "sunglasses"
    missing_brands: list[str] = field(default_factory=list)
    missing_categories: list[str] = field(default_factory=list)
    # stated, but no product field records it, so it cannot be checked: "inseam" (from "a 32 inseam")
    unchecked: list[str] = field(default_factory=list)
    # ruled out by the shopper ("no real leather", "anything but Guess", ", not black"): "field:value" strings
    # (brand, colour, material, feature), checked by bot.core.catalog.negation and never relaxed
    excluded: list[str] = field(default_factory=list)

    def is_empty(self) -> bool:
        """True when nothing was asked for."""
        return not (
            self.categories
            or self.brands
            or self.colours
            or self.size
            or self.min_price is not None
            or self.max_price is not None
            or self.materials
            or self.gender
            or self.features
            or self.missing_brands
            or self.missing_categories
            or self.sort != Sort.RELEVANCE
            or self.in_stock
            or self.unchecked
            or self.excluded
        )

    def merged_over(self, older: Constraints) -> Constraints:
        """This turn's constraints on top of the conversation's: a new value replaces the old one."""
        out = Constraints(
            **{k: v for k, v in asdict(older).items() if k not in ("missing_brands", "missing_categories", "unchecked")}
        )
        out.sort = Sort(older.sort)
        for name in ("categories", "brands", "colours", "materials", "features"):
            if getattr(self, name):
                setattr(out, name, list(getattr(self, name)))
        for name in ("size", "min_price", "max_price", "gender"):
            if getattr(self, name) is not None:
                setattr(out, name, getattr(self, name))
        if self.sort != Sort.RELEVANCE:
            out.sort = self.sort
        out.in_stock = older.in_stock or self.in_stock
        out.missing_brands, out.missing_categories = list(self.missing_brands), list(self.missing_categories)
        out.unchecked = list(self.unchecked)
        out.excluded = list(dict.fromkeys([*older.excluded, *self.excluded]))  # what was ruled out stays out
        return out

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            k: (v.value if isinstance(v, Sort) else v)
            for k, v in asdict(self).items()
            if v is not False and v not in (None, [], Sort.RELEVANCE)
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> Constraints:
        """Inverse of to_dict; unknown keys are ignored."""
        data = dict(data or {})
        known = {k: v for k, v in data.items() if k in cls.__dataclass_fields__}
        if "sort" in known:
            try:
                known["sort"] = Sort(known["sort"])
            except ValueError:
                known.pop("sort")
        return cls(**known)


@dataclass(slots=True)
class Request:
    """What this turn asks, resolved against the conversation state."""

    kind: RequestKind
    text: str
    slot: PolicySlot = PolicySlot.GENERAL
    aspects: list[OrderAspect] = field(default_factory=list)
    constraints: Constraints = field(default_factory=Constraints)
    skus: list[str] = field(default_factory=list)  # products named, or carried over from the state
    order_ids: list[str] = field(default_factory=list)
    order_hint: str = ""  # "the jacket I bought": words that pick one of the customer's orders
    followup: bool = False  # resolved against the state


@dataclass(slots=True)
class ConversationState:
    """What the conversation has established: persisted per conversation, updated after every turn."""

    skus: list[str] = field(default_factory=list)  # products under discussion, newest first
    order_id: str | None = None
    constraints: Constraints = field(default_factory=Constraints)
    last_kind: str = ""
    shown: list[str] = field(default_factory=list)  # every SKU the bot has shown in this conversation
    topic: str = ""  # the last policy question, for follow-ups like "and for Gold members?"
    listed: list[str] = field(default_factory=list)  # the last list of products shown, in its order

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready."""
        return {
            "skus": self.skus[:5],
            "order_id": self.order_id,
            "constraints": self.constraints.to_dict(),
            "last_kind": self.last_kind,
            "shown": self.shown[-30:],
            "topic": self.topic[:300],
            "listed": self.listed[:10],
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any] | None) -> ConversationState:
        """Inverse of to_dict; tolerant of missing keys and old rows."""
        data = data if isinstance(data, dict) else {}
        return cls(
            skus=[str(s) for s in data.get("skus") or []],
            order_id=data.get("order_id"),
            constraints=Constraints.from_dict(data.get("constraints")),
            last_kind=str(data.get("last_kind") or ""),
            shown=[str(s) for s in data.get("shown") or []],
            topic=str(data.get("topic") or ""),
            listed=[str(s) for s in data.get("listed") or []],
        )
