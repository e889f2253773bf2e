"""Perks and promises (free, refund, credit, right away, ...) must be stated for the same entity, with the
condition they depend on (moved out of rules.py in round 8)."""

from __future__ import annotations

import re

from bot.core.meaning.claims import Claim, compatible, conflicts, ent_names
from bot.core.meaning.index import Index, ent_keys
from bot.core.meaning.lists import enumerated
from bot.core.meaning.text import IF, STOP, UNLESS, content_words, read_perks, read_values, stem

Feats = dict[str, float]

_CONDITIONAL = re.compile(r"\b(?:since|because|as long as|after|before|until|once|within|on orders|over|above)\b", re.I)
_ONLY = re.compile(r"\bonly\b", re.I)


# what is free: "free overnight shipping" (not "free once your order reaches $75", "free for Gold members")
_FREE_WHAT = re.compile(
    r"\bfree\s+(?!(?:once|for|with|when|until|after|before|from|unless|because|since|within|both|either|too|again|anyway|though)\b)([a-z]{3,})\b",
    re.I,
)


_SHIPPING_WORDS = frozenset(
    ["ship", "shipment", "deliveri", "postag", "standard", "international", "overnight", "economy"]
)


_RECORD_KEYS: dict[int, tuple[Index, frozenset[str]]] = {}


def record_keys(index: Index) -> frozenset[str]:
    """The names the grounding's order lines give (items, carrier, method), once per index."""
    hit = _RECORD_KEYS.get(id(index))
    if hit is not None and hit[0] is index:
        return hit[1]
    if len(_RECORD_KEYS) >= 64:
        _RECORD_KEYS.clear()
    keys = frozenset(k for u in index.units if u.order_line for k in ent_keys(u.ents))
    _RECORD_KEYS[id(index)] = (index, keys)  # the index is held, so its id is not reused while cached
    return keys


def perk_rules(claim: Claim, index: Index, q_words: frozenset[str], feats: Feats, reasons: list[str]) -> None:
    """Perks and promises must be stated for the same entity, with the condition they depend on (said in
    the claim or already by the shopper). A restriction on a perk the shopper asked about ("only one promo
    code per order") offers nothing."""
    whole = claim.sentence_text or claim.text
    conditional_claim = (
        claim.condition is not None
        or any(d for _, d in read_values(whole))
        or bool(IF.search(whole) or UNLESS.search(whole))
        or bool(_CONDITIONAL.search(whole))
    )
    restriction = claim.negative or bool(_ONLY.search(claim.text))
    asked = read_perks(" ".join(sorted(q_words))) if restriction else set()
    said = claim.words | q_words | content_words(whole)  # the condition may be the sentence's reason ("…, so")
    # the names an order's record gives it (its carrier, its shipping method): its free shipping is said of them
    order_keys = record_keys(index)
    shipping_said = bool(claim.words & _SHIPPING_WORDS)  # what an order line makes free is its shipping
    listed = enumerated(claim)
    others = _rows_of_column(claim, index, feats, reasons)
    per_item = _listed_perks(claim.text, listed, index) if listed else {}
    named = claim.text.lower()
    for key in listed:
        named = named.replace(key, " ")
    if not claim.perks - asked:
        return
    for perk in claim.perks - asked:
        if listed and perk not in read_perks(named):
            continue  # the perk's word is only the name of an item the claim lists ("store credit")
        cands = [index.units[i] for i in index.by_perk.get(perk, [])]
        if not claim.negative:  # "the fee is refunded" needs a statement that refunds it, not "is not refunded"
            cands = [u for u in cands if not u.negative or u.mixed] or cands
        ok = [
            u
            for u in cands
            if (not u.order_line and compatible(claim, u))
            or (u.order_line and (shipping_said or perk != "free") and ent_keys(claim.ents) <= order_keys)
            or (listed and perk in per_item and ent_keys(u.ents) & per_item[perk] and not conflicts(others, u))
        ]
        if perk == "free" and ok:  # "free overnight shipping" where the data gives free standard shipping
            thing = _FREE_WHAT.search(claim.text)
            word = stem(thing.group(1)) if thing and thing.group(1).lower() not in STOP else ""
            ok = [u for u in ok if not word or word in u.words | u.context] if word else ok
        if not ok:
            feats["perk"] += 1
            reasons.append(
                f"states {perk!r} for {ent_names(claim.ents, claim.inherited) or 'this'}, which the shop's data does not"
            )
        elif (
            not conditional_claim
            and all(u.condition is not None or any(d for _, d in u.values) for u in ok)
            and not any(u.condition and len(u.condition[1] & said) >= max(1, len(u.condition[1]) // 2) for u in ok)
        ):
            feats["condition"] += 1
            reasons.append(f"states {perk!r} without its condition: {ok[0].text!r}")


def _rows_of_column(claim: Claim, index: Index, feats: Feats, reasons: list[str]) -> dict[str, set[str]]:
    """A table's rows said of its column ("Silver members get A, B and C"; the column may be the sentence's): each
    row must be available for that column. Returns the column names the claim speaks of."""
    row_keys = {k for c, ks in claim.ents.items() if c.endswith(":rows") for k in ks}
    ents = {**(index.vocab.find(claim.sentence_text or "") if row_keys else {}), **claim.inherited, **claim.ents}
    others = {c: k for c, k in ents.items() if c.endswith(":cols") and not k & row_keys}
    for key in sorted(row_keys) if not claim.negative else []:
        rows = [u for u in index.units if key in ent_keys(u.ents) and not conflicts(others, u) and not u.order_line]
        if others and rows and all(u.negative and not u.mixed for u in rows):
            feats["perk"] += 1
            reasons.append(f"lists {key!r} for {ent_names(others)}, which the shop's data does not: {rows[0].text!r}")
    return others


_ITEMS = re.compile(r",\s*(?:and\s+|or\s+)?|\s+(?:and|or)\s+|;\s*")


def _listed_perks(text: str, listed: set[str], index: Index) -> dict[str, set[str]]:
    """perk -> the listed items said with it, part by part ("gift wrapping and name stitching are free": free goes
    with name stitching, the item of its own part; "a shipping credit ..., an immediate refund ...": each its own)."""
    out: dict[str, set[str]] = {}
    for part in _ITEMS.split(text):
        keys = ent_keys(index.vocab.find(part)) & listed
        plain = part.lower()
        for k in keys:
            plain = plain.replace(k, " ")
        for perk in read_perks(plain) | read_perks(part.lower()):
            out.setdefault(perk, set()).update(keys)
    return out
