#!/usr/bin/env python
"""Evaluate the recommender on MovieLens 100k and on the demo store; print a table and JSON.

Runs, each on the same split for the model and its baselines:
  1. ML-100k explicit ratings, 5-fold cross-validation: RMSE and MAE
  2. ML-100k implicit (every rating counts as an interaction), leave-last-out: HR@10, NDCG@10, coverage
  3. sparse ML-100k: 3-8 interactions kept per user (seeded), implicit, leave-last-out
  4. the demo store's event log, implicit, leave-last-out
  5. a synthetic purchase log with planted co-purchase bundles (bot/recommend/synthetic.py), leave-last-out
For implicit runs `model` is the candidate that won on a validation split cut from the training part
(printed as `winner`), `text_mf` the text-informed MF alone, `popularity` and `item_item` the baselines.

MovieLens is fetched into var/cache with scripts/fetch_movielens.py when missing (it may
not be redistributed, so it is never committed). Item texts (titles, genres; product
names and descriptions) feed the item vectors through MiniLM unless --embedder hashing.
"""

from __future__ import annotations

import argparse
import json
import logging
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bot.recommend.catalog import product_texts, read_event_log, read_products  # noqa: E402
from bot.recommend.evaluate import evaluate_recommend  # noqa: E402
from bot.recommend.interactions import read_interactions_csv, read_items_csv  # noqa: E402
from bot.recommend.synthetic import planted_log, sparse_subsample  # noqa: E402


def movielens(cache: Path) -> tuple[Path, Path]:
    """The ML-100k CSVs, fetched on first use."""
    inter, items = cache / "ml-100k.csv", cache / "ml-100k-items.csv"
    if not inter.exists() or not items.exists():
        subprocess.run([sys.executable, str(ROOT / "scripts" / "fetch_movielens.py"), "--out", str(cache)], check=True)
    return inter, items


def table(results: dict[str, dict]) -> str:
    """A plain-text summary table."""
    lines = [f"{'run':<34} {'system':<18} {'RMSE':>7} {'MAE':>7} {'HR@10':>7} {'NDCG@10':>8} {'cover':>7}"]
    for run, res in results.items():
        if res.get("selection"):
            sel = res["selection"]
            best = f", best-scoring {sel['best_score_candidate']} {sel['best_score']} within one SE" if sel.get("best_score_candidate") not in (None, sel.get("winner")) else ""
            lines.append(f"{run:<34} winner: {sel.get('winner')} (validation {sel.get('metric', '')} {sel.get('winner_score', '-')}{best}; runner-up {sel.get('runner_up')} {sel.get('runner_up_score', '-')})")
        for system in ("model", "biases_only", "text_mf", "popularity", "item_item"):
            if system not in res:
                continue
            m = res[system]
            cells = [f"{m[k]:.4f}" if k in m else "" for k in ("rmse", "mae", "hr@10", "ndcg@10", "coverage")]
            lines.append(f"{run:<34} {system:<18} {cells[0]:>7} {cells[1]:>7} {cells[2]:>7} {cells[3]:>8} {cells[4]:>7}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    """Command-line entry point."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--movielens-dir", type=Path, default=ROOT / "var" / "cache" / "movielens", help="where the ML-100k CSVs are (fetched if missing)")
    parser.add_argument("--demo", type=Path, default=ROOT / "knowledge", help="the demo store's knowledge folder")
    parser.add_argument("--embedder", choices=["minilm", "hashing"], default="minilm")
    parser.add_argument("--cache", type=Path, default=ROOT / "var" / "cache" / "embeddings", help="embedding cache folder")
    parser.add_argument("--skip-movielens", action="store_true", help="only the demo store")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--seed", type=int, default=0, help="seed of the sparse ML-100k sample and the synthetic log")
    parser.add_argument("--skip-explicit", action="store_true", help="skip the 5-fold ratings run")
    parser.add_argument("--json", type=Path, default=None, help="also write the results to this JSON file")
    args = parser.parse_args(argv)
    logging.basicConfig(level="WARNING")
    results: dict[str, dict] = {}
    t0 = time.perf_counter()
    if not args.skip_movielens:
        inter_csv, items_csv = movielens(args.movielens_dir)
        items = read_items_csv(items_csv)
        rated = read_interactions_csv(inter_csv, ratings=True)
        if not args.skip_explicit:
            results[f"ml-100k explicit {args.folds}-fold"] = evaluate_recommend(rated, ratings=True, split="kfold", folds=args.folds, items=items, embedder=args.embedder, cache_dir=args.cache)
        implicit = read_interactions_csv(inter_csv)
        results["ml-100k implicit leave-last-out"] = evaluate_recommend(implicit, ratings=False, split="leave-last-out", items=items, embedder=args.embedder, cache_dir=args.cache)
        results["ml-100k sparse (3-8/user) leave-last-out"] = evaluate_recommend(sparse_subsample(implicit, low=3, high=8, seed=args.seed), ratings=False, split="leave-last-out", items=items, embedder=args.embedder, cache_dir=args.cache)
    events = read_event_log(args.demo / "_seed" / "interactions.jsonl")
    texts = product_texts(read_products(args.demo / "catalog" / "products.jsonl"))
    results["demo store implicit leave-last-out"] = evaluate_recommend(events, ratings=False, split="leave-last-out", items=texts, embedder=args.embedder, cache_dir=args.cache)
    results["synthetic co-purchase leave-last-out"] = evaluate_recommend(planted_log(seed=args.seed), ratings=False, split="leave-last-out")
    print(table(results))
    print(f"\ntotal {time.perf_counter() - t0:.0f}s")
    out = json.dumps(results, indent=2)
    print(out)
    if args.json:
        args.json.write_text(out + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
