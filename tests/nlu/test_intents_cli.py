"""`shopbot eval intents` and `shopbot intents predict` through click, with the hashing embedder."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.nlu.classifier import IntentClassifier
from bot.nlu.intent_csv import write_intent_csv


@pytest.mark.parametrize("args", [["intents", "--help"], ["intents", "train", "--help"], ["intents", "predict", "--help"], ["eval", "intents", "--help"]])
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
    result = CliRunner().invoke(main, ["eval", "intents", "--train", str(train), "--test", str(test), "--embedder", "hashing"])
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
    result = CliRunner().invoke(main, ["eval", "intents", "--train", str(train), "--test", str(test),
                                       "--oos-label", "oos", "--embedder", "hashing"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    for key in ("in_scope_accuracy", "oos_recall", "oos_precision", "accuracy", "macro_f1", "threshold", "train_seconds"):
        assert report[key] is not None, key
    assert report["oos_recall"] == 1.0


def test_eval_intents_reports_a_bad_file_clearly(tmp_path, intent_rows) -> None:
    train = write_intent_csv(tmp_path / "train.csv", *intent_rows(0))
    bad = tmp_path / "test.csv"
    bad.write_text("text,category\nhi,greet\n")
    result = CliRunner().invoke(main, ["eval", "intents", "--train", str(train), "--test", str(bad), "--embedder", "hashing"])
    assert result.exit_code == 1
    assert "test.csv:1: missing column(s) sentence, label" in result.output
    assert "Traceback" not in result.output


def test_predict_prints_the_intent_as_json(tmp_path, intent_rows) -> None:
    sentences, labels = intent_rows(0, with_oos=True)
    fine = {"track": "track_order", "cancel": "cancel_order", "refund": "get_refund", "oos": "out_of_scope"}
    clf = IntentClassifier(embedder="hashing").fit(sentences, [fine[x] for x in labels], oos_label="out_of_scope", holdout=0.3)
    clf.save(tmp_path / "model")
    result = CliRunner().invoke(main, ["intents", "predict", "--model", str(tmp_path / "model"), "where", "is", "my", "parcel"])
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
