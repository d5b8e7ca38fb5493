"""The content-hash cache: compiled rules and per-document findings, invalidation, corrupt entries, the CLI flags."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import pytest

from lintnews.core.config import Config
from lintnews.engine.lint import Linter
from lintnews.engine.ruleset import make_linter, rules_key
from lintnews.engine.runner import RunOptions, make_run
from lintnews.speed.cache import STATE, Cache, default_cache_dir

from .conftest import ENGINE_PACK, CliRunner, engine_args


def _cfg(tmp_path: Path) -> Config:
    (tmp_path / "enginetest.yaml").write_text(ENGINE_PACK, encoding="utf-8")
    return Config(select=("enginetest",), rule_packs=(str(tmp_path / "enginetest.yaml"),), root=tmp_path)


def _findings(cfg: Config, cache_dir: Path | None, *paths: Path) -> list[tuple[str, str, int]]:
    run = make_run(cfg, RunOptions(cache_dir=cache_dir, jobs=1))
    return [(f.path, f.rule, f.offset) for r in run.execute([str(p) for p in paths]) for f in r.findings]


def test_cache_roundtrip_and_corrupt_entry(tmp_path: Path) -> None:
    c = Cache(tmp_path)
    assert c.get("findings", "ab" * 32) is None
    c.put("findings", "ab" * 32, [1, 2])
    assert c.get("findings", "ab" * 32) == [1, 2]
    entry = tmp_path / "findings" / c.generation / "ab" / f"{'ab' * 32}.pickle"
    assert entry.is_file()
    entry.write_bytes(b"\x80\x05 truncated")
    assert c.get("findings", "ab" * 32) is None
    assert not entry.exists()  # removed, rebuilt on the next put
    assert not list(entry.parent.glob(".tmp-*"))


def test_unwritable_cache_is_skipped(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    c = Cache(blocker / "sub")  # a file where the folder should be
    c.put("rules", "cd" * 32, [1])
    assert c.get("rules", "cd" * 32) is None


def test_compiled_rules_come_from_the_cache(tmp_path: Path) -> None:
    cfg = _cfg(tmp_path)
    cache = Cache(tmp_path / "cache")
    first = make_linter(cfg, cache=cache)
    assert cache.misses == 1
    second = make_linter(cfg, cache=cache)
    assert cache.hits == 1
    assert isinstance(second, Linter)
    assert [c.rule.id for c in second.checkers] == [c.rule.id for c in first.checkers]
    assert second.filters  # rebuilt, not pickled


def test_rules_key_follows_packs_and_config(tmp_path: Path) -> None:
    cfg = _cfg(tmp_path)
    key = rules_key(cfg)
    assert rules_key(cfg) == key
    assert rules_key(Config(select=("enginetest.colour",), rule_packs=cfg.rule_packs, root=tmp_path)) != key
    pack = tmp_path / "enginetest.yaml"
    pack.write_text(ENGINE_PACK.replace("US spelling.", "American spelling."), encoding="utf-8")
    assert rules_key(cfg) != key


def test_findings_are_cached_by_content(tmp_path: Path) -> None:
    cfg = _cfg(tmp_path)
    art = tmp_path / "a.txt"
    art.write_text("He came this Monday in colour.\n", encoding="utf-8")
    cache_dir = tmp_path / "cache"
    plain = _findings(cfg, None, art)
    assert plain and _findings(cfg, cache_dir, art) == plain
    entries = list((cache_dir / "findings").rglob("*.pickle"))
    assert len(entries) == 1
    # a stale entry would show: plant different findings under the key and see them come back
    found = pickle.loads(entries[0].read_bytes())
    entries[0].write_bytes(pickle.dumps(found[:1]))
    assert _findings(cfg, cache_dir, art) == plain[:1]
    # a copy under another name hits the same entry and is reported under its own name
    copy = tmp_path / "b.txt"
    copy.write_text(art.read_text(encoding="utf-8"), encoding="utf-8")
    assert [p for p, _, _ in _findings(cfg, cache_dir, copy)] == [str(copy)]
    # changed content misses
    art.write_text("He came this Tuesday in colour.\n", encoding="utf-8")
    assert _findings(cfg, cache_dir, art) == _findings(cfg, None, art)


def test_default_cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("LINTNEWS_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert default_cache_dir() == tmp_path / "lintnews"
    monkeypatch.setenv("LINTNEWS_CACHE_DIR", str(tmp_path / "x"))
    assert default_cache_dir() == tmp_path / "x"


def test_cli_cache_dir_and_no_cache(cli: CliRunner, workdir: Path) -> None:
    (workdir / "a.txt").write_text("He came this Monday.\n", encoding="utf-8")
    cache = workdir / "c"
    out = [cli([*engine_args("--format", "json", "--cache-dir", str(cache)), "a.txt"]) for _ in range(2)]
    assert out[0].stdout == out[1].stdout
    assert json.loads(out[0].stdout)["summary"]["findings"] == 1
    assert list((cache / "findings").rglob("*.pickle")) and list((cache / "rules").rglob("*.pickle"))
    other = workdir / "d"
    r = cli([*engine_args("--format", "json", "--no-cache", "--cache-dir", str(other)), "a.txt"])
    # no rules or findings kept; the tables derived from code and patterns (the rules' selection database) are,
    # as --no-cache documents; and the size limit's bookkeeping, since those tables count against it
    assert r.stdout == out[0].stdout
    assert not other.exists() or {p.name for p in other.iterdir()} <= {"lexicon", STATE}


def _two_spellings(tmp_path: Path) -> list[Path]:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("The strikes hit Khan Yunis on Monday, officials said.\n\nResidents of Khan Yunis fled.\n")
    b.write_text("The army said it struck Khan Younis overnight.\n\nMore people left Khan Younis later.\n")
    return [a, b]


def _run(cache_dir: Path, paths: list[Path], jobs: int = 1) -> list[tuple[str, str, int]]:
    run = make_run(Config(select=("consistency",)), RunOptions(cache_dir=cache_dir, jobs=jobs))
    return sorted((f.path, f.rule, f.offset) for r in run.execute([str(p) for p in paths]) for f in r.findings)


@pytest.mark.parametrize("jobs", [1, 2])
def test_unchanged_files_are_answered_without_loading_the_rules(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, jobs: int
) -> None:
    paths = _two_spellings(tmp_path)
    cache_dir = tmp_path / "cache"
    first = _run(cache_dir, paths, jobs)
    assert any(rule == "consistency.name-spelling" and path.endswith("b.txt") for path, rule, _ in first)
    assert list((cache_dir / "corpus").rglob("*.pickle"))  # the cross-document pass is cached too

    def no_rules(*args: object, **kwargs: object) -> Linter:
        raise AssertionError("the rules were loaded although every file was a cache hit")

    monkeypatch.setattr("lintnews.engine.runner.make_linter", no_rules)
    assert _run(cache_dir, paths, jobs) == first


def test_cross_document_cache_follows_the_set_of_files(tmp_path: Path) -> None:
    a, b = _two_spellings(tmp_path)
    cache_dir = tmp_path / "cache"
    both = _run(cache_dir, [a, b])
    assert _run(cache_dir, [a]) == []  # one file alone has nothing to disagree with
    b.write_text("The army said it struck Khan Yunis overnight.\n")
    assert _run(cache_dir, [a, b]) == _run(tmp_path / "other", [a, b]) == []
    assert both


def test_cached_findings_are_plain_rows(tmp_path: Path) -> None:
    """Entries hold tuples, not the dataclasses: ~10x faster to load, and no class reference to go stale."""
    paths = _two_spellings(tmp_path)
    _run(tmp_path / "cache", paths)
    for entry in (tmp_path / "cache" / "findings").rglob("*.pickle"):
        rows = pickle.loads(entry.read_bytes())
        assert isinstance(rows, list) and all(isinstance(r, tuple) for r in rows)


def test_finding_rows_round_trip() -> None:
    from lintnews.core.findings import Applicability, Edit, Finding, Fix, Severity

    full = Finding(
        "a.txt", "x.y", "calque", Severity.WARNING, "msg", 3, 4, 1, 4, 1, 8, ("s1", "s2"),
        Fix(Applicability.UNSAFE, (Edit(3, 4, "new"), Edit(9, 0, ","))), "pack.yaml", {"article": "7"},
    )  # fmt: skip
    bare = Finding("a.txt", "x.z", "grammar", Severity.INFO, "m", 0, 0, 1, 1, 1, 1)
    for f in (full, bare):
        back = Finding.from_row(f.to_row())
        assert back == f and back.extra == f.extra
        assert Finding.from_row(f.to_row(), "b.txt").path == "b.txt"


def test_cache_dir_flag_also_holds_the_word_tables(cli: CliRunner, workdir: Path) -> None:
    (workdir / "a.txt").write_text("Residents of Gazawhich fled south on Monday.\n", encoding="utf-8")
    chosen = workdir / "chosen"
    r = cli(["check", "--no-cache", "--cache-dir", str(chosen), "a.txt"])
    assert r.returncode in (0, 1), r.stderr
    assert list((chosen / "lexicon").iterdir())
    assert not (chosen / "findings").exists()  # --no-cache: no findings, but the derived tables are kept


def test_choose_cache_dir(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from lintnews.speed import cache

    monkeypatch.setattr(cache, "_CHOSEN", [])
    monkeypatch.setenv("LINTNEWS_CACHE_DIR", str(tmp_path / "env"))
    assert cache.tables_dir() == tmp_path / "env" / "lexicon"
    cache.choose_cache_dir(tmp_path / "flag")
    assert cache.tables_dir() == tmp_path / "flag" / "lexicon"


def test_code_fingerprint_covers_shipped_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # a refitted model's weights change findings as much as an edit to a checker does
    from lintnews.speed import cache as cache_module

    pkg = tmp_path / "lintnews"
    (pkg / "checkers").mkdir(parents=True)
    (pkg / "speed").mkdir()
    (pkg / "speed" / "cache.py").write_text("x = 1\n", encoding="utf-8")
    weights = pkg / "checkers" / "weights.json"
    weights.write_text('{"bias": 1}', encoding="utf-8")
    monkeypatch.setattr(cache_module, "__file__", str(pkg / "speed" / "cache.py"))
    fingerprint = cache_module.code_fingerprint
    try:
        fingerprint.cache_clear()
        before = fingerprint()
        weights.write_text('{"bias": 2}', encoding="utf-8")
        fingerprint.cache_clear()
        assert fingerprint() != before
    finally:
        fingerprint.cache_clear()  # the real package's fingerprint for the tests after this one


def _fake_package(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Path:
    """A two-file package the code fingerprint hashes instead of lintnews, and a cache folder of its own; its
    checker.py is returned."""
    from lintnews.speed import cache as cache_module

    pkg = tmp_path / "lintnews"
    (pkg / "speed").mkdir(parents=True)
    (pkg / "speed" / "cache.py").write_text("x = 1\n", encoding="utf-8")
    code = pkg / "checker.py"
    code.write_text("y = 1\n", encoding="utf-8")
    monkeypatch.setattr(cache_module, "__file__", str(pkg / "speed" / "cache.py"))
    monkeypatch.setenv("LINTNEWS_CACHE_DIR", str(tmp_path / "cache"))
    return code


def test_fingerprint_memo_follows_edits_and_survives_damage(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # the content hash is remembered per size and modification time of the files, once they are old enough
    code = _fake_package(monkeypatch, tmp_path)
    from lintnews.speed import cache as cache_module

    old = 1_600_000_000
    for p in (code, code.parent / "speed" / "cache.py"):
        os.utime(p, (old, old))
    memo = tmp_path / "cache" / "lexicon" / "code-fingerprints.json"
    fingerprint = cache_module.code_fingerprint
    try:
        fingerprint.cache_clear()
        before = fingerprint()
        assert memo.is_file()
        fingerprint.cache_clear()
        assert fingerprint() == before  # from the memo
        code.write_text("y = 2\n", encoding="utf-8")  # same size, a new modification time
        os.utime(code, (old + 10, old + 10))
        fingerprint.cache_clear()
        edited = fingerprint()
        assert edited != before
        memo.write_text("{not json", encoding="utf-8")
        fingerprint.cache_clear()
        assert fingerprint() == edited
    finally:
        fingerprint.cache_clear()


def test_a_freshly_written_file_is_hashed_each_time(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # a file rewritten within one tick of the clock may keep its size and its time: never taken from the memo
    code = _fake_package(monkeypatch, tmp_path)
    from lintnews.speed import cache as cache_module

    stamp = code.stat().st_mtime_ns
    fingerprint = cache_module.code_fingerprint
    try:
        fingerprint.cache_clear()
        before = fingerprint()
        code.write_text("y = 2\n", encoding="utf-8")
        os.utime(code, ns=(stamp, stamp))  # the same size and time as when it was hashed
        fingerprint.cache_clear()
        assert fingerprint() != before
    finally:
        fingerprint.cache_clear()
