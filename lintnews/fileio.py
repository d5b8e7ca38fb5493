"""Read articles safely (binary, encodings, size) and rewrite them atomically without losing a byte."""

from __future__ import annotations

import codecs
import os
import stat
import tempfile
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError

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


def decode(data: bytes, path: str, fallback_encoding: str | None = None) -> Decoded:
    for bom, enc in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data.decode(enc), enc)
            except UnicodeDecodeError as e:
                raise InputError(path, f"invalid {enc.upper()} at byte {e.start}") from None
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary file (NUL bytes), not text")
    try:
        return Decoded(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as e:
        if fallback_encoding:
            try:
                return Decoded(data.decode(fallback_encoding), fallback_encoding)
            except (UnicodeDecodeError, LookupError):
                pass
        raise InputError(path, f"not valid UTF-8 (byte 0x{data[e.start]:02x} at offset {e.start})") from None


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
        raise InputError(spath, f"file is {st.st_size} bytes, over the size limit of {max_bytes} (max-file-size)")
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1 if max_bytes else -1)
    except OSError as e:
        raise InputError(spath, _os_problem(e)) from None
    return decode(data, spath, fallback_encoding)


def _os_problem(e: OSError) -> str:
    if e.errno is not None and e.strerror:
        return e.strerror.lower()
    return str(e)


def encode(text: str, encoding: str) -> bytes:
    return text.encode(encoding)


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write beside the file, fsync, then rename over it: a reader sees the old file or the new one, never a part.

    The file's permission bits are kept. On any failure the temporary file is removed and the original is intact.
    """
    path = Path(path)
    target = path.resolve()
    st = os.stat(target)
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
        os.replace(tmp, target)
    except BaseException:
        try:
            os.unlink(tmp)
        except OSError:
            pass
        raise
    try:
        dfd = os.open(target.parent, os.O_RDONLY)
        try:
            os.fsync(dfd)
        finally:
            os.close(dfd)
    except OSError:
        pass
