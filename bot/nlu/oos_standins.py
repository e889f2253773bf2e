"""Out-of-scope stand-ins for validation when the training data has no out-of-scope examples.

Most real intent data labels only what the bot handles. To still report an out-of-scope recall on
validation, each held-out in-scope sentence of three or more words also appears with its words
shuffled ("order my where is"): the same vocabulary without the meaning, a hard case for a
bag-of-words or embedding model. Sentences whose shuffle reads like another training sentence are
skipped. The stand-ins never enter training and never move the threshold, which is set by the
in-scope accuracy budget alone (`threshold.choose_threshold`); they only make the validation figure
and the cut well defined.
"""

from __future__ import annotations

import random
from collections.abc import Iterable

MIN_WORDS = 3


def shuffled_word_standins(
    sentences: Iterable[str], *, known: Iterable[str] = (), seed: int = 0, limit: int = 2000
) -> list[str]:
    """One word-shuffled copy of each sentence of at least MIN_WORDS words, none equal to a known sentence."""
    rng = random.Random(seed)
    seen = {" ".join(s.lower().split()) for s in known}
    out: list[str] = []
    for sentence in sentences:
        words = sentence.split()
        if len(words) < MIN_WORDS:
            continue
        for _ in range(5):  # a few tries: short sentences often shuffle back into themselves
            shuffled = words[:]
            rng.shuffle(shuffled)
            text = " ".join(shuffled)
            if shuffled != words and text.lower() not in seen:
                seen.add(text.lower())
                out.append(text)
                break
        if len(out) >= limit:
            break
    return out
