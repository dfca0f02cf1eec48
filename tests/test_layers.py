"""The data flow goes one way: a stage imports only the stages before it."""

from __future__ import annotations

import ast
from pathlib import Path

PKG = Path(__file__).resolve().parents[1] / "src" / "newsledger"

# Rank of each top-level part of the package along the flow; shared modules rank lowest.
RANK = {
    "_version": 0,
    "errors": 0,
    "model": 0,
    "schema": 0,
    "sources": 1,
    "extract": 2,
    "analyze": 3,
    "pipeline": 4,
    "store": 5,
    "batch": 6,
    "cli": 6,
    "web": 6,
    "api": 6,
}


def _part(module: str) -> str | None:
    parts = module.split(".")
    if parts[0] != "newsledger":
        return None
    return parts[1] if len(parts) > 1 else "__init__"


def _imports(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for a in node.names:
                yield a.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_imports_point_one_way():
    bad = []
    for path in PKG.rglob("*.py"):
        rel = path.relative_to(PKG)
        own = rel.parts[0].removesuffix(".py")
        if own == "__init__":  # the public API facade may import anything
            continue
        if own not in RANK:
            bad.append(f"{rel}: unknown package part {own!r} (add it to RANK)")
            continue
        for mod in _imports(path):
            part = _part(mod)
            if part is None or part == "__init__":
                continue
            if part not in RANK:
                bad.append(f"{rel}: imports unknown part {mod}")
            elif RANK[part] > RANK[own]:
                bad.append(f"{rel} ({own}) imports later stage {mod}")
    assert not bad, "\n".join(bad)
