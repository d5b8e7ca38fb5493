"""`import spacy` made cheaper: without its command line, with catalogue's entry points grouped, one BLAS thread."""

from __future__ import annotations

import os
import sys
import threading
import types
from collections.abc import Iterator
from typing import Any

# the placeholders live in sys.modules while spaCy imports: one thread at a time
_IMPORT_LOCK = threading.Lock()


def _cli_stub() -> tuple[types.ModuleType, types.ModuleType]:
    def info(*args: Any, **kwargs: Any) -> Any:
        from spacy.cli.info import info as real_info

        return real_info(*args, **kwargs)

    cli = types.ModuleType("spacy.cli")
    cli.__path__ = []
    cli_info = types.ModuleType("spacy.cli.info")
    cli_info.info = info  # type: ignore[attr-defined]
    return cli, cli_info


def import_spacy() -> types.ModuleType:
    """`import spacy` without its command line, when that is safe.

    spaCy's __init__ imports spacy.cli (typer, click, weasel and every sub-command) only to re-export
    `spacy.info`; that is about a third of its import time and loading a pipeline never uses it. While
    spaCy imports, placeholders stand in for spacy.cli and spacy.cli.info (whose `info` imports the real
    one when called); they are removed right after, so a later `import spacy.cli` gets the real package.
    If anything goes wrong, the half-imported modules are dropped and spaCy is imported as usual.
    """
    with _IMPORT_LOCK:
        spacy = _import_spacy()
        _group_entry_points()
        return spacy


def _import_spacy() -> types.ModuleType:
    _one_blas_thread()
    if "spacy" in sys.modules or "spacy.cli" in sys.modules:
        import spacy

        return spacy
    before = set(sys.modules)
    cli, cli_info = _cli_stub()
    sys.modules["spacy.cli"], sys.modules["spacy.cli.info"] = cli, cli_info
    try:
        import spacy
    except Exception:
        for name in set(sys.modules) - before:
            if name == "spacy" or name.startswith("spacy."):
                del sys.modules[name]
        import spacy
    finally:
        for name, stub in (("spacy.cli", cli), ("spacy.cli.info", cli_info)):
            if sys.modules.get(name) is stub:
                del sys.modules[name]
    if getattr(spacy, "cli", None) is cli:
        delattr(spacy, "cli")
    return spacy


class _GroupedEntryPoints:
    """The installed entry points as catalogue read them, each group's selection made once."""

    def __init__(self, found: Any) -> None:
        self.found = found
        self._groups: dict[str, Any] = {}

    def select(self, **params: Any) -> Any:
        if params.keys() != {"group"}:
            return self.found.select(**params)
        group = params["group"]
        if group not in self._groups:
            self._groups[group] = self.found.select(group=group)
        return self._groups[group]

    def __getattr__(self, name: str) -> Any:
        return getattr(self.found, name)

    def __iter__(self) -> Iterator[Any]:
        return iter(self.found)

    def __len__(self) -> int:
        return len(self.found)


def _group_entry_points() -> None:
    """Let catalogue look up the entry points of a registry group once, not at every registry lookup.

    catalogue reads the installed entry points once, at its import, then filters all of them by group each
    time a registry is asked for a name: 122 times while the model loads, 13-25 ms. The same entry points,
    selected once per group, give the same answers (catalogue never reads them again in a process either).
    """
    catalogue = sys.modules.get("catalogue")
    found = getattr(catalogue, "AVAILABLE_ENTRY_POINTS", None)
    if catalogue is None or isinstance(found, _GroupedEntryPoints) or not hasattr(found, "select"):
        return
    catalogue.AVAILABLE_ENTRY_POINTS = _GroupedEntryPoints(found)  # type: ignore[attr-defined]


def _one_blas_thread() -> None:
    """One OpenBLAS thread per process, unless the user chose otherwise.

    The model's matrices are small: a second BLAS thread hardly shortens a parse (measured: the same wall
    time for 40% more CPU), and --jobs already gives each core a process of its own. OpenBLAS reads the
    variable when numpy loads it, so this is only done before numpy's first import.
    """
    if "numpy" not in sys.modules:
        os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
