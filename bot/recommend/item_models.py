"""Item-to-item models for sparse purchase logs: item-item with shrinkage, EASE^R and popularity.

Each one scores a customer by summing rows of an item-by-item matrix S over the items in the
customer's history: score(u) = x_u S. They need no user factors, so a new purchase counts at once.

* item-item with shrinkage: S_ij = co_ij / (sqrt(n_i n_j) + shrink), each row cut to its `neighbours`
  largest entries (Sarwar et al. 2001; the shrinkage term of Koren 2008 damps pairs seen together once).
* EASE^R (Steck 2019): S = argmin |X - X S|^2 + lam |S|^2 with diag(S) = 0, in closed form
  P = (X^T X + lam I)^-1, S_ij = -P_ij / P_jj. One n x n inverse, so it runs over the `max_items`
  most-bought items (the rest keep a zero row and are scored by the other parts of the blend).
"""

from __future__ import annotations

import logging
import time

import numpy as np
from scipy import linalg, sparse

log = logging.getLogger(__name__)


def binary_matrix(users: np.ndarray, items: np.ndarray, n_users: int, n_items: int) -> sparse.csr_matrix:
    """users x items, 1 where the user interacted with the item (repeats count once)."""
    X = sparse.csr_matrix((np.ones(len(users), np.float32), (users, items)), shape=(n_users, n_items))
    X.sum_duplicates()
    X.data[:] = 1.0
    return X


def popularity(X: sparse.csr_matrix) -> np.ndarray:
    """How many users interacted with each item."""
    return np.asarray(X.sum(axis=0), np.float64).ravel()


def _top_per_row(S: sparse.csr_matrix, keep: int, *, by_abs: bool = False) -> sparse.csr_matrix:
    """Keep each row's `keep` largest entries (by absolute value for EASE, whose negative weights matter)."""
    S = S.tocsr()
    S.eliminate_zeros()
    counts = np.diff(S.indptr)
    if keep <= 0 or counts.max(initial=0) <= keep:
        return S
    rows, cols, vals = [], [], []
    for r in np.flatnonzero(counts):
        a, b = S.indptr[r], S.indptr[r + 1]
        v = S.data[a:b]
        idx = (
            np.argpartition(-(np.abs(v) if by_abs else v), min(keep, len(v)) - 1)[:keep]
            if len(v) > keep
            else np.arange(len(v))
        )
        rows.append(np.full(len(idx), r))
        cols.append(S.indices[a:b][idx])
        vals.append(v[idx])
    return sparse.csr_matrix(
        (np.concatenate(vals), (np.concatenate(rows), np.concatenate(cols))), shape=S.shape, dtype=np.float32
    )


def item_knn(X: sparse.csr_matrix, *, shrink: float = 10.0, neighbours: int = 100) -> sparse.csr_matrix:
    """Item-item cosine similarity with shrinkage, diagonal zero, rows cut to the top `neighbours`."""
    co = (X.T @ X).tocsr().astype(np.float64)
    n = np.asarray(co.diagonal())
    co.setdiag(0.0)
    co.eliminate_zeros()
    coo = co.tocoo()
    denom = np.sqrt(n[coo.row] * n[coo.col]) + shrink
    S = sparse.csr_matrix((coo.data / denom, (coo.row, coo.col)), shape=co.shape, dtype=np.float32)
    return _top_per_row(S, neighbours)


def ease(X: sparse.csr_matrix, *, lam: float, max_items: int = 6000, keep: int = 256) -> sparse.csr_matrix:
    """EASE^R weights over the `max_items` most popular items, each row cut to `keep` entries by size."""
    t0 = time.perf_counter()
    pop = popularity(X)
    active = np.flatnonzero(pop > 0)
    if len(active) > max_items:
        active = active[np.argsort(-pop[active], kind="stable")[:max_items]]
        active.sort()
    n = X.shape[1]
    if len(active) == 0:
        return sparse.csr_matrix((n, n), dtype=np.float32)
    Xa = X[:, active]
    G = np.asarray((Xa.T @ Xa).todense(), np.float64)
    G[np.diag_indices_from(G)] += lam
    P = linalg.inv(G, overwrite_a=True, check_finite=False)
    B = -P / np.diag(P)[None, :]
    np.fill_diagonal(B, 0.0)
    Ba = _top_per_row(sparse.csr_matrix(B.astype(np.float32)), keep, by_abs=True).tocoo()
    S = sparse.csr_matrix((Ba.data, (active[Ba.row], active[Ba.col])), shape=(n, n), dtype=np.float32)
    log.debug("EASE over %d items (lam %.1f) in %.2fs", len(active), lam, time.perf_counter() - t0)
    return S
