"""A synthetic purchase log with co-purchase structure planted on purpose (a dev set for model selection).

Products come in small bundles (a jacket, its boots, its scarf ...). Each customer has one or two
bundles in mind and buys a few of their items in random order, plus now and then a popular product
from anywhere. A good recommender finds the rest of the bundle from one or two purchases; popularity
cannot, and a factor model needs more purchases per customer than the log has.
"""

from __future__ import annotations

import numpy as np

from bot.recommend.interactions import Interactions


def planted_log(
    *,
    customers: int = 2000,
    bundles: int = 30,
    bundle_size: int = 5,
    per_customer: tuple[int, int] = (3, 7),
    noise: float = 0.2,
    seed: int = 0,
) -> Interactions:
    """Customers x a few purchases each; items are `p<bundle>-<k>`, times increase per customer."""
    rng = np.random.default_rng(seed)
    n_items = bundles * bundle_size
    pop = rng.zipf(1.6, n_items).astype(np.float64)
    pop /= pop.sum()
    bundle_weight = rng.dirichlet(np.full(bundles, 2.0))
    users, items, times = [], [], []
    for c in range(customers):
        mine = rng.choice(bundles, size=1 + int(rng.random() < 0.3), replace=False, p=bundle_weight)
        pool = [b * bundle_size + k for b in mine for k in range(bundle_size)]
        n = int(rng.integers(per_customer[0], per_customer[1] + 1))
        seen: list[int] = []
        for t in range(n):
            if rng.random() < noise:
                j = int(rng.choice(n_items, p=pop))
            else:
                left = [j for j in pool if j not in seen] or pool
                j = int(rng.choice(left))
            seen.append(j)
            users.append(f"c{c:05d}")
            items.append(f"p{j // bundle_size:02d}-{j % bundle_size}")
            times.append(1_700_000_000 + c * 10 + t)
    return Interactions(np.array(users, object), np.array(items, object), times=np.array(times, np.float64))


def sparse_subsample(inter: Interactions, *, low: int = 3, high: int = 8, seed: int = 0) -> Interactions:
    """Keep between `low` and `high` interactions of each user (a random count, a random subset, time order kept)."""
    rng = np.random.default_rng(seed)
    by_user: dict[str, list[int]] = {}
    for row, u in enumerate(inter.users):
        by_user.setdefault(u, []).append(row)
    keep: list[int] = []
    for u in sorted(by_user):
        rows = by_user[u]
        n = min(len(rows), int(rng.integers(low, high + 1)))
        keep.extend(rng.choice(rows, size=n, replace=False).tolist())
    return inter.subset(np.array(sorted(keep), np.int64))
