"""`shopbot kb corrections OUT` writes the staff corrections as golden cases that `eval replies --cases` reads."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from bot.config import Settings
from bot.golden import read_cases
from bot.store import KnowledgeStore, Store

REPO = Path(__file__).resolve().parents[1]


def test_corrections_export_from_the_command_line(tmp_path: Path, knowledge_dir: Path) -> None:
    settings = Settings(home=tmp_path / "var", knowledge_dir=knowledge_dir, seed_dir=tmp_path / "no-seed")
    store = Store(settings.db_path)
    KnowledgeStore(store).add_correction(
        by="bob",
        conversation_id="conv-1",
        message_id=7,
        question="How much does standard shipping cost?",
        grounding=[{"doc_id": "policies/shipping", "title": "Shipping", "source": "policies/shipping.md"}],
        bot_answer="It costs 8 dollars.",
        corrected_answer="It costs 6 dollars.",
        must_include=["6 dollars"],
        must_not_include=["8 dollars"],
    )
    store.close()
    out = tmp_path / "corrections.jsonl"
    env = {
        **os.environ,
        "SHOPBOT_HOME": str(settings.home),
        "SHOPBOT_KNOWLEDGE_DIR": str(knowledge_dir),
        "SHOPBOT_SEED_DIR": str(tmp_path / "no-seed"),
        "PYTHONPATH": str(REPO),
    }
    result = subprocess.run(
        [sys.executable, "-m", "bot", "kb", "corrections", str(out)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"wrote 1 correction case to {out}; run: shopbot eval replies --cases {out}"
    [case] = read_cases(out)
    assert case.turns == ["How much does standard shipping cost?"] and case.sources == ["policies/shipping"]
    assert (case.must_include, case.must_not_include, case.handoff) == (["6 dollars"], ["8 dollars"], False)
    assert json.loads(out.read_text(encoding="utf-8"))["correction"]["by"] == "bob"
