"""`shopbot eval retrieval`: build a temporary index with the production pipeline and score it."""

from __future__ import annotations

import json
import math
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import numpy as np

from bot.jsonl import read_jsonl
from bot.kb.knowledge_base import KnowledgeBase


def ranking_metrics(ranked: list[list[str]], relevant: list[set[str]], *, k: int = 10) -> dict[str, float]:
    """R@1, R@5, R@k, MRR@k and nDCG@k over doc-id rankings."""
    r1 = r5 = rk = mrr = ndcg = 0.0
    for docs, rel in zip(ranked, relevant, strict=True):
        hits = [d in rel for d in docs[:k]]
        r1 += float(any(hits[:1]))
        r5 += float(any(hits[:5]))
        rk += float(any(hits))
        first = next((i for i, h in enumerate(hits) if h), None)
        mrr += 1.0 / (first + 1) if first is not None else 0.0
        dcg = sum(1.0 / math.log2(i + 2) for i, h in enumerate(hits) if h)
        ideal = sum(1.0 / math.log2(i + 2) for i in range(min(len(rel), k)))
        ndcg += dcg / ideal if ideal else 0.0
    n = max(1, len(ranked))
    return {"R@1": r1 / n, "R@5": r5 / n, f"R@{k}": rk / n, f"MRR@{k}": mrr / n, f"nDCG@{k}": ndcg / n}


def evaluate_retrieval(
    docs_path: Path, queries_path: Path, *, k: int = 10, embedder: str = "minilm", progress: bool = True, cache_dir: Path | None = None
) -> dict[str, Any]:
    """Index DOCS with the production pipeline, run QUERIES, return metrics and latency."""
    docs = read_jsonl(docs_path, required=("id", "text"))
    queries = read_jsonl(queries_path, required=("id", "text", "relevant"))
    tmp = Path(tempfile.mkdtemp(prefix="shopbot-eval-"))
    try:
        kdir = tmp / "knowledge"
        kdir.mkdir()
        with (kdir / "docs.jsonl").open("w", encoding="utf-8") as fh:
            for d in docs:
                fh.write(json.dumps({"id": str(d["id"]), "title": d.get("title") or "", "text": d["text"]}) + "\n")
        kb = KnowledgeBase(kdir, tmp / "kb", embedder=embedder, cache_dir=cache_dir)
        build = kb.reload(progress=progress)
        kb.search("warm-up", k=k)
        ranked, relevant, latencies = [], [], []
        for q in queries:
            t0 = time.perf_counter()
            hits = kb.search(str(q["text"]), k=k * 3, auto_filters=False)
            latencies.append(time.perf_counter() - t0)
            seen: list[str] = []
            for h in hits:
                if h.doc_id not in seen:
                    seen.append(h.doc_id)
            ranked.append(seen[:k])
            relevant.append({str(r) for r in q["relevant"]})
        metrics = ranking_metrics(ranked, relevant, k=k)
        lat = np.array(latencies) * 1000
        return {
            "documents": len(docs),
            "chunks": build.chunks,
            "queries": len(queries),
            **{m: round(v, 4) for m, v in metrics.items()},
            "latency_ms_p50": round(float(np.percentile(lat, 50)), 2),
            "latency_ms_p95": round(float(np.percentile(lat, 95)), 2),
            "build_seconds": round(build.seconds, 2),
            "embedder": embedder,
        }
    finally:
        shutil.rmtree(tmp, ignore_errors=True)
