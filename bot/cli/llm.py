"""`shopbot llm ...`: fine-tune the local model for a task (campaign copy) and manage the adapters."""

from __future__ import annotations

import json

import click

from bot.cli._groups import friendly_errors, main


@main.group("llm")
def llm_group() -> None:
    """The local language model: task adapters (LoRA) and their versions."""


@llm_group.command("tune")
@click.option("--task", type=click.Choice(["copy"]), required=True, help="What to tune for: copy = campaign messages.")
@click.option(
    "--examples",
    "examples_n",
    type=click.IntRange(20, 20_000),
    default=360,
    show_default=True,
    help="Training examples.",
)
@click.option(
    "--held-out",
    type=click.IntRange(5, 5000),
    default=60,
    show_default=True,
    help="Examples kept out of training for NLL.",
)
@click.option("--epochs", type=click.IntRange(1, 20), default=2, show_default=True)
@click.option("--rank", type=click.IntRange(1, 64), default=8, show_default=True, help="LoRA rank.")
@click.option("--lr", type=float, default=3e-4, show_default=True, help="Learning rate.")
@click.option(
    "--eval",
    "eval_copies",
    type=click.IntRange(0, 1000),
    default=30,
    show_default=True,
    help="Copies generated before and after to measure the verifier pass rate (0 skips).",
)
@click.option("--json", "as_json", is_flag=True, help="Print the metrics as JSON.")
@friendly_errors
def tune(
    task: str, examples_n: int, held_out: int, epochs: int, rank: int, lr: float, eval_copies: int, as_json: bool
) -> None:
    """LoRA-tune the local SmolLM2 on campaign copy (CPU, minutes) and publish the adapter as a new version."""
    from bot.app import build_services
    from bot.campaigns.tune import shop_examples, tune_copy
    from bot.config import get_settings

    services = build_services(get_settings())
    services.kb.open(build_if_missing=True)
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
    if as_json:
        click.echo(json.dumps(metrics, indent=2, ensure_ascii=False))
        return
    click.echo(
        f"adapter {metrics['version']} is current: held-out NLL {metrics['held_out_nll_before']:.3f} -> {metrics['held_out_nll_after']:.3f}; "
        f"verifier pass rate {metrics['verifier_pass_rate_before']} -> {metrics['verifier_pass_rate_after']}; "
        f"trained {metrics['train_seconds']:.0f} s on {metrics['threads']} threads"
    )


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
