"""Word tables derived from installed data, kept in the cache folder: packed hash tables and marshalled values."""

from __future__ import annotations

import hashlib
import mmap
import os
import struct
import sys
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from ...speed.cache import mark_used, read_entry, store_whole

# bump when the packed layout or what a table holds changes: old files are then simply not found
PACK_FORMAT = 2
_MAGIC = b"LNPK"
# magic, format, slots, blob bytes, longest probe, CRC-32 of all that follows the header
_HEADER = struct.Struct("=4sIIIII")


class PackedTable:
    """A read-only map from words to numbers below 65,536, kept as one open-addressing hash table in bytes.

    Built once from a word list and stored in the cache folder, it is mapped from the file instead of being
    rebuilt as a dict of hundreds of thousands of strings in every process (a fifth of a second for
    wordfreq's table, two seconds for the CMU dictionary). Slot i holds the offset of its word in the blob
    (NUL-terminated UTF-8; 0 for an empty slot) and, in a parallel array, its value; the slot is found by
    CRC-32 of the UTF-8 word and linear probing. A damaged file (checked by its CRC-32, a few milliseconds)
    is refused, so a look-up can neither loop nor answer wrong.
    """

    def __init__(self, data: bytes | mmap.mmap) -> None:
        magic, fmt, slots, size, probes, crc = _HEADER.unpack_from(data)
        start = _HEADER.size
        if magic != _MAGIC or fmt != PACK_FORMAT or slots & (slots - 1) or len(data) != start + 6 * slots + size:
            raise ValueError("not a packed word table")
        view = memoryview(data)
        if zlib.crc32(view[start:]) != crc:
            raise ValueError("damaged packed word table")
        self._data = data
        self._slots = view[start : start + 4 * slots].cast("I")
        self._values = view[start + 4 * slots : start + 6 * slots].cast("H")
        self._blob = data[start + 6 * slots :] if isinstance(data, bytes) else data
        self._base = 0 if isinstance(data, bytes) else start + 6 * slots
        self._mask = slots - 1
        self._probes = probes

    def get(self, word: str) -> int | None:
        key = word.encode("utf-8", "surrogatepass")
        n = len(key)
        slots, blob, base, mask = self._slots, self._blob, self._base, self._mask
        i = zlib.crc32(key) & mask
        for _ in range(self._probes):
            off = slots[i]
            if not off:
                return None
            off += base
            if blob[off : off + n] == key and blob[off + n] == 0:
                return int(self._values[i])
            i = (i + 1) & mask
        return None

    @staticmethod
    def pack(entries: dict[str, int]) -> bytes:
        words = [(w.encode("utf-8", "surrogatepass"), v) for w, v in entries.items() if "\0" not in w]
        slots = 1 << max(4, (2 * len(words) - 1).bit_length())  # at most half full: short probes
        mask = slots - 1
        offsets = [0] * slots
        values = [0] * slots
        blob = bytearray(b"\0")  # offset 0 marks an empty slot
        probes = 1
        for key, value in words:
            if not 0 <= value < 65536:
                raise ValueError(f"value out of range for {key!r}: {value}")
            i = zlib.crc32(key) & mask
            n = 1
            while offsets[i]:
                i = (i + 1) & mask
                n += 1
            probes = max(probes, n)
            offsets[i] = len(blob)
            values[i] = value
            blob += key + b"\0"
        body = b"".join((struct.pack(f"={slots}I", *offsets), struct.pack(f"={slots}H", *values), bytes(blob)))
        return _HEADER.pack(_MAGIC, PACK_FORMAT, slots, len(blob), probes, zlib.crc32(body)) + body


def _cache_folder() -> Path:
    from ...speed.cache import tables_dir

    return tables_dir()


def _cache_path(name: str, source: Path, suffix: str) -> Path | None:
    """Where data derived from the file `source` is kept: the name carries the source's path, size and time
    (an upgraded library brings new data) and what else the stored form depends on."""
    try:
        st = source.stat()
        folder = _cache_folder()
    except (OSError, RuntimeError):  # no such file; no home folder to put a cache in
        return None
    ident = (
        f"{PACK_FORMAT}\0{name}\0{source.resolve()}\0{st.st_size}\0{st.st_mtime_ns}\0{sys.byteorder}"
        f"\0{sys.version_info[:2]}"
    )
    return folder / f"{name}-{hashlib.sha256(ident.encode()).hexdigest()[:24]}{suffix}"


def packed_table(name: str, source: Path, build: Callable[[], dict[str, int]]) -> PackedTable | None:
    """The table `build()` makes from the data file `source`, from the cache folder or built and stored there.

    None when the table can neither be read nor written (a read-only home): the caller then uses its data
    some other way. `build()` raises ValueError when the source is not in a format it reads.
    """
    path = _cache_path(name, source, ".bin")
    if path is None:
        return None
    try:
        with path.open("rb") as fh:
            table = PackedTable(mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ))
            mark_used(path, os.fstat(fh.fileno()))  # kept by the cache folder's size limit (cache_bound.py)
            return table
    except (OSError, ValueError, struct.error):
        pass  # missing or damaged: built again
    data = PackedTable.pack(build())
    return PackedTable(data) if store_whole(path, data) else None


def cached_value(name: str, source: Path, build: Callable[[], Any]) -> Any:
    """What `build()` derives from the data file `source` (plain data: dicts, tuples, strings, numbers), kept
    in the cache folder in marshal form with a CRC-32 (built each time when the folder cannot be written).
    `build()` raises ValueError when the source is not in a format it reads."""
    import marshal

    path = _cache_path(name, source, ".marshal")
    if path is None:
        return build()
    try:
        data = read_entry(path)
        if len(data) > 4 and zlib.crc32(data[4:]) == int.from_bytes(data[:4], "little"):
            return marshal.loads(data[4:])
    except (OSError, ValueError, EOFError, TypeError):
        pass  # missing or damaged: built again
    value = build()
    body = marshal.dumps(value)
    store_whole(path, zlib.crc32(body).to_bytes(4, "little") + body)
    return value
