"""Knowledge-article edits: how long "Save and reload" takes on the demo store, and how long a refused edit takes.

Copies knowledge/ to a temporary folder, builds it once (the embedding cache of SHOPBOT_HOME is reused when it has
one), then edits one FAQ article N times through bot/kb/articles.save_article (parse as the build does, atomic write,
reload), each edit changing one sentence, and N broken edits (front matter that does not parse), which must leave the
served version unchanged. Reports p50/p95 seconds per save and per refusal. Timings depend on the shared CPU.
The LAST line is JSON.

    .venv/bin/python scripts/bench_kb_edit.py [--edits 10] [--embedder minilm|hashing]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bot.errors import KnowledgeBaseError  # noqa: E402
from bot.kb.articles import save_article  # noqa: E402
from bot.kb.knowledge_base import KnowledgeBase  # noqa: E402

ARTICLE = "faq/returns-and-refunds.md"
SENTENCE = "Returns within the United States are free: we send you a prepaid label."


def _pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))], 3)


def main() -> None:
    """Run the benchmark and print one JSON line."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--edits", type=int, default=10, help="How many saved edits and how many refused ones.")
    ap.add_argument("--embedder", default="minilm", choices=["minilm", "hashing"])
    ap.add_argument("--cache", type=Path, default=REPO / "var" / "kb" / "cache", help="Embedding cache to reuse.")
    args = ap.parse_args()
    tmp = Path(tempfile.mkdtemp(prefix="bench-kb-edit-"))
    try:
        knowledge = tmp / "knowledge"
        shutil.copytree(REPO / "knowledge", knowledge)
        cache = tmp / "cache"
        if args.cache.is_dir():
            shutil.copytree(args.cache, cache)
        kb = KnowledgeBase(knowledge, tmp / "kb", embedder=args.embedder, cache_dir=cache)
        t0 = time.perf_counter()
        kb.reload()
        first_build = time.perf_counter() - t0
        path = knowledge / ARTICLE
        original = path.read_text(encoding="utf-8")
        assert SENTENCE in original, "the demo article changed; update SENTENCE"
        saves, refusals = [], []
        for i in range(args.edits):
            text = original.replace(SENTENCE, SENTENCE + f" Edit number {i + 1} adds this sentence.")
            t0 = time.perf_counter()
            save_article(knowledge, ARTICLE, text, reload=kb.reload)
            saves.append(time.perf_counter() - t0)
            serving = kb.serving_version
            t0 = time.perf_counter()
            try:
                save_article(knowledge, ARTICLE, "---\ntitle: [broken\n---\nx\n", reload=kb.reload)
                raise SystemExit("a broken edit was saved")
            except KnowledgeBaseError:
                refusals.append(time.perf_counter() - t0)
            assert kb.serving_version == serving and path.read_text(encoding="utf-8") == text
            print(f"edit {i + 1}: saved in {saves[-1]:.2f} s, refused in {refusals[-1] * 1000:.1f} ms", file=sys.stderr)
        result = {
            "embedder": args.embedder,
            "edits": args.edits,
            "first_build_s": round(first_build, 2),
            "save_p50_s": _pct(saves, 0.5),
            "save_p95_s": _pct(saves, 0.95),
            "save_mean_s": round(statistics.mean(saves), 3),
            "refused_p50_ms": round(_pct(refusals, 0.5) * 1000, 1),
            "refused_p95_ms": round(_pct(refusals, 0.95) * 1000, 1),
            "old_version_kept_on_refusal": True,
        }
        print(json.dumps(result))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
