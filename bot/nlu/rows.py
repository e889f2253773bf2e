"""Labelled rows for the intent classifier: checking them and a stratified validation split."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from bot.errors import ModelError


def check_rows(sentences: Sequence[str], labels: Sequence[str], what: str) -> tuple[list[str], list[str]]:
    """The rows as strings; a length mismatch or no rows at all is a ModelError naming `what`."""
    if len(sentences) != len(labels):
        raise ModelError(f"{what} data has {len(sentences)} sentences but {len(labels)} labels")
    if not sentences:
        raise ModelError(f"{what} data is empty")
    return [str(s) for s in sentences], [str(lab) for lab in labels]


def stratified_split(labels: list[str], holdout: float, seed: int) -> tuple[list[int], list[int]]:
    """Hold out about `holdout` of each label's rows (labels with fewer than 3 rows stay in training)."""
    rng = np.random.default_rng(seed)
    by_label: dict[str, list[int]] = {}
    for i, lab in enumerate(labels):
        by_label.setdefault(lab, []).append(i)
    train, val = [], []
    for label_rows in by_label.values():
        rows = list(rng.permutation(label_rows))
        k = int(round(len(rows) * holdout)) if len(rows) >= 3 else 0
        val.extend(rows[:k])
        train.extend(rows[k:])
    return sorted(train), sorted(val)
