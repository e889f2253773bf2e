#!/usr/bin/env python3
"""Web benchmark: N concurrent shoppers against POST /api/chat while M agents work the staff inbox, each watching the live SSE feed.

Each agent signs in, keeps /staff/events open, and loops while the shoppers chat: the list with its counts, the
"unassigned" and "mine" views, opening a conversation (which marks it read), assigning it to themself, adding a label,
a note that @mentions a colleague, a staff reply, and resolving it now and then (the shopper's next message reopens it).

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


def build_app(home: Path, knowledge: Path, *, per_label: int, agents: int) -> tuple[Any, Any]:
    """Services and app on a fresh home folder, with fast local parts."""
    from pydantic import SecretStr

    from bot.app import build_services
    from bot.channels.web.app import create_app
    from bot.config import Settings
    from bot.nlu.classifier import IntentClassifier
    from bot.nlu.labels import LABEL_TO_INTENT, OOS_LABEL
    from bot.nlu.training import load_training_data
    from bot.store import StaffStore

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
    staff = StaffStore(services.store)
    for name in agent_names(agents):
        staff.add(name, "bench-password", role="agent")
    return services, create_app(services)


def agent_names(agents: int) -> list[str]:
    """The agents' account names (at least one: the feed watcher)."""
    return [f"agent{n}" for n in range(max(1, agents))]


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


async def login(client: httpx.AsyncClient, name: str) -> str:
    """Sign in through the form; returns the session's CSRF token."""
    page = await client.get("/staff/login")
    token = re.search(r'name="csrf" value="([^"]+)"', page.text)
    r = await client.post("/staff/login", data={"name": name, "password": "bench-password", "csrf": token.group(1) if token else ""})
    if r.status_code != 303:
        raise SystemExit(f"staff login failed for {name}: {r.status_code}")
    csrf = re.search(r'data-csrf="([^"]+)"', (await client.get("/staff")).text)
    return csrf.group(1) if csrf else ""


async def staff_feed(url: str, name: str, ready: asyncio.Event, seen: list[dict[str, Any]]) -> None:
    """Log in as `name` and collect every `message` event from /staff/events (reconnecting when a stream ends)."""
    async with httpx.AsyncClient(base_url=url, timeout=None) as client:
        await login(client, name)
        while True:
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


async def agent(url: str, name: str, colleague: str, stop: asyncio.Event, stats: dict[str, Any], errors: list[str]) -> None:
    """One agent working the inbox until the shoppers are done; every request's status and time is recorded."""
    async with httpx.AsyncClient(base_url=url, timeout=120) as client:
        csrf = await login(client, name)

        async def call(method: str, path: str, ok: tuple[int, ...] = (200,), **form: str) -> httpx.Response | None:
            started = time.perf_counter()
            try:
                r = await (client.get(path) if method == "GET" else client.post(path, data={"csrf": csrf, **form}))
            except httpx.HTTPError as exc:
                errors.append(f"{name} {method} {path}: {exc!r}")
                return None
            stats["latencies"].append(time.perf_counter() - started)
            parts = path.split("?", maxsplit=1)[0].split("/")  # /staff, /staff/mentions, /staff/c/ID, /staff/c/ID/assign
            stats["actions"][parts[-1] if len(parts) in (3, 5) else "conversation" if len(parts) == 4 else "list"] += 1
            if r.status_code not in ok:
                errors.append(f"{name} {method} {path}: {r.status_code} {r.text[:120]}")
            return r

        n = 0
        while not stop.is_set():
            n += 1
            page = await call("GET", "/staff?view=unassigned" if n % 2 else "/staff")
            ids = re.findall(r'<tr data-id="([^"]+)"', page.text if page is not None else "")
            await call("GET", "/staff?view=mine&status=open")
            if not ids:
                await asyncio.sleep(0.2)
                continue
            conv = ids[(n * 7) % len(ids)]
            base = f"/staff/c/{conv}"
            await call("GET", base)
            await call("POST", base + "/assign", ok=(303,), staff="me")
            await call("POST", base + "/labels", ok=(303,), label=f"bench {n % 3}")
            await call("POST", base + "/note", ok=(303,), text=f"@{colleague} please check this one ({n})")
            await call("GET", base + "/transcript")
            if n % 2:  # every other round a staff reply, else a resolve (the shopper's next message reopens it)
                await call("POST", base + "/reply", ok=(303,), text="Thanks for waiting; I am looking into it.")
            else:
                await call("POST", base + "/status", ok=(303,), status="resolved")
            await call("GET", "/staff/mentions")
            await asyncio.sleep(0.05)


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


async def run(url: str, shoppers: int, turns: int, agents: int) -> dict[str, Any]:
    """The measured part."""
    from collections import Counter

    names = agent_names(agents)
    feeds: dict[str, list[dict[str, Any]]] = {name: [] for name in names}
    readies = {name: asyncio.Event() for name in names}
    tasks = [asyncio.create_task(staff_feed(url, name, readies[name], feeds[name])) for name in names]
    await asyncio.wait_for(asyncio.gather(*(r.wait() for r in readies.values())), 120)
    latencies: list[float] = []
    replies: list[dict[str, Any]] = []
    errors: list[str] = []
    agent_errors: list[str] = []
    stats: dict[str, Any] = {"latencies": [], "actions": Counter()}
    stop = asyncio.Event()
    workers = [asyncio.create_task(agent(url, name, names[(i + 1) % len(names)], stop, stats, agent_errors))
               for i, name in enumerate(names[:agents])]
    started = time.perf_counter()
    await asyncio.gather(*(shopper(url, i, turns, latencies, replies, errors) for i in range(shoppers)))
    wall = time.perf_counter() - started
    stop.set()
    await asyncio.gather(*workers)
    expected_out = {r["message_id"] for r in replies}

    def delivered(seen: list[dict[str, Any]]) -> tuple[int, int]:
        got_out = {e.get("message_id") for e in seen if e.get("direction") == "out"}
        return sum(e.get("direction") == "in" for e in seen), len(got_out & expected_out)

    deadline = time.monotonic() + 10
    while time.monotonic() < deadline:
        if all(delivered(seen) == (shoppers * turns, len(expected_out)) for seen in feeds.values()):
            break
        await asyncio.sleep(0.1)
    for task in tasks:
        task.cancel()
    per_feed = {name: sum(delivered(seen)) for name, seen in feeds.items()}
    expected = shoppers * turns + len(expected_out)
    return {
        "shoppers": shoppers, "turns_each": turns, "requests": len(latencies), "errors": len(errors), "error_samples": errors[:3],
        "p50_s": round(pct(latencies, 50), 4), "p95_s": round(pct(latencies, 95), 4), "max_s": round(max(latencies, default=0), 4),
        "wall_s": round(wall, 2), "throughput_rps": round(len(latencies) / wall, 1) if wall else None,
        "agents": agents, "agent_requests": len(stats["latencies"]), "agent_errors": len(agent_errors),
        "agent_error_samples": agent_errors[:3], "agent_p50_s": round(pct(stats["latencies"], 50), 4),
        "agent_p95_s": round(pct(stats["latencies"], 95), 4), "agent_actions": dict(stats["actions"]),
        "sse_expected_per_feed": expected, "sse_received_per_feed": per_feed,
        "sse_missing_replies": len(expected_out) * len(feeds) - sum(delivered(seen)[1] for seen in feeds.values()),
        "sse_all_delivered": all(v == expected for v in per_feed.values()) and len(expected_out) == shoppers * turns,
    }


def main() -> None:
    """Parse arguments, run, print the report."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--shoppers", type=int, default=50, help="concurrent shoppers (default 50)")
    parser.add_argument("--turns", type=int, default=4, help="messages each shopper sends, one after another (default 4)")
    parser.add_argument("--knowledge", type=Path, default=ROOT / "knowledge", help="knowledge folder (default: the demo store)")
    parser.add_argument("--intent-sample", type=int, default=30, help="training sentences per intent label for the quick classifier (default 30)")
    parser.add_argument("--agents", type=int, default=5, help="agents working the inbox, each with a live feed (default 5)")
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
        _, app = build_app(Path(tmp) / "var", args.knowledge, per_label=args.intent_sample, agents=args.agents)
        server = serve(app, port)
        try:
            report = asyncio.run(run(f"http://127.0.0.1:{port}", args.shoppers, args.turns, args.agents))
        finally:
            server.should_exit = True
    print(f"{report['requests']} requests from {report['shoppers']} concurrent shoppers, {report['errors']} errors; "
          f"latency p50 {report['p50_s'] * 1000:.0f} ms, p95 {report['p95_s'] * 1000:.0f} ms; {report['throughput_rps']} req/s")
    print(f"{report['agents']} agents: {report['agent_requests']} inbox requests, {report['agent_errors']} errors; "
          f"latency p50 {report['agent_p50_s'] * 1000:.0f} ms, p95 {report['agent_p95_s'] * 1000:.0f} ms")
    print(f"staff SSE feeds: {report['sse_received_per_feed']} of {report['sse_expected_per_feed']} messages each "
          f"({'all' if report['sse_all_delivered'] else 'MISSING SOME'})")
    print(json.dumps(report))
    if report["errors"] or report["agent_errors"] or not report["sse_all_delivered"]:
        sys.exit(1)


if __name__ == "__main__":
    main()
