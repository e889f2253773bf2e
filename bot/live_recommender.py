"""The live recommender of a running shopbot: loaded from the published artifact, or trained from the store's
interactions and the catalog when none is published yet, and kept in step with the knowledge base's versions.

A first start with no published model trains one. On a small catalog that takes seconds and happens before the
first reply (as it always did). From `background_min_products` products on (a 50,000-product catalog embeds every
product's text once: tens of minutes on 2 cores), it trains in a background thread instead: the server answers
at once, its replies carry no recommendation until the model is published, and the next turn after that loads it.
Several processes starting together train one model (the artifact store's lock); the others load it."""

from __future__ import annotations

import logging
import threading
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from bot.core.ports import KnowledgePort
from bot.recommend.artifact import forget_users, has_current, load_current, publish, versions
from bot.recommend.catalog import EVENT_WEIGHTS, product_texts
from bot.recommend.interactions import Interactions
from bot.recommend.mf import MFConfig, MFModel
from bot.recommend.recommender import Recommender
from bot.recommend.selection import summary, train_recommender
from bot.recommend.text_embeddings import embed_items, item_vectors_dir
from bot.tombstones import Tombstones

if TYPE_CHECKING:
    from bot.store import Store

log = logging.getLogger(__name__)

BACKGROUND_MIN_PRODUCTS = 5000  # from this catalog size a first start trains in the background


class LiveRecommender:
    """Owns the process's recommender: one per knowledge-base version, trained at most once."""

    def __init__(
        self,
        store: Store,
        kb: KnowledgePort,
        models_dir: Path,
        *,
        embedder: str = "minilm",
        background_min_products: int = BACKGROUND_MIN_PRODUCTS,
    ) -> None:
        self.store = store
        self.kb = kb
        self.root = models_dir / "recommend"
        self.item_vectors = item_vectors_dir(models_dir)  # item texts' vectors, kept across versions and restarts
        self.embedder = embedder
        self.background_min_products = background_min_products
        self._lock = threading.Lock()
        self._rec: Recommender | None = None
        self._training: threading.Thread | None = None

    def get(self, *, wait: bool = True) -> Recommender | None:
        """The recommender over the current artifact, trained from the store's interactions if none exists.

        None while there is nothing to learn from (no interactions yet), and, with wait=False on a catalog of
        `background_min_products` or more, while the first model trains in the background.
        """
        with self._lock:
            rec = self._rec
            products = self.kb.products()
            if rec is not None and rec.catalog is not products:
                # a reload changed the catalog: the same model over the new version's products (their stock, sizes
                # and prices for the filters), not the catalog it was first built on. The model is shared with turns
                # still using the earlier one, so it is not changed: a product the model lacks joins at the next
                # start (the first use there adds it from its text)
                self._rec = Recommender(rec.model, products, embed=rec.embed, add_missing=False)
            if self._rec is None:
                if has_current(self.root):
                    self._rec = self._wrap(load_current(self.root))
                elif not self.store.interactions():
                    return None
                elif wait or len(products) < self.background_min_products:
                    with versions(self.root).lock(timeout_s=None):  # several processes starting at once train one model
                        self._rec = self._wrap(load_current(self.root) if has_current(self.root) else self._train())
                else:
                    self._start_training()
            return self._rec

    def _start_training(self) -> None:
        if self._training is not None and self._training.is_alive():
            return
        log.info(
            "no published recommender yet: training one in the background; replies carry no recommendation until then"
        )
        self._training = threading.Thread(target=self._train_and_publish, name="recommender-train", daemon=True)
        self._training.start()

    def _train_and_publish(self) -> None:
        """Train and publish only; the next `get` loads what was published (an erasure meanwhile scrubbed it)."""
        try:
            with versions(self.root).lock(timeout_s=None):
                if not has_current(self.root):
                    self._train()
        except Exception:  # a failed training leaves replies without a recommendation, and is tried again
            log.exception("training the recommender in the background failed")

    def wait_trained(self, timeout_s: float | None = None) -> bool:
        """Wait for a background training (if any) to end; True when none is running afterwards."""
        thread = self._training
        if thread is not None:
            thread.join(timeout_s)
        return thread is None or not thread.is_alive()

    def _wrap(self, model: MFModel) -> Recommender:
        from bot.embed.embedder import get_embedder

        embedder = get_embedder(model.config.embedder)
        return Recommender(model, self.kb.products(), embed=embedder.embed)

    def _train(self) -> MFModel:
        rows = self.store.interactions()
        inter = Interactions(
            np.array([r["customer_id"] for r in rows], object),
            np.array([r["sku"] for r in rows], object),
            weights=np.array([EVENT_WEIGHTS.get(str(r["kind"]), 1.0) for r in rows], np.float32),
        )
        texts = product_texts(self.kb.products())
        emb = embed_items(texts, embedder=self.embedder, cache_dir=self.item_vectors) if texts else None
        model = train_recommender(inter, item_embeddings=emb, config=MFConfig(mode="implicit", embedder=self.embedder))
        publish(model, self.root, erased=self._erased())
        log.info(
            "trained the recommender: %d interactions, %d customers, %d items; %s",
            len(rows),
            len(model.user_ids),
            len(model.item_ids),
            summary(model),
        )
        return model

    def _erased(self) -> Tombstones | None:
        erased = getattr(self.store, "erased_keys", None)
        return erased() if erased is not None else None

    def forget(self, customer_id: str) -> None:
        """Remove a customer's factors and history from the model, and every older artifact that held them.

        Idempotent: a second call (a resumed erasure) finds nothing more to remove and still prunes old versions.
        """
        with self._lock:
            store = versions(self.root)
            with store.lock(timeout_s=None):
                if not has_current(self.root):
                    return
                model = load_current(
                    self.root
                )  # what is published, not our in-memory copy (another process may have moved on)
                if forget_users(model, [customer_id]):
                    publish(model, self.root, keep=1, erased=self._erased())
                store.remove_all_but_current()
            self._rec = None  # reload from the published version on next use

    def refresh(self) -> None:
        """Drop the in-memory recommender so the next reply loads the published one (after an erasure elsewhere)."""
        with self._lock:
            self._rec = None
