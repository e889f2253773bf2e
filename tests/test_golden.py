"""Golden cases: the file format, the checks, and a run through the real pipeline on small data."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest

from bot.config import Settings
from bot.domain import Reply
from bot.errors import SourceFileError
from bot.golden import Case, _run, check, read_cases
from tests.support.intents import small_services

REPO = Path(__file__).resolve().parent.parent


def test_shipped_golden_set_is_large_and_covers_every_intent() -> None:
    cases = read_cases(REPO / "tests" / "golden")
    assert len(cases) >= 60
    assert sum(1 for c in cases if len(c.turns) > 1) >= 4  # multi-turn follow-ups
    assert sum(1 for c in cases if c.customer) >= 8  # order lookups, own and other customers'
    assert sum(1 for c in cases if c.handoff) >= 4


def test_bad_case_files_name_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"turns": ["hi"], "expect": {}}\n{"turns": []}\n', encoding="utf-8")
    with pytest.raises(SourceFileError, match=r"bad.jsonl:2"):
        read_cases(bad)
    (tmp_path / "empty").mkdir()
    with pytest.raises(SourceFileError, match="no golden cases"):
        read_cases(tmp_path / "empty")


def test_check_reports_each_problem() -> None:
    case = Case("x:1", ["q"], sources=["faq/returns"], must_include=["30 days"], must_not_include=["555"], handoff=False)
    good = Reply(text="You have 30 days.", sources=[{"doc_id": "faq/returns"}])
    assert check(case, good) == []
    bad = Reply(text="Call 555-0000.", sources=[{"doc_id": "faq/shipping"}], flags={"handoff"})
    problems = check(case, bad)
    assert len(problems) == 4
    assert any("lack any of" in p for p in problems) and any("missing '30 days'" in p for p in problems)


def test_run_scores_pass_rate_and_unsupported_facts(knowledge_dir: Path, tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "var", knowledge_dir=knowledge_dir, seed_dir=tmp_path / "none", embedder="hashing", llm_backend="scripted")
    svc = small_services(settings)
    svc.kb.open()
    model = svc.chat_model
    model.say("Standard shipping takes 3 to 5 business days.", "We ship to the UK for 9.99 USD!")
    cases = [
        Case("a:1", ["how long does standard shipping take?"], sources=["policies/shipping"], must_include=["3 to 5"]),
        Case("a:2", ["do you ship to the United Kingdom?"], must_not_include=["9.99"]),
    ]
    result = asyncio.run(_run(svc, cases, None))
    assert result["cases"] == 2
    assert result["pass_rate"] == 1.0  # the invented price was replaced before it reached the shopper
    assert result["unsupported_fact_rate"] == 0.0
    assert result["fallback_rate"] == 0.5
    json.dumps(result)
