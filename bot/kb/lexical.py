"""BM25 over chunk texts, with a small English tokenizer and suffix stemmer.

The scores are bm25s's Lucene variant (k1 1.5, b 0.75, idf log(1 + (N - df + 0.5) / (df + 0.5)), a term's
score `idf · tf / (tf + k1 · (1 - b + b · len / avg len))`, float32, summed in the query's word order): the
tests compare them with bm25s's own. The index is ours so that a reload can reuse the words of every unchanged
text: each text's distinct terms and counts are kept (`doc_ptr`, `doc_terms`, `doc_tf`; read-only), a new version takes
them for the texts it shares with the one before (`previous`, `same`) and tokenizes only the others, and the
scores of every term are computed again in a few NumPy passes (the idf and the average length change with any
text). At 50,000 products tokenizing and bm25s's index build took about a third of a reload after 100 changes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache

import numpy as np
import scipy.sparse
from bm25s.stopwords import STOPWORDS_EN_PLUS

_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
_STOP = set(STOPWORDS_EN_PLUS) | {"can", "i", "my", "me", "do", "does", "how", "what", "you", "your"}
K1, B = 1.5, 0.75
_EMPTY = "_empty_"  # the one term of a text without words (it counts one word in the average length, as in bm25s)


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


def _gather(ptr: np.ndarray, rows: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(positions into the flat arrays of `rows`' entries, in row order; each row's entry count)."""
    counts = ptr[rows + 1] - ptr[rows]
    total = int(counts.sum())
    if not total:
        return np.zeros(0, dtype=np.int64), counts
    offsets = np.repeat(ptr[rows] - np.concatenate(([0], np.cumsum(counts)[:-1])), counts)
    return np.arange(total, dtype=np.int64) + offsets, counts


class LexicalIndex:
    """BM25 (Lucene variant) over a fixed list of texts.

    `previous` and `same`: an earlier version's index and, for each text, the position of the same text there
    (-1 for a new or changed one); those texts' terms are taken from it instead of tokenized again.
    """

    doc_ptr: np.ndarray  # text i's distinct terms and their counts: doc_terms/doc_tf[doc_ptr[i] : doc_ptr[i + 1]]
    doc_terms: np.ndarray
    doc_tf: np.ndarray

    def __init__(
        self, texts: Sequence[str], *, previous: LexicalIndex | None = None, same: Sequence[int] | None = None
    ) -> None:
        n = len(texts)
        self._n = n
        self.vocab: dict[str, int] = dict(previous.vocab) if previous is not None else {}
        old = np.asarray(same if same is not None and previous is not None else [-1] * n, dtype=np.int64)
        if len(old) != n:
            raise ValueError("`same` must give one earlier position per text")
        counts = np.zeros(n, dtype=np.int64)
        fresh: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        for i in np.flatnonzero(old < 0).tolist():
            counter = Counter(tokenize(texts[i]) or [_EMPTY])
            terms = np.fromiter((self.vocab.setdefault(t, len(self.vocab)) for t in counter), np.int32)
            fresh[i] = (terms, np.fromiter(counter.values(), np.int32))
            counts[i] = len(terms)
        kept = np.flatnonzero(old >= 0)
        if previous is not None and len(kept):
            source, kept_counts = _gather(previous.doc_ptr, old[kept])
            counts[kept] = kept_counts
        self.doc_ptr = np.concatenate(([0], np.cumsum(counts))).astype(np.int64)
        self.doc_terms = np.zeros(int(self.doc_ptr[-1]), dtype=np.int32)
        self.doc_tf = np.zeros(int(self.doc_ptr[-1]), dtype=np.int32)
        if previous is not None and len(kept):
            target, _ = _gather(self.doc_ptr, kept)
            self.doc_terms[target] = previous.doc_terms[source]
            self.doc_tf[target] = previous.doc_tf[source]
        for i, (terms, tf) in fresh.items():
            self.doc_terms[self.doc_ptr[i] : self.doc_ptr[i + 1]] = terms
            self.doc_tf[self.doc_ptr[i] : self.doc_ptr[i + 1]] = tf
        self._score()

    def _score(self) -> None:
        """Every (term, text) score, by term: the columns a query sums."""
        n, vocab = self._n, len(self.vocab)
        doc_of = np.repeat(np.arange(n, dtype=np.int32), np.diff(self.doc_ptr))
        lengths = np.bincount(doc_of, weights=self.doc_tf, minlength=n) if n else np.zeros(0)
        self._df = np.bincount(self.doc_terms, minlength=vocab)
        avg = float(lengths.mean()) if n else 1.0
        idf = np.zeros(vocab, dtype=np.float32)
        present = self._df > 0
        idf[present] = np.log(1 + (n - self._df[present] + 0.5) / (self._df[present] + 0.5))
        tf = self.doc_tf.astype(np.float32)
        norm = K1 * ((1 - B) + B * lengths[doc_of] / avg)  # float64, as bm25s's average length makes it
        data = (idf[self.doc_terms] * (tf / (norm + tf))).astype(np.float32)
        by_term = scipy.sparse.csr_matrix((data, self.doc_terms, self.doc_ptr), shape=(n, vocab)).tocsc()
        by_term.sort_indices()
        self._term_ptr = by_term.indptr.astype(np.int64)
        self._term_docs = by_term.indices.astype(np.int32)
        self._term_scores = by_term.data.astype(np.float32)

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
        ids = [self.vocab[t] for t in tokenize(query) if t in self.vocab]
        ids = [i for i in ids if self._df[i] > 0]  # a word only texts of an earlier version held
        if not ids or self._n == 0:
            return None
        scores = np.zeros(self._n, dtype=np.float32)
        for term in ids:  # a term's texts are distinct: one fancy-indexed add per term
            start, end = self._term_ptr[term], self._term_ptr[term + 1]
            scores[self._term_docs[start:end]] += self._term_scores[start:end]
        return scores
