"""Training, scoring, cold start, incremental updates and artifacts of the text-informed MF model."""

from __future__ import annotations

import numpy as np
import pytest
from tests.recommend.shopdata import COLD_OUTDOOR, KITCHEN, OUTDOOR, make_shop

from bot.errors import ModelError
from bot.recommend.artifact import current, load_current, publish
from bot.recommend.mf import MFConfig, MFModel
from bot.recommend.mf_train import train_mf

OUT_IDS = {i for i, *_ in OUTDOOR}
KIT_IDS = {i for i, *_ in KITCHEN}


def top_items(model: MFModel, user: str, k: int = 3) -> list[str]:
    scores = model.scores(model.user_vector(user), user_bias=model.user_bias(user))
    seen = set(model.history(user))
    return [model.item_ids[j] for j in np.argsort(-scores) if model.item_ids[j] not in seen][:k]


def test_implicit_model_recommends_within_the_users_taste(shop_embeddings):
    model = train_mf(
        make_shop(), item_embeddings=shop_embeddings, config=MFConfig(mode="implicit", factors=4, embedder="hashing")
    )
    assert set(top_items(model, "u0")) <= OUT_IDS
    assert set(top_items(model, "u1")) <= KIT_IDS


def test_explicit_model_beats_the_global_mean(shop_embeddings):
    data = make_shop(ratings=True, n_users=60)
    rows = np.random.default_rng(1).permutation(len(data))
    train, test = data.subset(rows[40:]), data.subset(rows[:40])
    model = train_mf(train, item_embeddings=shop_embeddings, config=MFConfig(mode="explicit", factors=4, iterations=5))
    rmse = float(np.sqrt(np.mean((np.clip(model.predict(test.users, test.items), 1, 5) - test.ratings) ** 2)))
    baseline = float(np.sqrt(np.mean((train.ratings.mean() - test.ratings) ** 2)))
    assert rmse < 0.5 * baseline


def test_explicit_training_needs_ratings():
    with pytest.raises(ModelError, match="needs ratings"):
        train_mf(make_shop(), config=MFConfig(mode="explicit"))


def test_cold_item_with_text_only_reaches_users_of_similar_products(shop_embeddings, hashing_embed):
    model = train_mf(make_shop(), item_embeddings=shop_embeddings, config=MFConfig(mode="implicit", factors=4))
    assert model.add_items([COLD_OUTDOOR.item], hashing_embed([COLD_OUTDOOR.text])) == 1
    j = model.item_index[COLD_OUTDOOR.item]
    outdoor_users = [f"u{u}" for u in range(0, 40, 2)]
    kitchen_users = [f"u{u}" for u in range(1, 40, 2)]
    out_scores = [model.scores(model.user_vector(u))[j] for u in outdoor_users]
    kit_scores = [model.scores(model.user_vector(u))[j] for u in kitchen_users]
    assert min(out_scores) > max(kit_scores)
    # and it ranks above every kitchen item for an outdoor customer
    s = model.scores(model.user_vector("u0"))
    assert s[j] > max(s[model.item_index[i]] for i in KIT_IDS)


def test_fold_in_gives_a_new_customer_a_vector_from_history_alone(shop_embeddings):
    model = train_mf(make_shop(), item_embeddings=shop_embeddings, config=MFConfig(mode="implicit", factors=4))
    _, vec = model.fold_in(["k1", "k2"])
    scores = model.scores(vec)
    ranked = [model.item_ids[j] for j in np.argsort(-scores) if model.item_ids[j] not in {"k1", "k2"}][:3]
    assert set(ranked) <= KIT_IDS


def test_incremental_update_adds_a_user_and_moves_existing_ones(shop_embeddings):
    model = train_mf(make_shop(), item_embeddings=shop_embeddings, config=MFConfig(mode="implicit", factors=4))
    n_users = len(model.user_ids)
    before = model.scores(model.user_vector("u0"))[model.item_index["k4"]]
    touched = model.update(["new-customer", "new-customer", "u0", "u0", "u0"], ["o1", "o2", "k4", "k5", "k6"])
    assert touched == 2
    assert len(model.user_ids) == n_users + 1
    assert set(top_items(model, "new-customer")) <= OUT_IDS
    assert model.scores(model.user_vector("u0"))[model.item_index["k4"]] > before
    assert {"k4", "k5", "k6"} <= set(model.history("u0"))
    with pytest.raises(ModelError, match="unknown item"):
        model.update(["u0"], ["no-such-item"])


def test_artifact_round_trip_keeps_scores(tmp_path, shop_embeddings):
    model = train_mf(
        make_shop(ratings=True),
        item_embeddings=shop_embeddings,
        config=MFConfig(mode="explicit", factors=8, iterations=3),
    )
    model.save(tmp_path / "m")
    again = MFModel.load(tmp_path / "m")
    users, items = np.array(["u0", "u3", "ghost"], object), np.array(["o1", "k2", "o3"], object)
    assert np.allclose(model.predict(users, items), again.predict(users, items), atol=1e-5)
    assert again.history("u0") == model.history("u0")
    assert again.config == model.config
    assert not list(tmp_path.glob("**/*.pkl"))


def test_publish_swaps_current_and_prunes(tmp_path, shop_embeddings):
    model = train_mf(
        make_shop(), item_embeddings=shop_embeddings, config=MFConfig(mode="implicit", factors=4, iterations=2)
    )
    first = publish(model, tmp_path, keep=2)
    assert current(tmp_path) == first.resolve()
    model.update(["late"], ["o1"])
    second = publish(model, tmp_path, keep=2)
    third = publish(model, tmp_path, keep=2)
    assert current(tmp_path) == third.resolve()
    assert not first.exists() and second.exists()
    assert "late" in load_current(tmp_path).user_index


def test_missing_or_broken_artifact_is_a_clear_error(tmp_path):
    with pytest.raises(ModelError, match="recommend train"):
        load_current(tmp_path)
    (tmp_path / "bad").mkdir()
    (tmp_path / "bad" / "model.json").write_text("{not json", encoding="utf-8")
    (tmp_path / "bad" / "arrays.npz").write_bytes(b"")
    with pytest.raises(ModelError, match="unreadable"):
        MFModel.load(tmp_path / "bad")


def test_explicit_fold_in_without_ratings_treats_purchases_as_liked(shop_embeddings):
    model = train_mf(
        make_shop(ratings=True, n_users=60),
        item_embeddings=shop_embeddings,
        config=MFConfig(mode="explicit", factors=4, iterations=5),
    )
    bias, vec = model.fold_in(["k1", "k2", "k3"])
    scores = model.scores(vec, user_bias=bias)
    kitchen = [scores[model.item_index[i]] for i in KIT_IDS - {"k1", "k2", "k3"}]
    outdoor = [scores[model.item_index[i]] for i in OUT_IDS]
    assert min(kitchen) > max(outdoor)
