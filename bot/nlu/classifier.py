"""IntentClassifier: a log-linear model P(y|x) ∝ exp(w_y·φ(x) + b_y) over sentence embeddings and TF-IDF n-grams.

φ(x) concatenates the unit-length MiniLM embedding with unit-length TF-IDF vectors of word 1-2 grams and
character 2-5 grams, each family scaled by a fixed weight. The weights w_y are fitted by multinomial
logistic regression (L2, strength 1/C). Out-of-scope inputs are caught two ways: an explicit out-of-scope
class when the training data has one, and a threshold on an out-of-scope score (log of the best in-scope
probability plus a weighted similarity to the nearest in-scope training sentences) chosen on validation
data (a held-out part of the training data when no validation set is given; word-shuffled held-out
sentences stand in for out-of-scope ones when the data has none, see oos_standins.py).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
from scipy import sparse

from bot.domain import Intent, IntentPrediction
from bot.embed.embedder import get_embedder
from bot.errors import ModelError
from bot.nlu import artifact
from bot.nlu.embedding_cache import cached_embedder
from bot.nlu.labels import intent_for
from bot.nlu.oos_standins import shuffled_word_standins
from bot.nlu.rows import check_rows, stratified_split
from bot.nlu.text_features import DEFAULT_SPECS, TfidfFeatures
from bot.nlu.threshold import ThresholdChoice, choose_threshold

log = logging.getLogger(__name__)

DEFAULT_C = 5.0
DEFAULT_WEIGHTS = (1.0, 0.5, 0.5)  # embedding, word n-grams, character n-grams
DEFAULT_KNN_WEIGHT = 5.0
KNN_K = 5
DEFAULT_MAX_IN_SCOPE_LOSS = (
    0.01  # share of real questions we accept to turn away to catch out-of-scope ones (docs/intents.md)
)


@dataclass(frozen=True, slots=True)
class LabelPrediction:
    """The decision on one text in terms of the training labels."""

    label: str  # the predicted label; the out-of-scope label (or "") when rejected
    best_label: str  # the best in-scope label, even when rejected
    confidence: float  # probability of the best in-scope group
    out_of_scope: bool
    oos_score: float  # log confidence + knn_weight * similarity to training sentences; low means out of scope
    top: list[tuple[str, float]] = field(default_factory=list)


class IntentClassifier:
    """Softmax intent classifier with an out-of-scope threshold; saved as a versioned artifact directory."""

    def __init__(
        self,
        *,
        embedder: str = "minilm",
        c: float = DEFAULT_C,
        weights: Sequence[float] = DEFAULT_WEIGHTS,
        knn_weight: float = DEFAULT_KNN_WEIGHT,
        max_in_scope_loss: float = DEFAULT_MAX_IN_SCOPE_LOSS,
        tfidf: bool = True,
        max_iter: int = 300,
    ) -> None:
        self.embedder_name = embedder
        self.c = float(c)
        self.knn_weight = float(knn_weight)
        self.max_in_scope_loss = float(max_in_scope_loss)
        self.weights = tuple(float(w) for w in weights)
        self.use_tfidf = tfidf
        self.max_iter = max_iter
        self.labels: list[str] = []
        self.oos_label: str | None = None
        self.threshold: float | None = None  # None: no rejection by score
        self.label_map: dict[str, str] = {}
        # training always reuses vectors; set True to also remember predicted texts (evaluations, CV)
        self.cache_embeddings = False
        self.metadata: dict[str, object] = {}
        self._features: list[TfidfFeatures] = []
        self._coef: np.ndarray | None = None
        self._intercept: np.ndarray | None = None
        self._bank = np.zeros((0, 0), dtype=np.float32)  # unit embeddings of in-scope training sentences
        self._groups: list[str] = []
        self._group_of: np.ndarray = np.zeros(0, dtype=np.int64)

    # ----- features and scores

    def _embed(self, texts: list[str], *, progress: bool = False, cache: bool = True) -> np.ndarray:
        if cache:
            return cached_embedder(self.embedder_name).embed(texts, progress=progress)
        return get_embedder(self.embedder_name).embed(texts, progress=progress)

    def _phi(self, texts: list[str], embeddings: np.ndarray) -> sparse.csr_matrix:
        parts = [sparse.csr_matrix(embeddings * self.weights[0])]
        for feats, weight in zip(self._features, self.weights[1:], strict=False):
            parts.append(feats.transform(texts) * weight)
        return sparse.hstack(parts, format="csr", dtype=np.float32)

    def _probs_and_embeddings(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        if self._coef is None or self._intercept is None:
            raise ModelError("the intent classifier is not trained; call fit() or load() first")
        texts = [str(t) for t in texts]
        embeddings = self._embed(texts, cache=self.cache_embeddings)
        if not texts:
            return np.zeros((0, len(self.labels)), dtype=np.float32), embeddings
        scores = np.asarray(self._phi(texts, embeddings) @ self._coef.T) + self._intercept
        scores -= scores.max(axis=1, keepdims=True)
        probs = np.exp(scores)
        return (probs / probs.sum(axis=1, keepdims=True)).astype(np.float32), embeddings

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """P(label | text) for every training label, rows summing to one."""
        return self._probs_and_embeddings(texts)[0]

    def _similarity(self, embeddings: np.ndarray) -> np.ndarray:
        """Mean cosine similarity of each text to its KNN_K nearest in-scope training sentences."""
        if self._bank.shape[0] == 0 or embeddings.shape[0] == 0:
            return np.zeros(embeddings.shape[0], dtype=np.float32)
        k = min(KNN_K, self._bank.shape[0])
        out = np.empty(embeddings.shape[0], dtype=np.float32)
        for start in range(0, embeddings.shape[0], 512):  # bounded memory for big test sets
            sims = embeddings[start : start + 512] @ self._bank.T
            out[start : start + 512] = np.partition(sims, -k, axis=1)[:, -k:].mean(axis=1)
        return out

    # ----- training

    def fit(
        self,
        sentences: Sequence[str],
        labels: Sequence[str],
        *,
        oos_label: str | None = None,
        val_sentences: Sequence[str] | None = None,
        val_labels: Sequence[str] | None = None,
        label_map: Mapping[str, str] | None = None,
        holdout: float = 0.15,
        seed: int = 0,
        progress: bool = False,
    ) -> IntentClassifier:
        """Train on labelled sentences; choose the out-of-scope threshold on validation data."""
        sentences, labels = check_rows(sentences, labels, "training")
        if len(set(labels) - {oos_label}) < 2:
            raise ModelError("training needs at least two in-scope labels")
        self.oos_label = oos_label
        self.label_map = {k: str(v) for k, v in (label_map or {}).items()}
        started = time.perf_counter()
        self._embed(sentences, progress=progress)  # one batched pass; later calls hit the cache
        refit = False
        if oos_label is not None and val_sentences is None:
            train_idx, val_idx = stratified_split(labels, holdout, seed)
            val_sentences = [sentences[i] for i in val_idx]
            val_labels = [labels[i] for i in val_idx]
            self._train([sentences[i] for i in train_idx], [labels[i] for i in train_idx])
            refit = True
        else:
            self._train(sentences, labels)
        choice, standins, n_val = self._validate_threshold(sentences, oos_label, val_sentences, val_labels, seed)
        if refit:
            self._train(sentences, labels)
        self.metadata = {
            "n_train": len(sentences),
            "n_labels": len(self.labels),
            "train_seconds": round(time.perf_counter() - started, 2),
            "validation": None
            if choice is None
            else {
                "n": n_val,
                "in_scope_accuracy": round(choice.in_scope_accuracy, 4),
                "oos_recall": round(choice.oos_recall, 4),
                "oos_standins": standins,
            },
        }
        log.info(
            "trained intent classifier: %d sentences, %d labels, threshold %s, %.1f s",
            len(sentences),
            len(self.labels),
            self.threshold,
            self.metadata["train_seconds"],
        )
        return self

    def _validate_threshold(
        self,
        sentences: list[str],
        oos_label: str | None,
        val_sentences: Sequence[str] | None,
        val_labels: Sequence[str] | None,
        seed: int,
    ) -> tuple[ThresholdChoice | None, int, int]:
        """Set `self.threshold` from validation rows; returns (the choice or None, stand-ins used, rows validated)."""
        keep_caching, self.cache_embeddings = self.cache_embeddings, True  # validation rows may be training rows
        self.threshold = None
        if oos_label is None or val_sentences is None or val_labels is None:
            self.cache_embeddings = keep_caching
            return None, 0, 0
        try:
            vs, vl = check_rows(val_sentences, val_labels, "validation")
            in_scope = [s for s, lab in zip(vs, vl, strict=True) if lab != oos_label]
            standins = 0
            if in_scope and oos_label not in vl:
                # no out-of-scope examples to validate with: word-shuffled held-out questions stand in (oos_standins.py)
                extra = shuffled_word_standins(in_scope, known=sentences, seed=seed)
                standins = len(extra)
                vs, vl = vs + extra, vl + [oos_label] * len(extra)
                log.info("no %r rows in the validation data: %d word-shuffled stand-ins", oos_label, standins)
            if not (in_scope and oos_label in vl):
                log.warning(
                    "the validation data needs in-scope and out-of-scope rows (%r); no threshold is set", oos_label
                )
                return None, standins, len(vl)
            choice = self._choose_threshold(vs, vl)
            self.threshold = choice.threshold if np.isfinite(choice.threshold) else None
            return choice, standins, len(vl)
        finally:
            self.cache_embeddings = keep_caching

    def _train(self, sentences: list[str], labels: list[str]) -> None:
        from sklearn.linear_model import LogisticRegression

        self._features = [TfidfFeatures.fit(sentences, spec) for spec in DEFAULT_SPECS] if self.use_tfidf else []
        model = LogisticRegression(C=self.c, max_iter=self.max_iter, tol=1e-4)
        embeddings = self._embed(sentences)
        model.fit(self._phi(sentences, embeddings), labels)
        in_scope = np.array([lab != self.oos_label for lab in labels])
        # stored as float16; rounded the same way here so a reloaded model scores identically
        self._bank = embeddings[in_scope].astype(np.float16).astype(np.float32)
        self.labels = [str(lab) for lab in model.classes_]
        self._coef = model.coef_.astype(np.float32)
        self._intercept = model.intercept_.astype(np.float32)
        if len(self.labels) == 2:  # sklearn keeps one row for two classes; the softmax wants two
            self._coef = np.vstack([-self._coef / 2, self._coef / 2])
            self._intercept = np.array([-self._intercept[0] / 2, self._intercept[0] / 2], dtype=np.float32)
        self._index_groups()

    def _index_groups(self) -> None:
        groups = [self.label_map.get(lab, lab) for lab in self.labels]
        self._groups = list(dict.fromkeys(groups))
        position = {g: i for i, g in enumerate(self._groups)}
        self._group_of = np.array([position[g] for g in groups], dtype=np.int64)

    def _choose_threshold(self, sentences: list[str], labels: list[str]) -> ThresholdChoice:
        preds = self.classify_many(sentences, threshold=float("-inf"))
        is_oos = np.array([lab == self.oos_label for lab in labels])
        correct = np.array([self._same_group(p.best_label, lab) for p, lab in zip(preds, labels, strict=True)])
        choice = choose_threshold(
            np.array([p.oos_score for p in preds]),
            correct,
            np.array([p.out_of_scope for p in preds]),
            is_oos,
            max_in_scope_loss=self.max_in_scope_loss,
        )
        log.info(
            "out-of-scope threshold %.3f: validation in-scope accuracy %.3f, oos recall %.3f",
            choice.threshold,
            choice.in_scope_accuracy,
            choice.oos_recall,
        )
        return choice

    def _same_group(self, a: str, b: str) -> bool:
        return self.label_map.get(a, a) == self.label_map.get(b, b)

    # ----- prediction

    def classify_many(self, texts: Sequence[str], *, threshold: float | None = None) -> list[LabelPrediction]:
        """Decide each text in terms of the training labels (no mapping to shopbot intents)."""
        cut = threshold if threshold is not None else (self.threshold if self.threshold is not None else float("-inf"))
        probs, embeddings = self._probs_and_embeddings(texts)
        similarity = self._similarity(embeddings)
        n_groups = len(self._groups)
        oos_group = (
            self._groups.index(self.label_map.get(self.oos_label, self.oos_label))
            if self.oos_label in self.labels
            else -1
        )
        out: list[LabelPrediction] = []
        for row, sim in zip(probs, similarity, strict=True):
            group_probs = np.bincount(self._group_of, weights=row, minlength=n_groups)
            winner = int(group_probs.argmax())
            in_scope = group_probs.copy()
            if oos_group >= 0:
                in_scope[oos_group] = -1.0
            best_group = int(in_scope.argmax())
            members = np.flatnonzero(self._group_of == best_group)
            best_label = self.labels[int(members[row[members].argmax()])]
            confidence = float(group_probs[best_group])
            oos_score = float(np.log(max(confidence, 1e-12)) + self.knn_weight * sim)
            rejected = winner == oos_group or oos_score < cut
            order = np.argsort(-row)[:3]
            out.append(
                LabelPrediction(
                    label=(self.oos_label or "") if rejected else best_label,
                    best_label=best_label,
                    confidence=float(group_probs[winner]) if winner == oos_group else confidence,
                    out_of_scope=bool(rejected),
                    oos_score=oos_score,
                    top=[(self.labels[i], round(float(row[i]), 4)) for i in order],
                )
            )
        return out

    def predict_many(self, texts: Sequence[str]) -> list[IntentPrediction]:
        """Predict shopbot intents; fine labels are mapped through the label table."""
        results = []
        for p in self.classify_many(texts):
            if p.out_of_scope:
                intent = Intent.OUT_OF_SCOPE
            else:
                mapped = intent_for(self.label_map.get(p.label, p.label))
                if mapped is None:
                    raise ModelError(
                        f"label {p.label!r} has no shopbot intent; this classifier was trained on other labels"
                    )
                intent = mapped
            results.append(
                IntentPrediction(
                    intent=intent,
                    confidence=p.confidence,
                    label=p.label or p.best_label,
                    out_of_scope=p.out_of_scope,
                    scores=dict(p.top),
                )
            )
        return results

    def predict(self, text: str) -> IntentPrediction:
        """Predict the shopbot intent of one message."""
        return self.predict_many([text])[0]

    # ----- persistence

    def save(self, directory: Path | str) -> Path:
        """Write the versioned artifact directory (JSON + NumPy, no pickle)."""
        if self._coef is None or self._intercept is None:
            raise ModelError("cannot save an untrained intent classifier")
        meta = {
            "embedder": self.embedder_name,
            "embedding_dim": int(self._coef.shape[1] - sum(f.dim for f in self._features)),
            "c": self.c,
            "weights": list(self.weights),
            "knn_weight": self.knn_weight,
            "knn_k": KNN_K,
            "max_in_scope_loss": self.max_in_scope_loss,
            "labels": self.labels,
            "oos_label": self.oos_label,
            "threshold": self.threshold,
            "label_map": self.label_map,
            "metadata": self.metadata,
        }
        arrays = {"coef": self._coef, "intercept": self._intercept, "neighbours": self._bank.astype(np.float16)}
        return artifact.write(Path(directory), meta, arrays, self._features)

    @classmethod
    def load(cls, directory: Path | str) -> IntentClassifier:
        """Read an artifact directory written by `save`."""
        meta, arrays, features = artifact.read(Path(directory))
        try:
            clf = cls(
                embedder=meta["embedder"],
                c=meta["c"],
                weights=meta["weights"],
                knn_weight=meta["knn_weight"],
                max_in_scope_loss=meta["max_in_scope_loss"],
                tfidf=bool(features),
            )
            clf.labels = [str(lab) for lab in meta["labels"]]
            clf.oos_label = meta["oos_label"]
            clf.threshold = None if meta["threshold"] is None else float(meta["threshold"])
            clf.label_map = {str(k): str(v) for k, v in meta["label_map"].items()}
            clf.metadata = dict(meta.get("metadata") or {})
            dim = int(meta["embedding_dim"]) + sum(f.dim for f in features)
        except (KeyError, TypeError, ValueError, AttributeError) as exc:
            raise ModelError(f"{directory}: meta.json lacks or garbles a field ({exc})") from exc
        coef, intercept, bank = arrays["coef"], arrays["intercept"], arrays["neighbours"]
        if coef.shape != (len(clf.labels), dim) or intercept.shape != (len(clf.labels),):
            raise ModelError(
                f"{directory}: weights of shape {coef.shape} do not fit {len(clf.labels)} labels and {dim} features"
            )
        clf._features, clf._coef, clf._intercept, clf._bank = features, coef, intercept, bank.astype(np.float32)
        clf._index_groups()
        return clf
