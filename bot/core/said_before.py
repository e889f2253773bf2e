"""What the bot said in its last reply, so that a follow-up asking something new is not answered with it again.

"ok and if it still hasn't turned up by next week, then what" after the <7-days advice for a parcel marked
delivered: the carried subject (the parcel) picks the passage, the new turn's words pick the sentence, and a
sentence the last reply already said (word for word, or the same sentence from another page) is no answer to a
new question. A shopper who asks for it again ("sorry, how much was that again?") gets it again."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np

from bot.core.sentences import content_words, split_sentences

SAID_PENALTY = 0.15  # what a sentence of the last reply loses when it states the follow-up's own case
CASE_PENALTY = 0.5  # ... and when it does not: another branch of the rule answers "what if it already shipped?"
NEGATION = re.compile(
    r"\b(?:not|no|never|cannot|nothing)\b|\b(?:do|does|did|is|are|was|were|has|have|had|can|could|wo|would)n'?t\b", re.I
)
SAME_MEANING = 0.86  # cosine at which two sentences say the same thing (a FAQ's and a policy page's wording)
SAME_WORDS = 0.75  # share of a sentence's content words that the said sentence holds
AGAIN = re.compile(
    r"\b(?:again|repeat|come again|say that|what was (?:it|that)|didn'?t (?:get|catch) (?:it|that)|pardon|remind me)\b",
    re.I,
)


# a follow-up that states another case of the same rule: "what if it already shipped", "and if I miss that?",
# "ok and if it still hasn't turned up by next week, then what", "what happens if it still doesn't work"
OTHER_CASE = re.compile(
    r"^\W*(?:(?:ok|okay|so|and|but|hmm|um)\W+)*(?:what if|and if|but if|if|what happens if|what about if|suppose|"
    r"say|in case)\b|\bthen what\b|\bwhat (?:then|now)\b|\bwhat happens (?:then|if|after)\b",
    re.I,
)


def said_penalty(sentence: str, text: str, asked_before: str = "") -> float:
    """What a sentence the last reply said loses in the answer to the follow-up `text`, which states another case
    of the rule: a lot, unless the sentence is that case in its own words ("what if it still doesn't work?": "If
    it still does not work, call us"; not "If it has not shipped" for "what if it already shipped?")."""
    shared = content_words(sentence) & content_words(text)
    return SAID_PENALTY if shared and _negated(sentence) == _negated(text) else CASE_PENALTY


def _negated(text: str) -> bool:
    return bool(NEGATION.search(text))


def previous_reply(history: Sequence[dict[str, Any]]) -> str:
    """The text of the bot's last reply in the conversation ("" when there is none); no recommendation line."""
    for m in reversed(history):
        if m.get("direction") == "out" and str(m.get("text") or "").strip():
            return str(m["text"]).split("\n\nRecommended for you:", 1)[0]
    return ""


def previous_question(history: Sequence[dict[str, Any]]) -> str:
    """The shopper's message before this turn's ("" when there is none)."""
    asked = [str(m.get("text") or "") for m in history if m.get("direction") == "in"]
    return asked[-1] if asked else ""


def said_sentences(history: Sequence[dict[str, Any]], text: str) -> tuple[str, ...]:
    """The last reply's sentences a follow-up that states another case of the rule should not be answered with
    (none for any other follow-up: "how many letters?" after the stitching price is answered by the same line)."""
    if AGAIN.search(text) or not OTHER_CASE.search(text):
        return ()
    return tuple(s for s in split_sentences(previous_reply(history)) if len(s.split()) >= 4)


def repeats(candidates: Sequence[str], vectors: Any, said: Sequence[str], embed: Any) -> list[bool]:
    """For each candidate sentence, whether the last reply already said it (the same words, or the same meaning
    in another page's words). `vectors` are the candidates' unit vectors, `embed` embeds the said sentences (None: the words alone)."""
    if not said:
        return [False] * len(candidates)
    said_words = [content_words(s) for s in said]
    near = np.zeros(len(candidates), dtype=np.float32)
    if embed is not None and vectors is not None:
        try:
            said_vecs = np.asarray(embed(list(said)), dtype=np.float32)
            near = (np.asarray(vectors, dtype=np.float32) @ said_vecs.T).max(axis=1)
        except Exception:  # noqa: BLE001 - without vectors, the words alone decide
            pass
    out = []
    for i, x in enumerate(candidates):
        words = content_words(x)
        same = bool(words) and any(len(words & w) >= SAME_WORDS * len(words) for w in said_words)
        out.append(same or float(near[i]) >= SAME_MEANING)
    return out
