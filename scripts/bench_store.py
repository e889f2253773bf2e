"""Store throughput on SQLite and PostgreSQL in the same run: one turn's writes (inbound message, reply with its
"answered" mark, delivery) from W writer processes, each its own Store as a worker would have.

    .venv/bin/python scripts/bench_store.py [--turns 300] [--workers 1 2 4] [--postgres URL]

Without --postgres a throwaway server is started from Debian's binaries (tests/support/pg_server.py). Prints
turns/s and per-turn p50/p95 (ms) per backend and worker count, and a JSON line. Timings on a shared machine
swing: compare the backends within one run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import ExitStack
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

WORKER = """
import json, sys, time
from bot.store import Store
url, tag, n = sys.argv[1], sys.argv[2], int(sys.argv[3])
store = Store(url)
store.ensure_customer("c-" + tag)
conv = store.open_conversation("c-" + tag, "web")
times = []
for i in range(n):
    t0 = time.perf_counter()
    mid = store.add_message(conv["id"], "in", f"question {i} about my parcel", external_id=f"{tag}-{i}")
    rid = store.add_reply(conv["id"], mid, f"answer {i}: it ships tomorrow", sources=[{"title": "Shipping"}])
    store.mark_delivered(rid)
    times.append(time.perf_counter() - t0)
store.close()
print(json.dumps(times))
"""


def run(url: str, workers: int, turns: int) -> dict[str, float]:
    from bot.store import Store

    Store(url).close()  # migrated before the clock starts
    started = time.perf_counter()
    procs = [
        subprocess.Popen([sys.executable, "-c", WORKER, url, f"w{workers}-{i}-{time.time_ns()}", str(turns)],
                         cwd=REPO, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
        for i in range(workers)
    ]
    outs = [p.communicate(timeout=1800) for p in procs]
    wall = time.perf_counter() - started
    if any(p.returncode for p in procs):
        raise SystemExit("a worker failed: " + " | ".join(err.strip().splitlines()[-1] for _, err in outs if err.strip()))
    times = sorted(t for out, _ in outs for t in json.loads(out))
    return {
        "turns_per_s": round(len(times) / wall, 1),
        "p50_ms": round(statistics.median(times) * 1000, 2),
        "p95_ms": round(times[int(0.95 * (len(times) - 1))] * 1000, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--turns", type=int, default=300, help="turns per worker")
    parser.add_argument("--workers", type=int, nargs="+", default=[1, 2, 4])
    parser.add_argument("--postgres", default="", help="a PostgreSQL URL (default: start a throwaway server)")
    args = parser.parse_args()
    results: dict[str, dict[str, float]] = {}
    with ExitStack() as stack:
        pg = args.postgres
        if not pg:
            from tests.support.pg_server import fresh_database, pg_server

            pg = fresh_database(stack.enter_context(pg_server()))
        tmp = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-store-")))
        for workers in args.workers:
            for name, url in (("sqlite", str(tmp / f"w{workers}.db")), ("postgresql", pg)):
                results[f"{name} x{workers}"] = r = run(url, workers, args.turns)
                print(f"{name:10} workers={workers}: {r['turns_per_s']:7.1f} turns/s  p50 {r['p50_ms']:6.2f} ms  p95 {r['p95_ms']:6.2f} ms", flush=True)
    print(json.dumps(results))


if __name__ == "__main__":
    main()
