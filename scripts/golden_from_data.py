#!/usr/bin/env python3
"""Write golden cases derived from the demo store's data (catalog, seeded orders and customers).

Every expectation is computed from knowledge/catalog/products.jsonl and knowledge/_seed/*.jsonl, so the
cases stay true when the data is regenerated. Usage: scripts/golden_from_data.py [--out tests/golden]
(writes discovery.jsonl, own_orders.jsonl, followups.jsonl, catalog_answers.jsonl and, from
scripts/golden_catalog_more.py, catalog_more.jsonl; the other golden files are
hand-written).
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections import defaultdict
from pathlib import Path

from golden_catalog_more import catalog_more

ROOT = Path(__file__).resolve().parent.parent
ACTIVE = ("placed", "processing", "shipped")
LATE = r"\b(late|overdue|delayed|(has|have) passed|should have (arrived|been delivered))\b"  # said of a shipped order past its estimate
PLURAL = {"jeans": "jeans", "chinos": "chinos", "jacket": "jackets", "coat": "coats", "boots": "boots", "shirt": "shirts",
          "t-shirt": "t-shirts", "sweater": "sweaters", "dress": "dresses"}


def load(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def case(turns: list[str], *, customer: str | None = None, **expect: object) -> dict:
    row: dict = {"turns": turns, "expect": {k: v for k, v in expect.items() if v is not None}}
    if customer:
        row["customer"] = customer
    return row


def in_stock(p: dict, size: str | None = None) -> bool:
    stock = p.get("stock") or {}
    return any(int(q) > 0 for s, q in stock.items() if size is None or s == size)


def discovery(products: list[dict], rng: random.Random) -> list[dict]:
    out = []
    by_cat = defaultdict(list)
    for p in products:
        by_cat[p["category"]].append(p)
    for cat, plural in PLURAL.items():
        items = by_cat[cat]
        cheapest = min(items, key=lambda p: (p["price"], p["sku"]))
        dearest = max(items, key=lambda p: (p["price"], p["sku"]))
        out.append(case([f"What's the cheapest {plural} you have?"], sources=[f"product:{cheapest['sku']}"],
                        must_include=[cheapest["name"], f"{cheapest['price']:.2f}"], handoff=False))
        out.append(case([f"show me your most expensive {plural}"], sources=[f"product:{dearest['sku']}"],
                        must_include=[dearest["name"], f"{dearest['price']:.2f}"], handoff=False))
    # a budget and a size: every shown product must meet them; the expectation is the cheapest that does
    for cat, size, budget in (("jacket", "M", 80), ("jeans", "32", 90), ("sweater", "L", 70), ("shirt", "S", 60), ("boots", "9", 150), ("dress", "M", 100)):
        fits = sorted((p for p in by_cat[cat] if p["price"] <= budget and in_stock(p, size)), key=lambda p: (p["price"], p["sku"]))
        too_dear = [p["name"] for p in by_cat[cat] if p["price"] > budget][:2]
        if fits:
            out.append(case([f"any {PLURAL[cat]} under ${budget} in stock in size {size}? cheapest first"], sources=[f"product:{fits[0]['sku']}"],
                            must_include=[fits[0]["name"]], must_not_include=too_dear + ["Recommended for you"], handoff=False))
        else:
            out.append(case([f"any {PLURAL[cat]} under ${budget} in stock in size {size}?"], must_include=["don't have any"], handoff=False))
    # brand + category, best rated
    for brand, cat in (("Calvin Klein", "jeans"), ("Tommy Hilfiger", "shirt"), ("Guess", "jacket"), ("Michael Kors", "boots"), ("Gap", "chinos")):
        items = [p for p in by_cat[cat] if p["brand"] == brand]
        if not items:
            continue
        best = sorted(items, key=lambda p: (-p["rating"], p["price"], p["sku"]))[0]
        out.append(case([f"best rated {brand} {PLURAL[cat]}?"], sources=[f"product:{best['sku']}"], must_include=[best["name"]], handoff=False))
    # colour + gender
    for colour, gender, cat in (("navy", "men's", "sweater"), ("black", "women's", "boots"), ("olive", "men's", "jacket"), ("burgundy", "women's", "dress")):
        g = gender.split("'")[0]
        items = [p for p in by_cat[cat] if p["gender"] in (g, "unisex") and any(colour in c for c in p["colors"])]
        if items:
            # one of the products that has the colour, named (a brand word alone is no answer), and not the other gender's
            other = " Men's" if g == "women" else "Women's"
            out.append(case([f"do you have {gender} {PLURAL[cat]} in {colour}?"], must_include=[items[0]["name"].split(" ")[0]], must_not_include=["don't carry", other],
                            must_include_any=[[p["name"] for p in items]], handoff=False))
        else:
            out.append(case([f"do you have {gender} {PLURAL[cat]} in {colour}?"], must_include=["don't have any"], handoff=False))
    # what the shop does not carry: said plainly, no recommendation line
    for brand in ("Adidas", "Nike", "Levi's", "Zara", "Patagonia", "Ralph Lauren"):
        out.append(case([f"Do you carry {brand}?"], must_include=[f"don't carry {brand}"], must_not_include=["Recommended for you"], no_recommendation=True, handoff=False))
    for thing, near in (("sunglasses", None), ("sneakers", "boots"), ("handbags", None), ("swimwear", None), ("shorts", "chinos"), ("watches", None)):
        out.append(case([f"Do you sell {thing}?"], must_include=[f"don't sell {thing}"] + (["nearest"] if near else []),
                        must_not_include=["Recommended for you"], no_recommendation=True, handoff=False))
    out.append(case(["Do you have Adidas sneakers under $100?"], must_include=["don't carry Adidas", "don't sell sneakers"], must_not_include=["Recommended for you"],
                    no_recommendation=True, handoff=False))
    # comparisons
    pairs = [(by_cat["coat"][0], by_cat["jacket"][0]), (by_cat["jeans"][0], by_cat["jeans"][1]), (by_cat["sweater"][0], by_cat["sweater"][1]), (by_cat["boots"][0], by_cat["boots"][1])]
    for a, b in pairs:
        if a["price"] == b["price"]:
            continue
        cheap = a if a["price"] < b["price"] else b
        out.append(case([f"Which is cheaper, the {a['name']} or the {b['name']}?"], must_include=[f"The {cheap['name']} ({cheap['price']:.2f} USD) is cheaper", f"{a['price']:.2f}", f"{b['price']:.2f}"], handoff=False))
    return out


def own_orders(orders: list[dict], customers: dict[str, dict], products: dict[str, dict]) -> list[dict]:
    """A known customer's own orders. Every answer names only the order asked about and carries no recommendation
    line; a shipped order past its estimated delivery (the data's "today" is its newest order date) is said to be late."""
    out = []
    today = max(o["date"][:10] for o in orders)
    by_customer = defaultdict(list)
    for o in orders:
        by_customer[o["customer_id"]].append(o)
    one = lambda o: {"only_orders": [o["order_id"]], "no_recommendation": True}  # noqa: E731
    late = lambda o: [LATE] if o["status"] == "shipped" and o["estimated_delivery"] < today else None  # noqa: E731
    singles = [(c, [o for o in os if o["status"] in ACTIVE]) for c, os in sorted(by_customer.items())]
    singles = [(c, act[0]) for c, act in singles if len(act) == 1]
    for c, o in singles[:6]:
        out.append(case(["when will my order arrive?"], customer=c, sources=[f"order:{o['order_id']}"], must_include=[o["estimated_delivery"]],
                        must_match=late(o), handoff=False, **one(o)))
        if o.get("carrier") and o["status"] == "shipped":
            out.append(case(["which courier is my order with?"], customer=c, must_include=[o["carrier"], o["tracking_number"]], handoff=False, **one(o)))
    for c, o in singles[6:10]:
        item = o["items"][0]
        category = products.get(item["sku"], {}).get("category", "")
        noun = {"t-shirt": "t-shirt", "jeans": "jeans", "chinos": "chinos", "boots": "boots", "accessories": item["name"].split()[-1].lower()}.get(category, category)
        if noun:
            some = "some" if noun in ("jeans", "chinos", "boots") or noun.endswith("s") and not noun.endswith("ss") else "a"
            # "when does it get here": the order found by its item, and its estimated delivery
            out.append(case([f"I bought {some} {noun} recently, when does it get here?"], customer=c,
                            sources=[f"order:{o['order_id']}"], must_include=[o["order_id"], o["estimated_delivery"]], must_not_include=["not sure"],
                            must_match=late(o), handoff=False, **one(o)))
    # contents (every item, not the first only) and totals by number
    for o in orders[:6]:
        out.append(case([f"what was in my order {o['order_id']}?"], customer=o["customer_id"], must_include=[i["name"] for i in o["items"]], handoff=False, **one(o)))
        out.append(case([f"how much did I pay for {o['order_id']}?"], customer=o["customer_id"], must_include=[f"{o['total']:.2f}"], handoff=False, **one(o)))
    # address changes and cancellations answered from the order policy and the order's status
    for status, phrase, want in (("processing", "Can I still change the delivery address on my order", "can change the shipping address"),
                                 ("shipped", "Can I change the address on my order", "can no longer be changed")):
        for o in [o for o in orders if o["status"] == status][:2]:
            out.append(case([f"{phrase} {o['order_id']}?"], customer=o["customer_id"], must_include=[want], must_match=[rf"\b{o['status']}\b"], handoff=False, **one(o)))
    for o in [o for o in orders if o["status"] in ("processing", "placed")][:2]:
        # "what happens?": not shipped, so it is cancelled and refunded right away (policies/orders)
        out.append(case([f"can I cancel order {o['order_id']}? what happens?"], customer=o["customer_id"], must_include=["not yet shipped", "refund"], handoff=False, **one(o)))
    # several active orders: each one with its own status, never another customer's order
    many = [(c, [o for o in os if o["status"] in ACTIVE]) for c, os in sorted(by_customer.items())]
    for c, act in [(c, a) for c, a in many if len(a) >= 2][:3]:
        out.append(case(["where is my order?"], customer=c, must_include=[a["order_id"] for a in act],
                        must_match=[rf"{a['order_id']}\b[^.\n]*\b{a['status']}\b" for a in act], only_orders=[a["order_id"] for a in act],
                        no_recommendation=True, handoff=False))
    return out


def followups(products: list[dict], orders: list[dict]) -> list[dict]:
    out = []
    rng = random.Random(7)
    sample = rng.sample(products, 8)
    for p in sample:
        have = p["colors"][0]
        missing = next(c for c in ("navy", "black", "olive", "burgundy", "white", "grey") if not any(c in x for x in p["colors"]))
        # a colour asked, not a size ("medium wash" is no size M)
        out.append(case([f"How much is the {p['name']}?", f"and in {have}?"], sources=[f"product:{p['sku']}"], must_include=["Yes", have],
                        must_not_include=["doesn't come in size"], handoff=False))
        out.append(case([f"Tell me the price of the {p['name']}", f"does it come in {missing}?"], sources=[f"product:{p['sku']}"], must_include=[f"doesn't come in {missing}"], handoff=False))
    for o in [o for o in orders if o["status"] == "shipped"][:4]:
        one = {"only_orders": [o["order_id"]], "no_recommendation": True}
        out.append(case([f"where is my order {o['order_id']}?", "which courier is it with?"], customer=o["customer_id"], must_include=[o["carrier"]], handoff=False, **one))
        out.append(case([f"status of {o['order_id']} please", "and what's the tracking number?"], customer=o["customer_id"], must_include=[o["tracking_number"]], handoff=False, **one))
    for cat in ("chinos", "sweater", "coat", "shirt"):
        items = [p for p in products if p["category"] == cat and any("navy" in c for c in p["colors"])]
        if not items:
            continue
        cheapest = min(items, key=lambda p: (p["price"], p["sku"]))
        out.append(case([f"What are your cheapest {PLURAL[cat]}?", "and in navy?"], sources=[f"product:{cheapest['sku']}"],
                        must_include=[cheapest["name"], f"{cheapest['price']:.2f}"], handoff=False))
    return out


def care(p: dict) -> str:
    m = re.search(r"\bCare: ([^.;]+)", p["description"])
    return m.group(1).strip() if m else ""


def water(p: dict) -> bool:
    return bool(re.search(r"waterproof|water-resistant|water-repellent", json.dumps(p), re.I))


def catalog_answers(products: list[dict]) -> list[dict]:
    """Attribute questions (yes from the data, "doesn't mention" when it is silent), follow-ups on a shown list,
    a stated gender, and constraints the data cannot meet or check."""
    out = []
    by_cat = defaultdict(list)
    for p in products:
        by_cat[p["category"]].append(p)
    src = lambda p: [f"product:{p['sku']}"]  # noqa: E731
    # attributes of a named product, asked in the same message or as a follow-up
    for p in [p for p in products if "waterproof" in p["material"].lower()][:2]:
        out.append(case([f"Is the {p['name']} waterproof?"], sources=src(p), must_include=["Yes"], handoff=False))
    for p in [p for p in by_cat["jacket"] if not water(p)][:2]:
        out.append(case([f"Is the {p['name']} waterproof?"], sources=src(p), must_include=["doesn't mention"], must_not_include=["Yes,"], handoff=False))
    for p in [p for p in products if "full lining" in p["description"]][:2]:
        out.append(case([f"How much is the {p['name']}?", "is it lined?"], sources=src(p), must_include=["Yes", "lining"], handoff=False))
    for p in [p for p in by_cat["jacket"] if not re.search(r"lin(ed|ing)", json.dumps(p), re.I)][:1]:
        out.append(case([f"How much is the {p['name']}?", "is it lined?"], sources=src(p), must_include=["doesn't mention a lining", p["material"]], must_not_include=["Yes,"], handoff=False))
    for p in [p for p in by_cat["boots"] if re.search(r"wide width", json.dumps(p), re.I)][:2]:
        out.append(case([f"Tell me about the {p['name']}", "do they come in wide width?"], sources=src(p), must_include=["Yes", "wide width"], handoff=False))
    for p in [p for p in by_cat["boots"] if not re.search(r"wide", json.dumps(p), re.I)][:1]:
        out.append(case([f"Tell me about the {p['name']}", "do they come in wide width?"], sources=src(p), must_include=["doesn't mention a wide width"], must_not_include=["Yes,"], handoff=False))
    for p in [p for p in products if "pre-shrunk" in json.dumps(p).lower()][:1]:
        out.append(case([f"How much is the {p['name']}?", "will it shrink?"], sources=src(p), must_include=["pre-shrunk"], handoff=False))
    for p in [p for p in by_cat["jeans"] if "shrunk" not in json.dumps(p).lower()][:1]:
        # the listing is silent, but the care FAQ answers for stretch denim ("Stretch denim barely shrinks")
        stretch = "stretch" in p["tags"] or "elastane" in p["material"]
        out.append(case([f"How much is the {p['name']}?", "will they shrink?"], sources=src(p), must_include=["doesn't mention"], must_not_include=["Yes,"],
                        must_include_any=[["barely shrink", "hardly shrink"]] if stretch else None, handoff=False))
    for p in [p for p in products if care(p).startswith("machine wash")][:2]:
        out.append(case([f"Is the {p['name']} machine washable?"], sources=src(p), must_include=["Yes", care(p)], handoff=False))
    for p in [p for p in products if care(p).startswith(("hand wash", "dry clean"))][:2]:
        # the care line answers it: a plain no, not "the listing doesn't mention machine washing"
        out.append(case([f"How much is the {p['name']}?", "is it machine washable?"], sources=src(p), must_include=[care(p)], must_not_include=["Yes,", "doesn't mention"],
                        must_match=[r"\b(no|not|isn't)\b"], handoff=False))
    # follow-ups on the list just shown: "the cheapest <kind>" lists them by price
    for cat in ("coat", "sweater", "jacket"):
        shown = sorted(by_cat[cat], key=lambda p: (p["price"], p["sku"]))[:3]
        best = sorted(shown, key=lambda p: (-p["rating"], p["price"], p["sku"]))[0]
        out.append(case([f"show me your cheapest {PLURAL[cat]}", "which of those is best rated?"], sources=src(best), must_include=[best["name"]], handoff=False))
        second = shown[1]
        colour = "navy"
        has_it = [c for c in second["colors"] if colour in c]
        out.append(case([f"show me your cheapest {PLURAL[cat]}", f"the second one in {colour}?"], sources=src(second),
                        must_include=[second["name"], "Yes" if has_it else f"doesn't come in {colour}"], handoff=False))
        dear = sorted(by_cat[cat], key=lambda p: (-p["price"], p["sku"]))[:3]
        budget = int(min(p["price"] for p in dear)) - 1
        out.append(case([f"show me your most expensive {PLURAL[cat]}", f"any of them under ${budget}?"], must_include=["None of the 3 I showed"],
                        must_not_include=[p["name"] for p in dear], handoff=False))
    # a stated gender is a filter; a women's product never answers a men's search, nor the reverse (" Men's" with
    # its space: "Women's" holds "men's", and the check ignores case)
    for text, other in (("winter boots for men size 9", "Women's"), ("women's jackets in size M", " Men's"), ("men's sweaters under $100", "Women's")):
        out.append(case([text], must_not_include=[other], handoff=False))
    # constraints the data cannot meet or check are said, not dropped
    # the size guide gives the standard inseam (32 inches for men's jeans): that answers it
    out.append(case(["men's jeans with a 32 inseam"], must_include=["don't record the inseam"], must_not_include=["Women's"],
                    must_include_any=[["32 inches", "32-inch", "32 inch"]], handoff=False))
    if not any(care(p).startswith("machine wash") for p in by_cat["sweater"]):
        out.append(case(["machine washable sweaters?"], must_include=["don't have any machine washable sweaters"], handoff=False))
    # a style word of the names filters; a fit range no listing mentions is said
    skinny = sorted((p for p in by_cat["jeans"] if "skinny" in p["name"].lower() and p["price"] <= 80), key=lambda p: (p["price"], p["sku"]))
    if skinny:
        out.append(case(["cheapest skinny jeans under $80?"], sources=src(skinny[0]), must_include=[skinny[0]["name"]], handoff=False))
    if not any("petite" in json.dumps(p).lower() for p in products):
        out.append(case(["do you have petite dresses?"], must_include=["don't record petite sizing"], handoff=False))
    fits = [p for p in by_cat["jeans"] if p["stock"].get("24", 0) > 0]
    out.append(case(["do you have jeans with a 24 waist?"], must_include=["size 24"], must_not_include=[" Men's"] + ([] if fits else ["Here are"]), handoff=False))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=Path, default=ROOT / "tests" / "golden", help="folder to write the JSONL files into")
    args = ap.parse_args()
    products = load(ROOT / "knowledge" / "catalog" / "products.jsonl")
    orders = load(ROOT / "knowledge" / "_seed" / "orders.jsonl")
    customers = {c["id"]: c for c in load(ROOT / "knowledge" / "_seed" / "customers.jsonl")}
    rng = random.Random(13)
    files = {"discovery.jsonl": discovery(products, rng), "own_orders.jsonl": own_orders(orders, customers, {p["sku"]: p for p in products}),
             "followups.jsonl": followups(products, orders), "catalog_answers.jsonl": catalog_answers(products),
             "catalog_more.jsonl": catalog_more(products)}
    for name, rows in files.items():
        (args.out / name).write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows), encoding="utf-8")
        print(f"{name}: {len(rows)} cases")


if __name__ == "__main__":
    main()
