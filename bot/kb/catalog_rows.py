"""Pieces shared by the catalog readers: the import result, CSV rows, numbers, HTML to text, variants to a record."""

from __future__ import annotations

import csv
import html
import io
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from bot.errors import DataFileError

SIZE_NAMES = {"size", "sizes", "größe", "taille", "talla"}
COLOUR_NAMES = {"color", "colour", "colors", "colours", "farbe", "couleur"}


@dataclass(slots=True)
class CatalogImport:
    """What one export file yielded: products by SKU, the rows refused and the products skipped on purpose."""

    products: dict[str, dict[str, Any]] = field(default_factory=dict)
    errors: list[DataFileError] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


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


def parse_number(value: str, what: str, path: str, line: int) -> float:
    try:
        return float(str(value).replace(",", "").strip())
    except ValueError:
        raise DataFileError(path, f"{what} {value!r} is not a number", line=line) from None


def read_csv_rows(path: Path) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as exc:
        raise DataFileError(str(path), f"not UTF-8 text ({exc.reason})") from None
    reader = csv.DictReader(io.StringIO(text, newline=""))
    rows = []
    for row in reader:
        rows.append((reader.line_num, {(k or "").strip(): (v or "").strip() for k, v in row.items() if k is not None}))
    return list(reader.fieldnames or []), rows


def require_columns(columns: list[str], needed: tuple[str, ...], path: Path, kind: str) -> None:
    missing = [c for c in needed if c not in columns]
    if missing:
        found = ", ".join(columns[:12]) or "none"
        raise DataFileError(
            str(path), f"not a {kind} product export: missing column(s) {', '.join(missing)} (found: {found})"
        )


def finish_product(record: dict[str, Any], variants: list[dict[str, Any]]) -> dict[str, Any]:
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
