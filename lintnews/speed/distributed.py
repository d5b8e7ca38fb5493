"""Lint on a Dask cluster: a worker plugin holds the rules and the spaCy model, tasks lint batches of files or shards.

Used by `lintnews check --dask ADDRESS` (commands/cluster.py). Needs the `dask` extra (pip install
'lintnews[dask]') on the client and on every worker, the same lintnews version everywhere, and paths every
worker can read (a shared file system). Like `check --stream` there is no cross-document pass: each task is
linted on its own.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from typing import Any

from distributed import Worker, WorkerPlugin, get_worker

from ..core.config import Config
from ..core.sources import is_jsonl
from ..engine.lint import Linter
from ..engine.results import FileResult, article_findings
from ..engine.ruleset import linter_filters, make_linter
from ..engine.runner import Run, RunOptions
from .cache import Cache, default_cache_dir
from .parallel import BATCH_CHARS, BATCH_DOCS

PLUGIN_NAME = "lintnews"


@dataclass(frozen=True)
class Linted:
    """One article's result as a worker sends it back: the document itself stays on the worker."""

    result: FileResult
    words: int = 0
    chars: int = 0


class LintnewsPlugin(WorkerPlugin):
    """Loads the rules (from the worker's own cache when it has them) and the spaCy model once per worker
    process, when the worker starts or joins, so that no task pays for them."""

    def __init__(self, cfg: Config, extra_packs: Sequence[str] = (), use_cache: bool = True) -> None:
        self.cfg = cfg
        self.extra_packs = tuple(extra_packs)
        self.use_cache = use_cache
        self.linter: Linter | None = None
        # a worker started with several threads runs tasks side by side: the linter and the model are not
        # made for that, so its tasks take turns (start workers with --nthreads 1 and more processes instead)
        self._lock = threading.Lock()

    def __getstate__(self) -> dict[str, Any]:
        # the plugin travels to each worker as its settings; each builds its own linter there
        return {k: v for k, v in self.__dict__.items() if k not in ("linter", "_lock")}

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state, linter=None, _lock=threading.Lock())

    def setup(self, worker: Worker | None = None) -> None:
        cache = Cache(default_cache_dir()) if self.use_cache else None
        linter = make_linter(self.cfg, self.extra_packs, cache)
        linter.prepare()
        if linter.uses_model:
            from ..core import nlp

            try:
                nlp.model()
            except nlp.ModelUnavailable:
                pass  # each rule that needs it says so when it runs, as in a local run
        self.linter = linter

    def lint(self, paths: Sequence[str]) -> tuple[list[Linted], list[str]]:
        """Each article of the files (or JSON Lines shards) in input order, and the notices of the run."""
        with self._lock:
            return self._lint(paths)

    def _lint(self, paths: Sequence[str]) -> tuple[list[Linted], list[str]]:
        if self.linter is None:
            self.setup()
        assert self.linter is not None
        linter = self.linter
        linter.filters = linter_filters(self.cfg)
        before = len(linter.notices)
        run = Run(linter, self.cfg, RunOptions(jobs=1, stream=True))
        out = []
        for r in run.iter_results(list(paths)):
            article_findings(r)
            doc = r.doc
            words, chars = (doc.word_count, len(doc.text)) if doc is not None else (0, 0)
            out.append(Linted(replace(r, doc=None), words, chars))
        return out, list(dict.fromkeys([*linter.notices[before:], *run.notices]))


def lint_task(paths: Sequence[str]) -> tuple[list[Linted], list[str]]:
    """The function each Dask task runs, on a worker that has the plugin."""
    plugin = get_worker().plugins[PLUGIN_NAME]
    assert isinstance(plugin, LintnewsPlugin)
    return plugin.lint(paths)


def batches(paths: Sequence[str], batch_chars: int = BATCH_CHARS, batch_docs: int = BATCH_DOCS) -> list[list[str]]:
    """The tasks of a run: each JSON Lines shard alone, plain files together up to `batch_chars` bytes or
    `batch_docs` files (a task per file would cost more in scheduling than in linting), in input order."""
    out: list[list[str]] = []
    batch: list[str] = []
    size = 0
    for p in paths:
        if is_jsonl(p):
            if batch:
                out.append(batch)
                batch, size = [], 0
            out.append([p])
            continue
        batch.append(p)
        try:
            size += os.path.getsize(p)
        except OSError:
            pass  # the worker reports the unreadable file
        if size >= batch_chars or len(batch) >= batch_docs:
            out.append(batch)
            batch, size = [], 0
    if batch:
        out.append(batch)
    return out


def lint_on_cluster(client: Any, tasks: Sequence[Sequence[str]]) -> Iterator[tuple[list[Linted], list[str]]]:
    """Each task's results, in the order of `tasks`, from the cluster behind `client` (a distributed.Client
    with the plugin registered). A finished task is handed over and released as soon as those before it are,
    so the client holds the results of only the tasks that finish out of order."""
    from distributed import as_completed

    futures = client.map(lint_task, [list(t) for t in tasks], pure=False)
    order = {f.key: i for i, f in enumerate(futures)}
    done: dict[int, tuple[list[Linted], list[str]]] = {}
    nxt = 0
    for fut in as_completed(futures):  # type: ignore[no-untyped-call]
        done[order[fut.key]] = fut.result()
        fut.release()
        while nxt in done:
            yield done.pop(nxt)
            nxt += 1


def register(client: Any, cfg: Config, extra_packs: Sequence[str] = (), use_cache: bool = True) -> None:
    """Give every worker of the cluster, and every worker that joins later, the rules and the model."""
    client.register_plugin(LintnewsPlugin(cfg, extra_packs, use_cache), name=PLUGIN_NAME)
