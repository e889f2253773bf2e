"""The whole product on its embedded default: demo store, MiniLM, the trained intent model, SmolLM2."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest

from bot.app import build_services
from bot.config import Settings
from bot.golden import _run, read_cases

REPO = Path(__file__).resolve().parent.parent

pytestmark = pytest.mark.slow


def test_demo_store_answers_golden_cases_without_inventing_facts(tmp_path: Path) -> None:
    settings = Settings(home=tmp_path / "var", knowledge_dir=REPO / "knowledge", seed_dir=REPO / "knowledge" / "_seed")
    services = build_services(settings)
    services.kb.open()
    cases = read_cases(REPO / "tests" / "golden")
    picked = [c for n, c in enumerate(cases) if n % 4 == 0]  # every fourth case: all files, every kind
    result = asyncio.run(_run(services, picked, None))
    assert result["unsupported_fact_rate"] == 0.0, result["failures"]
    assert result["pass_rate"] >= 0.8, result["failures"]
    hit = services.kb.search("Do you ship to the UK?", k=3)
    assert hit[0].doc_id in {"faq/orders-and-shipping", "policies/shipping"}
    assert services.kb.confidence("Do you ship to the UK?", hit) > 0.8
    off = services.kb.search("what's the best pizza topping", k=3)
    assert services.kb.confidence("what's the best pizza topping", off) < 0.5
