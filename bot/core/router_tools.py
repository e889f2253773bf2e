"""Helpers of the router's grounded path: the sources a reply shows, and the order or product template that answers
an order status or a product's price/stock question without the model."""

from __future__ import annotations

from bot.core.answers import asks_structured_product, order_answer, product_answer
from bot.core.lookups import ToolResult, asked_size
from bot.core.turn import product_source
from bot.domain import Flag, Hit


def grounded_sources(tools: ToolResult, hits: list[Hit]) -> list[dict[str, str]]:
    sources = [{"title": f"Order {oid}", "source": "orders", "doc_id": f"order:{oid}"} for oid in tools.order_ids]
    sources += [product_source(p) for p in tools.products]
    for h in hits[:3]:
        if h.doc_id not in {s["doc_id"] for s in sources}:
            src = {"title": h.passage.title, "source": h.passage.source, "doc_id": h.doc_id}
            if h.passage.metadata.get("sku"):
                src["sku"] = str(h.passage.metadata["sku"])
            sources.append(src)
    return sources[:4]


def structured_answer(tools: ToolResult, text: str, flags: set[Flag]) -> str | None:
    """Order status and product price/stock/size/colour questions are answered from the data by template."""
    if Flag.CASE_OPENED in flags:
        return None
    if tools.orders and not tools.products:
        return " ".join(order_answer(o) for o in tools.orders)
    if len(tools.products) == 1 and asks_structured_product(text):
        return product_answer(tools.products[0], text, size=asked_size(text))
    return None
