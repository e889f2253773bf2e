"""choose_threshold: the highest cut that keeps validation in-scope accuracy within budget."""

from __future__ import annotations

import numpy as np
import pytest

from bot.nlu.threshold import choose_threshold


def _case() -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    # ten in-scope examples scored 1..10 (all correct), four out-of-scope scored 0.5, 1.5, 2.5 and 9
    in_scores = np.arange(1.0, 11.0)
    oos_scores = np.array([0.5, 1.5, 2.5, 9.0])
    score = np.concatenate([in_scores, oos_scores])
    correct = np.array([True] * 10 + [False] * 4)
    predicted_oos = np.zeros(14, dtype=bool)
    is_oos = np.array([False] * 10 + [True] * 4)
    return score, correct, predicted_oos, is_oos


def test_zero_budget_rejects_only_what_lies_below_every_in_scope_example() -> None:
    choice = choose_threshold(*_case(), max_in_scope_loss=0.0)
    assert choice.in_scope_accuracy == 1.0
    assert choice.oos_recall == 0.25
    assert 0.5 < choice.threshold <= 1.0


def test_a_budget_of_two_in_scope_examples_buys_more_recall() -> None:
    choice = choose_threshold(*_case(), max_in_scope_loss=0.2)
    assert choice.in_scope_accuracy == pytest.approx(0.8)
    # the cut sits midway between the last rejected and the first kept in-scope score
    assert choice.threshold == pytest.approx(2.5)
    assert choice.oos_recall == 0.5


def test_the_models_own_oos_votes_count_as_rejections() -> None:
    score, correct, predicted_oos, is_oos = _case()
    predicted_oos[-1] = True  # the oos example scored 9 was caught by the oos class
    choice = choose_threshold(score, correct, predicted_oos, is_oos, max_in_scope_loss=0.0)
    assert choice.oos_recall == 0.5


def test_wrong_in_scope_predictions_do_not_count_as_accurate() -> None:
    score, correct, predicted_oos, is_oos = _case()
    correct[0] = False
    choice = choose_threshold(score, correct, predicted_oos, is_oos, max_in_scope_loss=0.0)
    assert choice.in_scope_accuracy == pytest.approx(0.9)
    # rejecting the wrong one costs nothing, so the cut rises above it, but no further
    assert choice.threshold == pytest.approx(1.5)
    assert choice.oos_recall == 0.25


def test_needs_both_kinds_of_examples() -> None:
    with pytest.raises(ValueError, match="both in-scope and out-of-scope"):
        choose_threshold(np.ones(3), np.ones(3, bool), np.zeros(3, bool), np.zeros(3, bool))
    with pytest.raises(ValueError, match="same length"):
        choose_threshold(np.ones(3), np.ones(2, bool), np.zeros(3, bool), np.zeros(3, bool))
