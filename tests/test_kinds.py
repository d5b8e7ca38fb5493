"""The registry of kinds: every checker module is registered, every registered kind resolves, none is discovered."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

import lintnews.checkers
from lintnews.checkers.base import Checker
from lintnews.core.errors import RuleError
from lintnews.rules.kinds import KINDS, available_kinds, checker_class

CHECKERS_DIR = Path(lintnews.checkers.__file__).parent
# modules of the package that implement no kind: the interface (base, and its optional speed hooks)
# shared modules, not checkers: the interface, the speed hooks, the tags a lexicon allows a word
NOT_KINDS = {"__init__", "base", "hooks", "word_classes"}


def checker_modules() -> set[str]:
    """Every module or sub-package directly under lintnews/checkers, as a registry target names it."""
    mods = {p.stem for p in CHECKERS_DIR.glob("*.py")} | {p.parent.name for p in CHECKERS_DIR.glob("*/__init__.py")}
    return mods - NOT_KINDS


def test_every_checker_module_is_registered() -> None:
    registered = {target.partition(":")[0] for target in KINDS.values()}
    assert checker_modules() - registered == set(), "add the module to lintnews/rules/kinds.py KINDS"


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
        "from lintnews.rules.rulepack import load_pack, builtin_rules_dir\n"
        "load_pack(builtin_rules_dir() / 'punctuation.yaml')\n"
        "print(' '.join(sorted(m for m in sys.modules if m.startswith('lintnews.checkers.'))))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    kinds_used = {"regex", "quotes", "brackets", "paragraph_join"}
    interface = {"lintnews.checkers.base", "lintnews.checkers.hooks"}
    assert set(out) - {f"lintnews.checkers.{k}" for k in kinds_used} <= interface
    assert "lintnews.checkers.agreement" not in out


PLUGIN = """
import regex
from lintnews.checkers.base import Checker, Option
from lintnews.core.findings import Hit


class ShoutChecker(Checker):
    kind = "shout"
    options = {"min_letters": Option(int, default=4, help="shorter capitalised words are acronyms")}

    def check(self, doc):
        for m in regex.finditer(r"\\b[A-Z]{%d,}\\b" % self.opts["min_letters"], doc.text):
            yield Hit(m.start(), m.end())
"""

PACK = """\
pack: house
rules:
  - id: house.shout
    kind: {kind}
    category: punctuation
    message: "A word in capitals reads as shouting."
    min_letters: 5
    examples:
      bad: ["The mayor said NEVER again."]
      good: ["The NATO summit opened."]
"""


def test_a_house_pack_brings_a_kind_from_a_plugin_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from lintnews.rules.examples import example_failures
    from lintnews.rules.rulepack import load_pack

    (tmp_path / "lintnews_housekinds.py").write_text(PLUGIN, encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    pack_file = tmp_path / "house.yaml"
    pack_file.write_text(PACK.format(kind="lintnews_housekinds:ShoutChecker"), encoding="utf-8")
    rule = load_pack(pack_file).rules[0]
    assert rule.options == {"min_letters": 5}
    assert list(example_failures([rule])) == []


@pytest.mark.parametrize(
    ("kind", "problem"),
    [
        ("os:system", "unknown kind 'os:system'"),  # only modules named lintnews_* are reachable from a pack
        ("lintnews_nosuchplugin:X", "cannot import the module of kind"),
        ("lintnews_notakind:PLUGIN_NOTHING", "is not a checker class"),
    ],
)
def test_a_pack_cannot_reach_other_code(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, kind: str, problem: str
) -> None:
    from lintnews.rules.rulepack import load_pack

    (tmp_path / "lintnews_notakind.py").write_text("PLUGIN_NOTHING = 1\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    pack_file = tmp_path / "house.yaml"
    pack_file.write_text(PACK.format(kind=f"'{kind}'"), encoding="utf-8")
    with pytest.raises(RuleError, match=problem) as info:
        load_pack(pack_file)
    assert str(info.value).startswith(f"{pack_file}:3: rule house.shout: key 'kind'")
