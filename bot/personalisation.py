"""Personalisation wiring: the recommender trained from the store and the catalog, the per-reply hook,
stated preferences, customer profiles, and erasure of a customer's factors."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

from bot.core.catalog.stated_budget import stated_ceiling
from bot.core.catalog.tally import tallied
from bot.core.catalog.turn_fit import shown_gender, turn_filters, turn_misses_of
from bot.core.ports import KnowledgePort
from bot.core.recommendation_check import asked_reason, check_recommendation, no_line_after, refuses_shipping
from bot.core.turn import Turn
from bot.domain import Flag, ProductCard, Reply, Request
from bot.live_recommender import BACKGROUND_MIN_PRODUCTS, LiveRecommender
from bot.recommend.recommender import Recommendation, Recommender
from bot.recommend.suggestion import suggest

if TYPE_CHECKING:
    from bot.store import Store

log = logging.getLogger(__name__)

THRESHOLD = 0.3  # implicit scores run roughly 0..1.2 (docs/recommend.md)
_SIZE = re.compile(r"\b(?:size|in)\s+(xxs|xs|s|m|l|xl|xxl|\d{2})\b", re.I)
_BUDGET = re.compile(r"\b(?:under|below|less than|up to|max(?:imum)?|budget(?: of| is)?)\s*\$?\s?(\d{2,4})", re.I)


# replies that must not carry a recommendation: product lists (the list is the answer), complaints, hand-offs,
# "we don't carry that", a question back to the shopper, and order look-ups that failed
NO_RECOMMENDATION = frozenset(
    {
        Flag.CATALOG,
        Flag.NOT_CARRIED,
        Flag.NO_MATCH,
        Flag.COMPLAINT,
        Flag.HANDOFF,
        Flag.ASK_WHICH,
        Flag.ORDER,
        Flag.ORDER_NOT_VERIFIED,
        Flag.INJECTION,
        Flag.OUT_OF_SCOPE,
    }
)
_THIS_CONVERSATION = re.compile(r"^(similar to|goes with) the (.+) you asked about$")


def true_reason(reason: str, *, talked: list[str], bought: list[str], shopper_text: str = "") -> str:
    """The recommender's reason, kept only where it names what the shopper said, bought or was shown here."""
    m = _THIS_CONVERSATION.match(reason)
    if m:
        subject = m.group(2)
        if any(subject == t or subject.lower() in t.lower() for t in talked if t):
            said = subject.lower() in shopper_text.lower()
            return f"{m.group(1)} the {subject} you {'asked about' if said else 'were shown'}"
        return "picked for you"
    if reason.startswith("because you bought "):
        return reason if reason[len("because you bought ") :] in bought else "picked for you"
    if reason.startswith("matches what you asked about"):
        return reason
    return "picked for you"  # "looked at" (another session) and "popular" are not facts of this conversation


class Personaliser:
    """Owns the live recommender and adds at most one recommendation to a reply when the policy allows."""

    def __init__(
        self,
        store: Store,
        kb: KnowledgePort,
        models_dir: Path,
        *,
        embedder: str = "minilm",
        every_n: int = 3,
        enabled: bool = True,
        background_min_products: int = BACKGROUND_MIN_PRODUCTS,
    ) -> None:
        self.store = store
        self.kb = kb
        self.every_n = every_n
        self.enabled = enabled
        self.live = LiveRecommender(
            store, kb, models_dir, embedder=embedder, background_min_products=background_min_products
        )

    # ------------------------------------------------------------------ model
    @property
    def root(self) -> Path:
        """Where the recommender's artifacts are published."""
        return self.live.root

    @property
    def recommender(self) -> Recommender | None:
        """The recommender over the current artifact, trained now if none is published (see `LiveRecommender`).

        None while there is nothing to learn from (no interactions yet); replies then carry no recommendation.
        """
        return self.live.get(wait=True)

    def warm_up(self) -> None:
        """Load or train the recommender before the first shopper; a large catalog's first model trains in the
        background (replies carry no recommendation until it is published)."""
        if self.enabled:
            self.live.get(wait=False)

    def forget(self, customer_id: str) -> None:
        """Remove a customer's factors and history from the model, and every older artifact that held them."""
        self.live.forget(customer_id)

    def refresh(self) -> None:
        """Drop the in-memory recommender so the next reply loads the published one (after an erasure elsewhere)."""
        self.live.refresh()

    # ------------------------------------------------------------------ per reply
    def __call__(self, turn: Turn, reply: Reply) -> None:
        """The Assistant's recommend hook: maybe append one card and one labelled line."""
        prediction = turn.prediction
        rec = self.live.get(wait=False) if self.enabled and prediction is not None else None
        if rec is None or prediction is None:
            return
        customer = turn.customer
        consent = bool(customer.get("personalization", 1))
        if consent:
            self.remember_preferences(customer["id"], turn.msg.text)
        if (
            reply.flags & NO_RECOMMENDATION
            or no_line_after(turn.request, turn.msg.text)
            or refuses_shipping(reply.text)
        ):
            return  # a list, a complaint, an order, a promise, a hand-off, "we don't carry/ship": a line would mislead
        ctx = self._context(turn)
        prefs, ceiling = _filters(turn, ctx, rec)
        last_at = ctx.shown[-1][1] if ctx.shown else None
        pick, decision = suggest(
            rec,
            customer["id"],
            intent=prediction.intent,
            resolved=not (reply.flags & {Flag.FALLBACK_USED, Flag.LOW_CONFIDENCE}),
            handoff=Flag.HANDOFF in reply.flags,
            consent=consent,
            turns_since_last=None if last_at is None else ctx.out_turns - last_at,
            every_n=self.every_n,
            already_shown={sku for sku, _ in ctx.shown},
            threshold=THRESHOLD,
            context_text=" ".join(ctx.user_texts),
            context_items=[s for s in ctx.talked if s],
            bought=ctx.bought,
            filters=prefs or None,
        )
        if pick is None:
            log.debug("no recommendation: %s", decision.why)
            return
        if ceiling is not None and float(rec.products.get(pick.item, {}).get("price") or 0) > ceiling:
            return  # never above a ceiling the shopper stated in this conversation
        if misses := turn_misses_of(rec.products, pick.item, ctx.request):  # this turn's size, attribute, budget
            log.info("recommendation of %s dropped: it fails this turn's %s", pick.item, ", ".join(misses))
            return
        bought_names = _bought_names(rec, ctx.bought)
        card, line = _card_and_line(rec, pick, ctx, bought_names)
        if not _line_holds(line, rec, turn, reply, bought_names):
            return
        reply.cards.append(card)
        reply.text += f"\n\n{line}"
        reply.flags.add(Flag.RECOMMENDED)
        self.store.event(
            "rec_impression",
            conversation_id=turn.conversation["id"],
            customer_id=customer["id"],
            sku=pick.item,
            turn=ctx.out_turns,
            score=round(pick.score, 4),
        )

    def _context(self, turn: Turn) -> _TurnContext:
        customer_id = turn.customer["id"]
        request = turn.request
        # only what this conversation named or showed: never a product the shopper did not see (a retrieval hit)
        talked = list(dict.fromkeys((request.skus if request is not None else []) + turn.state.skus))
        bought = {i.get("sku") for o in self.store.orders_for(customer_id) for i in (o.get("items") or [])}
        bought |= {r["sku"] for r in self.store.interactions(customer_id) if r["kind"] == "purchase"}
        return _TurnContext(
            request=request,
            talked=talked,
            user_texts=[m["text"] for m in turn.history if m.get("direction") == "in"][-2:] + [turn.msg.text],
            out_turns=sum(1 for m in turn.history if m.get("direction") == "out"),
            shown=self.store.recommendations_in(turn.conversation["id"]),
            bought=bought,
        )

    def remember_preferences(self, customer_id: str, text: str) -> None:
        """Stated sizes, colours, budget, brands and categories, merged into the customer's profile."""
        found: dict[str, Any] = {}
        low = text.lower()
        sizes = [s.upper() for s in _SIZE.findall(text)]
        if sizes:
            found["sizes"] = sizes
        products = self.kb.products()
        for key, values in _PREFERENCE_VALUES.items():
            # the catalog's values once per version (a turn read every product: ~0.1 s at 50,000 products), and a
            # substring test before the word pattern
            vocab = values.get(products)
            hits = sorted(v for v in vocab if v in low and re.search(rf"\b{re.escape(v)}s?\b", low))
            if hits:
                found[key] = hits
        if m := _BUDGET.search(text):
            found["budget"] = float(m.group(1))
        if not found:
            return
        customer = self.store.get_customer(customer_id) or {}
        profile = dict(customer.get("profile") or {})
        prefs = dict(profile.get("preferences") or {})
        for key, value in found.items():
            prefs[key] = value if key == "budget" else sorted(set(prefs.get(key, [])) | set(value))
        profile["preferences"] = prefs
        self.store.update_customer(customer_id, profile=profile)


@dataclass(slots=True)
class _TurnContext:
    """What the recommendation may draw on: this turn's request, the products named or shown in this conversation,
    the shopper's last words, how many replies so far, the recommendations shown before (sku, reply number), and
    what the customer bought."""

    request: Request | None
    talked: list[str]
    user_texts: list[str]
    out_turns: int
    shown: list[tuple[str, int]]
    bought: set[Any]


def _filters(turn: Turn, ctx: _TurnContext, rec: Recommender) -> tuple[dict[str, Any], float | None]:
    """The recommender's filters (the profile's preferences, this turn's constraints) and the budget that holds."""
    prefs = dict((turn.customer.get("profile") or {}).get("preferences") or {})
    if ctx.request is not None:  # this turn's stated constraints apply to this turn's recommendation
        prefs.update(turn_filters(ctx.request.constraints, shown_gender=shown_gender(rec.products, ctx.talked)))
    if (ceiling := _ceiling(turn)) is not None:  # a budget stated earlier in this conversation still holds
        prefs["budget"] = min(float(prefs.get("budget") or ceiling), ceiling)
    return prefs, ceiling


def _ceiling(turn: Turn) -> float | None:
    """The budget for this turn's line: the one this turn states, else the newest one the shopper stated earlier in
    the conversation (its recent messages, else the search the state keeps)."""
    if turn.request is not None and turn.request.constraints.max_price is not None:
        return float(turn.request.constraints.max_price)
    earlier = stated_ceiling(m["text"] for m in turn.history if m.get("direction") == "in")
    return earlier if earlier is not None else turn.state.constraints.max_price


def _card_and_line(
    rec: Recommender, pick: Recommendation, ctx: _TurnContext, bought_names: list[str]
) -> tuple[ProductCard, str]:
    """The card and the labelled line, with a reason kept only where it is a fact of this conversation."""
    from bot.core.catalog.search import meets_asked

    product = rec.products.get(pick.item, {})
    reason = true_reason(
        pick.reason,
        talked=[_name(rec, s) for s in ctx.talked],  # looked up, not a map of the whole catalog per turn
        bought=bought_names,
        shopper_text=" ".join(ctx.user_texts),
    )
    meets = ctx.request is not None and meets_asked(dict(product), ctx.request.constraints)
    reason = asked_reason(reason, ctx.request, ctx.user_texts[-1], meets=meets)  # this turn's own words only
    card = ProductCard(
        sku=pick.item,
        name=str(product.get("name", pick.item)),
        price=float(product.get("price") or 0),
        currency=str(product.get("currency", "USD")),
        reason=reason,
    )
    return card, f"Recommended for you: {card.name} ({card.price:.2f} {card.currency}) - {card.reason}."


def _name(rec: Recommender, item: Any) -> str:
    product = rec.products.get(item)
    return str(product.get("name", "")) if product is not None else ""


def _bought_names(rec: Recommender, bought: set[Any]) -> list[str]:
    return [_name(rec, str(s)) for s in bought if s]


def _line_holds(line: str, rec: Recommender, turn: Turn, reply: Reply, bought_names: list[str]) -> bool:
    """The recommendation check passes the line against the catalog and this conversation (else it is dropped)."""
    said = " ".join([m["text"] for m in turn.history] + [turn.msg.text, reply.text])
    shopper = " ".join([m["text"] for m in turn.history if m.get("direction") == "in"] + [turn.msg.text])
    problems = check_recommendation(
        line,
        catalog=cast(list[dict[str, Any]], list(rec.products.values())),  # read only: no copy of every product
        conversation=said,
        shopper_text=shopper,
        bought=bought_names,
    )
    if problems:
        log.info("recommendation line dropped by the verifier (%s): %s", "; ".join(problems), line)
    return not problems


def _as_list(value: Any) -> list[Any]:
    return value if isinstance(value, list) else [value]


def _values_of(field: str) -> Callable[[dict[str, Any]], list[str]]:
    return lambda p: [str(v).lower() for v in _as_list(p.get(field)) if v]


# the colours, brands and categories a shopper's words are matched against, per catalog version (a reload updates
# them from the changed products only)
_PREFERENCE_VALUES = {key: tallied(_values_of(field)) for key, field in (("colors", "colors"), ("brands", "brand"),
                                                                         ("categories", "category"))}  # fmt: skip


def describe_customer(
    store: Store, customer_id: str, *, personaliser: Personaliser | None = None
) -> dict[str, Any] | None:
    """The profile shown by `shopbot customers show` and the dashboard: attributes, consent, history, preferences, tags."""
    from datetime import date, timedelta

    from bot.recommend.catalog import purchases_from_orders
    from bot.recommend.segments import SegmentModel

    customer = store.get_customer(customer_id)
    if customer is None:
        return None
    orders = store.orders_for(customer_id)
    inter = store.interactions(customer_id)
    products = personaliser.kb.products() if personaliser else []
    all_orders = store.all_orders() if orders else []
    by_customer = purchases_from_orders(all_orders, products=products) if all_orders else {}
    tags = []
    if by_customer.get(customer_id):
        every = [p for ps in by_customer.values() for p in ps]
        today = max(p.day for p in every) + timedelta(days=1) if every else date.today()
        seg = SegmentModel.load().with_population(
            {"monetary": [sum(p.amount for p in ps) for ps in by_customer.values()]}
        )
        tags = [
            {"tag": t.name, "probability": round(t.probability, 3), "because": t.explanation}
            for t in seg.tags(by_customer[customer_id], today=today)
        ]
    kinds: dict[str, int] = {}
    for r in inter:
        kinds[r["kind"]] = kinds.get(r["kind"], 0) + 1
    return {
        "id": customer_id,
        "attributes": {
            k: customer.get(k)
            for k in ("name", "email", "membership", "city", "country", "language", "first_seen", "telegram_id")
        },
        "personalization": bool(customer.get("personalization", 1)),
        "history": {"orders": len(orders), "interactions": kinds, "recent_orders": [o["order_id"] for o in orders[:5]]},
        "preferences": (customer.get("profile") or {}).get("preferences") or {},
        "segments": tags,
    }
