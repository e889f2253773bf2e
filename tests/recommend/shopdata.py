"""A small synthetic shop for the recommender tests: two tastes (outdoor, kitchen) that never mix."""

from __future__ import annotations

import numpy as np

from bot.recommend.interactions import Interactions, ItemText

OUTDOOR = [
    ("o1", "Waterproof hiking jacket", "jacket", "A breathable waterproof shell jacket for mountain hiking and rain."),
    ("o2", "Insulated trail boots", "boots", "Warm waterproof hiking boots with a grippy sole for mountain trails."),
    ("o3", "Merino hiking socks", "socks", "Cushioned wool socks for long hikes in the mountains."),
    ("o4", "Trekking poles", "outdoor", "Light aluminium poles for hiking on steep mountain trails."),
    ("o5", "Down winter jacket", "jacket", "A warm down jacket for cold mountain winters and hiking."),
    ("o6", "Rain trousers", "trousers", "Waterproof over-trousers for hiking in rain on the mountain."),
    ("o7", "Hiking backpack", "bags", "A 30 litre backpack for day hikes on mountain trails."),
    ("o8", "Wool beanie", "hat", "A warm wool hat for winter hiking in the mountains."),
]
KITCHEN = [
    ("k1", "Chef's knife", "kitchen", "A sharp steel chef knife for chopping vegetables in the kitchen."),
    ("k2", "Cast iron pan", "kitchen", "A heavy cast iron frying pan for searing and baking in the kitchen."),
    ("k3", "Cutting board", "kitchen", "A wooden cutting board for chopping vegetables and bread in the kitchen."),
    ("k4", "Stock pot", "kitchen", "A large steel pot for soups and stocks in the kitchen."),
    ("k5", "Kitchen scale", "kitchen", "A digital scale for weighing flour and sugar when baking in the kitchen."),
    ("k6", "Mixing bowls", "kitchen", "Nested steel bowls for mixing dough and baking in the kitchen."),
    ("k7", "Wooden spoons", "kitchen", "Olive wood spoons for stirring soups and sauces in the kitchen."),
    ("k8", "Baking tray", "kitchen", "A non-stick tray for baking bread and cookies in the kitchen."),
]
COLD_OUTDOOR = ItemText(
    "o9",
    "Insulated waterproof mountain hiking jacket",
    "jacket",
    "A warm waterproof jacket for winter hiking on mountain trails.",
)


def make_shop(*, n_users: int = 40, per_user: int = 5, seed: int = 0, ratings: bool = False) -> Interactions:
    """Even users buy outdoor items, odd users kitchen items; with ratings, in-taste items get 4-5 (by item) and two cross-taste ones 1."""
    rng = np.random.default_rng(seed)
    records = []
    for u in range(n_users):
        pool = OUTDOOR if u % 2 == 0 else KITCHEN
        picks = rng.choice(len(pool), size=per_user, replace=False)
        for t, p in enumerate(picks):
            rec = {"user": f"u{u}", "item": pool[p][0], "time": float(t)}
            if ratings:
                rec["rating"] = 5.0 if p % 2 == 0 else 4.0
            records.append(rec)
        if ratings:  # low ratings across tastes, so the whole scale is used
            other = KITCHEN if u % 2 == 0 else OUTDOOR
            for n, p in enumerate(rng.choice(len(other), size=2, replace=False)):
                records.append({"user": f"u{u}", "item": other[p][0], "time": float(per_user + n), "rating": 1.0})
    return Interactions.from_records(records)


def item_texts() -> list[ItemText]:
    """The catalogue texts of the synthetic shop."""
    return [ItemText(i, n, c, d) for i, n, c, d in OUTDOOR + KITCHEN]
