"""Interaction logs and item texts: in-memory arrays plus strict CSV readers."""

from __future__ import annotations

import csv
import io
import math
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from bot.errors import DataFileError


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
        ratings = (
            np.array([float(r["rating"]) for r in records], dtype=np.float32)
            if records and all("rating" in r for r in records)
            else None
        )
        times = (
            np.array([float(r["time"]) for r in records], dtype=np.float64)
            if records and all("time" in r for r in records)
            else None
        )
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


# column names accepted for each role, matched case-insensitively (spaces and dashes count as underscores)
ALIASES: dict[str, tuple[str, ...]] = {
    "user": (
        "user",
        "user_id",
        "userid",
        "customer",
        "customer_id",
        "customerid",
        "client",
        "client_id",
        "visitor_id",
        "visitorid",
        "buyer_id",
        "member_id",
    ),
    "item": (
        "item",
        "item_id",
        "itemid",
        "product",
        "product_id",
        "productid",
        "sku",
        "stockcode",
        "stock_code",
        "article_id",
        "asin",
        "movie_id",
        "movieid",
    ),
    "rating": ("rating", "score", "stars", "rating_value"),
    "time": (
        "time",
        "timestamp",
        "date",
        "datetime",
        "ts",
        "event_time",
        "order_date",
        "purchase_date",
        "invoicedate",
        "invoice_date",
        "created_at",
    ),
    "name": ("name", "title", "product_name", "item_name"),
    "category": ("category", "genre", "genres", "type"),
    "description": ("description", "desc", "text", "details"),
}


def _norm(name: str) -> str:
    return name.strip().lower().replace(" ", "_").replace("-", "_")


def _resolve(header: list[str], roles: tuple[str, ...]) -> dict[str, int]:
    """Role -> column position for the roles whose name or alias is in the header (first alias wins)."""
    normed = [_norm(h) for h in header]
    found: dict[str, int] = {}
    for role in roles:
        for alias in ALIASES.get(role, (role,)):
            if alias in normed:
                found[role] = normed.index(alias)
                break
    return found


def _rows(
    path: Path, required: tuple[str, ...], optional: tuple[str, ...] = ()
) -> tuple[dict[str, int], list[tuple[int, list[str]]]]:
    lines = _open_text(path)
    reader = csv.reader(io.StringIO("\n".join(lines)))
    header = [h.strip() for h in next(reader)]
    columns = _resolve(header, required + optional)
    missing = [c for c in required if c not in columns]
    if missing:
        wanted = "; ".join(f"{c} ({', '.join(ALIASES.get(c, (c,))[:6])}, ...)" if c in ALIASES else c for c in missing)
        found = ", ".join(repr(h) for h in header if h) or "none"
        raise DataFileError(
            str(path), f"lacks column(s) {', '.join(missing)}: found columns {found}; expected {wanted}", line=1
        )
    rows: list[tuple[int, list[str]]] = []
    for lineno, values in enumerate(reader, start=2):
        if not values or all(not v.strip() for v in values):
            continue
        if len(values) != len(header):
            raise DataFileError(str(path), f"expected {len(header)} fields, found {len(values)}", line=lineno)
        rows.append((lineno, [v.strip() for v in values]))
    if not rows:
        raise DataFileError(str(path), "no data rows after the header")
    return columns, rows


def _number(path: Path, lineno: int, column: str, value: str) -> float:
    try:
        number = float(value)
    except ValueError:
        raise DataFileError(str(path), f"column {column!r} is not a number: {value!r}", line=lineno) from None
    if not math.isfinite(number):
        raise DataFileError(str(path), f"column {column!r} is not finite: {value!r}", line=lineno)
    return number


def parse_time(value: str) -> float:
    """Epoch seconds from a number or an ISO 8601 date/datetime (with or without a time zone; naive means UTC)."""
    text = value.strip()
    try:
        number = float(text)
    except ValueError:
        pass
    else:
        if math.isfinite(number) and not (len(text) == 8 and text.isdigit()):  # 20150609 is a basic-format date
            return number
    stamp = datetime.fromisoformat(text[:-1] + "+00:00" if text[-1:] in "Zz" and len(text) > 1 else text)
    if stamp.tzinfo is None:
        stamp = stamp.replace(tzinfo=UTC)
    return stamp.timestamp()


def read_interactions_csv(path: str | Path, *, ratings: bool = False) -> Interactions:
    """Read `user,item[,rating][,time]` (aliases such as customer_id, sku, timestamp allowed); ratings=True needs a rating."""
    path = Path(path)
    required = ("user", "item", "rating") if ratings else ("user", "item")
    cols, rows = _rows(path, required, ("rating", "time"))
    users, items, rates, times = [], [], [], []
    for lineno, row in rows:
        user, item = row[cols["user"]], row[cols["item"]]
        if not user or not item:
            raise DataFileError(str(path), "empty user or item", line=lineno)
        users.append(user)
        items.append(item)
        if "rating" in cols:
            value = row[cols["rating"]]
            rates.append(_number(path, lineno, "rating", value) if value or ratings else 1.0)
        if "time" in cols:
            value = row[cols["time"]]
            try:
                times.append(parse_time(value))
            except ValueError:
                raise DataFileError(
                    str(path),
                    f"column 'time' is neither epoch seconds nor an ISO 8601 date/datetime: {value!r}",
                    line=lineno,
                ) from None
    return Interactions(
        np.array(users, dtype=object),
        np.array(items, dtype=object),
        np.array(rates, dtype=np.float32) if "rating" in cols else None,
        np.array(times, dtype=np.float64) if "time" in cols else None,
    )


def read_items_csv(path: str | Path) -> list[ItemText]:
    """Read `item,name[,category][,description]` (item aliases such as sku or product_id allowed); the text becomes item features."""
    path = Path(path)
    cols, rows = _rows(path, ("item", "name"), ("category", "description"))
    seen: set[str] = set()
    out: list[ItemText] = []
    for lineno, row in rows:
        item = row[cols["item"]]
        if not item:
            raise DataFileError(str(path), "empty item id", line=lineno)
        if item in seen:
            raise DataFileError(str(path), f"duplicate item id {item!r}", line=lineno)
        seen.add(item)
        name, category, description = (row[cols[c]] if c in cols else "" for c in ("name", "category", "description"))
        out.append(ItemText(item, name, category, description))
    return out
