"""A scheduler over worker processes forked with the rules and the model loaded: each worker lints its batches
by the one path (lint.lint_documents); results come back in input order, a bounded number in flight."""

from __future__ import annotations

import multiprocessing
import os
import pickle
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing.connection import Connection

from ..core.document import WORD_COUNT, Document
from ..engine.finish import FindingFilter
from ..engine.lint import Linted, Linter, lint_documents
from . import pattern_store
from .shared import shared

# a batch is sent to a worker when it holds this many characters (about 8 articles) or BATCH_DOCS documents:
# big enough that pickling and the round trip are noise, small enough to keep both cores busy to the end
BATCH_CHARS = 50_000
BATCH_DOCS = 16
# Near the end of a run whose length is known, batches hold at most TAIL_BATCH_DOCS documents: a worker left
# with a whole batch when the other has finished kept a core idle for up to a fifth of a second. Batches of
# three cost no more to lint than batches of ten (measured: the same CPU time over the 200k-word corpus).
TAIL_DOCS_PER_JOB = 20
TAIL_BATCH_DOCS = 3

# the worker's linter, set once by _init
_WORKER: dict[str, Linter] = {}

# How long the rules child may spend compiling, for the first documents of the run, the patterns their rules
# will use (Linter.warm). It does so while this process loads the spaCy model, which takes longer than loading
# the rules: each worker then forks with them compiled, where it spent a quarter of a second on its first
# batch compiling them (its own copy of the same ones).
WARM_SECONDS = 0.25


def cpu_count() -> int:
    """The cores this process may run on (the affinity mask, not the machine's total)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # macOS, Windows
        return max(1, os.cpu_count() or 1)


def _init(linter_or_pickle: Linter | bytes, make_filters: Callable[[], list[FindingFilter]]) -> None:
    linter = pickle.loads(linter_or_pickle) if isinstance(linter_or_pickle, bytes) else linter_or_pickle
    linter.filters = make_filters()
    _WORKER["linter"] = linter


def _rules_in_child(factory: Callable[[], Linter], conn: Connection, sample: Sequence[Document] = ()) -> None:
    """In a forked child: load the rules, work out their keys, compile the patterns the `sample` documents call
    for (within WARM_SECONDS), and send them all pickled (b"" if that failed)."""
    try:
        conn.send_bytes(_rules_pickled(factory, sample))
    except BaseException:  # the parent loads them itself and reports the error as usual
        try:
            conn.send_bytes(b"")
        except OSError:
            pass
    finally:
        conn.close()


def _rules_pickled(factory: Callable[[], Linter], sample: Sequence[Document]) -> bytes:
    """(True, linter, keys) pickled: the rules as prepared and warmed here; or, when they do not pickle so,
    (False, the linter pickled as loaded, keys), to be prepared again where it is unpickled. A checker's
    prepare() may keep what does not pickle (a local function): the default rule set then came to the parent
    as b"", which loaded the rules itself after the model, a quarter of a second more on the way to the
    workers, and this child's work was lost."""
    linter = factory()
    loaded = pickle.dumps(linter, protocol=pickle.HIGHEST_PROTOCOL)
    linter.prepare()
    linter.warm(sample, WARM_SECONDS)
    # the patterns it compiled are kept for the next run: this child ends without running exit functions
    pattern_store.save_installed()
    # the key index is left out of a pickled linter, and so are its filters (see Linter.__getstate__)
    keys = linter.keys()
    try:
        return pickle.dumps((True, linter, keys), protocol=pickle.HIGHEST_PROTOCOL)
    except (pickle.PicklingError, AttributeError, TypeError):  # what pickle raises for an object it cannot save
        return pickle.dumps((False, loaded, keys), protocol=pickle.HIGHEST_PROTOCOL)


def _load_model() -> None:
    from ..core import nlp

    try:
        nlp.model()
    except Exception:  # a missing model: each rule that needs it says so when it runs
        pass


# a worker's result for one document: what lint_documents gives, and the doc.cache entries the cross-document pass reads
Returned = tuple[Linted, dict[str, object]]


def _lint_batch(docs: list[Document]) -> list[Returned]:
    linter = _WORKER["linter"]
    # and the word count, which the report's summary wants: counted here, beside the other workers
    keys = (*linter.corpus_cache_keys(), WORD_COUNT)
    out = []
    for d, linted in zip(docs, lint_documents(linter, docs), strict=True):
        d.word_count  # noqa: B018 - counted into d.cache
        out.append((linted, {k: d.cache[k] for k in keys if k in d.cache}))
    return out


def bare_document(doc: Document) -> Document:
    """The document as sent to a worker: no derived data, which the worker recomputes faster than it unpickles."""
    return Document(doc.path, doc.raw, doc.text, dict(doc.meta), blocks=doc.blocks, text_spans=doc.text_spans)


class Pool:
    """A process pool for one run. `lint(docs)` yields (document, findings, notices) in input order, keeping at
    most a few batches per worker in flight so an archive of any size is linted in bounded memory."""

    def __init__(
        self,
        linter: Linter | Callable[[], Linter],
        jobs: int,
        make_filters: Callable[[], list[FindingFilter]],
        warm_model: bool = True,
        adopt: Callable[[Linter], None] | None = None,
    ) -> None:
        # the workers start with the first document that is not a cache hit: a re-run over unchanged files
        # neither loads the rules nor forks
        self._linter = linter
        self._make_filters = make_filters
        self.jobs = jobs
        self._executor: ProcessPoolExecutor | None = None
        # whether the model is loaded with the rules, before the workers fork (the default rule set uses it)
        self._warm_model = warm_model
        self._adopt = adopt
        # the first documents to lint, whose patterns the rules child compiles (see WARM_SECONDS)
        self._sample: list[Document] = []
        # one copy of each text the documents' cross-document facts repeat (see shared.shared)
        self._strings: dict[object, object] = {}

    def _load(self) -> Linter:
        """The rules, with the spaCy model loaded here when they will likely want it, so that the workers fork
        with both. A forked child loads the rules (and works out their keys) while this process loads the
        model: the two took a second and a half one after the other."""
        factory = self._linter
        if isinstance(factory, Linter):
            linter = factory
            linter.prepare()
        elif self._warm_model and "fork" in multiprocessing.get_all_start_methods():
            ctx = multiprocessing.get_context("fork")
            reader, writer = ctx.Pipe(duplex=False)
            child = ctx.Process(target=_rules_in_child, args=(factory, writer, self._sample), daemon=True)
            child.start()
            writer.close()
            _load_model()
            try:
                data = reader.recv_bytes()
            except (EOFError, OSError):  # the child died
                data = b""
            reader.close()
            child.join()
            self._sample = []
            if data:
                prepared, linter, keys = pickle.loads(data)
                if not prepared:
                    linter = pickle.loads(linter)
                linter.adopt_keys(keys)
                if not prepared:
                    linter.prepare()  # keys adopted: each checker's own preparation only (0.01 s)
            else:
                linter = factory()
                linter.prepare()
            if self._adopt is not None:
                self._adopt(linter)
        else:
            linter = factory()
            linter.prepare()
        return linter

    @property
    def executor(self) -> ProcessPoolExecutor:
        if self._executor is None:
            linter = self._load()
            if "fork" in multiprocessing.get_all_start_methods():
                # a forked worker inherits the linter as it is: pickling its ~400 compiled rules took the parent
                # most of a second and each worker a tenth
                ctx = multiprocessing.get_context("fork")
                self._executor = ProcessPoolExecutor(
                    max_workers=self.jobs, mp_context=ctx, initializer=_init, initargs=(linter, self._make_filters)
                )
            else:
                self._executor = ProcessPoolExecutor(
                    max_workers=self.jobs, initializer=_init, initargs=(pickle.dumps(linter), self._make_filters)
                )
        return self._executor

    def lint(
        self, items: Iterable[tuple[Document, Linted | None]], total: int | None = None
    ) -> Iterator[tuple[Document, Linted]]:
        """Each document with its findings and notices, in input order. An item that comes with its result (a
        cache hit) is passed through in its place; the others are linted by the workers in batches. `total`:
        how many items there will be, when known (the last batches are then kept small)."""
        pending: deque[tuple[list[Document], Future[list[Returned]] | Linted]] = deque()
        batch: list[Document] = []
        size = 0
        limit = self.jobs * 3
        left = total
        tail = self.jobs * TAIL_DOCS_PER_JOB

        def flush() -> None:
            nonlocal batch, size
            if batch:
                if self._executor is None:
                    self._sample = batch
                pending.append((batch, self.executor.submit(_lint_batch, [bare_document(d) for d in batch])))
                batch, size = [], 0

        for doc, done in items:
            if left is not None:
                left -= 1
            if done is not None:
                flush()
                pending.append(([doc], done))
            else:
                batch.append(doc)
                size += len(doc.text)
                most = TAIL_BATCH_DOCS if left is not None and left < tail else BATCH_DOCS
                if size >= BATCH_CHARS or len(batch) >= most:
                    flush()
            while len(pending) > limit:
                yield from _collect(*pending.popleft(), self._strings)
        flush()
        while pending:
            yield from _collect(*pending.popleft(), self._strings)

    def close(self) -> None:
        if self._executor is not None:
            self._executor.shutdown(wait=True, cancel_futures=True)

    def __enter__(self) -> Pool:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _collect(
    docs: list[Document], result: Future[list[Returned]] | Linted, strings: dict[object, object]
) -> Iterator[tuple[Document, Linted]]:
    if isinstance(result, Future):
        for doc, (linted, kept) in zip(docs, result.result(), strict=True):
            # the worker's working for the cross-document pass, done once, kept to the end of the run
            doc.cache.update(shared(kept, strings))
            yield doc, linted
    else:
        yield docs[0], result
