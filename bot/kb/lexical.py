"""BM25 over chunk texts (bm25s), with a small English tokenizer and suffix stemmer."""

from __future__ import annotations

import logging
import re
from functools import lru_cache

import bm25s
import numpy as np
from bm25s.stopwords import STOPWORDS_EN_PLUS

logging.getLogger("bm25s").setLevel(logging.WARNING)  # bm25s logs every index build at DEBUG

_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
_STOP = set(STOPWORDS_EN_PLUS) | {"can", "i", "my", "me", "do", "does", "how", "what", "you", "your"}


@lru_cache(maxsize=100_000)  # a catalog repeats a small vocabulary: 50,000 products stem the same words
def stem(word: str) -> str:
    """A light suffix stemmer: enough to match 'returns'/'returned'/'returning' with 'return'."""
    for suffix, keep in (("ies", "y"), ("sses", "ss"), ("ing", ""), ("edly", ""), ("ed", ""), ("es", ""), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + keep
    return word


def tokenize(text: str) -> list[str]:
    """Lowercased, stop-worded, stemmed word tokens."""
    return [stem(w.replace("'", "")) for w in _WORD.findall(text.lower()) if w not in _STOP]


class LexicalIndex:
    """BM25 (Lucene variant) over a fixed list of texts."""

    def __init__(self, texts: list[str]) -> None:
        self._bm25 = bm25s.BM25()
        corpus = [tokenize(t) or ["_empty_"] for t in texts]
        self._bm25.index(corpus, show_progress=False)
        self._vocab = set(self._bm25.vocab_dict)
        self._n = len(texts)

    def search(self, query: str, *, k: int = 50) -> tuple[np.ndarray, np.ndarray]:
        """Row indices and BM25 scores of the best k texts (empty when no query word is known)."""
        scores = self.scores(query)
        if scores is None:
            return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.float32)
        k = min(k, self._n)
        top = np.argpartition(-scores, k - 1)[:k] if k < self._n else np.arange(self._n)
        top = top[np.argsort(-scores[top], kind="stable")]
        keep = scores[top] > 0
        return top[keep].astype(np.int64), scores[top][keep]

    def scores(self, query: str) -> np.ndarray | None:
        """Every text's BM25 score (float32, one per text), or None when no query word is known."""
        tokens = [t for t in tokenize(query) if t in self._vocab]
        if not tokens or self._n == 0:
            return None
        # every text's score, then the top k by the caller: bm25s's retrieve starts a thread pool per call
        return np.asarray(self._bm25.get_scores(tokens), dtype=np.float32)
