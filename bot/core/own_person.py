"""The shopper turns from someone else's search to their own: "my husband needs a rain jacket", then "and something
for me, im a small". The men's of the first search was the husband's, so the second is not kept men's: the gender
the conversation carries is dropped, and so are his products under discussion ("one for myself" is not his parka in
another size); the kind searched is carried when the message names none ("anything for me too?"), so the search
shows that kind of either gender (the shopper's own words name none). A gender the shopper gave for themselves
("men's rain jackets", then "any for me in a small?") stays theirs."""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from typing import Any

from bot.core.catalog import parse_constraints
from bot.core.catalog.gender import FOR_SELF, OTHER_PERSON, stated_gender
from bot.core.turn import Turn


def for_oneself(turn: Turn, text: str, catalog: Sequence[dict[str, Any]]) -> str:
    """The message to route: as written, or with the last search's kind when it names none. When it is the
    shopper's own, names no gender and the carried gender was another person's, the turn's state loses that gender
    and that person's products."""
    state = turn.state
    if state.constraints.gender not in ("men", "women") or not FOR_SELF.search(text) or any(stated_gender(text)):
        return text
    said = next(
        (
            str(m.get("text") or "")
            for m in reversed(turn.history)
            if m.get("direction") == "in" and any(stated_gender(str(m.get("text") or "")))
        ),
        "",
    )  # the newest message of theirs that gave a gender: the one the carried gender came from
    if not OTHER_PERSON.search(said):
        return text
    constraints = dataclasses.replace(state.constraints, gender=None)
    turn.state = dataclasses.replace(state, constraints=constraints, skus=[], listed=[])
    c = state.constraints
    if parse_constraints(text, catalog).categories or not c.categories:
        return text
    return f"any {' '.join([*c.features, *c.materials, *c.categories])} for me? {text}"  # a search, of that kind
