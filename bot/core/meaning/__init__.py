"""The meaning check: does each claim of a reply say what the grounding says, bound the same way?

The word-level verifier accepts a number if it occurs anywhere in the grounding. This module reads the
grounding as *units* (a table cell with its row and column labels, a clause of a sentence with its
heading) and checks, for every clause of the reply:

- binding: a number, price or perk ("free") stands in one unit with the same entity the reply binds
  it to (a shipping option, a membership level, a product), not with a sibling entity of the same kind;
- direction: "under $75" is not "$75 or more", "after 2 p.m." is not "before 2 p.m.";
- polarity and condition: the unit that best matches the claim says it with the same polarity, and
  its "unless"/"if" condition is the claim's ("cannot be returned unless damaged" = "can be returned
  only if damaged", but not "can be returned if unworn");
- invented perks and promises: a perk or promise word must be stated for the same entity.

A structural finding rejects its sentence. A sentence with none is judged by a small logistic model over
soft features (share of its words no grounding unit holds, best single-unit coverage, the MiniLM cosine
to its closest units, overlap with the question): `bot/data/meaning_model.json`, trained by
`scripts/train_meaning.py` on perturbations of the demo knowledge base plus the dev answer set; it
catches replies that read unlike anything the shop said ("I'm sorry for your loss" to a forgotten
password). Pure Python plus numpy; the embedder is passed in.
"""

from bot.core.meaning.checker import MODEL_PATH, Embed, MeaningChecker
from bot.core.meaning.claims import Claim, Finding, read_claims
from bot.core.meaning.index import Index, Unit, Vocabulary, build_index
from bot.core.meaning.text import FEATURES, HARD, PERKS, SOFT, clauses, content_words, courtesy, sentences, stem

__all__ = [
    "FEATURES",
    "HARD",
    "MODEL_PATH",
    "PERKS",
    "SOFT",
    "Claim",
    "Embed",
    "Finding",
    "Index",
    "MeaningChecker",
    "Unit",
    "Vocabulary",
    "build_index",
    "clauses",
    "content_words",
    "courtesy",
    "read_claims",
    "sentences",
    "stem",
]
