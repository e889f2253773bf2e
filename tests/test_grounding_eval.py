"""`shopbot eval grounding`: the case format, the rates, and the shipped answer sets."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.core.meaning import MeaningChecker
from bot.errors import DataFileError
from bot.grounding_eval import evaluate_grounding, read_grounding_cases

REPO = Path(__file__).resolve().parent.parent
GROUNDING = "Shipping\n| Option | Delivery time | Cost |\n| --- | --- | --- |\n| Economy | 6–9 business days | $5.00 |\n| Standard | 3–5 business days | $8.00 |"


def _write(tmp_path: Path, rows: list[dict[str, str]]) -> Path:
    path = tmp_path / "cases.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


def test_rates_count_accepted_supported_and_rejected_unsupported(tmp_path: Path) -> None:
    rows = [
        {
            "grounding": GROUNDING,
            "question": "How long is standard?",
            "answer": "Standard shipping takes 3–5 business days.",
            "label": "supported",
        },
        {
            "grounding": GROUNDING,
            "question": "How long is economy?",
            "answer": "Economy shipping takes 3–5 business days.",
            "label": "unsupported",
            "kind": "binding",
        },
        {
            "grounding": GROUNDING,
            "question": "How much is economy?",
            "answer": "Economy costs $9.00.",
            "label": "unsupported",
            "kind": "invented",
        },
    ]
    result = evaluate_grounding(read_grounding_cases(_write(tmp_path, rows)), meaning=MeaningChecker())
    assert (result["accept_supported"], result["reject_unsupported"], result["balanced_accuracy"]) == (1.0, 1.0, 1.0)
    assert result["reject_by_kind"] == {"binding": 1.0, "invented": 1.0}
    assert result["latency_ms_p50"] > 0 and result["errors"] == []
    # the word-level verifier alone lets the recombined number through
    words_only = evaluate_grounding(read_grounding_cases(_write(tmp_path, rows)), meaning=None)
    assert words_only["reject_by_kind"]["binding"] == 0.0


def test_bad_cases_name_the_line(tmp_path: Path) -> None:
    bad = _write(tmp_path, [{"grounding": "g", "question": "q", "answer": "a", "label": "maybe"}])
    with pytest.raises(DataFileError, match=r"cases.jsonl:1: label must be one of"):
        read_grounding_cases(bad)
    missing = _write(tmp_path, [{"grounding": "g", "question": "q", "label": "supported"}])
    with pytest.raises(DataFileError, match="answer"):
        read_grounding_cases(missing)


def test_cli_prints_the_rates_as_json(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SHOPBOT_EMBEDDER", "hashing")
    monkeypatch.setenv("SHOPBOT_HOME", str(tmp_path / "var"))
    rows = [
        {
            "grounding": GROUNDING,
            "question": "How long is standard?",
            "answer": "Standard shipping takes 3–5 business days.",
            "label": "supported",
        }
    ]
    result = CliRunner().invoke(main, ["eval", "grounding", "--cases", str(_write(tmp_path, rows))])
    assert result.exit_code == 0, result.output
    out = json.loads(result.output[result.output.index("{") :])
    assert out["accept_supported"] == 1.0 and "latency_ms_p95" in out and "errors" not in out


def test_shipped_answer_sets_are_balanced_and_labelled() -> None:
    for name in ("shop_dev", "shop_heldout", "shop_blind", "shop_blind2", "shop_blind3", "shop_blind4"):
        cases = read_grounding_cases(REPO / "tests" / "grounding" / f"{name}.jsonl")
        kinds = {c.get("kind") for c in cases if c["label"] == "unsupported"}
        assert sum(c["label"] == "supported" for c in cases) >= 20
        assert {"binding", "condition", "negation", "invented"} <= kinds


@pytest.mark.slow
def test_dev_set_figures_hold_with_minilm() -> None:
    """A regression guard on the set the check was built on (not a blind figure: see docs/verifier.md)."""
    from bot.embed.embedder import get_embedder

    embedder = get_embedder("minilm")
    meaning = MeaningChecker(embed=lambda texts: embedder.embed(texts))
    result = evaluate_grounding(read_grounding_cases(REPO / "tests" / "grounding" / "shop_dev.jsonl"), meaning=meaning)
    assert result["accept_supported"] >= 0.95
    assert result["reject_unsupported"] >= 0.85
