"""Offline evaluation: RMSE/MAE for ratings, HR@10/NDCG@10/coverage for implicit feedback, with baselines.

Implicit: `model` is what `shopbot recommend train` would ship (the candidate that won on a validation
split cut from this fold's training part); `text_mf` is the paper's text-informed MF alone; `popularity`
and `item_item` (plain cosine) are the baselines. All share the split.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path
from typing import Any, Literal

import numpy as np

from bot.errors import ConfigError
from bot.recommend.baselines import ItemItemCosine, Popularity
from bot.recommend.interactions import Interactions, ItemText
from bot.recommend.metrics import last_new_item_rows, ranking_metrics
from bot.recommend.mf import MFConfig, MFModel
from bot.recommend.mf_train import train_mf
from bot.recommend.selection import train_recommender
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
    """For each user with two or more distinct items, the rows of the latest new item (see `metrics.last_new_item_rows`)."""
    return last_new_item_rows(inter)


def _rating_metrics(model: MFModel, test: Interactions, lo: float, hi: float) -> tuple[float, float]:
    pred = np.clip(model.predict(test.users, test.items), lo, hi)
    err = pred - test.ratings
    return float(np.sqrt(np.mean(err**2))), float(np.mean(np.abs(err)))


def _ranking_fold(
    train: Interactions, test: Interactions, emb: dict[str, np.ndarray] | None, cfg: MFConfig, *, k: int
) -> dict[str, Any]:
    model = train_recommender(train, item_embeddings=emb, config=cfg, k=k)
    ranker = model.ranker
    n_items = len(model.item_ids)
    iu = model.user_index
    u_idx = np.array([iu[u] for u in train.users])
    i_idx = np.array([model.item_index[i] for i in train.items])
    hist: dict[str, np.ndarray] = {
        u: np.array(sorted(set(model.item_index[i] for i in model.history(u))), np.int64) for u in model.user_ids
    }
    truth: dict[str, set[int]] = {}
    for u, i in zip(test.users, test.items, strict=False):
        if u in iu and i in model.item_index:
            truth.setdefault(u, set()).add(model.item_index[i])
    users = sorted(truth)
    mf = {u: model.scores(model.user_vector(u)).astype(np.float64) for u in users}
    pop = Popularity(u_idx, i_idx, n_items)
    knn = ItemItemCosine(u_idx, i_idx, len(model.user_ids), n_items)
    chosen = (lambda u: ranker.scores(hist[u], mf[u])) if ranker is not None else (lambda u: mf[u])
    return {
        "model": ranking_metrics(chosen, users, truth, hist, n_items, k=k),
        "text_mf": ranking_metrics(lambda u: mf[u], users, truth, hist, n_items, k=k),
        "popularity": ranking_metrics(lambda u: pop.scores(hist[u]), users, truth, hist, n_items, k=k),
        "item_item": ranking_metrics(lambda u: knn.scores(hist[u]), users, truth, hist, n_items, k=k),
        "evaluated_users": {"n": float(len(users))},
        "selection": dict(ranker.report) if ranker is not None else {},
    }


def _mean(dicts: list[dict[str, Any]]) -> dict[str, Any]:
    out: dict[str, Any] = {
        name: {m: float(np.mean([d[name][m] for d in dicts])) for m in dicts[0][name]}
        for name in dicts[0]
        if name != "selection"
    }
    if "selection" in dicts[0]:
        out["selection"] = [d["selection"] for d in dicts] if len(dicts) > 1 else dicts[0]["selection"]
    return out


def _rating_fold(
    interactions: Interactions,
    train: Interactions,
    test: Interactions,
    emb: dict[str, np.ndarray] | None,
    cfg: MFConfig,
) -> dict[str, Any]:
    """RMSE and MAE of the model and of a biases-only model on one fold, ratings clipped to the data's range."""
    model = train_mf(train, item_embeddings=emb, config=cfg)
    if interactions.ratings is None:
        raise ConfigError("--ratings needs a rating column in the interactions file")
    lo, hi = float(interactions.ratings.min()), float(interactions.ratings.max())
    rmse, mae = _rating_metrics(model, test, lo, hi)
    biases = train_mf(train, config=MFConfig(**{**cfg.__dict__, "factors": 0}))
    b_rmse, b_mae = _rating_metrics(biases, test, lo, hi)
    return {"model": {"rmse": rmse, "mae": mae}, "biases_only": {"rmse": b_rmse, "mae": b_mae}}


def evaluate_recommend(
    interactions: Interactions,
    *,
    ratings: bool,
    split: Literal["kfold", "leave-last-out"] = "kfold",
    items: list[ItemText] | None = None,
    folds: int = 5,
    k: int = 10,
    config: MFConfig | None = None,
    embedder: str = "minilm",
    cache_dir: Path | None = None,
    seed: int = 0,
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
            raise ConfigError("leave-last-out needs customers with at least two different items")
    results = []
    for n, test_rows in enumerate(tests):
        mask = np.ones(len(interactions), bool)
        mask[test_rows] = False
        train, test = interactions.subset(np.flatnonzero(mask)), interactions.subset(test_rows)
        if ratings:
            results.append(_rating_fold(interactions, train, test, emb, cfg))
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
