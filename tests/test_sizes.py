"""Sizes a reader can hold: every module under lintnews/ at most 400 lines, every function at most 60 (by its AST)."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "lintnews"
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60

# Modules that are data, not code (word lists, tables): exempt from both limits. None today; a module added
# here says why in a comment on its line.
DATA_MODULES: set[str] = set()


def _modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def _name(path: Path) -> str:
    return path.relative_to(PACKAGE).as_posix() if path.is_relative_to(PACKAGE) else path.name


def _oversized(path: Path) -> list[str]:
    """What in this module breaks a limit: the module's length, and each function that is too long."""
    text = path.read_text(encoding="utf-8")
    out = []
    lines = len(text.splitlines())
    if lines > MAX_MODULE_LINES:
        out.append(f"{_name(path)}: {lines} lines (at most {MAX_MODULE_LINES})")
    for node in ast.walk(ast.parse(text, filename=str(path))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            assert node.end_lineno is not None
            length = node.end_lineno - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                out.append(f"{_name(path)}:{node.lineno}: {node.name} is {length} lines (at most {MAX_FUNCTION_LINES})")
    return out


@pytest.mark.parametrize("path", _modules(), ids=_name)
def test_module_and_its_functions_fit(path: Path) -> None:
    if _name(path) in DATA_MODULES:
        pytest.skip("exempt: see DATA_MODULES")
    assert _oversized(path) == []


def test_every_exemption_is_still_needed() -> None:
    for name in sorted(DATA_MODULES):
        path = PACKAGE / name
        assert path.is_file(), f"{name} no longer exists: remove it from the exemptions"
        assert _oversized(path), f"{name} fits now: remove it from the exemptions"


def test_the_limits_are_measured_as_stated(tmp_path: Path) -> None:
    long_function = "def f() -> None:\n" + "    x = 1\n" * (MAX_FUNCTION_LINES - 1)
    (tmp_path / "ok.py").write_text(long_function, encoding="utf-8")
    (tmp_path / "long.py").write_text(long_function + "    x = 2\n", encoding="utf-8")
    (tmp_path / "big.py").write_text("x = 1\n" * (MAX_MODULE_LINES + 1), encoding="utf-8")
    assert _oversized(tmp_path / "ok.py") == []
    assert [m.split(": ", 1)[1] for m in _oversized(tmp_path / "long.py")] == ["f is 61 lines (at most 60)"]
    assert _oversized(tmp_path / "big.py") != []
