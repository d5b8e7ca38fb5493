"""The cache folder's size limit: LRU sweep, hits kept, concurrency, the limit's value, the sweep's period."""

from __future__ import annotations

import json
import os
import threading
import time
from pathlib import Path

import pytest

from lintnews.core.errors import LintnewsError
from lintnews.speed import cache_bound
from lintnews.speed.cache import KINDS, STATE, Cache, take_written, usage
from lintnews.speed.cache_bound import (
    KEEP_FRACTION,
    SWEEP_PERIOD,
    TMP_AGE,
    cache_limit,
    parse_size,
    stale_usage,
    sweep,
    sweep_if_due,
)

from .conftest import CliRunner, engine_args

DAY = 86_400.0


def _held(root: Path) -> int:
    """The bytes of the entries a sweep counts (not the folder's tag and bookkeeping)."""
    return sum(usage(root / kind)[1] for kind in KINDS)


def _key(i: int) -> str:
    return f"{i:064x}"


def _aged(path: Path, seconds_ago: float) -> None:
    t = time.time() - seconds_ago
    os.utime(path, (t, t))


def _filled(root: Path, n: int, size: int = 1000) -> tuple[Cache, list[Path]]:
    """n findings entries of about `size` bytes, entry i last used n - i days ago (the last is the newest)."""
    c = Cache(root)
    paths = []
    for i in range(n):
        c.put("findings", _key(i), b"x" * size)
        path = c._path("findings", _key(i))
        _aged(path, (n - i) * DAY)
        paths.append(path)
    take_written()
    return c, paths


def test_over_the_limit_is_swept_keeping_the_most_recently_used(tmp_path: Path) -> None:
    _, paths = _filled(tmp_path, 20)
    each = paths[0].stat().st_size
    limit = 10 * each
    done = sweep(tmp_path, limit)
    assert done.before == 20 * each
    assert done.after == _held(tmp_path) <= limit * KEEP_FRACTION
    kept = [p.exists() for p in paths]
    assert kept == sorted(kept) and kept[-1] and not kept[0]  # the oldest went, the newest stayed
    assert sum(kept) == int(limit * KEEP_FRACTION) // each
    state = json.loads((tmp_path / STATE).read_text())
    assert state["total"] == done.after


def test_under_the_limit_nothing_is_removed(tmp_path: Path) -> None:
    _, paths = _filled(tmp_path, 5)
    assert sweep(tmp_path, 10**9).removed == 0
    assert sweep(tmp_path, None).removed == 0
    assert all(p.exists() for p in paths)


def test_a_hit_keeps_its_entry(tmp_path: Path) -> None:
    c, paths = _filled(tmp_path, 4)
    assert c.get("findings", _key(0)) == b"x" * 1000  # the oldest, used now
    assert time.time() - paths[0].stat().st_mtime < 60
    each = paths[0].stat().st_size
    sweep(tmp_path, 2 * each)  # room for one entry
    assert [p.exists() for p in paths] == [True, False, False, False]


def test_a_recent_hit_does_not_write(tmp_path: Path) -> None:
    c, paths = _filled(tmp_path, 1)
    _aged(paths[0], 3600)  # used an hour ago: a re-run must not touch it again
    before = paths[0].stat().st_mtime_ns
    assert c.get("findings", _key(0)) is not None
    assert paths[0].stat().st_mtime_ns == before


def test_a_sweep_beside_another_sweep_and_readers(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    c, paths = _filled(tmp_path, 30)
    each = paths[0].stat().st_size
    remove = cache_bound._remove
    interleaved: list[int] = []

    def other_run_first(path: str) -> bool:
        # the first entry this sweep removes: another process has just swept the same folder to nothing
        if not interleaved:
            interleaved.append(-1)  # the other sweep's own removals go straight through
            interleaved[0] = sweep(tmp_path, 1).removed
        return remove(path)

    monkeypatch.setattr(cache_bound, "_remove", other_run_first)
    done = sweep(tmp_path, 10 * each)  # finds every entry gone under it: no error
    assert interleaved == [30] and done.removed == 0
    assert all(c.get("findings", _key(i)) is None for i in range(30))  # a swept entry is a miss
    monkeypatch.undo()

    c, _ = _filled(tmp_path, 30)
    errors: list[BaseException] = []

    def read() -> None:
        try:
            for _ in range(20):
                for i in range(30):
                    assert c.get("findings", _key(i)) in (None, b"x" * 1000)
        except BaseException as e:  # an assertion in a thread: reported below
            errors.append(e)

    readers = [threading.Thread(target=read) for _ in range(2)]
    sweepers = [threading.Thread(target=sweep, args=(tmp_path, 5 * each)) for _ in range(2)]
    for t in [*readers, *sweepers]:
        t.start()
    for t in [*readers, *sweepers]:
        t.join()
    assert not errors
    assert _held(tmp_path) <= 5 * each


def test_temporary_files_of_dead_runs_go_fresh_ones_stay(tmp_path: Path) -> None:
    _filled(tmp_path, 1)
    folder = tmp_path / "findings"
    old, fresh = folder / ".tmp-aa-dead", folder / ".tmp-bb-writing"
    old.write_bytes(b"partial")
    fresh.write_bytes(b"partial")
    _aged(old, TMP_AGE + 60)
    sweep(tmp_path, None)
    assert not old.exists() and fresh.exists()


def test_emptied_folders_of_older_versions_go(tmp_path: Path) -> None:
    _filled(tmp_path, 3)
    stale = tmp_path / "findings" / "0123456789abcdef" / "ab"
    stale.mkdir(parents=True)
    entry = stale / f"ab{'0' * 62}.pickle"
    entry.write_bytes(b"y" * 5000)
    _aged(entry, 30 * DAY)
    assert stale_usage(tmp_path, Cache(tmp_path).generation) == (1, 1, 5000)
    sweep(tmp_path, 4000)
    assert not stale.parent.exists()
    assert stale_usage(tmp_path, Cache(tmp_path).generation) == (0, 0, 0)


@pytest.mark.parametrize(
    ("text", "size"),
    [("800000", 800_000), ("500M", 500_000_000), ("1.5G", 1_500_000_000), ("2GiB", 2 << 30), ("64 kib", 65536)],
)
def test_sizes(text: str, size: int) -> None:
    assert parse_size(text) == size
    assert cache_limit({"LINTNEWS_CACHE_MAX": text}) == size


def test_no_limit_and_the_default() -> None:
    assert cache_limit({"LINTNEWS_CACHE_MAX": "0"}) is None
    assert cache_limit({}) == cache_bound.DEFAULT_LIMIT
    for bad in ("lots", "-1G", "1X", "iB", "1.2.3M"):
        with pytest.raises(LintnewsError, match="LINTNEWS_CACHE_MAX"):
            cache_limit({"LINTNEWS_CACHE_MAX": bad})


@pytest.mark.parametrize("command", [engine_args("a.txt"), ["cache", "info"], ["cache", "prune"]])
def test_a_bad_limit_is_one_line_and_exit_2(cli: CliRunner, workdir: Path, command: list[str]) -> None:
    (workdir / "a.txt").write_text("He came this Monday.\n", encoding="utf-8")
    env = {**os.environ, "LINTNEWS_CACHE_MAX": "a lot", "LINTNEWS_CACHE_DIR": str(workdir / "c")}
    r = cli(command, env=env)
    assert r.returncode == 2
    lines = r.stderr.decode().splitlines()
    assert len(lines) == 1 and "LINTNEWS_CACHE_MAX='a lot': not a size" in lines[0]
    assert not r.stdout and not (workdir / "c").exists()  # refused before anything ran


def test_the_sweep_runs_at_most_once_a_period(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _filled(tmp_path, 3)
    walks: list[Path] = []
    real = cache_bound.sweep

    def counted(root: Path, limit: int | None, now: float | None = None) -> cache_bound.Swept:
        walks.append(root)
        return real(root, limit, now)

    monkeypatch.setattr(cache_bound, "sweep", counted)
    now = time.time()
    assert sweep_if_due(tmp_path, 10**9, now) is not None  # no record of a sweep: the first run sweeps
    state = tmp_path / STATE
    stamp = state.stat().st_mtime_ns
    for later in (60.0, 3600.0, SWEEP_PERIOD - 1):  # runs that wrote nothing: no walk, no write
        assert sweep_if_due(tmp_path, 10**9, now + later) is None
    assert len(walks) == 1 and state.stat().st_mtime_ns == stamp
    assert sweep_if_due(tmp_path, 10**9, now + SWEEP_PERIOD) is not None
    assert len(walks) == 2


def test_writes_over_the_limit_sweep_early(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    c, paths = _filled(tmp_path, 3)
    each = paths[0].stat().st_size
    now = time.time()
    sweep_if_due(tmp_path, 10 * each, now)
    c.put("findings", _key(100), b"x" * 1000)  # written by this run: counted, still under the limit
    assert sweep_if_due(tmp_path, 10 * each, now + 1) is None
    assert json.loads((tmp_path / STATE).read_text())["total"] >= 4 * each
    for i in range(101, 108):
        c.put("findings", _key(i), b"x" * 1000)
    done = sweep_if_due(tmp_path, 10 * each, now + 2)  # the kept total goes over: swept within the period
    assert done is not None and done.after <= 10 * each * KEEP_FRACTION
    assert c._path("findings", _key(107)).exists()


def test_nothing_is_created_for_a_folder_never_written(tmp_path: Path) -> None:
    take_written()
    assert sweep_if_due(tmp_path / "none", 10**9) is None
    assert not (tmp_path / "none").exists()


def test_cli_check_sweeps_and_cache_commands(cli: CliRunner, workdir: Path) -> None:
    (workdir / "a.txt").write_text("He came this Monday.\n", encoding="utf-8")
    cache = workdir / "c"
    env = {**os.environ, "LINTNEWS_CACHE_DIR": str(cache)}
    assert b"Found 1 finding" in cli(engine_args("a.txt"), env=env).stdout
    assert (cache / STATE).is_file()  # the first run swept, and recorded it
    stale = cache / "findings" / "0123456789abcdef" / "cd"
    stale.mkdir(parents=True)
    (stale / f"cd{'0' * 62}.pickle").write_bytes(b"z" * 3000)
    info = cli(["cache", "info"], env=env).stdout.decode()
    assert "the limit 1.07 GB ($LINTNEWS_CACHE_MAX)" in info
    assert "1 file, 3.0 kB, written by 1 older code version" in info
    size = _held(cache)
    r = cli(["cache", "prune"], env={**env, "LINTNEWS_CACHE_MAX": str(size // 2)})
    assert r.returncode == 0 and "removed" in r.stdout.decode()
    assert _held(cache) <= size // 2 * KEEP_FRACTION


def test_a_forked_run_does_not_count_what_its_parent_wrote(tmp_path: Path) -> None:
    take_written()
    Cache(tmp_path).put("findings", _key(1), b"x" * 1000)
    read, write = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: as a run forked by the warm server
        os.write(write, str(take_written()).encode())
        os._exit(0)
    os.waitpid(pid, 0)
    said = os.read(read, 64)
    os.close(read)
    os.close(write)
    assert said == b"0"
    assert take_written() > 1000
