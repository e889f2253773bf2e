"""`shopbot llm ...`: fine-tune the local model for a task (campaign copy, reply wording) and manage the adapters."""

from __future__ import annotations

import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from bot.cli._groups import friendly_errors, main

if TYPE_CHECKING:
    from bot.app import Services


@main.group("llm")
def llm_group() -> None:
    """The local language model: task adapters (LoRA) and their versions."""


@llm_group.command("tune")
@click.option(
    "--task",
    type=click.Choice(["copy", "reply"]),
    required=True,
    help="What to tune for: copy = campaign messages; reply = wording answers from the catalog and orders.",
)
@click.option(
    "--examples",
    "examples_n",
    type=click.IntRange(8, 20_000),
    default=None,
    help="Training examples [copy: 360, reply: 240].",
)
@click.option(
    "--held-out",
    type=click.IntRange(4, 5000),
    default=None,
    help="Examples kept out of training for NLL [copy: 60, reply: 40].",
)
@click.option(
    "--epochs", type=click.IntRange(1, 20), default=None, help="Passes over the examples [copy: 2, reply: 1]."
)
@click.option("--rank", type=click.IntRange(1, 64), default=8, show_default=True, help="LoRA rank.")
@click.option("--lr", type=float, default=None, help="Learning rate [copy: 3e-4, reply: 1e-3].")
@click.option(
    "--eval",
    "eval_copies",
    type=click.IntRange(0, 1000),
    default=30,
    show_default=True,
    help="Copies (or reply wordings) generated before and after to measure the verifier (paraphrase check) pass rate; 0 skips.",
)
@click.option(
    "--out",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="reply: where the adapter goes [<home>/models/reply/adapter, which replies then use].",
)
@click.option(
    "--frames",
    is_flag=True,
    help="reply: tune on slot-filling frames (the model words the answer with its values as {slots}; code fills them in).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
@friendly_errors
def tune(
    task: str,
    examples_n: int | None,
    held_out: int | None,
    epochs: int | None,
    rank: int,
    lr: float | None,
    eval_copies: int,
    out: Path | None,
    frames: bool,
    as_json: bool,
) -> None:
    """LoRA-tune the local SmolLM2 (CPU, minutes): campaign copy (a new adapter version) or reply wording."""
    from bot.app import build_services
    from bot.config import get_settings

    services = build_services(get_settings())
    services.kb.open(build_if_missing=True)
    if task == "reply":
        _tune_reply(
            services,
            examples_n or 240,
            held_out or 40,
            epochs or 1,
            rank,
            lr or 1e-3,
            eval_copies,
            out,
            as_json,
            frames,
        )
        return
    from bot.campaigns.tune import shop_examples, tune_copy

    examples_n, held_out, epochs, lr = examples_n or 360, held_out or 60, epochs or 2, lr or 3e-4
    metrics = tune_copy(
        services.settings,
        services.kb.products(),
        shop_copy=shop_examples(services.campaign_store),
        examples_n=examples_n,
        held_out=held_out,
        epochs=epochs,
        lr=lr,
        rank=rank,
        eval_copies=eval_copies,
        progress=lambda line: click.echo(line, err=True),
    )
    checks = f"verifier pass rate {metrics['verifier_pass_rate_before']} -> {metrics['verifier_pass_rate_after']}"
    _report(metrics, as_json, f"adapter {metrics['version']} is current", checks)


def _tune_reply(
    services: Services,
    examples_n: int,
    held_out: int,
    epochs: int,
    rank: int,
    lr: float,
    eval_n: int,
    out: Path | None,
    as_json: bool,
    frames: bool = False,
) -> None:
    from bot.llm.reply_model import shop_adapter_dir
    from bot.llm.reply_tune import tune_reply

    settings = services.settings
    orders = services.store.all_orders()  # the shop's orders (the demo's seed orders on a fresh install)
    target = out or shop_adapter_dir(settings)
    target.parent.mkdir(parents=True, exist_ok=True)
    metrics = tune_reply(
        settings,
        services.kb.products(),
        orders,
        out=target,
        examples_n=examples_n,
        held_out=held_out,
        epochs=epochs,
        lr=lr,
        rank=rank,
        eval_n=eval_n,
        knowledge_dir=settings.knowledge_dir,
        frames=frames,
        progress=lambda line: click.echo(line, err=True),
    )
    checks = (
        f"paraphrase-check pass rate {metrics['check_pass_rate_before']} (base model, worked examples) -> "
        f"{metrics['check_pass_rate_after']}"
    )
    _report(metrics, as_json, f"reply adapter written to {target}", checks)


def _report(metrics: dict[str, Any], as_json: bool, what: str, checks: str) -> None:
    """The tuning metrics as JSON, or one line: what was written, held-out NLL, the checks, the training time."""
    if as_json:
        click.echo(json.dumps(metrics, indent=2, ensure_ascii=False))
        return
    nll = f"held-out NLL {metrics['held_out_nll_before']:.3f} -> {metrics['held_out_nll_after']:.3f}"
    click.echo(f"{what}: {nll}; {checks}; trained {metrics['train_seconds']:.0f} s on {metrics['threads']} threads")


@llm_group.command("adapters")
@click.option("--task", type=click.Choice(["copy"]), required=True)
@friendly_errors
def adapters(task: str) -> None:
    """List adapter versions with their figures; the current one is marked."""
    from bot.campaigns.tuned import info
    from bot.config import get_settings

    rows = info(get_settings())
    click.echo(json.dumps(rows, indent=2) if rows else "no adapters yet: shopbot llm tune --task copy")


@llm_group.command("rollback")
@click.option("--task", type=click.Choice(["copy"]), required=True)
@click.option("--to-base", is_flag=True, help="Use no adapter at all (the base model writes copy).")
@friendly_errors
def rollback(task: str, to_base: bool) -> None:
    """Switch to the previous adapter version (or to the base model)."""
    from bot.campaigns import tuned
    from bot.config import get_settings

    settings = get_settings()
    if to_base:
        tuned.to_base(settings)
        click.echo("copy is written by the base model now")
        return
    click.echo(f"current copy adapter: {tuned.store(settings).rollback()}")
