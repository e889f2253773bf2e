"""A message that asks two or three things of different kinds: "how much are the X socks and can I return them?",
"is the X sweater warm and is it in stock in M?", "when does my order get here and can I return it if it doesn't
fit?". Each part is routed on its own, from its own source (the product's fields, the order, the policy), and the
answers are joined in the order asked, so that no part is lost. A part the data does not answer is said to be
unanswered, with a person offered; it is never guessed."""

from __future__ import annotations

import contextvars
import re
from collections.abc import Awaitable, Callable, Sequence
from typing import Any

from bot.core.answer_check import unsure_line
from bot.core.lookups import find_products, products_by_sku
from bot.core.referent import asks_rule, kind_word, rule_about
from bot.core.request import ORDER_ASPECTS, OWN_ORDER
from bot.core.sentences import split_sentences
from bot.core.turn import HANDOFF_BUTTON, Plan, Turn
from bot.core.two_part import question_parts
from bot.domain import (
    Author,
    Button,
    ConversationState,
    Flag,
    IntentPrediction,
    ProductCard,
    Reply,
    Request,
    RequestKind,
)

RoutePart = Callable[[Turn, str, IntentPrediction], Awaitable[Plan]]
Predict = Callable[[str], IntentPrediction]
Extractive = Callable[[Plan], str]

# set while a part is routed: a part is never split again
_IN_PART: contextvars.ContextVar[bool] = contextvars.ContextVar("shopbot_in_part", default=False)
SPLIT_KINDS = (RequestKind.PRODUCT_FACT, RequestKind.OWN_ORDER, RequestKind.DISCOVERY, RequestKind.POLICY)
UNANSWERED = {Flag.LOW_CONFIDENCE, Flag.OUT_OF_SCOPE, Flag.CASE_OPENED}


def _plain(part: str, text: str) -> str:
    """The part without the subject `question_parts` appended in brackets (this module gives each part its own)."""
    m = re.search(r"\s*\(([^()]*)\)\?$", part)
    if m and f"({m.group(1)})" not in text:
        return part[: m.start()] + "?"
    return part


def _order_part(part: str) -> bool:
    return any(pattern.search(part) for _aspect, pattern in ORDER_ASPECTS)


def split_request(req: Request, text: str, catalog: Sequence[dict[str, Any]]) -> list[str]:
    """The parts to answer one by one ([] to answer the message whole). Every part of a question about one's own
    order is an order aspect the order desk answers in one go; those are not split."""
    if _IN_PART.get() or req.kind not in SPLIT_KINDS:
        return []
    parts = [_plain(p, text) for p in question_parts(text)]
    if not parts:
        return []
    if req.kind == RequestKind.OWN_ORDER and all(_order_part(p) for p in parts):
        return []
    if req.kind == RequestKind.POLICY and not any(OWN_ORDER.search(p) or find_products(p, catalog) for p in parts):
        return []  # policy questions only: the router answers each from the policy (`Router._each_part`)
    if req.kind == RequestKind.PRODUCT_FACT and req.skus:
        product = products_by_sku(catalog, req.skus[:1]).get(req.skus[0])
        if product is not None:
            word = kind_word(product, catalog)
            # "can I return them?" about the socks: the rule for socks, not for "them"
            parts = [rule_about(p, word) if asks_rule(p) and not find_products(p, catalog) else p for p in parts]
    return parts


class Parts:
    """Routes each part of a multi-part message and joins the answers."""

    def __init__(self, route: RoutePart, extractive: Extractive, not_sure: str, predict: Predict | None) -> None:
        self.route = route
        self.extractive = extractive
        self.not_sure = not_sure
        self.predict = predict

    async def answer(
        self, turn: Turn, req: Request, text: str, pred: IntentPrediction, catalog: Sequence[dict[str, Any]]
    ) -> Reply | None:
        """The joined reply, or None when the message is one question (or no part could be answered)."""
        parts = split_request(req, text, catalog)
        if not parts:
            return None
        token = _IN_PART.set(True)
        state, history = turn.state, turn.history
        # each part names its own subject (or the message's product): no topic or question from earlier turns
        turn.history = []
        try:
            answered = [await self._one(turn, part, pred, req, state, first=n == 0) for n, part in enumerate(parts)]
        finally:
            _IN_PART.reset(token)
            turn.state, turn.history, turn.request = state, history, req  # the state moves on from the whole message
        if not any(a is not None for a in answered):
            return None
        return _joined(parts, answered, pred)

    async def _one(
        self, turn: Turn, part: str, pred: IntentPrediction, req: Request, state: ConversationState, *, first: bool
    ) -> Reply | None:
        """One part's reply from the data, or None when the data does not answer it."""
        part_pred = self.predict(part) if self.predict is not None else pred
        turn.state = ConversationState.from_dict(state.to_dict())
        turn.state.topic, turn.state.last_kind = "", ""
        if req.kind == RequestKind.PRODUCT_FACT and req.skus and (not first or req.followup):
            # "is it in stock in M?" after "is the X warm?": about that product
            turn.state.skus, turn.state.last_kind = req.skus[:1], RequestKind.PRODUCT_FACT.value
        plan = await self.route(turn, part, part_pred)
        reply = plan.reply
        if reply is None:
            said = self.extractive(plan)
            if said == self.not_sure:
                return None
            reply = Reply(
                text=said,
                sources=plan.sources,
                flags={Flag.FROM_DATA},
                intent=part_pred.intent,
                author=Author.EXTRACTIVE,
            )
        if reply.flags & UNANSWERED or Flag.HANDOFF in reply.flags and reply.author == Author.CANNED:
            return None
        if not reply.text.strip() or reply.text == self.not_sure:
            return None
        return reply


def _joined(parts: list[str], answered: list[Reply | None], pred: IntentPrediction) -> Reply:
    """The answers in the order asked; an unanswered part is named, with a person offered."""
    texts: list[str] = []
    sources: list[dict[str, str]] = []
    cards: list[ProductCard] = []
    buttons: list[Button] = []
    flags: set[Flag] = set()
    authors: set[Author] = set()
    for part, reply in zip(parts, answered, strict=True):
        if reply is None:
            texts.append(unsure_line([part.rstrip("?")]))
            buttons.append(HANDOFF_BUTTON)
            continue
        if "\n" in reply.text:  # a list keeps its lines, ends as a sentence, and the next part starts on its own line
            listing = reply.text.strip()
            texts.append(listing + ("" if listing[-1:] in ".!?:" else ".") + "\n")
        else:
            texts += [s for s in split_sentences(reply.text) if s not in " ".join(texts)]
        sources += [s for s in reply.sources if s not in sources]
        cards += [c for c in reply.cards if c.sku not in {k.sku for k in cards}]
        buttons += [b for b in reply.buttons if b not in buttons]
        flags |= reply.flags & {Flag.STRUCTURED, Flag.FROM_DATA, Flag.CATALOG, Flag.ORDER, Flag.NOT_CARRIED}
        authors.add(reply.author)
    first = next(r for r in answered if r is not None)
    return Reply(
        text=" ".join(texts).replace("\n ", "\n\n").strip(),
        sources=sources[:4],
        cards=cards,
        buttons=list(dict.fromkeys(buttons)),
        flags=flags | {Flag.MULTI_PART},
        intent=first.intent or pred.intent,
        confidence=min(r.confidence for r in answered if r is not None) or 0.9,
        author=Author.EXTRACTIVE if Author.EXTRACTIVE in authors else Author.TEMPLATE,
    )
