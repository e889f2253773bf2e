"""Ranked, filtered, explained recommendations from a trained `MFModel` (and the ranker that won on validation) and a product catalogue."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable, Mapping
from typing import Any, NamedTuple

import numpy as np

from bot.recommend.complements import complements_of, normalise, relates
from bot.recommend.filters import Preferences, rejection
from bot.recommend.mf import MFModel

log = logging.getLogger(__name__)

Embed = Callable[[list[str]], np.ndarray]


class Recommendation(NamedTuple):
    """One recommended item: unpacks as (item, score, reason)."""

    item: str
    score: float
    reason: str


def product_id(product: Mapping[str, Any]) -> str:
    """The product's id: its sku, item or id field."""
    for key in ("sku", "item", "id"):
        if product.get(key):
            return str(product[key])
    raise ValueError(f"product without sku/item/id: {dict(product)!r:.80}")


class Recommender:
    """Scores every catalogue item for a customer, applies the hard filters and explains each pick."""

    def __init__(
        self,
        model: MFModel,
        products: Iterable[Mapping[str, Any]] = (),
        *,
        embed: Embed | None = None,
        consumable: Iterable[str] = (),
        add_missing: bool = True,
    ) -> None:
        """`add_missing`: catalogue items the model lacks are added to it from their text (with `embed`); False
        leaves a model other recommenders share unchanged (those items are not recommended)."""
        self.model = model
        self.catalog = products  # what it was built on (the knowledge base's catalog of one version)
        self.products = {product_id(p): p for p in products}
        self.embed = embed
        self.consumable_categories = {c.lower() for c in consumable}
        self._context_cache: dict[str, np.ndarray] = {}
        self._cats: np.ndarray | None = None  # the same conversation text comes back turn after turn
        missing = [i for i in self.products if i not in model.item_index]
        if missing and embed is not None and add_missing:
            added = model.add_items(missing, embed([self.item_text(i) for i in missing]))
            log.info("added %d catalogue items the model had not seen (text only)", added)

    def item_text(self, item: str) -> str:
        """The text of a catalogue item, as embedded for cold start."""
        p = self.products.get(item, {})
        return ". ".join(str(p.get(k, "")) for k in ("name", "category", "description") if p.get(k)) or item

    def name(self, item: str) -> str:
        """A display name for an item."""
        return str(self.products.get(item, {}).get("name") or item)

    def _consumable(self, item: str) -> bool:
        p = self.products.get(item, {})
        return bool(p.get("consumable")) or str(p.get("category", "")).lower() in self.consumable_categories

    def recommend(
        self,
        user: str | None,
        *,
        k: int = 5,
        context_text: str | None = None,
        context_items: Iterable[str] = (),
        history: Iterable[str] | None = None,
        bought: Iterable[str] | None = None,
        exclude: Iterable[str] = (),
        filters: Mapping[str, Any] | None = None,
    ) -> list[Recommendation]:
        """Top-k items for a user (known, or folded in from `history`), shifted by the conversation context."""
        m = self.model
        prefs = Preferences.from_dict(filters)
        known = user is not None and user in m.user_index
        hist = list(history) if history is not None else (m.history(user) if user is not None and known else [])
        bought_set = set(bought) if bought is not None else set(hist)
        ctx_items = [i for i in context_items if i in m.item_index]
        if known and history is None:
            bias, vec = m.user_bias(user), m.user_vector(user)
        elif hist:
            bias, vec = m.fold_in(hist)
        else:
            bias, vec = 0.0, np.zeros(m.config.factors, np.float32)
        ctx_rows: list[np.ndarray] = []
        if ctx_items:
            ctx_rows.append(m.E[[m.item_index[i] for i in ctx_items]])
        if context_text and context_text.strip() and self.embed is not None:
            ctx_rows.append(self._embed_context(context_text.strip()))
        base = m.scores(vec, user_bias=bias)
        hist_idx = np.array([m.item_index[i] for i in hist if i in m.item_index], np.int64)
        if m.ranker is not None:  # the model that won on validation; MF scores for items nobody bought yet
            base = m.ranker.scores(hist_idx, base.astype(np.float64))
        hist_part = base - base.mean()
        ctx_part = self._context_scores(np.vstack(ctx_rows), ctx_items, base) if ctx_rows else None
        scores = base if ctx_part is None else base + ctx_part
        blocked = set(exclude) | set(ctx_items) | {i for i in bought_set if not self._consumable(i)}
        out: list[Recommendation] = []
        for j in np.argsort(-scores, kind="stable"):
            item = m.item_ids[j]
            if item in blocked:
                continue
            if self.products:
                product = self.products.get(item)
                if product is None or rejection(product, prefs) is not None:
                    continue
            reason = self._reason(int(j), hist, bought_set, ctx_items, context_text, ctx_part, hist_part)
            out.append(Recommendation(item, float(scores[j]), reason))
            if len(out) >= k:
                break
        return out

    def _context_scores(self, rows: np.ndarray, ctx_items: list[str], base: np.ndarray) -> np.ndarray:
        """What the conversation adds to each item: q_i . lam W mean(e), plus text similarity and complements in units of the user's score spread."""
        m = self.model
        lam = m.config.context_weight
        part = m.Q @ (m.text_vector(rows) * lam)
        centre = rows.mean(axis=0)
        centre = centre / max(float(np.linalg.norm(centre)), 1e-9)
        # einsum stays on one thread: a BLAS gemv this size wakes worker threads, costly on a busy machine
        sims = np.einsum("ij,j->i", m.E, centre.astype(m.E.dtype))
        z = (sims - sims.mean()) / (float(sims.std()) or 1.0)
        scale = float(base.std()) or float(part.std()) or 1.0
        part = part + lam * scale * z
        if ctx_items and self.products:
            cats = self._categories()
            related: set[str] = set()
            for i in ctx_items:
                w = self.products.get(i, {})
                own = normalise(str(w.get("category", "")))
                related |= {normalise(c) for c in complements_of(own)} | {
                    normalise(str(c)) for c in w.get("pairs_with", ()) or ()
                }
                related.discard(own)
            part = part + lam * scale * 1.5 * np.isin(cats, sorted(related))
        return part

    def _categories(self) -> np.ndarray:
        """Normalised category of every model item (cached; rebuilt when items were added)."""
        m = self.model
        cats = self._cats
        if cats is None or len(cats) != len(m.item_ids):
            cats = np.array(
                [normalise(str(self.products.get(i, {}).get("category", ""))) for i in m.item_ids], dtype=object
            )
            self._cats = cats
        return cats

    def _embed_context(self, text: str) -> np.ndarray:
        vec = self._context_cache.get(text)
        if vec is None:
            if len(self._context_cache) >= 256:
                self._context_cache.pop(next(iter(self._context_cache)))
            vec = self._context_cache[text] = self.embed([text])  # type: ignore[misc]
        return vec

    def _reason(
        self,
        j: int,
        hist: list[str],
        bought: set[str],
        ctx_items: list[str],
        context_text: str | None,
        ctx_part: np.ndarray | None,
        hist_part: np.ndarray,
    ) -> str:
        m = self.model
        item = m.item_ids[j]
        if ctx_part is not None and (not hist or ctx_part[j] >= hist_part[j]) and ctx_part[j] > 0:
            if ctx_items:
                cat = str(self.products.get(item, {}).get("category", ""))
                best = max(ctx_items, key=lambda c: m.item_similarity(m.item_index[c], j))
                other = self.products.get(best, {})
                noun = str(other.get("category") or self.name(best))
                if (
                    cat
                    and other.get("category")
                    and cat.lower() != noun.lower()
                    and relates(cat, noun, extra=other.get("pairs_with", ()))
                ):
                    return f"goes with the {noun} you asked about"
                return f"similar to the {self.name(best)} you asked about"
            snippet = (context_text or "").strip()
            return f"matches what you asked about (\u201c{snippet[:60]}\u201d)"
        pool = [i for i in hist if i in bought and i in m.item_index] or [i for i in hist if i in m.item_index]
        if pool:
            pool_idx = [m.item_index[i] for i in pool]
            nearest = m.ranker.because(np.array(pool_idx), j) if m.ranker is not None else None
            if nearest is None:
                nearest, _ = m.similar_items(j, pool_idx)[0]
            verb = "bought" if m.item_ids[nearest] in bought else "looked at"
            return f"because you {verb} {self.name(m.item_ids[nearest])}"
        return "popular with other shoppers"
