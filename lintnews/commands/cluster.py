"""`lintnews check --dask`: the run's files sent to a Dask cluster in batches, the results back in input order."""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import replace
from pathlib import Path

from ..core.errors import LintnewsError
from ..core.findings import Finding
from ..engine.results import FileResult
from ..engine.runner import Run
from ..speed.parallel import cpu_count
from .progress import Progress

# `--dask local`: a cluster of this machine, started and stopped by the run
LOCAL = "local"


def lint_on_dask(
    address: str, run: Run, paths: Sequence[str], extra_packs: Sequence[str], *, jobs: int, bar: Progress | None
) -> tuple[Iterator[tuple[FileResult, int]], Callable[[], list[str]]]:
    """Each article's result with its words, in input order, and the notices of the run (read when it is over).

    The workers read the files themselves (the paths are sent absolute, for workers started elsewhere) and
    each reports under the path as it was given here.
    """
    try:
        from distributed import Client, LocalCluster

        from ..speed import distributed as cluster
    except ImportError:
        raise LintnewsError("--dask needs Dask: pip install 'lintnews[dask]'") from None
    shown = {os.path.abspath(s.path): s.path for s, _ in run.sources(paths)}
    packs = [str(Path(p).resolve()) for p in extra_packs]
    tasks = cluster.batches(list(shown))
    notices: list[str] = list(run.notices)

    local = None
    if address == LOCAL:
        _fork_workers_warm()
        # one single-threaded process per core: the rules are Python, a second thread in a process would wait
        local = LocalCluster(  # type: ignore[no-untyped-call]
            n_workers=jobs or cpu_count(), threads_per_worker=1, dashboard_address=None, silence_logs=logging.ERROR
        )
    try:
        client = Client(local if local is not None else address)  # type: ignore[no-untyped-call]
    except (OSError, TimeoutError, ValueError) as e:
        if local is not None:
            local.close()
        raise LintnewsError(f"--dask {address}: cannot reach the scheduler: {e}") from None

    def results() -> Iterator[tuple[FileResult, int]]:
        try:
            cluster.register(client, run.cfg, packs, use_cache=run.findings_cache is not None)
            for linted, task_notices in cluster.lint_on_cluster(client, tasks):
                notices.extend(task_notices)
                for item in linted:
                    r = _as_given(item.result, shown)
                    if bar is not None and not r.error:
                        bar.add(1, item.words, item.chars)
                    yield r, item.words
        finally:
            client.close()  # type: ignore[no-untyped-call]
            if local is not None:
                local.close()

    return results(), lambda: notices


def _fork_workers_warm() -> None:
    """Start the local workers from a fork server that has imported Dask, lintnews' checkers and spaCy once.

    Dask spawns each worker as a fresh interpreter by default, and each then imported Dask (0.4 s CPU here),
    spaCy (0.35 s) and the checkers again before the plugin loaded the rules and the model: a second per
    worker. Forked from one process that did the imports, the workers share them. (The model itself is
    loaded by each worker's plugin: a fork server only imports modules.)
    """
    import multiprocessing

    import dask
    from distributed.utils import get_mp_context

    from ..rules.kinds import KINDS

    if "forkserver" not in multiprocessing.get_all_start_methods():
        return
    dask.config.set({"distributed.worker.multiprocessing-method": "forkserver"})
    ctx = get_mp_context()  # type: ignore[no-untyped-call]  # sets distributed's preload list: ours replaces it
    checkers = sorted({f"lintnews.checkers.{target.split(':')[0]}" for target in KINDS.values()})
    ctx.set_forkserver_preload(["distributed", "spacy", "lintnews.speed.distributed", "lintnews.core.nlp", *checkers])


def _as_given(r: FileResult, shown: dict[str, str]) -> FileResult:
    """A worker's result under the path the user gave (the worker was sent it absolute)."""
    given = shown.get(r.file)
    if given is None or given == r.file:
        return r
    full = r.file

    def name(text: str) -> str:
        return text.replace(full, given, 1) if text.startswith(full) else text

    def moved(f: Finding) -> Finding:
        return replace(f, path=name(f.path))

    return replace(
        r,
        path=name(r.path),
        file=given,
        findings=[moved(f) for f in r.findings],
        error=r.error.replace(full, given) if r.error else None,
    )
