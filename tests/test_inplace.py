"""The journal of an in-place rewrite: a torn file gets its text back, an edited one is never overwritten."""

from __future__ import annotations

import fcntl
import os
import random
from pathlib import Path

import pytest

from lintnews.commands import cli
from lintnews.core import inplace
from lintnews.core.fileio import write_atomic
from lintnews.core.inplace import BACKUP_SUFFIX, InterruptedRewrite, journal_bytes, recover, torn

OLD = b"The minister spoke on Monday.\nThe talks went on.\n"
NEW = b"The minister spoke on Monday.\nThe talks continued late into the night.\n"


def _leave_journal(tmp_path: Path, old: bytes, new: bytes, name: str = "a.md") -> Path:
    journal = tmp_path / f".{name}.x1y2{BACKUP_SUFFIX}"
    journal.write_bytes(journal_bytes(old, new))
    return journal


def _journals(tmp_path: Path) -> list[str]:
    return sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(BACKUP_SUFFIX))


def _torn_at(old: bytes, new: bytes, k: int, padded: bool) -> bytes:
    base = old + b"\0" * max(0, len(new) - len(old)) if padded else old
    return new[:k] + base[k:]


@pytest.mark.parametrize("seed", range(40))
def test_every_cut_of_a_rewrite_is_recognised_as_torn(seed: int) -> None:
    rng = random.Random(seed)
    old = bytes(rng.choice(b"ab .\n") for _ in range(rng.randint(1, 60)))
    new = bytes(rng.choice(b"ab .\n") for _ in range(rng.randint(1, 60)))
    for k in range(len(new) + 1):
        for padded in (False, True):
            assert torn(_torn_at(old, new, k, padded), old, new)


def test_an_edit_is_not_taken_for_a_torn_write() -> None:
    assert not torn(b"The minister spoke on Tuesday.\n", OLD, NEW)
    assert not torn(NEW + b"One more line.\n", OLD, NEW)
    assert not torn(b"", OLD, NEW)


def test_a_torn_file_gets_its_original_back(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_bytes(_torn_at(OLD, NEW, 40, padded=True))
    _leave_journal(tmp_path, OLD, NEW)
    (done,) = recover(target)
    assert "interrupted" in done
    assert target.read_bytes() == OLD
    assert _journals(tmp_path) == []


@pytest.mark.parametrize("state", [OLD, NEW])
def test_a_journal_whose_rewrite_finished_or_never_began_is_removed(tmp_path: Path, state: bytes) -> None:
    target = tmp_path / "a.md"
    target.write_bytes(state)
    _leave_journal(tmp_path, OLD, NEW)
    assert recover(target) == []
    assert target.read_bytes() == state
    assert _journals(tmp_path) == []


@pytest.mark.parametrize("cut", [0, 5, len(b"lintnews-backup 2\n") + 3, 40])
def test_a_journal_cut_short_is_removed_and_the_file_left_alone(tmp_path: Path, cut: int) -> None:
    target = tmp_path / "a.md"
    target.write_bytes(OLD)
    _leave_journal(tmp_path, OLD, NEW).write_bytes(journal_bytes(OLD, NEW)[:cut])
    assert recover(target) == []
    assert target.read_bytes() == OLD
    assert _journals(tmp_path) == []


def test_a_file_edited_after_the_interruption_is_left_with_its_journal(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_bytes(b"The user's own edit, saved after the crash.\n")
    _leave_journal(tmp_path, OLD, NEW)
    with pytest.raises(InterruptedRewrite, match="changed since"):
        recover(target)
    assert target.read_bytes() == b"The user's own edit, saved after the crash.\n"
    assert len(_journals(tmp_path)) == 1


def test_a_file_that_is_not_a_journal_is_not_touched(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_bytes(NEW[:30] + OLD[30:])
    (tmp_path / f".a.md.old{BACKUP_SUFFIX}").write_bytes(OLD)  # the raw copy an earlier version kept
    with pytest.raises(InterruptedRewrite, match="not a journal"):
        recover(target)
    assert target.read_bytes() == NEW[:30] + OLD[30:]
    assert len(_journals(tmp_path)) == 1


def test_a_journal_locked_by_a_rewrite_in_progress_is_left_alone(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_bytes(_torn_at(OLD, NEW, 20, padded=False))
    journal = _leave_journal(tmp_path, OLD, NEW)
    with open(journal, "rb") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX)
        assert recover(target) == []
    assert target.read_bytes() == _torn_at(OLD, NEW, 20, padded=False)
    assert len(_journals(tmp_path)) == 1


def test_a_completed_in_place_rewrite_leaves_no_journal(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_bytes(OLD)
    os.link(target, tmp_path / "b.md")
    write_atomic(target, NEW)
    assert (tmp_path / "b.md").read_bytes() == NEW
    assert _journals(tmp_path) == []


def test_fix_puts_a_torn_file_back_before_reading_it(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "a.md"
    target.write_bytes(_torn_at(OLD, NEW, 33, padded=True))
    _leave_journal(tmp_path, OLD, NEW)
    code = cli.main(["check", "--no-cache", "--fix", "--quiet", str(target)])
    err = capsys.readouterr().err
    assert "interrupted" in err
    assert code == 0
    assert target.read_bytes() == OLD
    assert _journals(tmp_path) == []


def test_fix_refuses_a_file_edited_after_an_interruption(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "a.md"
    target.write_bytes(b"The user's own edit.\n")
    _leave_journal(tmp_path, OLD, NEW)
    code = cli.main(["check", "--no-cache", "--fix", str(target)])
    out, err = capsys.readouterr()
    assert code == 2
    assert "changed since" in out + err
    assert target.read_bytes() == b"The user's own edit.\n"


def test_the_journal_names_only_its_own_file(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    target.write_bytes(_torn_at(OLD, NEW, 12, padded=False))
    _leave_journal(tmp_path, OLD, NEW, name="a.md.bak")  # another file's journal: its prefix shares "a.md."
    assert inplace.recover(target) == []
