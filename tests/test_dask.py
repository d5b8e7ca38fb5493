"""`check --dask`: the worker plugin lints as a local run does; tasks, order and paths as the user gave them."""

from __future__ import annotations

import json
import os
import pickle
from pathlib import Path

import pytest

from lintnews.commands.cluster import _as_given
from lintnews.core.config import Config
from lintnews.core.findings import Finding, Severity
from lintnews.engine.results import FileResult
from lintnews.engine.ruleset import make_linter
from lintnews.engine.runner import Run, RunOptions

from .conftest import ENGINE_PACK, CliRunner, engine_args

distributed = pytest.importorskip("distributed")

from lintnews.speed.distributed import PLUGIN_NAME, LintnewsPlugin, batches, lint_on_cluster, register  # noqa: E402


def _setup(tmp_path: Path) -> tuple[Config, list[str]]:
    (tmp_path / "enginetest.yaml").write_text(ENGINE_PACK, encoding="utf-8")
    cfg = Config(select=("enginetest",), rule_packs=(str(tmp_path / "enginetest.yaml"),), root=tmp_path)
    paths = []
    for s in range(2):
        p = tmp_path / f"shard{s}.jsonl"
        rows = [json.dumps({"id": f"{s}-{i}", "text": f"Shard {s} item {i} this Monday."}) for i in range(5)]
        p.write_text("\n".join(rows) + "\n", encoding="utf-8")
        paths.append(str(p))
    for i in range(3):
        p = tmp_path / f"file{i}.txt"
        p.write_text(f"File {i} came this Tuesday and and went.\n", encoding="utf-8")
        paths.append(str(p))
    return cfg, paths


def test_batches_keep_order_and_put_each_shard_alone(tmp_path: Path) -> None:
    files = []
    for i in range(5):
        p = tmp_path / f"{i}.txt"
        p.write_text("x" * 40, encoding="utf-8")
        files.append(str(p))
    shard = str(tmp_path / "s.jsonl")
    got = batches([files[0], files[1], shard, *files[2:]], batch_chars=100, batch_docs=16)
    # 40 + 40 bytes stay together, the shard goes alone, then 40 + 40 + 40 reaches 100
    assert got == [files[:2], [shard], files[2:5]]
    assert batches(files, batch_chars=10**6, batch_docs=2) == [files[:2], files[2:4], files[4:]]
    assert batches([]) == []


def test_the_plugin_lints_as_a_local_run(tmp_path: Path) -> None:
    cfg, paths = _setup(tmp_path)
    plugin = LintnewsPlugin(cfg, use_cache=False)
    plugin.setup()
    linted, notices = plugin.lint(paths)
    local = list(Run(make_linter(cfg), cfg, RunOptions(jobs=1, stream=True)).iter_results(paths))
    assert [x.result.findings for x in linted] != []
    assert [x.result.path for x in linted] == [r.path for r in local]
    from lintnews.engine.results import article_findings

    for r in local:
        article_findings(r)
    assert [x.result.findings for x in linted] == [r.findings for r in local]
    assert all(x.result.doc is None for x in linted)  # documents stay on the worker
    assert [x.words for x in linted] == [r.doc.word_count for r in local if r.doc is not None]
    assert notices == []
    # what travels to the workers is the settings, never a built linter
    assert "linter" not in plugin.__getstate__()
    copy = pickle.loads(pickle.dumps(plugin))
    assert copy.linter is None and copy.cfg == cfg


def test_results_come_back_under_the_paths_as_given() -> None:
    f = Finding("/abs/a.jsonl", "r.x", "punctuation", Severity.WARNING, "m", 0, 1, 1, 1, 1, 2)
    r = FileResult("/abs/a.jsonl#L3", [f], file="/abs/a.jsonl", article="7", error=None)
    back = _as_given(r, {"/abs/a.jsonl": "a.jsonl"})
    assert (back.path, back.file, back.findings[0].path) == ("a.jsonl#L3", "a.jsonl", "a.jsonl")
    err = _as_given(FileResult("/abs/b.txt", error="/abs/b.txt: cannot decode"), {"/abs/b.txt": "b.txt"})
    assert (err.path, err.error) == ("b.txt", "b.txt: cannot decode")


def test_dask_refuses_other_formats_and_stdin(cli: CliRunner, workdir: Path) -> None:
    (workdir / "a.txt").write_text("He came this Monday.\n", encoding="utf-8")
    r = cli([*engine_args("--dask", "local"), "a.txt"])
    assert r.returncode == 2 and b"--dask works with --format json only" in r.stderr
    r = cli([*engine_args("--dask", "local", "--format", "json"), "-"], stdin=b"He came this Monday.\n")
    assert r.returncode == 2 and b"stdin" in r.stderr


@pytest.mark.slow
def test_a_local_cluster_gives_what_a_local_run_gives(tmp_path: Path) -> None:
    cfg, paths = _setup(tmp_path)
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        register(client, cfg, use_cache=False)
        assert all(PLUGIN_NAME in p for p in client.run(lambda dask_worker: list(dask_worker.plugins)).values())
        tasks = batches(paths, batch_docs=2)
        results = list(lint_on_cluster(client, tasks))
    plugin = LintnewsPlugin(cfg, use_cache=False)
    assert [res for res in results] == [plugin.lint(t) for t in tasks]
    assert sum(len(x.result.findings) for linted, _ in results for x in linted) == 10 + 6


@pytest.mark.slow
def test_check_dask_local_writes_the_stream_report(cli: CliRunner, workdir: Path) -> None:
    for i in range(3):
        (workdir / f"a{i}.txt").write_text(f"Item {i} came this Monday.\n", encoding="utf-8")
    args = ["--format", "json", "--no-cache"]
    streamed = cli([*engine_args(*args, "--stream"), "."])
    dask = cli([*engine_args(*args, "--dask", "local", "--jobs", "2"), "."], timeout=300)
    assert dask.returncode == streamed.returncode == 0, dask.stderr
    assert json.loads(dask.stdout) == json.loads(streamed.stdout)
    assert json.loads(dask.stdout)["summary"]["findings"] == 3


def test_an_unreachable_scheduler_is_one_line_and_exit_2(cli: CliRunner, workdir: Path) -> None:
    (workdir / "a.txt").write_text("He came this Monday.\n", encoding="utf-8")
    env = {**os.environ, "DASK_DISTRIBUTED__COMM__TIMEOUTS__CONNECT": "1s"}
    r = cli([*engine_args("--dask", "tcp://127.0.0.1:9", "--format", "json"), "a.txt"], env=env)
    assert r.returncode == 2 and r.stdout == b""
    (line,) = r.stderr.decode().splitlines()
    assert line.startswith("lintnews: error: --dask tcp://127.0.0.1:9: cannot reach the scheduler")
