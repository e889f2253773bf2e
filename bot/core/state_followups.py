"""Follow-ups answered from THIS conversation's state, before any search: the generic reply never wins when the
state holds the referent.

- "no XL?? when is it back" after a product's sizes: that size's stock in the listing, no restock date (the data
  has none), and the shop's back-order / restock e-mail rule.
- "ok just email me when it is" after that: the restock e-mail is set up by a person, offered, never claimed done.
- "what about the X jacket, same q's" after questions about another product: those questions again, about X.
- "how much for a $120 order?" / "can I pay for overnight?" after "do you ship to Mexico?": the international rule
  (a flat fee, free above the threshold; DHL Express, no overnight option), not the US rates.
- "ok what about ankle boots, size 7.5" after a search for women's boots: still women's.

Each answer comes from the product's listing or the shop's own sentences; when the state has no referent the
message goes the usual way."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

from bot.core.catalog import parse_constraints
from bot.core.catalog.named import really_named
from bot.core.lookups import find_products, products_by_sku
from bot.core.order_followups import GetOrder, exchange_reply
from bot.core.questions import ABROAD, names_abroad
from bot.core.referent import followup_size
from bot.core.sentences import split_sentences
from bot.core.turn import HANDOFF_BUTTON, Turn, hit_source, passage, product_source
from bot.domain import Author, ConversationState, Flag, Hit, Intent, Reply, Request, RequestKind

Search = Callable[[str], list[Hit]]

RESTOCK = re.compile(
    r"\bwhen (?:is|will|does) (?:it|they|that|this|the \w+|\w+) (?:be |come )?back\b|\bback in stock\b|\brestock\w*\b"
    r"|\bwhen (?:can i|will i be able to) (?:get|buy|order) (?:it|one|them)\b",
    re.I,
)
NOTIFY = re.compile(
    r"\b(?:e-?mail|notify|tell|let) me\b.{0,30}\b(?:when|once|if)\b|\b(?:e-?mail|notify) me\b"
    r"|\bsign me up\b.{0,30}\b(?:restock|back)\b|\brestock (?:e-?mail|alert|notification)\b",
    re.I,
)
NO_SIZE = re.compile(
    r"\b(?:no|is|will|when will|when is)\s+(?:size\s+|an?\s+)?(xxs|xs|s|m|l|xl|xxl|\d{1,2}(?:\.5)?)\b"
    r"(?=\s*(?:\?|!|,|\.|back\b|be back\b|in stock\b|restocked\b|$))",
    re.I,
)
SAME_QUESTIONS = re.compile(
    r"\bsame (?:q'?s|qs|questions?|for (?:it|that one|this one)|thing)\b|\bsame (?:deal|again)\b|\bask(?:ing)? the same\b",
    re.I,
)
ABOUT = re.compile(r"^\W*(?:(?:ok|okay|and|so|also)\W+)*(?:what|how) about\s+", re.I)
FOLLOW_ON = re.compile(r"^\W*(?:(?:ok|okay|and|so|also|then)\W+)*(?:what|how) about\b|^\W*(?:and|or)\b", re.I)
OVERNIGHT = re.compile(r"\bovernight\b|\bnext[- ]day\b|\bexpress (?:shipping|delivery)\b|\bfaster\b", re.I)
AMOUNT_COST = re.compile(r"\bhow much\b.{0,30}\$\s?\d|\$\s?\d[\d,.]*\s+order\b.{0,30}\b(?:cost|how much|free)\b", re.I)
BACK_ORDER_QUERY = "My size is sold out, when will it be back in stock?"
INTERNATIONAL_QUERY = "How much is international shipping and how long does it take?"


def _sizes(product: dict[str, Any]) -> tuple[list[str], list[str]]:
    stock = product.get("stock") or {}
    sizes = [str(s) for s in product.get("sizes") or []]
    return [s for s in sizes if int(stock.get(s) or 0) > 0], [s for s in sizes if not int(stock.get(s) or 0)]


def _listed(items: Sequence[str]) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def _shop_sentence(search: Search, query: str, pattern: str) -> tuple[str, Hit | None]:
    """The first statement in the shop's pages for `query` that matches `pattern` (never a product row)."""
    for hit in search(query)[:4]:
        if hit.passage.source == "catalog" or hit.passage.metadata.get("sku"):
            continue
        for line in passage(hit)["text"].splitlines():
            for sentence in split_sentences(line.strip().lstrip("-* ").strip()):
                if re.search(pattern, sentence, re.I) and not sentence.endswith("?") and "|" not in sentence:
                    return sentence.replace("**", "").strip(), hit
    return "", None


def _asked_size(text: str, history: list[dict[str, Any]]) -> str | None:
    """The size this message (or, for "email me when it is", the message before it) asks about."""
    for said in [text, *[m.get("text", "") for m in reversed(history) if m.get("direction") == "in"][:2]]:
        m = NO_SIZE.search(said)
        size = (m.group(1).upper() if not m.group(1)[0].isdigit() else m.group(1)) if m else followup_size(said)
        if size:
            return size
    return None


def _product_in_state(state: ConversationState, catalog: Sequence[dict[str, Any]]) -> dict[str, Any] | None:
    if not state.skus or state.last_kind not in (RequestKind.PRODUCT_FACT.value, ""):
        return None
    return products_by_sku(catalog, state.skus[:1]).get(state.skus[0])


def restock_reply(
    turn: Turn, text: str, catalog: Sequence[dict[str, Any]], search: Search
) -> tuple[Reply, Request] | None:
    """ "when is it back?" / "email me when it is" about the product under discussion."""
    notify = bool(NOTIFY.search(text)) and len(re.findall(r"\w+", text)) <= 14
    if not (RESTOCK.search(text) or notify) or find_products(text, catalog):
        return None
    product = _product_in_state(turn.state, catalog)
    if product is None:
        return None
    name = product["name"]
    size = _asked_size(text, turn.history)
    in_stock, sold_out = _sizes(product)
    rule, hit = _shop_sentence(search, BACK_ORDER_QUERY, r"\bback-?order\b")
    if notify and not RESTOCK.search(text):
        which = f" in size {size}" if size and size in sold_out else ""
        said = (
            f"I can't sign you up for the restock e-mail from this chat myself. A person from our team can set up the "
            f"e-mail for the {name}{which} for you (we don't have a restock date); would you like me to connect you?"
        )
        flags, buttons = {Flag.HANDOFF, Flag.FROM_DATA}, [HANDOFF_BUTTON]
    else:
        if size and size in in_stock:
            lead = f"Size {size} of the {name} is in stock now."
        elif size and size in sold_out:
            lead = f"Size {size} of the {name} is sold out" + (
                f" (in stock: {_listed(in_stock)})." if in_stock else "."
            )
        elif size:
            lead = f"The {name} doesn't come in size {size}."
        else:
            lead = f"The {name} is in stock in sizes {_listed(in_stock)}." if in_stock else f"The {name} is sold out."
        said = (
            lead
            if size and size in in_stock
            else f"{lead} We don't have a restock date for it." + (f" {rule}" if rule else "")
        )
        flags, buttons = {Flag.STRUCTURED, Flag.FROM_DATA}, []
    sources = [product_source(product)] + ([hit_source(hit)] if hit is not None else [])
    reply = Reply(
        text=said, sources=sources, buttons=buttons, flags=flags, intent=Intent.PRODUCT_QUESTION, confidence=0.9
    )
    reply.author = Author.TEMPLATE
    return reply, Request(RequestKind.PRODUCT_FACT, text, skus=[product["sku"]], followup=True)


def same_questions(text: str, history: list[dict[str, Any]], catalog: Sequence[dict[str, Any]]) -> str | None:
    """ "what about the tommy alder denim jacket, same q's": the questions asked of the product before, about it."""
    if not SAME_QUESTIONS.search(text):
        return None
    named = find_products(text, catalog)
    if not named:
        return None
    mention = SAME_QUESTIONS.sub(" ", ABOUT.sub("", text)).strip(" ,;:-?!.")
    mention = re.sub(r"\s*[,;:-]+\s*$", "", mention).strip()
    asked = [m.get("text", "").strip() for m in history if m.get("direction") == "in"]
    earlier: list[str] = []
    for q in reversed(asked):  # back to (and including) the question that named the product before
        earlier.insert(0, q)
        if find_products(q, catalog):
            break
    if not earlier or not find_products(earlier[0], catalog) or not mention:
        return None
    old = find_products(earlier[0], catalog)[0]
    parts = [_about_new(q, old, mention) for q in earlier]
    return " ".join(p if p.endswith("?") else p.rstrip(".!") + "?" for p in parts if p)


_NAME_FILLER = {"the", "a", "mens", "womens", "men's", "women's", "men", "women"}


def _about_new(question: str, old: dict[str, Any], mention: str) -> str:
    """The question with the old product's mention swapped for the new one; a bare follow-up ("in XS?") gets it."""
    name_words = {w.lower() for w in re.findall(r"[\w']+", str(old["name"]))} | _NAME_FILLER
    tokens = re.findall(r"\S+", question)
    best: tuple[int, int] = (0, 0)
    start = 0
    while start < len(tokens):
        end = start
        while end < len(tokens) and re.sub(r"[^\w']", "", tokens[end].lower()) in name_words:
            end += 1
        if end - start > best[1] - best[0]:
            best = (start, end)
        start = max(end, start + 1)
    if best[1] - best[0] >= 2:
        return " ".join([*tokens[: best[0]], mention, *tokens[best[1] :]])
    bare = question.strip(" ?")
    return f"is {mention} {bare}" if len(tokens) <= 4 else question


def international_reply(turn: Turn, text: str, search: Search) -> tuple[Reply, Request] | None:
    """After a question about shipping to another country: the price for an order amount, or overnight asked."""
    place = _place_shipped_to(turn)
    if not place or ABROAD.search(text) or re.search(r"\b(?:us|usa|united states|domestic)\b", text, re.I):
        return None
    overnight = bool(OVERNIGHT.search(text))
    if not (overnight or AMOUNT_COST.search(text)):
        return None
    sentence, hit = _shop_sentence(search, INTERNATIONAL_QUERY, r"\bflat\b.*\bfree on orders\b.*\bGold members\b")
    if not sentence:
        sentence, hit = _shop_sentence(search, INTERNATIONAL_QUERY, r"\bflat\b.*\bfree on orders\b")
    timing, hit2 = _shop_sentence(search, INTERNATIONAL_QUERY, r"\bDHL Express\b.*\bbusiness days\b")
    if not sentence or not timing:
        return None
    shown = " ".join(w.capitalize() if w.islower() else w for w in place.split())
    if overnight:
        timing = timing.replace("International orders ship", f"International orders to {shown} ship", 1)
        said = f"Sorry, overnight shipping is a United States option only. {timing}"
    else:
        said = f"{sentence}"
        amount = re.search(r"\$\s?(\d[\d,]*(?:\.\d\d)?)", text)
        limit = re.search(r"free on orders of \$(\d[\d,]*)", sentence)
        fee = re.search(r"flat \*{0,2}(\$\d+\.\d\d)", sentence)
        gold = str(turn.customer.get("membership") or "").lower() == "gold"
        if gold and "Gold members" in sentence:
            said = f"As a Gold member, your shipping to {shown} is free. {sentence}"
        elif amount and limit and fee and not gold:
            below = float(amount.group(1).replace(",", "")) < float(limit.group(1).replace(",", ""))
            said = (
                f"That order is under ${limit.group(1)}, so shipping to {shown} is the flat {fee.group(1)}. {sentence}"
                if below
                else f"That order is ${limit.group(1)} or more, so shipping to {shown} is free. {sentence}"
            )
    sources = [hit_source(h) for h in (hit, hit2) if h is not None]
    reply = Reply(text=said, sources=sources[:2], flags={Flag.FROM_DATA}, intent=Intent.SHIPPING, confidence=0.9)
    reply.author = Author.EXTRACTIVE
    return reply, Request(RequestKind.POLICY, turn.state.topic, followup=True)  # the topic stays the country


def _place_shipped_to(turn: Turn) -> str:
    """The country the last policy question asked about, when the bot's answer said the shop ships there."""
    state = turn.state
    if state.last_kind != RequestKind.POLICY.value or not names_abroad(state.topic):
        return ""
    m = ABROAD.search(state.topic)
    said = next((h.get("text", "") for h in reversed(turn.history) if h.get("direction") == "out"), "")
    if m is None or not re.search(rf"\b{re.escape(m.group(0))}\b", said, re.I):
        return ""
    return "" if re.search(r"\b(?:do not|don't|cannot|can't) (?:ship|deliver)\b", said, re.I) else m.group(0)


def state_reply(
    turn: Turn, text: str, catalog: Sequence[dict[str, Any]], search: Search, get_order: GetOrder | None = None
) -> tuple[Reply, Request] | None:
    """A follow-up the state answers (a restock, a restock e-mail, an international price or overnight, another
    size of the item on the order under discussion), or None."""
    return (
        restock_reply(turn, text, catalog, search)
        or international_reply(turn, text, search)
        or exchange_reply(turn, text, catalog, search, get_order)
    )


def with_carried_gender(text: str, state: ConversationState, catalog: Sequence[dict[str, Any]]) -> str | None:
    """ "ok what about ankle boots, size 7.5" after a search for women's boots: the search stays women's (the
    message is searched as "... women's ankle boots ..."); None when the message names a gender or no kind."""
    gender = state.constraints.gender
    if state.last_kind != RequestKind.DISCOVERY.value or gender not in ("men", "women") or not FOLLOW_ON.search(text):
        return None
    constraints = parse_constraints(text, catalog)
    if constraints.gender or not constraints.categories:
        return None
    if len(really_named(text, find_products(text, catalog), constraints, catalog)) == 1:
        return None  # a product named: its own gender (a kind that fits two names is a search)
    m = re.search(rf"\b{re.escape(constraints.categories[0])}", text, re.I) or re.search(
        rf"\b{re.escape(constraints.categories[0].rstrip('s'))}", text, re.I
    )
    if m is None:
        return None
    word = "women's" if gender == "women" else "men's"
    before = text[: m.start()]
    prev = re.search(r"([\w-]+)\s+$", before)  # "ankle boots", "black boots": the kind's own words
    described = {w.lower() for w in constraints.features + constraints.colours + constraints.materials}
    kind_start = prev.start() if prev is not None and prev.group(1).lower() in described else len(before)
    return f"{text[:kind_start]}{word} {text[kind_start:]}"
