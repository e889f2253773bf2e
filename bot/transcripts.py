"""Conversation transcripts: run shopper conversations through the real pipeline and keep every reply, to read.

`shopbot eval conversations` is the reading half of evaluation: no expectations, no score, just what the bot said
to each turn, who wrote it and what it rested on, in a throw-away database (seeded from SHOPBOT_SEED_DIR, the shop's
live database untouched). Golden files (`turns`, optional `customer`, `expect` ignored) work too."""

from __future__ import annotations

import asyncio
import shutil
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from bot.app import Services, build_services
from bot.config import Settings
from bot.core.recommendation_check import recommendation_lines
from bot.domain import Channel, IncomingMessage

if TYPE_CHECKING:
    from bot.golden import Case


@contextmanager
def throwaway_services(settings: Settings, knowledge_dir: Path | None = None) -> Iterator[Services]:
    """Services over a temporary home (seeded demo data, fresh database) that reuse the trained intent classifier,
    the loaded chat model and the knowledge base's embedding cache of `settings`; the temporary home is removed."""
    real = build_services(settings)
    tmp = Path(tempfile.mkdtemp(prefix="shopbot-eval-"))
    try:
        svc = build_services(
            settings.model_copy(update={"home": tmp, "knowledge_dir": knowledge_dir or settings.knowledge_dir})
        )
        svc.__dict__["intents"] = real.intents  # the trained classifier and the loaded model are reused, not rebuilt
        svc.__dict__["chat_model"] = real.chat_model
        svc.kb.cache_dir = settings.kb_root / "cache"
        svc.kb.open()
        yield svc
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def run_transcripts(
    settings: Settings,
    cases: list[Case],
    *,
    knowledge_dir: Path | None = None,
    on_turn: Callable[[dict[str, Any]], None] | None = None,
) -> dict[str, Any]:
    """Run each case as a conversation of its own; `on_turn(row)` gets every turn's row as soon as it is answered.
    Returns the counts: conversations, turns, who wrote the replies, hand-offs, recommendation lines, latency."""
    with throwaway_services(settings, knowledge_dir) as svc:
        return asyncio.run(_run(svc, cases, on_turn))


async def _run(svc: Services, cases: list[Case], on_turn: Callable[[dict[str, Any]], None] | None) -> dict[str, Any]:
    authors: Counter[str] = Counter()
    latencies: list[float] = []
    handoffs = recommended = 0
    for n, case in enumerate(cases, 1):
        conversation: str | None = f"transcript-{n}"
        for i, turn in enumerate(case.turns, 1):
            t0 = time.perf_counter()
            reply = await svc.assistant.handle(
                IncomingMessage(turn, channel=Channel.API, customer_id=case.customer, conversation_id=conversation)
            )
            latency = time.perf_counter() - t0
            conversation = reply.conversation_id
            row = transcript_row(case, i, turn, reply.to_dict(), reply.author.value, latency)
            latencies.append(latency)
            authors[row["author"]] += 1
            handoffs += "handoff" in row["flags"]
            recommended += bool(row["recommendation"])
            if on_turn:
                on_turn(row)
    turns = max(1, len(latencies))
    return {
        "conversations": len(cases),
        "turns": len(latencies),
        "authors": {a: round(c / turns, 4) for a, c in sorted(authors.items())},
        "handoff_share": round(handoffs / turns, 4),
        "recommendation_share": round(recommended / turns, 4),
        "latency_p50_s": round(float(np.percentile(latencies, 50)), 3) if latencies else 0.0,
        "latency_p95_s": round(float(np.percentile(latencies, 95)), 3) if latencies else 0.0,
    }


def transcript_row(
    case: Case, turn: int, user: str, reply: dict[str, Any], author: str, latency: float
) -> dict[str, Any]:
    """One turn as a JSON-ready row: what the shopper said, the reply in full, who wrote it and what it rested on."""
    lines = recommendation_lines(reply["text"])
    return {
        "id": case.case_id,
        "turn": turn,
        "customer": case.customer,
        "user": user,
        "reply": reply["text"],
        "author": author,
        "flags": reply["flags"],
        "sources": [s.get("doc_id") or s.get("title", "") for s in reply["sources"]],
        "cards": [c.get("sku", "") for c in reply["cards"]],
        "recommendation": lines[0] if lines else "",
        "latency_s": round(latency, 3),
    }


def format_turn(row: dict[str, Any]) -> str:
    """A turn for people: the case and turn, the shopper's words, then the reply and who wrote it."""
    who = f" ({row['customer']})" if row["customer"] else ""
    head = f"[{row['id']} #{row['turn']}]{who} shopper: {row['user']}"
    return f"{head}\nbot [{row['author']}; {', '.join(row['flags']) or 'no flags'}]: {row['reply']}\n"
