"""Measuring the intent classifier on any labelled data: accuracy, macro-F1 and out-of-scope detection."""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any

import numpy as np

from bot.nlu.baseline import NAME as BASELINE
from bot.nlu.baseline import evaluate_baseline
from bot.nlu.classifier import IntentClassifier
from bot.nlu.intent_csv import IntentDataError, LabelledRows, read_intent_csv
from bot.nlu.rows import stratified_split

log = logging.getLogger(__name__)

__all__ = [
    "IntentDataError",
    "LabelledRows",
    "cross_validate_intents",
    "evaluate_intent_files",
    "evaluate_intents",
    "read_intent_csv",
    "score_predictions",
]


def score_predictions(gold: list[str], predicted: list[str], *, oos_label: str | None = None) -> dict[str, Any]:
    """Accuracy and macro-F1 over all labels; in-scope accuracy and out-of-scope recall/precision when `oos_label` is set."""
    from sklearn.metrics import f1_score

    if len(gold) != len(predicted):
        raise ValueError(f"{len(gold)} gold labels but {len(predicted)} predictions")
    g, p = np.array(gold, dtype=object), np.array(predicted, dtype=object)
    out: dict[str, Any] = {
        "accuracy": round(float((g == p).mean()), 4),
        "macro_f1": round(float(f1_score(g, p, average="macro", zero_division=0)), 4),
        "in_scope_accuracy": None,
        "oos_recall": None,
        "oos_precision": None,
    }
    if oos_label is not None:
        gold_oos, pred_oos = g == oos_label, p == oos_label
        out["in_scope_accuracy"] = round(float((g == p)[~gold_oos].mean()), 4) if (~gold_oos).any() else None
        out["oos_recall"] = round(float(pred_oos[gold_oos].mean()), 4) if gold_oos.any() else None
        out["oos_precision"] = round(float(gold_oos[pred_oos].mean()), 4) if pred_oos.any() else None
    return out


def evaluate_intents(
    train_rows: LabelledRows,
    test_rows: LabelledRows,
    *,
    oos_label: str | None = None,
    val_rows: LabelledRows | None = None,
    embedder: str = "minilm",
    progress: bool = False,
    baseline: bool = True,
) -> dict[str, Any]:
    """Train the production classifier on `train_rows`, score it on `test_rows`, and the TF-IDF baseline likewise.

    With `oos_label`, the out-of-scope threshold is chosen on `val_rows`, else on 15% of each training
    label held out (then everything is refitted on all of the training rows). When the validation rows
    have no out-of-scope examples (the label is only in the test file, or nowhere), word-shuffled
    held-out sentences stand in for them (`oos_standins.py`).
    """
    clf = IntentClassifier(embedder=embedder)
    clf.cache_embeddings = True  # test and validation texts recur across folds and runs
    started = time.perf_counter()
    clf.fit(
        train_rows.sentences,
        train_rows.labels,
        oos_label=oos_label,
        val_sentences=val_rows.sentences if val_rows else None,
        val_labels=val_rows.labels if val_rows else None,
        progress=progress,
    )
    train_seconds = time.perf_counter() - started
    started = time.perf_counter()
    predictions = clf.classify_many(test_rows.sentences)
    predict_seconds = time.perf_counter() - started
    result = score_predictions(test_rows.labels, [p.label for p in predictions], oos_label=oos_label)
    validation = clf.metadata.get("validation")
    validation = validation if isinstance(validation, dict) else {}
    result.update(
        {
            "n_train": len(train_rows),
            "n_val": len(val_rows) if val_rows else None,
            "n_test": len(test_rows),
            "n_labels": len(clf.labels),
            "oos_label": oos_label,
            "oos_in_training": oos_label in set(train_rows.labels) if oos_label is not None else None,
            "oos_standins": validation.get("oos_standins") if oos_label is not None else None,
            "threshold": round(clf.threshold, 4) if clf.threshold is not None else None,
            "train_seconds": round(train_seconds, 1),
            "predict_ms_per_text": round(1000 * predict_seconds / max(1, len(test_rows)), 2),
            "embedder": clf.embedder_name,
        }
    )
    if baseline:
        result[BASELINE] = _baseline(train_rows, test_rows, oos_label, val_rows, clf.max_in_scope_loss)
    return result


def _baseline(
    train_rows: LabelledRows,
    test_rows: LabelledRows,
    oos_label: str | None,
    val_rows: LabelledRows | None,
    max_in_scope_loss: float,
) -> dict[str, Any]:
    """The TF-IDF baseline on the same split the production classifier validated on."""
    split = stratified_split(list(train_rows.labels), 0.15, 0) if oos_label is not None and val_rows is None else None
    return evaluate_baseline(
        train_rows, test_rows, oos_label=oos_label, val=val_rows, split=split, max_in_scope_loss=max_in_scope_loss
    )


def evaluate_intent_files(
    train: Path | str,
    test: Path | str,
    *,
    val: Path | str | None = None,
    oos_label: str | None = None,
    embedder: str = "minilm",
    progress: bool = False,
) -> dict[str, Any]:
    """`shopbot eval intents` as a function: read the CSV files and evaluate (scripts/eval_intents.py calls this too)."""
    train_rows, test_rows = read_intent_csv(train), read_intent_csv(test)
    val_rows = read_intent_csv(val) if val is not None else None
    if oos_label is not None and oos_label not in set(train_rows.labels) | set(test_rows.labels) | set(
        val_rows.labels if val_rows else []
    ):
        log.warning("the out-of-scope label %r appears in no file; check its spelling", oos_label)
    return evaluate_intents(
        train_rows, test_rows, oos_label=oos_label, val_rows=val_rows, embedder=embedder, progress=progress
    )


def cross_validate_intents(
    rows: LabelledRows,
    *,
    folds: int = 5,
    oos_label: str | None = None,
    embedder: str = "minilm",
    seed: int = 0,
) -> dict[str, Any]:
    """Stratified k-fold cross-validation; returns the mean of each metric and the per-fold results."""
    from sklearn.model_selection import StratifiedKFold

    labels = np.array(rows.labels, dtype=object)
    counts = {lab: int((labels == lab).sum()) for lab in set(rows.labels)}
    # labels rarer than the fold count cannot be stratified; they are spread by the splitter as well as it can
    strata = np.array([lab if counts[lab] >= folds else "__rare__" for lab in rows.labels], dtype=object)
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    per_fold = []
    for k, (train_idx, test_idx) in enumerate(splitter.split(np.zeros(len(rows)), strata), start=1):
        train = LabelledRows([rows.sentences[i] for i in train_idx], [rows.labels[i] for i in train_idx])
        test = LabelledRows([rows.sentences[i] for i in test_idx], [rows.labels[i] for i in test_idx])
        result = evaluate_intents(train, test, oos_label=oos_label, embedder=embedder, baseline=False)
        log.info("fold %d/%d: accuracy %.4f", k, folds, result["accuracy"])
        per_fold.append(result)
    summary: dict[str, Any] = {"folds": folds, "n": len(rows)}
    for key in ("accuracy", "macro_f1", "in_scope_accuracy", "oos_recall", "oos_precision", "train_seconds"):
        values = [r[key] for r in per_fold if r[key] is not None]
        summary[key] = round(float(np.mean(values)), 4) if values else None
    summary["per_fold"] = per_fold
    return summary
