"""Top-k ranking metrics and the leave-last-new-item split, shared by model selection and `eval recommend`."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
from scipy import sparse

from bot.recommend.interactions import Interactions


def last_new_item_rows(inter: Interactions, *, rows: np.ndarray | None = None) -> np.ndarray:
    """Per user with two or more distinct items: every row of the item whose first interaction came last.

    Time orders the rows (file order breaks ties, or orders alone without a time column). Holding out the
    latest *new* item, with its repeats, asks what a shop recommender is for: something the customer has
    not had yet. A repeat purchase of an earlier item cannot be recommended (bought items are filtered).
    """
    rows = np.arange(len(inter)) if rows is None else rows
    order = rows[np.lexsort((rows, inter.times[rows]))] if inter.times is not None else rows
    first: dict[tuple[str, str], int] = {}
    for pos, r in enumerate(order):
        first.setdefault((inter.users[r], inter.items[r]), pos)
    latest: dict[str, tuple[int, str]] = {}
    distinct: dict[str, int] = {}
    for (u, i), pos in first.items():
        distinct[u] = distinct.get(u, 0) + 1
        if pos >= latest.get(u, (-1, ""))[0]:
            latest[u] = (pos, i)
    held = {(u, i) for u, (_, i) in latest.items() if distinct[u] >= 2}
    return np.array(sorted(int(r) for r in rows if (inter.users[r], inter.items[r]) in held), dtype=np.int64)


def ranking_metrics(
    score_fn: Callable[[str], np.ndarray],
    users: list[str],
    truth: dict[str, set[int]],
    hist: dict[str, np.ndarray],
    n_items: int,
    *,
    k: int = 10,
    per_user: list[float] | None = None,
) -> dict[str, float]:
    """HR@k, NDCG@k and catalogue coverage of the top-k lists, history items excluded (`per_user` collects each NDCG)."""
    hits, ndcgs, shown = [], [], set()
    discounts = 1.0 / np.log2(np.arange(2, k + 2))
    for u in users:
        s = np.asarray(score_fn(u), np.float64)[:n_items].copy()
        s[hist.get(u, np.zeros(0, np.int64))] = -np.inf
        top = np.argpartition(-s, k)[:k] if n_items > k else np.arange(n_items)
        top = top[np.argsort(-s[top], kind="stable")]
        rel = np.array([t in truth[u] for t in top], dtype=np.float64)
        shown.update(top.tolist())
        hits.append(float(rel.any()))
        ideal = discounts[: min(len(truth[u]), k)].sum()
        ndcgs.append(float((rel * discounts[: len(rel)]).sum() / ideal))
    if per_user is not None:
        per_user.extend(ndcgs)
    if not users:
        return {f"hr@{k}": 0.0, f"ndcg@{k}": 0.0, "coverage": 0.0}
    return {
        f"hr@{k}": float(np.mean(hits)),
        f"ndcg@{k}": float(np.mean(ndcgs)),
        "coverage": len(shown) / max(n_items, 1),
    }


def ranking_metrics_matrix(
    scores: np.ndarray, hist: sparse.csr_matrix, truth: sparse.csr_matrix, *, k: int = 10
) -> tuple[np.ndarray, np.ndarray, set[int]]:
    """Per-customer hit@k and NDCG@k, and the items shown, for a block of scores (customers x items); history excluded."""
    s = np.array(scores, np.float64, copy=True)
    h = hist.tocoo()
    s[h.row, h.col] = -np.inf
    n_items = s.shape[1]
    kk = min(k, n_items)
    top = np.argpartition(-s, kk - 1, axis=1)[:, :kk] if n_items > kk else np.tile(np.arange(n_items), (len(s), 1))
    order = np.argsort(-np.take_along_axis(s, top, axis=1), axis=1, kind="stable")
    top = np.take_along_axis(top, order, axis=1)
    rel = np.asarray(truth.tocsr()[np.arange(len(s))[:, None], top].todense(), np.float64) > 0
    discounts = 1.0 / np.log2(np.arange(2, kk + 2))
    n_true = np.asarray(truth.getnnz(axis=1))
    ideal = np.array([discounts[: min(t, kk)].sum() for t in n_true])
    ndcg = (rel * discounts).sum(axis=1) / np.maximum(ideal, 1e-12)
    return np.asarray(rel.any(axis=1), np.float64), np.asarray(ndcg, np.float64), set(np.unique(top).tolist())
