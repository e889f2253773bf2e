"""The grounding read as units: table cells with their labels, clauses with their headings, and the entity vocabulary."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from bot.core.facts import PLACE_ALIASES, PLACES, names_in
from bot.core.meaning.sizes import SIZE_WORDS, add_sizes
from bot.core.meaning.text import (
    QTY_NOUN,
    QTY_RANGE,
    STOP,
    clauses,
    content_words,
    is_negative,
    read_condition,
    read_perks,
    read_stages,
    read_values,
    sentences,
    stem,
    typed_values,
)


@dataclass(slots=True)
class Unit:
    """A piece of the grounding that states one thing: a clause, a table cell or a fact line."""

    text: str
    words: frozenset[str]
    context: frozenset[str]  # words of the headings/title/row and column labels around it
    ents: dict[str, set[str]]  # entity class -> entity keys stated in the unit itself
    ctx_ents: set[str]  # entity keys of the context
    negative: bool
    condition: tuple[str, frozenset[str]] | None  # ("if"|"unless", condition words)
    values: list[tuple[str, str]]  # (normalised value, direction "le"|"ge"|"")
    perks: set[str]
    stages: set[tuple[str, str]] = field(default_factory=set)  # ("before", "shipped"), ...
    fact_line: bool = False  # part of a product's fact line (meaning/products.py reads those)
    order_line: bool = False  # part of an order's fact line or its restatement (meaning/orders.py reads those)
    bound: dict[str, set[str]] = field(default_factory=dict)  # value -> entity keys of its own segment
    whole: bool = False  # a sentence of several clauses (each clause is a unit of its own too)
    mixed: bool = False  # ... whose clauses differ in polarity (read clause by clause, never as a whole)


# ---------------------------------------------------------------- entities


@dataclass(slots=True)
class Vocabulary:
    """Entity names found in the grounding, each with its classes (siblings in one table column, places, products)."""

    classes: dict[str, set[str]] = field(default_factory=dict)  # key -> classes
    patterns: dict[str, re.Pattern[str]] = field(default_factory=dict)  # key -> how to spot it
    implies: dict[str, set[str]] = field(default_factory=dict)  # a table cell's name -> the rows it stands in

    def add(self, name: str, cls: str, *, match_words: Iterable[str] | None = None) -> None:
        key = name.strip().lower()
        if not key or len(key) < 2:
            return
        self.classes.setdefault(key, set()).add(cls)
        if key not in self.patterns:
            words = list(match_words) if match_words is not None else [key]
            alts = "|".join(re.escape(w) + r"(?:s|es)?" for w in sorted(set(words), key=len, reverse=True) if w)
            if alts:
                self.patterns[key] = re.compile(rf"(?<![\w-])(?:{alts})(?![\w-])", re.I)

    def add_pattern(self, name: str, cls: str, pattern: re.Pattern[str]) -> None:
        key = name.strip().lower()
        self.classes.setdefault(key, set()).add(cls)
        self.patterns[key] = pattern

    def find(self, text: str) -> dict[str, set[str]]:
        """class -> entity keys mentioned in text."""
        out: dict[str, set[str]] = {}
        for key, pattern in self.patterns.items():
            if pattern.search(text):
                for cls in self.classes[key]:
                    out.setdefault(cls, set()).add(key)
        return out


def distinctive_words(labels: list[str]) -> dict[str, list[str]]:
    """For each label of one table axis, the words that no sibling label shares ("overnight", not "shipping")."""
    words = {lab: [w for w in re.findall(r"[a-z0-9+]+", lab.lower()) if w not in STOP and len(w) > 1] for lab in labels}
    out = {}
    for lab, ws in words.items():
        others = {w for other, ows in words.items() if other != lab for w in ows}
        own = [w for w in ws if w not in others]
        out[lab] = own or ws[:1]
    return out


# ---------------------------------------------------------------- grounding


@dataclass(slots=True)
class Index:
    """The grounding as units, with its entity vocabulary."""

    units: list[Unit]
    vocab: Vocabulary
    all_words: frozenset[str]
    by_value: dict[str, list[int]]
    by_perk: dict[str, list[int]]
    df: dict[str, int] = field(default_factory=dict)  # in how many units each word occurs
    qty_nouns: dict[str, set[str]] = field(default_factory=dict)  # "characters" -> {"12"}


_PREDICATE = re.compile(r"\b(?!(?:and|or|the|of|for|to|in|on)\b)[a-z]{2,}\b")
_FACT_LINE = re.compile(r"\(SKU [A-Z0-9-]+\)")
_ORDER_LINE = re.compile(r"^\s*Order ORD-\d+ (?:placed on \d{4}-|was placed on )")  # describe_order, order_notes
_TABLE_SEP = re.compile(r"^\s*\|?\s*:?-{3,}")


Table = tuple[list[str], list[list[str]], str, str]  # header, rows, title, heading
Prose = tuple[str, str, str]  # text, title, heading


def build_index(blocks: Sequence[str], *, known_names: Iterable[str] = ()) -> Index:
    """Read grounding blocks (a passage with its title on the first line, or a fact line) into units."""
    vocab = Vocabulary()
    whole = "\n".join(blocks).lower()
    for name in names_in(whole, known_names):  # only the names the grounding states, found by their words
        if len(name) > 2:
            vocab.add(name, "product")
    for place in PLACES:
        if len(place) > 2:
            vocab.add(place, "place")
    for day in DAYS:
        vocab.add(day, "day")
    tables, labels, prose = _read_blocks(blocks)
    _add_qualifiers(vocab, whole)
    _add_names(vocab, tables, labels, prose, blocks)
    add_sizes(vocab, [text for text, _t, _h in prose if not _FACT_LINE.search(text)])
    units = _table_units(tables, vocab) + _prose_units(prose, vocab)
    all_words = frozenset().union(*(u.words | u.context for u in units)) if units else frozenset()
    by_value: dict[str, list[int]] = {}
    by_perk: dict[str, list[int]] = {}
    df: dict[str, int] = {}
    for i, u in enumerate(units):
        for v, _ in u.values:
            by_value.setdefault(v, []).append(i)
        for p in u.perks:
            by_perk.setdefault(p, []).append(i)
        for w in u.words:
            df[w] = df.get(w, 0) + 1
    qty: dict[str, set[str]] = {}
    for block in blocks:
        for m in QTY_RANGE.finditer(block):
            qty.setdefault(stem(m.group(3)), set()).update({m.group(1), m.group(2)})
        for number, noun in QTY_NOUN.findall(block):
            qty.setdefault(stem(noun), set()).add(number)
    present = {k for u in units for k in ent_keys(u.ents) | u.ctx_ents}
    # a name the grounding never states binds nothing
    vocab.patterns = {k: p for k, p in vocab.patterns.items() if k in present}
    return Index(units, vocab, all_words, by_value, by_perk, df, qty)


# lowercase qualifiers that have siblings when the grounding names two of a kind: "32 inches for men's jeans
# and 30 for women's" binds 32 to men's as a table binds it to a row ("dry-clean wool; machine wash cotton")
_QUALIFIERS: dict[str, tuple[tuple[str, tuple[str, ...]], ...]] = {
    "gender": (("men's", ("men's", "men", "mens")), ("women's", ("women's", "women", "womens"))),
    "material": tuple(
        (m, (m,))
        for m in "cotton denim linen wool leather suede nylon polyester flannel fleece cashmere silk".split()  # noqa: SIM905
    ),
    "style": tuple(
        (m, (m, m + "s"))
        for m in "puffer parka bomber softshell overcoat peacoat raincoat trench".split()  # noqa: SIM905
    ),
}


QUALIFIER_CLASSES = frozenset(_QUALIFIERS)


def _add_qualifiers(vocab: Vocabulary, whole: str) -> None:
    for cls, members in _QUALIFIERS.items():
        said = [
            (key, words)
            for key, words in members
            if any(w in whole and re.search(rf"(?<![\w-]){re.escape(w)}(?![\w-])", whole) for w in words)
        ]
        if len(said) >= 2:
            for key, words in said:
                vocab.add(key, cls, match_words=words)


def _read_blocks(blocks: Sequence[str]) -> tuple[list[Table], dict[str, list[str]], list[Prose]]:
    """Tables, bullet-list labels ("Gift wrapping:", "Name stitching:") per list, and prose lines."""
    tables: list[Table] = []
    labels: dict[str, list[str]] = {}
    prose: list[Prose] = []
    for block in blocks:
        lines = block.splitlines()
        title = lines[0].strip().lstrip("#").strip() if len(lines) > 1 else ""
        body = lines[1:] if len(lines) > 1 else lines
        heading = ""
        table: list[list[str]] = []
        for line in [*body, ""]:  # the empty last line ends a table that closes the block
            s = line.strip()
            bullet = re.match(r"^[-*]\s+\*\*([^*]{2,40}?):?\*\*:?\s", s) or re.match(
                r"^[-*]\s+([A-Za-z][^:]{1,40}):\s", s
            )
            if bullet:
                labels.setdefault(f"list:{len(tables)}:{title}:{heading}", []).append(bullet.group(1).strip())
            if s.startswith("|"):
                if not _TABLE_SEP.match(s):
                    table.append([c.strip().replace("**", "") for c in s.strip("|").split("|")])
                continue
            if len(table) >= 2:
                tables.append((table[0], table[1:], title, heading))
            table = []
            if s.startswith("#"):
                heading = s.lstrip("#").strip()
                continue
            if s:
                prose.append((s, title, heading))
    return tables, labels, prose


def _add_names(
    vocab: Vocabulary, tables: list[Table], labels: dict[str, list[str]], prose: list[Prose], blocks: Sequence[str]
) -> None:
    """Sibling names: list labels, table row and column labels, name-like table cells, proper names in prose."""
    for cls, names in labels.items():
        if len(names) >= 2:
            for label, words in distinctive_words([re.sub(r"\s*\(.*?\)", "", n) for n in names]).items():
                vocab.add(label, cls, match_words=words)
    for t, (header, rows, _title, _heading) in enumerate(tables):
        row_labels = [r[0].strip() for r in rows if r]
        if row_labels and all(lab in SIZE_WORDS for lab in row_labels):
            for lab in row_labels:  # a size table's rows: "M", "size M", "medium" (never the "m" of "p.m.")
                vocab.add_pattern(lab, f"t{t}:rows", SIZE_WORDS[lab])
            row_labels = []
        for label, words in distinctive_words(row_labels).items():
            vocab.add(label, f"t{t}:rows", match_words=words)
        for label, words in distinctive_words(header[1:]).items():
            vocab.add(label, f"t{t}:cols", match_words=words)
        for c in range(1, len(header)):
            cells = [r[c] for r in rows if c < len(r)]
            if all(re.fullmatch(r"[A-Z][A-Za-z]+", x) for x in cells) and len(set(cells)) > 1:
                for x, row in zip(cells, rows, strict=False):
                    vocab.add(x, f"t{t}:c{c}")
                    vocab.implies.setdefault(x.lower(), set()).add(row[0].strip().lower())
    lower_words = set(re.findall(r"\b[a-z][a-z]+\b", "\n".join(blocks)))
    for text, _title, _heading in prose:
        for m in re.finditer(r"(?<=[a-z,;:(] )([A-Z][a-zA-Z]+(?: [A-Z][a-zA-Z]+)*)", text):
            name = m.group(1)
            if name.lower() not in STOP and len(name) > 2:
                vocab.add(name, "proper")
        # first in a sentence, a capitalised word is a name when a member noun follows ("Bronze membership")
        for m in re.finditer(
            r"(?:^|[.!?:]\s+|^[-*]\s+)([A-Z][a-z]{2,})\s+(members?|membership|level|shipping|subscribers?|customers?)\b",
            text,
        ):  # "International shipping" is a kind of shipping, no sibling of "Gold" (a member's level)
            name = m.group(1)
            if name.lower() not in lower_words and name.lower() not in STOP:
                vocab.add(name, "proper:shipping" if m.group(2) == "shipping" else "proper")


def _table_units(tables: list[Table], vocab: Vocabulary) -> list[Unit]:
    """One unit per row and value: "Economy — Delivery time: 6–9 business days"."""
    units: list[Unit] = []
    for header, rows, title, heading in tables:
        ctx = f"{title} {heading} {header[0]}"
        for row in rows:
            groups: dict[str, list[str]] = {}
            for c in range(1, min(len(header), len(row))):
                groups.setdefault(row[c].strip(), []).append(header[c])
            for value, cols in groups.items():
                cols_text = ", ".join(cols)
                if value in ("", "–", "-", "—", "No", "no"):
                    text = f"{row[0]} — {cols_text}: not available"
                else:
                    text = f"{row[0]} — {cols_text}: {value}"
                units.append(make_unit(text, ctx, vocab, ents_from=f"{row[0]} | {cols_text} | {value}"))
    return units


def _prose_units(prose: list[Prose], vocab: Vocabulary) -> list[Unit]:
    """One unit per clause (with its heading and the paragraph's lead sentence), and per whole sentence."""
    units: list[Unit] = []
    for text, title, heading in prose:
        fact, order = bool(_FACT_LINE.search(text)), bool(_ORDER_LINE.search(text))
        lead = ""  # a paragraph's first sentence names its subject ("X by Brand (SKU ...)", "Bronze membership ...")
        for sentence in sentences(text):
            lead = lead or sentence
            parts = clauses(sentence)
            for clause in parts:
                units.append(
                    make_unit(
                        clause,
                        f"{title} {heading} {lead if lead != sentence else ''} {sentence}",
                        vocab,
                        topic=f"{title} {heading}",
                    )
                )
                units[-1].fact_line, units[-1].order_line = fact, order
            if len(parts) > 1:  # the whole sentence too: a clause without its subject ("never expire") reads with it
                full = make_unit(sentence, f"{title} {heading}", vocab, topic=f"{title} {heading}")
                full.fact_line, full.order_line = fact, order
                full.negative = any(u.negative for u in units[-len(parts) :])
                full.whole = True
                # clauses that state something (a list of names continuing a clause states nothing of its own)
                stating = [u for u in units[-len(parts) :] if _PREDICATE.search(re.sub(r"\([^)]*\)", "", u.text))]
                full.mixed = len({u.negative for u in stating}) > 1
                units.append(full)
    return units


def make_unit(text: str, context: str, vocab: Vocabulary, *, ents_from: str | None = None, topic: str = "") -> Unit:
    """A unit; a perk its section's heading names ("Is my shipping refunded?") goes with what the section says."""
    clean = text.replace("**", "")
    low = clean.lower()
    ctx_ents = {k for keys in vocab.find(context).values() for k in keys}
    row_keys = {k for cls, keys in vocab.find(ents_from or "").items() if not cls.endswith(":cols") for k in keys}
    return Unit(
        text=clean,
        words=content_words(clean),
        context=content_words(context),
        ents=vocab.find(ents_from or clean),
        ctx_ents=ctx_ents,
        negative=is_negative(clean, plain=True),  # "with no shipping fee" states a perk, not a refusal
        condition=read_condition(clean),
        values=read_values(clean),
        perks=read_perks(low, plain=True) | read_perks(topic.lower()),  # "no shipping fee" reads as "free" (read_perks)
        stages=read_stages(clean),
        bound=bind_values(clean, vocab) if ents_from is None else dict.fromkeys(typed_values(clean), row_keys),
    )


DAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_RANGE = re.compile(rf"\b({'|'.join(DAYS)})\s*(?:to|through|thru|-|–|—)\s*({'|'.join(DAYS)})\b", re.I)
_SEGMENT = re.compile(r",\s+|;\s*|\s+and\s+|\s+(?:but|while|whereas)\s+|\s+[–—]\s+")


def segments(text: str) -> list[str]:
    """The parts of a clause that each bind their own values ("Economy $5.00 (6–9 days), Standard $8.00"):
    split at commas, "and", dashes, never inside parentheses."""
    out, depth, start = [], 0, 0
    masked = []
    for ch in text:  # what stands in parentheses is masked, so the split never cuts inside them
        depth += ch == "("
        masked.append("x" if depth > 0 and not ch.isspace() else ch)
        depth -= ch == ")" and depth > 0
    for m in _SEGMENT.finditer("".join(masked)):
        out.append(text[start : m.start()])
        start = m.end()
    out.append(text[start:])
    return [s for s in out if s.strip()]


_PLACE_KEY = {alias.lower(): names[0].lower() for alias, names in PLACE_ALIASES.items()}


def segment_keys(seg: str, vocab: Vocabulary) -> set[str]:
    """Entity keys a segment names (a place by its usual name: "US" is "united states"), with the days a
    range covers ("Monday to Friday")."""
    keys = {_PLACE_KEY.get(k, k) for cls, ks in vocab.find(seg).items() if not cls.endswith(":cols") for k in ks}
    return keys | days_covered(seg)


def days_covered(text: str) -> set[str]:
    """The weekdays inside the day ranges of a text ("Monday–Friday" covers Tuesday to Thursday)."""
    out: set[str] = set()
    for m in _DAY_RANGE.finditer(text):
        a, b = DAYS.index(m.group(1).lower()), DAYS.index(m.group(2).lower())
        out |= set(DAYS[a : b + 1]) if a <= b else set()
    return out


def bind_values(text: str, vocab: Vocabulary) -> dict[str, set[str]]:
    """Each value of a clause with the entities of its own segment (or of the segment before it, when its
    own names none): "30 days for Guests, 90 days for Bronze members" binds 30 to guests, 90 to bronze."""
    out: dict[str, set[str]] = {}
    previous: set[str] = set()
    listed: set[str] = (
        set()
    )  # names of a list that runs into the segment with the values ("Canada, Mexico, ... with DHL")
    for seg in segments(text):
        values = typed_values(seg)
        keys = segment_keys(seg, vocab)
        if not values and len(seg.split()) <= 4:
            listed |= keys
            continue
        keys = (keys | listed) if keys else (listed or previous)
        listed = set()
        previous = keys
        for value in values:
            out.setdefault(value, set()).update(keys)
    return out


def ent_keys(ents: dict[str, set[str]]) -> set[str]:
    return {k for ks in ents.values() for k in ks}
