"""Can I still return it? The shopper's own facts (membership level, when they bought it, a receipt) checked
against the shop's return windows, never a quoted condition that reads as a yes to someone it does not apply to.

"I checked out as a guest 5 weeks ago and lost the receipt, can I return the sweater?" is answered with the
guest window, that it has passed, and the shop's rule for returns outside the window (the receipt). A known
customer's "the belt from my September order" is checked against that order's date and their level. When a fact
is missing, the reply states the condition instead ("Guests: 30 days, Bronze: 90 days, ..."). The windows and
rules are read from the knowledge base; when they cannot be read, the question goes the usual way.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from bot.core.answers import matching_orders
from bot.core.bought_when import IN_MONTH, elapsed_days
from bot.core.facts import MONTHS
from bot.core.ordered_items import one_named, when_fits
from bot.core.policy_lines import PERSON_OFFER, section
from bot.core.ports import KnowledgePort, StorePort
from bot.core.return_extras import HOW_BACK, WANTS_RETURN, asks_return_later, extra_lines, named_most
from bot.core.shop_day import shop_today
from bot.core.stated_case import stated_level
from bot.core.store_returns import BRING_BACK, with_store_lines
from bot.core.turn import Turn, hit_source, order_source
from bot.core.unreturnable import unreturnable_lines
from bot.core.unreturnable_ask import only_a_reason
from bot.domain import Author, Flag, Intent, IntentPrediction, Reply, Request, RequestKind

T = TypeVar("T")

TIERS = ("guest", "bronze", "silver", "gold")
# a complaint, a hand-off or small talk is answered elsewhere (an apology and a person, not a rule)
NOT_ASKED = (RequestKind.COMPLAINT, RequestKind.HANDOFF, RequestKind.SMALL_TALK)
ASKS_RETURN = re.compile(
    r"\b(?:can|could|may|am i able to|is it (?:too late|possible) to|still)\s+(?:i\s+|we\s+)?(?:still\s+)?"
    r"(?:return|send\b[^?.!]{0,30}\bback|exchange|get a refund)|\btoo late to (?:return|send)|\b(?:eligible|allowed) to return"
    r"|\bstill (?:be )?returnable\b|\breturn window\b[^?.!]{0,30}\b(?:passed|over|still|closed)"
    r"|\b(?:can|could|may) (?:it|they|those|these|this|that|them|the )[^?.!]{0,50}\b(?:go|be sent|be taken) back\b(?! to\b)"
    r"|\b(?:want|like|need) to (?:return|send\b[^?.!]{0,30}\bback)\b[^?]{0,80}\b(?:still ok(?:ay)?|still fine|too late|possible)\b"
    r"|\bhow (?:long|many days|much time) (?:do|did|have) (?:i|we) (?:have |got )?(?:left )?to (?:return|send\b[^?.!]{0,30}\bback)"
    "|" + BRING_BACK,  # "can i just bring it back to the seattle store?"
    re.I,
)
WANTS_REFUND = re.compile(r"\b(?:want|like|need)\s+(?:a\s+|my\s+)?(?:refund|to return)\b", re.I)
PASSED = re.compile(
    r"\b(?:return )?(?:window|period|deadline) (?:is|has|was|'s)\s+(?:already\s+)?(?:over|passed|closed|ended|expired|gone)"
    r"|\b(?:after|past|outside|beyond) (?:the|my) (?:return )?(?:window|period|deadline)\b|\bmissed the (?:return )?window\b",
    re.I,
)
GUEST = re.compile(
    r"\b(?:as a guest|guest here|guest (?:checkout|check-?out|order|account)|checked out as (?:a )?guest|(?:i'?m|i am|as) a guest"
    r"|no account|without (?:an )?account|(?:never|didn'?t|did not) (?:make|made|create|created|sign(?:ed)? up|open(?:ed)?)"
    r"\b[^?.!]{0,15}\baccount|(?:don'?t|do not) have an account|not a member)\b",
    re.I,
)
LEVEL = re.compile(r"\b(?P<t>bronze|silver|gold)\s+(?:member|level|tier|status|account|here\b)", re.I)
NO_RECEIPT = re.compile(
    r"\b(?:no|lost|without|threw away|thrown away|tossed|don'?t have|do not have|haven'?t got|can'?t find|misplaced)\b"
    r"[^?.!]{0,20}\breceipts?\b|\breceipts?\b[^?.!]{0,20}\b(?:lost|gone|thrown)\b",
    re.I,
)
HAS_RECEIPT = re.compile(
    r"(?:\b(?:i (?:still )?have|got|kept|with)|(?:^|[,;]|\band)\s*have)\b[^?.!]{0,12}\b(?:the |my |original )*receipts?\b",
    re.I,
)
WINDOW_QUERY = "How long do I have to return an item? return window membership level"
OUTSIDE_QUERY = "Returns outside your window original receipt original packaging"
LATEST = re.compile(r"\b(?:last|latest|most recent|newest)\s+(delivery|order|package|parcel|shipment)\b", re.I)
ROW = re.compile(r"^(?P<t>Guest|Bronze|Silver|Gold): return window (?P<w>[^.]+)\.?$", re.I)


@dataclass(slots=True)
class Window:
    """One level's return window as the policy words it, and its length in days (None: no time limit)."""

    tier: str
    words: str
    days: int | None


def parse_window(words: str) -> int | None | bool:
    """Days in a window's words: "30 days" -> 30, "6 months (180 days)" -> 180, "Unlimited" -> None; False when unreadable."""
    if re.search(r"\bunlimited\b|\bno time limit\b", words, re.I):
        return None
    days = re.search(r"(\d+)\s*days?\b", words)
    if days:
        return int(days.group(1))
    months = re.search(r"(\d+)\s*months?\b", words)
    return int(months.group(1)) * 30 if months else False


def stated_tier(text: str, customer: dict[str, Any], known: bool) -> str | None:
    """The membership level: a known customer's own record (none there: Guest, the page's "anyone who shops without
    joining"), else what the shopper says ("as a guest")."""
    own = str(customer.get("membership") or "").lower() or "guest"  # no level on the account: not in Rewards
    if known and own in TIERS:
        return own
    if GUEST.search(text):
        return "guest"
    level = LEVEL.search(text)
    return level.group("t").lower() if level else None


def said_before(turn: Turn, read: Callable[[str], T]) -> T | None:
    """What the shopper said of their own case earlier in this conversation ("i'm silver btw" two turns back),
    newest first; None when no earlier message says it."""
    for m in reversed(turn.history):
        if m.get("direction") == "in" and (found := read(str(m.get("text") or ""))) not in (None, ""):
            return found
    return None


def _stated_case(turn: Turn, text: str) -> tuple[str | None, bool | None]:
    """The shopper's level ("as a silver member", "i'm silver") and whether they have the receipt: this message's
    words, else what they said earlier."""
    tier = (
        stated_tier(text, turn.customer, turn.known_customer) or stated_level(text) or said_before(turn, stated_level)
    )
    receipt = receipt_said(text)
    return tier, receipt if receipt is not None else said_before(turn, receipt_said)


def receipt_said(text: str) -> bool | None:
    if NO_RECEIPT.search(text):
        return False
    return True if HAS_RECEIPT.search(text) else None


def read_windows(kb: KnowledgePort) -> tuple[dict[str, Window], Any]:
    """Each level's window, from the returns table ("Guest: return window 30 days.") or the membership
    table ("Return window: guest 30 days, bronze 90 days, ..."); empty unless all four are read."""
    found = section(kb, WINDOW_QUERY, about=re.compile(r"\|\s*Guest\s*\|\s*30|Return window\s*\|", re.I))
    windows: dict[str, Window] = {}
    for s in found.sentences:
        pairs = [(m.group("t"), m.group("w")) for m in [ROW.match(s)] if m]
        if s.lower().startswith("return window:"):
            pairs += re.findall(r"\b(guest|bronze|silver|gold) ([^,]+?)(?:,|\.$)", s[len("return window:") :], re.I)
        for tier, words in pairs:
            if (days := parse_window(words)) is not False:
                windows[tier.lower()] = Window(tier.capitalize(), words.strip(), days)
    return (windows if set(windows) == set(TIERS) else {}), found.hit


class ReturnWindows:
    """Answers "can I (still) return it?" from the shopper's facts and the shop's return windows."""

    def __init__(self, store: StorePort, kb: KnowledgePort) -> None:
        self.store = store
        self.kb = kb

    def reply(
        self,
        turn: Turn,
        req: Request,
        text: str,
        pred: IntentPrediction,
        catalog: Sequence[dict[str, Any]],
        *,
        today: dt.date | None = None,
    ) -> Reply | None:
        """The answer, or None when this is no "can I still return it" question with a date to check."""
        wants = bool(req.order_ids and WANTS_REFUND.search(text))  # "I want a refund for ORD-10021": the window first
        later, intends = asks_return_later(text), bool(WANTS_RETURN.search(text))  # "promise to take them back?"
        how = bool(HOW_BACK.search(text))  # "the shirt dresses that came on thursday, how do i return them"
        if not (ASKS_RETURN.search(text) or wants or later or intends or how) or _not_asked(req, text):
            return None
        today = today or shop_today()
        order = order_for_item(self.store, turn, req, text, catalog)
        if order is None and not (ASKS_RETURN.search(text) or wants):
            return None  # "I want to send something back" with no order of theirs named: the returns page answers
        wants = wants or (intends and not later and not ASKS_RETURN.search(text))  # "i wanna return the boots"
        state = str(order.get("status")) if order is not None else ""
        if wants and state not in ("delivered", "shipped", "out for delivery"):
            return None  # not shipped yet: cancelling (the order desk's) is the answer, not the return window
        if (span := _span(order, text, today)) is None:
            return None
        windows, hit = read_windows(self.kb)
        if not windows:
            return None
        tier, receipt = _stated_case(turn, text)
        outside, outside_hit = self._outside_rule(tier)
        parts = [_order_line(order)] if order is not None else []
        if state in ("returned", "cancelled"):
            parts.append(f"That order is already {state}.")
        elif state in ("shipped", "out for delivery") and wants:
            parts.append(f"It is {state} and has not been delivered yet, so a return starts once the package arrives.")
        else:
            parts += verdict(windows, tier, span, receipt, outside, placed=_placed(order))
        dated = order is not None and tier is not None and parts[-1].startswith("You can return it until")
        kept_hit = None
        if order is not None and (dated or parts[-1].endswith("so you are still within it.")):
            kept, kept_hit = unreturnable_lines(self.kb, order)  # "until February 15" does not cover its socks
            parts += kept
        past = (
            tier is not None and state not in ("returned", "cancelled") and window_state(windows[tier], span) == "past"
        )
        acting = wants and order is not None
        extra, extra_hits = extra_lines(
            order, text, self.kb, turn.customer, past=past, tier=tier, dated=dated, outside=outside, acting=acting
        )
        parts += extra
        store_hit = with_store_lines(parts, text, self.kb, at=int(order is not None))  # "... to the seattle store?"
        if acting and order is not None:  # asked to act: a request for staff, never done or promised here
            parts.append(self._request_line(turn, text, order))
        if not dated or acting or later:
            parts.append(PERSON_OFFER)  # a question the order's date answered needs no person
        hits = (hit, outside_hit, kept_hit, *extra_hits, store_hit)
        return _reply(parts, order, hits, pred)

    def _request_line(self, turn: Turn, text: str, order: dict[str, Any]) -> str:
        case = self.store.create_case(
            conversation_id=turn.conversation["id"],
            customer_id=turn.customer["id"],
            kind="refund",
            summary=text[:500],
            order_id=order["order_id"],
        )
        return f"I've opened request number {case} for our team about order {order['order_id']}."

    def _outside_rule(self, tier: str | None = None) -> tuple[str, Any]:
        """The shop's rule for returns outside the window, its list read as one sentence; for a known level, only
        the routes open to it (a guest is not told of the packaging route that is "Bronze and Silver members only")."""
        found = section(self.kb, OUTSIDE_QUERY, about=re.compile(r"window has passed, we can still", re.I))
        lines = [s for s in found.sentences if not s.lower().startswith("gold members never")]
        if not lines or not lines[0].rstrip().endswith(":"):
            return "", None
        routes = [x.rstrip(".") for x in lines[1:3]]
        if tier is not None:
            routes = [r for r in routes if _open_to(r, tier)] or routes
            if len(routes) == 1:
                routes = [re.sub(r",?\s*(?:or|and)$", "", routes[0])]
        rule = lines[0].rstrip(": ") + " " + " ".join(routes) + "."
        return rule, found.hit


def _open_to(route: str, tier: str) -> bool:
    """Whether a route for returns outside the window is open to the level: "... – Bronze and Silver members only"
    names the levels it is for; a route naming none is open to all."""
    only = re.search(
        r"\b((?:(?:guest|bronze|silver|gold)(?:,\s*|\s+and\s+|\s+or\s+)?)+)\s*members? only\b", route, re.I
    )
    return only is None or tier in only.group(1).lower()


def order_for_item(
    store: StorePort, turn: Turn, req: Request, text: str, catalog: Sequence[dict[str, Any]]
) -> dict[str, Any] | None:
    """The known customer's order the question is about: named by number, by an item or by its month (one only)."""
    if not turn.known_customer or not turn.customer.get("id"):
        return None
    orders = sorted(store.orders_for(turn.customer["id"]), key=lambda o: str(o.get("date", "")), reverse=True)
    if req.order_ids:
        return next((o for o in orders if o["order_id"] in req.order_ids), None)
    by_sku = {str(p["sku"]): p for p in catalog}
    kinds = list(req.constraints.categories) or _item_words(text)
    picked = matching_orders(orders, kinds[0], by_sku) if kinds else []
    if not picked and req.order_hint:  # "the calvin klein beanie i bought": the orders holding what it names
        picked = matching_orders(orders, req.order_hint, by_sku)
    if len(picked) > 1:  # three orders with jeans, "the mom jeans": the one whose item's name says it
        picked = named_most(picked, text) or picked
    if len(picked) > 1:  # "the boots i got last month", "the shirt from last week": the orders of that time
        picked = [o for o in picked if when_fits(text, o, shop_today()) is not False] or picked
    if len(picked) > 1:  # one of them sent back or cancelled: the one still with the shopper
        picked = [o for o in picked if str(o.get("status")) not in ("returned", "cancelled")] or picked
    if len(picked) > 1 and (latest := LATEST.search(text)):  # "the belt from my last delivery": the newest that came
        came = ("delivered",) if latest.group(1).lower() == "delivery" else ("delivered", "shipped", "out for delivery")
        picked = [o for o in picked if str(o.get("status")) in came][:1] or picked
    holding = [o for o in orders if {str(i.get("sku")) for i in o.get("items") or []} & set(req.skus)]
    if holding:  # the product named: the orders that hold it, the one still with the shopper first
        picked = [o for o in holding if str(o.get("status")) not in ("returned", "cancelled")] or holding
    said = next((m for m in IN_MONTH.finditer(text) if m.group("m").lower() in MONTHS), None)
    if said is not None:
        month = MONTHS[said.group("m").lower()]
        picked = [o for o in (picked or orders) if str(o.get("date", ""))[5:7] == f"{month:02d}"]
        day = re.match(r"\s+(?:the\s+)?(\d{1,2})(?:st|nd|rd|th)?\b(?!\s*(?:days?|weeks?|months?))", text[said.end() :])
        if day is not None and len(picked) > 1:  # "my november 2 order": that day's
            picked = [o for o in picked if str(o.get("date", ""))[8:10] == f"{int(day.group(1)):02d}"]
    return picked[0] if len(picked) == 1 else one_named(text, orders, by_sku)  # every kind said, and the day


def _not_asked(req: Request, text: str) -> bool:
    """A complaint, a hand-off or small talk; but "can I return the belt? wrong color" asks the window (a torn belt
    stays a complaint)."""
    return req.kind in NOT_ASKED and not (req.kind == RequestKind.COMPLAINT and only_a_reason(text))


def _item_words(text: str) -> list[str]:
    m = re.search(r"\b(?:return|send back)\s+(?:the|my|this|that|these|those)\s+(?P<w>[a-z]+)", text, re.I)
    word = m.group("w").lower() if m else ""
    return [word] if word and word not in ("order", "item", "items", "thing", "stuff", "one", "it", "package") else []


def _placed(order: dict[str, Any] | None) -> dt.date | None:
    """The order's purchase date (the day the return window counts from), or None."""
    try:
        return dt.date.fromisoformat(str((order or {}).get("date", ""))[:10]) if order is not None else None
    except ValueError:
        return None


def _on(day: dt.date) -> str:
    return f"{day:%A}, {day:%B} {day.day}, {day.year}"


def _span(order: dict[str, Any] | None, text: str, today: dt.date) -> tuple[float, float] | None:
    """How long ago it was bought, in days (shortest, longest): the order's own date, else what the text says."""
    span = _order_age(order, today) if order is not None else elapsed_days(text, today)
    if span is None and PASSED.search(text):
        span = (float("inf"), float("inf"))  # "my return window is over": past every window but Gold's
    return span


def _reply(parts: list[str], order: dict[str, Any] | None, hits: Sequence[Any], pred: IntentPrediction) -> Reply:
    sources = [order_source(order)] if order is not None else []
    return Reply(
        text=" ".join(p for p in parts if p),
        sources=(sources + [hit_source(h) for h in hits if h is not None and hit_source(h) not in sources])[:4],
        flags={Flag.FROM_DATA},
        intent=Intent.RETURNS_REFUNDS if pred.intent == Intent.OUT_OF_SCOPE else pred.intent,
        confidence=max(pred.confidence, 0.9),
        author=Author.TEMPLATE,
    )


def _order_age(order: dict[str, Any], today: dt.date) -> tuple[float, float] | None:
    placed = _placed(order)
    return None if placed is None else (float((today - placed).days), float((today - placed).days))


def _order_line(order: dict[str, Any]) -> str:
    names = [str(i.get("name") or i.get("sku")) for i in order.get("items") or []]
    return f"Your order {order['order_id']} ({', '.join(names)}) was placed on {str(order.get('date', ''))[:10]}."


def verdict(
    windows: dict[str, Window],
    tier: str | None,
    span: tuple[float, float],
    receipt: bool | None,
    outside: str,
    *,
    placed: dt.date | None = None,
) -> list[str]:
    """Sentences on whether the purchase is inside the window of the shopper's level (or of each level); with the
    purchase date known, the window's last day ("You can return it until Monday, January 18, 2027.")."""
    if tier is None:
        inside = [w.tier for w in windows.values() if window_state(w, span) == "inside"]
        past = [w.tier for w in windows.values() if window_state(w, span) == "past"]
        listing = ", ".join(f"{w.tier}: {w.words}" for w in windows.values())
        out = [f"It depends on your membership level; the return window counts from the purchase date ({listing})."]
        if span[0] == float("inf"):  # the shopper says it has passed
            return out + ([outside] if outside else [])
        if inside:
            out.append(
                f"For a purchase made at the time you mention, {_join(inside)} members are still within their window."
            )
        if past:
            out.append(f"For {_join(past)} members that window has passed.")
        if any(window_state(w, span) == "edge" for w in windows.values()):
            out.append("It is close to the end of a window, so the exact purchase date decides.")
        if past and outside:
            out.append(outside)
        return out
    w = windows[tier]
    who = "As a guest" if tier == "guest" else f"As a {w.tier} member"
    state = window_state(w, span)
    last = placed + dt.timedelta(days=w.days) if placed is not None and w.days is not None else None
    if state == "inside":
        out = [f"{who}, your return window is {w.words} from the purchase date, so you are still within it."]
        return out + ([f"You can return it until {_on(last)}."] if last else [])
    if state == "edge":  # a receipt said: the rule for returns past the window answers it either way
        return [
            f"{who}, your return window is {w.words} from the purchase date; that is close, so the exact purchase "
            "date decides."
        ] + ([outside] if outside and receipt else [])
    out = [f"{who}, your return window is {w.words} from the purchase date, so it has passed"]
    out[0] += f" (it ended on {_on(last)})." if last else "."
    if outside:
        out.append(outside)
    if receipt is False and tier == "guest":
        out.append("Without the receipt, we can't accept this return as a guest return.")
    return out


def window_state(w: Window, span: tuple[float, float]) -> str:
    if w.days is None or span[1] <= w.days:
        return "inside"
    return "past" if span[0] > w.days else "edge"


def _join(items: list[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]
