"""--jobs: the same findings as one process, in input order, errors in their place, cross-document pass kept."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import pytest

from lintnews.core.config import Config
from lintnews.core.document import Document
from lintnews.engine.lint import Linter
from lintnews.engine.runner import RunOptions, make_run
from lintnews.speed.schedule import PREFETCH_DOCS

from .conftest import ENGINE_PACK, CliRunner, engine_args


def _cfg(tmp_path: Path) -> Config:
    (tmp_path / "enginetest.yaml").write_text(ENGINE_PACK, encoding="utf-8")
    return Config(select=("enginetest",), rule_packs=(str(tmp_path / "enginetest.yaml"),), root=tmp_path)


def _corpus(folder: Path, n: int) -> None:
    folder.mkdir()
    for i in range(n):
        day = "Monday" if i % 2 else "Tuesday"
        (folder / f"a{i:03d}.txt").write_text(f"Story {i} came this {day} in colour.\n" * (1 + i % 5), "utf-8")


def _run(cfg: Config, paths: list[str], jobs: int) -> list[tuple[str, str | None, list[tuple[str, int]]]]:
    run = make_run(cfg, RunOptions(jobs=jobs))
    return [(r.path, r.error, [(f.rule, f.offset) for f in r.findings]) for r in run.execute(paths)]


def test_jobs_give_the_same_results_in_order(tmp_path: Path) -> None:
    cfg = _cfg(tmp_path)
    _corpus(tmp_path / "c", 40)
    (tmp_path / "c" / "a005.txt").write_bytes(b"\xff\xfe\x00bad")  # unreadable as text: an error in its place
    one = _run(cfg, [str(tmp_path / "c"), str(tmp_path / "missing.txt")], jobs=1)
    two = _run(cfg, [str(tmp_path / "c"), str(tmp_path / "missing.txt")], jobs=2)
    assert one == two
    assert [p for p, _, _ in two] == sorted(p for p, _, _ in two)
    assert two[-1][1] is not None and "missing.txt" in two[-1][1]


def test_jobs_over_a_jsonl_archive(tmp_path: Path) -> None:
    cfg = _cfg(tmp_path)
    lines = [json.dumps({"id": i, "text": f"Item {i} this Monday in colour."}) for i in range(60)]
    (tmp_path / "arch.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    one = _run(cfg, [str(tmp_path / "arch.jsonl")], jobs=1)
    two = _run(cfg, [str(tmp_path / "arch.jsonl")], jobs=2)
    assert one == two and len(two) == 60


def test_cli_jobs_flag(cli: CliRunner, workdir: Path) -> None:
    _corpus(workdir / "c", 20)
    a = cli([*engine_args("--format", "json", "--no-cache", "--jobs", "1"), "c"])
    b = cli([*engine_args("--format", "json", "--no-cache", "--jobs", "2"), "c"])
    assert a.stdout == b.stdout and json.loads(a.stdout)["summary"]["findings"] == 120
    bad = cli([*engine_args("--jobs", "-1"), "c"])
    assert bad.returncode == 2


def test_one_process_lints_in_chunks_with_one_prefetch_each(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cfg = _cfg(tmp_path)
    _corpus(tmp_path / "c", 20)
    expected = _run(cfg, [str(tmp_path / "c")], jobs=2)
    sizes: list[int] = []
    real = Linter.prefetch

    def spy(self: Linter, docs: Sequence[Document]) -> None:
        sizes.append(len(docs))
        real(self, docs)

    monkeypatch.setattr(Linter, "prefetch", spy)
    assert _run(cfg, [str(tmp_path / "c")], jobs=1) == expected
    assert sizes == [PREFETCH_DOCS, PREFETCH_DOCS, 20 - 2 * PREFETCH_DOCS]


def test_a_failed_batch_prefetch_leaves_each_document_to_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cfg = _cfg(tmp_path)
    _corpus(tmp_path / "c", 10)
    expected = _run(cfg, [str(tmp_path / "c")], jobs=1)

    def broken(self: Linter, docs: Sequence[Document]) -> None:
        raise RuntimeError("simulated")

    monkeypatch.setattr(Linter, "prefetch", broken)
    assert _run(cfg, [str(tmp_path / "c")], jobs=1) == expected


def test_rules_loaded_in_a_child_while_the_model_loads_here(tmp_path: Path) -> None:
    """The pool's rules come from a forked child, with their key index; the run takes them as its own."""
    from lintnews.core.sources import make_document
    from lintnews.speed.parallel import Pool

    cfg = _cfg(tmp_path)
    run = make_run(cfg, RunOptions(jobs=2))
    adopted: list[Linter] = []

    def adopt(linter: Linter) -> None:
        adopted.append(linter)

    docs = [make_document(f"{i}.txt", f"Story {i} came this Monday in colour.") for i in range(20)]
    with Pool(lambda: run.linter, 2, list, True, adopt) as pool:
        got = [(d.path, [(f.rule, f.offset) for f in fs]) for d, (fs, _, _) in pool.lint((d, None) for d in docs)]
    assert run._linter is None  # built in the child, not here
    assert len(adopted) == 1 and adopted[0].keys() is not None
    # the child compiled the patterns the first documents call for, and they came back compiled
    warmed = {c.rule.id for c in adopted[0].checkers if getattr(c, "_pattern", None) is not None}
    assert "enginetest.this-day" in warmed and "enginetest.run-together" not in warmed
    here = [(d.path, [(f.rule, f.offset) for f in adopted[0].lint(make_document(d.path, d.text))]) for d in docs]
    assert got == here and any(fs for _, fs in got)


def test_rules_that_fail_in_the_child_are_loaded_here_and_fail_as_usual(tmp_path: Path) -> None:
    import os

    from lintnews.core.sources import make_document
    from lintnews.speed.parallel import Pool

    parent = os.getpid()
    calls: list[int] = []

    def dies_in_the_child() -> Linter:
        if os.getpid() != parent:
            os._exit(3)  # the child dies without a word
        calls.append(1)
        return make_run(_cfg(tmp_path), RunOptions(jobs=2)).linter

    docs = [make_document(f"{i}.txt", f"Story {i} came this Monday.") for i in range(3)]
    with Pool(dies_in_the_child, 2, list) as pool:
        assert len(list(pool.lint((d, None) for d in docs))) == 3
    assert calls == [1]

    def broken() -> Linter:
        raise RuntimeError("the rules could not be loaded")

    with Pool(broken, 2, list) as pool, pytest.raises(RuntimeError):
        list(pool.lint((d, None) for d in docs))


def test_workers_send_back_what_the_cross_document_pass_reads() -> None:
    """The name pairs a worker found in a document come back with its findings: the pass over all documents
    does not work them out again, and they are the ones the document has."""
    from lintnews.checkers.consistency.names import PAIRS_KEY, pairs
    from lintnews.core.sources import make_document
    from lintnews.rules.rulepack import collect_pack_paths, load_packs
    from lintnews.speed.parallel import Pool

    rules = [r for p in load_packs(collect_pack_paths()) for r in p.rules if r.id.startswith("consistency.")]
    linter = Linter(rules)
    assert PAIRS_KEY in linter.corpus_cache_keys()
    texts = [f"Antony Blinken met Mahmoud Abbas in Ramallah on day {i}. Anthony Blinken left." for i in range(6)]
    docs = [make_document(f"{i}.txt", t) for i, t in enumerate(texts)]
    with Pool(linter, 2, list) as pool:
        got = list(pool.lint((d, None) for d in docs))
    assert [d.path for d, _ in got] == [d.path for d in docs]
    from lintnews.core.document import WORD_COUNT

    for doc in docs:
        assert doc.cache[PAIRS_KEY] == pairs(make_document(doc.path, doc.text))
        assert ("Antony", "Blinken") in doc.cache[PAIRS_KEY]
        # and the word count the report's summary wants, counted in the worker
        assert doc.cache[WORD_COUNT] == make_document(doc.path, doc.text).word_count == 13


def test_the_last_batches_of_a_run_of_known_length_are_small() -> None:
    from concurrent.futures import Future

    from lintnews.core.sources import make_document
    from lintnews.speed.parallel import BATCH_DOCS, TAIL_BATCH_DOCS, TAIL_DOCS_PER_JOB, Pool

    sizes: list[int] = []

    class Recorder:
        def submit(self, fn: object, docs: list[Document]) -> Future[list[object]]:
            sizes.append(len(docs))
            done: Future[list[object]] = Future()
            done.set_result([(([], [], None), {}) for _ in docs])
            return done

    n = 200
    docs = [make_document(f"{i}.txt", "A short story.") for i in range(n)]
    for total in (n, None):
        sizes.clear()
        pool = Pool(Linter([]), 2, list)
        pool._executor = Recorder()  # type: ignore[assignment]
        assert [d.path for d, _ in pool.lint(((d, None) for d in docs), total)] == [d.path for d in docs]
        assert sum(sizes) == n
        if total is None:
            assert set(sizes) == {BATCH_DOCS} | {n % BATCH_DOCS}
        else:
            tail = 2 * TAIL_DOCS_PER_JOB
            assert max(sizes[-(tail // TAIL_BATCH_DOCS) :]) <= TAIL_BATCH_DOCS
            assert sizes[0] == BATCH_DOCS
