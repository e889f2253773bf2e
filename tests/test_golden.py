"""Golden cases: the file format, the checks, and a run through the real pipeline on small data."""

from __future__ import annotations

import asyncio
import json
import re
from pathlib import Path

import pytest

from bot.config import Settings
from bot.domain import Reply
from bot.errors import SourceFileError
from bot.golden import Case, _run, check, format_case, read_cases, summarise
from tests.support.intents import small_services

REPO = Path(__file__).resolve().parent.parent


def test_shipped_golden_set_is_large_and_covers_every_intent() -> None:
    cases = read_cases(REPO / "tests" / "golden")
    assert len(cases) >= 60
    assert sum(1 for c in cases if len(c.turns) > 1) >= 4  # multi-turn follow-ups
    assert sum(1 for c in cases if c.customer) >= 8  # order lookups, own and other customers'
    assert sum(1 for c in cases if c.handoff) >= 4
    assert len(cases) >= 180
    # every failure class of issue 9 has cases: discovery, not carried, comparison, follow-ups, own orders without a number, complaints
    texts = [" ".join(c.turns).lower() for c in cases]
    assert sum("cheapest" in t or "most expensive" in t or "best rated" in t for t in texts) >= 20
    assert sum(t.startswith(("do you carry", "do you sell")) for t in texts) >= 10
    assert sum("which is cheaper" in t for t in texts) >= 3
    assert sum(len(c.turns) > 1 for c in cases) >= 30
    assert sum(bool(c.customer) and "ord-" not in " ".join(c.turns).lower() for c in cases) >= 10
    assert sum(bool(c.handoff) and "sorry" in c.must_include for c in cases) >= 3
    # catalog answers: attribute questions, follow-ups on a shown list, unmet or uncheckable filters
    assert sum(bool(re.search(r"waterproof|lined|wide width|shrink|machine washable", t)) for t in texts) >= 12
    assert sum(bool(re.search(r"\b(those|any of them|the second one)\b", t)) for t in texts) >= 9
    assert sum("inseam" in t or "machine washable sweaters" in t for t in texts) >= 2


def test_data_derived_cases_match_the_demo_data(tmp_path: Path) -> None:
    import subprocess
    import sys

    subprocess.run(
        [sys.executable, str(REPO / "scripts" / "golden_from_data.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    for name in (
        "discovery.jsonl",
        "own_orders.jsonl",
        "followups.jsonl",
        "catalog_answers.jsonl",
        "catalog_more.jsonl",
    ):
        assert (tmp_path / name).read_text() == (REPO / "tests" / "golden" / name).read_text(), f"regenerate {name}"


def test_bad_case_files_name_the_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"turns": ["hi"], "expect": {}}\n{"turns": []}\n', encoding="utf-8")
    with pytest.raises(SourceFileError, match=r"bad.jsonl:2"):
        read_cases(bad)
    (tmp_path / "empty").mkdir()
    with pytest.raises(SourceFileError, match="no golden cases"):
        read_cases(tmp_path / "empty")


def test_check_reports_each_problem() -> None:
    case = Case(
        "x:1", ["q"], sources=["faq/returns"], must_include=["30 days"], must_not_include=["555"], handoff=False
    )
    good = Reply(text="You have 30 days.", sources=[{"doc_id": "faq/returns"}])
    assert check(case, good) == []
    bad = Reply(text="Call 555-0000.", sources=[{"doc_id": "faq/shipping"}], flags={"handoff"})
    problems = check(case, bad)
    assert len(problems) == 4
    assert any("lack any of" in p for p in problems) and any("missing '30 days'" in p for p in problems)


def test_run_scores_pass_rate_and_unsupported_facts(knowledge_dir: Path, tmp_path: Path) -> None:
    settings = Settings(
        home=tmp_path / "var",
        knowledge_dir=knowledge_dir,
        seed_dir=tmp_path / "none",
        embedder="hashing",
        llm_backend="scripted",
    )
    svc = small_services(settings)
    svc.kb.open()
    model = svc.chat_model
    model.say("Standard shipping takes 3 to 5 business days.", "We ship to the UK for 9.99 USD!")
    cases = [
        # no "how long": that is answered from the data before the model; this case is the model's
        Case("a:1", ["tell me about standard shipping"], sources=["policies/shipping"], must_include=["3 to 5"]),
        Case("a:2", ["which countries do you ship to, the United Kingdom too?"], must_not_include=["9.99"]),
    ]
    result = asyncio.run(_run(svc, cases, None))
    assert result["cases"] == 2
    assert result["pass_rate"] == 1.0  # the invented price was replaced before it reached the shopper
    assert result["unsupported_fact_rate"] == 0.0
    assert result["fallback_rate"] == 0.5
    # only the first reply was written by the model and kept; the second is the extractive fallback
    assert [r["author"] for r in result["results"]] == ["model", "extractive"]
    assert result["model_written_share"] == 0.5
    assert result["author_shares"]["extractive"] == 0.5
    json.dumps(result)


def test_model_written_share_counts_only_model_text_not_templates() -> None:
    rows = [
        {
            "passed": True,
            "problems": [],
            "unsupported": [],
            "flags": ["structured"],
            "composed": True,
            "author": "template",
        },
        {"passed": True, "problems": [], "unsupported": [], "flags": [], "composed": True, "author": "model"},
        {
            "passed": True,
            "problems": [],
            "unsupported": [],
            "flags": ["fallback_used"],
            "composed": True,
            "author": "extractive",
        },
        {
            "passed": True,
            "problems": [],
            "unsupported": [],
            "flags": ["handoff"],
            "composed": False,
            "author": "canned",
        },
    ]
    result = summarise(rows, [0.1, 0.2])
    assert result["model_written_share"] == 0.25
    assert result["composed_share"] == round(2 / 3, 4)  # the old figure counted the template as model-written
    assert result["reworded_share_of_templates"] == 0.0
    reworded = {
        "passed": True,
        "problems": [],
        "unsupported": [],
        "flags": ["reworded", "structured"],
        "composed": True,
        "author": "model",
    }
    result = summarise([*rows, reworded], [0.1])
    assert result["model_written_share"] == 0.4 and result["reworded_share_of_templates"] == 0.5


def test_format_case_prints_the_whole_final_reply() -> None:
    row = {
        "case": "x:1",
        "passed": False,
        "unsupported": [],
        "problems": ["missing 'free'"],
        "turns": ["Are returns free?"],
        "text": "Returns are easy.\n\nRecommended for you: Slim Blue Jeans (59.90 USD) - popular with other shoppers.",
        "author": "model",
        "flags": ["recommended"],
    }
    block = format_case(row)
    assert block.startswith("[FAIL] x:1  author=model")
    assert "  < Recommended for you: Slim Blue Jeans (59.90 USD) - popular with other shoppers." in block
    assert "  ! missing 'free'" in block


def test_must_include_is_checked_against_fact_lines_when_given(tmp_path: Path) -> None:
    f = tmp_path / "c.jsonl"
    f.write_text(
        '{"turns": ["q"], "expect": {"must_include": ["$8.00"], "facts": ["Standard shipping costs $8.00."]}}\n',
        encoding="utf-8",
    )
    (case,) = read_cases(f)
    assert case.facts == ["Standard shipping costs $8.00."]


def test_must_include_used_against_the_fact_lines_fails() -> None:
    from bot.core.meaning import MeaningChecker

    table = "Shipping options\n| Option | Delivery time | Cost |\n| --- | --- | --- |\n| Economy | 6–9 business days | $5.00 |\n| Standard | 3–5 business days | $8.00 |"
    case = Case("x:1", ["How much is standard shipping?"], must_include=["$8.00"], facts=[table])
    assert check(case, Reply(text="Standard shipping costs $8.00."), meaning=MeaningChecker()) == []
    problems = check(case, Reply(text="Economy shipping costs $8.00."), meaning=MeaningChecker())
    assert len(problems) == 1 and problems[0].startswith("uses '$8.00' against the fact lines")
    assert check(case, Reply(text="Economy shipping costs $8.00.")) == []  # substring only, as before


def test_stricter_checks_read_from_the_case_file(tmp_path: Path) -> None:
    f = tmp_path / "c.jsonl"
    row = {
        "turns": ["q"],
        "expect": {
            "must_include_any": [["$25.00", "$25 "]],
            "must_match": [r"\bno\b"],
            "must_not_match": [r"\byes\b"],
            "only_orders": ["ORD-10001"],
            "no_recommendation": True,
        },
    }
    f.write_text(json.dumps(row) + "\n", encoding="utf-8")
    (case,) = read_cases(f)
    assert case.must_include_any == [["$25.00", "$25 "]] and case.only_orders == ["ORD-10001"]
    assert case.must_match == [r"\bno\b"] and case.must_not_match == [r"\byes\b"] and case.no_recommendation
    (plain,) = read_cases(_one(tmp_path, {"turns": ["q"], "expect": {}}))
    assert plain.only_orders is None and not plain.no_recommendation  # absent: not checked


def _one(tmp_path: Path, row: dict[str, object]) -> Path:
    f = tmp_path / "one.jsonl"
    f.write_text(json.dumps(row) + "\n", encoding="utf-8")
    return f


@pytest.mark.parametrize(
    "expect",
    [
        {"must_match": ["(unclosed"]},
        {"must_match": [""]},
        {"must_include_any": [[]]},
        {"must_include_any": ["$25.00"]},
    ],
)
def test_bad_stricter_checks_name_the_line(tmp_path: Path, expect: dict[str, object]) -> None:
    with pytest.raises(SourceFileError, match=r"one.jsonl:1"):
        read_cases(_one(tmp_path, {"turns": ["q"], "expect": expect}))


def test_a_word_check_is_not_fooled_by_a_substring() -> None:
    # "no" is inside "normal" and "8" inside a date: the substring checks pass a reply that says neither
    case = Case("x:1", ["Do you price match?"], must_match=[r"\bno\b"], must_not_match=[r"\bwe (do )?match\b"])
    assert check(case, Reply(text="No. We do not match competitors' prices.")) == []
    assert check(case, Reply(text="Normal prices apply.")) == ["does not match /\\bno\\b/"]
    assert check(case, Reply(text="No idea, we match prices.")) == ["matches /\\bwe (do )?match\\b/"]


def test_any_of_alternatives_needs_one_per_part() -> None:
    case = Case("x:1", ["cost and time to Canada?"], must_include_any=[["$25.00", "$25 "], ["5–10 business days"]])
    assert check(case, Reply(text="It's $25.00 and takes 5–10 business days.")) == []
    problems = check(case, Reply(text="It's $25.00."))  # one part of the question dropped
    assert problems == ["missing any of ['5–10 business days']"]


def test_a_reply_about_another_order_fails_only_orders() -> None:
    case = Case("x:1", ["tracking for my boots?"], customer="c1", only_orders=["ORD-12935"])
    assert check(case, Reply(text="ORD-12935 shipped with UPS, tracking 1Z9.")) == []
    problems = check(case, Reply(text="You have 2 orders: ORD-12935 and ord-10946. Which one do you mean?"))
    assert problems == ["names other orders ['ORD-10946'] (only ['ORD-12935'] asked about)"]


def test_no_recommendation_reads_the_recommendation_line_not_a_word() -> None:
    case = Case("x:1", ["my parcel is late"], no_recommendation=True)
    assert check(case, Reply(text="Sorry, ORD-1 is late. I recommended for you a person.")) == []  # no line
    with_line = Reply(text="Sorry, ORD-1 is late.\n\nRecommended for you: Slim Jeans (59.90 USD) - popular.")
    assert check(case, with_line) == ["has a recommendation line where none is due"]


def test_the_scorer_knows_what_an_order_came_to_with_shipping(knowledge_dir: Path, tmp_path: Path) -> None:
    # "came to 223.00 USD in all" is the items total plus the shipping: data, not an invented figure
    from bot.core.verify import verify
    from bot.golden import shop_data_text

    settings = Settings(
        home=tmp_path / "var", knowledge_dir=knowledge_dir, seed_dir=tmp_path / "none", embedder="hashing"
    )
    svc = small_services(settings)
    svc.kb.open()
    svc.store.ensure_customer(id="c-1", name="Ada")
    items = json.dumps([{"sku": "X-1", "name": "Rain Jacket", "qty": 1, "price": 198.0}])
    order = {"order_id": "ORD-1", "customer_id": "c-1", "date": "2026-11-01T09:00:00Z", "status": "delivered"}
    svc.store.db["orders"].insert(
        {
            **order,
            "items": items,
            "total": 198.0,
            "currency": "USD",
            "shipping_method": "international",
            "shipping_cost": 25.0,
        },
        alter=True,
    )
    shop = shop_data_text(svc, "c-1")
    right = "The items in your order ORD-1 came to 198.00 USD, and shipping cost 25.00 USD, so the order came to 223.00 USD in all."
    assert verify(right, shop).unsupported == []
    wrong = right.replace("223.00", "233.00")
    assert [f.text for f in verify(wrong, shop).unsupported] != []
