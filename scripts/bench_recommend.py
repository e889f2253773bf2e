#!/usr/bin/env python
"""Benchmark the recommender: training time on ML-100k (100,000 interactions) and latency of one call.

Reports wall-clock and CPU training time for implicit training (with model selection: the
candidates compete on two validation splits, then the winner is refitted; and the weighted-ALS MF
alone) and explicit (biased ALS) training, then p50/p95 latency of `Recommender.recommend` over the 1,682-item
catalogue: for a known customer, with a discussed item as context, and with free
context text (which adds one MiniLM embedding of the text).
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.recommend.interactions import read_interactions_csv, read_items_csv  # noqa: E402
from bot.recommend.mf import MFConfig  # noqa: E402
from bot.recommend.mf_train import train_mf  # noqa: E402
from bot.recommend.recommender import Recommender  # noqa: E402
from bot.recommend.selection import train_recommender  # noqa: E402
from bot.recommend.text_embeddings import embed_items  # noqa: E402


def percentiles(samples: list[float]) -> dict[str, float]:
    """p50 and p95 in milliseconds."""
    arr = np.array(samples) * 1000.0
    return {"p50_ms": round(float(np.percentile(arr, 50)), 2), "p95_ms": round(float(np.percentile(arr, 95)), 2)}


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--movielens-dir", type=Path, default=ROOT / "var" / "cache" / "movielens")
    parser.add_argument("--embedder", choices=["minilm", "hashing"], default="minilm")
    parser.add_argument("--cache", type=Path, default=ROOT / "var" / "cache" / "embeddings")
    parser.add_argument("--calls", type=int, default=300, help="recommend calls per latency scenario")
    args = parser.parse_args(argv)
    logging.basicConfig(level="WARNING")
    inter_csv, items_csv = args.movielens_dir / "ml-100k.csv", args.movielens_dir / "ml-100k-items.csv"
    if not inter_csv.exists():
        subprocess.run([sys.executable, str(ROOT / "scripts" / "fetch_movielens.py"), "--out", str(args.movielens_dir)], check=True)
    items = read_items_csv(items_csv)
    emb = embed_items(items, embedder=args.embedder, cache_dir=args.cache)
    out: dict[str, dict] = {}
    t, c = time.perf_counter(), time.process_time()
    model = train_recommender(read_interactions_csv(inter_csv), item_embeddings=emb, config=MFConfig(mode="implicit", embedder=args.embedder))
    out["train_implicit_with_selection"] = {"interactions": 100000, "seconds": round(time.perf_counter() - t, 2), "cpu_seconds": round(time.process_time() - c, 2),
                                            "winner": model.ranker.kind if model.ranker else None}
    t, c = time.perf_counter(), time.process_time()
    train_mf(read_interactions_csv(inter_csv), item_embeddings=emb, config=MFConfig(mode="implicit", embedder=args.embedder))
    out["train_implicit_mf_only"] = {"interactions": 100000, "seconds": round(time.perf_counter() - t, 2), "cpu_seconds": round(time.process_time() - c, 2)}
    t, c = time.perf_counter(), time.process_time()
    train_mf(read_interactions_csv(inter_csv, ratings=True), item_embeddings=emb, config=MFConfig(mode="explicit", iterations=5, embedder=args.embedder))
    out["train_explicit"] = {"interactions": 100000, "seconds": round(time.perf_counter() - t, 2), "cpu_seconds": round(time.process_time() - c, 2)}

    from bot.embed.embedder import get_embedder

    embedder = get_embedder(args.embedder)
    products = [{"sku": it.item, "name": it.name, "category": it.category, "description": it.description, "in_stock": True} for it in items]
    rec = Recommender(model, products, embed=lambda texts: embedder.embed(texts))
    rng = np.random.default_rng(0)
    users = rng.choice(model.user_ids, size=args.calls)
    about = rng.choice(model.item_ids, size=args.calls)
    scenarios = {
        "known_customer": lambda n: rec.recommend(users[n], k=5),
        "with_discussed_item": lambda n: rec.recommend(users[n], k=5, context_items=[about[n]]),
        "with_context_text": lambda n: rec.recommend(users[n], k=5, context_text=f"something like {rec.name(about[n])}"),
    }
    for name, call in scenarios.items():
        call(0)  # warm-up
        samples = []
        for n in range(args.calls):
            t = time.perf_counter()
            call(n)
            samples.append(time.perf_counter() - t)
        out[name] = {"calls": args.calls, **percentiles(samples)}
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
