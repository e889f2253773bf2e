"""`shopbot ask` (one question) and `shopbot chat` (a terminal conversation with streaming)."""

from __future__ import annotations

import asyncio
import json
import sys
from pathlib import Path
from typing import Any

import click

from bot.cli._groups import eval_group, friendly_errors, main
from bot.domain import Channel, IncomingMessage, Reply


def _services():
    from bot.app import build_services
    from bot.config import get_settings

    services = build_services(get_settings())
    services.kb.open(progress=sys.stderr.isatty())
    return services


def render_text(reply: Reply) -> str:
    """Plain-text rendering: buttons become numbered lines, sources a short list."""
    lines = [reply.text]
    for card in reply.cards:
        lines.append(f"  Recommended for you: {card.name} ({card.price:.2f} {card.currency}) - {card.reason}")
    if reply.sources:
        lines.append("  sources: " + "; ".join(s.get("title", "") for s in reply.sources[:3]))
    for i, button in enumerate(reply.buttons, 1):
        lines.append(f"  [{i}] {button.label}")
    return "\n".join(lines)


@main.command("ask")
@click.argument("question")
@click.option("--customer", default=None, help="Customer id (e.g. c001 from the demo store) to answer as.")
@click.option("--json", "as_json", is_flag=True, help="Print the whole reply (sources, flags, timings) as JSON.")
@friendly_errors
def ask(question: str, customer: str | None, as_json: bool) -> None:
    """Ask one question and print the reply."""
    services = _services()
    reply = asyncio.run(
        services.assistant.handle(IncomingMessage(text=question, channel=Channel.CONSOLE, customer_id=customer))
    )
    click.echo(json.dumps(reply.to_dict(), indent=2, ensure_ascii=False) if as_json else render_text(reply))


@main.command("chat")
@click.option("--customer", default=None, help="Customer id to chat as (default: a new anonymous customer).")
@friendly_errors
def chat(customer: str | None) -> None:
    """Chat in the terminal; replies stream as they are written. Ctrl-D or /quit ends."""
    services = _services()
    asyncio.run(_chat_loop(services, customer))


async def _chat_loop(services, customer: str | None) -> None:
    conversation: str | None = None
    click.echo("shopbot chat - ask about orders, delivery, returns or products. /quit to leave.")
    while True:
        try:
            text = await asyncio.to_thread(input, "you> ")
        except (EOFError, KeyboardInterrupt):
            click.echo()
            return
        if text.strip() in {"/quit", "/exit"}:
            return
        click.echo("bot> ", nl=False)
        msg = IncomingMessage(text=text, channel=Channel.CONSOLE, customer_id=customer, conversation_id=conversation)
        streamed = False
        async for event in services.assistant.stream(msg):
            if event["type"] == "token":
                click.echo(event["text"], nl=False)
                streamed = True
            elif event["type"] == "replace":
                click.echo("\r\033[K", nl=False)
                click.echo("bot> " + event["text"], nl=False)
            elif event["type"] == "reply":
                reply: Reply = event["reply"]
                conversation = reply.conversation_id
                customer = customer or services.store.get_conversation(conversation)["customer_id"]
                extra = render_text(reply).split("\n", 1)
                click.echo(("" if streamed else reply.text) + ("\n" + extra[1] if len(extra) > 1 else ""))


# the knowledge folder both conversation runners answer from
KB_OPTION = click.option(
    "--kb",
    "kb_dir",
    type=click.Path(path_type=Path, file_okay=False, exists=True),
    default=None,
    help="Knowledge folder to answer from (default: SHOPBOT_KNOWLEDGE_DIR).",
)


@eval_group.command("replies")
@click.option(
    "--cases",
    "cases_path",
    required=True,
    type=click.Path(path_type=Path, exists=True),
    help="Golden cases: a JSONL file or a folder of them.",
)
@KB_OPTION
@click.option(
    "--show",
    type=click.Choice(["none", "failed", "all"]),
    default="none",
    show_default=True,
    help="Print each case's turns, final reply, author and problems (to stderr): none, the failed ones, or all.",
)
@click.option("--show-failures/--no-show-failures", default=True, help="Include failing cases in the JSON.")
@friendly_errors
def eval_replies(cases_path: Path, kb_dir: Path | None, show: str, show_failures: bool) -> None:
    """Run golden conversations; print pass rate, unsupported-fact rate, model-written share, recommendation checks and latency as JSON."""
    from tqdm import tqdm

    from bot.config import get_settings
    from bot.golden import format_case, read_cases, run_cases

    cases = read_cases(cases_path)
    bar = tqdm(total=len(cases), desc="golden cases", disable=not sys.stderr.isatty())

    def shown(
        row: dict[str, Any],
    ) -> None:  # each case as soon as it is scored: a long run shows its replies as it goes
        if show == "all" or (show == "failed" and (not row["passed"] or row["unsupported"])):
            bar.write(format_case(row) + "\n", file=sys.stderr)

    result = run_cases(
        get_settings(), cases, knowledge_dir=kb_dir, on_case=lambda n, total: bar.update(1), on_result=shown
    )
    bar.close()
    result.pop("results")
    if not show_failures:
        result.pop("failures")
    click.echo(json.dumps(result, indent=2, ensure_ascii=False))


@eval_group.command("grounding")
@click.option(
    "--cases",
    "cases_path",
    required=True,
    type=click.Path(path_type=Path, exists=True, dir_okay=False),
    help='JSONL lines {"grounding", "question", "answer", "label": "supported"|"unsupported"} (optional "kind").',
)
@click.option(
    "--no-meaning",
    is_flag=True,
    help="Word-level checks only (the verifier without the meaning check), for comparison.",
)
@click.option(
    "--show-errors/--no-show-errors",
    default=False,
    help="Include the misjudged answers and the verifier's reasons in the JSON.",
)
@friendly_errors
def eval_grounding(cases_path: Path, no_meaning: bool, show_errors: bool) -> None:
    """Does the verifier accept right answers and reject subtly wrong ones? Prints accept_supported, reject_unsupported, balanced_accuracy and latency per check as JSON."""
    from tqdm import tqdm

    from bot.config import get_settings
    from bot.core.meaning import MeaningChecker
    from bot.embed.embedder import get_embedder
    from bot.grounding_eval import evaluate_grounding, read_grounding_cases

    cases = read_grounding_cases(cases_path)
    meaning = None
    if not no_meaning:
        embedder = get_embedder(get_settings().embedder)
        meaning = MeaningChecker(embed=embedder.embed)
        meaning.check("warm-up.", "warm-up.")  # load the embedding model before the clock starts
    bar = tqdm(total=len(cases), desc="answers", disable=not sys.stderr.isatty())
    result = evaluate_grounding(cases, meaning=meaning, on_case=lambda n, total: bar.update(1))
    bar.close()
    if not show_errors:
        result.pop("errors")
    click.echo(json.dumps(result, indent=2, ensure_ascii=False))


@eval_group.command("conversations")
@click.option(
    "--cases",
    "cases_path",
    required=True,
    type=click.Path(path_type=Path, exists=True),
    help='Conversations: JSONL lines {"turns": [...], "customer": "c001" (optional), "id": "..." (optional)}, a file '
    "or a folder; golden files work too (their expectations are ignored).",
)
@KB_OPTION
@click.option(
    "--out",
    "out_path",
    type=click.Path(path_type=Path, dir_okay=False, writable=True),
    default=None,
    help="Write one JSON line per turn here (default: standard output).",
)
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "text"]),
    default="jsonl",
    show_default=True,
    help="jsonl: one JSON object per turn; text: each turn as the shopper's words and the reply, for reading.",
)
@friendly_errors
def eval_conversations(cases_path: Path, kb_dir: Path | None, out_path: Path | None, fmt: str) -> None:
    """Run conversations through the real pipeline in a throw-away database (seeded from SHOPBOT_SEED_DIR) and write every reply in full (who wrote it, flags, sources, the recommendation line, latency), to be read; a summary goes to stderr."""
    from tqdm import tqdm

    from bot.config import get_settings
    from bot.golden import read_cases
    from bot.transcripts import format_turn, run_transcripts

    cases = read_cases(cases_path)
    out = out_path.open("w", encoding="utf-8") if out_path else sys.stdout
    bar = tqdm(total=sum(len(c.turns) for c in cases), desc="turns", disable=not sys.stderr.isatty())

    def written(row: dict[str, Any]) -> None:
        out.write(format_turn(row) + "\n" if fmt == "text" else json.dumps(row, ensure_ascii=False) + "\n")
        out.flush()
        bar.update(1)

    try:
        summary = run_transcripts(get_settings(), cases, knowledge_dir=kb_dir, on_turn=written)
    finally:
        bar.close()
        if out_path:
            out.close()
    click.echo(json.dumps(summary, ensure_ascii=False), err=True)
