#!/usr/bin/env python3
"""Catalog-scale benchmark: a synthetic catalog of N products (default 50,000) next to the demo store's 320.

Measures, in one run so that ratios hold on a shared machine:
  - build: full knowledge-base build of the demo store and of the big catalog (chunks/s, seconds);
  - reload: change --changed products (default 100), reload; only those are embedded again;
  - retrieval: kb.search p50/p95 with the query embedding, and the IVF candidates' recall against an exact scan;
  - worker: one worker process per catalog (echo generator, so the model's time is left out) answering the
    same questions through Assistant.handle: turn p50/p95 and resident memory (VmRSS, peak VmHWM). Each turn is
    timed on the wall clock and in the process's CPU time (time.process_time, every thread): on a shared machine
    the load swings the wall figures, the CPU figures much less; both ratios (big / demo) are printed.
The catalog is written by scripts/make_demo_store.py --products N into a temporary folder (never knowledge/).
Prints each part as it finishes and ends with one JSON line. The load average is recorded with each part.

    OMP_NUM_THREADS=1 .venv/bin/python scripts/bench_catalog.py --products 50000
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

POLICY_QUESTIONS = [
    "Are returns free?",
    "How much does overnight shipping cost?",
    "Do you ship to the UK?",
    "Which payment methods do you accept?",
    "How long does a refund take?",
    "Can I exchange an item for another size?",
    "How should I wash my jeans?",
    "When is customer care available?",
]


def pct(values: list[float]) -> dict[str, float]:
    """p50/p95 in milliseconds."""
    arr = np.array(values) * 1000
    return {"p50_ms": round(float(np.percentile(arr, 50)), 2), "p95_ms": round(float(np.percentile(arr, 95)), 2)}


def load() -> list[float]:
    """The 1/5/15-minute load averages, as the machine's business during a part."""
    return [round(x, 2) for x in os.getloadavg()]


def say(part: str, figures: dict[str, Any]) -> None:
    print(f"{part}: {json.dumps(figures)}", flush=True)


def make_knowledge(out: Path, products: int) -> Path:
    """The demo store's pages plus a generated catalog of `products` products and its seed data."""
    spec = importlib.util.spec_from_file_location("make_demo_store", ROOT / "scripts" / "make_demo_store.py")
    assert spec and spec.loader
    store = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(store)
    shutil.copytree(ROOT / "knowledge", out, ignore=shutil.ignore_patterns("products.jsonl", "_seed"))
    for rel, rows in store.generate(store.SEED, products).items():
        store.dump_jsonl(out / rel, rows)
    return out


def change_products(catalog: Path, n: int, seed: int = 11) -> list[str]:
    """Append a sentence to the descriptions of n products (a price list update would do the same)."""
    lines = catalog.read_text(encoding="utf-8").splitlines()
    picked = sorted(random.Random(seed).sample(range(len(lines)), n))
    skus = []
    for i in picked:
        row = json.loads(lines[i])
        row["description"] += " Now made with recycled trims."
        lines[i] = json.dumps(row, ensure_ascii=False)
        skus.append(row["sku"])
    catalog.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return skus


def build(knowledge: Path, root: Path, ann_min_rows: int, embedder: str = "minilm") -> tuple[Any, dict[str, Any]]:
    """A full build from an empty cache; returns the knowledge base and its figures."""
    from bot.kb.knowledge_base import KnowledgeBase

    kb = KnowledgeBase(knowledge, root, embedder=embedder, ann_min_rows=ann_min_rows)
    before = load()
    last = [0.0]

    def progress(stage: str, done: int, total: int) -> None:
        if stage == "embedding" and time.perf_counter() - last[0] > 30:
            last[0] = time.perf_counter()
            print(f"  embedding {done}/{total}", file=sys.stderr, flush=True)

    t = time.perf_counter()
    result = kb.reload(on_progress=progress)
    seconds = time.perf_counter() - t
    return kb, {
        "chunks": result.chunks,
        "rows_embedded": result.embedded,
        "seconds": round(seconds, 1),
        "rows_per_s": round(result.embedded / seconds, 1),
        "dense_index": kb.index.dense_kind,
        "load_before": before,
        "load_after": load(),
    }


def queries_for(kb: Any, n: int, seed: int = 5) -> list[str]:
    """Questions a shopper asks of a catalog: product names, kinds with a constraint, and policy questions."""
    rng = random.Random(seed)
    products = kb.products()
    out = []
    for i in range(n):
        p = rng.choice(products)
        kind = i % 3
        if kind == 0:
            out.append(f"Is the {p['name']} in stock?")
        elif kind == 1:
            out.append(f"{rng.choice(p.get('colors') or ['black'])} {p['category']} under ${int(p['price']) + 10}")
        else:
            out.append(rng.choice(POLICY_QUESTIONS))
    return out


def retrieval(kb: Any, queries: list[str]) -> dict[str, Any]:
    """kb.search latency with the query embedding, and IVF candidate recall@50 against an exact scan."""
    import faiss

    before = load()
    kb.search("warm-up", k=5)
    totals, embeds = [], []
    for q in queries:
        t = time.perf_counter()
        kb.search(q, k=5)
        totals.append(time.perf_counter() - t)
        t = time.perf_counter()
        kb.embedder.embed([q])
        embeds.append(time.perf_counter() - t)
    index = kb.index
    out: dict[str, Any] = {
        "queries": len(queries),
        "search_with_embedding": pct(totals),
        "embedding_only": pct(embeds),
        "dense_index": index.dense_kind,
    }
    if faiss.try_extract_index_ivf(index.dense) is not None:
        vectors = index.dense.reconstruct_n(0, index.dense.ntotal)
        qv = kb.embedder.embed(queries[:200])
        _, approx = index.dense.search(qv, 50)
        exact = np.argsort(-(qv @ vectors.T), axis=1)[:, :50]
        out["ivf_recall_at_50"] = round(
            float(np.mean([len(set(a) & set(e)) / 50 for a, e in zip(approx, exact, strict=True)])), 4
        )
    out["load_before"], out["load_after"] = before, load()
    return out


WORKER = r"""
import asyncio, json, sys, time
import numpy as np
from bot.app import build_services
from bot.config import get_settings
from bot.domain import Channel, IncomingMessage

questions = json.loads(sys.argv[1])

def status():
    fields = dict(line.split(":", 1) for line in open("/proc/self/status") if ":" in line)
    return {k: int(fields[k].split()[0]) // 1024 for k in ("VmRSS", "VmHWM")}

warm_up = json.loads(sys.argv[2])

async def main():
    services = build_services(get_settings())
    t = time.perf_counter()
    services.warm_up()  # what `shopbot serve` does before its first shopper: the version and its catalog indexes
    warm_s = time.perf_counter() - t
    first = []
    for q in warm_up:  # other questions of each kind: the first calls load models, compile patterns, embed pages
        t = time.perf_counter()
        await services.assistant.handle(IncomingMessage(q, channel=Channel.CONSOLE, customer_id="bench-warm"))
        first.append(time.perf_counter() - t)
    times, cpu = [], []
    for i, q in enumerate(questions):
        t, c = time.perf_counter(), time.process_time()  # the process's CPU time: what the turn cost, less the load
        await services.assistant.handle(IncomingMessage(q, channel=Channel.CONSOLE, customer_id=f"bench-{i % 7}"))
        times.append(time.perf_counter() - t)
        cpu.append(time.process_time() - c)
    arr = np.array(times) * 1000
    print(json.dumps({"turns": len(times), "p50_ms": round(float(np.percentile(arr, 50)), 1),
                      "p95_ms": round(float(np.percentile(arr, 95)), 1), "mean_ms": round(float(arr.mean()), 1),
                      "max_ms": round(float(arr.max()), 1), "warm_up_s": round(warm_s, 1),
                      "first_turns_ms": [round(x * 1000) for x in first],
                      "products": len(services.kb.products()), "memory_mb": status(),
                      "times_ms": [round(x * 1000, 2) for x in times],
                      "cpu_ms": [round(x * 1000, 2) for x in cpu]}))
    services.close()

asyncio.run(main())
"""


RELOAD_WORKER = r"""
import asyncio, importlib.util, json, sys, time
import numpy as np
from bot.app import build_services
from bot.config import get_settings
from bot.domain import Channel, IncomingMessage

questions, warm_up, catalog, changed = json.loads(sys.argv[1]), json.loads(sys.argv[2]), sys.argv[3], int(sys.argv[4])
spec = importlib.util.spec_from_file_location("bench_catalog", sys.argv[5])
bench = importlib.util.module_from_spec(spec)
spec.loader.exec_module(bench)

async def turn(services, q, who):
    t = time.perf_counter()
    await services.assistant.handle(IncomingMessage(q, channel=Channel.CONSOLE, customer_id=who))
    return time.perf_counter() - t

async def main():
    services = build_services(get_settings())
    services.warm_up()
    kb = services.kb
    before = kb.serving_version
    indexes = []
    on_index = kb._on_index  # the server's own hook (the core's per-version indexes), timed where it runs
    def timed(index):
        t = time.perf_counter()
        on_index(index)
        indexes.append(time.perf_counter() - t)
    kb._on_index = timed
    for q in warm_up:
        await turn(services, q, "bench-warm")
    bench.change_products(__import__("pathlib").Path(catalog), changed, seed=int(time.time()))
    t0 = time.perf_counter()
    cpu = []
    def reload_timed():  # the reload thread's own CPU time: what the reload cost, less the load and the turns
        c = time.thread_time()
        try:
            return kb.reload()
        finally:
            cpu.append(time.thread_time() - c)
    reload = asyncio.create_task(asyncio.to_thread(reload_timed))  # as the admin endpoint runs it
    during, i = [], 0
    while not reload.done():  # shoppers keep asking while the new version is built
        during.append(await turn(services, questions[i % len(questions)], f"bench-{i % 7}"))
        i += 1
    result = await reload
    reload_s = time.perf_counter() - t0
    after = [await turn(services, q, f"bench-after-{n % 7}") for n, q in enumerate(questions[:10])]
    ms = lambda xs: [round(float(np.percentile(np.array(xs) * 1000, p)), 1) for p in (50, 95)] + [round(max(xs) * 1000, 1)] if xs else []
    print(json.dumps({"reload_s": round(reload_s, 1), "reload_thread_cpu_s": round(cpu[0], 1),
                      "build_s": round(result.seconds, 1),
                      "catalog_indexes_s": round(sum(indexes), 1), "rows_embedded": result.embedded,
                      "switched": before != kb.serving_version == result.version,
                      "turns_during": len(during), "during_p50_p95_max_ms": ms(during),
                      "first_turns_after_p50_p95_max_ms": ms(after)}))
    services.close()

asyncio.run(main())
"""


def worker(
    name: str, knowledge: Path, kb_root: Path, work: Path, questions: list[str], warm: list[str], args: Any
) -> dict[str, Any]:
    """One worker process (echo generator): started as a server starts (warm_up), `warm` questions answered
    untimed, then `questions` timed; turn times and resident memory."""
    home = Path(tempfile.mkdtemp(prefix=f"home-{name}-", dir=work))  # a fresh store: no earlier run's conversations
    (home / "kb").symlink_to(kb_root)
    before = load()
    proc = subprocess.run(
        [sys.executable, "-c", WORKER, json.dumps(questions), json.dumps(warm)],
        env=_worker_env(home, knowledge, args),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"worker {name} failed:\n{proc.stderr[-3000:]}")
    shutil.rmtree(home, ignore_errors=True)
    return {**json.loads(proc.stdout.strip().splitlines()[-1]), "load_before": before, "load_after": load()}


def reload_in_server(args: Any, work: Path, big: Path) -> dict[str, Any]:
    """One worker on the big catalog, started as a server starts; then --changed products change and the worker
    reloads in a thread (as the admin endpoint does) while it keeps answering turns: the seconds until the new
    version is served (build plus the core's per-version indexes), the reload thread's CPU seconds (the figure the
    machine's load moves least), and the turns answered meanwhile."""
    timed, warm = turn_questions(_products_of(big, work / "kb-big", args.embedder), max(1, args.turns // 15))
    home = Path(tempfile.mkdtemp(prefix="home-reload-", dir=work))
    (home / "kb").symlink_to(work / "kb-big")
    before = load()
    proc = subprocess.run(
        [sys.executable, "-c", RELOAD_WORKER, json.dumps(timed), json.dumps(warm)]
        + [str(big / "catalog" / "products.jsonl"), str(args.changed), str(Path(__file__).resolve())],
        env=_worker_env(home, big, args),
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=3600,
        check=False,
    )
    if proc.returncode != 0:
        raise SystemExit(f"reload worker failed:\n{proc.stderr[-3000:]}")
    shutil.rmtree(home, ignore_errors=True)
    return {**json.loads(proc.stdout.strip().splitlines()[-1]), "load_before": before, "load_after": load()}


def _products_of(knowledge: Path, kb_root: Path, embedder: str) -> list[dict[str, Any]]:
    from bot.kb.knowledge_base import KnowledgeBase

    kb = KnowledgeBase(knowledge, kb_root, embedder=embedder)
    kb.open(build_if_missing=False)
    return list(kb.products())


def _worker_env(home: Path, knowledge: Path, args: Any) -> dict[str, str]:
    return {
        **os.environ,
        "SHOPBOT_ENV_FILE": "",
        "SHOPBOT_HOME": str(home),
        "SHOPBOT_KNOWLEDGE_DIR": str(knowledge),
        "SHOPBOT_LLM_BACKEND": "echo",
        "SHOPBOT_RECOMMEND": "true" if args.recommend else "false",
        "SHOPBOT_EMBEDDER": args.embedder,
        "SHOPBOT_EMBEDDER_PRECISION": args.precision,
        "SHOPBOT_EMBEDDER_THREADS": str(args.threads),
        "SHOPBOT_INTENT_MODEL": str(args.intent_model),
        "SHOPBOT_KB_ANN_MIN_ROWS": str(args.ann_min_rows),
    }


def build_parts(args: Any, work: Path, figures: dict[str, Any]) -> Path:
    """Generate the catalog, build both knowledge bases, reload after a change, time retrieval; the big
    catalog's knowledge folder."""
    t = time.perf_counter()
    if args.precision == "int8":
        from bot.embed.embedder import minilm_path
        from bot.embed.onnx_minilm import int8_model_dir

        int8_model_dir(args.models_dir, minilm_path())
    figures["int8_export_or_reuse_s"] = round(time.perf_counter() - t, 1)

    t = time.perf_counter()
    big = make_knowledge(work / "knowledge", args.products)
    figures["generate_s"] = round(time.perf_counter() - t, 1)

    _, figures["build_demo"] = build(ROOT / "knowledge", work / "kb-demo", args.ann_min_rows, args.embedder)
    say("build demo (320 products)", figures["build_demo"])
    kb, figures["build_big"] = build(big, work / "kb-big", args.ann_min_rows, args.embedder)
    say(f"build {args.products} products", figures["build_big"])

    changed = change_products(big / "catalog" / "products.jsonl", args.changed)
    before = load()
    t = time.perf_counter()
    result = kb.reload()
    figures["reload_changed"] = {
        "changed_products": len(changed),
        "rows_embedded": result.embedded,
        "seconds": round(time.perf_counter() - t, 1),
        "load_before": before,
        "load_after": load(),
    }
    say(f"reload after changing {len(changed)} products", figures["reload_changed"])

    figures["retrieval_big"] = retrieval(kb, queries_for(kb, args.queries))
    say(f"retrieval at {args.products} products", figures["retrieval_big"])
    return big


WARM_UP = ["Hello!", "Do you ship to Canada?", "What is your return policy?", "Do you have red sweaters?"]


def turn_questions(products: list[dict[str, Any]], rounds: int) -> tuple[list[str], list[str]]:
    """(timed, warm-up) questions for one catalog: each round the policy questions, two searches and five price
    questions about products not asked before; the warm-up asks other questions of each kind (the same for both
    catalogs but for the product named), so first-call costs of the process land in neither catalog's figures."""
    picked = random.Random(3).sample(products, min(len(products), 5 * rounds + 1))
    shared = POLICY_QUESTIONS + ["Do you have black jeans under $60?", "I need waterproof boots"]
    timed = []
    for r in range(rounds):
        timed += shared + [f"How much is the {p['name']}?" for p in picked[1 + 5 * r : 6 + 5 * r]]
    return timed, WARM_UP + [f"Is the {picked[0]['name']} in stock?"]


def workers_part(args: Any, work: Path, big: Path, figures: dict[str, Any]) -> None:
    """One worker per catalog, alternating demo and big --repeat times (so both see the same machine); the turn
    figures pool every worker's timed turns, and the ratios compare them within this run."""
    from bot.kb.knowledge_base import KnowledgeBase

    catalogs = {"demo": (ROOT / "knowledge", work / "kb-demo"), "big": (big, work / "kb-big")}
    rounds = max(1, args.turns // 15)
    runs: dict[str, list[dict[str, Any]]] = {"demo": [], "big": []}
    for name, (knowledge, kb_root) in catalogs.items():
        kb = KnowledgeBase(knowledge, kb_root, embedder=args.embedder)
        kb.open(build_if_missing=False)
        catalogs[name] = (knowledge, kb_root, *turn_questions(list(kb.products()), rounds))  # type: ignore[assignment]
        del kb
    for i in range(args.repeat):
        for name, (knowledge, kb_root, timed, warm) in catalogs.items():  # type: ignore[misc]
            run = worker(name, knowledge, kb_root, work, timed, warm, args)
            runs[name].append(run)
            say(
                f"worker {i + 1}/{args.repeat}, {name} catalog",
                {k: v for k, v in run.items() if k not in ("times_ms", "cpu_ms")},
            )
    for name, done in runs.items():
        arr = np.array([t for run in done for t in run["times_ms"]])
        cpu = np.array([t for run in done for t in run["cpu_ms"]])
        figures[f"worker_{name}"] = {
            "turns": len(arr),
            "p50_ms": round(float(np.percentile(arr, 50)), 1),
            "p95_ms": round(float(np.percentile(arr, 95)), 1),
            "mean_ms": round(float(arr.mean()), 1),
            "cpu_p50_ms": round(float(np.percentile(cpu, 50)), 1),
            "cpu_p95_ms": round(float(np.percentile(cpu, 95)), 1),
            "cpu_mean_ms": round(float(cpu.mean()), 1),
            "warm_up_s": [run["warm_up_s"] for run in done],
            "memory_mb": [run["memory_mb"] for run in done],
            "load": [run["load_before"] for run in done],
        }
        say(f"worker, {name} catalog, {args.repeat} run(s) pooled", figures[f"worker_{name}"])
    for stat in ("p50_ms", "p95_ms", "mean_ms", "cpu_p50_ms", "cpu_p95_ms", "cpu_mean_ms"):
        ratio = figures["worker_big"][stat] / figures["worker_demo"][stat]
        figures[f"turn_overhead_ratio_{stat.removesuffix('_ms')}"] = round(ratio, 2)


def main() -> None:
    """Run every part and print the figures."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--products", type=int, default=50_000, help="size of the synthetic catalog")
    parser.add_argument("--changed", type=int, default=100, help="products changed before the timed reload")
    parser.add_argument("--queries", type=int, default=300, help="retrieval queries timed")
    parser.add_argument("--turns", type=int, default=60, help="timed turns each worker answers (rounds of 15)")
    parser.add_argument("--repeat", type=int, default=2, help="workers per catalog, alternating demo and big")
    parser.add_argument("--precision", choices=["fp32", "int8"], default="int8", help="MiniLM precision")
    parser.add_argument(
        "--embedder",
        choices=["minilm", "hashing"],
        default="minilm",
        help="hashing: every part but the embedding (a build in minutes on a loaded machine; no retrieval quality)",
    )
    parser.add_argument("--threads", type=int, default=0, help="int8 embedder threads (0: all cores)")
    parser.add_argument("--ann-min-rows", type=int, default=20_000, help="rows from which the index is IVF")
    parser.add_argument(
        "--models-dir",
        type=Path,
        default=ROOT / "var" / "models",
        help="where the int8 export is kept (made once, reused; default var/models)",
    )
    parser.add_argument(
        "--intent-model",
        type=Path,
        default=None,
        help="intent classifier folder (default: <models-dir>/intent/current, trained if missing)",
    )
    parser.add_argument(
        "--recommend",
        action="store_true",
        help="let the workers train/load the recommender (embeds every product on first use)",
    )
    parser.add_argument("--work", type=Path, default=None, help="working folder (default: a temporary one, removed)")
    parser.add_argument("--skip-workers", action="store_true", help="only build, reload and retrieval")
    parser.add_argument(
        "--skip-server-reload",
        action="store_true",
        help="leave out the in-server reload (a worker reloads after --changed products change, answering turns)",
    )
    parser.add_argument(
        "--workers-only",
        action="store_true",
        help="only the workers, on the catalogs an earlier run kept in --work (no generating or building)",
    )
    args = parser.parse_args()

    from bot.embed import configure

    if args.workers_only and args.work is None:
        parser.error("--workers-only needs --work DIR (a folder kept by an earlier run with --work)")
    work = args.work or Path(tempfile.mkdtemp(prefix="shopbot-bench-catalog-"))
    work.mkdir(parents=True, exist_ok=True)
    configure(precision=args.precision, models_dir=args.models_dir, threads=args.threads)
    if args.intent_model is None:
        from bot.artifacts import VersionedDir

        current = VersionedDir(args.models_dir / "intent").current_path()
        args.intent_model = current or ""
    figures: dict[str, Any] = {
        "cpus": os.cpu_count(),
        "embedder": args.embedder,
        "precision": args.precision,
        "threads": args.threads,
        "omp_num_threads": os.environ.get("OMP_NUM_THREADS"),
        "load_start": load(),
    }
    try:
        if args.workers_only:
            big = work / "knowledge"
            if not (big.is_dir() and (work / "kb-demo").is_dir() and (work / "kb-big").is_dir()):
                raise SystemExit(f"--workers-only needs a --work folder kept by an earlier run; {work} lacks it")
        else:
            big = build_parts(args, work, figures)
        if not args.skip_workers:
            workers_part(args, work, big, figures)
        if not args.skip_server_reload:
            figures["reload_in_server"] = reload_in_server(args, work, big)
            say(f"in-server reload after changing {args.changed} products, turns answered meanwhile",
                figures["reload_in_server"])  # fmt: skip
    finally:
        figures["load_end"] = load()
        if args.work is None:
            shutil.rmtree(work, ignore_errors=True)
    print(json.dumps(figures))


if __name__ == "__main__":
    main()
