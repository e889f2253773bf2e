"""The grounding guard: a reply may state only facts that the grounding states."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from bot.core.facts import PLACES, Fact, extract_facts, find_names, name_pattern, numeric_values

# text a shop assistant never says unless it is echoing its prompt or chat template
LEAK_MARKERS = (
    "<|im_start|>", "<|im_end|>", "<|endoftext|>", "<|system|>", "system prompt", "my instructions",
    "these instructions", "shop information:", "### ", "[source", "you are shopbot",
)
LEAK_NGRAM = 7  # this many consecutive words copied from the system prompt count as leakage


@dataclass(frozen=True, slots=True)
class Verdict:
    """Whether a reply is safe to send, and which of its facts the grounding does not support."""

    ok: bool
    unsupported: list[Fact] = field(default_factory=list)
    leaked: bool = False
    reasons: list[str] = field(default_factory=list)


def verify(
    reply_text: str,
    grounding_text: str,
    *,
    known_names: Iterable[str] = (),
    system_prompt: str = "",
) -> Verdict:
    """Reject a reply that states a fact or known name absent from the grounding, or leaks the prompt."""
    reasons: list[str] = []
    leaked = _leaks(reply_text, system_prompt)
    if leaked:
        reasons.append("prompt leakage")
    grounded = extract_facts(grounding_text)
    unsupported = [f for f in extract_facts(reply_text) if not _supported(f, grounded)]
    mentioned = find_names(reply_text, known_names) + find_names(reply_text, PLACES, kind="place")
    unsupported += [name for name in mentioned if not name_pattern(name.value).search(grounding_text)]
    unsupported.sort(key=lambda f: f.start)
    reasons += [f"unsupported {f.kind}: {f.text}" for f in unsupported]
    return Verdict(ok=not reasons, unsupported=unsupported, leaked=leaked, reasons=reasons)


def _leaks(reply: str, system_prompt: str) -> bool:
    low = reply.lower()
    if any(marker in low for marker in LEAK_MARKERS):
        return True
    prompt_words = re.findall(r"\w+", system_prompt.lower())
    if len(prompt_words) < LEAK_NGRAM:
        return False
    reply_words = " " + " ".join(re.findall(r"\w+", low)) + " "
    return any(
        " " + " ".join(prompt_words[i : i + LEAK_NGRAM]) + " " in reply_words
        for i in range(len(prompt_words) - LEAK_NGRAM + 1)
    )


def _supported(fact: Fact, grounded: list[Fact]) -> bool:
    same_kind = [g for g in grounded if g.kind == fact.kind]
    if fact.kind in ("email", "order_id", "sku"):
        return any(g.value == fact.value for g in same_kind)
    if fact.kind == "url":
        return any(g.value == fact.value or g.value.startswith(fact.value + "/") for g in same_kind)
    if fact.kind == "phone":
        return any(_same_phone(fact.value, g.value) for g in same_kind)
    if fact.kind == "money":
        amount, _, currency = fact.value.partition(" ")
        for g in grounded:
            if g.kind == "money":
                g_amount, _, g_currency = g.value.partition(" ")
                if g_amount == amount and (not currency or not g_currency or currency == g_currency):
                    return True
            elif g.kind == "number" and g.value == amount:
                return True
        return False
    if fact.kind == "percent":
        return fact.value in {g.value for g in grounded if g.kind in ("percent", "number")}
    if fact.kind == "date":
        return any(_same_date(fact.value, g.value) for g in same_kind)
    if fact.kind == "time":
        return any(g.value == fact.value for g in same_kind)
    if fact.kind == "number":
        return fact.value in numeric_values(grounded) | _date_time_parts(grounded)
    return False


def _same_phone(a: str, b: str) -> bool:
    if a == b:
        return True
    shorter, longer = sorted((a, b), key=len)
    return len(shorter) >= 7 and longer.endswith(shorter)


def _same_date(reply: str, ground: str) -> bool:
    r_year, r_month, r_day = reply.split("-")
    g_year, g_month, g_day = ground.split("-")
    if (r_month, r_day) != (g_month, g_day):
        return False
    return "????" in (r_year, g_year) or r_year == g_year


def _date_time_parts(grounded: list[Fact]) -> set[str]:
    """Plain numbers a shopper may fairly be told from dates and opening hours ("open 9 to 5")."""
    parts: set[str] = set()
    for g in grounded:
        if g.kind == "time":
            hour = int(g.value[:2])
            parts |= {str(hour), str(hour % 12 or 12)}
        elif g.kind == "date":
            year, month, day = g.value.split("-")
            # the day alone is not accepted: "2 days" must not pass because of "2026-12-02"
            parts |= {year} if year != "????" else set()
    return parts
