"""`shopbot eval conversations`: every turn's reply kept in full, in order, with who wrote it, on the real pipeline."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

from click.testing import CliRunner

from bot.cli import main
from bot.config import Settings
from bot.core.recommendation_check import recommendation_lines
from bot.golden import Case, read_cases
from bot.transcripts import _run, format_turn
from tests.support.intents import small_services


def _settings(tmp_path: Path, knowledge_dir: Path) -> Settings:
    return Settings(
        home=tmp_path / "var",
        knowledge_dir=knowledge_dir,
        seed_dir=tmp_path / "none",
        embedder="hashing",
        llm_backend="scripted",
    )


def test_every_turn_is_written_in_order_with_its_author(knowledge_dir: Path, tmp_path: Path) -> None:
    svc = small_services(_settings(tmp_path, knowledge_dir))
    svc.kb.open()
    svc.chat_model.say("Standard shipping takes 3 to 5 business days.")
    cases = [
        Case("t1", ["tell me about standard shipping"]),
        Case("t2", ["hi", "What's your phone number?"]),
    ]
    rows: list[dict[str, object]] = []
    summary = asyncio.run(_run(svc, cases, rows.append))
    assert [(r["id"], r["turn"], r["user"]) for r in rows] == [
        ("t1", 1, "tell me about standard shipping"),
        ("t2", 1, "hi"),
        ("t2", 2, "What's your phone number?"),
    ]
    assert rows[0]["author"] == "model" and "3 to 5 business days" in str(rows[0]["reply"])
    assert all(str(r["reply"]).strip() for r in rows)
    for r in rows:  # the recommendation field is the reply's own recommendation line, or empty
        lines = recommendation_lines(str(r["reply"]))
        assert r["recommendation"] == (lines[0] if lines else "")
    assert summary["conversations"] == 2 and summary["turns"] == 3
    assert abs(sum(summary["authors"].values()) - 1.0) < 1e-3
    assert summary["authors"]["model"] == round(1 / 3, 4)
    json.dumps(rows)
    json.dumps(summary)


def test_the_text_format_shows_the_whole_reply_and_who_wrote_it() -> None:
    long_reply = "First line.\n" + "x" * 900 + "\nRecommended for you: A - B"
    row = {
        "id": "r-1",
        "turn": 2,
        "customer": "c001",
        "user": "where is my order?",
        "reply": long_reply,
        "author": "template",
        "flags": ["from_data"],
    }
    text = format_turn(row)
    assert "[r-1 #2] (c001) shopper: where is my order?" in text
    assert long_reply in text and "bot [template; from_data]" in text


def test_an_id_field_names_the_case(tmp_path: Path) -> None:
    path = tmp_path / "c.jsonl"
    path.write_text('{"id": "mine-7", "turns": ["hi"]}\n{"turns": ["hello"], "customer": "c002"}\n', encoding="utf-8")
    cases = read_cases(path)
    assert [c.case_id for c in cases] == ["mine-7", "c:2"]
    assert cases[1].customer == "c002"


def test_a_bad_file_is_a_one_line_error_naming_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text('{"turns": []}\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["eval", "conversations", "--cases", str(path)])
    assert result.exit_code != 0
    assert "bad.jsonl:1:" in result.output and "non-empty" in result.output
    assert len(result.output.strip().splitlines()) == 1
    assert "Traceback" not in result.output
