"""Training of `MFModel` by alternating least squares (explicit ratings or implicit feedback)."""

from __future__ import annotations

import logging
import time

import numpy as np
from threadpoolctl import threadpool_limits

from bot.errors import ModelError
from bot.recommend import als
from bot.recommend.interactions import Interactions
from bot.recommend.mf import MFConfig, MFModel

log = logging.getLogger(__name__)


def _index(values: np.ndarray, extra: list[str] | tuple[str, ...] = ()) -> tuple[list[str], np.ndarray]:
    ids = list(dict.fromkeys([*map(str, values), *extra]))
    lookup = {v: n for n, v in enumerate(ids)}
    return ids, np.fromiter((lookup[str(v)] for v in values), dtype=np.int64, count=len(values))


def _embeddings(item_ids: list[str], item_embeddings: dict[str, np.ndarray] | None, dim: int) -> np.ndarray:
    if item_embeddings:
        dim = len(next(iter(item_embeddings.values())))
    zero = np.zeros(dim, np.float32)
    return np.stack([np.asarray((item_embeddings or {}).get(i, zero), np.float32) for i in item_ids])


def _pairs(
    u: np.ndarray, i: np.ndarray, values: np.ndarray, n_items: int, *, explicit: bool
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """One row per (user, item): the last rating (explicit) or the summed strength (implicit)."""
    key = u * n_items + i
    uniq, inverse = np.unique(key, return_inverse=True)
    out: np.ndarray
    if explicit:
        out = np.zeros(len(uniq))
        out[inverse] = values  # later rows overwrite earlier ones
    else:
        out = np.bincount(inverse, weights=values, minlength=len(uniq))
    return uniq // n_items, uniq % n_items, out


def train_mf(
    interactions: Interactions,
    *,
    item_embeddings: dict[str, np.ndarray] | None = None,
    config: MFConfig | None = None,
    dim: int = 384,
) -> MFModel:
    """Fit a text-informed MF model by ALS; catalogue items never interacted with still get q = W e."""
    # thousands of tiny k x k solves: BLAS threads only add contention (8x slower on 2 busy cores)
    with threadpool_limits(limits=1, user_api="blas"):
        return _train(interactions, item_embeddings=item_embeddings, config=config, dim=dim)


def _train(
    interactions: Interactions, *, item_embeddings: dict[str, np.ndarray] | None, config: MFConfig | None, dim: int
) -> MFModel:
    cfg = config or MFConfig()
    if len(interactions) == 0:
        raise ModelError("no interactions to train on")
    explicit = cfg.mode == "explicit"
    if explicit and interactions.ratings is None:
        raise ModelError("explicit training needs ratings; use mode='implicit' for purchase or click logs")
    t0 = time.perf_counter()
    user_ids, u_idx = _index(interactions.users)
    item_ids, i_idx = _index(interactions.items, tuple(item_embeddings or {}))
    E = _embeddings(item_ids, item_embeddings, dim).astype(np.float64)
    n_users, n_items = len(user_ids), len(item_ids)
    if explicit:
        if interactions.ratings is None:
            raise ValueError("explicit training needs ratings")
        raw = interactions.ratings.astype(np.float64)
    else:
        raw = interactions.weights.astype(np.float64) if interactions.weights is not None else np.ones(len(u_idx))
    hu, hi, hv = _pairs(u_idx, i_idx, raw, n_items, explicit=explicit)

    uo, up = als.group(hu, n_users)
    mu = float(hv.mean()) if explicit else 0.0
    P, Q, W, bu, bi = _alternate(cfg, E, (hu, hi, hv), uo, up, n_items, mu)
    D = Q - E @ W.T
    ptr = np.concatenate([[0], np.cumsum(np.bincount(hu, minlength=n_users))]).astype(np.int64)
    arrays = {
        "bu": bu,
        "bi": bi,
        "P": P,
        "D": D,
        "W": W,
        "E": E,
        "hist_indptr": ptr,
        "hist_indices": hi[uo].astype(np.int64),
        "hist_values": hv[uo].astype(np.float32),
    }
    log.info(
        "trained %s MF on %d interactions (%d users, %d items) in %.1fs",
        cfg.mode,
        len(interactions),
        n_users,
        n_items,
        time.perf_counter() - t0,
    )
    return MFModel(config=cfg, user_ids=user_ids, item_ids=item_ids, mu=mu, arrays=arrays)


def _alternate(
    cfg: MFConfig,
    E: np.ndarray,
    pairs: tuple[np.ndarray, np.ndarray, np.ndarray],
    uo: np.ndarray,
    up: np.ndarray,
    n_items: int,
    mu: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """The ALS loop: user factors, item factors pulled towards their text prior E·Wᵀ, and the text map W."""
    hu, hi, hv = pairs
    n_users, k = len(up) - 1, cfg.factors
    explicit = cfg.mode == "explicit"
    io, ip = als.group(hi, n_items)
    user_rows = [uo[a:b] for a, b in zip(up[:-1], up[1:], strict=False)]
    item_rows = [io[a:b] for a, b in zip(ip[:-1], ip[1:], strict=False)]
    rng = np.random.default_rng(cfg.seed)
    P = rng.normal(0.0, 0.1, (n_users, k))
    Q = rng.normal(0.0, 0.1, (n_items, k))
    W = np.zeros((k, E.shape[1]))
    bu, bi = np.zeros(n_users), np.zeros(n_items)
    has_text = bool(np.any(E))
    conf = 1.0 + cfg.alpha * hv
    t0 = time.perf_counter()
    for it in range(cfg.iterations):
        prior = E @ W.T
        if explicit:
            bu, P = als.solve_explicit(user_rows, hi, hv - mu - bi[hi], Q, reg=cfg.reg, reg_bias=cfg.reg_bias)
            bi, Q = als.solve_explicit(
                item_rows, hu, hv - mu - bu[hu], P, reg=cfg.reg, reg_bias=cfg.reg_bias, prior=prior
            )
        else:
            P = als.solve_implicit(user_rows, hi, conf, Q, reg=cfg.reg, unobserved=cfg.unobserved)
            Q = als.solve_implicit(
                item_rows, hu, conf, P, reg=cfg.reg, unobserved=cfg.unobserved, prior=prior, prior_reg=cfg.prior_reg
            )
        if has_text:
            W = als.fit_text_map(E, Q, reg=cfg.reg_text)
        log.debug("ALS iteration %d done at %.1fs", it + 1, time.perf_counter() - t0)
    return P, Q, W, bu, bi
