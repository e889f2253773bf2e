"""`shopbot eval retrieval`: build a temporary index with the production pipeline and score it.

Two kinds of data:
- `--docs D.jsonl --queries Q.jsonl`: a corpus of records; `relevant` holds document ids.
- `--kb DIR --queries Q.jsonl`: a knowledge folder as `shopbot kb build` reads it; `relevant` holds
  document ids (`policies/returns`) or section ids (`policies/returns#How long do I have to return an item?`,
  the document id, `#`, and the heading path as the chunker records it, `h2 > h3`).

Every run also scores a BM25-only and a dense-only ranking over the same index, so the hybrid figure can be
read against the simple things.
"""

from __future__ import annotations

import json
import math
import shutil
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from bot.domain import Hit, Passage
from bot.errors import DataFileError
from bot.jsonl import read_jsonl
from bot.kb.index import KBIndex
from bot.kb.knowledge_base import KnowledgeBase

SubjectFn = Callable[[str], str | None]
# How a caller searches one question (the assistant's own query rewriting): (knowledge base, question, depth) -> hits
Searcher = Callable[[KnowledgeBase, str, int], list[Hit]]


def ranking_metrics(ranked: list[list[str]], relevant: list[set[str]], *, k: int = 10) -> dict[str, float]:
    """R@1, R@5, R@k, MRR@k and nDCG@k over rankings of unit ids (a unit counts once)."""
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


def section_id(passage: Passage) -> str:
    """The section a chunk belongs to: document id, '#', heading path ('' for the text before the first heading)."""
    return f"{passage.doc_id}#{passage.metadata.get('heading', '')}"


def _units(passages: list[Passage], wanted: set[str], k: int) -> list[str]:
    """The first k distinct units of a chunk ranking: sections when the labels name sections, else documents.

    A unit that a label names is written as that label (a whole-document label is matched by the first of
    its sections), so `ranking_metrics` can compare the ranking with the labels directly.
    """
    by_section = any("#" in w for w in wanted)
    seen: set[str] = set()
    matched: set[str] = set()
    ranked: list[str] = []
    for p in passages:
        unit = section_id(p) if by_section else p.doc_id
        if unit in seen:
            continue
        seen.add(unit)
        label = unit if unit in wanted else p.doc_id if p.doc_id in wanted else None
        if label is not None and label not in matched:
            matched.add(label)
            ranked.append(label)
        else:
            ranked.append(unit if label is None else f"{unit} (again)")
        if len(ranked) >= k:
            break
    return ranked


def evaluate_retrieval(
    docs_path: Path | None,
    queries_path: Path,
    *,
    knowledge_dir: Path | None = None,
    k: int = 10,
    embedder: str = "minilm",
    progress: bool = True,
    cache_dir: Path | None = None,
    subject_fn: SubjectFn | None = None,
    baselines: bool = True,
    searcher: Searcher | None = None,
) -> dict[str, Any]:
    """Index DOCS (or a knowledge folder) with the production pipeline, run QUERIES, return metrics and latency.

    `subject_fn` maps a question to the subject hint the assistant would pass (the intent), or None.
    `searcher` replaces the plain `kb.search` (e.g. with the assistant's own query rewriting and merging).
    """
    if (docs_path is None) == (knowledge_dir is None):
        raise ValueError("give either a docs file or a knowledge folder")
    queries = _read_queries(queries_path)
    tmp = Path(tempfile.mkdtemp(prefix="shopbot-eval-"))
    try:
        kdir = _knowledge_folder(docs_path, tmp) if docs_path is not None else knowledge_dir
        assert kdir is not None  # checked above: exactly one of the two
        kb = KnowledgeBase(kdir, tmp / "kb", embedder=embedder, cache_dir=cache_dir)
        build = kb.reload(progress=progress)
        _check_labels(kb.index, queries, queries_path)
        kb.search("warm-up", k=k)
        run = _run_queries(kb, queries, k=k, subject_fn=subject_fn, baselines=baselines, searcher=searcher)
        lat = np.array(run.latencies) * 1000
        metrics = ranking_metrics(run.rankings["hybrid"], run.relevant, k=k)
        out: dict[str, Any] = {
            "documents": len({p.doc_id for p in kb.index.passages}),
            "chunks": build.chunks,
            "queries": len(queries),
            **{m: round(v, 4) for m, v in metrics.items()},
            "latency_ms_p50": round(float(np.percentile(lat, 50)), 2),
            "latency_ms_p95": round(float(np.percentile(lat, 95)), 2),
            "build_seconds": round(build.seconds, 2),
            "embedder": embedder,
        }
        if subject_fn:
            out["subjects"] = dict(sorted(run.subjects.items()))
        if baselines:
            out["baselines"] = {
                name: {m: round(v, 4) for m, v in ranking_metrics(run.rankings[name], run.relevant, k=k).items()}
                for name in ("bm25", "dense")
            }
        return out
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _read_queries(queries_path: Path) -> list[dict[str, Any]]:
    queries = read_jsonl(queries_path, required=("id", "text", "relevant"))
    for n, q in enumerate(queries, 1):
        if not isinstance(q["relevant"], list) or not q["relevant"]:
            raise DataFileError(str(queries_path), "'relevant' must be a non-empty list of ids", line=n)
    return queries


def _knowledge_folder(docs_path: Path, tmp: Path) -> Path:
    """A knowledge folder under TMP holding the corpus records as one docs.jsonl."""
    docs = read_jsonl(docs_path, required=("id", "text"))
    kdir = tmp / "knowledge"
    kdir.mkdir()
    with (kdir / "docs.jsonl").open("w", encoding="utf-8") as fh:
        for d in docs:
            fh.write(json.dumps({"id": str(d["id"]), "title": d.get("title") or "", "text": d["text"]}) + "\n")
    return kdir


def _check_labels(index: KBIndex, queries: list[dict[str, Any]], queries_path: Path) -> None:
    """Every relevant id names a document or a section of the index (a typo would score as a miss)."""
    known = {p.doc_id for p in index.passages} | {section_id(p) for p in index.passages}
    unknown = sorted({str(r) for q in queries for r in q["relevant"]} - known)
    if unknown:
        raise DataFileError(
            str(queries_path),
            f"{len(unknown)} relevant id(s) name no document or section in the index, e.g. {unknown[0]!r}",
        )


@dataclass(slots=True)
class _Run:
    """Per system ("hybrid", "bm25", "dense"), each query's ranking of units; the labels; hybrid latencies."""

    rankings: dict[str, list[list[str]]] = field(default_factory=lambda: {"hybrid": [], "bm25": [], "dense": []})
    relevant: list[set[str]] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    subjects: dict[str, int] = field(default_factory=dict)


def _run_queries(
    kb: KnowledgeBase,
    queries: list[dict[str, Any]],
    *,
    k: int,
    subject_fn: SubjectFn | None,
    baselines: bool,
    searcher: Searcher | None = None,
) -> _Run:
    run = _Run()
    depth = k * 4  # chunks fetched, so that k distinct units remain after merging a unit's chunks
    for q in queries:
        text = str(q["text"])
        wanted = {str(r) for r in q["relevant"]}
        run.relevant.append(wanted)
        subject = subject_fn(text) if subject_fn else None
        if subject:
            run.subjects[subject] = run.subjects.get(subject, 0) + 1
        t0 = time.perf_counter()
        if searcher is not None:
            hits = searcher(kb, text, depth)
        else:
            hits = kb.search(text, k=depth, auto_filters=False, subject=subject)
        run.latencies.append(time.perf_counter() - t0)
        systems = {"hybrid": [h.passage for h in hits]}
        if baselines:
            systems.update(_baseline_rankings(kb, text, depth))
        for name, passages in systems.items():
            run.rankings[name].append(_units(passages, wanted, k))
    return run


def _baseline_rankings(kb: KnowledgeBase, text: str, depth: int) -> dict[str, list[Passage]]:
    """The dense-only and BM25-only rankings over the same index, for reading the hybrid figure against."""
    index = kb.index
    vec = kb.embedder.embed([text[:2000]])[0]
    dense = index.dense_search(vec, k=depth)
    rows, _ = index.lexical.search(text, k=depth)
    return {
        "dense": [index.passages[c] for c in sorted(dense, key=dense.__getitem__, reverse=True)],
        "bm25": [index.passages[int(r)] for r in rows],
    }


def per_query(
    kb: KnowledgeBase, queries: list[dict[str, Any]], *, k: int = 10, subject_fn: SubjectFn | None = None
) -> list[dict[str, Any]]:
    """Each query's top units and the rank of its first relevant one (for looking at failures)."""
    rows = []
    for q in queries:
        wanted = {str(r) for r in q["relevant"]}
        subject = subject_fn(str(q["text"])) if subject_fn else None
        hits: list[Hit] = kb.search(str(q["text"]), k=k * 4, auto_filters=False, subject=subject)
        ranked = _units([h.passage for h in hits], wanted, k)
        first = next((i + 1 for i, u in enumerate(ranked) if u in wanted), None)
        rows.append(
            {
                "id": q["id"],
                "text": q["text"],
                "subject": subject,
                "rank": first,
                "top": ranked[:3],
                "relevant": sorted(wanted),
            }
        )
    return rows
