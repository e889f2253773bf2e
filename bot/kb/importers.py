"""Import a shop's catalog export (Shopify, WooCommerce, or shopbot's own JSONL/CSV) into the knowledge folder.

Each reader turns one export into shopbot product records (the fields described in README "The knowledge
base") and collects every bad row as a `DataFileError` (file, line, reason) instead of stopping: the good rows
are imported, the bad ones are reported. `upsert_products` merges the records into a catalog JSONL file by
SKU and writes it atomically; the knowledge-base reload that follows re-embeds only the products whose text
changed (embeddings are cached by content hash).
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot.errors import DataFileError, SourceFileError
from bot.kb.catalog_rows import CatalogImport, html_to_text, read_csv_rows
from bot.kb.platforms import read_shopify, read_woocommerce
from bot.kb.sources import _product

__all__ = ["FORMATS", "CatalogImport", "UpsertResult", "html_to_text", "read_catalog", "upsert_products"]

FORMATS = ("shopify", "woocommerce", "jsonl", "csv")


@dataclass(slots=True)
class UpsertResult:
    """How a catalog file changed."""

    added: list[str]
    updated: list[str]
    unchanged: int
    path: Path


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
        _, text_rows = read_csv_rows(path)
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
