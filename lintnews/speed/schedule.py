"""Where a run's documents are linted: in this process, beside the model helper, or in --jobs workers."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence

from ..core import nlp
from ..core.document import Document
from ..core.sources import Source, is_jsonl
from ..engine.lint import Linted, Linter, lint_documents
from .model_worker import SplitLinter, fork_available
from .parallel import BATCH_CHARS, cpu_count

# --jobs auto: one process below this many files (a pre-commit hook, an editor), else one per core
AUTO_JOBS_MIN_FILES = 16
# in one process, documents are linted in chunks of this many (or BATCH_CHARS characters) so the model parses
# a chunk's sentences in one pass: 8 articles at once took 0.6 of the time of one by one, more gained nothing
PREFETCH_DOCS = 8

# a document with its findings when the cache had them, else None: the schedulers lint only the latter
Item = tuple[Document, Linted | None]


def jobs_for(jobs: int, sources: Sequence[Source]) -> int:
    """The worker processes for --jobs N (0: auto, one per core for many files or an archive, else one)."""
    if jobs > 0:
        return jobs
    many = len(sources) >= AUTO_JOBS_MIN_FILES or any(not s.stdin and is_jsonl(s.path) for s in sources)
    return cpu_count() if many else 1


def may_split(jobs: int, fixing: bool) -> bool:
    """Whether a run may give the model rules to a helper process: --jobs auto, no fixing, two cores, fork, and
    the model not loaded yet. The helper is there to load the model while this process runs the other rules; in
    a process that holds it (a run of the warm server) it only adds a fork and the documents' round trip: one
    article took 0.08-0.13 s CPU without it, 0.13-0.18 s with it."""
    return jobs == 0 and not fixing and cpu_count() > 1 and fork_available() and not nlp.model_loaded()


def chunks(items: Iterable[Item]) -> Iterator[list[Item]]:
    """The items in input order, PREFETCH_DOCS documents or BATCH_CHARS characters at a time."""
    chunk: list[Item] = []
    size = 0
    for item in items:
        chunk.append(item)
        size += len(item[0].text)
        if len(chunk) >= PREFETCH_DOCS or size >= BATCH_CHARS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


class InProcess:
    """The scheduler of a run in this process: documents in chunks, each chunk by the one path (the model's
    parses of a chunk in one batch); or, when `split_ok`, each document's model rules run beside in the model
    helper. The helper is forked at the first document that needs the model, not before: a run whose documents
    need none never imports spaCy (a helper forked at the start, to load the model while the rules loaded, cost
    0.12 s CPU on such a run and gained no measurable wall time on the others). The linter is asked for at the
    first document the cache lacks."""

    def __init__(self, linter: Callable[[], Linter], split_ok: bool = False):
        self._linter = linter
        self._split: SplitLinter | None = None
        self._split_ok = split_ok

    def lint(self, items: Iterable[Item], total: int | None = None) -> Iterator[tuple[Document, Linted]]:
        """Each document with its result, in input order; cache hits (items with a result) pass through."""
        for chunk in chunks(items):
            todo = [d for d, done in chunk if done is None]
            results = iter(self._lint(todo) if todo else [])
            for doc, done in chunk:
                yield doc, done if done is not None else next(results)

    def _lint(self, docs: list[Document]) -> list[Linted]:
        if self._split is None and not self._split_ok:
            return lint_documents(self._linter(), docs)
        if self._split is None:
            self._split = SplitLinter()
        return self._split.attach(self._linter()).lint(docs)

    def close(self) -> None:
        if self._split is not None:
            self._split.close()
