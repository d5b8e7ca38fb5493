"""Reading and decoding files safely, and rewriting them atomically: never a partial or corrupted file."""

from __future__ import annotations

import codecs
import errno
import os
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews.core import fileio
from lintnews.core.errors import InputError
from lintnews.core.fileio import EncodeError, decode, encode, read_text, write_atomic
from tests.conftest import kill_a_writer

# --- decoding ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "text", "encoding"),
    [
        (b"plain\r\n", "plain\r\n", "utf-8"),
        (b"", "", "utf-8"),
        (codecs.BOM_UTF8 + "caf\u00e9".encode(), "\ufeffcaf\u00e9", "utf-8"),
        (codecs.BOM_UTF16_LE + "caf\u00e9".encode("utf-16-le"), "\ufeffcaf\u00e9", "utf-16-le"),
        (codecs.BOM_UTF16_BE + "caf\u00e9".encode("utf-16-be"), "\ufeffcaf\u00e9", "utf-16-be"),
    ],
)
def test_decode_keeps_the_bom_in_the_text(data: bytes, text: str, encoding: str) -> None:
    d = decode(data, "f.txt")
    assert (d.text, d.encoding) == (text, encoding)
    assert encode(d.text, d.encoding) == data


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (b"abc" * 5000 + b"\x00rest", "binary file, not text (NUL byte at offset 15000"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
        ("caf\u00e9 au lait".encode("latin-1"), "not valid UTF-8 (byte 0xe9 at offset 3); if it is Latin-1"),
        ("no BOM".encode("utf-16-le"), "binary file"),
        (codecs.BOM_UTF16_LE + b"a\x00b", "invalid UTF-16-LE"),
    ],
)
def test_decode_refuses_with_one_clear_line(data: bytes, problem: str) -> None:
    with pytest.raises(InputError) as exc:
        decode(data, "dir/f.txt")
    msg = str(exc.value)
    assert msg.startswith("dir/f.txt: ")
    assert problem in msg
    assert "\n" not in msg


def test_latin1_only_when_asked() -> None:
    data = "caf\u00e9".encode("latin-1")
    d = decode(data, "f.txt", fallback_encoding="latin-1")
    assert (d.text, d.encoding) == ("caf\u00e9", "latin-1")
    assert encode(d.text, d.encoding) == data


ENCODINGS = st.sampled_from(["utf-8", "utf-8-bom", "utf-16-le", "utf-16-be"])


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(exclude_categories=("Cs",), exclude_characters="\x00")), ENCODINGS)
def test_decode_encode_round_trip_is_byte_exact(text: str, enc: str) -> None:
    if enc == "utf-8-bom":
        data = codecs.BOM_UTF8 + text.encode("utf-8")
    elif enc == "utf-8":
        if text.startswith("\ufeff"):
            return  # that is the BOM case
        data = text.encode("utf-8")
    else:
        data = ("\ufeff" + text).encode(enc)
    d = decode(data, "f.txt")
    assert encode(d.text, d.encoding) == data


def test_encode_error_is_an_oserror() -> None:
    with pytest.raises(EncodeError) as exc:
        encode("caf\u00e9 \u2019", "latin-1")
    assert isinstance(exc.value, OSError)
    assert "latin-1 cannot encode" in (exc.value.strerror or "")


# --- reading -----------------------------------------------------------------------------------


def test_read_refusals(tmp_path: Path) -> None:
    (tmp_path / "x.txt").mkdir()
    with pytest.raises(InputError, match="is a folder"):
        read_text(tmp_path / "x.txt")
    loop = tmp_path / "loop.txt"
    loop.symlink_to(tmp_path / "loop2.txt")
    (tmp_path / "loop2.txt").symlink_to(loop)
    with pytest.raises(InputError, match="symlink loop"):
        read_text(loop)
    big = tmp_path / "big.txt"
    big.write_bytes(b"a" * 1001)
    with pytest.raises(InputError, match="over the size limit of 1000 bytes"):
        read_text(big, max_bytes=1000)
    assert read_text(big, max_bytes=0).text == "a" * 1001  # 0: no limit
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(InputError, match="not a regular file"):
        read_text(fifo)  # and it does not hang waiting for a writer


def test_read_unreadable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "secret.txt"
    f.write_text("text", encoding="utf-8")
    if os.geteuid() == 0:
        # root reads a chmod 000 file anyway: make open fail as it would for anyone else

        def refuse(*args: object, **kw: object) -> None:
            raise PermissionError(errno.EACCES, "Permission denied")

        monkeypatch.setattr(fileio, "open", refuse, raising=False)
    else:
        f.chmod(0)
    with pytest.raises(InputError, match=r"secret\.txt: permission denied"):
        read_text(f)


# --- writing -----------------------------------------------------------------------------------


def test_write_atomic_keeps_mode_and_symlink(tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_bytes(b"old")
    real.chmod(0o604)
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    write_atomic(link, b"new")
    assert link.is_symlink()
    assert real.read_bytes() == b"new"
    assert real.stat().st_mode & 0o777 == 0o604
    assert sorted(os.listdir(tmp_path)) == ["link.txt", "real.txt"]


def test_write_atomic_refuses_read_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    f = tmp_path / "ro.txt"
    f.write_bytes(b"old")
    f.chmod(0o444)
    if os.geteuid() == 0:  # the superuser may write any file: answer as the system would for a user
        real_access = os.access
        monkeypatch.setattr(os, "access", lambda p, mode, **kw: False if mode & os.W_OK else real_access(p, mode))
    with pytest.raises(PermissionError, match="read-only"):
        write_atomic(f, b"new")
    assert f.read_bytes() == b"old"
    assert f.stat().st_mode & 0o777 == 0o444
    assert os.listdir(tmp_path) == ["ro.txt"]


@pytest.mark.skipif(os.geteuid() != 0, reason="only the superuser may write a file without write bits")
def test_superuser_rewrites_a_file_without_write_bits_and_keeps_its_mode(tmp_path: Path) -> None:
    f = tmp_path / "ro.txt"
    f.write_bytes(b"old")
    f.chmod(0o444)
    write_atomic(f, b"new")
    assert f.read_bytes() == b"new"
    assert f.stat().st_mode & 0o777 == 0o444


@pytest.mark.parametrize("where", ["write", "fsync", "replace"])
def test_write_atomic_failure_leaves_original(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str) -> None:
    f = tmp_path / "a.txt"
    f.write_bytes(b"old")

    def full(*args: object, **kw: object) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    if where == "write":
        monkeypatch.setattr(fileio.os, "fdopen", lambda fd, mode: _FullFile(fd))
    else:
        monkeypatch.setattr(fileio.os, where, full)
    with pytest.raises(OSError, match="No space left"):
        write_atomic(f, b"new")
    assert f.read_bytes() == b"old"
    assert os.listdir(tmp_path) == ["a.txt"]


class _FullFile:
    """A file object whose write fails as on a full disk."""

    def __init__(self, fd: int) -> None:
        self.fd = fd

    def __enter__(self) -> _FullFile:
        return self

    def __exit__(self, *exc: object) -> None:
        os.close(self.fd)

    def write(self, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")


def _kill_mid_rewrite(tmp_path: Path, rounds: int, size: int) -> int:
    """Kill a process rewriting a file at random moments; return how often a rewrite was cut short."""
    target = tmp_path / "article.txt"
    target.write_bytes(b"A" * size)
    rng = random.Random(4)
    interrupted = 0
    for _ in range(rounds):
        kill_a_writer(target, size, rng)
        data = target.read_bytes()
        # the old file or the new one, never a part or a mix
        assert data in (b"A" * size, b"B" * size), f"partial file: {len(data)} bytes"
        leftovers = [p for p in tmp_path.iterdir() if p.name.endswith(".lintnews-tmp")]
        interrupted += bool(leftovers)
        for p in leftovers:
            p.unlink()
    return interrupted


def test_sigkill_during_rewrite_leaves_old_or_new(tmp_path: Path) -> None:
    _kill_mid_rewrite(tmp_path, rounds=3, size=2_000_000)


@pytest.mark.slow
def test_sigkill_during_rewrite_many_times(tmp_path: Path) -> None:
    interrupted = _kill_mid_rewrite(tmp_path, rounds=30, size=8_000_000)
    # the kills did land in the middle of rewrites (a temporary file was left half-written)
    assert interrupted > 0
