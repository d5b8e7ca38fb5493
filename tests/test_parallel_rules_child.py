"""--jobs: the rules loaded in a child while the model loads come to the parent even when, once prepared, they
would not pickle (a checker's prepare() keeping a local function, as boilerplate.line-shape's plan does)."""

from __future__ import annotations

from pathlib import Path

import pytest

from lintnews.checkers.hooks import SpeedHooks
from lintnews.core.config import Config
from lintnews.core.sources import make_document
from lintnews.engine.lint import Linter
from lintnews.engine.runner import RunOptions, make_run
from lintnews.speed.parallel import Pool

from .conftest import ENGINE_PACK


def _cfg(tmp_path: Path) -> Config:
    (tmp_path / "enginetest.yaml").write_text(ENGINE_PACK, encoding="utf-8")
    return Config(select=("enginetest",), rule_packs=(str(tmp_path / "enginetest.yaml"),), root=tmp_path)


def _unpicklable_prepare(self: SpeedHooks) -> None:
    def local() -> None:  # a local function does not pickle
        pass

    self.__dict__["_prepared_here"] = local


@pytest.mark.parametrize("pickles_prepared", [True, False])
def test_rules_from_the_child_whether_or_not_they_pickle_prepared(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, pickles_prepared: bool
) -> None:
    if not pickles_prepared:
        monkeypatch.setattr(SpeedHooks, "prepare", _unpicklable_prepare)
    run = make_run(_cfg(tmp_path), RunOptions(jobs=2))
    adopted: list[Linter] = []
    docs = [make_document(f"{i}.txt", f"Story {i} came this Monday in colour.") for i in range(12)]
    with Pool(lambda: run.linter, 2, list, True, adopted.append) as pool:
        got = [(d.path, [(f.rule, f.offset) for f in fs]) for d, (fs, _, _) in pool.lint((d, None) for d in docs)]
    # built in the child, not here, and prepared before the workers forked: here again when it came unprepared
    assert run._linter is None
    assert len(adopted) == 1 and adopted[0].keys() is not None
    prepared_here = [callable(c.__dict__.get("_prepared_here")) for c in adopted[0].checkers]
    assert all(prepared_here) != pickles_prepared
    here = [(d.path, [(f.rule, f.offset) for f in adopted[0].lint(make_document(d.path, d.text))]) for d in docs]
    assert got == here and all(fs for _, fs in got)


def test_the_default_rules_pickle_prepared() -> None:
    """So the rules child's work (their preparation, the patterns it warmed) reaches the parent whole."""
    import pickle

    from lintnews.engine.ruleset import make_linter

    linter = make_linter(Config())
    linter.prepare()
    again = pickle.loads(pickle.dumps(linter))
    assert [c.rule.id for c in again.checkers] == [c.rule.id for c in linter.checkers]
