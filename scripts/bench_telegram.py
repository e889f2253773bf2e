"""Burst benchmark of the Telegram channel through the fake Bot API over real HTTP.

Scripted run (default): 500 messages from 25 chats with the scripted generator, plus redelivered updates.
`--local`: also 50 messages from 10 chats with the default local model (SmolLM2) and MiniLM retrieval.
Reports lost / duplicated / reordered replies, throughput, p95 update->sendMessage, queueing delay and typing;
the fake server checks the flood limits (1 message/s per chat, 30/s overall). The LAST line is one JSON object.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import logging
import shutil
import sys
import time
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from pydantic import SecretStr  # noqa: E402

from bot.app import Services  # noqa: E402
from bot.channels.telegram.runner import TelegramRunner  # noqa: E402
from bot.config import Settings  # noqa: E402
from bot.domain import IncomingMessage, Reply  # noqa: E402
from tests.fakes.telegram_api import FakeTelegram, fake_telegram  # noqa: E402
from tests.support.intents import small_services  # noqa: E402

log = logging.getLogger("bench_telegram")
QUESTIONS = [
    "Do you ship to Canada?", "How long does standard shipping take?", "What is your return window?", "Can I pay with PayPal?",
    "hello", "Where is my order?", "Do you have black jeans?", "How do refunds work?", "Is the wool jacket warm?", "thanks",
]


class TimedAssistant:
    """Our own seam (TelegramRunner(assistant=...)): records when each turn started and ended, then delegates."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.started: dict[str, float] = {}
        self.finished: dict[str, float] = {}

    async def handle(self, msg: IncomingMessage) -> Reply:
        """Time one turn."""
        self.started.setdefault(str(msg.message_id), time.monotonic())
        reply = await self.inner.handle(msg)
        self.finished.setdefault(str(msg.message_id), time.monotonic())
        return reply


def pct(values: list[float], q: float) -> float:
    """The q-quantile (nearest rank) of values; 0 for none."""
    if not values:
        return 0.0
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q * (len(ordered) - 1))))]


def build(home: Path, fake: FakeTelegram, *, local: bool, llm_timeout_s: float = 8.0) -> Services:
    """Services on the demo knowledge base: hashing + scripted, or MiniLM + the local model."""
    home.mkdir(parents=True, exist_ok=True)
    for stale in home.glob("shopbot.db*"):
        stale.unlink()
    if local and not (home / "kb").exists() and (REPO / "var" / "kb").exists():
        shutil.copytree(REPO / "var" / "kb", home / "kb")  # reuse the demo index `shopbot serve` already built
    settings = Settings(
        home=home, knowledge_dir=REPO / "knowledge", seed_dir=home / "no-seed", embedder="minilm" if local else "hashing",
        llm_backend="local" if local else "scripted", telegram_token=SecretStr(fake.token), telegram_base_url=fake.base_url,
        llm_timeout_s=llm_timeout_s,
    )
    services = small_services(settings)  # the small intent classifier: the generator is what this measures
    services.kb.open()
    if local:
        _ = services.chat_model
        services.chat_model.load()
    return services


async def burst(fake: FakeTelegram, services: Services, *, chats: int, messages: int, redeliver: int, timeout_s: float) -> dict[str, Any]:
    """Inject the burst, wait for every reply, and measure."""
    timed = TimedAssistant(services.assistant)
    runner = TelegramRunner(services, assistant=timed, poll_timeout_s=2)
    await runner.start()
    chat_ids = [10_000 + i for i in range(chats)]
    updates = [fake.message_update(chat_ids[i % chats], QUESTIONS[(i // chats) % len(QUESTIONS)]) for i in range(messages)]
    sent: dict[int, list[tuple[int, float]]] = {c: [] for c in chat_ids}
    t0 = time.monotonic()
    for i, update in enumerate(updates):
        fake.inject(update)
        sent[update["message"]["chat"]["id"]].append((update["update_id"], time.monotonic()))
        if redeliver and i % max(1, messages // redeliver) == 0:
            fake.inject(json.loads(json.dumps(update)))  # Telegram delivering the same update again
    per_chat = messages // chats
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline and sum(min(len(fake.texts(c)), per_chat) for c in chat_ids) < messages:
        await asyncio.sleep(0.1)
    await asyncio.sleep(1.5)  # let any late duplicate show itself
    await runner.stop()
    result = measure(fake, services, timed, chat_ids, sent, t0)
    result["waits_429"] = runner.rate_limiter.waits_429
    return result


def measure(fake: FakeTelegram, services: Services, timed: TimedAssistant, chat_ids: list[int],
            sent: dict[int, list[tuple[int, float]]], t0: float) -> dict[str, Any]:
    """Compare what was asked, stored and delivered, chat by chat."""
    lost = duplicated = reordered = 0
    latencies: list[float] = []
    queueing: list[float] = []
    first_typing: list[float] = []
    typing_gaps: list[float] = []
    store = services.store
    convs = {c["chat_id"]: c for c in store.list_conversations(channel="telegram", limit=10_000)}
    last_reply = t0
    for chat in chat_ids:
        deliveries = fake.sent("sendMessage", chat_id=chat)
        asked = sent[chat]
        lost += max(0, len(asked) - len(deliveries))
        duplicated += max(0, len(deliveries) - len(asked))
        conv = convs.get(str(chat))
        stored = store.messages(conv["id"]) if conv else []
        ins = [m for m in stored if m["direction"] == "in"]
        outs = [m["text"] for m in stored if m["direction"] == "out"]
        duplicated += max(0, len(ins) - len(asked))
        in_order = [m["external_id"] for m in ins] == [f"telegram:{uid}" for uid, _ in asked][: len(ins)]
        directions = "".join("i" if m["direction"] == "in" else "o" for m in stored)
        delivered_texts = [str(c.params.get("text", "")) for c in deliveries]
        if not in_order or directions != "io" * len(ins) or [t.split("\n\n<i>Sources")[0] for t in delivered_texts] != [_escaped(o) for o in outs]:
            reordered += 1
        for (uid, t_in), call in zip(asked, deliveries):
            latencies.append(call.t - t_in)
            last_reply = max(last_reply, call.t)
            if str(uid) in timed.started:
                queueing.append(timed.started[str(uid)] - t_in)
        typing = [c.t for c in fake.sent("sendChatAction", chat_id=chat)]
        if typing and asked:
            first_typing.append(typing[0] - asked[0][1])
            typing_gaps += [b - a for a, b in zip(typing, typing[1:])]
    service = [timed.finished[k] - timed.started[k] for k in timed.finished if k in timed.started]
    replies = sum(len(fake.sent("sendMessage", chat_id=c)) for c in chat_ids)
    violations = fake.rate_violations()
    return {
        "messages": sum(len(v) for v in sent.values()), "chats": len(chat_ids), "replies": replies,
        "lost": lost, "duplicated": duplicated, "reordered": reordered,
        "throughput_per_s": round(replies / max(1e-9, last_reply - t0), 2), "wall_s": round(last_reply - t0, 2),
        "p50_s": round(pct(latencies, 0.5), 3), "p95_s": round(pct(latencies, 0.95), 3),
        "queue_p50_s": round(pct(queueing, 0.5), 3), "queue_p95_s": round(pct(queueing, 0.95), 3),
        "turn_p50_s": round(pct(service, 0.5), 3), "turn_p95_s": round(pct(service, 0.95), 3),
        "first_typing_max_s": round(max(first_typing, default=0.0), 3), "typing_gap_max_s": round(max(typing_gaps, default=0.0), 3),
        "rate_violations": len(violations),
    }


def _escaped(text: str) -> str:
    import html

    return html.escape(text, quote=False).strip()


def report(name: str, r: dict[str, Any]) -> None:
    """Human-readable lines for one run."""
    print(f"== {name}: {r['messages']} messages from {r['chats']} chats -> {r['replies']} replies in {r['wall_s']} s")
    print(f"   lost {r['lost']}, duplicated {r['duplicated']}, reordered {r['reordered']} (chats), flood-limit violations {r['rate_violations']}")
    print(f"   throughput {r['throughput_per_s']}/s; update->sendMessage p50 {r['p50_s']} s, p95 {r['p95_s']} s "
          f"(per-chat 1 msg/s limit included)")
    print(f"   queueing before the turn p50 {r['queue_p50_s']} s, p95 {r['queue_p95_s']} s; turn itself p50 {r['turn_p50_s']} s, p95 {r['turn_p95_s']} s")
    print(f"   first typing indicator within {r['first_typing_max_s']} s of the first message; longest gap between indicators {r['typing_gap_max_s']} s")


async def main_async(args: argparse.Namespace) -> dict[str, Any]:
    """Run the scripted burst and optionally the local one."""
    result: dict[str, Any] = {}
    with fake_telegram() as fake:
        services = await asyncio.to_thread(build, Path(args.home) / "scripted", fake, local=False)
        scripted = await burst(fake, services, chats=args.chats, messages=args.messages, redeliver=args.redeliver, timeout_s=args.timeout)
        report("scripted generator", scripted)
        result.update(scripted)
    if args.local:
        with fake_telegram() as fake:
            services = await asyncio.to_thread(build, Path(args.home) / "local", fake, local=True, llm_timeout_s=args.local_llm_timeout)
            local = await burst(fake, services, chats=args.local_chats, messages=args.local_messages, redeliver=0, timeout_s=args.timeout * 4)
            report("local model (SmolLM2)", local)
            result["local"] = local
    return result


def main() -> None:
    """Parse arguments, run, print the JSON summary last."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=500, help="messages in the scripted burst (default 500)")
    parser.add_argument("--chats", type=int, default=25, help="chats in the scripted burst (default 25)")
    parser.add_argument("--redeliver", type=int, default=25, help="updates Telegram delivers twice in the scripted burst (default 25)")
    parser.add_argument("--local", action="store_true", help="also run a burst with the default local model")
    parser.add_argument("--local-messages", type=int, default=50, help="messages in the local burst (default 50)")
    parser.add_argument("--local-chats", type=int, default=10, help="chats in the local burst (default 10)")
    parser.add_argument("--local-llm-timeout", type=float, default=300.0,
                        help="generator timeout for the local burst (default 300 s: turns queue for the one model, and the "
                             "shipped 8 s would turn most of them into extractive replies)")
    parser.add_argument("--timeout", type=float, default=180.0, help="seconds to wait for the scripted burst (x4 for --local)")
    parser.add_argument("--home", default=str(REPO / "var" / "bench_telegram"), help="working folder (KB versions, converted model)")
    args = parser.parse_args()
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    result = asyncio.run(main_async(args))
    print(json.dumps(result))


if __name__ == "__main__":
    main()
