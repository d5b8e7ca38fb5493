"""lintnews.distributed on a Dask LocalCluster: the shard function gives what `check` gives per article."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from lintnews.config import Config
from lintnews.distributed import lint_shard, lint_shards

from .conftest import ENGINE_PACK


def _setup(tmp_path: Path) -> tuple[Config, list[str]]:
    (tmp_path / "enginetest.yaml").write_text(ENGINE_PACK, encoding="utf-8")
    cfg = Config(select=("enginetest",), rule_packs=(str(tmp_path / "enginetest.yaml"),), root=tmp_path)
    shards = []
    for s in range(3):
        p = tmp_path / f"shard{s}.jsonl"
        rows = [json.dumps({"id": f"{s}-{i}", "text": f"Shard {s} item {i} this Monday."}) for i in range(5)]
        p.write_text("\n".join(rows) + "\n", encoding="utf-8")
        shards.append(str(p))
    return cfg, shards


def test_lint_shard_in_process(tmp_path: Path) -> None:
    cfg, shards = _setup(tmp_path)
    res = lint_shard(shards[0], cfg)
    assert res.articles == 5 and not res.errors
    assert [f["article"] for f in res.findings] == [f"0-{i}" for i in range(5)]
    assert {f["path"] for f in res.findings} == {shards[0]}


@pytest.mark.slow
def test_lint_shards_on_a_local_cluster(tmp_path: Path) -> None:
    distributed = pytest.importorskip("distributed")
    cfg, shards = _setup(tmp_path)
    with (
        distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster,
        distributed.Client(cluster) as client,
    ):
        results = list(lint_shards(shards, client, cfg))
    assert [r.shard for r in results] == shards
    assert [r.findings for r in results] == [lint_shard(s, cfg).findings for s in shards]
    assert sum(len(r.findings) for r in results) == 15
