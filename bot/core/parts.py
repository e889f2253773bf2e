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

from bot.core.answer_check import asked_parts, unanswered, unsure_line
from bot.core.lookups import find_products, products_by_sku
from bot.core.order_words import AMOUNT_BACK, FEE_BACK, WHY_STATE
from bot.core.referent import asks_rule, kind_word, rule_about
from bot.core.request import ORDER_ASPECTS, OWN_ORDER
from bot.core.sentences import split_sentences
from bot.core.turn import HANDOFF_BUTTON, Plan, Turn
from bot.core.two_part import led, question_parts
from bot.domain import (
    Author,
    Button,
    ConversationState,
    Flag,
    IntentPrediction,
    OrderAspect,
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
# a part that only names what the next one asks about ("what about the black hiking boots i got in august")
SUBJECT_ONLY = re.compile(r"^\W*(?:(?:and|so|ok|okay|also|then)\W+)*(?:what|how) about\b", re.I)
UNANSWERED = {Flag.LOW_CONFIDENCE, Flag.OUT_OF_SCOPE, Flag.CASE_OPENED}
UPGRADE_COST = re.compile(r"\b(?:how much|cost\w*|price\w*|fee|charge\w*|extra)\b", re.I)


def plain(part: str, text: str) -> str:
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
    parts = [plain(p, text) for p in question_parts(text)]
    if not parts or any(led(p) for p in parts):
        return []  # a statement that leads to a question about a product: the message is answered whole
    refund = OrderAspect.REFUND in req.aspects  # "did my return go through? how much am I getting back": one order
    speed = OrderAspect.SPEED in req.aspects  # "can i bump it to overnight? what would it cost": the upgrade's price
    if req.kind == RequestKind.OWN_ORDER and all(
        _order_part(p)
        or WHY_STATE.search(p)
        or FEE_BACK.search(p)
        or refund
        and AMOUNT_BACK.search(p)
        or speed
        and UPGRADE_COST.search(p)
        for p in parts
    ):
        return []
    if req.kind == RequestKind.OWN_ORDER and any(SUBJECT_ONLY.search(p) and not _order_part(p) for p in parts[:-1]):
        return []  # "what about the boots i got in august, can those go back too?": one question about that order
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
        return joined(parts, answered, pred)

    async def each(self, turn: Turn, req: Request, parts: list[str], pred: IntentPrediction) -> list[Reply | None]:
        """Each part routed on its own (a product's fact, a care rule, a store, the account), never split again:
        its reply from the data, or None where the data does not answer it. The turn's state is left as it was."""
        token = _IN_PART.set(True)
        state, history = turn.state, turn.history
        turn.history = []
        try:
            answered = [await self._one(turn, part, pred, req, state, first=n == 0) for n, part in enumerate(parts)]
            # a policy question answered with the listings its words retrieved ("how should I store it?"): unanswered
            return [None if r is not None and product_dump(r.text) else r for r in answered]
        finally:
            _IN_PART.reset(token)
            turn.state, turn.history, turn.request = state, history, req

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


def joined(parts: list[str], answered: list[Reply | None], pred: IntentPrediction) -> Reply:
    """The answers in the order asked; an unanswered part is named, with a person offered."""
    texts: list[str] = []
    sources: list[dict[str, str]] = []
    cards: list[ProductCard] = []
    buttons: list[Button] = []
    flags: set[Flag] = set()
    authors: set[Author] = set()
    said = " ".join(r.text for r in answered if r is not None)
    for part, reply in zip(parts, answered, strict=True):
        if reply is None:
            if asked_parts(part)[0].slots and not unanswered(part, said):
                continue  # another part's answer says it ("can she return it?": "... cannot be returned unless ...")
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
        text=re.sub(r"(?<=\S) {2,}", " ", " ".join(texts).replace("\n ", "\n\n")).strip(),
        sources=sources[:4],
        cards=cards,
        buttons=list(dict.fromkeys(buttons)),
        flags=flags | {Flag.MULTI_PART},
        intent=first.intent or pred.intent,
        confidence=min(r.confidence for r in answered if r is not None) or 0.9,
        author=Author.EXTRACTIVE if Author.EXTRACTIVE in authors else Author.TEMPLATE,
    )


def policy_reply(said: list[str], sources: list[dict[str, str]]) -> Reply:
    """One policy part's answer (its sentences from the data) as a reply to join with the others."""
    return Reply(text=" ".join(said), sources=sources, flags={Flag.FROM_DATA}, author=Author.EXTRACTIVE)


def policy_joined(said: list[tuple[list[str], list[dict[str, str]]]], pred: IntentPrediction) -> Reply:
    """Every part a policy question the data answers: their sentences in the order asked, none said twice."""
    texts: list[str] = []
    sources: list[dict[str, str]] = []
    for sentences, found in said:
        texts += [s for s in sentences if s not in " ".join(texts)]
        sources += [x for x in found if x not in sources]
    return Reply(
        text=re.sub(r"(?<=\S) {2,}", " ", " ".join(texts)).strip(),
        sources=sources[:4],
        flags={Flag.FROM_DATA},
        intent=pred.intent,
        confidence=0.9,
        author=Author.EXTRACTIVE,
    )


# a product's summary line as retrieval gives it: "X (SKU GS-JK-1076) by Guess: price 218.99 USD; ..."
SUMMARY = re.compile(r"\(SKU [A-Z0-9-]+\) by [^:]+: price\b|^[^.]* by [^.]* \(SKU [A-Z0-9-]+\)\.?$")


def product_dump(text: str) -> bool:
    """Every sentence of the text is a product's summary line: no answer to a question about a rule or a care."""
    said = [s for s in split_sentences(text.split("\n\nRecommended for you:", maxsplit=1)[0]) if s.strip()]
    return bool(said) and all(SUMMARY.search(s) for s in said)
