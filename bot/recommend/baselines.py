"""Reference recommenders for evaluation: most popular items, and item-item cosine neighbours."""

from __future__ import annotations

import numpy as np
from scipy import sparse


class Popularity:
    """Ranks every item by how many users interacted with it in training."""

    name = "popularity"

    def __init__(self, users: np.ndarray, items: np.ndarray, n_items: int) -> None:
        pairs = np.unique(users.astype(np.int64) * n_items + items)
        self.counts = np.bincount(pairs % n_items, minlength=n_items).astype(np.float64)

    def scores(self, history: np.ndarray) -> np.ndarray:
        """The same popularity scores for every user."""
        return self.counts.copy()


class ItemItemCosine:
    """Scores item i by the summed cosine similarity of i to each item in the user's history."""

    name = "item-item cosine"

    def __init__(self, users: np.ndarray, items: np.ndarray, n_users: int, n_items: int) -> None:
        X = sparse.csr_matrix((np.ones(len(users)), (users, items)), shape=(n_users, n_items))
        X.data[:] = 1.0  # duplicates summed by the constructor: back to binary
        co = (X.T @ X).tocsr().astype(np.float64)
        norms = np.sqrt(np.asarray(co.diagonal()))
        norms[norms == 0] = 1.0
        inv = sparse.diags(1.0 / norms)
        sim = (inv @ co @ inv).tocsr()
        sim.setdiag(0.0)
        sim.eliminate_zeros()
        self.sim = sim

    def scores(self, history: np.ndarray) -> np.ndarray:
        """Sum of similarities to the history items."""
        if len(history) == 0:
            return np.zeros(self.sim.shape[0])
        return np.asarray(self.sim[history].sum(axis=0)).ravel()
