#!/usr/bin/env python3
"""Calibrate the retrieval confidence on the demo store: shop questions vs out-of-scope questions.

Positives: the demo FAQ questions (their headings) and the golden set's single-turn policy and product
questions. Negatives: CLINC150 out-of-scope validation queries plus a sample of its non-shop intents.
Fits p = σ(b + w_dense·cos + w_lex·lexical) by logistic regression and writes
bot/data/retrieval_calibration.json (per embedder). Prints accuracy and AUC on a held-out half.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
CLINC = ROOT.parent / "shared" / "data" / "clinc150" / "data_full.json"
OUT = ROOT / "bot" / "data" / "retrieval_calibration.json"
SHOP_WORDS = re.compile(r"\b(order|ship|deliver|return|refund|pay|card|account|password|size|price|buy|store|jacket|jeans|shirt|boots)", re.I)


def positives() -> list[str]:
    """Questions the demo store can answer."""
    qs = []
    for path in sorted((ROOT / "knowledge" / "faq").glob("*.md")):
        qs += [m.group(1).strip() for m in re.finditer(r"^##\s+(.+)$", path.read_text(encoding="utf-8"), re.M)]
    for name in ("policies.jsonl", "products.jsonl"):
        for line in (ROOT / "tests" / "golden" / name).read_text(encoding="utf-8").splitlines():
            case = json.loads(line)
            if len(case["turns"]) == 1:
                qs.append(case["turns"][0])
    return qs


def negatives(n: int, seed: int = 3) -> list[str]:
    """Out-of-scope questions that share no shop words."""
    data = json.loads(CLINC.read_text(encoding="utf-8"))
    rows = [t for t, _ in data["oos_val"]] + [t for t, label in data["val"] if label not in {"order_status", "order", "pay_bill", "bill_balance"}]
    rows = [t for t in rows if not SHOP_WORDS.search(t)]
    random.Random(seed).shuffle(rows)
    return rows[:n]


def main() -> None:
    """Fit, report, write."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--embedder", default="minilm")
    parser.add_argument("--dry-run", action="store_true", help="print the fit without writing the JSON")
    args = parser.parse_args()
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import roc_auc_score

    from bot.kb.confidence import Calibration
    from bot.kb.knowledge_base import KnowledgeBase

    kb = KnowledgeBase(ROOT / "knowledge", ROOT / "var" / "calibration-kb", embedder=args.embedder, cache_dir=ROOT / "var" / "kb" / "cache")
    kb.open()
    pos, neg = positives(), negatives(len(positives()))
    texts, y = pos + neg, [1] * len(pos) + [0] * len(neg)
    feats = np.array([Calibration().features(kb.search(t, k=3)) for t in texts])
    idx = np.random.default_rng(0).permutation(len(y))
    half = len(y) // 2
    tr, te = idx[:half], idx[half:]
    y = np.array(y)
    model = LogisticRegression(C=10.0).fit(feats[tr], y[tr])
    p = model.predict_proba(feats[te])[:, 1]
    acc, auc = float(((p >= 0.5) == y[te]).mean()), float(roc_auc_score(y[te], p))
    model = LogisticRegression(C=10.0).fit(feats, y)  # final fit on everything
    fit = {"bias": float(model.intercept_[0]), "w_dense": float(model.coef_[0][0]), "w_lexical": float(model.coef_[0][1])}
    print(f"{len(pos)} shop questions, {len(neg)} out-of-scope; held-out accuracy {acc:.3f}, AUC {auc:.3f}; fit {fit}")
    if not args.dry_run:
        data = json.loads(OUT.read_text(encoding="utf-8")) if OUT.exists() else {}
        data[args.embedder] = {**{k: round(v, 4) for k, v in fit.items()}, "heldout_accuracy": round(acc, 4), "heldout_auc": round(auc, 4)}
        OUT.write_text(json.dumps(data, indent=2) + "\n", encoding="utf-8")
        print(f"wrote {OUT}")


if __name__ == "__main__":
    main()
