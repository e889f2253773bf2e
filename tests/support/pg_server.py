"""A real PostgreSQL server for tests: Debian's binaries, `initdb` into a temporary folder, a free port, stopped after.

Debian's `postgresql` package puts the server binaries under /usr/lib/postgresql/<major>/bin (scripts/setup.sh --test
installs it, as it installs Chromium). PostgreSQL refuses to run as root, so as root the server runs as the
`postgres` user the package creates. Where the binaries are missing: outside CI the PostgreSQL tests skip with the
reason; under CI (SHOPBOT_CI set, as .ci/run does) they fail, so a CI run can never pass without them.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.support.llama_server import free_port


def pg_bin() -> Path | None:
    """The newest installed server binaries folder (initdb, pg_ctl, postgres), or None."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found else None


def require_pg_bin() -> Path:
    """The binaries, or skip (locally) / fail (under CI) with the fix."""
    found = pg_bin()
    if found is None:
        message = (
            "PostgreSQL is not installed (scripts/setup.sh --test installs it as root; or apt-get install postgresql)"
        )
        if os.environ.get("SHOPBOT_CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def _as_server_user(cmd: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *cmd] if os.geteuid() == 0 else cmd


@contextmanager
def pg_server() -> Iterator[str]:
    """Start a throwaway server; yields the URL of its (empty) `postgres` database; stops and deletes it after."""
    bindir = require_pg_bin()
    root = Path(tempfile.mkdtemp(prefix="shopbot-pg-"))
    if os.geteuid() == 0:
        pw = pwd.getpwnam("postgres")
        os.chown(root, pw.pw_uid, pw.pw_gid)
    data, port = root / "data", free_port()
    env = {**os.environ, "LC_ALL": "C.UTF-8"}
    try:
        subprocess.run(
            _as_server_user(
                [str(bindir / "initdb"), "-D", str(data), "-A", "trust", "-U", "shopbot", "-E", "UTF8", "--no-sync"]
            ),
            check=True,
            capture_output=True,
            env=env,
        )
        opts = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off -c full_page_writes=off -c max_connections=60"
        subprocess.run(
            _as_server_user(
                [
                    str(bindir / "pg_ctl"),
                    "-D",
                    str(data),
                    "-l",
                    str(root / "log"),
                    "-o",
                    opts,
                    "-w",
                    "-t",
                    "60",
                    "start",
                ]
            ),
            check=True,
            capture_output=True,
            env=env,
        )
    except subprocess.CalledProcessError as exc:
        log = (root / "log").read_text(errors="replace") if (root / "log").exists() else ""
        shutil.rmtree(root, ignore_errors=True)
        raise RuntimeError(f"PostgreSQL did not start: {exc.stderr.decode(errors='replace')}\n{log}") from exc
    try:
        yield f"postgresql://shopbot@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(
            _as_server_user([str(bindir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop"]),
            capture_output=True,
            env=env,
            check=False,
        )
        shutil.rmtree(root, ignore_errors=True)


def fresh_database(server_url: str) -> str:
    """A new empty database on the server; returns its URL (one per test keeps tests independent)."""
    import psycopg

    name = f"t{int(time.time() * 1000) % 10**9}_{os.getpid()}_{free_port()}"
    with psycopg.connect(server_url, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    return server_url.rsplit("/", 1)[0] + "/" + name
