"""--fix never loses work: symlinks, hard links, an edit saved during the run, --unsafe-fixes alone, honest counts."""

from __future__ import annotations

import errno
import json
import os
import random
from pathlib import Path

import pytest

from lintnews.commands import cli
from lintnews.core import fileio, inplace
from lintnews.core.fileio import ChangedOnDisk, read_text, write_atomic
from lintnews.engine import fix_file
from tests.conftest import kill_a_writer

DOUBLED = ["check", "--no-cache", "--fail-on", "warning", "--select", "punctuation.doubled-period"]
BAD = b"He left. . Then he came back.\n"
FIXED = b"He left. Then he came back.\n"


@pytest.fixture
def here(workdir: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(workdir)
    return workdir


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = cli.main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


# --- symlinks ------------------------------------------------------------------------------------


def test_fix_never_writes_through_a_link_to_outside_the_tree(
    here: Path, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    outside = tmp_path_factory.mktemp("elsewhere") / "passwd-copy.txt"
    outside.write_bytes(BAD)
    (here / "link.txt").symlink_to(outside)
    code, out, err = run(capsys, *DOUBLED, "--fix", "link.txt")
    assert outside.read_bytes() == BAD
    assert (here / "link.txt").is_symlink()
    why = f"it is a symlink to {outside}, outside the folder being linted; not rewritten"
    assert err == f"lintnews: warning: link.txt: not fixed: {why}\n"
    assert "link.txt:1:8: punctuation.doubled-period" in out  # still reported, as it is on disk
    assert "Fixed 0 findings." in out
    assert code == 1


def test_fix_writes_through_a_link_inside_the_tree_and_keeps_the_link(
    here: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (here / "shared").mkdir()
    real = here / "shared" / "real.txt"
    real.write_bytes(BAD)
    (here / "link.txt").symlink_to(Path("shared") / "real.txt")
    code, out, _ = run(capsys, *DOUBLED, "--fix", "link.txt")
    assert code == 0, out
    assert real.read_bytes() == FIXED
    assert (here / "link.txt").is_symlink()
    assert os.readlink(here / "link.txt") == os.path.join("shared", "real.txt")


def test_folder_walk_does_not_follow_links_out_of_the_folder(
    here: Path, tmp_path_factory: pytest.TempPathFactory, capsys: pytest.CaptureFixture[str]
) -> None:
    elsewhere = tmp_path_factory.mktemp("elsewhere")
    (elsewhere / "secret.txt").write_bytes(BAD)
    (elsewhere / "sub").mkdir()
    (elsewhere / "sub" / "deep.txt").write_bytes(BAD)
    site = here / "site"
    site.mkdir()
    (site / "own.txt").write_bytes(BAD)
    (site / "inner.txt").symlink_to(site / "own.txt")  # inside the folder: linted and fixed through
    (site / "out.txt").symlink_to(elsewhere / "secret.txt")
    (site / "outdir").symlink_to(elsewhere / "sub")
    code, out, err = run(capsys, *DOUBLED, "--fix", "site")
    assert (elsewhere / "secret.txt").read_bytes() == BAD
    assert (elsewhere / "sub" / "deep.txt").read_bytes() == BAD
    assert (site / "own.txt").read_bytes() == FIXED
    assert (site / "out.txt").is_symlink() and (site / "inner.txt").is_symlink()
    assert err.splitlines() == [
        f"lintnews: warning: {os.path.join('site', 'out.txt')}: skipped: a symlink to {elsewhere / 'secret.txt'}, "
        "outside site"
    ]
    assert "secret" not in out and "deep" not in out
    assert code == 0


# --- hard links, permissions ---------------------------------------------------------------------


def test_fix_keeps_hard_links_and_permissions(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = here / "a.txt"
    a.write_bytes(BAD)
    a.chmod(0o640)
    other = here / "other-name.txt"
    os.link(a, other)
    inode = a.stat().st_ino
    code, _, _ = run(capsys, *DOUBLED, "--fix", "a.txt")
    assert code == 0
    assert a.read_bytes() == FIXED and other.read_bytes() == FIXED
    assert a.stat().st_ino == inode and a.stat().st_nlink == 2
    assert a.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in here.iterdir() if p.is_file()) == [
        ".lintnews.toml",
        "a.txt",
        "cycle.yaml",
        "other-name.txt",
    ]


def test_hard_linked_file_on_a_full_disk_is_left_intact(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a = tmp_path / "a.txt"
    a.write_bytes(b"short")
    os.link(a, tmp_path / "b.txt")

    def full(fd: int, offset: int, length: int) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(fileio.os, "posix_fallocate", full)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(a, b"a longer text than before")
    assert a.read_bytes() == b"short"
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "b.txt"]  # no backup left behind


def test_hard_linked_file_whose_write_fails_midway_is_restored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a = tmp_path / "a.txt"
    a.write_bytes(b"the original text")
    os.link(a, tmp_path / "b.txt")
    real_fsync = os.fsync
    inode = a.stat().st_ino
    failed = []

    def fsync_fails_once_written(fd: int) -> None:
        if os.fstat(fd).st_ino == inode and not failed:  # the rewritten file's, not the backup's nor the folder's
            failed.append(fd)
            raise OSError(errno.EIO, "Input/output error")
        real_fsync(fd)

    monkeypatch.setattr(fileio.os, "fsync", fsync_fails_once_written)
    with pytest.raises(OSError, match="Input/output"):
        write_atomic(a, b"new")
    assert failed
    assert a.read_bytes() == b"the original text" == (tmp_path / "b.txt").read_bytes()
    assert sorted(os.listdir(tmp_path)) == ["a.txt", "b.txt"]


# --- an edit saved while --fix runs ----------------------------------------------------------------


def _edit_during_fix(monkeypatch: pytest.MonkeyPatch, path: Path, edit: bytes) -> None:
    """The user's editor saves `path` while the rules run (after the read, before the rewrite)."""
    real = fix_file.fix_text

    def fix_text_while_the_user_saves(*args: object, **kw: object) -> object:
        result = real(*args, **kw)  # type: ignore[arg-type]
        path.write_bytes(edit)
        return result

    monkeypatch.setattr(fix_file, "fix_text", fix_text_while_the_user_saves)


def test_an_edit_saved_during_the_run_is_kept(
    here: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    k = here / "k.txt"
    k.write_bytes(BAD)
    saved = BAD + b"EDITOR ADDED THIS LINE.\n"
    _edit_during_fix(monkeypatch, k, saved)
    code, out, err = run(capsys, *DOUBLED, "--fix", "k.txt")
    assert k.read_bytes() == saved
    assert err == (
        "lintnews: warning: k.txt: not fixed: it changed on disk while lintnews was fixing it; left as it was saved\n"
    )
    assert "Fixed 0 findings." in out
    assert code == 1
    assert [p.name for p in here.iterdir() if "lintnews-" in p.name] == []


def test_an_edit_keeping_size_and_mtime_is_caught_by_the_content(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b"old text")
    decoded = read_text(f)
    st = f.stat()
    f.write_bytes(b"new text")  # same size
    os.utime(f, ns=(st.st_atime_ns, st.st_mtime_ns))  # and the same mtime, as on a coarse-clock file system
    with pytest.raises(ChangedOnDisk):
        write_atomic(f, b"fixed", decoded.stamp)
    assert f.read_bytes() == b"new text"
    assert os.listdir(tmp_path) == ["a.txt"]


@pytest.mark.parametrize("hard_link", [False, True])
def test_an_edit_in_the_last_moment_before_the_rename_is_caught(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, hard_link: bool
) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b"old text")
    if hard_link:
        os.link(f, tmp_path / "b.txt")
    decoded = read_text(f)
    monkeypatch.setattr(fileio, "_before_replace", [lambda: f.write_bytes(b"the user's longer text")])
    with pytest.raises(ChangedOnDisk):
        write_atomic(f, b"fixed", decoded.stamp)
    assert f.read_bytes() == b"the user's longer text"
    assert sorted(os.listdir(tmp_path)) == (["a.txt", "b.txt"] if hard_link else ["a.txt"])


def test_an_unchanged_file_is_rewritten(tmp_path: Path) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b"old text")
    write_atomic(f, b"fixed", read_text(f).stamp)
    assert f.read_bytes() == b"fixed"


# --- --unsafe-fixes, honest counts, --show-fixes ------------------------------------------------------

UNSAFE = ["check", "--no-cache", "--rule-pack", "packs/enginetest.yaml", "--select", "enginetest"]


def test_unsafe_fixes_alone_does_not_write(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = here / "a.txt"
    f.write_bytes(b"A colour photo.\n")
    code, out, _ = run(capsys, *UNSAFE, "--unsafe-fixes", "a.txt")
    assert f.read_bytes() == b"A colour photo.\n"
    assert "enginetest.colour" in out
    assert code == 0  # a warning, under the default fail-on
    code, out, _ = run(capsys, *UNSAFE, "--unsafe-fixes", "--diff", "a.txt")
    assert "+A color photo." in out and f.read_bytes() == b"A colour photo.\n"
    code, out, _ = run(capsys, *UNSAFE, "--unsafe-fixes", "--fix", "a.txt")
    assert f.read_bytes() == b"A color photo.\n"


LEFT_BEHIND = r"""
pack: leftbehind
defaults: {category: punctuation, severity: warning, kind: regex}
rules:
  - id: leftbehind.shorten
    pattern: '\bin order to\b'
    replacement: 'to'
    fix: safe
    message: "Shorter."
    examples: {bad: ["in order to go"], good: ["to go"]}
  - id: leftbehind.to-to
    pattern: '\bto to\b'
    suggestions: ['to']
    fix: none
    message: "Doubled 'to'."
    examples: {bad: ["to to"], good: ["to"]}
"""


def test_fixed_n_says_when_the_fixes_left_new_findings(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (here / "left.yaml").write_text(LEFT_BEHIND, encoding="utf-8")
    f = here / "a.txt"
    f.write_bytes(b"He wanted to in order to leave.\n")
    code, out, _ = run(
        capsys, "check", "--no-cache", "--rule-pack", "left.yaml", "--select", "leftbehind", "--fix", "a.txt"
    )
    assert f.read_bytes() == b"He wanted to to leave.\n"
    assert "leftbehind.to-to" in out
    assert out.endswith("Fixed 1 finding. 1 of the findings above is new, made by the fixes: review them.\n")
    assert code == 0
    # the JSON report says the same in its summary
    f.write_bytes(b"He wanted to in order to leave.\n")
    args = ["check", "--no-cache", "--rule-pack", "left.yaml", "--select", "leftbehind", "--fix", "--format", "json"]
    code, out, _ = run(capsys, *args, "a.txt")
    summary = json.loads(out)["summary"]
    assert (summary["fixed"], summary["made_by_fixes"], summary["findings"]) == (1, 1, 1)


def test_show_fixes_lists_applied_and_available_fixes(here: Path, capsys: pytest.CaptureFixture[str]) -> None:
    f = here / "a.txt"
    f.write_bytes(b"He came this Monday. And the the colour.\n")
    _, out, _ = run(capsys, *UNSAFE, "--show-fixes", "a.txt")
    assert out.endswith(
        "Fixes available with --fix:\n  a.txt:\n    1 × enginetest.doubled-word (safe)\n"
        "    1 × enginetest.this-day (safe)\n"
    )
    _, out, _ = run(capsys, *UNSAFE, "--show-fixes", "--fix", "--unsafe-fixes", "a.txt")
    assert f.read_bytes() == b"He came on Monday. And the color.\n"
    assert out.endswith(
        "Fixed 3 findings.\nFixes applied:\n  a.txt:\n    1 × enginetest.colour\n    1 × enginetest.doubled-word\n"
        "    1 × enginetest.this-day\n"
    )


def test_sigkill_during_an_in_place_rewrite_is_undone_by_the_next_fix(tmp_path: Path) -> None:
    """A hard-linked file is rewritten in place: a kill can cut that write short, and the journal it leaves lets the
    next run put back a whole version."""
    size = 2_000_000
    target = tmp_path / "article.txt"
    target.write_bytes(b"A" * size)
    os.link(target, tmp_path / "other-name.txt")
    rng = random.Random(7)
    for _ in range(3):
        kill_a_writer(target, size, rng)
        inplace.recover(target)
        data = target.read_bytes()
        assert data in (b"A" * size, b"B" * size)
        assert (tmp_path / "other-name.txt").read_bytes() == data  # still one inode
        assert not [p for p in tmp_path.iterdir() if p.name.endswith(inplace.BACKUP_SUFFIX)]
