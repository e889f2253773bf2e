"""Interaction logs and item texts: in-memory arrays plus strict CSV readers."""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from bot.errors import DataFileError  # noqa: F401 - re-exported: the readers here raise it


@dataclass(frozen=True)
class Interactions:
    """Who interacted with what: parallel arrays, optional ratings and times."""

    users: np.ndarray  # str ids, dtype object
    items: np.ndarray  # str ids, dtype object
    ratings: np.ndarray | None = None  # float32
    times: np.ndarray | None = None  # float64
    weights: np.ndarray | None = None  # implicit strength per event (e.g. view 1, purchase 5); None means 1

    def __post_init__(self) -> None:
        n = len(self.users)
        if any(a is not None and len(a) != n for a in (self.items, self.ratings, self.times, self.weights)):
            raise ValueError("users, items, ratings, times and weights must have the same length")

    def __len__(self) -> int:
        return len(self.users)

    def subset(self, rows: np.ndarray) -> Interactions:
        """The interactions at the given row positions."""
        return Interactions(
            self.users[rows],
            self.items[rows],
            None if self.ratings is None else self.ratings[rows],
            None if self.times is None else self.times[rows],
            None if self.weights is None else self.weights[rows],
        )

    @classmethod
    def from_records(cls, records: list[dict]) -> Interactions:
        """Build from dicts with keys user, item and optionally rating and time."""
        users = np.array([str(r["user"]) for r in records], dtype=object)
        items = np.array([str(r["item"]) for r in records], dtype=object)
        ratings = np.array([float(r["rating"]) for r in records], dtype=np.float32) if records and all("rating" in r for r in records) else None
        times = np.array([float(r["time"]) for r in records], dtype=np.float64) if records and all("time" in r for r in records) else None
        return cls(users, items, ratings, times)


@dataclass(frozen=True)
class ItemText:
    """What a catalogue says about one item; the text feeds the item's embedding."""

    item: str
    name: str
    category: str = ""
    description: str = ""
    extra: dict = field(default_factory=dict)

    @property
    def text(self) -> str:
        """The text that is embedded for this item."""
        return ". ".join(p for p in (self.name, self.category, self.description) if p)


def _open_text(path: Path) -> list[str]:
    """Read a text file, refusing binary or undecodable content with a clear error."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataFileError(str(path), "file not found") from None
    except OSError as exc:
        raise DataFileError(str(path), f"cannot read: {exc}") from None
    if b"\x00" in raw[:65536]:
        raise DataFileError(str(path), "looks like a binary file, expected CSV text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataFileError(str(path), "not UTF-8 text", line=line) from None
    if not text.strip():
        raise DataFileError(str(path), "file is empty, expected a header line")
    return text.splitlines()


def _rows(path: Path, required: tuple[str, ...]) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    lines = _open_text(path)
    reader = csv.reader(io.StringIO("\n".join(lines)))
    header = [h.strip().lower() for h in next(reader)]
    missing = [c for c in required if c not in header]
    if missing:
        raise DataFileError(str(path), f"header {','.join(header)!r} lacks column(s) {', '.join(missing)}; expected {','.join(required)}[,...]", line=1)
    rows: list[tuple[int, dict[str, str]]] = []
    for lineno, values in enumerate(reader, start=2):
        if not values or all(not v.strip() for v in values):
            continue
        if len(values) != len(header):
            raise DataFileError(str(path), f"expected {len(header)} fields, found {len(values)}", line=lineno)
        rows.append((lineno, {h: v.strip() for h, v in zip(header, values)}))
    if not rows:
        raise DataFileError(str(path), "no data rows after the header")
    return header, rows


def _number(path: Path, lineno: int, column: str, value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise DataFileError(str(path), f"column {column!r} is not a number: {value!r}", line=lineno) from None
    if not math.isfinite(number):
        raise DataFileError(str(path), f"column {column!r} is not finite: {value!r}", line=lineno)
    return number


def read_interactions_csv(path: str | Path, *, ratings: bool = False) -> Interactions:
    """Read `user,item[,rating][,time]`; with ratings=True the rating column is required."""
    path = Path(path)
    required = ("user", "item", "rating") if ratings else ("user", "item")
    header, rows = _rows(path, required)
    users, items, rates, times = [], [], [], []
    for lineno, row in rows:
        if not row["user"] or not row["item"]:
            raise DataFileError(str(path), "empty user or item", line=lineno)
        users.append(row["user"])
        items.append(row["item"])
        if "rating" in header:
            rates.append(_number(path, lineno, "rating", row["rating"]) if row["rating"] or ratings else 1.0)
        if "time" in header:
            times.append(_number(path, lineno, "time", row["time"]))
    return Interactions(
        np.array(users, dtype=object),
        np.array(items, dtype=object),
        np.array(rates, dtype=np.float32) if "rating" in header else None,
        np.array(times, dtype=np.float64) if "time" in header else None,
    )


def read_items_csv(path: str | Path) -> list[ItemText]:
    """Read `item,name[,category][,description]`; the text becomes item features."""
    path = Path(path)
    _, rows = _rows(path, ("item", "name"))
    seen: set[str] = set()
    out: list[ItemText] = []
    for lineno, row in rows:
        if not row["item"]:
            raise DataFileError(str(path), "empty item id", line=lineno)
        if row["item"] in seen:
            raise DataFileError(str(path), f"duplicate item id {row['item']!r}", line=lineno)
        seen.add(row["item"])
        out.append(ItemText(row["item"], row["name"], row.get("category", ""), row.get("description", "")))
    return out
