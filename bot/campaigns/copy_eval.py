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


def independent_unsupported(text: str, allowed: str, names: list[str]) -> list[str]:
    """Numbers, codes, URLs and catalog names in `text` that `allowed` (the offer's facts and the customer's name) lacks.

    Deliberately simpler than the verifier (plain substring checks), so the two can disagree.
    """
    bad = [m.group(0) for m in _NUMBER.finditer(text) if m.group(0) not in allowed]
    bad += [m.group(0) for m in _CODE.finditer(text) if m.group(0) not in allowed]
    bad += [m.group(0) for m in _URL.finditer(text) if m.group(0) not in allowed]
    low, allowed_low = text.lower(), allowed.lower()
    bad += [n for n in names if n.lower() in low and n.lower() not in allowed_low]
    return bad


def evaluate(
    generate: Generate | None, catalog: list[dict[str, Any]], offers: list[tuple[Offer, str, str]]
) -> dict[str, Any]:
    """Write copy for each offer, fill it for one customer and check it; returns rates and examples."""
    writer = CopyWriter(generate, catalog=catalog)
    by_sku = {str(p["sku"]): p for p in catalog}
    names = sorted(
        {str(p["name"]) for p in catalog if p.get("name")} | {str(p["brand"]) for p in catalog if p.get("brand")}
    )
    model_ok = template = unsupported_msgs = verifier_fail = 0
    times: list[float] = []
    examples: list[dict[str, Any]] = []
    failures: list[dict[str, Any]] = []
    for offer, segment, tone in offers:
        t0 = time.perf_counter()
        result = writer.write(offer, segment=segment, tone=tone)
        times.append(time.perf_counter() - t0)
        model_ok += result.source == "model"
        template += result.source == "template"
        product = by_sku[offer.skus[0]]
        message = writer.fill(result.text, first_name="Alex", product=product)
        reasons = writer.verify_message(message, offer, product=product, first_name="Alex", segment=segment, tone=tone)
        allowed = writer.grounding(offer, segment=segment, tone=tone) + "\nAlex"
        bad = independent_unsupported(message, allowed, names)
        verifier_fail += bool(reasons)
        unsupported_msgs += bool(bad)
        if bad or reasons:
            failures.append({"message": message, "unsupported": bad, "reasons": reasons})
        if len(examples) < 5:
            examples.append(
                {
                    "source": result.source,
                    "message": message,
                    "model_text": result.model_text,
                    "rejected_for": result.reasons,
                }
            )
    n = max(1, len(offers))
    times.sort()
    return {
        "messages": len(offers),
        "model_copy_passed": model_ok,
        "model_pass_rate": round(model_ok / n, 4),
        "template_fallbacks": template,
        "final_messages_failing_verifier": verifier_fail,
        "final_messages_with_unsupported_facts": unsupported_msgs,
        "seconds_per_copy_p50": round(times[len(times) // 2], 3) if times else 0.0,
        "examples": examples,
        "failures": failures[:5],
    }
