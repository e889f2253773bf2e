"""The ranker that won on validation: how a customer's history becomes one score per item.

    score = (w_main * S-part + w_pop * popularity + w_mf * text-informed MF) / (w_main + w_pop + w_mf)

(each part divided by its largest absolute value for this customer).

`S` is an item-by-item matrix (EASE^R or item-item with shrinkage) or absent. Scores therefore run
up to 1 whichever model won, so the insertion policy's threshold keeps its meaning.
Two cases are fixed by design:
* a customer with no history gets the popularity prior alone;
* an item nobody interacted with yet (a new product) gets the text-informed MF's score, divided the
  same way: its q = W e comes from its text, which is how new products reach the right customers.
Saved next to the MF arrays as `ranker.json` + `ranker.npz` (no pickle).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
from scipy import sparse

from bot.errors import ModelError

RANKER_FORMAT = 1
_EPS = 1e-12


def _scaled(v: np.ndarray) -> np.ndarray:
    top = float(np.abs(v).max()) if len(v) else 0.0
    return v / top if top > _EPS else np.zeros_like(v)


@dataclass
class Ranker:
    """The chosen blend over the first `n_items` items of the MF model's index."""

    kind: str  # e.g. "ease", "item_knn", "popularity", "mf", "ease+popularity"
    pop: np.ndarray  # distinct customers per item
    S: sparse.csr_matrix | None = None
    w_main: float = 0.0
    w_pop: float = 0.0
    w_mf: float = 0.0
    params: dict[str, Any] = field(default_factory=dict)
    report: dict[str, Any] = field(default_factory=dict)

    @property
    def n_items(self) -> int:
        """How many items the ranker knows (items added later are cold)."""
        return len(self.pop)

    def scores(self, hist: np.ndarray, mf: np.ndarray) -> np.ndarray:
        """One score per item of the MF index (len(mf) >= n_items) for a customer with history `hist` (item indices)."""
        n, out = self.n_items, np.zeros(len(mf), np.float64)
        warm = np.zeros(len(mf), bool)
        warm[:n] = self.pop > 0
        pop = _scaled(self.pop)
        hist = np.asarray(hist, np.int64)
        hist = hist[hist < n]
        if len(hist) == 0 and not np.any(mf):
            out[:n] = pop  # a new customer: the popularity prior
            return out
        if self.S is not None and self.w_main:
            out[:n] += (
                self.w_main * _scaled(np.asarray(self.S[hist].sum(axis=0), np.float64).ravel()) if len(hist) else 0.0
            )
        if self.w_pop:
            out[:n] += self.w_pop * pop
        mf_scaled = mf / max(float(np.abs(mf[warm]).max()) if warm.any() else 0.0, _EPS)
        if self.w_mf:
            out[warm] += self.w_mf * mf_scaled[warm]
        out /= max(self.w_main + self.w_pop + self.w_mf, _EPS)  # a weighted mean of parts that each run up to 1
        out[~warm] = mf_scaled[~warm]
        return out

    def score_matrix(self, H: sparse.csr_matrix, mf: np.ndarray) -> np.ndarray:
        """`scores` for many customers at once: H is customers x items (binary history), mf their MF scores."""
        n = self.n_items
        out = np.zeros(mf.shape, np.float64)
        warm = np.zeros(mf.shape[1], bool)
        warm[:n] = self.pop > 0
        pop = _scaled(self.pop)
        Hn = H[:, :n] if H.shape[1] > n else H
        has_hist = np.diff(Hn.tocsr().indptr) > 0
        new = ~has_hist & ~np.any(mf, axis=1)
        if self.S is not None and self.w_main:
            main = (
                np.asarray((Hn @ self.S).todense(), np.float64)
                if sparse.issparse(Hn @ self.S)
                else np.asarray(Hn @ self.S, np.float64)
            )
            top = np.abs(main).max(axis=1, keepdims=True)
            out[:, :n] += self.w_main * np.divide(main, top, out=np.zeros_like(main), where=top > _EPS)
        if self.w_pop:
            out[:, :n] += self.w_pop * pop
        mf_top = np.abs(mf[:, warm]).max(axis=1, keepdims=True) if warm.any() else np.zeros((len(mf), 1))
        mf_scaled = mf / np.maximum(mf_top, _EPS)
        if self.w_mf:
            out[:, warm] += self.w_mf * mf_scaled[:, warm]
        out /= max(self.w_main + self.w_pop + self.w_mf, _EPS)
        out[:, ~warm] = mf_scaled[:, ~warm]
        if new.any():
            out[new] = 0.0
            out[np.ix_(new, np.arange(n))] = pop
        return out

    def because(self, hist: np.ndarray, item: int) -> int | None:
        """The history item that adds most to `item`'s score (its index), or None when S says nothing."""
        hist = np.asarray([h for h in hist if h < self.n_items], np.int64)
        if self.S is None or not self.w_main or item >= self.n_items or len(hist) == 0:
            return None
        weights = np.asarray(self.S[hist][:, [item]].todense()).ravel()
        best = int(np.argmax(weights))
        return int(hist[best]) if weights[best] > 0 else None

    def save(self, directory: Path) -> None:
        """Write ranker.json and ranker.npz into the model folder."""
        pop = self.pop.astype(np.float64)
        if self.S is None:
            np.savez(directory / "ranker.npz", pop=pop)
        else:
            S = self.S.tocsr()
            np.savez(
                directory / "ranker.npz",
                pop=pop,
                S_indptr=S.indptr.astype(np.int64),
                S_indices=S.indices.astype(np.int64),
                S_data=S.data.astype(np.float32),
            )
        meta = {
            "format": RANKER_FORMAT,
            "kind": self.kind,
            "w_main": self.w_main,
            "w_pop": self.w_pop,
            "w_mf": self.w_mf,
            "params": self.params,
            "report": self.report,
        }
        (directory / "ranker.json").write_text(json.dumps(meta), encoding="utf-8")

    @classmethod
    def load(cls, directory: Path) -> Ranker | None:
        """The ranker saved in a model folder, or None for a model trained without one."""
        if not (directory / "ranker.json").exists():
            return None
        try:
            meta = json.loads((directory / "ranker.json").read_text(encoding="utf-8"))
            with np.load(directory / "ranker.npz", allow_pickle=False) as npz:
                arrays = {k: npz[k] for k in npz.files}
            if meta.get("format") != RANKER_FORMAT:
                raise ModelError(f"ranker format {meta.get('format')} is not supported (expected {RANKER_FORMAT})")
            n = len(arrays["pop"])
            S = (
                sparse.csr_matrix((arrays["S_data"], arrays["S_indices"], arrays["S_indptr"]), shape=(n, n))
                if "S_data" in arrays
                else None
            )
            return cls(
                meta["kind"],
                arrays["pop"],
                S,
                float(meta["w_main"]),
                float(meta["w_pop"]),
                float(meta["w_mf"]),
                dict(meta.get("params") or {}),
                dict(meta.get("report") or {}),
            )
        except (OSError, ValueError, KeyError, TypeError, json.JSONDecodeError) as exc:
            raise ModelError(f"the ranker in {directory} is unreadable: {exc}") from None
