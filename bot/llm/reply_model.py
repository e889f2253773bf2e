"""The model that words answers from the data: the local SmolLM2 with the reply adapter merged in.

Which adapter (SHOPBOT_LLM_REPLY_ADAPTER): empty means the shop's own (`shopbot llm tune --task reply`, under
<home>/models/reply/adapter) when there is one, else the one that ships with shopbot (bot/data/reply_adapter,
trained by the recipe in its metrics.json); `none` means the base model with worked examples in the prompt; any
other value is an adapter folder. The adapter is merged into a copy of the weights once per adapter (a few seconds)
under <home>/models/reply/merged-<digest>, which LocalChatModel then loads like any checkpoint.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import logging
import os
import shutil
import tempfile
import threading
from pathlib import Path
from typing import Any

from bot.errors import ModelError

log = logging.getLogger(__name__)

BUNDLED = Path(__file__).resolve().parent.parent / "data" / "reply_adapter"
ADAPTER_FILE = "adapter_model.safetensors"
_merge_lock = threading.Lock()


def shop_adapter_dir(settings: Any) -> Path:
    """Where `shopbot llm tune --task reply` puts the shop's own adapter."""
    return Path(settings.models_dir) / "reply" / "adapter"


def adapter_dir(settings: Any) -> Path | None:
    """The reply adapter to use, or None (the base model words answers with worked examples)."""
    choice = str(settings.llm_reply_adapter or "").strip()
    if choice.lower() == "none":
        return None
    if choice:
        path = Path(choice)
        if not (path / ADAPTER_FILE).exists():
            raise ModelError(f"SHOPBOT_LLM_REPLY_ADAPTER={choice}: no {ADAPTER_FILE} there")
        return path
    for path in (shop_adapter_dir(settings), BUNDLED):
        if (path / ADAPTER_FILE).exists():
            return path
    return None


def merged_dir(settings: Any, adapter: Path) -> Path:
    """The base weights with `adapter` merged in (bf16), built once per adapter content."""
    digest = hashlib.sha256((adapter / ADAPTER_FILE).read_bytes()).hexdigest()[:12]
    target = Path(settings.models_dir) / "reply" / f"merged-{digest}"
    with _merge_lock:
        if (target / "config.json").exists() and (target / "model.safetensors").exists():
            return target
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        import torch
        from peft import PeftModel

        from bot.llm.lora import load_base

        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = Path(tempfile.mkdtemp(prefix=".merged-", dir=target.parent))
        try:
            base, tokenizer = load_base(settings)
            merged = PeftModel.from_pretrained(base, str(adapter)).merge_and_unload()
            merged.to(torch.bfloat16).save_pretrained(str(tmp))
            tokenizer.save_pretrained(str(tmp))
            if target.exists():
                shutil.rmtree(target)
            os.replace(tmp, target)
        except Exception as exc:
            shutil.rmtree(tmp, ignore_errors=True)
            raise ModelError(f"could not merge the reply adapter {adapter}: {exc}") from exc
        log.info("merged the reply adapter %s into %s", adapter, target)
        return target


def reword_engine(settings: Any) -> str:
    """What runs the reply model: "llamacpp" (a merged GGUF copy on llama.cpp, several times faster per token on a
    CPU) or "local" (transformers). SHOPBOT_LLM_REWORD_ENGINE=auto picks llama.cpp when llama-cpp-python is
    installed (`pip install 'shopbot[llamacpp]'`)."""
    choice = str(getattr(settings, "llm_reword_engine", "auto") or "auto")
    if choice != "auto":
        return choice
    return "llamacpp" if importlib.util.find_spec("llama_cpp") is not None else "local"


def reword_chat_model(settings: Any) -> Any:
    """A chat model over the merged reply model (llama.cpp or transformers, see reword_engine), or None (no
    adapter, or a backend other than local)."""
    if settings.llm_backend != "local":
        return None
    adapter = adapter_dir(settings)
    if adapter is None:
        return None
    if reword_engine(settings) == "llamacpp":
        from bot.llm.llamacpp import LlamaCppChatModel
        from bot.llm.reply_gguf import merged_gguf

        return LlamaCppChatModel(
            model_path=str(merged_gguf(settings, adapter)),
            threads=settings.llamacpp_threads,
            max_new_tokens=settings.llm_max_new_tokens,
            repetition_penalty=1.0,  # a rewording repeats the answer's names on purpose
        )
    from bot.llm.local import LocalChatModel

    return LocalChatModel(
        model_path=str(merged_dir(settings, adapter)),
        dtype=settings.llm_dtype,
        threads=settings.llm_threads,
        max_new_tokens=settings.llm_max_new_tokens,
        repetition_penalty=1.0,  # a rewording repeats the answer's names on purpose
    )


TRAINED_KINDS = ("product", "order", "discovery")  # what an adapter whose metrics.json names no kinds words


def _metrics(settings: Any) -> dict[str, Any]:
    adapter = adapter_dir(settings) if settings.llm_backend == "local" else None
    if adapter is None:
        return {}
    try:
        data = json.loads((adapter / "metrics.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def reword_frames(settings: Any) -> bool:
    """Whether the reply adapter was tuned on slot-filling frames (metrics.json "frames": `llm tune --frames`):
    then the model words a frame with the answer's values as slots, and code fills them in (bot/core/frames.py)."""
    return bool(_metrics(settings).get("frames"))


def reword_kinds(settings: Any) -> tuple[str, ...] | None:
    """The kinds of answers the rewording model may word: those its adapter was trained on (metrics.json "kinds";
    an adapter trained before policy sentences were added words products, orders and discovery only), or None
    (every kind: the base model or another backend, with worked examples for each)."""
    if settings.llm_backend != "local":
        return None
    adapter = adapter_dir(settings)
    if adapter is None:
        return None
    try:
        kinds = json.loads((adapter / "metrics.json").read_text(encoding="utf-8")).get("kinds")
    except (OSError, ValueError):
        kinds = None
    return tuple(kinds) if isinstance(kinds, list) and kinds else TRAINED_KINDS
