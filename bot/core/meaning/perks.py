"""Perks and promises (free, refund, credit, right away, ...) must be stated for the same entity, with the
condition they depend on (moved out of rules.py in round 8)."""

from __future__ import annotations

import re

from bot.core.meaning.claims import Claim, compatible, ent_names
from bot.core.meaning.index import Index, ent_keys
from bot.core.meaning.lists import enumerated
from bot.core.meaning.text import IF, STOP, UNLESS, read_perks, read_values, stem

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
    said = claim.words | q_words
    # the names an order's record gives it (its carrier, its shipping method): its free shipping is said of them
    order_keys = {k for u in index.units if u.order_line for k in ent_keys(u.ents)}
    shipping_said = bool(claim.words & _SHIPPING_WORDS)  # what an order line makes free is its shipping
    listed = enumerated(claim)
    named = claim.text.lower()
    for key in listed:
        named = named.replace(key, " ")
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
            or (u.order_line and shipping_said and ent_keys(claim.ents) <= order_keys)
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
