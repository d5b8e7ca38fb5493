"""The store of compiled patterns: the same patterns as regex.compile, across processes, and never stale."""

from __future__ import annotations

import pickle
from collections.abc import Iterator
from pathlib import Path

import pytest
import regex

from lintnews.checkers import base
from lintnews.checkers.base import compile_user_regex
from lintnews.core.config import Config
from lintnews.engine.runner import RunOptions, make_run
from lintnews.speed import cache, pattern_store
from lintnews.speed.cache import tables_dir
from lintnews.speed.model_worker import fork_available
from lintnews.speed.pattern_store import PatternStore, store_path

PATTERN = r"(?<!\w)(?P<word>[Tt]his) (?:Monday|Tuesday)\b"
TEXT = "He left this Tuesday; this Monday he came back."


@pytest.fixture
def restore_compiler() -> Iterator[None]:
    """The process's compiler as it was: a test that installs a store must not leave it to the others."""
    installed = list(pattern_store._INSTALLED)
    compiler = list(base._COMPILER)
    yield
    pattern_store._INSTALLED[:] = installed
    base._COMPILER[:] = compiler
    compile_user_regex.cache_clear()


def _spans(p: regex.Pattern[str]) -> list[tuple[int, int]]:
    return [m.span("word") for m in p.finditer(TEXT)]


def _no_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **kwargs: object) -> None:
        raise AssertionError("parsed again instead of loaded")

    monkeypatch.setattr(regex, "compile", refuse)


def test_a_stored_pattern_is_loaded_not_parsed_and_matches_the_same(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = store_path(tmp_path)
    first = PatternStore(path)
    compiled = first.compile(PATTERN, regex.VERSION0)
    assert first.changed
    first.save()
    assert not first.changed
    _no_parsing(monkeypatch)
    loaded = PatternStore(path).compile(PATTERN, regex.VERSION0)
    assert loaded.pattern == PATTERN and loaded.flags == compiled.flags
    assert _spans(loaded) == _spans(compiled) == [(8, 12), (22, 26)]


def test_flags_are_part_of_the_key(tmp_path: Path) -> None:
    store = PatternStore(store_path(tmp_path))
    store.compile("tuesday", 0)
    store.save()
    again = PatternStore(store_path(tmp_path))
    assert again.compile("tuesday", regex.IGNORECASE).search("TUESDAY") is not None
    assert again.compile("tuesday", 0).search("TUESDAY") is None


@pytest.mark.parametrize("content", [b"", b"not a pickle", pickle.dumps(["a list"]), pickle.dumps({("x", 0): 3})])
def test_a_damaged_or_foreign_store_is_ignored_and_rewritten(tmp_path: Path, content: bytes) -> None:
    path = store_path(tmp_path)
    path.write_bytes(content)
    store = PatternStore(path)
    assert _spans(store.compile(PATTERN, 0)) == [(8, 12), (22, 26)]
    store.save()
    assert (PATTERN, 0) in pickle.loads(path.read_bytes())


def test_an_entry_that_is_not_its_pattern_is_compiled_again(tmp_path: Path) -> None:
    path = store_path(tmp_path)
    # a stored entry under the key of another pattern (a hand-edited or colliding file): never trusted
    path.write_bytes(pickle.dumps({(PATTERN, 0): pickle.dumps(regex.compile("Monday"))}))
    assert _spans(PatternStore(path).compile(PATTERN, 0)) == [(8, 12), (22, 26)]
    path.write_bytes(pickle.dumps({(PATTERN, 0): b"\x80\x05garbage"}))
    assert _spans(PatternStore(path).compile(PATTERN, 0)) == [(8, 12), (22, 26)]


def test_an_invalid_pattern_is_an_error_as_with_regex(tmp_path: Path) -> None:
    with pytest.raises(regex.error):
        PatternStore(store_path(tmp_path)).compile("(unclosed", 0)


def test_two_runs_saving_keep_each_others_patterns(tmp_path: Path) -> None:
    path = store_path(tmp_path)
    a, b = PatternStore(path), PatternStore(path)
    a.compile("alpha", 0)
    b.compile("beta", 0)
    a.save()
    b.save()
    assert {("alpha", 0), ("beta", 0)} <= set(pickle.loads(path.read_bytes()))


def test_an_overgrown_store_keeps_what_this_run_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pattern_store, "MAX_ENTRIES", 2)
    path = store_path(tmp_path)
    old = PatternStore(path)
    for word in ("old1", "old2", "old3"):
        old.compile(word, 0)
    old.save()
    now = PatternStore(path)
    now.compile("old1", 0)
    now.compile("new", 0)
    now.save()
    assert set(pickle.loads(path.read_bytes())) == {("old1", 0), ("new", 0)}


def test_an_unwritable_store_is_skipped(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    store = PatternStore(store_path(blocker))  # its folder is a file: nothing can be written there
    assert store.compile("alpha", 0).search("alphabet") is not None
    store.save()


@pytest.mark.usefixtures("restore_compiler")
def test_a_run_compiles_the_packs_patterns_through_the_store(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    article = tmp_path / "a.txt"
    article.write_text("He arrived this Tuesday in Cairo , and  left.\n", encoding="utf-8")
    cfg = Config(select=("calque-es", "punctuation"))
    first = make_run(cfg, RunOptions())  # no cache folder for rules and findings: the store is kept all the same
    expected = [f.to_row() for f in first.execute([str(article)])[0].findings]
    assert expected
    pattern_store._INSTALLED[0].save()
    assert store_path(tables_dir()).is_file()
    # a later process: every pack pattern it needs comes from the store
    pattern_store._INSTALLED.clear()
    compile_user_regex.cache_clear()
    second = make_run(cfg, RunOptions())
    _no_parsing(monkeypatch)
    assert [f.to_row() for f in second.execute([str(article)])[0].findings] == expected


@pytest.mark.slow  # the default rules, whose model is loaded before the workers fork
@pytest.mark.skipif(not fork_available(), reason="needs fork()")
@pytest.mark.usefixtures("restore_compiler")
def test_a_jobs_run_keeps_what_its_rules_child_compiled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cache, "_CHOSEN", [])
    monkeypatch.setenv("LINTNEWS_CACHE_DIR", str(tmp_path / "cache"))
    paths = []
    for i in range(3):
        (tmp_path / f"a{i}.txt").write_text(f"He arrived this Tuesday in Cairo {i} , and  left.\n", encoding="utf-8")
        paths.append(str(tmp_path / f"a{i}.txt"))
    pattern_store._INSTALLED.clear()
    make_run(Config(), RunOptions(jobs=2)).execute(paths)
    # this process saves only at exit: what is there was written by the child that compiled the patterns
    assert pickle.loads(store_path(tables_dir()).read_bytes())
