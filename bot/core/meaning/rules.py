"""The structural rules for one claim: binding, direction, perks, swaps, stages, polarity and condition.

Each rule adds to `feats` (a count per HARD feature) and says why in `reasons`."""

from __future__ import annotations

import re

from bot.core.meaning.claims import Claim, align, cond_matches, conflicts, ent_names
from bot.core.meaning.index import QUALIFIER_CLASSES, Index, Unit, ent_keys
from bot.core.meaning.lexical import contrast_rule, universal_rule
from bot.core.meaning.lists import enumerated
from bot.core.meaning.order_records import RESTATED_STATE
from bot.core.meaning.perks import perk_rules
from bot.core.meaning.text import (
    FEATURES,
    IF,
    NEG,
    PARTICLE,
    STOP,
    UNLESS,
    content_words,
    read_stages,
    split_condition,
    stem,
)
from bot.core.meaning.values import cell_phrase_rule, per_rule, quantity_rule, value_rules, value_swap_rule

Feats = dict[str, float]

# words that name the order's stage, not the action a stage rule is about
_STAGE_VOCAB = frozenset(
    ["ship", "deliver", "deliv", "arriv", "order", "plac", "process", "receiv"]
    + ["until", "after", "once", "before", "still", "while"]
)


def claim_rules(
    claim: Claim,
    index: Index,
    q_words: frozenset[str],
    q_values: frozenset[str] = frozenset(),
    worked_out: frozenset[str] = frozenset(),
) -> tuple[list[str], Feats]:
    """The structural checks for one claim clause: reasons, and feature values. q_values: the question's own
    numbers (the shopper's case: "it's been 9 days"), which a reply may restate or compare with the data's; worked_out:
    the figures the reply works out from the data's (meaning/derived.py), bound to nothing of the data."""
    reasons: list[str] = []
    feats = dict.fromkeys(FEATURES, 0.0)
    feats.update(cover=1.0, negated=float(claim.negative), has_value=float(bool(claim.values)))
    value_rules(claim, index, feats, reasons, q_values, worked_out)
    quantity_rule(claim, index, feats, reasons, q_values)
    value_swap_rule(claim, index, feats, reasons, worked_out)
    per_rule(claim, index, feats, reasons)
    cell_phrase_rule(claim, index, feats, reasons)
    _names_together_rule(claim, index, feats, reasons)
    perk_rules(claim, index, q_words, feats, reasons)
    _coverage(claim, index, q_words, feats, reasons)
    _swap_rule(claim, index, feats, reasons)
    _stage_rule(claim, index, q_words, feats, reasons)
    _polarity_rule(claim, index, q_words, feats, reasons)
    _only_rule(claim, index, feats, reasons)
    _universal_rule(claim, index, q_words, feats, reasons)
    contrast_rule(claim, index, q_words, feats, reasons)
    universal_rule(claim, index, feats, reasons)
    return reasons, feats


def _names_together_rule(claim: Claim, index: Index, feats: Feats, reasons: list[str]) -> None:
    """Names bound together: "overnight ... USPS", "Guests and Bronze members ... store credit"."""
    ents = {  # column names and qualifiers (men's, wool) are attributes, not names
        c: k for c, k in claim.ents.items() if not c.endswith(":cols") and c not in QUALIFIER_CLASSES
    }
    units = [u for u in index.units if not u.order_line]  # an order's items, carrier, month: orders.py reads them
    said = {k for u in units for k in ent_keys(u.ents)}
    ents = {c: k & said for c, k in ents.items() if k & said}
    keys = ent_keys(ents)
    structured = {c: k for c, k in ents.items() if c.startswith(("t", "list:"))}  # table and list siblings
    distinct = [
        (c1, c2) for c1 in structured for c2 in ents if c1 != c2 and ents[c1] - ents[c2] and ents[c2] - ents[c1]
    ]
    if len(keys - enumerated(claim)) <= 1:
        return  # the items of one list named together ("original card, store credit, a gift card or a paper check")
    if (
        distinct
        and len(keys) >= 2
        and not any(not conflicts(ents, u) and len(keys & ent_keys(u.ents)) >= 2 for u in units)
        and any(len(keys & ent_keys(u.ents)) >= 1 for u in units)
    ):
        feats["binding"] += 1
        reasons.append(f"puts {', '.join(sorted(keys))} together, which no statement of the shop's data does")


def _coverage(claim: Claim, index: Index, q_words: frozenset[str], feats: Feats, reasons: list[str]) -> None:
    """Soft features (best single-unit coverage, words the grounding never uses) and new names."""
    words = claim.words - q_words
    if words:
        feats["cover"] = max((len(words & (u.words | u.context)) / len(words) for u in index.units), default=0.0)
        feats["novel"] = len(words - index.all_words) / len(words)
    feats["new_name"] = float(bool(claim.new_names))
    if claim.new_names:
        reasons.append(f"names {', '.join(sorted(claim.new_names))}, which the shop's data does not mention")
    # a condition of two or more words, none of which the shop's data or the question uses, is a condition
    # the data does not set ("once they pass inspection"); one word alone may be a paraphrase ("if it's gone")
    cond = claim.condition[1] if claim.condition else frozenset()
    known = {w[:5] for w in index.all_words | q_words}  # a word of the same family ("delivered", "delivery")
    if len(cond) >= 2 and not {w[:5] for w in cond} & known:
        feats["condition"] += 1
        reasons.append(f"sets a condition the shop's data does not state: {' '.join(sorted(cond))}")


def _swap_rule(claim: Claim, index: Index, feats: Feats, reasons: list[str]) -> None:
    """The statement the claim makes, said of another entity ("Gold lasts as long as you keep your account")."""
    swap_ents = {c: k for c, k in claim.ents.items() if c not in ("place", "product")}
    if len(swap_ents.get("material", ())) > 1 and any(
        swap_ents["material"] <= u.ents.get("material", set()) for u in index.units
    ):
        del swap_ents["material"]  # a composition the data states together ("80% wool, 20% nylon") is no sibling
    if not ent_keys(swap_ents) or len(claim.words) < 2:
        return

    def cover(u: Unit) -> float:
        return len(claim.words & u.words) / len(claim.words)

    units = [u for u in index.units if not u.order_line]  # an order's record: orders.py binds its values
    if not units:
        return
    best_any = max(units, key=cover)
    peers = [u for u in units if not conflicts(swap_ents, u)]
    best_ok = max((cover(u) for u in peers), default=0.0)
    if cover(best_any) >= 0.6 and conflicts(swap_ents, best_any) and best_ok < cover(best_any) - 0.2:
        feats["swap"] = 1.0
        keys = ", ".join(sorted(ent_keys(claim.ents)))
        reasons.append(f"says of {keys} what the shop's data says of another: {best_any.text!r}")


def _stage_rule(claim: Claim, index: Index, q_words: frozenset[str], feats: Feats, reasons: list[str]) -> None:
    """When the rule applies: "until it is delivered" where the data says "until it ships"."""
    text = claim.text
    if any(u.order_line for u in index.units):  # an order's state, checked against its record (orders.stated)
        text = RESTATED_STATE.sub(" ", text)
    claim_stages = read_stages(text)
    if not claim_stages:
        return
    action = (claim.words - _STAGE_VOCAB) or (
        q_words - _STAGE_VOCAB
    )  # "Only until it ships": what the shopper asked about
    related = [u for u in index.units if u.stages and action & (u.words | u.context)]
    # "can't be changed once it is out for delivery" restates "can be changed until it is out for delivery"
    flip = {"before": "after", "after": "before"}
    said_stages = {(d if u.negative == claim.negative else flip[d], st) for u in related for d, st in u.stages}
    for pair in claim_stages - said_stages:
        if said_stages:
            feats["condition"] += 1
            said = ", ".join(sorted(f"{d} {st}" for d, st in said_stages))
            reasons.append(f"says it applies {pair[0]} the order is {pair[1]}; the shop's data says {said}")
            break


def _polarity_rule(claim: Claim, index: Index, q_words: frozenset[str], feats: Feats, reasons: list[str]) -> None:
    """Polarity and condition against the best-aligned unit; a bare answer word ("No deadline at all",
    "Yes to both") is judged with the clause that follows it."""
    bare = _bare(claim)
    # applying the rule to the shopper's own number ("so a $60 order wouldn't qualify") restates no statement
    applied = any(v not in index.by_value for v, _ in claim.values)
    aligned = None if bare or applied else align(claim, index.units, q_words, index)
    if aligned is not None and aligned.order_line:  # the record is orders.py's; a rule about it is the policy's
        aligned = align(claim, [u for u in index.units if not u.order_line], q_words, index)
    if aligned is not None and aligned.mixed:
        aligned, reason = _clause_of(claim, aligned, index)
        if reason:
            feats["polarity"] += 1
            reasons.append(reason)
            return
    if aligned is None or aligned.fact_line or aligned.order_line or _restates_condition(claim, aligned):
        return  # fact lines: products.py/orders.py read them; "it hasn't shipped yet" states the case of a rule
    expected_negative = aligned.negative
    c_cond, u_cond = claim.condition, aligned.condition
    if (
        u_cond is not None
        and u_cond[0] == "unless"
        and c_cond is None
        and (claim.words | ent_keys(claim.ents)) & u_cond[1]
    ):
        expected_negative = not expected_negative  # the claim is about the exception ("except for Gold members")
        u_cond = None
    same_polarity = expected_negative in (
        claim.negative,
        claim.negative if claim.plain_negative is None else claim.plain_negative,
    )
    conds_differ = c_cond is not None and u_cond is not None and c_cond[0] != u_cond[0]
    flipped_ok = not same_polarity and conds_differ and cond_matches(c_cond[1], u_cond[1])  # type: ignore[index]
    # "once it is out for delivery we can't" restates "if it has not gone out for delivery, we can"
    both_flipped = (
        c_cond is not None and u_cond is not None and _negated_condition(claim.text, aligned.text, loose=True)
    )
    if not same_polarity and not (flipped_ok or both_flipped or _other_predicate(claim, aligned)):
        if conds_differ:
            feats["condition"] += 1
            reasons.append(f"changes the condition of: {aligned.text!r}")
        else:
            feats["polarity"] += 1
            reasons.append(f"says the opposite of: {aligned.text!r}")
    elif same_polarity and conds_differ and cond_matches(c_cond[1], u_cond[1]):  # type: ignore[index]
        # "cannot be returned if defective" where the data says "unless defective"
        feats["condition"] += 1
        reasons.append(f"turns the exception into the condition of: {aligned.text!r}")
    elif same_polarity and c_cond is not None and u_cond is not None and _negated_condition(claim.text, aligned.text):
        feats["condition"] += 1
        reasons.append(f"negates the condition of: {aligned.text!r}")
    elif (
        same_polarity
        and c_cond is not None
        and u_cond is not None
        and not cond_matches(c_cond[1], u_cond[1])
        and c_cond[1] - u_cond[1] <= index.all_words  # words the shop never uses are a paraphrase ("if it's gone")
    ):
        feats["condition"] += 1
        reasons.append(f"changes the condition of: {aligned.text!r}")


def _restates_condition(claim: Claim, unit: Unit) -> bool:
    """The claim says the unit's condition, with the condition's own polarity: it states the case, not the rule."""
    _, marker, cond = split_condition(unit.text)
    words = content_words(cond)
    if claim.condition is not None or not marker or not words or not claim.words:
        return False
    return len(claim.words & words) >= 0.6 * len(claim.words) and claim.negative == bool(NEG.search(cond))


def _bare(claim: Claim) -> bool:
    """Too little of its own to find the statement it restates: an answer word ("Yes to both"), a condition
    alone ("Yes, as long as it has not shipped"), one word of its own ("and have no fees")."""
    main, _, _ = split_condition(claim.text)
    return (
        len(re.findall(r"\w+", PARTICLE.sub("", claim.text))) <= 3
        or len(re.findall(r"\w+", main)) <= 1
        or len(claim.words) <= 1
    )


def _clause_of(claim: Claim, whole: Unit, index: Index) -> tuple[Unit | None, str]:
    """ "Bronze, Silver and Gold members receive ...; Guests cannot ...": the clauses of the sentence that speak
    of the claim's names (a reason instead when none does)."""
    names = {c: {k for k in ks if "place" not in index.vocab.classes.get(k, ())} for c, ks in claim.ents.items()}
    names = {c: ks for c, ks in names.items() if ks and c != "product"}  # places: the place rules read them
    clause_units = [u for u in index.units if not u.whole and u.text in whole.text]
    parts: list[Unit] = []
    for negative in (False, True):  # the clauses of one polarity, with their names together
        group = [u for u in clause_units if u.negative == negative]
        said: dict[str, set[str]] = {}
        for u in group:
            for c, ks in u.ents.items():
                said.setdefault(c, set()).update(ks)
        if group and all(c not in said or ks <= said[c] for c, ks in names.items()):
            parts += group
    if names and not parts:
        return None, f"says of {ent_names(claim.ents)} what the shop's data says of others: {whole.text!r}"
    return max(parts, key=lambda u: len(claim.words & u.words), default=None), ""


def _other_predicate(claim: Claim, unit: Unit) -> bool:
    """The negated statement is about something the unit does not state: the word a negation governs
    ("aren't *included*", "nobody can *see*") is missing from the other side."""
    neg_text, other = (claim.text, unit.words) if claim.negative else (unit.text, claim.words)
    main = split_condition(neg_text)[0]
    m = NEG.search(main)
    if not m or (not claim.negative and m.group(0).lower() not in ("no", "none", "nobody", "no one")):
        return False  # a unit's "cannot be returned" is read against the claim by the rules above
    after = [stem(w) for w in re.findall(r"[a-z][a-z'-]*[a-z]", main[m.end() :].lower()) if w not in STOP]
    after = [w for w in after if w not in _AUXILIARY][:2]
    return bool(after) and not any(w in other for w in after)


_AUXILIARY = frozenset(
    ["be", "been", "get", "have", "need", "any", "yet", "longer", "anymore", "way", "allow", "possibl"]
)


def _negated_condition(claim_text: str, unit_text: str, *, loose: bool = False) -> bool:
    """ "if the code still does work" where the data says "if the code still does not work": a part of the
    claim's condition that restates a part of the data's (nearly the same words) with the other polarity."""
    split = re.compile(r"\s+(?:or|and)\s+|,\s*")
    c_parts = split.split(split_condition(claim_text)[2])
    u_parts = split.split(split_condition(unit_text)[2])
    for c in c_parts:
        cw = content_words(c)
        for u in u_parts:
            uw = content_words(u)
            close = len(cw & uw) / len(cw | uw) >= (0.3 if loose else 0.6) if cw and uw else False
            if close and bool(NEG.search(c)) != bool(NEG.search(u)):
                return True
    return False


_ONLY = re.compile(r"\bonly\b", re.I)
_ALL = re.compile(r"\b(?:every|all|always|any|anyone|everyone|everybody|no matter)\b", re.I)


def _only_rule(claim: Claim, index: Index, feats: Feats, reasons: list[str]) -> None:
    """ "Only Gold members ..." where the statement the claim restates names more members of the list."""
    if not _ONLY.search(claim.text) or claim.negative:
        return
    narrowed = _only_one_of(claim, index)
    if narrowed:
        feats["word"] += 1
        reasons.append(narrowed)
        return
    ents = {c: k for c, k in claim.ents.items() if c not in ("place", "product")}
    if not ents:
        return
    words = claim.words - ent_keys(ents)
    for cls, keys in ents.items():  # a product's fact line is read by the record check (meaning/products.py)
        said = [
            (len(words & u.words), u) for u in index.units if cls in u.ents and keys <= u.ents[cls] and not u.fact_line
        ]
        if not said:
            continue
        best = max(n for n, _ in said)
        top = [u for n, u in said if n >= best - 1]
        if best >= max(1, len(words) // 2) and all(keys < u.ents[cls] and not _ONLY.search(u.text) for u in top):
            feats["binding"] += 1
            reasons.append(f"says only {', '.join(sorted(keys))}; the shop's data says: {top[0].text!r}")
            return


_ONLY_WORDS = re.compile(r"\bonly\s+((?:[\w'-]+\s+){0,3}[\w'-]+)", re.I)


def _only_one_of(claim: Claim, index: Index) -> str:
    """ "Gift cards can only be used online" where the statement the claim restates says "online and in our
    stores": "only" keeps one item of a list the data joins with "and"/"or" (and says without "only")."""
    m = _ONLY_WORDS.search(claim.text)
    if not m or len(claim.words) < 3:
        return ""
    after = [w.lower() for w in re.findall(r"[\w'-]+", m.group(1)) if w.lower() not in STOP and len(w) > 2]
    for u in index.units:
        if u.negative or u.fact_line or _ONLY.search(u.text) or len(claim.words & u.words) < 0.5 * len(claim.words):
            continue
        low = u.text.lower()
        for w in after:
            joined = rf"\b{re.escape(w)}\w*\s+(?:and|or)\s+\w|\w\s+(?:and|or)\s+{re.escape(w)}\b"
            if re.search(joined, low) and not re.search(joined, claim.text.lower()):  # the claim keeps the list
                return f"says only {w}; the shop's data says more: {u.text!r}"
    return ""


def _universal_rule(claim: Claim, index: Index, q_words: frozenset[str], feats: Feats, reasons: list[str]) -> None:
    """ "Every order ships the same day" where the statement it restates holds only under a condition."""
    if not _ALL.search(claim.text) or claim.condition is not None or any(d for _, d in claim.values):
        return
    if IF.search(claim.sentence_text) or UNLESS.search(claim.sentence_text) or read_stages(claim.sentence_text):
        return
    aligned = align(claim, index.units, q_words, index)
    if aligned is None or aligned.negative != claim.negative:
        return
    if aligned.condition is not None or aligned.stages or any(d for _, d in aligned.values):
        feats["condition"] += 1
        reasons.append(f"states for all what holds only under a condition: {aligned.text!r}")
