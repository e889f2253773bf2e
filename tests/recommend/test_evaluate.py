"""Offline evaluation with baselines on the same split."""

from __future__ import annotations

import pytest

from bot.errors import ConfigError
from bot.recommend.evaluate import evaluate_recommend, leave_last_out_rows
from bot.recommend.interactions import Interactions
from bot.recommend.mf import MFConfig
from bot.recommend.text_embeddings import cached_vectors
from tests.recommend.shopdata import item_texts, make_shop


def test_leave_last_out_picks_each_users_latest_row():
    inter = Interactions.from_records(
        [
            {"user": "a", "item": "x", "time": 5},
            {"user": "a", "item": "y", "time": 1},
            {"user": "b", "item": "x", "time": 1},
            {"user": "a", "item": "z", "time": 3},
        ]
    )
    assert list(leave_last_out_rows(inter)) == [0]  # b has a single interaction and is never held out


def test_implicit_leave_last_out_reports_model_and_baselines(tmp_path):
    data = make_shop(n_users=60, per_user=6)
    result = evaluate_recommend(
        data,
        ratings=False,
        split="leave-last-out",
        items=item_texts(),
        embedder="hashing",
        cache_dir=tmp_path,
        config=MFConfig(mode="implicit", factors=4),
    )
    for name in ("model", "popularity", "item_item"):
        assert set(result[name]) == {"hr@10", "ndcg@10", "coverage"}
        assert 0.0 <= result[name]["ndcg@10"] <= 1.0
    # 16 items, k=10: every held-out item of the user's own taste is within reach
    assert result["model"]["hr@10"] == 1.0
    assert result["model"]["ndcg@10"] > result["popularity"]["ndcg@10"]
    assert result["evaluated_users"]["n"] == 60
    # the item vectors were cached: the same texts again embed nothing
    assert cached_vectors([it.text for it in item_texts()], embedder="hashing", cache_dir=tmp_path)[1] == 0


def test_explicit_kfold_reports_rmse_per_fold(tmp_path):
    data = make_shop(ratings=True, n_users=60)
    result = evaluate_recommend(
        data,
        ratings=True,
        split="kfold",
        folds=3,
        embedder="hashing",
        cache_dir=tmp_path,
        config=MFConfig(mode="explicit", factors=4, iterations=4),
    )
    assert len(result["per_fold_rmse"]) == 3
    assert 0.0 < result["model"]["mae"] <= result["model"]["rmse"] < 1.0
    assert result["model"]["rmse"] < result["biases_only"]["rmse"]


def test_bad_arguments_are_clear_errors():
    data = make_shop()
    with pytest.raises(ConfigError, match="split must be"):
        evaluate_recommend(data, ratings=False, split="random")  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="needs a rating column"):
        evaluate_recommend(data, ratings=True)
    with pytest.raises(ConfigError, match="folds must be"):
        evaluate_recommend(data, ratings=False, folds=1)
