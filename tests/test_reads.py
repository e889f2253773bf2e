"""The shipped conversation sets are valid input to `shopbot eval conversations` and name real demo customers."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from bot.golden import read_cases

REPO = Path(__file__).resolve().parent.parent
SETS = sorted((REPO / "tests" / "reads").glob("reader*.jsonl"))


def test_there_are_sets_to_read() -> None:
    assert len(SETS) >= 2


@pytest.mark.parametrize("path", SETS, ids=lambda p: p.stem)
def test_each_set_reads_and_its_customers_exist(path: Path) -> None:
    customers = {json.loads(line)["id"] for line in (REPO / "knowledge/_seed/customers.jsonl").read_text().splitlines()}
    cases = read_cases(path)
    assert len(cases) == 60 and len({c.case_id for c in cases}) == 60
    assert all(c.case_id.startswith(path.stem.replace("reader", "r")) for c in cases)
    assert {c.customer for c in cases if c.customer} <= customers
    key = (path.parent / f"{path.stem}-answers.md").read_text(encoding="utf-8")
    assert all(f"**{c.case_id}**" in key for c in cases)  # every conversation has its answer key line
