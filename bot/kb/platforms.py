"""Shopify's and WooCommerce's product CSV exports, read as they are (variants on their own rows)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bot.errors import DataFileError
from bot.kb.catalog_rows import (
    COLOUR_NAMES,
    SIZE_NAMES,
    CatalogImport,
    finish_product,
    html_to_text,
    parse_number,
    read_csv_rows,
    require_columns,
)


@dataclass
class _ShopifyRows:
    """Shopify's rows grouped by Handle: the row carrying the product's fields, the variants and the images."""

    heads: dict[str, dict[str, Any]] = field(default_factory=dict)
    variants: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    images: dict[str, list[str]] = field(default_factory=dict)
    first_line: dict[str, int] = field(default_factory=dict)


def _shopify_variant(row: dict[str, str], names: dict[str, str], path: Path, line: int) -> dict[str, Any]:
    """One variant row: SKU, options (Option1..3 named on the product's first row), price and inventory."""
    price = parse_number(row["Variant Price"], "Variant Price", str(path), line) if row.get("Variant Price") else None
    qty_text = row.get("Variant Inventory Qty") or row.get("Inventory quantity") or ""
    qty = int(parse_number(qty_text, "inventory quantity", str(path), line)) if qty_text else None
    options = {}
    for i in (1, 2, 3):
        name = names.get(f"Option{i} Name") or row.get(f"Option{i} Name") or ""
        value = row.get(f"Option{i} Value", "")
        if value and value != "Default Title" and name and name != "Title":
            options[name] = value
    return {"sku": row.get("Variant SKU", ""), "options": options, "price": price, "stock": qty}


def _group_shopify(rows: list[tuple[int, dict[str, str]]], path: Path, out: CatalogImport) -> _ShopifyRows:
    """First pass: group rows by Handle; a bad row is reported in `out.errors` and skipped."""
    grouped = _ShopifyRows()
    for line, row in rows:
        handle = row.get("Handle", "")
        if not handle:
            out.errors.append(DataFileError(str(path), "row has no Handle", line=line))
            continue
        grouped.first_line.setdefault(handle, line)
        if row.get("Title"):
            grouped.heads[handle] = {"row": row, "line": line}
        for key in ("Image Src", "Variant Image"):
            if row.get(key) and row[key] not in grouped.images.setdefault(handle, []):
                grouped.images[handle].append(row[key])
        if not any(row.get(k) for k in ("Variant SKU", "Variant Price", "Option1 Value")):
            continue  # an image-only row
        names = grouped.heads.get(handle, {}).get("row", row)
        try:
            grouped.variants.setdefault(handle, []).append(_shopify_variant(row, names, path, line))
        except DataFileError as exc:
            out.errors.append(exc)
    return grouped


def _shopify_record(handle: str, row: dict[str, str], images: list[str], currency: str) -> dict[str, Any]:
    category = row.get("Type") or row.get("Product Category", "").split(">")[-1].strip()
    return {
        "sku": handle,
        "name": row["Title"],
        "brand": row.get("Vendor", ""),
        "category": category.lower(),
        "description": html_to_text(row.get("Body (HTML)", "")),
        "currency": currency,
        "tags": [t.strip() for t in row.get("Tags", "").split(",") if t.strip()],
        "images": images,
        "source_format": "shopify",
    }


def read_shopify(path: Path, *, currency: str = "USD") -> CatalogImport:
    """Shopify's product CSV export: one row per variant, rows grouped by Handle, product fields on the first row."""
    columns, rows = read_csv_rows(path)
    require_columns(columns, ("Handle", "Title"), path, "Shopify")
    out = CatalogImport()
    grouped = _group_shopify(rows, path, out)
    for handle, line in grouped.first_line.items():
        head = grouped.heads.get(handle)
        if head is None:
            out.errors.append(DataFileError(str(path), f"product {handle}: no row with a Title", line=line))
            continue
        row = head["row"]
        status = row.get("Status", "").lower()
        if status in ("draft", "archived") or row.get("Published", "").lower() == "false":
            out.skipped.append(f"{handle} ({status or 'unpublished'})")
            continue
        vs = grouped.variants.get(handle, [])
        if not any(v.get("price") is not None for v in vs):
            out.errors.append(DataFileError(str(path), f"product {handle}: no variant has a price", line=head["line"]))
            continue
        record = _shopify_record(handle, row, grouped.images.get(handle, []), currency)
        out.products[handle] = finish_product(record, vs)
    return out


def _wc_attributes(row: dict[str, str]) -> dict[str, list[str]]:
    attrs: dict[str, list[str]] = {}
    for i in range(1, 10):
        name = row.get(f"Attribute {i} name", "")
        if not name:
            continue
        values = [v.strip() for v in row.get(f"Attribute {i} value(s)", "").split(",") if v.strip()]
        attrs[name] = values
    return attrs


def _group_woocommerce(
    rows: list[tuple[int, dict[str, str]]], path: Path, out: CatalogImport
) -> tuple[dict[str, tuple[int, dict[str, str]]], dict[str, list[tuple[int, dict[str, str]]]]]:
    """First pass: products by SKU, and variations by their Parent (a SKU or `id:N`); bad rows go to `out.errors`."""
    parents: dict[str, tuple[int, dict[str, str]]] = {}
    variations: dict[str, list[tuple[int, dict[str, str]]]] = {}
    for line, row in rows:
        if "variation" in row.get("Type", "").lower():
            parent = row.get("Parent", "")
            if not parent:
                out.errors.append(DataFileError(str(path), "variation has no Parent", line=line))
                continue
            variations.setdefault(parent, []).append((line, row))
            continue
        if not row.get("Name"):
            out.errors.append(DataFileError(str(path), "product has no Name", line=line))
            continue
        sku = row.get("SKU") or f"wc-{row.get('ID') or line}"
        parents[sku] = (line, row)
    return parents, variations


def _woocommerce_record(sku: str, row: dict[str, str], currency: str) -> dict[str, Any]:
    return {
        "sku": sku,
        "name": row["Name"],
        "brand": row.get("Brands", "").split(",")[0].strip(),
        "category": row.get("Categories", "").split(",")[0].split(">")[-1].strip().lower(),
        "description": html_to_text(row.get("Description") or row.get("Short description", "")),
        "currency": currency,
        "tags": [t.strip() for t in row.get("Tags", "").split(",") if t.strip()],
        "images": [u.strip() for u in row.get("Images", "").split(",") if u.strip()],
        "source_format": "woocommerce",
    }


def _woocommerce_variant(vrow: dict[str, str], path: Path, vline: int, *, variation: bool) -> dict[str, Any]:
    """A variation row (or a simple product's own row): price (sale before regular), stock and options."""
    price_text = vrow.get("Sale price") or vrow.get("Regular price") or ""
    price = parse_number(price_text, "price", str(path), vline) if price_text else None
    stock_text = vrow.get("Stock", "")
    stock = int(parse_number(stock_text, "Stock", str(path), vline)) if stock_text else None
    if stock is None and vrow.get("In stock?", "") in ("0", "1"):
        stock = None if vrow["In stock?"] == "1" else 0
    options = {name: values[0] for name, values in _wc_attributes(vrow).items() if values} if variation else {}
    return {"sku": vrow.get("SKU", ""), "options": options, "price": price, "stock": stock}


def read_woocommerce(path: Path, *, currency: str = "USD") -> CatalogImport:
    """WooCommerce's product CSV export: simple and variable products, variations on rows that name a Parent."""
    columns, rows = read_csv_rows(path)
    require_columns(columns, ("Type", "Name", "Regular price"), path, "WooCommerce")
    out = CatalogImport()
    parents, variations = _group_woocommerce(rows, path, out)
    for sku, (line, row) in parents.items():
        if row.get("Published", "1").strip() in ("0", "-1"):
            out.skipped.append(f"{sku} (unpublished)")
            continue
        record = _woocommerce_record(sku, row, currency)
        children = sorted(
            variations.pop(sku, []) + variations.pop(f"id:{row.get('ID', '')}", []), key=lambda item: item[0]
        )
        if not children:  # a simple product: its attributes list the choices
            for name, values in _wc_attributes(row).items():
                if name.lower() in SIZE_NAMES:
                    record["sizes"] = values
                elif name.lower() in COLOUR_NAMES:
                    record["colors"] = values
        variants = []
        refused = len(out.errors)
        for vline, vrow in children or [(line, row)]:
            try:
                variants.append(_woocommerce_variant(vrow, path, vline, variation=bool(children)))
            except DataFileError as exc:
                out.errors.append(exc)
        if not any(v["price"] is not None for v in variants):
            if len(out.errors) == refused:  # not already reported row by row
                out.errors.append(DataFileError(str(path), f"product {sku}: no price", line=line))
            continue
        out.products[sku] = finish_product(record, variants)
    for parent, orphans in variations.items():
        for vline, _ in orphans:
            out.errors.append(DataFileError(str(path), f"variation's parent {parent} is not in the file", line=vline))
    return out
