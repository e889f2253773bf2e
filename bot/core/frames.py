"""Slot-filling frames: the model writes the sentence, code puts the verified values in.

An answer from the data ("Yes, the Gap Bowery Jacket comes in navy for 79.00 USD.") becomes a frame with one
named slot per value ("Yes, the {product} comes in {colour} for {price}."): prices, dates, order numbers, codes,
e-mail addresses, numbers, sizes, statuses, carriers, product and brand names, colours and the words the answer
quotes from a listing. The model rewords the frame, which is short and holds no digit or name it could swap;
`fill` puts the values back. A frame that drops a slot, adds one, or writes a digit or a brace of its own is
refused; the filled text then goes through the same paraphrase and coverage checks as any rewording.

A list (a discovery answer's product lines) is not given to the model: only its first line is framed, and the
lines below it follow as the code built them.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from bot.core.facts import extract_facts, find_names, name_pattern

SLOT = re.compile(r"\{([a-z]+[0-9]?)\}")
# the kind of fact -> the slot's name (what the model reads)
_FACT_SLOTS = {
    "email": "email",
    "url": "link",
    "order_id": "order",
    "sku": "code",
    "date": "date",
    "money": "price",
    "phone": "phone",
    "time": "time",
    "percent": "percent",
    "number": "number",
}
# values that are words, kept as the answer says them (a size, an order's status, a carrier)
_WORD_SLOTS = (
    ("size", re.compile(r"(?<![\w-])(?:XXS|XS|S|M|L|XL|XXL|XXXL)(?![\w-])")),
    ("status", re.compile(r"\b(?:out for delivery|placed|processing|shipped|delivered|cancelled|returned)\b", re.I)),
    # "DHL Express" is one carrier (not DHL and the clothing brand Express)
    ("carrier", re.compile(r"\b(?:UPS|USPS|FedEx|DHL)(?: Express| Ground| Priority Mail| Home Delivery)?\b")),
)
_QUOTED = re.compile(r"\"[^\"\n]{1,200}\"|\u201c[^\u201d\n]{1,200}\u201d")
# "It says: material 100% cotton; care machine wash." - the listing's own fields, quoted as they stand
_LISTING = re.compile(r"(?<=It says: )[^\n]+?(?=\.(?:\s|$))")
# slots of one kind in a row ("S, M and L") are one list slot
_JOIN = r"(?:,\s*|\s+and\s+|\s+or\s+|,\s+and\s+|,\s+or\s+|/)"


@dataclass(slots=True)
class Frame:
    """An answer's first line with its values as named slots, the values, and the lines below it."""

    text: str
    values: dict[str, str] = field(default_factory=dict)
    tail: str = ""  # the rest of the answer (a product list), sent as it stands

    @property
    def slots(self) -> Counter[str]:
        return Counter(SLOT.findall(self.text))


def _spans(line: str, names: tuple[str, ...], name_kinds: Mapping[str, str]) -> list[tuple[int, int, str]]:
    """(start, end, slot kind) of every value in `line`, earlier and longer claims first, never overlapping."""
    found: list[tuple[int, int, str]] = []
    for m in list(_QUOTED.finditer(line)) + list(_LISTING.finditer(line)):
        found.append((m.start(), m.end(), "quote" if m.group(0)[:1] in '"\u201c' else "details"))
    for name in find_names(line, names):  # every mention ("washed black, ..., black and white": both blacks)
        kind = name_kinds.get(name.value.lower(), "name")
        found += [(m.start(), m.end(), kind) for m in name_pattern(name.value).finditer(line)]
    for fact in extract_facts(line):
        found.append((fact.start, fact.end, _FACT_SLOTS.get(fact.kind, "value")))
    for kind, pattern in _WORD_SLOTS:
        found += [(m.start(), m.end(), kind) for m in pattern.finditer(line)]
    found.sort(key=lambda s: (s[0], -(s[1] - s[0])))
    kept: list[tuple[int, int, str]] = []
    for span in found:
        if all(span[1] <= s or span[0] >= e for s, e, _ in kept):
            kept.append(span)
    return sorted(kept)


def _merge_lists(spans: list[tuple[int, int, str]], line: str) -> list[tuple[int, int, str]]:
    """Neighbouring slots of one kind joined by a comma, "and" or "or" become one slot ("sizes")."""
    out: list[tuple[int, int, str]] = []
    for span in spans:
        if out and out[-1][2].rstrip("s") == span[2] and re.fullmatch(_JOIN, line[out[-1][1] : span[0]]):
            out[-1] = (out[-1][0], span[1], span[2] + ("" if span[2].endswith("s") else "s"))
        else:
            out.append(span)
    return out


def make_frame(answer: str, names: tuple[str, ...] = (), name_kinds: Mapping[str, str] | None = None) -> Frame:
    """The answer's first line as a frame (values as slots), the values by slot, the other lines as the tail."""
    first, _, rest = answer.strip().partition("\n")
    spans = _merge_lists(_spans(first, names, name_kinds or {}), first)
    values: dict[str, str] = {}
    by_value: dict[str, str] = {}
    pieces, at = [], 0
    for start, end, kind in spans:
        value = first[start:end]
        slot = by_value.get(value)
        if slot is None:
            count = sum(1 for s in values if s.rstrip("0123456789") == kind)
            slot = kind if not count else f"{kind}{count + 1}"
            values[slot], by_value[value] = value, slot
        pieces += [first[at:start], "{" + slot + "}"]
        at = end
    pieces.append(first[at:])
    return Frame("".join(pieces), values, ("\n" + rest) if rest else "")


def frame_question(question: str, frame: Frame) -> str:
    """The question with the frame's values said as their slots (so the model copies a slot, not a value)."""
    out = question
    for slot, value in sorted(frame.values.items(), key=lambda kv: -len(kv[1])):
        out = re.sub(rf"(?<!\w){re.escape(value)}(?!\w)", "{" + slot + "}", out, flags=re.I)
    return out


def frame_problems(written: str, frame: Frame, names: Iterable[str] = ()) -> list[str]:
    """Why the model's frame cannot be filled in (empty: every slot stands, none added, no digit or brace of its own,
    and none of the shop's `names` written outside a slot: every name of the answer is a slot)."""
    problems: list[str] = []
    mine, theirs = frame.slots, Counter(SLOT.findall(written))
    missing = sorted(set(mine) - set(theirs))
    if missing:
        problems.append(f"drops the slot(s) {', '.join(missing)}")
    unknown = sorted(set(theirs) - set(mine))
    if unknown:
        problems.append(f"adds the slot(s) {', '.join(unknown)}")
    repeated = sorted(s for s in theirs if s in mine and theirs[s] > mine[s])
    if repeated:
        problems.append(f"repeats the slot(s) {', '.join(repeated)}")
    bare = SLOT.sub("", written)
    if "{" in bare or "}" in bare:
        problems.append("a brace outside a slot")
    if re.search(r"\d", bare):
        problems.append("writes a digit of its own")
    own = [n.value for n in find_names(bare, tuple(names))] if names else []
    if own:
        problems.append(f"writes a name of its own ({', '.join(dict.fromkeys(own))})")
    return problems


def as_statement(line: str) -> str:
    """A list's introduction ("Here are 3 of our jeans:") read as a statement, for the paraphrase check."""
    return line[:-1] + "." if line.rstrip().endswith(":") else line


def fill(written: str, frame: Frame) -> str:
    """The model's frame with the values put in (call only when `frame_problems` found none)."""
    return SLOT.sub(lambda m: frame.values.get(m.group(1), m.group(0)), written)


def name_kinds(catalog: Iterable[Mapping[str, Any]]) -> dict[str, str]:
    """Lower-cased product names, brands and colours -> their slot's name."""
    kinds: dict[str, str] = {}
    for product in catalog:
        for colour in product.get("colors") or []:
            kinds.setdefault(str(colour).lower(), "colour")
        if product.get("brand"):
            kinds[str(product["brand"]).lower()] = "brand"
        if product.get("name"):
            kinds[str(product["name"]).lower()] = "product"
    return kinds
