"""Alternating least squares steps for explicit ratings (biased) and implicit feedback (weighted).

Each step solves one small ridge regression per user or per item with the other side
held fixed. The same functions serve full training and the incremental fold-in of new
interactions, so an update is exact for the touched rows.
"""

from __future__ import annotations

import numpy as np


def group(owner: np.ndarray, n_owner: int) -> tuple[np.ndarray, np.ndarray]:
    """Row order and CSR pointers that group interactions by owner."""
    order = np.argsort(owner, kind="stable")
    ptr = np.concatenate([[0], np.cumsum(np.bincount(owner, minlength=n_owner))]).astype(np.int64)
    return order, ptr


def solve_explicit(
    rows_of: list[np.ndarray],
    other: np.ndarray,
    target: np.ndarray,
    other_vecs: np.ndarray,
    *,
    reg: float,
    reg_bias: float,
    prior: np.ndarray | None = None,
) -> tuple[np.ndarray, np.ndarray]:
    """Biased ridge per owner: minimise sum (t - b - x.v)^2 + reg*n*|x - prior|^2 + reg_bias*b^2."""
    k = other_vecs.shape[1]
    X = np.hstack([np.ones((len(other_vecs), 1), other_vecs.dtype), other_vecs])
    bias = np.zeros(len(rows_of), np.float64)
    vecs = np.zeros((len(rows_of), k), np.float64)
    for n, rows in enumerate(rows_of):
        m = max(len(rows), 1)
        diag = np.full(k + 1, reg * m)
        diag[0] = reg_bias
        rhs = np.zeros(k + 1)
        A = np.diag(diag)
        if len(rows):
            Xo = X[other[rows]]
            A += Xo.T @ Xo
            rhs += Xo.T @ target[rows]
        if prior is not None:
            rhs[1:] += reg * m * prior[n]
        sol = np.linalg.solve(A, rhs)
        bias[n], vecs[n] = sol[0], sol[1:]
    return bias, vecs


def solve_implicit(
    rows_of: list[np.ndarray],
    other: np.ndarray,
    confidence: np.ndarray,
    other_vecs: np.ndarray,
    *,
    reg: float,
    unobserved: float,
    prior: np.ndarray | None = None,
    prior_reg: float = 0.0,
) -> np.ndarray:
    """Weighted ridge per owner (Hu, Koren & Volinsky 2008): observed pairs want 1 with weight c, all others 0 with weight w0."""
    k = other_vecs.shape[1]
    gram = unobserved * (other_vecs.T @ other_vecs)
    vecs = np.zeros((len(rows_of), k), np.float64)
    for n, rows in enumerate(rows_of):
        A = gram + (reg + prior_reg) * np.eye(k)
        rhs = np.zeros(k)
        if len(rows):
            Xo = other_vecs[other[rows]]
            c = confidence[rows]
            A += (Xo * (c - unobserved)[:, None]).T @ Xo
            rhs += Xo.T @ c
        if prior is not None:
            rhs += prior_reg * prior[n]
        vecs[n] = np.linalg.solve(A, rhs)
    return vecs


def fit_text_map(E: np.ndarray, Q: np.ndarray, *, reg: float) -> np.ndarray:
    """Ridge map W (k x d) from item text embeddings to item vectors: Q ~ E W^T."""
    d = E.shape[1]
    return np.linalg.solve(E.T @ E + reg * np.eye(d), E.T @ Q).T
