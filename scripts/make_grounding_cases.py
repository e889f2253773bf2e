"""Write the shop-answer grounding sets (tests/grounding/*.jsonl) from the demo store's knowledge.

Each item: a section of the knowledge base (title line + text, as the composer passes it), a shopper's
question, correct answers written the way a capable chat model writes them (fluent, paraphrased), and
subtly wrong twins built from the section's own words (number bound to the wrong attribute, swapped
condition, negation, another entity's attribute, invented promise or perk). The answers are
hand-written; this script only attaches the grounding text so it always matches the knowledge folder.

    .venv/bin/python scripts/make_grounding_cases.py      # rewrites tests/grounding/shop_{dev,heldout,blind,blind2,blind3,blind4,blind5}.jsonl

shop_dev: used to build the rules and fit the model. shop_heldout: written before the meaning check
existed; run once blind, after which a few general rules were changed having seen its errors (so its
later figures are not blind). shop_blind: written after that, run only for the final figures.
shop_blind2 (round 3, grounding_items_blind2.py): written before the meaning check was rebuilt, never run
while developing it; it adds FAQ-page groundings and product fact lines. Round 4 used shop_blind2 as
development data (its failures were studied and fixed by class), so it is no longer blind; shop_blind3
(grounding_items_blind3.py) was written after those fixes, committed before the checker first ran on it.
Round 5 used shop_blind3 as development data; shop_blind4 (grounding_items_blind4.py) was written and committed
before any round-5 change, run once at the start and once at the end of round 5, never tuned on.
shop_blind5 (grounding_items_blind5.py, round 6) adds a customer's own order fact lines and two-product groundings;
it was written and committed before any round-6 change, to be run once at the start and once at the end of round 6.
shop_blind6 (grounding_items_blind6.py, round 7): a customer's own orders (one or two order lines), written and
committed before any round-7 checker change.
shop_blind7 (grounding_items_blind7.py, round 8): own orders, policy conditions tied to the order's state and the
shopper's membership, and list answers (an incomplete list that claims to be complete), written and committed before
any round-8 checker change.
shop_blind8 (grounding_items_blind8.py, round 9): claims the data does not make (popularity and evaluative claims
about products, a qualifier that changes a fee, a reply that contradicts itself), with product catalog passages
("passage", SKU), written and committed before any round-9 checker change.
shop_blind9 (grounding_items_blind9.py, round 10): products, orders and policy sections the earlier sets did not use
(account help, contact, size guide, Plus cancellation, where we do not ship), right facts asked for another level or
country, written and committed before any round-10 checker change.
shop_actions (grounding_items_actions.py, #9): answers that tell the shopper to do something or say when or where
something happens, right ones and invented steps, places and times, written before the rule that reads them.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
KNOWLEDGE = REPO / "knowledge"
sys.path.insert(0, str(REPO / "scripts"))
from grounding_items import BLIND, DEV, HELDOUT  # noqa: E402
from grounding_items_blind2 import BLIND2  # noqa: E402
from grounding_items_blind3 import BLIND3  # noqa: E402
from grounding_items_blind4 import BLIND4  # noqa: E402
from grounding_items_blind5 import BLIND5  # noqa: E402
from grounding_items_blind6 import BLIND6  # noqa: E402
from grounding_items_blind7 import BLIND7  # noqa: E402
from grounding_items_blind8 import BLIND8  # noqa: E402
from grounding_items_blind9 import BLIND9  # noqa: E402
from grounding_items_actions import ACTIONS  # noqa: E402

sys.path.insert(0, str(REPO))
from bot.core.lookups import describe_order, describe_product  # noqa: E402
from bot.kb.sources import product_text  # noqa: E402

_PRODUCTS: dict[str, dict] = {}


def product_line(sku: str) -> str:
    """A product's fact line, exactly as the composer passes it (bot.core.lookups.describe_product)."""
    if not _PRODUCTS:
        for line in (KNOWLEDGE / "catalog" / "products.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                _PRODUCTS[row["sku"]] = row
    return describe_product(_PRODUCTS[sku])


def product_passage(sku: str) -> str:
    """A product's catalog passage as retrieval passes it (bot.kb.sources.product_text), titled so that the eval's
    block split starts a block at it."""
    product_line(sku)
    row = _PRODUCTS[sku]
    return f"Catalog > {row['name']}\n{product_text(row)}"


def order_line(order_id: str) -> str:
    """An order's fact line, exactly as the composer passes it (bot.core.lookups.describe_order)."""
    for line in (KNOWLEDGE / "_seed" / "orders.jsonl").read_text(encoding="utf-8").splitlines():
        if line.strip() and json.loads(line)["order_id"] == order_id:
            return describe_order(json.loads(line))
    raise SystemExit(f"no order {order_id}")


def section(path: str, heading: str) -> str:
    """The '## heading' section of a knowledge page, as "Title > Heading" plus its text."""
    text = (KNOWLEDGE / path).read_text(encoding="utf-8")
    title = re.search(r"^title:\s*(.+)$", text, re.M)
    out: list[str] = []
    level = 0
    for line in text.split("\n"):
        m = re.match(r"^(#+)\s+(.*)$", line)
        if m:
            if level and len(m.group(1)) <= level:
                break
            if not level and m.group(2).strip() == heading:
                level = len(m.group(1))
            elif level:
                out.append(line)
            continue
        if level:
            out.append(line)
    if not out:
        raise SystemExit(f"{path}: no section {heading!r}")
    return f"{title.group(1) if title else path} > {heading}\n" + "\n".join(out).strip()


def _part(page: str, heading: str) -> str:
    if page == "product":
        return product_line(heading)
    if page == "order":
        return order_line(heading)
    if page == "passage":
        return product_passage(heading)
    return section(page, heading)


def write(items: list[tuple], out: Path) -> int:
    n = 0
    with out.open("w", encoding="utf-8") as f:
        for spec, question, good, bad in items:
            grounding = "\n\n".join(_part(p, h) for p, h in spec)
            for answer in good:
                f.write(
                    json.dumps(
                        {"grounding": grounding, "question": question, "answer": answer, "label": "supported"},
                        ensure_ascii=False,
                    )
                    + "\n"
                )
                n += 1
            for kind, answer in bad:
                f.write(
                    json.dumps(
                        {
                            "grounding": grounding,
                            "question": question,
                            "answer": answer,
                            "label": "unsupported",
                            "kind": kind,
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                )
                n += 1
    return n


if __name__ == "__main__":
    folder = REPO / "tests" / "grounding"
    folder.mkdir(parents=True, exist_ok=True)
    print("dev", write(DEV, folder / "shop_dev.jsonl"))
    print("heldout", write(HELDOUT, folder / "shop_heldout.jsonl"))
    print("blind", write(BLIND, folder / "shop_blind.jsonl"))
    print("blind2", write(BLIND2, folder / "shop_blind2.jsonl"))
    print("blind3", write(BLIND3, folder / "shop_blind3.jsonl"))
    print("blind4", write(BLIND4, folder / "shop_blind4.jsonl"))
    print("blind5", write(BLIND5, folder / "shop_blind5.jsonl"))
    print("blind6", write(BLIND6, folder / "shop_blind6.jsonl"))
    print("blind7", write(BLIND7, folder / "shop_blind7.jsonl"))
    print("blind8", write(BLIND8, folder / "shop_blind8.jsonl"))
    print("blind9", write(BLIND9, folder / "shop_blind9.jsonl"))
    print("actions", write(ACTIONS, folder / "shop_actions.jsonl"))
