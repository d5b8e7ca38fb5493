"""The content-hash cache: compiled rules and per-document findings, invalidation, corrupt entries, the CLI flags."""

from __future__ import annotations

import json
import pickle
from pathlib import Path

import pytest

from lintnews.cache import Cache, default_cache_dir
from lintnews.config import Config
from lintnews.lint import Linter
from lintnews.runner import RunOptions, make_linter, make_run, rules_key

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
    entry = tmp_path / "findings" / "ab" / f"{'ab' * 32}.pickle"
    entry.write_bytes(b"\x80\x05 truncated")
    assert c.get("findings", "ab" * 32) is None
    assert not entry.exists()  # removed, rebuilt on the next put
    assert not list((tmp_path / "findings" / "ab").glob(".tmp-*"))


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
    assert r.stdout == out[0].stdout and not other.exists()
