"""'Do customers like the X?', 'is it any good?', 'how are the reviews?': answered from the product's rating and
what its own description says about customers ("Our customers' go-to ..."), never "the listing doesn't say" when
the listing has a rating. The data holds a rating, not written reviews: a question about reviews is told so."""

from __future__ import annotations

import re
from typing import Any

# the shoppers whose liking a question asks about ("do ppl like it", "which one do folks prefer")
PEOPLE = (
    r"(?:customers|people|ppl|peeps|folks|shoppers|buyers|users|reviewers|others|other people|most people|everyone"
    r"|everybody|your customers)"
)
LIKED = re.compile(
    rf"\b(?:do|did|does|would) {PEOPLE} (?:like|love|rate|enjoy|recommend|think)\b"
    r"|\bany good\b|\bwell[- ]reviewed\b|\bgood reviews\b|\bwhat do (?:customers|people|others|reviewers) (?:think|say)\b"
    r"|\b(?:is|are) (?:it|they|this|these|that|those|the [^?]{1,60}?) (?:popular|liked|well liked|a good buy)\b"
    r"|\bhow (?:is|are) (?:it|they|the [^?]{1,60}?) reviewed\b|\bcustomer (?:feedback|opinions?|reviews?)\b"
    rf"|\bhow (?:do|did) {PEOPLE} (?:like|find|rate)\b|\breviews? (?:say|like)\b",
    re.I,
)
_REVIEWS = re.compile(r"\breviews?\b|\bfeedback\b|\bcomments?\b|\bwhat do [^?]* (?:say|think)\b", re.I)
_SAYS = re.compile(r"customers['’]? (?:go-to|favou?rite)|\beveryday favou?rite\b|best[- ]?sell|\bpopular\b", re.I)


def liked_answer(p: dict[str, Any], text: str) -> str | None:
    """The rating (and the description's own words on customers) for a 'do people like it' question; None when
    it is not asked or the product has no rating."""
    if not LIKED.search(text) or not p.get("rating"):
        return None
    name = str(p["name"])
    out = f"Customers rate the {name} {float(p['rating']):.1f} out of 5."
    said = [s.strip() for s in re.split(r"(?<=[.!?])\s+", str(p.get("description") or "")) if _SAYS.search(s)]
    if said:
        out += f' Its listing says: "{said[0].rstrip(".")}".'
    if _REVIEWS.search(text):
        out += " The listing gives the rating only, no written reviews."
    return out
