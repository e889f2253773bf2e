"""`shopbot eval intents` and `shopbot intents predict` through click, with the hashing embedder."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.nlu.classifier import IntentClassifier
from bot.nlu.intent_csv import write_intent_csv


@pytest.mark.parametrize(
    "args",
    [
        ["intents", "--help"],
        ["intents", "train", "--help"],
        ["intents", "predict", "--help"],
        ["eval", "intents", "--help"],
    ],
)
def test_help_works(args: list[str]) -> None:
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_eval_help_lists_the_options() -> None:
    out = CliRunner().invoke(main, ["eval", "intents", "--help"]).output
    for option in ("--train", "--test", "--val", "--oos-label"):
        assert option in out


def test_eval_intents_prints_metrics(tmp_path, intent_rows) -> None:
    train = write_intent_csv(tmp_path / "train.csv", *intent_rows(0))
    test = write_intent_csv(tmp_path / "test.csv", *intent_rows(1, per_label=5))
    result = CliRunner().invoke(
        main, ["eval", "intents", "--train", str(train), "--test", str(test), "--embedder", "hashing"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["n_train"] == 60 and report["n_test"] == 15
    assert report["accuracy"] >= 0.8
    assert 0.0 < report["macro_f1"] <= 1.0
    assert report["oos_recall"] is None and report["in_scope_accuracy"] is None and report["threshold"] is None


def test_eval_intents_with_an_oos_label(tmp_path, intent_rows) -> None:
    train = write_intent_csv(tmp_path / "train.csv", *intent_rows(0, with_oos=True))
    sentences, labels = intent_rows(1, per_label=5)
    gibberish = ["xylophone quokka zeppelin", "blorp snarf quux", "zzzz yyyy xxxx"]
    test = write_intent_csv(tmp_path / "test.csv", sentences + gibberish, labels + ["oos"] * 3)
    result = CliRunner().invoke(
        main,
        ["eval", "intents", "--train", str(train), "--test", str(test), "--oos-label", "oos", "--embedder", "hashing"],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    for key in (
        "in_scope_accuracy",
        "oos_recall",
        "oos_precision",
        "accuracy",
        "macro_f1",
        "threshold",
        "train_seconds",
    ):
        assert report[key] is not None, key
    assert report["oos_recall"] == 1.0


def test_eval_intents_reports_a_bad_file_clearly(tmp_path, intent_rows) -> None:
    train = write_intent_csv(tmp_path / "train.csv", *intent_rows(0))
    bad = tmp_path / "test.csv"
    bad.write_text("text,category\nhi,greet\n")
    result = CliRunner().invoke(
        main, ["eval", "intents", "--train", str(train), "--test", str(bad), "--embedder", "hashing"]
    )
    assert result.exit_code == 1
    assert "test.csv:1: missing column(s) sentence, label" in result.output
    assert "Traceback" not in result.output


def test_predict_prints_the_intent_as_json(tmp_path, intent_rows) -> None:
    sentences, labels = intent_rows(0, with_oos=True)
    fine = {"track": "track_order", "cancel": "cancel_order", "refund": "get_refund", "oos": "out_of_scope"}
    clf = IntentClassifier(embedder="hashing").fit(
        sentences, [fine[x] for x in labels], oos_label="out_of_scope", holdout=0.3
    )
    clf.save(tmp_path / "model")
    result = CliRunner().invoke(
        main, ["intents", "predict", "--model", str(tmp_path / "model"), "where", "is", "my", "parcel"]
    )
    assert result.exit_code == 0, result.output
    out = json.loads(result.output)
    assert out["intent"] == "order_status"
    assert out["label"] == "track_order"
    assert out["out_of_scope"] is False
    assert 0 < out["confidence"] <= 1


def test_predict_with_a_missing_model_folder_fails_clearly(tmp_path) -> None:
    result = CliRunner().invoke(main, ["intents", "predict", "--model", str(tmp_path), "hello"])
    assert result.exit_code == 1
    assert "no meta.json" in result.output


def test_eval_intents_with_no_oos_rows_in_training(tmp_path, intent_rows) -> None:
    """The out-of-scope label only in the test file: calibrated on shuffled stand-ins, never a crash."""
    from tests.nlu.conftest import OOS

    train = write_intent_csv(tmp_path / "train.csv", *intent_rows(0, per_label=30))
    sentences, labels = intent_rows(1, per_label=10)
    test = write_intent_csv(tmp_path / "test.csv", sentences + OOS, labels + ["oos"] * len(OOS))
    result = CliRunner().invoke(
        main,
        ["eval", "intents", "--train", str(train), "--test", str(test), "--oos-label", "oos", "--embedder", "hashing"],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["oos_in_training"] is False and report["oos_standins"] > 0
    assert report["threshold"] is not None
    for key in ("accuracy", "in_scope_accuracy", "oos_recall"):
        assert isinstance(report[key], float), key
    n_in, n_oos = len(sentences), len(OOS)
    # overall accuracy is the row-weighted mix of the two parts, as the names say
    assert (
        abs(report["accuracy"] - (report["in_scope_accuracy"] * n_in + report["oos_recall"] * n_oos) / (n_in + n_oos))
        < 1e-3
    )
    assert report["in_scope_accuracy"] >= 0.8
    baseline = report["tfidf_logreg"]
    for key in ("accuracy", "in_scope_accuracy", "oos_recall", "threshold"):
        assert baseline[key] is not None, key


def test_eval_intents_with_the_oos_label_nowhere(tmp_path, intent_rows) -> None:
    train = write_intent_csv(tmp_path / "train.csv", *intent_rows(0))
    test = write_intent_csv(tmp_path / "test.csv", *intent_rows(1, per_label=5))
    result = CliRunner().invoke(
        main,
        [
            "eval",
            "intents",
            "--train",
            str(train),
            "--test",
            str(test),
            "--oos-label",
            "none_of_these",
            "--embedder",
            "hashing",
        ],
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["oos_recall"] is None and report["oos_in_training"] is False
    assert isinstance(report["in_scope_accuracy"], float) and isinstance(report["accuracy"], float)


def test_eval_intents_prints_the_tfidf_baseline_in_the_same_run(tmp_path, intent_rows) -> None:
    train = write_intent_csv(tmp_path / "train.csv", *intent_rows(0))
    test = write_intent_csv(tmp_path / "test.csv", *intent_rows(1, per_label=5))
    report = json.loads(
        CliRunner()
        .invoke(main, ["eval", "intents", "--train", str(train), "--test", str(test), "--embedder", "hashing"])
        .output
    )
    baseline = report["tfidf_logreg"]
    assert baseline["accuracy"] >= 0.8 and baseline["in_scope_accuracy"] is None and baseline["threshold"] is None


def test_cli_and_script_call_one_function(tmp_path, intent_rows) -> None:
    """scripts/eval_intents.py evaluates through the CLI's own function, so both print the same figure."""
    import importlib.util
    from pathlib import Path

    from bot.nlu.evaluate import evaluate_intent_files

    spec = importlib.util.spec_from_file_location(
        "eval_intents_script", Path(__file__).resolve().parents[2] / "scripts" / "eval_intents.py"
    )
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    assert script.evaluate_intent_files is evaluate_intent_files
    train = write_intent_csv(tmp_path / "train.csv", *intent_rows(0, with_oos=True))
    test = write_intent_csv(tmp_path / "test.csv", *intent_rows(1, per_label=5, with_oos=True))
    args = ["--train", str(train), "--test", str(test), "--oos-label", "oos", "--embedder", "hashing"]
    cli = json.loads(CliRunner().invoke(main, ["eval", "intents", *args]).output)
    direct = evaluate_intent_files(train, test, oos_label="oos", embedder="hashing")
    for key in ("accuracy", "in_scope_accuracy", "oos_recall", "threshold"):
        assert cli[key] == direct[key], key
