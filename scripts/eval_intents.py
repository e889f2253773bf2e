#!/usr/bin/env python
"""Evaluate shopbot's intent classifier on public benchmarks, through the same function as `shopbot eval intents`.

Converts the shared datasets into `sentence,label` CSV files in a temporary folder (--keep-csv DIR keeps
them) and calls `evaluate_intent_files`, the function behind the CLI, with the same arguments as the
printed `shopbot eval intents ...` command, so the CLI prints the same figures for the same files:
  banking77   train -> test (77 intents)
  clinc150    full: train + oos_train -> test + oos_test, oos label "oos"; the threshold is chosen on 15% of
              the training file held out (the CLI's default: no --val)
  clinc150_no_oos_train   train -> test + oos_test: the out-of-scope label only in the test file, so
              word-shuffled held-out questions stand in for out-of-scope ones when choosing the threshold
  hint3       SOFMattress and Curekart train files, 5-fold cross-validation: in-scope accuracy with no
              rejection; then with CLINC150's out-of-scope queries as a stand-in for HINT3's missing ones
              (oos_train added to each training fold, oos_test to each test fold)
Prints a results table and writes the JSON with --json.
"""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("HF_HUB_OFFLINE", "1")

from bot.nlu.evaluate import cross_validate_intents, evaluate_intent_files, evaluate_intents  # noqa: E402
from bot.nlu.intent_csv import LabelledRows, read_intent_csv, write_intent_csv  # noqa: E402

log = logging.getLogger("eval_intents")
# ../shared/data next to the checkout, or two levels up for a git worktree under <repo>/../wt/<name>
DEFAULT_DATA = next(
    (p for p in (Path(__file__).resolve().parents[n] / "shared" / "data" for n in (2, 3)) if p.is_dir()),
    Path(__file__).resolve().parents[2] / "shared" / "data",
)
HINT3_OOS = "NO_NODES_DETECTED"


def _csv_rows(path: Path, text_col: str, label_col: str) -> tuple[list[str], list[str]]:
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    return [r[text_col] for r in rows], [r[label_col] for r in rows]


def _roundtrip(tmp: Path, name: str, sentences: list[str], labels: list[str]) -> LabelledRows:
    """Write a sentence,label CSV and read it back with the CLI's reader."""
    return read_intent_csv(write_intent_csv(tmp / f"{name}.csv", sentences, labels))


def _files(tmp: Path, name: str, rows: tuple[list[str], list[str]]) -> Path:
    return write_intent_csv(tmp / f"{name}.csv", *rows)


def _run(train: Path, test: Path, embedder: str, *, oos_label: str | None = None) -> dict:
    """Exactly `shopbot eval intents --train TRAIN --test TEST [--oos-label L] --embedder E`."""
    command = f"shopbot eval intents --train {train} --test {test}" + (f" --oos-label {oos_label}" if oos_label else "") + f" --embedder {embedder}"
    log.info("same as: %s", command)
    result = evaluate_intent_files(train, test, oos_label=oos_label, embedder=embedder)
    result["cli"] = command
    return result


def banking77(data: Path, tmp: Path, embedder: str) -> dict:
    """BANKING77 train -> test accuracy."""
    train = _files(tmp, "banking77_train", _csv_rows(data / "banking77" / "train.csv", "text", "category"))
    test = _files(tmp, "banking77_test", _csv_rows(data / "banking77" / "test.csv", "text", "category"))
    return _run(train, test, embedder)


def _clinc(data: Path) -> dict[str, list[list[str]]]:
    return json.loads((data / "clinc150" / "data_full.json").read_text(encoding="utf-8"))


def _split(d: dict[str, list[list[str]]], *names: str) -> tuple[list[str], list[str]]:
    rows = [r for n in names for r in d[n]]
    return [t for t, _ in rows], [lab for _, lab in rows]


def clinc150(data: Path, tmp: Path, embedder: str) -> dict:
    """CLINC150 full: train + oos_train -> test + oos_test, threshold on 15% of the training file."""
    d = _clinc(data)
    train = _files(tmp, "clinc_train_with_oos", _split(d, "train", "oos_train"))
    test = _files(tmp, "clinc_test_with_oos", _split(d, "test", "oos_test"))
    return _run(train, test, embedder, oos_label="oos")


def clinc150_no_oos_train(data: Path, tmp: Path, embedder: str) -> dict:
    """CLINC150 with no out-of-scope rows in training: train -> test + oos_test."""
    d = _clinc(data)
    train = _files(tmp, "clinc_train_in_scope_only", _split(d, "train"))
    test = _files(tmp, "clinc_test_with_oos", _split(d, "test", "oos_test"))
    return _run(train, test, embedder, oos_label="oos")


def hint3(data: Path, tmp: Path, embedder: str, folds: int) -> dict:
    """HINT3 5-fold CV per shop, without and with CLINC150 out-of-scope queries."""
    d = _clinc(data)
    oos_train = [t for t, _ in d["oos_train"]]
    oos_test = [t for t, _ in d["oos_test"]]
    out = {}
    for shop in ("sofmattress", "curekart"):
        rows = _roundtrip(tmp, f"hint3_{shop}", *_csv_rows(data / "hint3_train" / f"{shop}_train.csv", "sentence", "label"))
        plain = cross_validate_intents(rows, folds=folds, embedder=embedder)
        with_oos = _hint3_with_oos(rows, oos_train, oos_test, folds=folds, embedder=embedder)
        out[shop] = {
            "n": len(rows),
            "labels": len(set(rows.labels)),
            "cv_accuracy": plain["accuracy"],
            "cv_macro_f1": plain["macro_f1"],
            "with_oos_in_scope_accuracy": with_oos["in_scope_accuracy"],
            "with_oos_oos_recall": with_oos["oos_recall"],
            "with_oos_oos_precision": with_oos["oos_precision"],
        }
    return out


def _hint3_with_oos(rows: LabelledRows, oos_train: list[str], oos_test: list[str], *, folds: int, embedder: str) -> dict:
    import numpy as np
    from sklearn.model_selection import StratifiedKFold

    labels = np.array(rows.labels, dtype=object)
    counts = {lab: int((labels == lab).sum()) for lab in set(rows.labels)}
    strata = [lab if counts[lab] >= folds else "__rare__" for lab in rows.labels]
    results = []
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=0)
    for train_idx, test_idx in splitter.split(np.zeros(len(rows)), strata):
        train = LabelledRows([rows.sentences[i] for i in train_idx] + oos_train,
                             [rows.labels[i] for i in train_idx] + [HINT3_OOS] * len(oos_train))
        test = LabelledRows([rows.sentences[i] for i in test_idx] + oos_test,
                            [rows.labels[i] for i in test_idx] + [HINT3_OOS] * len(oos_test))
        results.append(evaluate_intents(train, test, oos_label=HINT3_OOS, embedder=embedder, baseline=False))
    return {k: round(float(np.mean([r[k] for r in results])), 4) for k in ("in_scope_accuracy", "oos_recall", "oos_precision")}


def main() -> int:
    """Parse arguments, run the chosen benchmarks, print a table and JSON."""
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA, help="Folder holding banking77/, clinc150/, hint3_train/ (default: %(default)s)")
    parser.add_argument("--only", default="banking77,clinc150,clinc150_no_oos_train,hint3",
                        help="Comma-separated subset of banking77,clinc150,clinc150_no_oos_train,hint3")
    parser.add_argument("--keep-csv", type=Path, default=None, help="Write the CSV files here (to rerun the printed CLI commands) instead of a temporary folder")
    parser.add_argument("--folds", type=int, default=5, help="Cross-validation folds for HINT3 (default: 5)")
    parser.add_argument("--embedder", choices=["minilm", "hashing"], default="minilm")
    parser.add_argument("--json", dest="json_path", type=Path, default=None, help="Also write the results to this JSON file")
    args = parser.parse_args()
    logging.basicConfig(level="INFO", format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    for noisy in ("sentence_transformers", "transformers", "httpx"):
        logging.getLogger(noisy).setLevel(logging.WARNING)
    if not args.data.is_dir():
        parser.error(f"data folder {args.data} does not exist")
    wanted = [w.strip() for w in args.only.split(",") if w.strip()]
    results: dict[str, dict] = {}
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="shopbot-eval-intents-") as tmp_name:
        tmp = Path(tmp_name)
        if args.keep_csv:
            args.keep_csv.mkdir(parents=True, exist_ok=True)
            tmp = args.keep_csv
        for name in wanted:
            t0 = time.perf_counter()
            if name == "banking77":
                results[name] = banking77(args.data, tmp, args.embedder)
            elif name == "clinc150":
                results[name] = clinc150(args.data, tmp, args.embedder)
            elif name == "clinc150_no_oos_train":
                results[name] = clinc150_no_oos_train(args.data, tmp, args.embedder)
            elif name == "hint3":
                results[name] = hint3(args.data, tmp, args.embedder, args.folds)
            else:
                parser.error(f"unknown dataset {name!r}")
            log.info("%s done in %.0f s", name, time.perf_counter() - t0)
    results["total_seconds"] = round(time.perf_counter() - started, 1)  # type: ignore[assignment]
    _print_table(results)
    print(json.dumps(results, indent=2))
    if args.json_path:
        args.json_path.write_text(json.dumps(results, indent=2), encoding="utf-8")
    return 0


def _print_table(results: dict) -> None:
    def f(x: object) -> str:
        return "-" if x is None else f"{x:.4f}" if isinstance(x, float) else str(x)

    print(f"{'dataset':<24}{'accuracy':>10}{'in-scope acc':>14}{'oos recall':>12}{'oos prec':>10}{'macro F1':>10}{'train s':>9}")
    for name in ("banking77", "clinc150", "clinc150_no_oos_train"):
        if name in results:
            for label, r in ((name, results[name]), ("  tf-idf + logreg", results[name].get("tfidf_logreg"))):
                if r:
                    print(f"{label:<24}{f(r['accuracy']):>10}{f(r['in_scope_accuracy']):>14}{f(r['oos_recall']):>12}"
                          f"{f(r['oos_precision']):>10}{f(r['macro_f1']):>10}{r['train_seconds']:>9.0f}")
    for shop, r in results.get("hint3", {}).items():
        print(f"{'hint3 ' + shop + ' (cv)':<24}{f(r['cv_accuracy']):>10}{f(r['with_oos_in_scope_accuracy']):>14}"
              f"{f(r['with_oos_oos_recall']):>12}{f(r['with_oos_oos_precision']):>10}{f(r['cv_macro_f1']):>10}{'':>9}")


if __name__ == "__main__":
    sys.exit(main())
