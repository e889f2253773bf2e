"""Training the shop recommender: the candidates compete on a validation split cut from the training data.

Candidates: popularity, the text-informed MF (the paper's model), item-item with shrinkage, EASE^R,
and blends of the best item model with popularity or with the MF. The validation split holds out each
customer's latest new item (`metrics.last_new_item_rows`); every candidate is fitted on the rest and
ranked by NDCG@10 on the held-out items; a second split holds out the item before that (with the
latest removed too), and the two are averaged over customers, which halves the noise of a small shop. The winner is refitted on all the data and stored in the
model (`MFModel.ranker`); the MF is always kept, for new products (cold start), context and reasons.
"""

from __future__ import annotations

import logging
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse

from bot.recommend import item_models
from bot.recommend.interactions import Interactions
from bot.recommend.metrics import last_new_item_rows, ranking_metrics_matrix
from bot.recommend.mf import MFConfig, MFModel
from bot.recommend.mf_train import train_mf
from bot.recommend.ranker import Ranker

log = logging.getLogger(__name__)

MIN_VALIDATION_USERS = 5
VALIDATION_SPLITS = 2
MAX_VALIDATION_USERS = 3000  # a seeded sample beyond this keeps selection fast on big logs
KNN_SHRINK = (2.0, 10.0, 50.0)
EASE_LAMBDA = (20.0, 100.0, 500.0)
POP_WEIGHTS = (0.1, 0.3, 1.0, 3.0)
MF_WEIGHTS = (0.25, 0.5, 1.0)


@dataclass
class Spec:
    """One candidate: which item model, its parameters and blend weights."""

    family: str  # popularity | mf | item_knn | ease
    params: dict[str, float] = field(default_factory=dict)
    w_pop: float = 0.0
    w_mf: float = 0.0

    @property
    def name(self) -> str:
        """A readable name such as `ease(lam=50)+popularity(0.05)`."""
        base = self.family + (
            "(" + ", ".join(f"{k}={v:g}" for k, v in self.params.items()) + ")" if self.params else ""
        )
        if self.family in ("popularity", "mf"):
            return base
        extras = [f"popularity({self.w_pop:g})"] * bool(self.w_pop) + [f"mf({self.w_mf:g})"] * bool(self.w_mf)
        return "+".join([base, *extras])


DEFAULT = Spec("ease", {"lam": 50.0}, w_pop=0.05)  # when there is too little data to validate


def build_ranker(spec: Spec, X: sparse.csr_matrix, *, report: dict[str, Any] | None = None) -> Ranker:
    """The ranker of a candidate, fitted on the user x item matrix X."""
    pop = item_models.popularity(X)
    if spec.family == "popularity":
        return Ranker(spec.name, pop, None, 0.0, 1.0, 0.0, {"family": "popularity"}, report or {})
    if spec.family == "mf":
        return Ranker(spec.name, pop, None, 0.0, 0.0, 1.0, {"family": "mf"}, report or {})
    if spec.family == "item_knn":
        S = item_models.item_knn(X, shrink=spec.params["shrink"])
    elif spec.family == "ease":
        S = item_models.ease(X, lam=spec.params["lam"])
    else:
        raise ValueError(f"unknown recommender family {spec.family!r}")
    return Ranker(spec.name, pop, S, 1.0, spec.w_pop, spec.w_mf, {"family": spec.family, **spec.params}, report or {})


def _matrix(inter: Interactions, model: MFModel) -> sparse.csr_matrix:
    u = np.array([model.user_index[x] for x in inter.users], np.int64)
    i = np.array([model.item_index[x] for x in inter.items], np.int64)
    return item_models.binary_matrix(u, i, len(model.user_ids), len(model.item_ids))


class _Split:
    """One validation split: the MF and the user x item matrix fitted on its training part, the held-out items."""

    BLOCK = 512  # customers scored at once

    def __init__(
        self,
        fit: Interactions,
        held: Interactions,
        emb: dict[str, np.ndarray] | None,
        cfg: MFConfig,
        *,
        k: int,
        seed: int,
    ) -> None:
        mf = train_mf(fit, item_embeddings=emb, config=cfg)
        self.X = _matrix(fit, mf)
        truth: dict[str, set[int]] = {}
        for u, i in zip(held.users, held.items, strict=False):
            if u in mf.user_index and i in mf.item_index:
                truth.setdefault(u, set()).add(mf.item_index[i])
        users = sorted(truth)
        if len(users) > MAX_VALIDATION_USERS:
            users = sorted(np.random.default_rng(seed).choice(users, MAX_VALIDATION_USERS, replace=False).tolist())
        self.users, self.k, self.n = users, k, len(mf.item_ids)
        rows = np.array([mf.user_index[u] for u in users], np.int64)
        self.H = self.X[rows]
        t_rows = [n for n, u in enumerate(users) for _ in truth[u]]
        t_cols = [j for u in users for j in sorted(truth[u])]
        self.T = sparse.csr_matrix((np.ones(len(t_rows)), (t_rows, t_cols)), shape=(len(users), self.n))
        self.P, self.Q, self.bias = (
            mf.P[rows].astype(np.float64),
            mf.Q.astype(np.float64),
            mf.mu + mf.bi.astype(np.float64),
        )
        self._item_rankers: dict[str, Ranker] = {}

    def measure(self, spec: Spec, per_user: list[float] | None = None) -> dict[str, float]:
        """HR@k, NDCG@k and coverage of one candidate on this split (customers scored in blocks)."""
        key = Spec(spec.family, spec.params).name
        if spec.family in ("item_knn", "ease"):
            if key not in self._item_rankers:
                self._item_rankers[key] = build_ranker(Spec(spec.family, spec.params), self.X)
            base = self._item_rankers[key]
            r = Ranker(spec.name, base.pop, base.S, 1.0, spec.w_pop, spec.w_mf)
        else:
            r = build_ranker(spec, self.X)
        hits, ndcgs, shown = [], [], set()
        for a in range(0, len(self.users), self.BLOCK):
            b = a + self.BLOCK
            H = self.H[a:b]
            scores = r.score_matrix(H, self.P[a:b] @ self.Q.T + self.bias)
            hit, ndcg, seen = ranking_metrics_matrix(scores, H, self.T[a:b], k=self.k)
            hits.append(hit)
            ndcgs.append(ndcg)
            shown |= seen
        hit_all, ndcg_all = np.concatenate(hits), np.concatenate(ndcgs)
        if per_user is not None:
            per_user.extend(ndcg_all.tolist())
        return {
            f"hr@{self.k}": float(hit_all.mean()),
            f"ndcg@{self.k}": float(ndcg_all.mean()),
            "coverage": len(shown) / max(self.n, 1),
        }


def _complexity(spec: Spec) -> int:
    return 0 if spec.family == "popularity" else 1 if not (spec.w_pop or spec.w_mf) else 2


def _one_standard_error(ranked: list[str], specs: dict[str, Spec], per_user: dict[str, np.ndarray]) -> str:
    """The simplest candidate whose NDCG is within one standard error of the best one's (paired over customers).

    Picking the maximum of twenty noisy estimates favours whichever was luckiest on a small shop; a
    simpler model that is statistically as good generalises at least as well (Breiman's one-SE rule).
    """
    best = ranked[0]
    close = []
    for name in ranked:
        diff = per_user[best] - per_user[name]
        se = float(diff.std(ddof=1) / np.sqrt(len(diff))) if len(diff) > 1 else 0.0
        if float(diff.mean()) <= se:
            close.append(name)
    return min(close, key=lambda name: (_complexity(specs[name]), ranked.index(name)))


def _validation_splits(inter: Interactions) -> list[tuple[np.ndarray, np.ndarray]]:
    """Up to VALIDATION_SPLITS (fit rows, held rows): the latest new item per customer, then the one before it."""
    splits, rows = [], np.arange(len(inter))
    for _ in range(VALIDATION_SPLITS):
        held = last_new_item_rows(inter, rows=rows)
        if len(set(inter.users[held])) < MIN_VALIDATION_USERS:
            break
        rows = np.setdiff1d(rows, held, assume_unique=True)
        splits.append((rows, held))
    return splits


def _select(
    inter: Interactions,
    splits: list[tuple[np.ndarray, np.ndarray]],
    emb: dict[str, np.ndarray] | None,
    cfg: MFConfig,
    *,
    k: int,
    seed: int,
) -> tuple[Spec, dict[str, Any]]:
    states = [_Split(inter.subset(fit), inter.subset(held), emb, cfg, k=k, seed=seed) for fit, held in splits]
    total = sum(len(s.users) for s in states)
    results: dict[str, dict[str, float]] = {}
    specs: dict[str, Spec] = {}
    per_user: dict[str, np.ndarray] = {}
    metric = f"ndcg@{k}"

    def run(spec: Spec) -> float:
        values: list[float] = []
        parts = [
            (s.measure(spec, values), len(s.users)) for s in states
        ]  # a mean over every held-out customer of every split
        results[spec.name] = {m: sum(r[m] * n for r, n in parts) / max(total, 1) for m in parts[0][0]}
        specs[spec.name] = spec
        per_user[spec.name] = np.array(values)
        return results[spec.name][metric]

    run(Spec("popularity"))
    run(Spec("mf"))
    items = [
        Spec(family, {key: value})
        for family, key, grid in (("item_knn", "shrink", KNN_SHRINK), ("ease", "lam", EASE_LAMBDA))
        for value in grid
    ]
    best = max(items, key=run)
    for w in POP_WEIGHTS:
        run(Spec(best.family, best.params, w_pop=w))
    for w in MF_WEIGHTS:
        run(Spec(best.family, best.params, w_mf=w))
    ranked = sorted(
        results, key=lambda name: -results[name][metric]
    )  # stable: simpler candidates listed first win ties
    winner = _one_standard_error(ranked, specs, per_user)
    family = specs[winner].family
    runner_up = next((name for name in ranked if specs[name].family != family), None)
    report = {
        "validation_splits": len(states),
        "validation_users": total,
        "metric": metric,
        "winner": winner,
        "rule": "simplest candidate within one standard error of the best validation score",
        "best_score_candidate": ranked[0],
        "best_score": round(results[ranked[0]][metric], 4),
        "winner_score": round(results[winner][metric], 4),
        "runner_up": runner_up,
        "runner_up_score": round(results[runner_up][metric], 4) if runner_up else None,
        "margin": round(results[winner][metric] - results[runner_up][metric], 4) if runner_up else None,
        "text_mf_score": round(results["mf"][metric], 4),
        "candidates": {name: {m: round(v, 4) for m, v in results[name].items()} for name in ranked},
    }
    return specs[winner], report


def train_recommender(
    inter: Interactions,
    *,
    item_embeddings: dict[str, np.ndarray] | None = None,
    config: MFConfig | None = None,
    k: int = 10,
    seed: int = 0,
) -> MFModel:
    """The text-informed MF plus the ranker that won on validation (explicit ratings: the MF alone)."""
    cfg = config or MFConfig(mode="implicit")
    if cfg.mode == "explicit":
        return train_mf(inter, item_embeddings=item_embeddings, config=cfg)
    t0 = time.perf_counter()
    splits = _validation_splits(inter)
    if splits:
        spec, report = _select(inter, splits, item_embeddings, cfg, k=k, seed=seed)
    else:
        spec = DEFAULT
        report = {
            "validation_users": 0,
            "winner": spec.name,
            "note": f"fewer than {MIN_VALIDATION_USERS} customers with two or more different items: no validation, default model",
        }
    model = train_mf(inter, item_embeddings=item_embeddings, config=cfg)
    report["seconds"] = round(time.perf_counter() - t0, 2)
    model.ranker = build_ranker(spec, _matrix(inter, model), report=report)
    log.info("recommender: %s won (%s)", spec.name, _summary(report))
    return model


def _summary(report: dict[str, Any]) -> str:
    if "note" in report:
        return report["note"]
    if report.get("best_score_candidate") not in (None, report["winner"]):
        margin = f"; simplest within one standard error of the best-scoring {report['best_score_candidate']} ({report['best_score']:.4f})"
    elif report.get("runner_up"):
        margin = f", {report['margin']:+.4f} over {report['runner_up']} ({report['runner_up_score']:.4f})"
    else:
        margin = ""
    return f"validation {report['metric']} {report['winner_score']:.4f} on {report['validation_users']} customers{margin}; text-informed MF {report['text_mf_score']:.4f}"


def summary(model: MFModel) -> str:
    """One line: which model won and by how much."""
    r = model.ranker
    if r is None:
        return "text-informed MF (no model selection: explicit ratings or an older artifact)"
    return f"{r.kind} won: {_summary(r.report)}"
