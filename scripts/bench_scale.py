"""Scale benchmark: `shopbot serve --workers 4` on PostgreSQL and Redis against one worker on SQLite, in one run.

Both get the same burst, half through Telegram in webhook mode (the fake Bot API in tests/fakes posts nothing
itself: this script plays Telegram, posting each update to the webhook and posting it again until it gets 200, as
Telegram does) and half through the web API (POST /api/chat; a failed request is sent again with the same
message_id, as the chat page does). Each chat sends its next message once the previous one was acknowledged.
Mid-burst one of the 4 workers is killed with kill -9 (uvicorn's supervisor starts a new one).

Reported per setup, from the database, the fake Bot API and a staff live-feed stream (/staff/events):
lost (acknowledged but never answered nor flagged), duplicated (stored twice, answered twice, or sent to Telegram
more often than the stored replies' parts; the last kind is bounded, not zero: a reply whose send was in flight on
the killed worker is sent again from its first unconfirmed part, because the Bot API has no idempotency key and
cannot say whether it arrived, so `telegram_sends_in_flight_at_kill` is the most such resends may be and
`duplicate_bound_held` says they stayed within it with no question stored or answered twice), reordered per chat (a chat's questions stored out of send order, or a
reply not right after its question), flood-limit breaks seen by the fake Bot API (1 message/s per chat, 30/s
overall), messages missing from the live feed, throughput and p50/p95 latency (web: request to reply; Telegram:
stored question to delivered reply).

The generator is `echo` and the embedder the hashing one (small real models), so the model's CPU time does not
hide what the workers, the database and Redis do; the knowledge folder is the tests' tiny one.
Telegram's half is bounded by its 30 messages/s: with many Telegram messages that limit sets the pace.

    .venv/bin/python scripts/bench_scale.py                     # 400 messages from 40 chats (a few minutes)
    .venv/bin/python scripts/bench_scale.py --messages 2000 --chats 100
The LAST line is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import re
import statistics
import sys
import tempfile
import time
from collections import Counter, defaultdict
from contextlib import ExitStack
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import httpx  # noqa: E402

from tests.fakes.telegram_api import FakeTelegram, fake_telegram  # noqa: E402
from tests.support.llama_server import free_port  # noqa: E402
from tests.support.serve_proc import Served, serve_env, shopbot_serve  # noqa: E402

log = logging.getLogger("bench_scale")
QUESTIONS = [
    "Do you ship to Canada?", "How long does standard shipping take?", "What is your return window?",
    "Can I pay with PayPal?", "How do refunds work?", "Is the wool jacket warm?", "Do you have black jeans?",
    "What does shipping cost?",
]
SECRET = "bench-webhook-secret"
STAFF = ("bench", "bench-staff-password-1")
TAG = re.compile(r"\[(\w+) m(\d+)\]")


def question(chat: str, k: int) -> str:
    return f"{QUESTIONS[k % len(QUESTIONS)]} [{chat} m{k}]"


class Load:
    """Plays Telegram and web shoppers against one served port; records acknowledgements and latencies."""

    def __init__(self, served: Served, fake: FakeTelegram, webhook: str, chats: int, per_chat: int) -> None:
        self.served, self.fake, self.webhook = served, fake, webhook
        self.tg_chats = [f"t{100000 + i}" for i in range(chats // 2)]
        self.web_chats = [f"w{i}" for i in range(chats - chats // 2)]
        self.per_chat = per_chat
        self.acked = 0
        self.retries = Counter[str]()
        self.web_latency: list[float] = []
        self.web_conv: dict[str, tuple[str, str]] = {}
        self._update_ids = iter(range(10_000_000, 20_000_000))

    async def open_web_conversations(self, client: httpx.AsyncClient) -> None:
        """Each web shopper's conversation (its first hello is not part of the burst)."""
        for chat in self.web_chats:
            reply = await self._post_chat(client, {"text": "hello", "message_id": f"{chat}-hello"})
            self.web_conv[chat] = (reply["conversation_id"], reply["conversation_token"])

    async def _post_chat(self, client: httpx.AsyncClient, body: dict[str, Any]) -> dict[str, Any]:
        while True:  # the chat page's retry: the same message_id again until a reply comes back
            try:
                r = await client.post(f"{self.served.url}/api/chat", json=body, timeout=300)
                if r.status_code == 200:
                    return dict(r.json())
                self.retries[f"web {r.status_code}"] += 1
            except httpx.HTTPError as exc:
                self.retries[f"web {type(exc).__name__}"] += 1
            await asyncio.sleep(0.2)

    async def web_chat(self, client: httpx.AsyncClient, chat: str) -> None:
        conv, token = self.web_conv[chat]
        for k in range(self.per_chat):
            started = time.perf_counter()
            await self._post_chat(client, {"text": question(chat, k), "conversation_id": conv,
                                           "conversation_token": token, "message_id": f"{chat}-{k}"})
            self.web_latency.append(time.perf_counter() - started)
            self.acked += 1

    async def telegram_chat(self, client: httpx.AsyncClient, chat: str) -> None:
        chat_id = int(chat[1:])
        for k in range(self.per_chat):
            update = self.fake.message_update(chat_id, question(chat, k), update_id=next(self._update_ids))
            while True:  # Telegram's webhook retry: the same update until it gets 200
                try:
                    r = await client.post(self.webhook, json=update, headers={"X-Telegram-Bot-Api-Secret-Token": SECRET},
                                          timeout=60)
                    if r.status_code == 200:
                        break
                    self.retries[f"telegram {r.status_code}"] += 1
                except httpx.HTTPError as exc:
                    self.retries[f"telegram {type(exc).__name__}"] += 1
                await asyncio.sleep(0.2)
            self.acked += 1


async def staff_feed(url: str, seen: set[tuple[str, str]], ready: asyncio.Event, worker: list[int]) -> None:
    """Log in as staff and collect the live feed's message texts, reconnecting if the stream ends."""
    async with httpx.AsyncClient(base_url=url, timeout=None) as client:
        page = await client.get("/staff/login")
        csrf = re.search(r'name="csrf" value="([^"]+)"', page.text)
        assert csrf is not None, page.text[:200]
        r = await client.post("/staff/login", data={"name": STAFF[0], "password": STAFF[1], "csrf": csrf.group(1)})
        assert r.status_code == 303, r.text[:200]
        while True:
            try:
                async with client.stream("GET", "/staff/events") as stream:
                    event = ""
                    async for line in stream.aiter_lines():
                        if line.startswith("event: "):
                            event = line[7:]
                        elif line.startswith("data: "):
                            data = json.loads(line[6:])
                            if event == "ready":
                                worker[:] = [int(data.get("worker", 0))]
                                ready.set()
                            elif data.get("type") == "message" and (m := TAG.search(str(data.get("text", "")))):
                                seen.add((m.group(1), m.group(0)))
            except httpx.HTTPError as exc:
                log.warning("staff feed stream broke (%s); reconnecting", exc)
            await asyncio.sleep(0.2)


def prepare(database: str, home: Path) -> None:
    """Migrate, and add the staff account the live feed logs in with."""
    from bot.store import Store
    from bot.store.staff_store import StaffStore

    store = Store(database, home=home)
    StaffStore(store).add(STAFF[0], STAFF[1], role="admin")
    store.close()


def check(database: str, home: Path, load: Load, fake: FakeTelegram, feed: set[tuple[str, str]]) -> dict[str, Any]:
    """Lost, duplicated, reordered, flood-limit breaks and live-feed misses, from what was stored and sent."""
    from bot.channels.telegram.render import render
    from bot.domain import Reply, flags_from, intent_from
    from bot.store import Store

    store = Store(database, home=home)
    rows = store.db.query(
        "SELECT m.id, m.conversation_id, m.direction, m.text, m.reply_to, m.external_id, m.delivered_at, m.sources, "
        "m.flags, m.intent, m.created_at, m.send_interrupted_at, c.channel, c.chat_id, c.flags AS conv_flags "
        "FROM messages m JOIN conversations c ON c.id = m.conversation_id ORDER BY m.id")
    rows = [dict(r) for r in rows]
    store.close()
    by_conv: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for r in rows:
        by_conv[r["conversation_id"]].append(r)
    sent_tags = {(chat, f"[{chat} m{k}]") for chat in load.tg_chats + load.web_chats for k in range(load.per_chat)}
    stored_in: Counter[tuple[str, str]] = Counter()
    lost, dup, reordered, flagged, tg_latency = [], 0, 0, 0, []
    replies: Counter[int] = Counter(r["reply_to"] for r in rows if r["direction"] == "out" and r["reply_to"])
    expected_parts: Counter[int] = Counter()
    for conv_rows in by_conv.values():
        ins = [r for r in conv_rows if r["direction"] == "in" and TAG.search(str(r["text"]))]
        for r in ins:
            m = TAG.search(str(r["text"]))
            assert m is not None
            stored_in[(m.group(1), m.group(0))] += 1
        ks = [int(TAG.search(str(r["text"])).group(2)) for r in ins]  # type: ignore[union-attr]
        reordered += sum(1 for a, b in zip(ks, ks[1:], strict=False) if b <= a)
        dialogue = [r for r in conv_rows if r["direction"] in ("in", "out")]
        for i, r in enumerate(dialogue):
            if r["direction"] == "in" and TAG.search(str(r["text"])):
                nxt = dialogue[i + 1] if i + 1 < len(dialogue) else None
                if nxt is not None and nxt["direction"] == "out" and nxt["reply_to"] != r["id"]:
                    reordered += 1
                if not replies[r["id"]]:
                    if "unanswered" in str(r["conv_flags"] or ""):
                        flagged += 1
                    else:
                        lost.append(r["text"])
        for r in conv_rows:
            if r["direction"] == "out" and r["channel"] == "telegram" and r["delivered_at"]:
                sources = json.loads(r["sources"]) if isinstance(r["sources"], str) and r["sources"] else []
                reply = Reply(text=r["text"], sources=sources or [], flags=flags_from(r["flags"]),
                              intent=intent_from(r["intent"]), conversation_id=r["conversation_id"])
                expected_parts[int(r["chat_id"])] += len(render(reply).chunks)
                asked = next((q for q in conv_rows if q["id"] == r["reply_to"]), None)
                if asked is not None:
                    tg_latency.append(_ts(r["delivered_at"]) - _ts(asked["created_at"]))
    lost += [f"never stored: {tag}" for tag in sorted(t for _, t in sent_tags - set(stored_in))]
    dup_stored = sum(n - 1 for n in stored_in.values() if n > 1)
    dup_replies = sum(n - 1 for n in replies.values() if n > 1)
    dup += dup_stored + dup_replies
    sent_parts = Counter(c.chat_id for c in fake.sent("sendMessage"))
    extra_sends = sum(max(0, sent_parts[chat] - expected_parts[chat]) for chat in sent_parts)
    extra_examples = [
        {"chat": chat, "sent": sent_parts[chat], "stored_parts": expected_parts[chat],
         "texts": [t[:60] for t in fake.texts(chat)][-4:]}
        for chat in sent_parts if sent_parts[chat] > expected_parts[chat]
    ][:3]
    missing_sends = sum(max(0, expected_parts[chat] - sent_parts[chat]) for chat in expected_parts)
    # replies whose send was in flight when a worker died (the journal's "s" note without its delivery note): each
    # is sent again from its first unconfirmed part, so each may reach the shopper twice once, and no more
    in_flight = sum(1 for r in rows if r["direction"] == "out" and r["channel"] == "telegram" and r["send_interrupted_at"])
    return {
        "messages": len(sent_tags),
        "lost": len(lost),
        "lost_examples": lost[:5],
        "flagged_for_staff": flagged,
        "duplicated": dup + extra_sends,
        "duplicated_detail": {"stored_twice": dup_stored, "answered_twice": dup_replies,
                              "telegram_extra_sends": extra_sends, "examples": extra_examples},
        "telegram_sends_in_flight_at_kill": in_flight,
        "duplicate_bound_held": extra_sends <= in_flight and dup_stored == dup_replies == 0,
        "telegram_sends_missing": missing_sends,
        "reordered_per_chat": reordered,
        "flood_limit_breaks": len(fake.rate_violations()),
        "flood_limit_examples": fake.rate_violations()[:3],
        "live_feed_missing": len(sent_tags - feed),
        "telegram_p50_s": _pct(tg_latency, 50),
        "telegram_p95_s": _pct(tg_latency, 95),
    }


def _ts(text: str) -> float:
    from datetime import datetime

    return datetime.fromisoformat(str(text).replace("Z", "+00:00")).timestamp()


def _pct(values: list[float], p: int) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))], 3)


async def burst(served: Served, fake: FakeTelegram, webhook: str, args: argparse.Namespace, *, kill: bool,
                feed: set[tuple[str, str]]) -> dict[str, Any]:
    per_chat = max(1, args.messages // args.chats)
    load = Load(served, fake, webhook, args.chats, per_chat)
    ready, feed_worker = asyncio.Event(), [0]
    feed_task = asyncio.create_task(staff_feed(served.url, feed, ready, feed_worker))
    await asyncio.wait_for(ready.wait(), timeout=120)
    limits = httpx.Limits(max_connections=args.chats + 10, max_keepalive_connections=0)  # a new connection each
    async with httpx.AsyncClient(limits=limits) as client:  # time: the kernel spreads them over the workers
        await load.open_web_conversations(client)
        killed: dict[str, Any] = {}

        async def killer() -> None:
            total = per_chat * args.chats
            while load.acked < total * 0.4:
                await asyncio.sleep(0.05)
            victims = [w for w in served.workers() if w != feed_worker[0]]
            if victims:
                import os
                import signal

                os.kill(victims[0], signal.SIGKILL)
                killed.update(pid=victims[0], after_acked=load.acked)
                log.warning("kill -9 worker %d after %d acknowledged messages", victims[0], load.acked)

        started = time.perf_counter()
        tasks = [load.web_chat(client, c) for c in load.web_chats] + [load.telegram_chat(client, c) for c in load.tg_chats]
        extra = [killer()] if kill else []
        await asyncio.gather(*tasks, *extra)
        acked_s = time.perf_counter() - started
    done_s = await wait_answered(args, load, fake, started)
    await asyncio.sleep(1.0)  # the last live-feed events in flight
    feed_task.cancel()
    return {"load": load, "acked_s": acked_s, "done_s": done_s, "killed": killed, "per_chat": per_chat}


async def wait_answered(args: argparse.Namespace, load: Load, fake: FakeTelegram, started: float) -> float:
    """Until every Telegram chat got as many messages as it asked questions (or the timeout): seconds from the start."""
    deadline = time.monotonic() + args.timeout
    want = {int(c[1:]): load.per_chat for c in load.tg_chats}
    while time.monotonic() < deadline:
        got = Counter(c.chat_id for c in fake.sent("sendMessage"))
        if all(got[chat] >= n for chat, n in want.items()):
            break
        await asyncio.sleep(0.25)
    return time.perf_counter() - started


def run_setup(name: str, workers: int, args: argparse.Namespace, root: Path, knowledge: Path,
              urls: dict[str, str], *, kill: bool) -> dict[str, Any]:
    home = root / name
    home.mkdir(parents=True)
    database = urls.get("database_url") or str(home / "shopbot.db")
    prepare(database, home)
    port = free_port()
    webhook = f"http://127.0.0.1:{port}/telegram/webhook"
    with fake_telegram() as fake:
        env = serve_env(home, knowledge, port, **urls, telegram_token=fake.token, telegram_base_url=fake.base_url,
                        telegram_mode="webhook", telegram_webhook_url=webhook, telegram_webhook_secret=SECRET)
        log.warning("%s: starting %d worker(s)", name, workers)
        with shopbot_serve(env, "--workers", str(workers), log=root / f"{name}.log") as served:
            fake.wait_for(lambda: len([c for c in fake.calls if c.method == "setWebhook"]) >= workers, timeout=300,
                          what="every worker's Telegram channel")
            feed: set[tuple[str, str]] = set()
            result = asyncio.run(burst(served, fake, webhook, args, kill=kill, feed=feed))
            load: Load = result["load"]
            figures = check(database, home, load, fake, feed)
    return {
        "setup": name,
        "workers": workers,
        **figures,
        "killed_worker": result["killed"] or None,
        "retries": dict(load.retries),
        "acknowledged_s": round(result["acked_s"], 2),
        "all_answered_s": round(result["done_s"], 2),
        "throughput_msgs_per_s": round(figures["messages"] / result["done_s"], 2),
        "web_throughput_turns_per_s": round(len(load.web_latency) / result["acked_s"], 2),
        "web_p50_s": _pct(load.web_latency, 50),
        "web_p95_s": _pct(load.web_latency, 95),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--messages", type=int, default=400, help="messages in the burst, all chats together (default 400)")
    parser.add_argument("--chats", type=int, default=40, help="chats, half Telegram and half web (default 40)")
    parser.add_argument("--workers", type=int, default=4, help="workers of the PostgreSQL + Redis setup (default 4)")
    parser.add_argument("--no-kill", action="store_true", help="do not kill a worker mid-burst")
    parser.add_argument("--timeout", type=float, default=600, help="seconds to wait for every reply (default 600)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from tests.conftest import write_knowledge
    from tests.support.pg_server import fresh_database, pg_server
    from tests.support.redis_server import redis_server

    results = []
    with ExitStack() as stack:
        root = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="bench-scale-")))
        knowledge = write_knowledge(root / "knowledge")
        pg = stack.enter_context(pg_server())
        redis_url = stack.enter_context(redis_server())
        urls = {"database_url": fresh_database(pg), "redis_url": redis_url}
        results.append(run_setup(f"{args.workers} workers, PostgreSQL, Redis", args.workers, args, root, knowledge,
                                 urls, kill=not args.no_kill))
        results.append(run_setup("1 worker, SQLite", 1, args, root, knowledge, {}, kill=False))
    for r in results:
        print(f"{r['setup']}: {r['messages']} messages, lost {r['lost']}, duplicated {r['duplicated']}, reordered "
              f"{r['reordered_per_chat']}, flood-limit breaks {r['flood_limit_breaks']}, live feed missing "
              f"{r['live_feed_missing']}, flagged {r['flagged_for_staff']}; Telegram resends {r['duplicated_detail']['telegram_extra_sends']} "
              f"of at most {r['telegram_sends_in_flight_at_kill']} (sends in flight at the kill); all answered in {r['all_answered_s']} s "
              f"({r['throughput_msgs_per_s']} msg/s); web {r['web_throughput_turns_per_s']} turns/s p50 "
              f"{r['web_p50_s']} p95 {r['web_p95_s']} s; Telegram p50 {r['telegram_p50_s']} p95 {r['telegram_p95_s']} s; "
              f"killed {r['killed_worker']}; retries {r['retries']}")
    print(json.dumps({"bench": "scale", "generator": "echo", "embedder": "hashing", "results": results,
                      "median_web_p95_s": statistics.median([r["web_p95_s"] or 0 for r in results])}))


if __name__ == "__main__":
    main()
