"""kill -9 in the middle of a reload loses nothing: the served version stays CURRENT and readable, the caches stay
readable, and the next reload builds the change (reusing the unchanged products)."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from bot.kb.knowledge_base import KnowledgeBase
from tests.kb.test_large_catalog import write_catalog

ROOT = Path(__file__).resolve().parents[2]
# a reload that stops inside its build (its progress callback waits) until the test kills it
CHILD = r"""
import sys, time
from pathlib import Path
from bot.kb.knowledge_base import KnowledgeBase

kb = KnowledgeBase(Path(sys.argv[1]), Path(sys.argv[2]), embedder="hashing", ann_min_rows=200)
kb.open(build_if_missing=False)

def progress(stage, done, total):
    if stage == "embedding":
        Path(sys.argv[3]).write_text("embedding", encoding="utf-8")
        time.sleep(300)

kb.reload(on_progress=progress)
"""


def test_kill_9_during_a_reload_loses_nothing(tmp_path: Path) -> None:
    knowledge, root, marker = tmp_path / "knowledge", tmp_path / "kb", tmp_path / "marker"
    write_catalog(knowledge, 400)
    first = KnowledgeBase(knowledge, root, embedder="hashing", ann_min_rows=200).reload().version
    write_catalog(knowledge, 400, changed={5, 300})
    child = subprocess.Popen([sys.executable, "-c", CHILD, str(knowledge), str(root), str(marker)], cwd=ROOT)
    try:
        deadline = time.monotonic() + 120
        while not marker.exists() and child.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
        assert marker.exists(), "the reload never reached its embedding step"
    finally:
        os.kill(child.pid, signal.SIGKILL)
        child.wait(timeout=30)
    kb = KnowledgeBase(knowledge, root, embedder="hashing", ann_min_rows=200)
    assert kb.open(build_if_missing=False).version == first  # the served version is still CURRENT and loads
    assert "recycled trims" not in kb.search("SKU-0005", k=1, auto_filters=False)[0].passage.text
    before = {p.chunk_id: p for p in kb.index.passages}
    result = kb.reload()  # the lock the killed process held is free, its half-built version is not served
    assert result.version != first and result.embedded == 2
    assert "recycled trims" in kb.search("SKU-0005", k=1, auto_filters=False)[0].passage.text
    assert {h.doc_id for h in kb.search("now with recycled trims", k=2, auto_filters=False)} == {
        "product:SKU-0005", "product:SKU-0300"
    }  # fmt: skip
    assert sum(before.get(p.chunk_id) is p for p in kb.index.passages) == 398  # the unchanged ones reused
    again = KnowledgeBase(knowledge, root, embedder="hashing", ann_min_rows=200)
    assert again.open(build_if_missing=False).version == result.version
