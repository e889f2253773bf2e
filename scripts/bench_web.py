#!/usr/bin/env python3
"""Web benchmark: N concurrent shoppers against POST /api/chat while one signed-in staff session watches the live SSE feed.

Runs the real app under uvicorn on 127.0.0.1 with the scripted generator, the hashing embedder over the demo
knowledge folder and a hashing-embedder intent classifier trained on the shipped intent data (so no model download
and no minutes of MiniLM training). Reports errors, latency percentiles, throughput, and whether the staff feed
delivered every inbound and outbound message. The last line is a JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUESTIONS = [
    "Do you ship to the United Kingdom?", "How long does standard shipping take?", "What is your return policy?",
    "Do you have black jeans under 100 dollars?", "Is the wool jacket warm?", "Where is my order?",
    "Can I pay with PayPal?", "hello", "I want a refund", "What sizes do the boots come in?",
]


BENCH_TOKEN = "bench-admin-token"

def sample_rows(sentences: list[str], labels: list[str], per_label: int) -> tuple[list[str], list[str]]:
    """At most `per_label` training sentences per label (first ones in file order), to keep start-up short."""
    counts: dict[str, int] = {}
    out_s, out_l = [], []
    for sentence, label in zip(sentences, labels, strict=True):
        if counts.get(label, 0) < per_label:
            counts[label] = counts.get(label, 0) + 1
            out_s.append(sentence)
            out_l.append(label)
    return out_s, out_l


def build_app(home: Path, knowledge: Path, *, per_label: int) -> tuple[Any, Any]:
    """Services and app on a fresh home folder, with fast local parts."""
    from pydantic import SecretStr

    from bot.app import build_services
    from bot.channels.web.app import create_app
    from bot.channels.web.staff_store import StaffStore
    from bot.config import Settings
    from bot.nlu.classifier import IntentClassifier
    from bot.nlu.labels import LABEL_TO_INTENT, OOS_LABEL
    from bot.nlu.training import load_training_data

    settings = Settings(home=home, knowledge_dir=knowledge, embedder="hashing", llm_backend="scripted",
                        secret_key=SecretStr("bench-secret-key"), telegram_token=SecretStr(""),
                        admin_token=SecretStr(BENCH_TOKEN))
    services = build_services(settings)
    rows = load_training_data()
    sentences, labels = sample_rows(list(rows.sentences), list(rows.labels), per_label)
    started = time.perf_counter()
    services.__dict__["intents"] = IntentClassifier(embedder="hashing", tfidf=True).fit(
        sentences, labels, oos_label=OOS_LABEL, label_map={lab: str(LABEL_TO_INTENT[lab]) for lab in set(labels)})
    print(f"intent classifier (hashing) trained on {len(sentences)} sentences in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    StaffStore(services.store).add("bench", "bench-password", role="agent")
    return services, create_app(services)


def serve(app: Any, port: int) -> Any:
    """Start uvicorn in a thread; returns the server (set should_exit to stop)."""
    import uvicorn

    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", access_log=False))
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 300
    while not server.started:
        if time.monotonic() > deadline:
            raise SystemExit("server did not start")
        time.sleep(0.05)
    return server


async def staff_feed(url: str, ready: asyncio.Event, seen: list[dict[str, Any]]) -> None:
    """Log in as staff and collect every `message` event from /staff/events."""
    async with httpx.AsyncClient(base_url=url, timeout=None) as client:
        page = await client.get("/staff/login")
        token = re.search(r'name="csrf" value="([^"]+)"', page.text)
        r = await client.post("/staff/login", data={"name": "bench", "password": "bench-password", "csrf": token.group(1) if token else ""})
        if r.status_code != 303:
            raise SystemExit(f"staff login failed: {r.status_code}")
        async with client.stream("GET", "/staff/events") as stream:
            buffer = ""
            async for chunk in stream.aiter_text():
                buffer += chunk
                while "\n\n" in buffer:
                    frame, buffer = buffer.split("\n\n", 1)
                    event = next((ln[6:].strip() for ln in frame.splitlines() if ln.startswith("event:")), "")
                    data = "".join(ln[5:].strip() for ln in frame.splitlines() if ln.startswith("data:"))
                    if event == "ready":
                        ready.set()
                    elif event == "message":
                        seen.append(json.loads(data))


async def shopper(url: str, i: int, turns: int, latencies: list[float], replies: list[dict[str, Any]], errors: list[str]) -> None:
    """One shopper asking `turns` questions in a row."""
    # naming the customer needs the admin token, as the shop's own backend would send it
    async with httpx.AsyncClient(base_url=url, timeout=120, headers={"Authorization": f"Bearer {BENCH_TOKEN}"}) as client:
        conversation = None
        for t in range(turns):
            body = {"customer_id": f"bench-{i}", "conversation_id": conversation, "text": QUESTIONS[(i + t) % len(QUESTIONS)]}
            started = time.perf_counter()
            try:
                r = await client.post("/api/chat", json=body)
                latencies.append(time.perf_counter() - started)
                if r.status_code != 200 or not r.json().get("text"):
                    errors.append(f"shopper {i} turn {t}: {r.status_code} {r.text[:120]}")
                    continue
                reply = r.json()
                conversation = reply["conversation_id"]
                replies.append(reply)
            except httpx.HTTPError as exc:
                errors.append(f"shopper {i} turn {t}: {exc!r}")


def pct(values: list[float], q: float) -> float:
    """Nearest-rank percentile."""
    ordered = sorted(values)
    return ordered[max(0, min(len(ordered) - 1, int(round(q / 100 * len(ordered) + 0.5)) - 1))] if ordered else float("nan")


async def run(url: str, shoppers: int, turns: int) -> dict[str, Any]:
    """The measured part."""
    ready, seen = asyncio.Event(), []
    feed = asyncio.create_task(staff_feed(url, ready, seen))
    await asyncio.wait_for(ready.wait(), 60)
    latencies: list[float] = []
    replies: list[dict[str, Any]] = []
    errors: list[str] = []
    started = time.perf_counter()
    await asyncio.gather(*(shopper(url, i, turns, latencies, replies, errors) for i in range(shoppers)))
    wall = time.perf_counter() - started
    expected_out = {r["message_id"] for r in replies}
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        got_out = {e.get("message_id") for e in seen if e.get("direction") == "out"}
        if expected_out <= got_out and sum(e.get("direction") == "in" for e in seen) >= shoppers * turns:
            break
        await asyncio.sleep(0.1)
    feed.cancel()
    got_out = {e.get("message_id") for e in seen if e.get("direction") == "out"}
    inbound = sum(e.get("direction") == "in" for e in seen)
    return {
        "shoppers": shoppers, "turns_each": turns, "requests": len(latencies), "errors": len(errors), "error_samples": errors[:3],
        "p50_s": round(pct(latencies, 50), 4), "p95_s": round(pct(latencies, 95), 4), "max_s": round(max(latencies, default=0), 4),
        "wall_s": round(wall, 2), "throughput_rps": round(len(latencies) / wall, 1) if wall else None,
        "sse_expected": shoppers * turns * 2, "sse_received": inbound + len(got_out & expected_out),
        "sse_missing_replies": len(expected_out - got_out), "sse_all_delivered": expected_out <= got_out and inbound >= shoppers * turns,
    }


def main() -> None:
    """Parse arguments, run, print the report."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shoppers", type=int, default=50, help="concurrent shoppers (default 50)")
    parser.add_argument("--turns", type=int, default=4, help="messages each shopper sends, one after another (default 4)")
    parser.add_argument("--knowledge", type=Path, default=ROOT / "knowledge", help="knowledge folder (default: the demo store)")
    parser.add_argument("--intent-sample", type=int, default=30, help="training sentences per intent label for the quick classifier (default 30)")
    parser.add_argument("--port", type=int, default=0, help="port (default: a free one)")
    args = parser.parse_args()
    import logging
    import socket

    logging.basicConfig(level=logging.WARNING)
    port = args.port
    if not port:
        with socket.socket() as s:
            s.bind(("127.0.0.1", 0))
            port = s.getsockname()[1]
    with tempfile.TemporaryDirectory() as tmp:
        _, app = build_app(Path(tmp) / "var", args.knowledge, per_label=args.intent_sample)
        server = serve(app, port)
        try:
            report = asyncio.run(run(f"http://127.0.0.1:{port}", args.shoppers, args.turns))
        finally:
            server.should_exit = True
    print(f"{report['requests']} requests from {report['shoppers']} concurrent shoppers, {report['errors']} errors; "
          f"latency p50 {report['p50_s'] * 1000:.0f} ms, p95 {report['p95_s'] * 1000:.0f} ms; {report['throughput_rps']} req/s")
    print(f"staff SSE feed: {report['sse_received']}/{report['sse_expected']} messages delivered "
          f"({'all' if report['sse_all_delivered'] else 'MISSING SOME'})")
    print(json.dumps(report))
    if report["errors"] or not report["sse_all_delivered"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
