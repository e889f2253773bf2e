"""Model selection on a validation split, the item models it chooses from, and the chosen ranker in use."""

from __future__ import annotations

import numpy as np
import pytest
from click.testing import CliRunner

from bot.recommend import item_models
from bot.recommend.evaluate import evaluate_recommend
from bot.recommend.interactions import Interactions
from bot.recommend.mf import MFConfig, MFModel
from bot.recommend.recommender import Recommender
from bot.recommend.selection import summary, train_recommender
from bot.recommend.synthetic import planted_log, sparse_subsample
from tests.recommend.shopdata import COLD_OUTDOOR, KITCHEN, OUTDOOR, make_shop

SMALL = MFConfig(mode="implicit", factors=8, iterations=4)


@pytest.fixture(scope="module")
def planted() -> Interactions:
    return planted_log(customers=400, bundles=12, bundle_size=4, seed=3)


@pytest.fixture(scope="module")
def planted_model(planted) -> MFModel:
    return train_recommender(planted, config=SMALL)


def test_ease_is_the_closed_form_of_per_item_ridge_without_itself():
    rng = np.random.default_rng(0)
    X = item_models.binary_matrix(rng.integers(0, 30, 120), rng.integers(0, 6, 120), 30, 6)
    lam = 3.0
    S = item_models.ease(X, lam=lam).toarray()
    D = X.toarray().astype(np.float64)
    for j in range(6):
        others = [i for i in range(6) if i != j]
        A = D[:, others]
        b = np.linalg.solve(A.T @ A + lam * np.eye(5), A.T @ D[:, j])
        assert np.allclose(S[others, j], b, atol=1e-5)
        assert S[j, j] == 0.0


def test_item_knn_shrinkage_damps_pairs_seen_together_once():
    # items 0 and 1 bought together by 20 customers; items 2 and 3 by one customer only
    users = [u for u in range(20) for _ in (0, 1)] + [20, 20]
    items = [i for _ in range(20) for i in (0, 1)] + [2, 3]
    X = item_models.binary_matrix(np.array(users), np.array(items), 21, 4)
    plain = item_models.item_knn(X, shrink=0.0).toarray()
    shrunk = item_models.item_knn(X, shrink=10.0).toarray()
    assert plain[0, 1] == pytest.approx(1.0) and plain[2, 3] == pytest.approx(1.0)  # cosine cannot tell them apart
    assert shrunk[0, 1] == pytest.approx(20 / 30) and shrunk[2, 3] == pytest.approx(1 / 11)


def test_selection_reports_the_winner_and_its_margin(planted_model):
    report = planted_model.ranker.report
    assert report["winner"] == planted_model.ranker.kind
    assert report["validation_users"] > 400  # two splits of about 400 customers each
    scores = report["candidates"]
    assert set(scores) >= {"popularity", "mf", "ease(lam=100)", "item_knn(shrink=10)"}
    # bundles are planted: an item model (or a blend built on one) must beat popularity on validation
    assert planted_model.ranker.params["family"] in ("ease", "item_knn")
    assert report["winner_score"] > scores["popularity"]["ndcg@10"] + 0.1
    assert report["margin"] == pytest.approx(report["winner_score"] - report["runner_up_score"], abs=1e-4)
    line = summary(planted_model)
    assert line.startswith(f"{report['winner']} won: validation ndcg@10 ") and "text-informed MF" in line


def test_chosen_model_beats_the_baselines_on_the_planted_log(planted):
    result = evaluate_recommend(planted, ratings=False, split="leave-last-out", config=SMALL)
    assert result["model"]["ndcg@10"] > result["popularity"]["ndcg@10"] + 0.2
    assert result["model"]["ndcg@10"] >= result["item_item"]["ndcg@10"] - 0.01
    assert result["model"]["ndcg@10"] > result["text_mf"]["ndcg@10"]
    selection = result["selection"]
    assert selection["winner"] in selection["candidates"]  # one of the candidates it scored, by its stated rule
    assert selection["winner_score"] >= selection["best_score"] - 0.05


def test_the_recommender_uses_the_chosen_ranker_and_explains_with_the_co_purchase(planted, planted_model):
    rec = Recommender(planted_model, [])
    picks = rec.recommend(None, k=3, history=["p02-0"])  # a walk-in customer who bought one item of bundle 2
    assert [p.item[:3] for p in picks] == ["p02"] * 3
    assert all(p.reason == "because you bought p02-0" for p in picks)
    assert 0.0 < picks[-1].score <= picks[0].score <= 1.0 + 1e-9  # scores run 0..1 whatever model won


def test_a_new_customer_gets_the_popularity_prior(planted, planted_model):
    rec = Recommender(planted_model, [])
    picks = rec.recommend("never-seen", k=5)
    counts: dict[str, set[str]] = {}
    for u, i in zip(planted.users, planted.items):
        counts.setdefault(i, set()).add(u)
    most = sorted(counts, key=lambda i: -len(counts[i]))[:5]
    assert [p.item for p in picks] == most
    assert picks[0].score == pytest.approx(1.0)
    assert {p.reason for p in picks} == {"popular with other shoppers"}


def test_artifact_round_trip_keeps_the_ranker(tmp_path, planted_model):
    planted_model.save(tmp_path / "v1")
    assert (tmp_path / "v1" / "ranker.json").exists() and (tmp_path / "v1" / "ranker.npz").exists()
    loaded = MFModel.load(tmp_path / "v1")
    assert loaded.ranker.kind == planted_model.ranker.kind and loaded.ranker.report == planted_model.ranker.report
    before = Recommender(planted_model, []).recommend("c00007", k=5)
    after = Recommender(loaded, []).recommend("c00007", k=5)
    assert [(r.item, round(r.score, 5), r.reason) for r in before] == [
        (r.item, round(r.score, 5), r.reason) for r in after
    ]


def test_cold_start_still_comes_from_text_under_the_chosen_ranker(shop_embeddings, hashing_embed):
    model = train_recommender(make_shop(), item_embeddings=shop_embeddings, config=MFConfig(mode="implicit", factors=4))
    assert model.ranker is not None
    products = [
        {"sku": i, "name": n, "category": c, "description": d, "in_stock": True} for i, n, c, d in OUTDOOR + KITCHEN
    ]
    products.append(
        {
            "sku": COLD_OUTDOOR.item,
            "name": COLD_OUTDOOR.name,
            "category": COLD_OUTDOOR.category,
            "description": COLD_OUTDOOR.description,
            "in_stock": True,
        }
    )
    rec = Recommender(model, products, embed=hashing_embed)
    outdoor = sum(COLD_OUTDOOR.item in [r.item for r in rec.recommend(f"u{u}", k=3)] for u in range(0, 40, 2))
    kitchen = sum(COLD_OUTDOOR.item in [r.item for r in rec.recommend(f"u{u}", k=3)] for u in range(1, 40, 2))
    assert outdoor >= 10 and kitchen == 0


def test_too_little_data_falls_back_to_a_default_and_says_so():
    inter = Interactions.from_records(
        [{"user": "a", "item": "x"}, {"user": "a", "item": "y"}, {"user": "b", "item": "x"}]
    )
    model = train_recommender(inter, config=SMALL)
    assert "no validation" in model.ranker.report["note"]
    assert "no validation" in summary(model)
    assert [r.item for r in Recommender(model, []).recommend("b", k=1)] == ["y"]


def test_sparse_subsample_keeps_three_to_eight_per_user(planted):
    sparse = sparse_subsample(planted, low=3, high=4, seed=1)
    per_user = np.unique(sparse.users, return_counts=True)[1]
    assert per_user.min() >= 3 and per_user.max() <= 4


def test_cli_train_reports_which_model_won(tmp_path, monkeypatch, planted):
    monkeypatch.chdir(tmp_path)
    from bot.cli import main

    from datetime import datetime, timezone

    iso = [datetime.fromtimestamp(t, tz=timezone.utc).strftime("%Y-%m-%d %H:%M:%S") for t in planted.times]
    (tmp_path / "log.csv").write_text(
        "Customer_ID,SKU,Timestamp\n" + "".join(f"{u},{i},{t}\n" for u, i, t in zip(planted.users, planted.items, iso)),
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main,
        [
            "recommend",
            "train",
            "--interactions",
            str(tmp_path / "log.csv"),
            "--products",
            str(tmp_path / "none.jsonl"),
            "--out",
            str(tmp_path / "models"),
            "--embedder",
            "hashing",
        ],
    )
    assert result.exit_code == 0, result.output
    assert " won: validation ndcg@10 " in result.output and " over " in result.output
    from bot.recommend.artifact import current

    assert (current(tmp_path / "models") / "ranker.json").exists()


def test_block_scoring_matches_one_customer_at_a_time(planted_model):
    from scipy import sparse

    m, r = planted_model, planted_model.ranker
    users = m.user_ids[:40]
    hist = [np.array(sorted(m.item_index[i] for i in m.history(u)), np.int64) for u in users]
    H = sparse.csr_matrix(
        (np.ones(sum(map(len, hist))), (np.repeat(np.arange(40), [len(h) for h in hist]), np.concatenate(hist))),
        shape=(40, len(m.item_ids)),
    )
    mf = np.stack([m.scores(m.user_vector(u)).astype(np.float64) for u in users])
    mf[0] = 0.0  # a customer with no history and no vector gets the popularity prior
    H = H.tolil()
    H.rows[0], H.data[0] = [], []
    block = r.score_matrix(H.tocsr(), mf)
    one = np.stack([r.scores(np.zeros(0, np.int64) if n == 0 else hist[n], mf[n]) for n in range(40)])
    assert np.allclose(block, one)


def test_block_metrics_match_the_per_customer_metrics():
    from scipy import sparse

    from bot.recommend.metrics import ranking_metrics, ranking_metrics_matrix

    rng = np.random.default_rng(4)
    scores = rng.random((30, 25))
    hist = {f"u{n}": rng.choice(25, 3, replace=False) for n in range(30)}
    truth = {f"u{n}": {int(rng.choice([j for j in range(25) if j not in hist[f"u{n}"]]))} for n in range(30)}
    users = sorted(hist, key=lambda u: int(u[1:]))
    per_user: list[float] = []
    expected = ranking_metrics(lambda u: scores[int(u[1:])], users, truth, hist, 25, k=10, per_user=per_user)
    H = sparse.csr_matrix(
        (np.ones(90), (np.repeat(np.arange(30), 3), np.concatenate([hist[u] for u in users]))), shape=(30, 25)
    )
    T = sparse.csr_matrix((np.ones(30), (np.arange(30), [next(iter(truth[u])) for u in users])), shape=(30, 25))
    hit, ndcg, shown = ranking_metrics_matrix(scores, H, T, k=10)
    assert np.allclose(ndcg, per_user) and hit.mean() == pytest.approx(expected["hr@10"])
    assert len(shown) / 25 == pytest.approx(expected["coverage"])
