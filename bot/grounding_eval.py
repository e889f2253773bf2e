"""`shopbot eval grounding`: does the verifier accept right answers and reject subtly wrong ones?

Cases are JSONL lines {"grounding", "question", "answer", "label": "supported"|"unsupported"}; each
answer goes through the same check the composer runs on every backend's reply (`verify` with the
meaning check), and the decision is compared with the label.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np

from bot.core.meaning import MeaningChecker
from bot.core.verify import verify
from bot.errors import DataFileError
from bot.jsonl import read_jsonl

LABELS = ("supported", "unsupported")
MIN_SUPPORT = 0.75  # the composer's setting


def read_grounding_cases(path: Path) -> list[dict[str, Any]]:
    """Cases from a JSONL file; a bad label or an empty field names the line."""
    rows = read_jsonl(path, required=("grounding", "question", "answer", "label"))
    for n, row in enumerate(rows, 1):
        if row["label"] not in LABELS:
            raise DataFileError(str(path), f"label must be one of {', '.join(LABELS)}, not {row['label']!r}", line=n)
        if not all(isinstance(row[k], str) for k in ("grounding", "question", "answer")) or not row["answer"].strip():
            raise DataFileError(str(path), "grounding, question and answer must be non-empty strings", line=n)
    return rows


# a piece of the grounding as the composer passes it (Grounding.blocks): a fact line (an order's or a product's), or
# a passage with its title first ("Returns Policy > Condition of returned items")
_BLOCK_START = re.compile(r"^(?:Order ORD-\d+ placed on |[^\n]*\(SKU [A-Z0-9-]+\)|[^\n.]{2,80} > [^\n]{2,120}$)")


def case_blocks(grounding: str) -> list[str]:
    """A case's grounding split into the blocks the composer would pass (`Grounding.blocks()`): the cases join them
    with a blank line, and a passage may hold blank lines of its own, so a chunk that does not start a fact line or a
    titled passage continues the block before it. Read as one block, the first fact line became the title."""
    out: list[str] = []
    for chunk in grounding.split("\n\n"):
        if out and not _BLOCK_START.match(chunk.split("\n", 1)[0]):
            out[-1] += "\n\n" + chunk
        else:
            out.append(chunk)
    return out


def evaluate_grounding(
    cases: list[dict[str, Any]], *, meaning: MeaningChecker | None, on_case: Callable[[int, int], None] | None = None
) -> dict[str, Any]:
    """accept_supported, reject_unsupported, balanced accuracy, per-kind rejection and per-check latency."""
    rows = []
    times = []
    for n, case in enumerate(cases, 1):
        t0 = time.perf_counter()
        verdict = verify(
            case["answer"],
            case["grounding"],
            question=case["question"],
            min_support=MIN_SUPPORT,
            meaning=meaning,
            grounding_blocks=case_blocks(case["grounding"]),
        )
        times.append(time.perf_counter() - t0)
        rows.append({**case, "accepted": verdict.ok, "reasons": verdict.reasons})
        if on_case:
            on_case(n, len(cases))
    sup = [r for r in rows if r["label"] == "supported"]
    uns = [r for r in rows if r["label"] == "unsupported"]
    accept = sum(r["accepted"] for r in sup) / max(1, len(sup))
    reject = sum(not r["accepted"] for r in uns) / max(1, len(uns))
    kinds: dict[str, list[bool]] = {}
    for r in uns:
        kinds.setdefault(str(r.get("kind", "unlabelled")), []).append(not r["accepted"])
    ms = np.array(times) * 1000
    return {
        "cases": len(rows),
        "supported": len(sup),
        "unsupported": len(uns),
        "accept_supported": round(accept, 4),
        "reject_unsupported": round(reject, 4),
        "balanced_accuracy": round((accept + reject) / 2, 4),
        "reject_by_kind": {k: round(sum(v) / len(v), 4) for k, v in sorted(kinds.items())},
        "latency_ms_p50": round(float(np.percentile(ms, 50)), 2),
        "latency_ms_p95": round(float(np.percentile(ms, 95)), 2),
        "meaning_check": meaning is not None,
        "errors": [
            {
                "label": r["label"],
                "kind": r.get("kind", ""),
                "question": r["question"],
                "answer": r["answer"],
                "reasons": r["reasons"],
            }
            for r in rows
            if r["accepted"] != (r["label"] == "supported")
        ],
    }
