#!/usr/bin/env python3
"""The size rule of the house: no function in bot/ over 60 lines, no module over 400.

Code that was over the limits when the rule came in is listed in scripts/size_baseline.txt with its size
then. A listed place may shrink but not grow; anything new over a limit fails. Run with --write to rewrite
the baseline from the tree as it is (only when a listed place shrank or was split: the diff shows it).

Usage: scripts/check_sizes.py [--root DIR] [--write]
"""

from __future__ import annotations

import argparse
import ast
import sys
from pathlib import Path

FUNCTION_LIMIT = 60
MODULE_LIMIT = 400
BASELINE = "scripts/size_baseline.txt"


def measure(root: Path) -> dict[str, int]:
    """Every place over a limit: `path` for modules (lines), `path::qualname` for functions (lines)."""
    found: dict[str, int] = {}
    for path in sorted((root / "bot").rglob("*.py")):
        rel = path.relative_to(root).as_posix()
        text = path.read_text(encoding="utf-8")
        lines = len(text.splitlines())
        if lines > MODULE_LIMIT:
            found[rel] = lines
        tree = ast.parse(text, filename=rel)
        for name, node in _functions(tree, ""):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > FUNCTION_LIMIT:
                found[f"{rel}::{name}"] = length
    return found


def _functions(node: ast.AST, prefix: str) -> list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]]:
    out: list[tuple[str, ast.FunctionDef | ast.AsyncFunctionDef]] = []
    for child in ast.iter_child_nodes(node):
        if isinstance(child, ast.FunctionDef | ast.AsyncFunctionDef):
            name = f"{prefix}{child.name}"
            out.append((name, child))
            out.extend(_functions(child, f"{name}."))
        elif isinstance(child, ast.ClassDef):
            out.extend(_functions(child, f"{prefix}{child.name}."))
    return out


def read_baseline(path: Path) -> dict[str, int]:
    allowed: dict[str, int] = {}
    if not path.exists():
        return allowed
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            place, size = line.rsplit(" ", 1)
            allowed[place] = int(size)
    return allowed


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parent.parent)
    parser.add_argument("--write", action="store_true", help="rewrite the baseline from the tree as it is")
    args = parser.parse_args()
    found = measure(args.root)
    baseline_path = args.root / BASELINE
    if args.write:
        body = "".join(f"{place} {size}\n" for place, size in sorted(found.items()))
        header = "# Places over the size limits (function 60 lines, module 400) when the rule came in; may shrink, not grow.\n"
        baseline_path.write_text(header + body, encoding="utf-8")
        print(f"wrote {baseline_path} ({len(found)} places)")
        return 0
    allowed = read_baseline(baseline_path)
    problems = []
    for place, size in sorted(found.items()):
        limit = FUNCTION_LIMIT if "::" in place else MODULE_LIMIT
        kind = "function" if "::" in place else "module"
        if place not in allowed:
            problems.append(f"{place}: {kind} is {size} lines (limit {limit}); split it")
        elif size > allowed[place]:
            problems.append(f"{place}: {kind} grew to {size} lines (was {allowed[place]}, limit {limit}); shrink it")
    for line in problems:
        print(line)
    shrunk = [p for p in allowed if p not in found]
    if shrunk:
        print(f"{len(shrunk)} listed place(s) are within the limits now; `scripts/check_sizes.py --write` drops them")
    if problems:
        print(f"size check failed: {len(problems)} place(s) over the limits (docs/architecture.md, 'Rules CI checks')")
        return 1
    print(f"size check passed: {len(allowed) - len(shrunk)} listed place(s) left to split")
    return 0


if __name__ == "__main__":
    sys.exit(main())
