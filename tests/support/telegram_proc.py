"""Run the Telegram channel alone in this process against a fake Bot API (kill -9 tests, scripts/bench_crash.py).

    python -m tests.support.telegram_proc HOME KNOWLEDGE_DIR BASE_URL TOKEN

Real services on the hashing embedder, the small intent classifier and the echo generator. Prints
"ready" once polling has started; SIGTERM stops it cleanly; SIGKILL is the crash under test.
"""

from __future__ import annotations

import asyncio
import logging
import signal
import sys
from pathlib import Path

from bot.channels.telegram.runner import TelegramRunner
from tests.channels.telegram.support import services_for, telegram_settings


async def main(home: Path, knowledge_dir: Path, base_url: str, token: str) -> None:
    """Start the runner, say "ready", run until SIGTERM."""
    services = services_for(telegram_settings(home, knowledge_dir, token=token, base_url=base_url))
    runner = TelegramRunner(services, poll_timeout_s=1)
    await runner.start()
    print("ready", runner.recovered, flush=True)
    stop = asyncio.Event()
    asyncio.get_running_loop().add_signal_handler(signal.SIGTERM, stop.set)
    await stop.wait()
    await runner.stop()
    services.store.close()


if __name__ == "__main__":
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    asyncio.run(main(Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3], sys.argv[4]))
