"""Choosing the out-of-scope threshold on validation data."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


@dataclass(frozen=True, slots=True)
class ThresholdChoice:
    """The chosen threshold and what it gave on the validation data."""

    threshold: float
    in_scope_accuracy: float
    oos_recall: float


def choose_threshold(
    score: np.ndarray,
    correct: np.ndarray,
    predicted_oos: np.ndarray,
    is_oos: np.ndarray,
    *,
    max_in_scope_loss: float = 0.01,
) -> ThresholdChoice:
    """The highest cut on `score` that costs at most `max_in_scope_loss` of validation in-scope accuracy.

    Inputs are per validation example: `score` (low means out of scope), `correct` (the best in-scope
    prediction is the gold label), `predicted_oos` (the model's own out-of-scope class won already) and
    `is_oos` (the gold label is out of scope). Rejecting more catches more out-of-scope messages but
    also turns away real questions; the budget says how many real questions we accept to lose.
    """
    score = np.asarray(score, dtype=np.float64)
    correct = np.asarray(correct, dtype=bool)
    predicted_oos = np.asarray(predicted_oos, dtype=bool)
    is_oos = np.asarray(is_oos, dtype=bool)
    if not (len(score) == len(correct) == len(predicted_oos) == len(is_oos)):
        raise ValueError("score, correct, predicted_oos and is_oos must have the same length")
    n_in, n_oos = int((~is_oos).sum()), int(is_oos.sum())
    if n_in == 0 or n_oos == 0:
        raise ValueError("choosing a threshold needs both in-scope and out-of-scope validation examples")

    def measure(cut: float) -> tuple[float, float]:
        rejected = predicted_oos | (score < cut)
        return float((correct & ~rejected & ~is_oos).sum()) / n_in, float((rejected & is_oos).sum()) / n_oos

    floor = measure(float("-inf"))[0] - max_in_scope_loss
    # candidate k rejects the k lowest-scoring in-scope examples and sits midway in the gap above them
    ins = np.sort(score[~is_oos])
    candidates = np.concatenate([[ins[0] - 1e-9], (ins[:-1] + ins[1:]) / 2])
    best = ThresholdChoice(float("-inf"), *measure(float("-inf")))
    lo, hi = 0, len(candidates) - 1
    while lo <= hi:  # in-scope accuracy only falls as the cut rises, so bisect for the last cut above the floor
        mid = (lo + hi) // 2
        in_acc, oos_rec = measure(float(candidates[mid]))
        if in_acc >= floor - 1e-12:
            best = ThresholdChoice(float(candidates[mid]), in_acc, oos_rec)
            lo = mid + 1
        else:
            hi = mid - 1
    return best
