"""Frame training targets: they open as a rewording may at run time, read well, and cover list introductions."""

from __future__ import annotations

import random
import re
from pathlib import Path

from bot.core.frames import fill
from bot.core.register import register_problems
from bot.jsonl import read_jsonl
from bot.llm import frame_data, reply_data

REPO = Path(__file__).resolve().parent.parent.parent
CATALOG = read_jsonl(REPO / "knowledge" / "catalog" / "products.jsonl")
ORDERS = read_jsonl(REPO / "knowledge" / "_seed" / "orders.jsonl")


def test_targets_open_as_the_rewording_may_and_read_well() -> None:
    examples = frame_data.examples(CATALOG, ORDERS, 160, seed=3)
    assert len(examples) == 160
    for ex in examples:
        answer, target = ex["filled"]["answer"], ex["filled"]["target"]
        assert frame_data.opens_otherwise(answer, target), ex
        assert register_problems(target, answer) == [], ex
        if target.startswith("Good news"):
            assert re.search(r"\b(shipped|delivered|out for delivery|in stock)\b", answer), ex
    kinds = {ex["kind"] for ex in examples}
    assert kinds == {"product", "order", "discovery"}
    heads = [ex["answer"] for ex in examples if ex["kind"] == "discovery"]
    assert len(heads) >= 20 and any(h.startswith("Sorry, we don't have any") for h in heads)


def test_the_opening_rule_is_the_one_replies_run_with() -> None:
    assert not frame_data.opens_otherwise("The X costs 1.00 USD.", "The price of the X is 1.00 USD.")
    assert frame_data.opens_otherwise("The X costs 1.00 USD.", "It's 1.00 USD for the X.")
    assert not frame_data.opens_otherwise("Yes, the X comes in navy.", "Yes, the X is made in navy.")
    assert not frame_data.opens_otherwise("Yes, the X comes in navy.", "The X comes in navy.")
    assert frame_data.opens_otherwise("Yes, the X comes in navy.", "Yes, you can get the X in navy.")


def test_a_frame_target_fills_back_to_its_sentence() -> None:
    for ex in frame_data.examples(CATALOG, ORDERS, 40, seed=8):
        values = dict(re.findall(r"\{([a-z]+[0-9]?)\}", ex["target"]) and [])  # noqa: C416 - slots only
        assert not values
    rng = random.Random(2)
    products = [p for p in CATALOG if p.get("sku") and p.get("price") is not None]
    names, kinds = tuple(sorted(reply_data.known_names(CATALOG))), frame_data.name_kinds(CATALOG)
    ex = None
    for _ in range(2000):  # bounded: without the shop's names no brand is a slot and no frame is made (it hung CI)
        raw = frame_data._head_example(products, rng)
        if raw["answer"].startswith("We don't carry"):
            ex = frame_data.framed(raw, names, kinds, rng)
            if ex is not None:
                break
    assert ex is not None, "no 'We don't carry' list introduction could be framed"
    assert ex["filled"]["target"].startswith(("Sorry, we don't carry", "Unfortunately, we don't carry"))
    assert not ex["question"].lower().startswith("do you carry")
    assert fill(ex["target"], frame_data.make_frame(ex["filled"]["answer"], names, kinds)) == ex["filled"]["target"]
