"""Catalog import from Shopify and WooCommerce exports (their documented column layouts) and shopbot's own files."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.config import get_settings
from bot.kb.importers import html_to_text, read_catalog, upsert_products
from bot.kb.knowledge_base import KnowledgeBase

FIXTURES = Path(__file__).parent / "fixtures"
SHOPIFY = FIXTURES / "shopify_products.csv"
WOO = FIXTURES / "woocommerce_products.csv"


def test_shopify_variants_become_sizes_colours_stock_and_a_price_range() -> None:
    result = read_catalog(SHOPIFY, "shopify")
    jacket = result.products["harbor-rain-jacket"]
    assert jacket["name"] == "Harbor Rain Jacket" and jacket["brand"] == "Northwind" and jacket["category"] == "jackets"
    assert jacket["sizes"] == ["S", "M", "L"] and jacket["colors"] == ["Navy", "Olive"]
    assert jacket["stock"] == {"S": 4, "M": 3, "L": 2}  # M: 0 navy + 3 olive
    assert (jacket["price"], jacket["price_max"]) == (89.0, 94.0)
    assert [v["sku"] for v in jacket["variants"]] == ["HRJ-S-NVY", "HRJ-M-NVY", "HRJ-M-OLV", "HRJ-L-OLV"]
    assert jacket["images"] == ["https://cdn.example.com/hrj-navy.jpg", "https://cdn.example.com/hrj-olive.jpg"]
    # HTML turned into text; the HTML comment (internal note) is gone
    assert jacket["description"] == "A waterproof shell with taped seams. Packable hood. Two zip pockets."
    tote = result.products["canvas-tote"]
    assert "sizes" not in tote and "colors" not in tote and tote["stock"] == 12 and tote["price"] == 35.0


def test_shopify_bad_rows_are_reported_by_line_and_the_rest_imported() -> None:
    result = read_catalog(SHOPIFY, "shopify")
    errors = sorted(str(e) for e in result.errors)
    assert errors == [
        f"{SHOPIFY}:10: product orphan-socks: no row with a Title",
        f"{SHOPIFY}:8: Variant Price 'twenty' is not a number",
    ]
    assert result.skipped == ["prototype-scarf (draft)"]
    assert set(result.products) == {"harbor-rain-jacket", "canvas-tote", "wool-beanie"}
    assert result.products["wool-beanie"]["colors"] == ["Red"]  # the refused Grey variant is not invented


def test_woocommerce_variations_join_their_parent_by_id_or_sku() -> None:
    result = read_catalog(WOO, "woocommerce")
    hoodie = result.products["woo-hoodie"]
    assert hoodie["brand"] == "Woo Apparel" and hoodie["category"] == "hoodies"
    assert hoodie["sizes"] == ["S", "M", "L"] and hoodie["colors"] == ["Blue", "Grey"]
    assert hoodie["stock"] == {"S": 6, "M": 0, "L": 2}
    assert (hoodie["price"], hoodie["price_max"]) == (39.0, 48.0)  # the sale price is what the shopper pays
    assert hoodie["description"] == "Brushed-back fleece hoodie with a kangaroo pocket."
    cap = result.products["woo-cap"]
    assert cap["colors"] == ["Black", "Khaki"] and cap["price"] == 18.5 and cap["stock"] == 14
    assert sorted(str(e) for e in result.errors) == [
        f"{WOO}:7: price 'n/a' is not a number",
        f"{WOO}:9: variation's parent id:999 is not in the file",
    ]
    assert result.skipped == ["woo-draft (unpublished)"]


def test_native_jsonl_reports_each_bad_line(tmp_path: Path) -> None:
    f = tmp_path / "p.jsonl"
    f.write_text(
        '{"sku": "A1", "name": "Alpha Tee", "price": 10}\n{not json}\n{"sku": "A2", "price": 5}\n["a list"]\n{"sku": "A3", "name": "Gamma", "price": "cheap"}\n',
        encoding="utf-8",
    )
    result = read_catalog(f, "jsonl")
    assert list(result.products) == ["A1"]
    assert [e.line for e in result.errors] == [2, 3, 4, 5]
    assert "missing name" in str(result.errors[1]) and "is not a number" in str(result.errors[3])


def test_html_to_text_drops_scripts_and_unescapes() -> None:
    assert html_to_text("<p>Soft &amp; warm</p><script>alert(1)</script><style>p{}</style>") == "Soft & warm."


def test_upsert_keeps_order_and_counts_changes(tmp_path: Path) -> None:
    target = tmp_path / "catalog" / "products.jsonl"
    first = upsert_products(
        target, {"A": {"sku": "A", "name": "a", "price": 1.0}, "B": {"sku": "B", "name": "b", "price": 2.0}}
    )
    assert (first.added, first.updated, first.unchanged) == (["A", "B"], [], 0)
    second = upsert_products(
        target,
        {
            "B": {"sku": "B", "name": "b", "price": 2.5},
            "A": {"sku": "A", "name": "a", "price": 1.0},
            "C": {"sku": "C", "name": "c", "price": 3.0},
        },
    )
    assert (second.added, second.updated, second.unchanged) == (["C"], ["B"], 1)
    assert [json.loads(line)["sku"] for line in target.read_text(encoding="utf-8").splitlines()] == ["A", "B", "C"]


@pytest.fixture
def shop_home(tmp_path: Path, knowledge_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("SHOPBOT_HOME", str(tmp_path / "var"))
    monkeypatch.setenv("SHOPBOT_KNOWLEDGE_DIR", str(knowledge_dir))
    monkeypatch.setenv("SHOPBOT_EMBEDDER", "hashing")
    get_settings.cache_clear()
    yield knowledge_dir
    get_settings.cache_clear()


def test_cli_import_then_reimport_reembeds_only_the_changed_product(shop_home: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    first = runner.invoke(main, ["catalog", "import", str(SHOPIFY)])
    assert first.exit_code == 0, first.output
    assert "shopify: 3 products read, 3 added, 0 updated, 0 unchanged, 1 skipped, 2 rows refused" in first.output
    assert f"refused {SHOPIFY}:8: Variant Price 'twenty' is not a number" in first.output
    assert "knowledge base now current" in first.output

    kb = KnowledgeBase(shop_home, Path(get_settings().home) / "kb", embedder="hashing")
    kb.open(build_if_missing=False)
    assert kb.search("Harbor Rain Jacket waterproof", k=1)[0].doc_id == "product:harbor-rain-jacket"

    changed = tmp_path / "export2.csv"
    shutil.copy(SHOPIFY, changed)
    changed.write_text(
        changed.read_text(encoding="utf-8").replace("Heavy cotton canvas", "Heavy organic cotton canvas"),
        encoding="utf-8",
    )
    second = runner.invoke(main, ["catalog", "import", str(changed), "--format", "shopify"])
    assert second.exit_code == 0, second.output
    assert "3 products read, 0 added, 1 updated, 2 unchanged" in second.output
    assert ", 1 embedded," in second.output  # only the changed product's chunk needed the embedder
    catalog = [
        json.loads(line) for line in (shop_home / "catalog" / "products.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    assert len(catalog) == 4 + 3  # the shop's own four products stay
    assert next(p for p in catalog if p["sku"] == "canvas-tote")["description"].startswith(
        "Heavy organic cotton canvas"
    )

    again = runner.invoke(main, ["catalog", "import", str(changed), "--strict"])
    assert again.exit_code == 1  # rows were refused
    assert "0 added, 0 updated, 3 unchanged" in again.output and "knowledge base now current" not in again.output


def test_cli_refuses_a_file_with_no_usable_product(shop_home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text("Handle,Title,Variant Price\nx,,1\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["catalog", "import", str(bad)])
    assert result.exit_code == 1
    assert "no product could be imported" in result.output


def test_cli_names_the_columns_it_found(shop_home: Path, tmp_path: Path) -> None:
    bad = tmp_path / "other.csv"
    bad.write_text("id,title,cost\n1,Tee,3\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["catalog", "import", str(bad), "--format", "shopify"])
    assert result.exit_code == 1
    assert "missing column(s) Handle, Title (found: id, title, cost)" in result.output


def test_cli_woocommerce_reimport_with_one_variation_repriced_reembeds_only_that_product(
    shop_home: Path, tmp_path: Path
) -> None:
    runner = CliRunner()
    first = runner.invoke(main, ["catalog", "import", str(WOO)])
    assert first.exit_code == 0, first.output
    assert "woocommerce: 2 products read, 2 added, 0 updated, 0 unchanged, 1 skipped, 2 rows refused" in first.output
    assert f"refused {WOO}:7: price 'n/a' is not a number" in first.output

    changed = tmp_path / "woo2.csv"
    # the hoodie's M / Grey variation goes on sale at 35 instead of 39: the product's lowest price changes
    changed.write_text(WOO.read_text(encoding="utf-8").replace(",39,45,", ",35,45,"), encoding="utf-8")
    second = runner.invoke(main, ["catalog", "import", str(changed)])
    assert second.exit_code == 0, second.output
    assert "2 products read, 0 added, 1 updated, 1 unchanged" in second.output
    # a new price changes the chunk's text (its facts, BM25) but not its vector: a product's dense row embeds its
    # words without its numbers (bot.kb.builder.dense_text), so a price update embeds nothing
    assert "(10 chunks, 0 embedded," in second.output
    catalog = {
        p["sku"]: p
        for p in map(json.loads, (shop_home / "catalog" / "products.jsonl").read_text(encoding="utf-8").splitlines())
    }
    assert (catalog["woo-hoodie"]["price"], catalog["woo-hoodie"]["price_max"]) == (35.0, 48.0)
    assert catalog["woo-cap"]["price"] == 18.5
