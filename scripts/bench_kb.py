#!/usr/bin/env python3
"""Knowledge-base benchmarks: full-build throughput, query latency at N chunks, unchanged reload, reload under load.

Prints p50/p95 and throughput for each part and ends with one JSON line. Uses the real MiniLM embedder.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import json
import random
import shutil
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = ROOT.parent / "shared" / "data" / "wands_queries" / "query.csv"
FALLBACK_QUERIES = ["black jeans under $60", "do you ship to the UK", "warm winter jacket", "how do I return an item", "leather boots size 9"]


def synth_corpus(out: Path, n_chunks: int, seed: int = 7) -> None:
    """n_chunks product-like records recombined from the demo catalog (one chunk each)."""
    products = [json.loads(line) for line in (ROOT / "knowledge" / "catalog" / "products.jsonl").read_text().splitlines()]
    rng = random.Random(seed)
    out.mkdir(parents=True, exist_ok=True)
    with (out / "records.jsonl").open("w") as fh:
        for i in range(n_chunks):
            a, b = rng.sample(products, 2)
            text = f"{a['name']} in {rng.choice(a['colors'])}. {a['description']} Similar in feel to {b['name']}: {b['description'][:120]}"
            fh.write(json.dumps({"id": f"r{i}", "title": a["name"], "text": text}) + "\n")


def load_queries(n: int) -> list[str]:
    """Real shopper queries (WANDS) when available, else a few fixed ones."""
    if QUERIES.exists():
        with QUERIES.open() as fh:
            rows = [r["query"] for r in csv.DictReader(fh, delimiter="\t")]
        if rows:
            return [rows[i % len(rows)] for i in range(n)]
    return [FALLBACK_QUERIES[i % len(FALLBACK_QUERIES)] for i in range(n)]


def pct(values: list[float]) -> dict[str, float]:
    """p50/p95 in milliseconds."""
    arr = np.array(values) * 1000
    return {"p50_ms": round(float(np.percentile(arr, 50)), 2), "p95_ms": round(float(np.percentile(arr, 95)), 2)}


def main() -> None:
    """Run every part and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--chunks", type=int, default=10_000, help="corpus size for the latency test")
    parser.add_argument("--queries", type=int, default=300)
    parser.add_argument("--burst", type=int, default=200, help="concurrent queries during the reload-under-load test")
    args = parser.parse_args()

    from bot.kb.knowledge_base import KnowledgeBase

    tmp = Path(tempfile.mkdtemp(prefix="shopbot-bench-"))
    result: dict[str, object] = {}
    try:
        # 1. full build throughput and query latency at N chunks
        corpus = tmp / "corpus"
        synth_corpus(corpus, args.chunks)
        kb = KnowledgeBase(corpus, tmp / "kb-big", embedder="minilm")
        t0 = time.perf_counter()
        build = kb.reload(progress=sys.stderr.isatty())
        build_s = time.perf_counter() - t0
        result["full_build"] = {"chunks": build.chunks, "seconds": round(build_s, 2), "chunks_per_s": round(build.chunks / build_s, 1)}
        print(f"full build: {build.chunks} chunks in {build_s:.1f}s = {build.chunks / build_s:.1f} chunks/s")
        queries = load_queries(args.queries)
        for q in queries[:20]:
            kb.search(q, k=5)  # warm-up
        lat = []
        for q in queries:
            t = time.perf_counter()
            kb.search(q, k=5)
            lat.append(time.perf_counter() - t)
        result["query_latency"] = {"chunks": build.chunks, "queries": len(lat), **pct(lat), "qps": round(len(lat) / sum(lat), 1)}
        print(f"query latency at {build.chunks} chunks (embedding included): {pct(lat)}, {len(lat) / sum(lat):.1f} queries/s")

        # 2. reload of the demo store with nothing changed, and a forced rebuild from the embedding cache
        demo = KnowledgeBase(ROOT / "knowledge", tmp / "kb-demo", embedder="minilm")
        demo.reload()
        times, forced = [], []
        for _ in range(5):
            t = time.perf_counter()
            r = demo.reload()
            times.append(time.perf_counter() - t)
            assert r.unchanged
            t = time.perf_counter()
            r = demo.reload(force=True)
            forced.append(time.perf_counter() - t)
            assert r.embedded == 0
        result["reload_unchanged"] = {**pct(times)}
        result["rebuild_cached"] = {"chunks": r.chunks, **pct(forced)}
        print(f"demo store reload, nothing changed: {pct(times)}; forced rebuild from cache ({r.chunks} chunks): {pct(forced)}")

        # 3. a reload during a burst of concurrent HTTP queries
        result["reload_under_load"] = asyncio.run(reload_under_load(tmp, args.burst))
        print(f"reload during a burst of {args.burst} concurrent queries: {result['reload_under_load']}")
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
    print(json.dumps(result))


async def reload_under_load(tmp: Path, burst: int) -> dict[str, object]:
    """Serve the demo store over real HTTP, fire `burst` concurrent queries and a forced reload in the middle."""
    import httpx
    from pydantic import SecretStr

    from bot.app import build_services
    from bot.channels.web.app import create_app
    from bot.config import Settings
    from tests.support.intents import small_intent_classifier
    from tests.support.live_server import live_server

    settings = Settings(home=tmp / "serve", knowledge_dir=ROOT / "knowledge", seed_dir=tmp / "none", admin_token=SecretStr("bench"), llm_backend="echo")
    services = build_services(settings)
    services.__dict__["intents"] = small_intent_classifier()  # the benchmark measures search, not the classifier
    services.kb.cache_dir = tmp / "kb-demo" / "cache"
    app = create_app(services)
    with live_server(app, timeout_s=300) as url:
        async with httpx.AsyncClient(base_url=url, timeout=60, limits=httpx.Limits(max_connections=50)) as client:
            async def query(i: int) -> tuple[int, float]:
                t = time.perf_counter()
                r = await client.post("/api/search", json={"query": f"how do I return item {i}", "k": 5})
                ok = r.status_code == 200 and bool(r.json()["hits"])
                return (0 if ok else 1), time.perf_counter() - t

            async def reload() -> str:
                await asyncio.sleep(0.2)
                r = await client.post("/admin/kb/reload", params={"force": "true"}, headers={"Authorization": "Bearer bench"})
                return r.json()["version"]

            before = (await client.get("/healthz")).json()["kb_version"]
            started = time.perf_counter()
            outcomes = await asyncio.gather(*[query(i) for i in range(burst)], reload())
            wall = time.perf_counter() - started
    new_version = outcomes[-1]
    results = outcomes[:-1]
    return {
        "queries": burst, "failed": sum(f for f, _ in results), **pct([t for _, t in results]),
        "throughput_per_s": round(burst / wall, 1), "version_before": before, "version_after": new_version,
    }


if __name__ == "__main__":
    main()
