"""The int8 ONNX export of the packaged MiniLM: made once, reused, close to fp32, and kept apart in the KB cache."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from bot.embed import configure, embedder_key, get_embedder
from bot.embed.embedder import minilm_path
from bot.embed.onnx_minilm import int8_model_dir
from bot.errors import ModelError
from bot.kb.knowledge_base import KnowledgeBase

SENTENCES = [
    "How long do I have to return an item?",
    "Items can be returned within 30 days of delivery for a full refund.",
    "Do you ship to Canada?",
    "We ship to the United States, Canada and most of Europe.",
    "Can I pay with PayPal?",
    "We accept Visa, Mastercard, American Express and PayPal.",
    "",
    "x" * 5000,  # longer than the 256-token window: truncated, not an error
]


@pytest.fixture
def fp32_afterwards() -> Iterator[None]:
    yield
    configure(precision="fp32")


@pytest.fixture(scope="module")
def models(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One models folder for the module: the export (seconds) is made once and reused."""
    return tmp_path_factory.mktemp("models")


def test_precision_is_checked_and_names_the_cache_key(fp32_afterwards: None, tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="unknown embedder precision 'int4'"):
        configure(precision="int4", models_dir=tmp_path)
    configure(precision="fp32")
    assert embedder_key("minilm") == "minilm"
    configure(precision="int8", models_dir=tmp_path)
    assert embedder_key("minilm") == "minilm-int8"
    assert embedder_key("hashing") == "hashing"  # the test embedder has no int8 form


@pytest.mark.slow
def test_int8_export_is_made_once_and_stays_close_to_fp32(fp32_afterwards: None, models: Path) -> None:
    configure(precision="fp32")
    reference = get_embedder("minilm").embed(SENTENCES)
    configure(precision="int8", models_dir=models, threads=1)
    int8 = get_embedder("minilm")
    assert int8.name == "all-MiniLM-L6-v2-int8"
    vectors = int8.embed(SENTENCES, batch_size=3)  # batches of similar length, returned in the caller's order
    assert vectors.shape == (len(SENTENCES), 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-4)
    cosines = (vectors * reference).sum(axis=1)
    assert cosines.min() >= 0.97, cosines
    # each question's nearest answer is the same one fp32 picks
    questions, answers = [0, 2, 4], [1, 3, 5]
    assert (vectors[questions] @ vectors[answers].T).argmax(1).tolist() == [0, 1, 2]
    assert int8.embed([]).shape == (0, 384)

    folder = int8_model_dir(models, minilm_path())
    made = (folder / "model.int8.onnx").stat().st_mtime_ns
    assert int8_model_dir(models, minilm_path()) == folder  # reused, not exported again
    assert (folder / "model.int8.onnx").stat().st_mtime_ns == made
    # an export made from another source (a newer package, another recipe) is replaced by a new version
    meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
    (folder / "meta.json").write_text(json.dumps({**meta, "source": "older"}), encoding="utf-8")
    again = int8_model_dir(models, minilm_path())
    assert again != folder and (again / "model.int8.onnx").exists()


@pytest.mark.slow
def test_kb_built_in_int8_keeps_its_own_cache_and_rebuilds_on_a_switch(
    fp32_afterwards: None, models: Path, tmp_path: Path, knowledge_dir: Path
) -> None:
    configure(precision="int8", models_dir=models, threads=1)
    kb = KnowledgeBase(knowledge_dir, tmp_path / "kb")
    first = kb.reload()
    assert kb.versions.manifest(first.version)["embedder"] == "minilm-int8"
    assert (tmp_path / "kb" / "cache" / "minilm-int8").is_dir()
    assert kb.reload().unchanged
    configure(precision="fp32")
    second = kb.reload()  # same sources, other vectors: a new version, embedded again
    assert not second.unchanged and second.embedded >= second.chunks
    assert kb.versions.manifest(second.version)["embedder"] == "minilm"


@pytest.mark.slow
def test_many_batches_run_side_by_side_and_match_one_thread(models: Path) -> None:
    from bot.embed.onnx_minilm import OnnxMiniLMEmbedder

    folder = int8_model_dir(models, minilm_path())
    texts = [f"{s} (note {i})" for i, s in enumerate(SENTENCES[:6] * 12)]
    one = OnnxMiniLMEmbedder(folder, threads=1)
    two = OnnxMiniLMEmbedder(folder, threads=2)
    assert (one.workers, two.workers) == (1, 2)
    expected = one.embed(texts, batch_size=8)
    got = two.embed(texts, batch_size=8)  # 9 batches over two threads, returned in the caller's order
    np.testing.assert_allclose(got, expected, atol=1e-4)  # same batches (activations are quantised per batch)
    assert float(np.min(np.sum(got[:6] * got[6:12], axis=1))) < 0.999  # the notes make them different texts
