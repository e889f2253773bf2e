"""A biased matrix-factorisation model whose item vectors are informed by product text.

    r_ui = mu + b_u + b_i + q_i . p_u
    q_i  = W e_i + d_i        (e_i: the item's sentence embedding, d_i: what interactions add)

The item step of ALS pulls q_i towards W e_i, and W is the ridge map from text to item
vectors; a new product therefore has q = W e before anyone bought it. A user vector
comes from the purchase history (an exact fold-in solve), and interests stated in the
conversation add lam * W mean(e_context). Training lives in `mf_train.py`.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Literal

import numpy as np
from threadpoolctl import threadpool_limits

from bot.errors import ModelError
from bot.recommend import als
from bot.recommend.ranker import Ranker

log = logging.getLogger(__name__)

FORMAT_VERSION = 1
ARRAYS = ("bu", "bi", "P", "D", "W", "E", "hist_indptr", "hist_indices", "hist_values")


@dataclass
class MFConfig:
    """Hyper-parameters of training and scoring."""

    mode: Literal["explicit", "implicit"] = "implicit"
    factors: int = 64
    iterations: int = 8
    reg: float = 0.1  # explicit: times the row's count; implicit: plain ridge
    reg_bias: float = 5.0
    reg_text: float = 1.0  # ridge of the text map W
    prior_reg: float = 1.0  # implicit: pull of q_i towards W e_i
    alpha: float = 1.0  # implicit: confidence = 1 + alpha * strength
    unobserved: float = 2.0  # implicit: weight of every unobserved pair
    context_weight: float = 1.0
    seed: int = 0
    embedder: str = "minilm"


class MFModel:
    """Trained parameters plus each user's history, with scoring, fold-in and incremental updates."""

    def __init__(
        self, *, config: MFConfig, user_ids: list[str], item_ids: list[str], mu: float, arrays: dict[str, np.ndarray]
    ) -> None:
        missing = [a for a in ARRAYS if a not in arrays]
        if missing:
            raise ModelError(f"recommender arrays missing: {', '.join(missing)}")
        self.config = config
        self.user_ids = list(user_ids)
        self.item_ids = list(item_ids)
        self.mu = float(mu)
        self.bu = arrays["bu"].astype(np.float32)
        self.bi = arrays["bi"].astype(np.float32)
        self.P = arrays["P"].astype(np.float32)
        self.D = arrays["D"].astype(np.float32)
        self.W = arrays["W"].astype(np.float32)
        self.E = arrays["E"].astype(np.float32)
        ptr, idx, val = arrays["hist_indptr"], arrays["hist_indices"], arrays["hist_values"]
        self._history: list[dict[int, float]] = [
            dict(zip(idx[a:b].tolist(), val[a:b].tolist(), strict=False))
            for a, b in zip(ptr[:-1], ptr[1:], strict=False)
        ]
        if (
            len(self._history) != len(self.user_ids)
            or self.P.shape[0] != len(self.user_ids)
            or self.E.shape[0] != len(self.item_ids)
        ):
            raise ModelError("recommender arrays do not match its id lists")
        self.user_index = {u: n for n, u in enumerate(self.user_ids)}
        self.item_index = {i: n for n, i in enumerate(self.item_ids)}
        self.ranker: Ranker | None = None  # the model that won on validation (selection.py); None: MF scores alone
        self._refresh()

    def _refresh(self) -> None:
        self.Q = self.E @ self.W.T + self.D
        self._qnorm = self.Q / np.maximum(np.linalg.norm(self.Q, axis=1, keepdims=True), 1e-9)
        norms = np.linalg.norm(self.P, axis=1)
        self._user_scale = float(np.median(norms[norms > 0])) if np.any(norms > 0) else 1.0

    def item_similarity(self, a: int, b: int) -> float:
        """Cosine similarity of two items' factor vectors (by row index)."""
        return float(self._qnorm[a] @ self._qnorm[b])

    # ---- scoring
    def history(self, user: str) -> list[str]:
        """The items a known user interacted with (training plus updates)."""
        idx = self.user_index.get(user)
        return [] if idx is None else [self.item_ids[j] for j in self._history[idx]]

    def text_vector(self, embeddings: np.ndarray) -> np.ndarray:
        """Stated interests as a user-space direction: W mean(e), scaled like a typical user vector."""
        if len(embeddings) == 0:
            return np.zeros(self.config.factors, np.float32)
        vec = np.asarray(embeddings, np.float32).mean(axis=0) @ self.W.T
        norm = float(np.linalg.norm(vec))
        return vec * (self._user_scale / norm) if norm > 0 else vec

    def fold_in(self, items: list[str], *, ratings: list[float] | None = None) -> tuple[float, np.ndarray]:
        """(b_u, p_u) for an unseen user from a history alone: one exact ALS user solve."""
        pairs = [
            (self.item_index[i], self._implied(None if ratings is None else ratings[n]))
            for n, i in enumerate(items)
            if i in self.item_index
        ]
        return self._solve_user(dict(pairs))

    def _implied(self, rating: float | None) -> float:
        """The value recorded for one interaction: the rating, or without one a purchase (1) / a liked item (mu + 1)."""
        if rating is not None:
            return float(rating)
        return self.mu + 1.0 if self.config.mode == "explicit" else 1.0

    def _solve_user(self, hist: dict[int, float]) -> tuple[float, np.ndarray]:
        cfg = self.config
        other = np.fromiter(hist.keys(), np.int64, len(hist))
        vals = np.fromiter(hist.values(), np.float64, len(hist))
        rows = [np.arange(len(other))]
        if cfg.mode == "explicit":
            b, p = als.solve_explicit(
                rows, other, vals - self.mu - self.bi[other], self.Q, reg=cfg.reg, reg_bias=cfg.reg_bias
            )
            return float(b[0]), p[0].astype(np.float32)
        p = als.solve_implicit(rows, other, 1.0 + cfg.alpha * vals, self.Q, reg=cfg.reg, unobserved=cfg.unobserved)
        return 0.0, p[0].astype(np.float32)

    def user_vector(self, user: str | None, *, extra: np.ndarray | None = None) -> np.ndarray:
        """p_u for a known user (zeros for an unknown one), plus lam times an optional context vector."""
        idx = self.user_index.get(user) if user is not None else None
        vec = self.P[idx].copy() if idx is not None else np.zeros(self.config.factors, np.float32)
        if extra is not None:
            vec = vec + self.config.context_weight * extra
        return vec

    def user_bias(self, user: str | None) -> float:
        """b_u, or 0 for an unknown user."""
        idx = self.user_index.get(user) if user is not None else None
        return 0.0 if idx is None else float(self.bu[idx])

    def scores(self, user_vec: np.ndarray, *, user_bias: float = 0.0) -> np.ndarray:
        """Predicted score of every item for one user vector."""
        return self.mu + user_bias + self.bi + self.Q @ user_vec

    def predict(self, users: np.ndarray, items: np.ndarray) -> np.ndarray:
        """Predicted ratings for (user, item) pairs; unknown ids fall back to the biases."""
        u = np.array([self.user_index.get(x, -1) for x in users])
        i = np.array([self.item_index.get(x, -1) for x in items])
        out = np.full(len(u), self.mu, np.float64)
        out += np.where(u >= 0, self.bu[u], 0.0) + np.where(i >= 0, self.bi[i], 0.0)
        both = (u >= 0) & (i >= 0)
        out[both] += np.einsum("nk,nk->n", self.P[u[both]], self.Q[i[both]])
        return out

    def similar_items(self, item: int, candidates: list[int]) -> list[tuple[int, float]]:
        """Candidates ranked by cosine similarity of their q vectors to one item."""
        if not candidates:
            return []
        sims = self._qnorm[candidates] @ self._qnorm[item]
        order = np.argsort(-sims, kind="stable")
        return [(candidates[o], float(sims[o])) for o in order]

    # ---- growing the model without a retrain
    def add_items(self, item_ids: list[str], embeddings: np.ndarray) -> int:
        """Add new products from their text embeddings alone (cold start); known ids are skipped."""
        new = [(i, e) for i, e in zip(item_ids, embeddings, strict=False) if i not in self.item_index]
        if not new:
            return 0
        emb = np.stack([np.asarray(e, np.float32) for _, e in new])
        if emb.shape[1] != self.E.shape[1]:
            raise ModelError(f"embedding dimension {emb.shape[1]} does not match the model's {self.E.shape[1]}")
        for i, _ in new:
            self.item_index[i] = len(self.item_ids)
            self.item_ids.append(i)
        self.E = np.vstack([self.E, emb])
        self.D = np.vstack([self.D, np.zeros((len(new), self.config.factors), np.float32)])
        self.bi = np.concatenate([self.bi, np.zeros(len(new), np.float32)])
        self._refresh()
        return len(new)

    def update(self, users: list[str], items: list[str], *, ratings: list[float] | None = None) -> int:
        """Add interactions without a full retrain: re-solve the touched users, then the touched items, then the users again."""
        touched_users: set[int] = set()
        touched_items: set[int] = set()
        for n, (u, i) in enumerate(zip(users, items, strict=False)):
            j = self.item_index.get(i)
            if j is None:
                raise ModelError(f"unknown item {i!r}: add it with add_items() before recording interactions")
            idx = self.user_index.get(u)
            if idx is None:
                idx = len(self.user_ids)
                self.user_index[u] = idx
                self.user_ids.append(u)
                self._history.append({})
                self.bu = np.append(self.bu, np.float32(0.0))
                self.P = np.vstack([self.P, np.zeros((1, self.config.factors), np.float32)])
            value = self._implied(None if ratings is None else ratings[n])
            hist = self._history[idx]
            hist[j] = value if self.config.mode == "explicit" else hist.get(j, 0.0) + value
            touched_users.add(idx)
            touched_items.add(j)
        with threadpool_limits(limits=1, user_api="blas"):  # many tiny solves
            self._resolve_users(touched_users)
            self._resolve_items(touched_items)
            self._resolve_users(touched_users)
        self._refresh()
        return len(touched_users)

    def _resolve_users(self, users: set[int]) -> None:
        for idx in users:
            self.bu[idx], self.P[idx] = self._solve_user(self._history[idx])
        self.Q = self.E @ self.W.T + self.D

    def _resolve_items(self, items: set[int]) -> None:
        cfg = self.config
        wanted = sorted(items)
        pos = {j: n for n, j in enumerate(wanted)}
        owners: list[list[int]] = [[] for _ in wanted]
        other: list[int] = []
        vals: list[float] = []
        for u, hist in enumerate(self._history):
            for j, v in hist.items():
                if j in pos:
                    owners[pos[j]].append(len(other))
                    other.append(u)
                    vals.append(v)
        rows = [np.array(o, np.int64) for o in owners]
        other_a, vals_a = np.array(other, np.int64), np.array(vals, np.float64)
        prior = self.E[wanted] @ self.W.T
        if cfg.mode == "explicit":
            target = vals_a - self.mu - (self.bu[other_a] if len(other_a) else 0.0)
            b, q = als.solve_explicit(rows, other_a, target, self.P, reg=cfg.reg, reg_bias=cfg.reg_bias, prior=prior)
            self.bi[wanted] = b
        else:
            q = als.solve_implicit(
                rows,
                other_a,
                1.0 + cfg.alpha * vals_a,
                self.P,
                reg=cfg.reg,
                unobserved=cfg.unobserved,
                prior=prior,
                prior_reg=cfg.prior_reg,
            )
        self.D[wanted] = q - prior

    # ---- artifacts
    def save(self, directory: str | Path) -> Path:
        """Write arrays.npz and model.json into a directory (no pickle)."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        indptr = np.cumsum([0] + [len(h) for h in self._history]).astype(np.int64)
        indices = np.array([j for h in self._history for j in h], dtype=np.int64)
        values = np.array([v for h in self._history for v in h.values()], dtype=np.float32)
        np.savez(
            directory / "arrays.npz",
            bu=self.bu,
            bi=self.bi,
            P=self.P,
            D=self.D,
            W=self.W,
            E=self.E,
            hist_indptr=indptr,
            hist_indices=indices,
            hist_values=values,
        )
        meta = {
            "format_version": FORMAT_VERSION,
            "kind": "text-informed-mf",
            "config": asdict(self.config),
            "mu": self.mu,
            "user_ids": self.user_ids,
            "item_ids": self.item_ids,
        }
        (directory / "model.json").write_text(json.dumps(meta), encoding="utf-8")
        if self.ranker is not None:
            self.ranker.save(directory)
        return directory

    @classmethod
    def load(cls, directory: str | Path) -> MFModel:
        """Read a model written by `save`."""
        directory = Path(directory)
        try:
            meta: dict[str, Any] = json.loads((directory / "model.json").read_text(encoding="utf-8"))
            with np.load(directory / "arrays.npz", allow_pickle=False) as npz:
                arrays = {k: npz[k] for k in npz.files}
        except FileNotFoundError as exc:
            raise ModelError(
                f"no trained recommender at {directory} (run `shopbot recommend train`): {Path(exc.filename or '').name} missing"
            ) from None
        except (ValueError, OSError, json.JSONDecodeError) as exc:
            raise ModelError(f"the recommender artifact at {directory} is unreadable: {exc}") from None
        if meta.get("format_version") != FORMAT_VERSION:
            raise ModelError(
                f"recommender artifact format {meta.get('format_version')} is not supported (expected {FORMAT_VERSION})"
            )
        try:
            config = MFConfig(**meta["config"])
            model = cls(
                config=config, user_ids=meta["user_ids"], item_ids=meta["item_ids"], mu=meta["mu"], arrays=arrays
            )
        except (KeyError, TypeError) as exc:
            raise ModelError(f"the recommender artifact at {directory} is incomplete: {exc}") from None
        model.ranker = Ranker.load(directory)
        return model
