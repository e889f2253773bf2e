"""Check that the installed llama-cpp-python runs on this CPU: load the packaged SmolLM2 GGUF and decode a few tokens.

Exit 0 when it works (or llama-cpp-python is not installed), 1 when it fails. A native build can crash outright
(SIGSEGV) on a CPU that lists instructions the operating system does not enable, e.g. AMX tiles inside some virtual
machines; scripts/setup.sh runs this in a child process and rebuilds llama.cpp for a portable x86-64 target then.
Usage: .venv/bin/python scripts/check_llamacpp.py"""

from __future__ import annotations

import importlib.util
import sys


def main() -> int:
    if importlib.util.find_spec("llama_cpp") is None:
        print("llama-cpp-python is not installed: nothing to check")
        return 0
    from llama_cpp import Llama

    from bot.llm.smollm2 import GGUF_FILE, gguf_dir

    llama = Llama(model_path=str(gguf_dir() / GGUF_FILE), n_ctx=256, n_threads=1, verbose=False)
    out = llama("Question: What colour is the sky on a clear day?\nAnswer:", max_tokens=4, temperature=0.0)
    text = out["choices"][0]["text"]
    print(f"llama.cpp runs on this CPU (decoded {text!r})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
