"""The real product model: trained on the shipped data with MiniLM (minutes on 2 cores)."""

from __future__ import annotations

import pytest

from bot.artifacts import VersionedDir
from bot.config import Settings
from bot.domain import Intent
from bot.nlu.training import load_or_train


@pytest.mark.slow
def test_product_model_trains_publishes_and_answers_obvious_questions(tmp_path) -> None:
    settings = Settings(home=tmp_path, embedder="minilm", _env_file=None)
    clf = load_or_train(settings, progress=False)
    published = VersionedDir(tmp_path / "models" / "intent").current_path()  # a CURRENT pointer file, no symlink
    assert published is not None and (published / "meta.json").is_file()
    expected = {
        "where is my order": Intent.ORDER_STATUS,
        "I want to talk to a human": Intent.HUMAN_AGENT,
        "what's the capital of France": Intent.OUT_OF_SCOPE,
        "I'd like to cancel my order": Intent.ORDER_CHANGE,
        "how do I get a refund": Intent.RETURNS_REFUNDS,
        "hey, anyone around?": Intent.GREETING,
    }
    got = {text: p.intent for text, p in zip(expected, clf.predict_many(list(expected)), strict=True)}
    assert got == expected
    # a second call loads the published model instead of training again
    again = load_or_train(settings, progress=False)
    assert again.labels == clf.labels
    assert again.threshold == clf.threshold
