"""Import a shop's catalog export (Shopify, WooCommerce, or shopbot's own JSONL/CSV) into the knowledge folder.

Each reader turns one export into shopbot product records (the fields described in README "The knowledge
base") and collects every bad row as a `DataFileError` (file, line, reason) instead of stopping: the good rows
are imported, the bad ones are reported. `upsert_products` merges the records into a catalog JSONL file by
SKU and writes it atomically; the knowledge-base reload that follows re-embeds only the products whose text
changed (embeddings are cached by content hash).
"""

from __future__ import annotations

import csv
import html
import io
import json
import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from bot.errors import DataFileError, SourceFileError
from bot.kb.sources import _product

FORMATS = ("shopify", "woocommerce", "jsonl", "csv")
SIZE_NAMES = {"size", "sizes", "größe", "taille", "talla"}
COLOUR_NAMES = {"color", "colour", "colors", "colours", "farbe", "couleur"}


@dataclass(slots=True)
class CatalogImport:
    """What one export file yielded: products by SKU, the rows refused and the products skipped on purpose."""

    products: dict[str, dict[str, Any]] = field(default_factory=dict)
    errors: list[DataFileError] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


@dataclass(slots=True)
class UpsertResult:
    """How a catalog file changed."""

    added: list[str]
    updated: list[str]
    unchanged: int
    path: Path


class _TextOnly(HTMLParser):
    """HTML to plain text: tags and comments dropped, script/style bodies dropped, block tags become breaks."""

    BLOCKS = {"p", "br", "li", "div", "ul", "ol", "h1", "h2", "h3", "h4", "tr"}

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self._skip += 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style") and self._skip:
            self._skip -= 1
        elif tag in self.BLOCKS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_text(value: str) -> str:
    """The readable text of an HTML product description."""
    parser = _TextOnly()
    parser.feed(value or "")
    parser.close()
    lines = [re.sub(r"\s+", " ", line).strip() for line in html.unescape("".join(parser.parts)).splitlines()]
    # list items and paragraphs become sentences of their own
    return " ".join(line if line[-1] in ".!?:;" else line + "." for line in lines if line)


def _number(value: str, what: str, path: str, line: int) -> float:
    try:
        return float(str(value).replace(",", "").strip())
    except ValueError:
        raise DataFileError(path, f"{what} {value!r} is not a number", line=line) from None


def _read_csv(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataFileError(str(path), f"not UTF-8 text ({exc.reason})") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = []
    for row in reader:
        rows.append((reader.line_num, {(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None}))
    return list(reader.fieldnames or []), rows


def _require(columns: list[str], needed: tuple[str, ...], path: Path, kind: str) -> None:
    missing = [c for c in needed if c not in columns]
    if missing:
        found = ", ".join(columns[:12]) or "none"
        raise DataFileError(
            str(path), f"not a {kind} product export: missing column(s) {', '.join(missing)} (found: {found})"
        )


def _finish(record: dict[str, Any], variants: list[dict[str, Any]]) -> dict[str, Any]:
    """Sizes, colours, per-size stock and the price range from the variants."""
    sizes: list[str] = []
    colours: list[str] = []
    stock: dict[str, int] = {}
    tracked = False
    for v in variants:
        opts = v["options"]
        size = next((val for name, val in opts.items() if name.lower() in SIZE_NAMES), None)
        colour = next((val for name, val in opts.items() if name.lower() in COLOUR_NAMES), None)
        if size and size not in sizes:
            sizes.append(size)
        if colour and colour not in colours:
            colours.append(colour)
        if v.get("stock") is not None:
            tracked = True
            key = size or "one size"
            stock[key] = stock.get(key, 0) + int(v["stock"])
    prices = [v["price"] for v in variants if v.get("price") is not None]
    if prices:
        record["price"] = min(prices)
        if max(prices) != min(prices):
            record["price_max"] = max(prices)
    if sizes:
        record["sizes"] = sizes
    if colours:
        record["colors"] = colours
    if tracked:
        record["stock"] = stock if sizes else sum(stock.values())
    record["variants"] = variants
    return record


@dataclass
class _ShopifyRows:
    """Shopify's rows grouped by Handle: the row carrying the product's fields, the variants and the images."""

    heads: dict[str, dict[str, Any]] = field(default_factory=dict)
    variants: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    images: dict[str, list[str]] = field(default_factory=dict)
    first_line: dict[str, int] = field(default_factory=dict)


def _shopify_variant(row: dict[str, str], names: dict[str, str], path: Path, line: int) -> dict[str, Any]:
    """One variant row: SKU, options (Option1..3 named on the product's first row), price and inventory."""
    price = _number(row["Variant Price"], "Variant Price", str(path), line) if row.get("Variant Price") else None
    qty_text = row.get("Variant Inventory Qty") or row.get("Inventory quantity") or ""
    qty = int(_number(qty_text, "inventory quantity", str(path), line)) if qty_text else None
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
    columns, rows = _read_csv(path)
    _require(columns, ("Handle", "Title"), path, "Shopify")
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
        out.products[handle] = _finish(record, vs)
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
    price = _number(price_text, "price", str(path), vline) if price_text else None
    stock_text = vrow.get("Stock", "")
    stock = int(_number(stock_text, "Stock", str(path), vline)) if stock_text else None
    if stock is None and vrow.get("In stock?", "") in ("0", "1"):
        stock = None if vrow["In stock?"] == "1" else 0
    options = {name: values[0] for name, values in _wc_attributes(vrow).items() if values} if variation else {}
    return {"sku": vrow.get("SKU", ""), "options": options, "price": price, "stock": stock}


def read_woocommerce(path: Path, *, currency: str = "USD") -> CatalogImport:
    """WooCommerce's product CSV export: simple and variable products, variations on rows that name a Parent."""
    columns, rows = _read_csv(path)
    _require(columns, ("Type", "Name", "Regular price"), path, "WooCommerce")
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
        out.products[sku] = _finish(record, variants)
    for parent, orphans in variations.items():
        for vline, _ in orphans:
            out.errors.append(DataFileError(str(path), f"variation's parent {parent} is not in the file", line=vline))
    return out


def read_native(path: Path, fmt: str) -> CatalogImport:
    """shopbot's own product records (JSONL, or CSV with lists separated by `|`), validated row by row."""
    out = CatalogImport()
    rel = str(path)
    if fmt == "jsonl":
        rows: list[tuple[int, dict[str, Any]]] = []
        for line, raw in enumerate(path.read_text(encoding="utf-8-sig").splitlines(), start=1):
            if not raw.strip():
                continue
            try:
                value = json.loads(raw)
            except json.JSONDecodeError as exc:
                out.errors.append(DataFileError(rel, f"invalid JSON ({exc.msg})", line=line))
                continue
            if not isinstance(value, dict):
                out.errors.append(DataFileError(rel, "a line must be a JSON object", line=line))
                continue
            rows.append((line, value))
    else:
        _, text_rows = _read_csv(path)
        rows = []
        for line, row in text_rows:
            record: dict[str, Any] = {k: v for k, v in row.items() if v != ""}
            for key in ("sizes", "colors", "tags", "images"):
                if key in record:
                    record[key] = [v.strip() for v in str(record[key]).split("|") if v.strip()]
            rows.append((line, record))
    for line, row in rows:
        try:
            doc = _product(row, rel, line)
        except SourceFileError as exc:
            out.errors.append(exc)
            continue
        record = {k: v for k, v in doc.metadata.items() if k != "in_stock"}
        out.products[str(record["sku"])] = record
    return out


def read_catalog(path: Path, fmt: str, *, currency: str = "USD") -> CatalogImport:
    """Read one export file in the named format."""
    if fmt not in FORMATS:
        raise DataFileError(str(path), f"unknown format {fmt!r}; use one of {', '.join(FORMATS)}")
    if not path.is_file():
        raise DataFileError(str(path), "no such file")
    if fmt == "shopify":
        result = read_shopify(path, currency=currency)
    elif fmt == "woocommerce":
        result = read_woocommerce(path, currency=currency)
    else:
        result = read_native(path, fmt)
    result.errors.sort(key=lambda e: e.line or 0)
    return result


def upsert_products(catalog_file: Path, products: dict[str, dict[str, Any]]) -> UpsertResult:
    """Merge products into a catalog JSONL file by SKU (order kept, new ones appended), written atomically."""
    existing: dict[str, dict[str, Any]] = {}
    if catalog_file.exists():
        for line, raw in enumerate(catalog_file.read_text(encoding="utf-8").splitlines(), start=1):
            if raw.strip():
                try:
                    record = json.loads(raw)
                except json.JSONDecodeError as exc:
                    raise DataFileError(
                        str(catalog_file), f"invalid JSON ({exc.msg}); fix it before importing", line=line
                    ) from None
                existing[str(record.get("sku"))] = record
    added, updated, unchanged = [], [], 0
    for sku, record in products.items():
        if sku not in existing:
            added.append(sku)
        elif existing[sku] != record:
            updated.append(sku)
        else:
            unchanged += 1
        existing[sku] = record
    if added or updated or not catalog_file.exists():
        catalog_file.parent.mkdir(parents=True, exist_ok=True)
        tmp = catalog_file.with_name(f".{catalog_file.name}.{os.getpid()}.tmp")
        with tmp.open("w", encoding="utf-8") as fh:
            for record in existing.values():
                fh.write(json.dumps(record, ensure_ascii=False) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, catalog_file)
    return UpsertResult(added=added, updated=updated, unchanged=unchanged, path=catalog_file)
