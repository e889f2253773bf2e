"""A slot table's row: one value a policy or FAQ page states, with the question it answers and when it holds."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any

# the facets of a shopper's case a row may depend on: membership level, destination, order state, item kind
CASE_FACETS = ("membership", "destination", "order_state", "item")


@dataclass(frozen=True, slots=True)
class SlotRow:
    """One value of a page: "Gold: return window Unlimited" or "A return shipping fee of $15.00 is deducted
    ..., except for Gold members" (kind price, value "$15.00", exception membership=gold, item=defective)."""

    doc_id: str
    source: str
    title: str
    heading: str
    question: str  # the question the row answers (its section's heading, read as a question)
    sentence: str  # the page's own sentence (a table row read as one), quotable as it stands
    kind: str  # duration | price | place | time | phone | email | carrier | yes_no
    value: str  # "30 days", "$15.00", "Canada, Mexico", "yes" / "no"
    condition: str = ""  # the words that say when it holds ("Gold", "once the order has shipped")
    exception: str = ""  # the words after "except" / "unless"
    case: dict[str, tuple[str, ...]] = field(default_factory=dict)  # condition, by facet (CASE_FACETS)
    unless: dict[str, tuple[str, ...]] = field(default_factory=dict)  # exception, by facet
    section: int = 0  # rows of one section share this number (a table's rows are read together)
    table: bool = False  # a markdown table's row (its sentence is the row read alone: "Gold: return window ...")
    listed: bool = False  # an item of a bulleted or numbered list (its siblings are read with it)

    def as_json(self) -> dict[str, Any]:
        """JSON-ready (the version's slots.jsonl)."""
        out: dict[str, Any] = {f.name: getattr(self, f.name) for f in fields(self)}
        out["case"] = {k: list(v) for k, v in self.case.items()}
        out["unless"] = {k: list(v) for k, v in self.unless.items()}
        return out

    @classmethod
    def from_json(cls, row: dict[str, Any]) -> SlotRow:
        """Read back what `as_json` wrote."""
        values = dict(row)
        values["case"] = {k: tuple(v) for k, v in (row.get("case") or {}).items()}
        values["unless"] = {k: tuple(v) for k, v in (row.get("unless") or {}).items()}
        return cls(**values)


@dataclass(frozen=True, slots=True)
class SlotMatch:
    """A row and how close its question and sentence are in meaning to the one asked (cosine, 0..1)."""

    row: SlotRow
    score: float
