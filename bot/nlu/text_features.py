"""TF-IDF word and character n-gram features that can be saved as plain JSON and NumPy arrays."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer


@dataclass(frozen=True, slots=True)
class NgramSpec:
    """One n-gram family: `word` (1-2 grams) or `char_wb` (3-5 grams within word boundaries)."""

    analyzer: str
    ngram_min: int
    ngram_max: int
    max_features: int
    min_df: int = 1


DEFAULT_SPECS = (
    NgramSpec("word", 1, 2, 40_000),
    NgramSpec("char_wb", 2, 5, 60_000, min_df=2),
)


class TfidfFeatures:
    """Sublinear TF-IDF over one n-gram family, rows of unit length; rebuilt from vocabulary and idf alone."""

    def __init__(self, spec: NgramSpec, vocabulary: dict[str, int], idf: np.ndarray) -> None:
        if len(vocabulary) != idf.shape[0]:
            raise ValueError(f"vocabulary has {len(vocabulary)} terms but idf has {idf.shape[0]}")
        self.spec = spec
        self.vocabulary = vocabulary
        self.idf = np.asarray(idf, dtype=np.float32)
        # a fixed vocabulary makes CountVectorizer usable without fitting
        self._counter = CountVectorizer(
            analyzer=spec.analyzer,
            ngram_range=(spec.ngram_min, spec.ngram_max),
            lowercase=True,
            vocabulary=vocabulary,
            dtype=np.float32,
        )

    @classmethod
    def fit(cls, texts: list[str], spec: NgramSpec) -> TfidfFeatures:
        """Learn the vocabulary and idf weights from training texts."""
        min_df = spec.min_df if len(texts) >= 50 else 1
        vec = TfidfVectorizer(
            analyzer=spec.analyzer,
            ngram_range=(spec.ngram_min, spec.ngram_max),
            lowercase=True,
            sublinear_tf=True,
            min_df=min_df,
            max_features=spec.max_features,
            dtype=np.float32,
        )
        vec.fit(texts)
        vocabulary = {term: int(i) for term, i in vec.vocabulary_.items()}
        return cls(spec, vocabulary, vec.idf_)

    @property
    def dim(self) -> int:
        """Number of features."""
        return len(self.vocabulary)

    def transform(self, texts: list[str]) -> sparse.csr_matrix:
        """Sparse TF-IDF rows of unit length (all-zero rows stay zero)."""
        counts = self._counter.transform(texts).tocsr().astype(np.float32)
        counts.data = 1.0 + np.log(counts.data)
        weighted = counts @ sparse.diags(self.idf)
        norms = np.sqrt(np.asarray(weighted.multiply(weighted).sum(axis=1)).ravel())
        norms[norms == 0] = 1.0
        return sparse.csr_matrix(sparse.diags(1.0 / norms) @ weighted, dtype=np.float32)

    def to_json(self) -> dict[str, Any]:
        """The JSON-ready description (the idf array is saved separately)."""
        terms = [""] * len(self.vocabulary)
        for term, i in self.vocabulary.items():
            terms[i] = term
        return {
            "analyzer": self.spec.analyzer,
            "ngram_range": [self.spec.ngram_min, self.spec.ngram_max],
            "max_features": self.spec.max_features,
            "min_df": self.spec.min_df,
            "terms": terms,
        }

    @classmethod
    def from_json(cls, data: dict[str, Any], idf: np.ndarray) -> TfidfFeatures:
        """Rebuild from `to_json()` output and the saved idf array."""
        lo, hi = data["ngram_range"]
        spec = NgramSpec(data["analyzer"], int(lo), int(hi), int(data["max_features"]), int(data.get("min_df", 1)))
        vocabulary = {term: i for i, term in enumerate(data["terms"])}
        return cls(spec, vocabulary, idf)
