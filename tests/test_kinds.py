"""The registry of kinds: every checker module is registered, every registered kind resolves, none is discovered."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import lintnews.checkers
from lintnews.checkers.base import Checker
from lintnews.errors import RuleError
from lintnews.kinds import KINDS, available_kinds, checker_class

CHECKERS_DIR = Path(lintnews.checkers.__file__).parent
# modules of the package that implement no kind: the interface, and helpers a kind's package keeps inside it
NOT_KINDS = {"__init__", "base"}


def checker_modules() -> set[str]:
    """Every module or sub-package directly under lintnews/checkers, as a registry target names it."""
    mods = {p.stem for p in CHECKERS_DIR.glob("*.py")} | {p.parent.name for p in CHECKERS_DIR.glob("*/__init__.py")}
    return mods - NOT_KINDS


def test_every_checker_module_is_registered() -> None:
    registered = {target.partition(":")[0] for target in KINDS.values()}
    assert checker_modules() - registered == set(), "add the module to lintnews/kinds.py KINDS"


@pytest.mark.parametrize("kind", available_kinds())
def test_registered_kind_resolves_to_its_checker(kind: str) -> None:
    cls = checker_class(kind)
    assert issubclass(cls, Checker)
    assert cls.kind == kind


@pytest.mark.parametrize("kind", available_kinds())
def test_every_option_has_help(kind: str) -> None:
    for name, spec in checker_class(kind).options.items():
        assert spec.help.strip(), f"kind {kind}: option {name} has no help (lintnews rules --kinds prints it)"


def test_unknown_kind_names_the_known_ones() -> None:
    with pytest.raises(RuleError, match=r"unknown kind 'nosuch' .*regex"):
        checker_class("nosuch")


def test_loading_regex_rules_imports_no_other_checker() -> None:
    # the registry imports a checker when a rule of its kind is loaded, not before
    code = (
        "import sys\n"
        "from lintnews.rulepack import load_pack, builtin_rules_dir\n"
        "load_pack(builtin_rules_dir() / 'punctuation.yaml')\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('lintnews.checkers.'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    kinds_used = {"regex", "quotes", "brackets", "paragraph_join"}
    assert set(out) - {f"lintnews.checkers.{k}" for k in kinds_used} <= {"lintnews.checkers.base"}
    assert "lintnews.checkers.agreement" not in out
