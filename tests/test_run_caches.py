"""A run in one process keeps on each document only what a worker would send back with it."""

from __future__ import annotations

from pathlib import Path

from lintnews.core.config import Config
from lintnews.core.document import WORD_COUNT
from lintnews.engine.runner import RunOptions, make_run

TEXT = "Ana Lima met Jose Silva in Lisbon on Monday.\n\nJose Silva said the talks went well.\n\nFollow us on X\n"


def _results(tmp_path: Path, jobs: int) -> list[tuple[str, list[tuple[str, int]]]]:
    folder = tmp_path / "c"
    folder.mkdir(exist_ok=True)
    for i, name in enumerate(["Ana Lima", "Ana Lima", "Anna Lima"]):
        (folder / f"a{i}.txt").write_text(TEXT.replace("Ana Lima", name), encoding="utf-8")
    cfg = Config(select=("boilerplate.repeated-line", "consistency.name-spelling"), root=tmp_path)
    run = make_run(cfg, RunOptions(jobs=jobs))
    results = run.execute([str(folder)])
    keep = {*run.linter.corpus_cache_keys(), WORD_COUNT}
    for r in results:
        assert r.doc is not None and set(r.doc.cache) <= keep, set(r.doc.cache) - keep
    return [(r.path, [(f.rule, f.offset) for f in r.findings]) for r in results]


def test_one_process_keeps_what_a_worker_sends(tmp_path: Path) -> None:
    one = _results(tmp_path, 1)
    assert any(f for _, f in one)
    assert one == _results(tmp_path, 2)
