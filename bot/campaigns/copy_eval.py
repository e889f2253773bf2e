"""Measure copy generation: random offers from the catalog, the writer's copy filled per customer, and an independent
fact check of every final message (used by scripts/bench_campaigns.py and `shopbot llm tune --task copy`)."""

from __future__ import annotations

import random
import re
import time
from typing import Any

from bot.campaigns.copy import CopyWriter, Generate
from bot.campaigns.model import TONES, Offer

SEGMENTS = ("new", "loyal", "high value", "at risk", "bargain hunter", "gift buyer", "all")
_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_CODE = re.compile(r"\b[A-Z]{2,}[0-9]+[A-Z0-9]*\b")
_URL = re.compile(r"https?://\S+|www\.\S+", re.I)
_CAPITALISED = re.compile(r"\b[A-Z][\w'-]*[a-z][\w'-]*")


def random_offers(catalog: list[dict[str, Any]], n: int, *, seed: int = 7) -> list[tuple[Offer, str, str]]:
    """n (offer, segment, tone) triples: 1-2 products, and sometimes a discount, code, free shipping or end date."""
    rng = random.Random(seed)
    skus = [str(p["sku"]) for p in catalog if p.get("sku") and p.get("name")]
    out = []
    for _ in range(n):
        discount = rng.choice(["", "", "10%", "15%", "20%", "$10"])
        offer = Offer(
            "products",
            rng.sample(skus, k=rng.choice([1, 1, 2])),
            discount,
            rng.random() < 0.25,
            rng.choice(["", "SAVE10", "WINTER15"]) if discount else "",
            rng.choice(["", "", f"2026-12-{rng.randint(10, 31)}"]),
        )
        out.append((offer, rng.choice(SEGMENTS), rng.choice(TONES)))
    return out


def independent_unsupported(text: str, allowed: str, names: list[str], name_words: set[str] | None = None) -> list[str]:
    """Numbers, codes, URLs, catalog names and capitalised words of catalog product names in `text` that `allowed`
    (the offer's facts and the customer's name) lacks.

    Deliberately simpler than the verifier (plain substring checks), so the two can disagree.
    """
    bad = [m.group(0) for m in _NUMBER.finditer(text) if m.group(0) not in allowed]
    bad += [m.group(0) for m in _CODE.finditer(text) if m.group(0) not in allowed]
    bad += [m.group(0) for m in _URL.finditer(text) if m.group(0) not in allowed]
    low, allowed_low = text.lower(), allowed.lower()
    bad += [n for n in names if n.lower() in low and n.lower() not in allowed_low]
    words = set(_CAPITALISED.findall(text))
    bad += sorted(w for w in words & (name_words or set()) if w.lower() not in allowed_low)
    return bad


def catalog_name_words(catalog: list[dict[str, Any]]) -> set[str]:
    """Every capitalised word of every product name ("Camden", "Oversized", "T-Shirt")."""
    return {w for p in catalog for w in _CAPITALISED.findall(str(p.get("name") or ""))}


def evaluate(
    generate: Generate | None, catalog: list[dict[str, Any]], offers: list[tuple[Offer, str, str]]
) -> dict[str, Any]:
    """Write copy for each offer, build one customer's message the way the queue does (the copy filled in, or the
    template when that fails for the customer) and check what would be sent; returns rates and examples."""
    writer = CopyWriter(generate, catalog=catalog)
    by_sku = {str(p["sku"]): p for p in catalog}
    names = sorted(
        {str(p["name"]) for p in catalog if p.get("name")} | {str(p["brand"]) for p in catalog if p.get("brand")}
    )
    name_words = catalog_name_words(catalog)
    counts = dict.fromkeys(("model", "template", "customer_fallback", "unsent", "verifier_fail", "unsupported"), 0)
    times: list[float] = []
    examples: list[dict[str, Any]] = []
    failures: list[dict[str, Any]] = []
    for offer, segment, tone in offers:
        t0 = time.perf_counter()
        result = writer.write(offer, segment=segment, tone=tone)
        times.append(time.perf_counter() - t0)
        counts[result.source] += 1
        product = by_sku[offer.skus[0]]
        fields: dict[str, Any] = {"product": product, "first_name": "Alex", "segment": segment, "tone": tone}
        message = writer.message(result.text, offer, **fields)
        if message is None:
            counts["unsent"] += 1
            failures.append({"copy": result.text, "unsent": True})
            continue
        counts["customer_fallback"] += message.source == "template"
        reasons = writer.verify_message(message.text, offer, **fields)
        allowed = writer.grounding(offer, segment=segment, tone=tone) + "\nAlex"
        bad = independent_unsupported(message.text, allowed, names, name_words)
        counts["verifier_fail"] += bool(reasons)
        counts["unsupported"] += bool(bad)
        if bad or reasons or message.source == "template":
            failures.append(
                {"message": message.text, "unsupported": bad, "reasons": reasons, "copy_failed": message.reasons}
            )
        if len(examples) < 5:
            examples.append(
                {
                    "source": result.source,
                    "message": message.text,
                    "model_text": result.model_text,
                    "rejected_for": result.reasons,
                }
            )
    return _summary(counts, len(offers), times) | {"examples": examples, "failures": failures[:8]}


def _summary(counts: dict[str, int], messages: int, times: list[float]) -> dict[str, Any]:
    n = max(1, messages)
    times = sorted(times)
    return {
        "messages": messages,
        "model_copy_passed": counts["model"],
        "model_pass_rate": round(counts["model"] / n, 4),
        "template_fallbacks": counts["template"],
        "customer_template_fallbacks": counts["customer_fallback"],
        "customers_without_message": counts["unsent"],
        "final_messages_failing_verifier": counts["verifier_fail"],
        "final_messages_with_unsupported_facts": counts["unsupported"],
        "seconds_per_copy_p50": round(times[len(times) // 2], 3) if times else 0.0,
    }
