"""`shopbot intents train|predict` and `shopbot eval intents`: thin shells over bot.nlu."""

from __future__ import annotations

import json
from dataclasses import asdict
from pathlib import Path

import click

from bot.cli._groups import eval_group, friendly_errors, main


@main.group("intents")
def intents_group() -> None:
    """Train the intent classifier and ask it what a message is about."""


@intents_group.command("train")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Model root (default: <home>/models/intent); a new v<timestamp>/ folder plus a `current` link.",
)
@click.option(
    "--embedder",
    type=click.Choice(["minilm", "hashing"]),
    default=None,
    help="Sentence embedder (default: the `embedder` setting; hashing is for tests only).",
)
@friendly_errors
def train(out_dir: Path | None, embedder: str | None) -> None:
    """Train the product intent model on the shipped data and make it current."""
    from bot.config import get_settings
    from bot.nlu.training import model_root, train_default_model

    settings = get_settings()
    version = train_default_model(out_dir or model_root(settings), embedder=embedder or settings.embedder)
    click.echo(json.dumps({"model": str(version)}))


@intents_group.command("predict")
@click.argument("text", nargs=-1, required=True)
@click.option(
    "--model",
    "model_dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    default=None,
    help="Model folder (default: SHOPBOT_INTENT_MODEL, else <home>/models/intent/current, trained if missing).",
)
@friendly_errors
def predict(text: tuple[str, ...], model_dir: Path | None) -> None:
    """Print the predicted intent of TEXT as JSON."""
    from bot.config import get_settings
    from bot.nlu.classifier import IntentClassifier
    from bot.nlu.training import load_or_train

    clf = IntentClassifier.load(model_dir) if model_dir else load_or_train(get_settings())
    prediction = clf.predict(" ".join(text))
    out = asdict(prediction)
    out["intent"] = prediction.intent.value
    out["confidence"] = round(prediction.confidence, 4)
    click.echo(json.dumps(out, indent=2))


@eval_group.command("intents")
@click.option(
    "--train", "train_path", required=True, type=click.Path(path_type=Path), help="CSV with header sentence,label."
)
@click.option(
    "--test", "test_path", required=True, type=click.Path(path_type=Path), help="CSV with header sentence,label."
)
@click.option(
    "--val",
    "val_path",
    type=click.Path(path_type=Path),
    default=None,
    help="Optional CSV sentence,label for choosing the out-of-scope threshold (default: hold out 15% of --train).",
)
@click.option(
    "--oos-label",
    default=None,
    help="The label that marks out-of-scope rows (e.g. oos); enables the threshold and OOS metrics. It may be absent from --train.",
)
@click.option(
    "--embedder",
    type=click.Choice(["minilm", "hashing"]),
    default="minilm",
    show_default=True,
    help="Sentence embedder.",
)
@friendly_errors
def eval_intents(
    train_path: Path, test_path: Path, val_path: Path | None, oos_label: str | None, embedder: str
) -> None:
    """Train the production classifier on TRAIN, score it on TEST and print JSON metrics, with a TF-IDF + logistic regression baseline."""
    from bot.nlu.evaluate import evaluate_intent_files

    result = evaluate_intent_files(train_path, test_path, val=val_path, oos_label=oos_label, embedder=embedder)
    click.echo(json.dumps(result, indent=2))
