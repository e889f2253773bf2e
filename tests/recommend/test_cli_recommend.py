"""`shopbot recommend ...` and `shopbot eval recommend` through click's runner."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from bot.cli import main
from tests.recommend.shopdata import KITCHEN, OUTDOOR, make_shop


@pytest.fixture()
def files(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # embedding caches land under ./var of the test folder
    inter = make_shop(n_users=30)
    (tmp_path / "inter.csv").write_text(
        "user,item,time\n" + "".join(f"{u},{i},{t}\n" for u, i, t in zip(inter.users, inter.items, inter.times)),
        encoding="utf-8",
    )
    (tmp_path / "items.csv").write_text(
        "item,name,category,description\n" + "".join(f"{i},{n},{c},{d}\n" for i, n, c, d in OUTDOOR + KITCHEN),
        encoding="utf-8",
    )
    products = [
        {"sku": i, "name": n, "category": c, "description": d, "price": 30.0, "in_stock": True}
        for i, n, c, d in OUTDOOR + KITCHEN
    ]
    (tmp_path / "products.jsonl").write_text("".join(json.dumps(p) + "\n" for p in products), encoding="utf-8")
    return tmp_path


@pytest.mark.parametrize(
    "args",
    [
        ["recommend", "--help"],
        ["recommend", "train", "--help"],
        ["recommend", "for", "--help"],
        ["eval", "recommend", "--help"],
    ],
)
def test_help(args):
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    assert "Usage:" in result.output


def test_eval_recommend_prints_json_with_baselines(files):
    result = CliRunner().invoke(
        main,
        [
            "eval",
            "recommend",
            "--interactions",
            str(files / "inter.csv"),
            "--split",
            "leave-last-out",
            "--items",
            str(files / "items.csv"),
            "--embedder",
            "hashing",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["task"] == "implicit" and data["split"] == "leave-last-out"
    assert {"model", "popularity", "item_item"} <= set(data)


def test_eval_recommend_bad_csv_is_one_clear_line(files):
    (files / "bad.csv").write_text("user,item,rating\nu1,a,five\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["eval", "recommend", "--interactions", str(files / "bad.csv"), "--ratings", "--embedder", "hashing"]
    )
    assert result.exit_code == 1
    assert "bad.csv:2: column 'rating' is not a number" in result.output
    assert "Traceback" not in result.output


def test_train_then_recommend_for_a_customer(files):
    runner = CliRunner()
    out = files / "models"
    result = runner.invoke(
        main,
        [
            "recommend",
            "train",
            "--interactions",
            str(files / "inter.csv"),
            "--products",
            str(files / "products.jsonl"),
            "--out",
            str(out),
            "--embedder",
            "hashing",
        ],
    )
    assert result.exit_code == 0, result.output
    assert (out / "versions" / (out / "CURRENT").read_text().strip() / "model.json").exists()
    result = runner.invoke(
        main,
        [
            "recommend",
            "for",
            "u1",
            "-k",
            "2",
            "--model",
            str(out),
            "--products",
            str(files / "products.jsonl"),
            "--json",
        ],
    )
    assert result.exit_code == 0, result.output
    picks = json.loads(result.output)
    assert len(picks) == 2 and all(p["item"].startswith("k") and p["reason"] for p in picks)
    result = runner.invoke(
        main,
        [
            "recommend",
            "for",
            "u1",
            "--model",
            str(out),
            "--products",
            str(files / "products.jsonl"),
            "--filters",
            "[1]",
        ],
    )
    assert result.exit_code == 1 and "JSON object" in result.output


def test_recommend_for_without_a_model_says_train_first(files):
    result = CliRunner().invoke(main, ["recommend", "for", "u1", "--model", str(files / "nothing")])
    assert result.exit_code == 1
    assert "shopbot recommend train" in result.output


def test_tags_from_an_orders_file(files):
    orders = [
        {
            "order_id": f"O{n}",
            "customer_id": "loyal-1",
            "date": f"2026-0{m}-0{d}T10:00:00Z",
            "total": 60.0,
            "items": [{"sku": "o1"}],
        }
        for n, (m, d) in enumerate([(1, 5), (2, 3), (3, 4), (4, 2), (5, 6)])
    ] + [
        {
            "order_id": f"P{n}",
            "customer_id": f"once-{n}",
            "date": "2026-01-02T10:00:00Z",
            "total": 20.0 + n,
            "items": [{"sku": "k1"}],
        }
        for n in range(12)
    ]
    (files / "orders.jsonl").write_text("".join(json.dumps(o) + "\n" for o in orders), encoding="utf-8")
    result = CliRunner().invoke(
        main, ["recommend", "tags", "loyal-1", "--orders", str(files / "orders.jsonl"), "--today", "2026-05-10"]
    )
    assert result.exit_code == 0, result.output
    assert result.output.startswith("loyal (")
    assert "5 orders; last order 4 days ago" in result.output
    result = CliRunner().invoke(
        main, ["recommend", "tags", "once-3", "--orders", str(files / "orders.jsonl"), "--today", "2026-05-10"]
    )
    assert "no tags" in result.output


def test_eval_recommend_reads_a_shop_export_with_aliased_columns_and_iso_times(files):
    """A real store's log: CustomerID/StockCode-style names in any case, ISO 8601 times with and without a zone."""
    from datetime import datetime, timedelta, timezone

    inter = make_shop(n_users=30)
    start = datetime(2015, 6, 9, 19, 39, 37)
    lines = ["Customer_ID,Product ID,Quantity,TIMESTAMP"]
    for n, (u, i, t) in enumerate(zip(inter.users, inter.items, inter.times, strict=True)):
        when = start + timedelta(hours=float(t))
        stamp = when.strftime("%Y-%m-%d %H:%M:%S") if n % 2 else when.replace(tzinfo=timezone.utc).isoformat()
        lines.append(f"{u},{i},1,{stamp}")
    (files / "export.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = CliRunner().invoke(
        main,
        [
            "eval",
            "recommend",
            "--interactions",
            str(files / "export.csv"),
            "--split",
            "leave-last-out",
            "--embedder",
            "hashing",
        ],
    )
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["users"] == 30 and data["evaluated_users"]["n"] == 30
    assert {"model", "text_mf", "popularity", "item_item", "selection"} <= set(data)
    assert data["selection"]["winner"] in data["selection"]["candidates"]


def test_eval_recommend_names_the_columns_it_found(files):
    (files / "odd.csv").write_text("who,thing,when\nu1,a,2015-06-09\n", encoding="utf-8")
    result = CliRunner().invoke(
        main, ["eval", "recommend", "--interactions", str(files / "odd.csv"), "--embedder", "hashing"]
    )
    assert result.exit_code == 1
    assert "odd.csv:1: lacks column(s) user, item: found columns 'who', 'thing', 'when'" in result.output
    assert len(result.output.strip().splitlines()) == 1 and "Traceback" not in result.output
