"""Run the web app alone in this process (kill -9 benchmarks): real services on small test models.

    python -m tests.support.web_proc HOME KNOWLEDGE_DIR PORT [OPENAI_BASE_URL]

With OPENAI_BASE_URL the generator is an OpenAI-compatible server (e.g. the slow fake), else echo.
Prints "ready" once it serves.
"""

from __future__ import annotations

import logging
import sys
import threading
import time
from pathlib import Path

import uvicorn
from pydantic import SecretStr

from bot.channels.web.app import create_app
from bot.config import Settings
from tests.support.intents import small_services


def main(home: Path, knowledge_dir: Path, port: int, openai_url: str | None) -> None:
    """Serve until killed or SIGTERM."""
    backend = (
        {"llm_backend": "openai", "openai_base_url": openai_url, "llm_timeout_s": 30.0}
        if openai_url
        else {"llm_backend": "echo"}
    )
    settings = Settings(
        home=home,
        knowledge_dir=knowledge_dir,
        seed_dir=home / "no-seed",
        embedder="hashing",
        recommend=False,
        secret_key=SecretStr("bench-secret-key-0123456789"),
        admin_token=SecretStr("bench-admin-token"),
        **backend,
    )
    services = small_services(settings)
    services.kb.open()
    server = uvicorn.Server(
        uvicorn.Config(
            create_app(services),
            host="127.0.0.1",
            port=port,
            log_level="warning",
            access_log=False,
            timeout_graceful_shutdown=5,
        )
    )

    def announce() -> None:
        while not server.started:
            time.sleep(0.02)
        print("ready", flush=True)

    threading.Thread(target=announce, daemon=True).start()
    try:
        server.run()
    finally:
        services.close()


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    main(Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3]), sys.argv[4] if len(sys.argv) > 4 else None)
