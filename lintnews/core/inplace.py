"""Rewrite a hard-linked file through its own inode, with a journal that a later run uses to undo a torn write."""

from __future__ import annotations

import errno
import fcntl
import glob
import os
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from .errors import InputError

BACKUP_SUFFIX = ".lintnews-backup"
# the journal: this line, then "<old length> <new length>\n", then the old bytes, then the new ones
_MAGIC = b"lintnews-backup 2\n"


class InterruptedRewrite(InputError):
    """An earlier rewrite was cut short and the file was changed since: lintnews cannot tell what to keep."""


def rewrite_in_place(target: Path, data: bytes, before_write: Callable[[BinaryIO], None]) -> None:
    """Rewrite `target` through its own inode, so that every hard link sees the new text.

    A rename would give this name a new inode and leave the others on the old text. In-place writing is not
    atomic, so a journal holding the original and the new text is first written beside the file (fsynced) and
    locked while the file is rewritten; the room for the new text is reserved before the first byte changes,
    so a full disk fails before the file is touched. A kill midway leaves the journal: the next --fix on the
    file (recover) sees a torn file and puts the original back. `before_write(out)` is called with the open
    file just before the first byte changes (the caller's last look for an edit made meanwhile).
    """
    old = target.read_bytes()
    fd, journal = tempfile.mkstemp(prefix=f".{target.name}.", suffix=BACKUP_SUFFIX, dir=target.parent)
    fcntl.flock(fd, fcntl.LOCK_EX)  # a rewrite in progress: recover leaves its journal alone
    touched = False
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(journal_bytes(old, data))
            fh.flush()
            os.fsync(fh.fileno())
            sync_folder(target.parent)
            with open(target, "r+b") as out:
                if len(data) > len(old):
                    _reserve(out.fileno(), len(data))
                before_write(out)
                touched = True
                out.write(data)
                out.truncate(len(data))
                out.flush()
                os.fsync(out.fileno())
    except BaseException:
        if touched and not _put_back(target, old):
            raise OSError(errno.EIO, f"the rewrite failed midway; the original is kept in {journal}") from None
        os.unlink(journal)
        raise
    os.unlink(journal)
    sync_folder(target.parent)


def journal_bytes(old: bytes, new: bytes) -> bytes:
    """What the journal of a rewrite of `old` into `new` holds."""
    return b"%s%d %d\n" % (_MAGIC, len(old), len(new)) + old + new


def recover(target: Path) -> list[str]:
    """Finish what an interrupted in-place rewrite of `target` left: what was done, one line each.

    A journal whose rewrite completed, or never began, is removed. A file torn midway (the new text's first
    bytes over the old text's rest) gets its original back. A file that is neither was edited after the
    interruption: it is left alone with its journal (InterruptedRewrite). A journal still locked belongs to a
    rewrite in progress in another process and is not touched.
    """
    done: list[str] = []
    pattern = os.path.join(glob.escape(str(target.parent)), f".{glob.escape(target.name)}.*{BACKUP_SUFFIX}")
    for name in sorted(glob.glob(pattern)):
        journal = Path(name)
        try:
            _recover_one(target, journal, done)
        except OSError as e:
            raise InterruptedRewrite(str(target), f"cannot read {journal.name} beside it: {e.strerror or e}") from None
    return done


def _recover_one(target: Path, journal: Path, done: list[str]) -> None:
    with open(journal, "rb") as fh:  # held locked until the journal is dealt with
        try:
            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return
        parsed = _parse(fh.read())
        if parsed is None:
            raise InterruptedRewrite(str(target), f"{journal.name} beside it is not a journal this version wrote")
        if parsed is not _INCOMPLETE:  # else the process died writing the journal, before touching the file
            old, new = parsed
            current = target.read_bytes()
            if current not in (old, new):
                if not torn(current, old, new):
                    raise InterruptedRewrite(
                        str(target),
                        f"a rewrite was interrupted and the file was changed since; its original is in {journal.name}",
                    )
                if not _put_back(target, old):
                    raise InterruptedRewrite(str(target), f"could not put back the original kept in {journal.name}")
                done.append(f"put back its text from before a rewrite that was interrupted ({journal.name})")
        journal.unlink()
    sync_folder(target.parent)


def torn(current: bytes, old: bytes, new: bytes) -> bool:
    """Whether `current` is what a write of `new` over `old` cut short leaves: new's first k bytes, then the old
    file's bytes from k on (zero-padded to new's length where the room was reserved), before the truncation.
    Testing at the longest common prefix of `current` and `new` suffices: any shorter k that fits fits there too."""
    k = 0
    limit = min(len(current), len(new))
    while k < limit and current[k] == new[k]:
        k += 1
    padded = old + b"\0" * max(0, len(new) - len(old))
    return any(current[k:] == base[k:] for base in (old, padded))


_INCOMPLETE = (b"", b"")


def _parse(blob: bytes) -> tuple[bytes, bytes] | None:
    """The old and new text a journal holds; _INCOMPLETE for one cut short; None for a file it is not."""
    if _MAGIC.startswith(blob[: len(_MAGIC)]) and len(blob) <= len(_MAGIC):
        return _INCOMPLETE
    if not blob.startswith(_MAGIC):
        return None
    head, sep, rest = blob[len(_MAGIC) :].partition(b"\n")
    try:
        n_old, n_new = (int(x) for x in head.split())
    except ValueError:
        return _INCOMPLETE if not sep else None
    if not sep or len(rest) < n_old + n_new:
        return _INCOMPLETE
    if len(rest) > n_old + n_new:
        return None
    return rest[:n_old], rest[n_old:]


def _reserve(fd: int, size: int) -> None:
    """Allocate the blocks a longer text needs before writing it, so a full disk fails before any change."""
    try:
        os.posix_fallocate(fd, 0, size)
    except OSError as e:
        if e.errno not in (errno.EOPNOTSUPP, errno.EINVAL):  # a file system without it: write and see
            raise


def _put_back(target: Path, old: bytes) -> bool:
    """Write the original text back through the same inode; False if that failed too."""
    try:
        with open(target, "r+b") as out:
            out.write(old)
            out.truncate(len(old))
            out.flush()
            os.fsync(out.fileno())
    except OSError:
        return False
    return True


def sync_folder(folder: Path) -> None:
    # a rename or an unlink is durable only once the folder is synced
    try:
        dfd = os.open(folder, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass
