"""Offline evaluation: RMSE/MAE for ratings, HR@10/NDCG@10/coverage for implicit feedback, with baselines."""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, Literal

import numpy as np

from bot.errors import ConfigError
from bot.recommend.baselines import ItemItemCosine, Popularity
from bot.recommend.interactions import Interactions, ItemText
from bot.recommend.mf import MFConfig, MFModel
from bot.recommend.mf_train import train_mf
from bot.recommend.text_embeddings import embed_items

log = logging.getLogger(__name__)

EXPLICIT_DEFAULTS = MFConfig(mode="explicit", factors=64, iterations=5, reg=0.1, reg_bias=5.0)
IMPLICIT_DEFAULTS = MFConfig(mode="implicit")


def kfold_rows(n: int, *, folds: int, seed: int = 0) -> list[np.ndarray]:
    """Shuffled row positions cut into `folds` test sets."""
    if folds < 2 or folds > n:
        raise ConfigError(f"folds must be between 2 and the number of interactions ({n}), got {folds}")
    return np.array_split(np.random.default_rng(seed).permutation(n), folds)


def leave_last_out_rows(inter: Interactions) -> np.ndarray:
    """For each user with two or more interactions, the row of the latest one (file order breaks ties)."""
    order = np.arange(len(inter))
    keys = (inter.times, order) if inter.times is not None else (order,)
    last: dict[str, int] = {}
    count: dict[str, int] = {}
    for row in np.lexsort(keys[::-1]) if inter.times is not None else order:
        u = inter.users[row]
        last[u] = int(row)
        count[u] = count.get(u, 0) + 1
    return np.array(sorted(r for u, r in last.items() if count[u] >= 2), dtype=np.int64)


def _rating_metrics(model: MFModel, test: Interactions, lo: float, hi: float) -> tuple[float, float]:
    pred = np.clip(model.predict(test.users, test.items), lo, hi)
    err = pred - test.ratings
    return float(np.sqrt(np.mean(err**2))), float(np.mean(np.abs(err)))


def _ranking_metrics(score_fn: Callable[[str], np.ndarray], users: list[str], truth: dict[str, set[int]], hist: dict[str, np.ndarray], n_items: int, *, k: int) -> dict[str, float]:
    hits, ndcgs, shown = [], [], set()
    discounts = 1.0 / np.log2(np.arange(2, k + 2))
    for u in users:
        s = np.asarray(score_fn(u), np.float64).copy()
        s[hist.get(u, np.zeros(0, np.int64))] = -np.inf
        top = np.argpartition(-s, k)[:k] if n_items > k else np.arange(n_items)
        top = top[np.argsort(-s[top], kind="stable")]
        rel = np.array([t in truth[u] for t in top], dtype=np.float64)
        shown.update(top.tolist())
        hits.append(float(rel.any()))
        ideal = discounts[: min(len(truth[u]), k)].sum()
        ndcgs.append(float((rel * discounts[: len(rel)]).sum() / ideal))
    return {f"hr@{k}": float(np.mean(hits)), f"ndcg@{k}": float(np.mean(ndcgs)), "coverage": len(shown) / n_items}


def _ranking_fold(train: Interactions, test: Interactions, emb: dict[str, np.ndarray] | None, cfg: MFConfig, *, k: int) -> dict[str, dict[str, float]]:
    model = train_mf(train, item_embeddings=emb, config=cfg)
    n_items = len(model.item_ids)
    iu = {u: n for n, u in enumerate(model.user_ids)}
    u_idx = np.array([iu[u] for u in train.users])
    i_idx = np.array([model.item_index[i] for i in train.items])
    hist: dict[str, np.ndarray] = {u: np.array(sorted(set(model.item_index[i] for i in model.history(u))), np.int64) for u in model.user_ids}
    truth: dict[str, set[int]] = {}
    for u, i in zip(test.users, test.items):
        if u in iu and i in model.item_index:
            truth.setdefault(u, set()).add(model.item_index[i])
    users = sorted(truth)
    pop = Popularity(u_idx, i_idx, n_items)
    knn = ItemItemCosine(u_idx, i_idx, len(model.user_ids), n_items)
    return {
        "model": _ranking_metrics(lambda u: model.scores(model.user_vector(u)), users, truth, hist, n_items, k=k),
        "popularity": _ranking_metrics(lambda u: pop.scores(hist[u]), users, truth, hist, n_items, k=k),
        "item_item": _ranking_metrics(lambda u: knn.scores(hist[u]), users, truth, hist, n_items, k=k),
        "evaluated_users": {"n": float(len(users))},
    }


def _mean(dicts: list[dict[str, dict[str, float]]]) -> dict[str, dict[str, float]]:
    return {name: {m: float(np.mean([d[name][m] for d in dicts])) for m in dicts[0][name]} for name in dicts[0]}


def evaluate_recommend(
    interactions: Interactions, *, ratings: bool, split: Literal["kfold", "leave-last-out"] = "kfold",
    items: list[ItemText] | None = None, folds: int = 5, k: int = 10, config: MFConfig | None = None,
    embedder: str = "minilm", cache_dir: Path | None = None, seed: int = 0,
) -> dict[str, Any]:
    """Evaluate on one data set; baselines share the split (ratings: biases only; implicit: popularity, item-item)."""
    if split not in ("kfold", "leave-last-out"):
        raise ConfigError(f"split must be 'kfold' or 'leave-last-out', not {split!r}")
    if ratings and interactions.ratings is None:
        raise ConfigError("--ratings needs a rating column in the interactions file")
    cfg = config or (EXPLICIT_DEFAULTS if ratings else IMPLICIT_DEFAULTS)
    if ratings != (cfg.mode == "explicit"):
        cfg = MFConfig(**{**cfg.__dict__, "mode": "explicit" if ratings else "implicit"})
    t0 = time.perf_counter()
    emb = embed_items(items, embedder=embedder, cache_dir=cache_dir) if items else None
    t_embed = time.perf_counter() - t0
    if split == "kfold":
        tests = kfold_rows(len(interactions), folds=folds, seed=seed)
    else:
        tests = [leave_last_out_rows(interactions)]
        if len(tests[0]) == 0:
            raise ConfigError("leave-last-out needs users with at least two interactions")
    results = []
    for n, test_rows in enumerate(tests):
        mask = np.ones(len(interactions), bool)
        mask[test_rows] = False
        train, test = interactions.subset(np.flatnonzero(mask)), interactions.subset(test_rows)
        if ratings:
            model = train_mf(train, item_embeddings=emb, config=cfg)
            lo, hi = float(interactions.ratings.min()), float(interactions.ratings.max())
            rmse, mae = _rating_metrics(model, test, lo, hi)
            biases = train_mf(train, config=MFConfig(**{**cfg.__dict__, "factors": 0}))
            b_rmse, b_mae = _rating_metrics(biases, test, lo, hi)
            results.append({"model": {"rmse": rmse, "mae": mae}, "biases_only": {"rmse": b_rmse, "mae": b_mae}})
        else:
            results.append(_ranking_fold(train, test, emb, cfg, k=k))
        log.info("fold %d/%d: %s", n + 1, len(tests), results[-1]["model"])
    out: dict[str, Any] = {
        "task": "ratings" if ratings else "implicit",
        "split": split,
        "folds": len(tests),
        "interactions": len(interactions),
        "users": len(set(interactions.users)),
        "items": len(set(interactions.items) | {it.item for it in items or []}),
        "text_features": bool(items),
        "config": cfg.__dict__,
        "seconds": {"embed": round(t_embed, 2), "total": round(time.perf_counter() - t0, 2)},
    }
    out.update(_mean(results))
    if ratings:
        out["per_fold_rmse"] = [r["model"]["rmse"] for r in results]
    return out
