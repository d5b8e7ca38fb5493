"""Baselines: record today's findings, then report only new ones, matched by content and not by position."""

from __future__ import annotations

import json
import os
import re
from collections import Counter
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from ..core.errors import ConfigError
from ..core.findings import Finding
from ..core.jsontext import indented

VERSION = 1
CONTEXT = 20  # characters of the finding's own line kept on each side of the matched text


class Key(NamedTuple):
    """What identifies a finding across edits: its file, article, rule, the text it matched and a little context.

    Offsets and line numbers are left out on purpose, so a finding keeps matching when lines move above it.
    A tuple, so that counting and matching a run's keys hash and compare them in C (a frozen dataclass's
    generated __hash__ and __eq__ were a third of matching 250,000 findings against their baseline).
    """

    path: str
    article: str
    rule: str
    match: str
    context: str


_SPACES = re.compile(r"\s+")


def _squash(s: str) -> str:
    return _SPACES.sub(" ", s).strip()


@lru_cache(maxsize=256)
def _relative(path: str, base_dir: Path, cwd: str) -> str:
    """`path` (relative to `cwd`) relative to the baseline's folder: worked out once per file, not once for each
    of its findings (a quarter of a million of them spent seconds here)."""
    return Path(os.path.relpath(os.path.join(cwd, path), base_dir)).as_posix()


def key_for(f: Finding, raw: str, base_dir: Path) -> Key:
    before = raw[max(0, f.offset - CONTEXT) : f.offset].rsplit("\n", 1)[-1]
    after = raw[f.end : f.end + CONTEXT].split("\n", 1)[0]
    path = f.path if f.path == "-" else _relative(f.path, base_dir, os.getcwd())
    return Key(
        path, str(f.extra.get("article", "")), f.rule, raw[f.offset : f.end], _squash(before) + "|" + _squash(after)
    )


def write(path: Path, keyed: Iterable[Key]) -> int:
    counts = Counter(keyed)
    entries = [
        {
            "path": k.path,
            "article": k.article or None,
            "rule": k.rule,
            "match": k.match,
            "context": k.context,
            "count": n,
        }
        for k, n in sorted(counts.items())
    ]
    data = {"version": VERSION, "tool": "lintnews", "findings": entries}
    try:
        path.write_text(indented(data) + "\n", encoding="utf-8")
    except OSError as e:
        raise ConfigError(f"{path}: cannot write the baseline: {e.strerror or e}") from None
    return sum(counts.values())


def read(path: Path) -> Counter[Key]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except OSError as e:
        raise ConfigError(f"{path}: cannot read the baseline: {e.strerror or e}") from None
    except (json.JSONDecodeError, UnicodeDecodeError) as e:
        raise ConfigError(f"{path}: not a lintnews baseline (invalid JSON: {e})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise ConfigError(f"{path}: not a lintnews baseline (expected version {VERSION} and a 'findings' list)")
    counts: Counter[Key] = Counter()
    for i, entry in enumerate(data["findings"]):
        try:
            k = Key(entry["path"], entry.get("article") or "", entry["rule"], entry["match"], entry["context"])
            n = int(entry.get("count", 1))
        except (KeyError, TypeError, ValueError, AttributeError):
            raise ConfigError(f"{path}: baseline entry {i + 1} is malformed") from None
        counts[k] += n
    return counts


def new_findings(keyed: Iterable[tuple[Key, Finding]], known: Counter[Key]) -> tuple[list[Finding], int]:
    """The findings the baseline does not account for, and how many it does.

    Each entry absorbs up to its count of matching findings, so a second copy of a known artifact is new.
    """
    left = Counter(known)
    out: list[Finding] = []
    absorbed = 0
    for k, f in keyed:
        if left[k] > 0:
            left[k] -= 1
            absorbed += 1
        else:
            out.append(f)
    return out, absorbed
