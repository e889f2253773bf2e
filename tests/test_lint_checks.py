"""The house rules are enforced: each check in scripts/lint.sh fails on a violation planted in a copy of the repo.

CI runs `scripts/lint.sh` on the real tree (see .ci/run); these tests show that each check can fail, and
that its message names the planted violation rather than something else.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent


def _copy_repo(tmp_path: Path) -> Path:
    root = tmp_path / "repo"
    shutil.copytree(REPO / "bot", root / "bot", ignore=shutil.ignore_patterns("__pycache__"))
    (root / "scripts").mkdir()
    for name in ("lint.sh", "gen_env_example.py", "check_sizes.py", "size_baseline.txt"):
        shutil.copy2(REPO / "scripts" / name, root / "scripts" / name)
    for name in ("pyproject.toml", ".env.example"):
        shutil.copy2(REPO / name, root / name)
    return root


def _lint(root: Path, check: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SHOPBOT_")}
    env["PYTHON"] = sys.executable
    return subprocess.run(
        ["bash", str(root / "scripts" / "lint.sh"), check],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


needs_tools = pytest.mark.skipif(
    not all((BIN / tool).exists() for tool in ("ruff", "lint-imports")),
    reason="lint tools not installed (scripts/setup.sh --test)",
)


@needs_tools
def test_ruff_fails_on_an_unused_import(tmp_path: Path) -> None:
    root = _copy_repo(tmp_path)
    target = root / "bot" / "core" / "canned.py"
    target.write_text("import os\n" + target.read_text(encoding="utf-8"), encoding="utf-8")
    result = _lint(root, "ruff")
    assert result.returncode == 1
    assert "bot/core/canned.py" in result.stdout and "F401" in result.stdout


@needs_tools
def test_format_check_fails_on_unformatted_code(tmp_path: Path) -> None:
    root = _copy_repo(tmp_path)
    (root / "bot" / "planted.py").write_text("x = {  'a':1 }\n", encoding="utf-8")
    result = _lint(root, "format")
    assert result.returncode == 1
    assert "bot/planted.py" in result.stdout + result.stderr


@needs_tools
def test_import_contract_fails_when_core_imports_an_adapter(tmp_path: Path) -> None:
    root = _copy_repo(tmp_path)
    target = root / "bot" / "core" / "canned.py"
    target.write_text(
        target.read_text(encoding="utf-8") + "\nfrom bot.store import Store  # planted\n", encoding="utf-8"
    )
    result = _lint(root, "imports")
    assert result.returncode == 1
    assert "BROKEN" in result.stdout and "bot.core.canned -> bot.store" in result.stdout


@needs_tools
def test_import_contract_fails_when_an_adapter_imports_a_sibling(tmp_path: Path) -> None:
    root = _copy_repo(tmp_path)
    target = root / "bot" / "llm" / "fake.py"
    target.write_text(target.read_text(encoding="utf-8") + "\nimport bot.kb.index  # planted\n", encoding="utf-8")
    result = _lint(root, "imports")
    assert result.returncode == 1
    assert "bot.llm.fake -> bot.kb.index" in result.stdout


@needs_tools
def test_env_example_check_fails_when_a_default_changes(tmp_path: Path) -> None:
    root = _copy_repo(tmp_path)
    example = root / ".env.example"
    example.write_text(
        example.read_text(encoding="utf-8").replace("SHOPBOT_PORT=8000", "SHOPBOT_PORT=8001"), encoding="utf-8"
    )
    result = _lint(root, "env")
    assert result.returncode == 1
    assert ".env.example' is out of date" in result.stderr


@needs_tools
@pytest.mark.slow
def test_mypy_fails_on_a_type_error(tmp_path: Path) -> None:
    root = _copy_repo(tmp_path)
    (root / "bot" / "planted.py").write_text('def port() -> int:\n    return "8000"\n', encoding="utf-8")
    result = _lint(root, "mypy")
    assert result.returncode == 1
    assert 'bot/planted.py:2: error: Incompatible return value type (got "str", expected "int")' in result.stdout


def test_size_check_fails_on_a_new_long_function_and_on_a_listed_one_that_grew(tmp_path: Path) -> None:
    root = _copy_repo(tmp_path)
    body = "".join(f"    x{i} = {i}\n" for i in range(61))
    (root / "bot" / "planted.py").write_text(f"def planted() -> None:\n{body}", encoding="utf-8")
    result = _lint(root, "sizes")
    assert result.returncode == 1
    assert "bot/planted.py::planted: function is 62 lines (limit 60)" in result.stdout

    # the same function listed at one line less (the tree's own baseline may list no function any more)
    with (root / "scripts" / "size_baseline.txt").open("a", encoding="utf-8") as baseline:
        baseline.write("bot/planted.py::planted 61\n")
    result = _lint(root, "sizes")
    assert result.returncode == 1
    assert "bot/planted.py::planted: function grew to 62 lines (was 61, limit 60)" in result.stdout


def test_size_check_passes_on_the_tree_as_it_is(tmp_path: Path) -> None:
    result = _lint(_copy_repo(tmp_path), "sizes")
    assert result.returncode == 0, result.stdout
    assert "size check passed" in result.stdout
