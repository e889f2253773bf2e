"""Staff corrections of bot replies as golden cases: the shop's own regression set for `shopbot eval replies`.

A correction is (question, grounding, corrected answer). As a golden case the question is the one turn, the
grounding's documents are the expected sources, the phrases that carry the right answer must appear, and the
facts of the wrong answer that the right one does not state must not.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bot.core.facts import Fact, extract_facts


def suggest_phrases(corrected: str, wrong: str) -> tuple[list[str], list[str]]:
    """(must_include, must_not_include) read from the facts (prices, numbers, dates, ...) of both answers."""
    right = _telling(extract_facts(corrected))
    right_values = {f.value for f in extract_facts(corrected)}
    include = list(dict.fromkeys(f.text for f in right))
    exclude = list(dict.fromkeys(f.text for f in _telling(extract_facts(wrong)) if f.value not in right_values))
    return include, exclude


def _telling(facts: list[Fact]) -> list[Fact]:
    """Facts that say something on their own: a bare number ("3") is a substring of too many replies to check."""
    return [f for f in facts if f.kind != "number" or len(f.text) >= 3]


def split_phrases(text: str) -> list[str]:
    """Phrases typed one per line or separated by ';' (commas belong to prices and lists)."""
    parts = [p.strip() for line in text.splitlines() for p in line.split(";")]
    return list(dict.fromkeys(p[:200] for p in parts if p))[:20]


def to_golden(row: dict[str, Any]) -> dict[str, Any]:
    """One correction as a golden case line (tests/golden format)."""
    sources = [str(g.get("doc_id")) for g in row.get("grounding") or [] if isinstance(g, dict) and g.get("doc_id")]
    expect: dict[str, Any] = {
        "must_include": list(row.get("must_include") or []),
        "must_not_include": list(row.get("must_not_include") or []),
        "handoff": False,
    }
    if sources:  # the passage the reply leaned on most; the others were only retrieved alongside
        expect["sources"] = sources[:1]
    return {
        "turns": [row["question"]],
        "expect": expect,
        "correction": {"id": row.get("id"), "by": row.get("created_by"), "at": row.get("created_at")},
        "answer": row.get("corrected_answer", ""),
    }


def write_golden(rows: list[dict[str, Any]], path: Path) -> int:
    """Write the corrections as a JSONL golden file; returns how many cases."""
    lines = [json.dumps(to_golden(r), ensure_ascii=False) for r in rows]
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return len(lines)
