"""The simple thing to beat: TF-IDF word 1-2 grams + logistic regression, with the same out-of-scope protocol.

Out of scope: the explicit class when training has one, plus a cut on the top in-scope probability,
chosen exactly like the production classifier's (same held-out 15% or --val, same word-shuffled
stand-ins when there are no out-of-scope rows, same in-scope accuracy budget), then refitted on all of
the training data. `eval intents` prints it next to shopbot's figures so a user sees at a glance whether
shopbot beats it on their data.
"""

from __future__ import annotations

import logging
import time
from typing import Any

import numpy as np

from bot.nlu.intent_csv import LabelledRows
from bot.nlu.oos_standins import shuffled_word_standins
from bot.nlu.threshold import choose_threshold

log = logging.getLogger(__name__)

NAME = "tfidf_logreg"


class TfidfLogReg:
    """TF-IDF (word 1-2 grams, sublinear tf) + multinomial logistic regression (C=10)."""

    def __init__(self, *, oos_label: str | None) -> None:
        self.oos_label = oos_label
        self.threshold: float | None = None

    def fit(self, sentences: list[str], labels: list[str]) -> TfidfLogReg:
        """Fit the vectoriser and the classifier."""
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression

        self.vec = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=1)
        X = self.vec.fit_transform(sentences)
        self.clf = LogisticRegression(C=10.0, max_iter=1000).fit(X, labels)
        self.classes = [str(c) for c in self.clf.classes_]
        return self

    def _decide(self, sentences: list[str]) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
        """Best in-scope label, its probability, and whether the out-of-scope class won, per sentence."""
        probs = self.clf.predict_proba(self.vec.transform(sentences))
        oos_col = self.classes.index(self.oos_label) if self.oos_label in self.classes else -1
        winner = probs.argmax(axis=1)
        in_scope = probs.copy()
        if oos_col >= 0:
            in_scope[:, oos_col] = -1.0
        best = in_scope.argmax(axis=1)
        return [self.classes[b] for b in best], in_scope.max(axis=1), winner == oos_col, probs

    def predict(self, sentences: list[str]) -> list[str]:
        """Labels, with the out-of-scope label for rejected sentences."""
        best, score, oos_won, _ = self._decide(sentences)
        cut = self.threshold if self.threshold is not None else -np.inf
        return [
            str(self.oos_label) if (won or s < cut) and self.oos_label is not None else b
            for b, s, won in zip(best, score, oos_won, strict=False)
        ]

    def choose_threshold(self, sentences: list[str], labels: list[str], *, max_in_scope_loss: float) -> None:
        """The in-scope-budget cut on validation rows (which must hold both kinds)."""
        best, score, oos_won, _ = self._decide(sentences)
        is_oos = np.array([lab == self.oos_label for lab in labels])
        correct = np.array([b == lab for b, lab in zip(best, labels, strict=False)])
        choice = choose_threshold(score, correct, oos_won, is_oos, max_in_scope_loss=max_in_scope_loss)
        self.threshold = choice.threshold if np.isfinite(choice.threshold) else None


def evaluate_baseline(
    train: LabelledRows,
    test: LabelledRows,
    *,
    oos_label: str | None,
    val: LabelledRows | None,
    split: tuple[list[int], list[int]] | None,
    max_in_scope_loss: float,
    seed: int = 0,
) -> dict[str, Any]:
    """Fit, calibrate and score the baseline; `split` is the production classifier's (train, held-out) row split."""
    from bot.nlu.evaluate import score_predictions

    started = time.perf_counter()
    sentences, labels = list(train.sentences), list(train.labels)
    model = TfidfLogReg(oos_label=oos_label)
    if oos_label is not None:
        if val is None and split is not None:
            fit_idx, val_idx = split
            model.fit([sentences[i] for i in fit_idx], [labels[i] for i in fit_idx])
            v_sent, v_lab = [sentences[i] for i in val_idx], [labels[i] for i in val_idx]
        else:
            model.fit(sentences, labels)
            v_sent, v_lab = (list(val.sentences), list(val.labels)) if val is not None else ([], [])
        in_scope = [s for s, lab in zip(v_sent, v_lab, strict=False) if lab != oos_label]
        if in_scope and oos_label not in v_lab:
            extra = shuffled_word_standins(in_scope, known=sentences, seed=seed)
            v_sent, v_lab = v_sent + extra, v_lab + [oos_label] * len(extra)
        if in_scope and oos_label in v_lab:
            model.choose_threshold(v_sent, v_lab, max_in_scope_loss=max_in_scope_loss)
        cut = model.threshold
        if val is None and split is not None:
            model.fit(sentences, labels)
            model.threshold = cut
    else:
        model.fit(sentences, labels)
    result = score_predictions(list(test.labels), model.predict(list(test.sentences)), oos_label=oos_label)
    result["threshold"] = round(model.threshold, 4) if model.threshold is not None else None
    result["train_seconds"] = round(time.perf_counter() - started, 1)
    return result
