"""Items of an order that the shop's rules say cannot be returned ("Socks, monogrammed (name-stitched) items and
hemmed jeans cannot be returned unless they arrived damaged or defective"), named beside a return window's verdict.

"You can return it until February 15" must not cover the socks in that order. The kinds are read at run time from
the returns page's own sentence (its subject list, `slot_table.subject_items`); an order item is of a kind when its
name holds every word of the kind ("sock" in "Fulton Crew Socks 3-Pack"). Kinds that a name cannot show
(monogrammed, hemmed) are never guessed: they stay in the quoted rule."""

from __future__ import annotations

import re
from typing import Any

from bot.core.policy_lines import section
from bot.core.ports import KnowledgePort
from bot.core.slot_table import item_key, subject_items

QUERY = "Which items cannot be returned? socks monogrammed hemmed jeans gift cards"
_RULE = re.compile(r"\bcannot be returned\b", re.I)
_CLAUSE = re.compile(r",\s*and\s+(?=[a-z ]+ cannot be returned)|;\s*", re.I)


def unreturnable_rules(kb: KnowledgePort) -> tuple[list[tuple[tuple[str, ...], str]], Any]:
    """[(kinds, the rule's sentence)] from the page that lists what cannot be returned, and its hit."""
    found = section(kb, QUERY, about=_RULE)
    rules: list[tuple[tuple[str, ...], str]] = []
    for sentence in found.sentences:
        if not _RULE.search(sentence):
            continue
        for clause in _CLAUSE.split(sentence):
            kinds = subject_items(clause.strip())
            if kinds and _RULE.search(clause):
                rule = clause.strip().rstrip(".") + "."
                rules.append((kinds, rule[:1].upper() + rule[1:]))
    return rules, found.hit


def unreturnable_lines(kb: KnowledgePort, order: dict[str, Any]) -> tuple[list[str], Any]:
    """One sentence per rule that an item of the order falls under, naming the items; ([], None) when none does."""
    items = [str(i.get("name") or "") for i in order.get("items") or []]
    rules, hit = unreturnable_rules(kb) if items else ([], None)
    out: list[str] = []
    for kinds, rule in rules:
        named = [name for name in items if any(_holds(name, kind) for kind in kinds)]
        if named:
            out.append(f"That does not cover the {' and the '.join(named)}: {rule}")
    return out, (hit if out else None)


def _holds(name: str, kind: str) -> bool:
    words = set(item_key(name).split())
    return bool(kind) and all(w in words for w in kind.split())
