"""The Northwind Threads demo store: deterministic generator, valid catalog and seed data, tidy pages."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from datetime import date, datetime
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "make_demo_store.py"
KNOWLEDGE = ROOT / "knowledge"
GENERATED = [
    "catalog/products.jsonl",
    "_seed/customers.jsonl",
    "_seed/orders.jsonl",
    "_seed/interactions.jsonl",
]
CUTOFF = date(2026, 11, 29)
ONTOLOGY_BRANDS = {"Calvin Klein", "Guess", "Michael Kors", "Tommy Hilfiger"}
ONTOLOGY_TYPES = {"jeans", "shirt", "jacket", "boots"}
ORDER_STATUSES = {"placed", "processing", "shipped", "delivered", "cancelled", "returned"}
INTERACTION_TYPES = {"view", "click", "purchase", "cart"}
MEMBERSHIP = {"guest", "bronze", "silver", "gold"}


def run_script(*args: str) -> subprocess.CompletedProcess[str]:
    """Run the generator in a fresh interpreter."""
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args], capture_output=True, text=True, timeout=120, check=False
    )


def read_jsonl(path: Path) -> list[dict]:
    """Every object of a JSON Lines file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The generator run twice into two fresh folders."""
    first = tmp_path_factory.mktemp("first")
    second = tmp_path_factory.mktemp("second")
    for out in (first, second):
        result = run_script("--out", str(out))
        assert result.returncode == 0, result.stderr
    return first, second


@pytest.fixture(scope="module")
def products() -> list[dict]:
    """The committed catalog."""
    return read_jsonl(KNOWLEDGE / "catalog" / "products.jsonl")


@pytest.fixture(scope="module")
def customers() -> list[dict]:
    """The committed sample customers."""
    return read_jsonl(KNOWLEDGE / "_seed" / "customers.jsonl")


@pytest.fixture(scope="module")
def orders() -> list[dict]:
    """The committed sample orders."""
    return read_jsonl(KNOWLEDGE / "_seed" / "orders.jsonl")


@pytest.fixture(scope="module")
def interactions() -> list[dict]:
    """The committed sample interactions."""
    return read_jsonl(KNOWLEDGE / "_seed" / "interactions.jsonl")


# --- the generator ----------------------------------------------------------------------


def test_help_works() -> None:
    result = run_script("--help")
    assert result.returncode == 0
    assert "--out" in result.stdout


@pytest.mark.parametrize("rel", GENERATED)
def test_two_runs_give_identical_bytes(generated: tuple[Path, Path], rel: str) -> None:
    first, second = generated
    assert (first / rel).read_bytes() == (second / rel).read_bytes()


@pytest.mark.parametrize("rel", GENERATED)
def test_committed_files_match_the_generator(generated: tuple[Path, Path], rel: str) -> None:
    first, _ = generated
    assert (KNOWLEDGE / rel).read_bytes() == (first / rel).read_bytes(), (
        f"knowledge/{rel} is stale: run `python scripts/make_demo_store.py` and commit the result"
    )


def test_generator_writes_only_the_generated_files(generated: tuple[Path, Path]) -> None:
    first, _ = generated
    written = sorted(str(p.relative_to(first)) for p in first.rglob("*") if p.is_file())
    assert written == sorted(GENERATED)


def test_knowledge_folder_is_small() -> None:
    total = sum(p.stat().st_size for p in KNOWLEDGE.rglob("*") if p.is_file())
    assert total < 3 * 1024 * 1024


# --- the catalog ------------------------------------------------------------------------


def test_catalog_has_enough_products_with_unique_skus(products: list[dict]) -> None:
    assert len(products) >= 300
    skus = [p["sku"] for p in products]
    assert len(set(skus)) == len(skus)
    for sku in skus:
        assert re.fullmatch(r"[A-Z]{2}-[A-Z]{2}-\d{4}", sku), sku
    names = [p["name"] for p in products]
    assert len(set(names)) == len(names)


def test_every_product_has_the_required_fields_and_types(products: list[dict]) -> None:
    for p in products:
        where = p.get("sku")
        assert isinstance(p["sku"], str) and p["sku"], where
        for key in ("name", "brand", "category", "description", "material"):
            assert isinstance(p[key], str) and p[key].strip(), (where, key)
        assert isinstance(p["sizes"], list) and p["sizes"] and all(isinstance(s, str) for s in p["sizes"]), where
        assert isinstance(p["colors"], list) and p["colors"] and all(isinstance(c, str) for c in p["colors"]), where
        assert isinstance(p["price"], float) and p["price"] > 0, where
        assert round(p["price"], 2) == p["price"], where
        assert p["currency"] == "USD", where
        assert isinstance(p["stock"], dict), where
        assert list(p["stock"]) == p["sizes"], where
        assert all(isinstance(q, int) and not isinstance(q, bool) and q >= 0 for q in p["stock"].values()), where
        assert p["in_stock"] is any(q > 0 for q in p["stock"].values()), where
        assert isinstance(p["rating"], float) and 1.0 <= p["rating"] <= 5.0, where
        assert isinstance(p["tags"], list) and p["tags"] and all(isinstance(t, str) for t in p["tags"]), where


def test_catalog_covers_the_ontology_brands_and_types(products: list[dict]) -> None:
    pairs = {(p["brand"], p["category"]) for p in products}
    for brand in ONTOLOGY_BRANDS:
        for kind in ONTOLOGY_TYPES:
            assert (brand, kind) in pairs, (brand, kind)
    core = sum(1 for p in products if p["brand"] in ONTOLOGY_BRANDS)
    assert core >= len(products) // 2


def test_catalog_has_some_sold_out_products_and_gaps(products: list[dict]) -> None:
    assert any(not p["in_stock"] for p in products)
    assert any(p["in_stock"] and 0 in p["stock"].values() for p in products)


def test_descriptions_are_varied(products: list[dict]) -> None:
    descriptions = [p["description"] for p in products]
    assert len(set(descriptions)) == len(descriptions)
    for d in descriptions:
        assert 1 <= len(re.findall(r"[.!?](\s|$)", d)) <= 3, d
        assert "{" not in d and "}" not in d, d


def test_tags_give_a_recommender_structure(products: list[dict]) -> None:
    tags = {t for p in products for t in p["tags"]}
    for tag in ("outerwear", "formal", "casual", "winter", "tops", "bottoms", "footwear", "gift"):
        assert tag in tags, tag


# --- customers, orders, interactions ----------------------------------------------------


def test_customers(customers: list[dict]) -> None:
    assert 50 <= len(customers) <= 80
    ids = [c["id"] for c in customers]
    assert len(set(ids)) == len(ids)
    for c in customers:
        assert re.fullmatch(r"c\d{3}", c["id"])
        for key in ("name", "email", "phone", "city", "country", "language"):
            assert isinstance(c[key], str) and c[key], (c["id"], key)
        assert c["membership"] in MEMBERSHIP
        assert isinstance(c["personalization"], bool)
        assert c["telegram_id"] is None
        assert date(2026, 1, 1) <= date.fromisoformat(c["first_seen"]) < CUTOFF
        assert c["email"].split("@")[1] in {"example.com", "example.org", "example.net"}
    assert {c["membership"] for c in customers} == MEMBERSHIP
    assert {c["personalization"] for c in customers} == {True, False}


def test_orders_reference_customers_and_products(
    orders: list[dict], customers: list[dict], products: list[dict]
) -> None:
    assert 150 <= len(orders) <= 250
    customer_ids = {c["id"] for c in customers}
    by_sku = {p["sku"]: p for p in products}
    order_ids = [o["order_id"] for o in orders]
    assert len(set(order_ids)) == len(order_ids)
    for o in orders:
        assert re.fullmatch(r"ORD-\d{5}", o["order_id"])
        assert o["customer_id"] in customer_ids
        assert o["status"] in ORDER_STATUSES
        assert o["items"]
        for it in o["items"]:
            product = by_sku[it["sku"]]
            assert it["size"] in product["sizes"], (o["order_id"], it)
            assert it["color"] in product["colors"], (o["order_id"], it)
            assert isinstance(it["qty"], int) and it["qty"] >= 1
            assert isinstance(it["price"], float) and it["price"] > 0


def test_order_totals_equal_the_sum_of_items(orders: list[dict]) -> None:
    for o in orders:
        assert o["total"] == round(sum(it["qty"] * it["price"] for it in o["items"]), 2), o["order_id"]
        assert o["currency"] == "USD"


def test_order_dates_statuses_and_tracking(orders: list[dict]) -> None:
    assert {o["status"] for o in orders} == ORDER_STATUSES
    for o in orders:
        when = datetime.fromisoformat(o["date"].replace("Z", "+00:00"))
        assert when.year == 2026 and when.date() < CUTOFF, o["order_id"]
        if o["status"] in ("shipped", "delivered"):
            assert o["tracking_number"] and o["carrier"] and o["estimated_delivery"], o["order_id"]
        if o["carrier"] == "UPS" and o["tracking_number"]:
            assert re.fullmatch(r"1Z[0-9A-Z]{16}", o["tracking_number"])
        if o["status"] == "cancelled":
            assert o["tracking_number"] is None
        assert o["shipping_method"] in {"economy", "standard", "overnight", "international"}


def test_shipping_costs_follow_the_policy(orders: list[dict], customers: list[dict]) -> None:
    level = {c["id"]: c["membership"] for c in customers}
    for o in orders:
        if o["status"] == "cancelled":
            continue
        method, fee, total = o["shipping_method"], o["shipping_cost"], o["total"]
        if method == "standard":
            assert fee == (0.0 if total >= 75 else 8.0), o["order_id"]
        elif method == "economy":
            assert fee == 5.0
        elif method == "overnight":
            assert fee == (0.0 if level[o["customer_id"]] == "gold" else 20.0)
        else:
            free = total >= 200 or level[o["customer_id"]] == "gold"
            assert fee == (0.0 if free else 25.0)


def test_interactions(interactions: list[dict], customers: list[dict], products: list[dict]) -> None:
    assert 1500 <= len(interactions) <= 2500
    customer_ids = {c["id"] for c in customers}
    skus = {p["sku"] for p in products}
    for e in interactions:
        assert e["customer_id"] in customer_ids
        assert e["sku"] in skus
        assert e["type"] in INTERACTION_TYPES
        when = datetime.fromisoformat(e["timestamp"].replace("Z", "+00:00"))
        assert when.year == 2026 and when.date() < CUTOFF
        if "rating" in e:
            assert e["rating"] in {1, 2, 3, 4, 5}
    assert {e["type"] for e in interactions} == INTERACTION_TYPES


def test_customers_have_coherent_tastes(interactions: list[dict], products: list[dict]) -> None:
    """Most customers concentrate on a few categories, so personalisation has signal."""
    category = {p["sku"]: p["category"] for p in products}
    per_customer: dict[str, dict[str, int]] = {}
    for e in interactions:
        counts = per_customer.setdefault(e["customer_id"], {})
        counts[category[e["sku"]]] = counts.get(category[e["sku"]], 0) + 1
    focused = 0
    for counts in per_customer.values():
        top3 = sum(sorted(counts.values(), reverse=True)[:3])
        if top3 / sum(counts.values()) >= 0.7:
            focused += 1
    assert focused >= 0.75 * len(per_customer)


def test_purchases_match_orders(interactions: list[dict], orders: list[dict]) -> None:
    bought = {(o["customer_id"], it["sku"]) for o in orders if o["status"] != "cancelled" for it in o["items"]}
    purchases = {(e["customer_id"], e["sku"]) for e in interactions if e["type"] == "purchase"}
    assert purchases == bought


# --- the pages --------------------------------------------------------------------------

FRONT = re.compile(r"\A---\n(.*?)\n---\n", re.DOTALL)


def markdown_files() -> list[Path]:
    """Every Markdown file under knowledge/."""
    return sorted(KNOWLEDGE.rglob("*.md"))


def front_matter(path: Path) -> dict[str, str]:
    """The raw key/value lines of a file's front matter."""
    m = FRONT.match(path.read_text(encoding="utf-8"))
    assert m, f"{path} has no front matter"
    meta = {}
    for line in m.group(1).splitlines():
        key, _, value = line.partition(":")
        meta[key.strip()] = value.strip()
    return meta


def test_markdown_pages_exist() -> None:
    names = {str(p.relative_to(KNOWLEDGE)) for p in markdown_files()}
    for needed in (
        "policies/contact.md",
        "policies/returns.md",
        "policies/refunds.md",
        "policies/exchanges.md",
        "policies/shipping.md",
        "policies/orders.md",
        "policies/membership.md",
        "policies/payments.md",
        "policies/account.md",
        "policies/promotions.md",
        "policies/pricing.md",
        "ATTRIBUTION.md",
    ):
        assert needed in names, needed


@pytest.mark.parametrize("path", markdown_files(), ids=lambda p: str(p.relative_to(KNOWLEDGE)))
def test_every_markdown_file_has_front_matter(path: Path) -> None:
    meta = front_matter(path)
    assert meta.get("title"), path
    assert meta.get("category"), path
    tags = meta.get("tags", "")
    assert tags.startswith("[") and tags.endswith("]"), path
    assert meta.get("source"), path


def test_faq_has_enough_questions() -> None:
    questions = [
        line
        for p in sorted((KNOWLEDGE / "faq").glob("*.md"))
        for line in p.read_text(encoding="utf-8").splitlines()
        if line.startswith("## ")
    ]
    assert len(questions) >= 40
    assert len(set(questions)) == len(questions)


def test_contact_facts_are_consistent() -> None:
    """The contact page's phone and e-mail are the only ones any page states."""
    contact = (KNOWLEDGE / "policies" / "contact.md").read_text(encoding="utf-8")
    emails = set(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", contact))
    phones = set(re.findall(r"\d-\d{3}-\d{3}-\d{4}", contact))
    assert emails == {"support@northwindthreads.example"}
    assert phones == {"1-800-555-0142"}
    for path in markdown_files():
        text = path.read_text(encoding="utf-8")
        assert set(re.findall(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+", text)) <= emails, path
        assert set(re.findall(r"\(?\d{3}\)?[ -]\d{3}-\d{4}", text)) <= {"800-555-0142"}, path


def test_store_name_is_consistent() -> None:
    for path in markdown_files():
        text = path.read_text(encoding="utf-8")
        assert "AcmeCorp" not in text and "Acme" not in text, path
    assert "Northwind Threads" in (KNOWLEDGE / "policies" / "contact.md").read_text(encoding="utf-8")


def sections(path: Path) -> list[tuple[str, str]]:
    """(heading, body) for every `##`/`###` section of a page, front matter removed."""
    body = FRONT.sub("", path.read_text(encoding="utf-8"), count=1)
    parts = re.split(r"^(#{2,3} .*)$", body, flags=re.MULTILINE)
    return [(parts[i].strip(), parts[i + 1].strip()) for i in range(1, len(parts), 2)]


def content_pages() -> list[Path]:
    """The indexed Markdown pages (policies and FAQ)."""
    return sorted([*(KNOWLEDGE / "policies").glob("*.md"), *(KNOWLEDGE / "faq").glob("*.md")])


@pytest.mark.parametrize("path", content_pages(), ids=lambda p: str(p.relative_to(KNOWLEDGE)))
def test_sections_are_focused(path: Path) -> None:
    """Each section is one retrievable chunk: long enough to answer, short enough to be precise."""
    found = sections(path)
    assert found, path
    for heading, body in found:
        assert 100 <= len(body) <= 600, (heading, len(body))


def shipping_lists() -> tuple[str, str]:
    """The text of the 'where we ship' sections and of the 'where we do not ship' section."""
    served, excluded = [], []
    for heading, body in sections(KNOWLEDGE / "policies" / "shipping.md"):
        if heading.startswith("## Where we ship"):
            served.append(body)
        elif heading.startswith("## Where we do not ship"):
            excluded.append(body)
    assert served and excluded
    return "\n".join(served), "\n".join(excluded)


def test_the_uk_is_not_a_shipping_destination() -> None:
    served, excluded = shipping_lists()
    assert "United Kingdom" in excluded
    assert "United Kingdom" not in served
    faq = (KNOWLEDGE / "faq" / "orders-and-shipping.md").read_text(encoding="utf-8")
    assert "## Do you ship to the UK?" in faq


def test_orders_only_ship_where_the_policy_ships(orders: list[dict], customers: list[dict]) -> None:
    served, _ = shipping_lists()
    for c in customers:
        if c["country"] != "United States":
            assert c["country"] in served, c["id"]
    for o in orders:
        country = o["ship_to"]["country"]
        assert country == "United States" or country in served, o["order_id"]
        assert (o["shipping_method"] == "international") == (country != "United States"), o["order_id"]


def test_the_kb_loader_reads_the_store() -> None:
    """The files load with shopbot's own loader: every page has a title, every product is a product."""
    from bot.kb.sources import iter_source_files, load_documents

    docs = load_documents(KNOWLEDGE)
    pages = [d for d in docs if d.kind == "page"]
    product_docs = [d for d in docs if d.kind == "product"]
    assert len(product_docs) == len(read_jsonl(KNOWLEDGE / "catalog" / "products.jsonl"))
    assert {d.source for d in pages} == {str(p.relative_to(KNOWLEDGE)) for p in content_pages()}
    assert all(d.title and d.metadata.get("category") for d in pages)
    assert not any("_seed" in str(p) for p in iter_source_files(KNOWLEDGE))
