"""Rules on the numbers of a claim: each value bound to its entity (per segment of a sentence, by kind), its
direction, what it is counted per, and the statement it belongs to."""

from __future__ import annotations

import re

from bot.core.meaning.claims import Claim, compatible, ent_names
from bot.core.meaning.index import Index, Unit, ent_keys, segment_keys, segments
from bot.core.meaning.perks import record_keys
from bot.core.meaning.text import NEG, QTY_NOUN, content_words, per_values, read_values, stem, typed_values

Feats = dict[str, float]


def value_rules(
    claim: Claim,
    index: Index,
    feats: Feats,
    reasons: list[str],
    q_values: frozenset[str] = frozenset(),
    worked_out: frozenset[str] = frozenset(),
) -> None:
    """Binding and direction of every number, read with the names of its own part of the clause
    ("takes 3–5 business days and costs $8.00": 3–5 goes with the time, $8.00 with the cost)."""
    located: list[tuple[str, str, Claim, str]] = []
    subject = {cls: keys for cls, keys in claim.ents.items() if not cls.endswith(":cols")}
    for seg, local in _value_parts(claim.text, subject, index):
        part = Claim(
            seg, claim.sentence, claim.words, local, claim.negative, claim.condition, [], set(), claim.inherited
        )
        located += [(v, d, part, t) for (v, d), t in zip(read_values(seg), typed_values(seg), strict=True)]
    order_keys = record_keys(index)
    subject_keys = ent_keys(subject)
    for value, direction, part, typed in located:
        cands = [index.units[i] for i in index.by_value.get(value, [])]
        if not cands or value in worked_out:
            continue  # an unknown number is the word-level verifier's business
        # an order line's amounts and dates are bound to their fields by meaning/orders.py: said of the order's own
        # names (its carrier, its shipping method, its items) or of none, the value is the record's
        ok = [
            u
            for u in cands
            if (u.order_line and subject_keys <= order_keys)
            or (compatible(part, u, index.vocab.implies) and not _segment_conflict(part, typed, u, index))
        ]
        if not ok:
            feats["binding"] += 1
            owners = sorted({k for u in cands for k in ent_keys(u.ents)})[:3]
            reasons.append(
                f"binds {value} to {ent_names(part.ents, claim.inherited)}, but the shop's data gives it to {', '.join(owners) or 'something else'}"
            )
            continue
        # the direction of the statement the claim restates (most shared words), not of any mention of the value
        best = max(len(claim.words & u.words) for u in ok)
        dirs = {d for u in ok if len(claim.words & u.words) == best for v, d in u.values if v == value}
        if (
            direction
            and "" not in dirs
            and direction not in dirs
            and not _shopper_case(claim.text, value, direction, q_values)
        ):
            feats["direction"] += 1
            reasons.append(
                f"says {'at most' if direction == 'le' else 'at least'} {value}, but the shop's data says the opposite"
            )


_PAREN = re.compile(r"\(([^()]*)\)")


def _value_parts(text: str, subject: dict[str, set[str]], index: Index) -> list[tuple[str, dict[str, set[str]]]]:
    """The parts of a clause that bind their own values, each with its names: split at "and"/commas/dashes (never
    inside parentheses). A part that names its own sibling binds its values to it ("Silver takes $500 … and Gold
    $1,500": $1,500 is Gold's alone), with the names of a list that runs into it ("Silver and Gold get …"); a
    parenthesis binds to the names of the text before it ("Silver ($500+ in 12 months)") unless it names its own
    ("men's sizes (women's large is 37–39)"); a part that names nothing takes the clause's names, but not those only
    a later part says ("$264.99 in charcoal, sizes S–XXL") nor siblings the parts before it paired with their own
    values ("80% wool, 20% nylon, $264.99": the price is neither the wool's nor the nylon's)."""
    parts: list[tuple[str, dict[str, set[str]], dict[str, set[str]] | None]] = []  # (text, names, names before it)
    for seg in segments(text) or [text]:
        outer = _PAREN.sub(" ", seg)
        parts.append((outer, found := index.vocab.find(outer), None))
        start = 0
        for m in _PAREN.finditer(seg):
            lead = index.vocab.find(seg[start : m.start()]) or found  # "Silver (…) comes before Gold (…)"
            parts += [(p, index.vocab.find(p), lead) for p in segments(m.group(1)) or [m.group(1)]]
            start = m.end()
    out: list[tuple[str, dict[str, set[str]]]] = []
    listed: dict[str, set[str]] = {}
    before: dict[str, set[str]] = {}  # names said so far
    paired: dict[str, set[str]] = {}  # per class, the siblings earlier parts bound to their own values
    for n, (part, own, names_before) in enumerate(parts):
        valued = bool(read_values(part))
        later = {k for _, f, _ in parts[n + 1 :] for ks in f.values() for k in ks}
        local = {
            cls: set(keys) - (later - before.get(cls, set()))
            for cls, keys in subject.items()
            if len(paired.get(cls, ())) < 2
        }
        if names_before is not None and not own:
            local.update({cls: set(keys) for cls, keys in names_before.items()})
        for cls, keys in own.items():
            local[cls] = set(keys) | (listed.get(cls, set()) if valued else set())
            before.setdefault(cls, set()).update(keys)
            if valued:
                paired.setdefault(cls, set()).update(keys)
        if own and not valued and len(part.split()) <= 4:
            for cls, keys in own.items():
                listed.setdefault(cls, set()).update(keys)
        elif valued:
            listed = {}
        out.append((part, {cls: keys for cls, keys in local.items() if keys}))
    return out


_FIELD = re.compile(r"^\s*[A-Z][\w ]{1,30}:\s+\S")  # a record's field: "Rating: 4.7 out of 5."


def value_swap_rule(
    claim: Claim, index: Index, feats: Feats, reasons: list[str], worked_out: frozenset[str] = frozenset()
) -> None:
    """A number moved to another statement: "paper checks take 3 business days to arrive" where the data
    says checks take 5–7 business days to arrive and 3 business days is how long processing takes. The
    statement that says most of what the claim says holds a number of the same kind, but not this one,
    and every statement that holds this one says clearly less."""
    for seg in re.split(r"\s+(?:and|but|while)\s+|,\s+|;\s*", claim.text):
        typed = typed_values(seg)
        own = content_words(seg)
        words = own if len(own) >= 3 else claim.words
        if not typed or len(words) < 3:
            continue
        if (
            own
            and len(own) < 3
            and any(_FIELD.match(u.text) and own & u.words for u in index.units if set(typed) & set(u.bound))
        ):
            continue  # "…, rated 4.7 out of 5": the short part names the field that holds its value ("Rating: 4.7")

        def cover(u: Unit, words: frozenset[str] = words) -> float:
            return len(words & u.words) / len(words)

        scored = sorted(((cover(u), u) for u in index.units if u.bound and not u.order_line), key=lambda x: -x[0])
        if not scored or scored[0][0] < 0.6:
            continue
        best_cover, best = scored[0]
        for value in typed:
            kind = value.split(":", 1)[0]
            if value.split(":", 1)[1] in worked_out or _rating_said(seg, value, index):
                continue
            holders = [c for c, u in scored if value in u.bound]
            if value in best.bound or not holders or not any(k.startswith(kind + ":") for k in best.bound):
                continue
            if max(holders) <= best_cover - 0.25:
                feats["binding"] += 1
                reasons.append(f"says {value.split(':', 1)[1]} where the shop's data says: {best.text!r}")
                return


_RATING = re.compile(r"(\d(?:\.\d)?)\s*(?:/\s*5|out of 5)\b")


def _rating_said(seg: str, value: str, index: Index) -> bool:
    """ "rated 4.5/5", "(4.7 out of 5)": written as a rating, the value is the record's rating wherever the sentence
    puts it, when the data rates it so ("Rating: 4.5 out of 5.")."""
    number = value.split(":", 1)[1]
    ratings = [m.group(1) for m in _RATING.finditer(seg)]
    if ratings and number == "5":
        return True  # the scale of "4.5/5"
    return number in ratings and any(f"{number} out of 5" in u.text for u in index.units)


def per_rule(claim: Claim, index: Index, feats: Feats, reasons: list[str]) -> None:
    """ "$5.00 per order" where the data says $5.00 per item (and "per item" where it says per pair)."""
    for value, per in per_values(claim.text).items():
        said = {p for u in index.units if value in u.bound for p in per_values(u.text).get(value, ())}
        if said and not per & said:
            feats["binding"] += 1
            reasons.append(
                f"says {value.split(':', 1)[1]} per {'/'.join(sorted(per))}; the shop's data says per {'/'.join(sorted(said))}"
            )
            return


def _segment_conflict(part: Claim, value: str, unit: Unit, index: Index) -> bool:
    """Within the unit, the value stands with a sibling of the claim's entity, not with it ("Economy $5.00,
    Standard $8.00": $5.00 is Economy's; "10 a.m. Monday to Saturday and 11 a.m. on Sunday")."""
    if unit.bound and value not in unit.bound:
        return True  # the unit holds the number as another kind ("3–5 days" for "$5.00")
    bound = unit.bound.get(value)
    keys = segment_keys(part.text, index.vocab) or ent_keys(part.ents) or ent_keys(part.inherited)
    if not bound or not keys:
        return False
    classes = index.vocab.classes
    for cls in {c for k in keys for c in classes.get(k, ()) if not c.endswith(":cols") and c != "product"}:
        mine = {k for k in keys if cls in classes.get(k, ())}
        said = {b for b in bound if cls in classes.get(b, ())}
        if said and not mine & said:
            return True
    return False


_BECAUSE = re.compile(r"\b(?:since|because|as|given that|it'?s been|it has been)\b", re.I)


def _shopper_case(text: str, value: str, direction: str, q_values: frozenset[str]) -> bool:
    """ "Since it's been more than 7 days" when the question says 9 days: the reply compares the shopper's
    own number with the data's threshold (a reason, not a rule: "since", "because"), and the comparison holds."""
    if not _BECAUSE.search(text):
        return False
    try:
        limit = float(value)
        theirs = [float(v) for v in q_values if re.fullmatch(r"\d+(?:\.\d+)?", v)]
    except ValueError:
        return False
    return any(v > limit if direction == "ge" else v < limit for v in theirs)


def cell_phrase_rule(claim: Claim, index: Index, feats: Feats, reasons: list[str]) -> None:
    """A phrase that stands for a value without a number ("Next business day" in a table cell, or "(next business
    day)" after a name in a list) said of another sibling: "Standard arrives the next business day" where the
    phrase is Overnight's delivery time."""
    mine = {k for cls, keys in claim.ents.items() if cls not in ("place", "product", "day") for k in keys}
    if not mine:
        return
    low = _plain(claim.text)
    bound: dict[str, set[str]] = {}
    for phrase, keys in _phrases(index):
        bound.setdefault(phrase, set()).update(keys)
    for phrase, keys in bound.items():
        if any(f" {phrase} " in _plain(u.text) and not keys & ent_keys(u.ents) for u in index.units):
            continue  # the data also says the phrase of something else ("later orders ship the next business day")
        siblings = {
            k
            for k in keys
            if index.vocab.classes.get(k, set()) & {c for m in mine for c in index.vocab.classes.get(m, set())}
        }
        if f" {phrase} " in low and siblings and not siblings & mine:
            feats["binding"] += 1
            reasons.append(
                f"says {phrase!r} of {', '.join(sorted(mine))}; the shop's data says it of {', '.join(sorted(siblings))}"
            )
            return


def _plain(text: str) -> str:
    return " " + " ".join(re.sub(r"[^a-z0-9 ]+", " ", text.lower()).split()) + " "


def _phrases(index: Index) -> list[tuple[str, set[str]]]:
    """(phrase, the names it is said of): a table cell of two or more words and no number, with its row; a
    parenthesis of two or more words and no number, with the names of its segment."""
    out: list[tuple[str, set[str]]] = []
    for u in index.units:
        if u.fact_line:
            continue
        head, sep, value = u.text.rpartition(": ")
        rows = {k for c, ks in u.ents.items() if c.endswith(":rows") for k in ks}
        if sep and " — " in head and rows and not re.search(r"\d", value) and len(value.split()) >= 2:
            out.append((_plain(value).strip(), rows))
            continue
        for seg in segments(u.text):
            for inner in re.findall(r"\(([^()]*)\)", seg):
                keys = segment_keys(re.sub(r"\([^()]*\)", " ", seg), index.vocab)
                # a parenthesis of names ("England, Scotland, Wales") spells the name out; it is no value
                if keys and not re.search(r"\d", inner) and len(inner.split()) >= 2 and not index.vocab.find(inner):
                    out.append((_plain(inner).strip(), keys))
    return out


def quantity_rule(claim: Claim, index: Index, feats: Feats, reasons: list[str], q_values: frozenset[str]) -> None:
    """ "10 characters" where the data says "12 characters" (and "$10.00" for something else)."""
    for number, noun in QTY_NOUN.findall(claim.text):
        if number in q_values and NEG.search(claim.text):
            continue  # "not at 3 days": the shopper's own case, from the question
        said = index.qty_nouns.get(stem(noun))
        if said and number not in said and not any(f"number:{number}" in u.bound for u in index.units):
            feats["binding"] += 1
            reasons.append(f"says {number} {noun}, but the shop's data says {', '.join(sorted(said))} {noun}")
