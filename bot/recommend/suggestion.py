"""One recommendation for one reply: the best candidate, checked against the insertion policy."""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from functools import partial
from typing import Any

from bot.domain import Intent
from bot.recommend.complements import normalise, relates
from bot.recommend.policy import Decision, should_recommend
from bot.recommend.recommender import Recommendation, Recommender

_WORD = re.compile(r"[a-z][a-z\-]+")


def context_categories(text: str | None, categories: Iterable[str]) -> set[str]:
    """Catalogue categories named in the conversation text ("a scarf for this jacket" -> {scarf, jacket})."""
    if not text:
        return set()
    words = {normalise(w) for w in _WORD.findall(text.lower())}
    return {c for c in categories if normalise(c) in words}


def suggest(
    rec: Recommender,
    customer: str | None,
    *,
    intent: Intent | str,
    resolved: bool,
    handoff: bool,
    consent: bool,
    turns_since_last: int | None,
    every_n: int,
    already_shown: Collection[str],
    threshold: float,
    context_text: str | None = None,
    context_items: Iterable[str] = (),
    bought: Iterable[str] | None = None,
    filters: Mapping[str, Any] | None = None,
    candidates: int = 10,
) -> tuple[Recommendation | None, Decision]:
    """The first candidate the policy allows (or None) and the decision about it."""
    policy = partial(
        should_recommend,
        intent=intent,
        resolved=resolved,
        handoff=handoff,
        consent=consent,
        turns_since_last=turns_since_last,
        every_n=every_n,
        threshold=threshold,
    )
    gate = policy(already_shown=(), candidate_item="", candidate_score=threshold, relates_to_context=True)
    if not gate.ok:  # cheap rules first: no scoring at all in a complaint or without consent
        return None, gate
    items = list(context_items)
    wanted = {str(rec.products.get(i, {}).get("category", "")) for i in items} | context_categories(
        context_text, {str(p.get("category", "")) for p in rec.products.values()}
    )
    wanted.discard("")
    pairs = [x for i in items for x in rec.products.get(i, {}).get("pairs_with", []) or []]
    last = Decision(False, "no candidate passes the filters")
    for pick in rec.recommend(
        customer,
        k=candidates,
        context_text=context_text,
        context_items=items,
        bought=bought,
        exclude=already_shown,
        filters=filters,
    ):
        category = str(rec.products.get(pick.item, {}).get("category", ""))
        last = policy(
            already_shown=already_shown,
            candidate_item=pick.item,
            candidate_score=pick.score,
            relates_to_context=any(relates(category, w, extra=pairs) for w in wanted),
        )
        if last.ok:
            return pick, last
    return None, last
