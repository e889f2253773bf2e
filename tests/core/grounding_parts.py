"""Groundings built from the demo store's own files, as a question's grounding holds them, and the verifier call the
meaning-round tests make (one place for tests/core/test_meaning_round9.py and test_meaning_round10.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path

from bot.core.lookups import describe_product
from bot.core.meaning import MeaningChecker
from bot.core.verify import verify
from bot.grounding_eval import case_blocks
from bot.kb.sources import product_text

ROOT = Path(__file__).resolve().parents[2]


def rows(path: str) -> list[dict]:
    return [json.loads(line) for line in (ROOT / path).read_text(encoding="utf-8").splitlines() if line.strip()]


PRODUCTS = {r["sku"]: r for r in rows("knowledge/catalog/products.jsonl")}


def product(sku: str) -> str:
    """The fact line and the catalog passage, as a product question's grounding holds them."""
    row = PRODUCTS[sku]
    return f"{describe_product(row)}\n\nCatalog > {row['name']}\n{product_text(row)}"


def section(page: str, heading: str) -> str:
    text = (ROOT / "knowledge" / "policies" / page).read_text(encoding="utf-8")
    title = re.search(r"^title:\s*(.+)$", text, re.M)
    body = text.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0].strip()
    return f"{title.group(1) if title else page} > {heading}\n{body}"


def ok(checker: MeaningChecker, reply: str, question: str, *parts: str) -> bool:
    grounding = "\n\n".join(parts)
    return verify(
        reply, grounding, question=question, min_support=0.75, meaning=checker, grounding_blocks=case_blocks(grounding)
    ).ok
