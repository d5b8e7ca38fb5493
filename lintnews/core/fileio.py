"""Read articles safely (binary, encodings, size) and rewrite them atomically without losing a byte."""

from __future__ import annotations

import codecs
import errno
import hashlib
import os
import stat
import tempfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from .errors import InputError
from .inplace import rewrite_in_place, sync_folder

DEFAULT_MAX_BYTES = 20_000_000
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class Decoded:
    """A file's text and what is needed to write it back byte-for-byte the same way.

    A BOM stays in `text` as U+FEFF, so offsets match a plain UTF-8 read of the file
    and writing the text back re-creates the BOM.
    """

    text: str
    encoding: str
    # what the file looked like when it was read (None for stdin): checked again before it is replaced
    stamp: Stamp | None = None


@dataclass(frozen=True)
class Stamp:
    """A file's identity and content when it was read; any difference later means someone else wrote it."""

    dev: int
    ino: int
    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, st: os.stat_result, data: bytes) -> Stamp:
        return cls(st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns, hashlib.sha256(data).hexdigest())

    def same_file(self, st: os.stat_result) -> bool:
        return (st.st_dev, st.st_ino, st.st_size, st.st_mtime_ns) == (self.dev, self.ino, self.size, self.mtime_ns)


class ChangedOnDisk(OSError):
    """The file was changed (saved by an editor, replaced) after it was read: it is left as it now is."""

    def __init__(self) -> None:
        super().__init__(errno.EAGAIN, "it changed on disk while lintnews was fixing it; left as it was saved")


class OutsideTree(OSError):
    """A symlink whose target lies outside the tree being linted: lintnews never writes there."""

    def __init__(self, target: Path) -> None:
        super().__init__(errno.EXDEV, f"it is a symlink to {target}, outside the folder being linted; not rewritten")


def decode(data: bytes, path: str, fallback_encoding: str | None = None) -> Decoded:
    """Decode a file's bytes: a BOM names the encoding, else UTF-8, else `fallback_encoding` if the user gave one."""
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(enc), enc)
            except UnicodeDecodeError as e:
                raise InputError(path, f"invalid {enc.upper()} at byte {e.start}") from None
    # a NUL anywhere means binary (or UTF-16 without a BOM): linting it would only report noise
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(path, f"binary file, not text (NUL byte at offset {nul}; UTF-16 needs a byte-order mark)")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as e:
        if fallback_encoding:
            try:
                return Decoded(data.decode(fallback_encoding), fallback_encoding)
            except (UnicodeDecodeError, LookupError):
                pass
        raise InputError(
            path,
            f"not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start}); "
            "if it is Latin-1 or Windows-1252, convert it to UTF-8 first",
        ) from None


def read_text(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES, fallback_encoding: str | None = None) -> Decoded:
    spath = str(path)
    try:
        st = os.stat(path)
    except OSError as e:
        raise InputError(spath, _os_problem(e)) from None
    if stat.S_ISDIR(st.st_mode):
        raise InputError(spath, "is a folder, not a file")
    if not stat.S_ISREG(st.st_mode):
        raise InputError(spath, "not a regular file")
    if max_bytes and st.st_size > max_bytes:
        raise InputError(spath, f"file is {st.st_size} bytes, over the size limit of {max_bytes} bytes (max-file-size)")
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1 if max_bytes else -1)
            # the stat after the read: a write that ends after it changes the mtime the rewrite checks
            after = os.fstat(fh.fileno())
    except OSError as e:
        raise InputError(spath, _os_problem(e)) from None
    if max_bytes and len(data) > max_bytes:  # it grew after the stat
        raise InputError(spath, f"file is over the size limit of {max_bytes} bytes (max-file-size)")
    decoded = decode(data, spath, fallback_encoding)
    return Decoded(decoded.text, decoded.encoding, Stamp.of(after, data))


def _os_problem(e: OSError) -> str:
    if e.errno == errno.ELOOP:
        return "too many levels of symbolic links (a symlink loop?)"
    if e.errno is not None and e.strerror:
        return e.strerror.lower()
    return str(e)


class EncodeError(OSError):
    """The fixed text cannot be written in the file's encoding; an OSError so callers treat it as a failed write."""


def encode(text: str, encoding: str) -> bytes:
    try:
        return text.encode(encoding)
    except UnicodeEncodeError as e:
        raise EncodeError(
            errno.EILSEQ, f"the fixed text has {text[e.start]!r}, which {encoding} cannot encode"
        ) from None


def check_writable(path: str | Path) -> os.stat_result:
    """The stat of the file `write_atomic` would replace; PermissionError when it is read-only to us.

    A rename needs only the folder to be writable, so without this a file the user may not write would
    be replaced. "Read-only" is what the system says for this user (access(2)), as for any editor: the
    superuser may write a file whatever its mode bits, and its mode is kept after the rewrite.
    """
    st = os.stat(path)
    if not stat.S_ISREG(st.st_mode):
        raise OSError(errno.EINVAL, "not a regular file")
    if not os.access(path, os.W_OK):
        raise PermissionError(errno.EACCES, "the file is read-only")
    return st


def within(path: Path, tree: Path) -> bool:
    """Whether `path`, its symlinks followed, is `tree` or lies below it (a symlink loop stays where it is)."""
    real, top = os.path.realpath(path), os.path.realpath(tree)
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


def _check_unchanged(target: Path, expected: Stamp | None) -> None:
    """Raise ChangedOnDisk unless the file is still what was read: the same inode, size, mtime and content.

    The content is compared too because an edit may keep the size and land within the file system's mtime
    granularity; the stat, cheaper, is compared again just before the rename (see write_atomic).
    """
    if expected is None:
        return
    try:
        with open(target, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not expected.same_file(st):
                raise ChangedOnDisk()
            data = fh.read(expected.size + 1)
    except FileNotFoundError:
        raise ChangedOnDisk() from None
    if hashlib.sha256(data).hexdigest() != expected.sha256:
        raise ChangedOnDisk()


# called between the last check that the file is unchanged and the rename: a test's stand-in for an editor
_before_replace: list[Callable[[], None]] = []


def write_atomic(path: str | Path, data: bytes, expected: Stamp | None = None, tree: Path | None = None) -> None:
    """Write beside the file, fsync, then rename over it: a reader sees the old file or the new one, never a part.

    A read-only file is refused (PermissionError). The file's permission bits are kept. A symlink is kept and
    its target replaced, unless `tree` is given and the target lies outside it (OutsideTree). With `expected`
    (the Stamp of the read the new text came from), a file that changed since is left alone (ChangedOnDisk):
    the check is made after the slow part (writing and syncing the new text), just before the rename. A file
    with other hard links is rewritten in place (see inplace.rewrite_in_place), so every name sees the new text.
    On any failure the temporary file is removed and the original is intact.
    """
    target = Path(path).resolve()
    if tree is not None and not within(target, tree):
        raise OutsideTree(target)
    st = check_writable(target)
    if st.st_nlink > 1:

        def last_look(out: BinaryIO) -> None:
            _check_unchanged(target, expected)
            for hook in _before_replace:
                hook()
            if expected is not None and not expected.same_file(os.fstat(out.fileno())):
                raise ChangedOnDisk()

        rewrite_in_place(target, data, last_look)
        return
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".lintnews-tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, stat.S_IMODE(st.st_mode))
        try:
            os.chown(tmp, st.st_uid, st.st_gid)
        except OSError:
            pass  # not permitted for other users' files: the owner becomes ours, the content is intact
        _check_unchanged(target, expected)
        for hook in _before_replace:
            hook()
        # the last look, a stat, microseconds before the rename: the window an edit can still be lost in
        if expected is not None and not expected.same_file(os.stat(target)):
            raise ChangedOnDisk()
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    sync_folder(target.parent)
