#!/usr/bin/env python3
"""Run `shopbot eval retrieval` on StackFAQ (../shared/data/stackfaq): docs = question + answers, queries = rephrasings."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def convert_stackfaq(src: Path, out: Path) -> tuple[Path, Path]:
    """Write docs.jsonl and queries.jsonl in the eval format."""
    data = json.loads(src.read_text(encoding="utf-8"))["root"]["qapair"]
    docs, queries = out / "docs.jsonl", out / "queries.jsonl"
    with docs.open("w") as fd, queries.open("w") as fq:
        n = 0
        for i, pair in enumerate(data):
            doc_id = f"faq{i}"
            text = "\n\n".join(a for a in pair.get("answer") or [] if a)
            fd.write(json.dumps({"id": doc_id, "title": pair["question"], "text": text or pair["question"]}) + "\n")
            for r in pair.get("rephr") or []:
                if r and r != "*":
                    n += 1
                    fq.write(json.dumps({"id": f"q{n}", "text": r, "relevant": [doc_id]}) + "\n")
    return docs, queries


def main() -> None:
    """Convert StackFAQ and evaluate it through the production pipeline."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data" / "stackfaq" / "stackExchange-FAQ.json")
    parser.add_argument("--k", type=int, default=10)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        docs, queries = convert_stackfaq(args.data, Path(tmp))
        # the same code path as a user's `shopbot eval retrieval --docs ... --queries ...`
        cmd = [sys.executable, "-m", "bot", "eval", "retrieval", "--docs", str(docs), "--queries", str(queries), "--k", str(args.k)]
        out = subprocess.run(cmd, check=True, capture_output=True, text=True, cwd=ROOT).stdout
    print(json.dumps({"dataset": "StackFAQ", **json.loads(out)}, indent=2))


if __name__ == "__main__":
    main()
