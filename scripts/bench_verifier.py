#!/usr/bin/env python
"""Benchmark the verifier on the shop answer sets: time per reply for the word-level checks alone and
with the meaning check (rules plus the MiniLM-backed model), p50/p95, after a warm-up.

    .venv/bin/python scripts/bench_verifier.py [--cases tests/grounding/shop_dev.jsonl] [--rounds 3]

Each answer is checked as the composer checks a reply (min_support 0.75, the question, the grounding), with
its grounding read afresh: the checker's reuse of a grounding's index (a streamed reply checked again) is not
counted, though the unit-embedding cache is (it is warm after the first round).
Timings swing on a shared CPU: compare the two rows of one run; the CPU-time columns (one thread) show
what a check costs on cores nobody else is using.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("HF_HUB_OFFLINE", "1")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=Path, default=ROOT / "tests" / "grounding" / "shop_dev.jsonl")
    parser.add_argument("--rounds", type=int, default=3, help="passes over the answers (the first one fills the unit-embedding cache)")
    parser.add_argument("--embedder", default="minilm", help="minilm (default) or hashing")
    args = parser.parse_args()

    from bot.core.meaning import MeaningChecker
    from bot.core.verify import verify
    from bot.embed.embedder import get_embedder
    from bot.grounding_eval import MIN_SUPPORT, read_grounding_cases

    cases = read_grounding_cases(args.cases)
    t0 = time.perf_counter()
    embedder = get_embedder(args.embedder)
    meaning = MeaningChecker(embed=lambda texts: embedder.embed(texts))
    meaning.check("Warm-up sentence.", "Warm-up sentence.")
    load_s = time.perf_counter() - t0
    out: dict[str, object] = {"answers": len(cases), "rounds": args.rounds, "embedder_load_s": round(load_s, 2)}
    for name, checker in (("words_only", None), ("with_meaning", meaning)):
        times: list[float] = []
        cpu: list[float] = []
        for _ in range(args.rounds):
            for case in cases:
                if checker is not None:
                    checker._indexes.clear()  # each reply with its grounding read afresh (no reuse across answers)
                t, c = time.perf_counter(), time.process_time()
                verify(case["answer"], case["grounding"], question=case["question"], min_support=MIN_SUPPORT, meaning=checker)
                times.append((time.perf_counter() - t) * 1000)
                cpu.append((time.process_time() - c) * 1000)
        ms, cpu_ms = np.array(times), np.array(cpu)
        out[name] = {
            "p50_ms": round(float(np.percentile(ms, 50)), 2), "p95_ms": round(float(np.percentile(ms, 95)), 2),
            "max_ms": round(float(ms.max()), 2), "under_100ms": round(float((ms < 100).mean()), 4),
            # CPU time of this process: what the check costs on cores nobody else is using
            "cpu_p50_ms": round(float(np.percentile(cpu_ms, 50)), 2), "cpu_p95_ms": round(float(np.percentile(cpu_ms, 95)), 2),
        }
    print(json.dumps(out, indent=2))


if __name__ == "__main__":
    main()
