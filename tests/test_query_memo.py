"""Patterns' word queries kept between runs: read back, never trusted when damaged, merged when saved."""

from __future__ import annotations

from pathlib import Path

import pytest
import regex

from lintnews.prefilter import derive_query, pattern_query
from lintnews.query_memo import QueryMemo, memo

from .conftest import CliRunner


def _counting(value: object, calls: list[int]):  # type: ignore[no-untyped-def]
    def derive() -> object:
        calls.append(1)
        return value

    return derive


def test_a_query_is_derived_once_and_read_back(tmp_path: Path) -> None:
    path = tmp_path / "q.marshal"
    q = derive_query(r"\bthis (?:Monday|Tuesday)\b", regex.IGNORECASE)
    calls: list[int] = []
    first = QueryMemo(path)
    assert first.get(r"\bthis (?:Monday|Tuesday)\b", regex.IGNORECASE, _counting(q, calls)) == q
    assert first.get(r"\bthis (?:Monday|Tuesday)\b", regex.IGNORECASE, _counting(q, calls)) == q
    first.save()
    again = QueryMemo(path)
    assert again.get(r"\bthis (?:Monday|Tuesday)\b", 2, _counting(q, calls)) == q  # the flag as a plain int
    assert calls == [1]
    assert again.added == {}


def test_a_damaged_memo_is_derived_again_and_rewritten(tmp_path: Path) -> None:
    path = tmp_path / "q.marshal"
    m = QueryMemo(path)
    m.get("a", 0, lambda: ("w", "a"))
    m.save()
    data = bytearray(path.read_bytes())
    data[-1] ^= 0xFF
    path.write_bytes(bytes(data))
    calls: list[int] = []
    fresh = QueryMemo(path)
    assert fresh.get("a", 0, _counting(("w", "a"), calls)) == ("w", "a")
    assert calls == [1]
    fresh.save()
    assert QueryMemo(path).get("a", 0, _counting(None, calls)) == ("w", "a") and calls == [1]


def test_saving_merges_what_another_process_stored(tmp_path: Path) -> None:
    path = tmp_path / "q.marshal"
    one, two = QueryMemo(path), QueryMemo(path)
    one.get("a", 0, lambda: ("w", "a"))
    two.get("b", 0, lambda: ("w", "b"))
    one.save()
    two.save()
    calls: list[int] = []
    three = QueryMemo(path)
    assert three.get("a", 0, _counting(None, calls)) == ("w", "a")
    assert three.get("b", 0, _counting(None, calls)) == ("w", "b")
    assert calls == []


def test_nothing_is_written_without_new_queries_or_a_folder(tmp_path: Path) -> None:
    path = tmp_path / "q.marshal"
    QueryMemo(path).save()
    assert not path.exists()
    m = QueryMemo(None)
    assert m.get("a", 0, lambda: ("w", "a")) == ("w", "a")
    m.save()  # no folder to keep it in: nothing to do, no error
    ro = tmp_path / "ro"
    ro.mkdir()
    ro.chmod(0o500)
    try:
        m = QueryMemo(ro / "sub" / "q.marshal")
        m.get("a", 0, lambda: ("w", "a"))
        m.save()  # an unwritable folder is skipped
    finally:
        ro.chmod(0o700)


def test_pattern_query_goes_through_the_memo_of_the_tables_folder() -> None:
    pattern = r"\bunusual words? here\b"
    assert pattern_query(pattern) == derive_query(pattern)
    assert (pattern, 0) in memo().added
    assert memo().path is not None and memo().path.name.startswith("pattern-queries-")


@pytest.mark.slow
def test_a_parallel_run_keeps_the_queries_its_rules_child_worked_out(cli: CliRunner, workdir: Path) -> None:
    """With --jobs, the rules load in a forked child: the queries it works out are kept for the next run."""
    folder = workdir / "c"
    folder.mkdir()
    for i in range(3):
        (folder / f"a{i}.txt").write_text(f"Story {i}: the minister said this Tuesday that talks go on.\n", "utf-8")
    cache = workdir / "cache"
    r = cli(["check", "--jobs", "2", "--no-cache", "--cache-dir", str(cache), "c"])
    assert r.returncode in (0, 1), r.stderr
    kept = list((cache / "lexicon").glob("pattern-queries-*.marshal"))
    assert len(kept) == 1 and kept[0].stat().st_size > 10_000
