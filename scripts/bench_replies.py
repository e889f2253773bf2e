#!/usr/bin/env python3
"""Reply benchmark on the full pipeline with the configured generator (default: local SmolLM2).

Reports model load time (after the one-time conversion), reply latency p50/p95, streamed first-token
latency p50/p95, throughput, and the share of model-written vs extractive replies. Ends with one JSON line.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUESTIONS = [
    "Are returns free?",
    "How much does overnight shipping cost?",
    "Do you ship to the UK?",
    "How long is a promo code valid?",
    "Which payment methods do you accept?",
    "How much does Northwind Plus cost?",
    "Which items cannot be returned?",
    "When is customer care available?",
    "How much is the Tommy Hilfiger Women's Hudson Poplin Shirt?",
    "Is the Tommy Hilfiger Women's Vail Cable-Knit Sweater in stock in L?",
    "Can I exchange an item for another size?",
    "How long does a refund take?",
    "Are your boots waterproof?",
    "How should I wash my jeans?",
    "Is standard shipping free over a certain amount?",
    "What are the membership levels?",
]


def pct(values: list[float]) -> dict[str, float]:
    """p50/p95 in seconds."""
    arr = np.array(values)
    return {"p50_s": round(float(np.percentile(arr, 50)), 3), "p95_s": round(float(np.percentile(arr, 95)), 3)}


async def run(rounds: int) -> dict[str, object]:
    """Warm up, then time every question `rounds` times through Assistant.stream."""
    from bot.app import build_services
    from bot.config import get_settings
    from bot.domain import Channel, IncomingMessage

    settings = get_settings()
    services = build_services(settings)
    services.kb.open()
    _ = services.intents
    t = time.perf_counter()
    _ = services.chat_model
    if settings.llm_backend == "local":
        services.chat_model.load()  # the weights (converted once before), as at server start-up
        if services.composer.rewriter is not None:  # the rewording model too, as warm_up() loads it
            getattr(services.composer.rewriter.chat_model, "load", lambda: None)()
    load_s = time.perf_counter() - t
    await services.assistant.handle(IncomingMessage("Are returns free?", channel=Channel.CONSOLE))  # warm-up
    totals, firsts, authors = [], [], []
    first_texts, replaced = (
        [],
        0,
    )  # when the shopper first sees any text (a token, else the reply); turns whose shown text was swapped
    started = time.perf_counter()
    for _ in range(rounds):
        for q in QUESTIONS:
            t0 = time.perf_counter()
            first = None
            first_text = None
            async for event in services.assistant.stream(IncomingMessage(q, channel=Channel.CONSOLE)):
                if event["type"] == "token" and first is None:
                    first = time.perf_counter() - t0
                if first_text is None and (
                    event["type"] == "reply" or (event["type"] == "token" and event["text"].strip())
                ):
                    first_text = time.perf_counter() - t0
                replaced += event["type"] == "replace"
                if event["type"] == "reply":
                    reply = event["reply"]
            first_texts.append(first_text if first_text is not None else time.perf_counter() - t0)
            totals.append(time.perf_counter() - t0)
            authors.append(reply.author.value)
            if first is not None:
                firsts.append(first)
    wall = time.perf_counter() - started
    return {
        "backend": settings.llm_backend,
        "model_load_s": round(load_s, 2),
        "replies": len(totals),
        "reply": pct(totals),
        "first_token": pct(firsts) if firsts else None,
        "streamed_turns": len(firsts),
        "first_text": pct(first_texts),
        "replaced_after_streaming": replaced,
        "replies_per_s": round(len(totals) / wall, 3),
        # honest: replies whose text the generator wrote and the verifier (or the paraphrase check) kept
        "model_written_share": round(authors.count("model") / max(1, len(authors)), 3),
        "author_shares": {a: round(authors.count(a) / max(1, len(authors)), 3) for a in sorted(set(authors))},
    }


def main() -> None:
    """Parse arguments, run, print."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--rounds", type=int, default=2, help="times each of the 16 questions is asked")
    args = parser.parse_args()
    result = asyncio.run(run(args.rounds))
    print(
        f"model load: {result['model_load_s']} s; reply {result['reply']}; first token {result['first_token']} "
        f"({result['streamed_turns']} streamed turns); first text {result['first_text']}; "
        f"{result['replaced_after_streaming']} turns replaced after streaming; "
        f"{result['replies_per_s']} replies/s; model-written share {result['model_written_share']}"
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
