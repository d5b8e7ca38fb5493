"""Lint JSON Lines shards on a Dask cluster: one task per shard, each running the streaming lint of one process.

    python -m lintnews.distributed --scheduler tcp://scheduler:8786 archive/*.jsonl > findings.jsonl

Needs the `dask` extra (pip install 'lintnews[dask]') on the client and on every worker, and shard paths every
worker can read (a shared file system). Each worker process builds the rules once and reuses them for every
shard it gets. Like `check --stream`, there is no cross-document pass: shards are linted independently.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .config import Config, resolve
from .lint import Linter
from .report import finding_json
from .results import article_findings
from .ruleset import make_linter
from .runner import Run, RunOptions


@dataclass
class ShardResult:
    """What one shard gives back: its findings (as in --format json), input errors, notices and counts."""

    shard: str
    findings: list[dict[str, Any]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    notices: list[str] = field(default_factory=list)
    articles: int = 0
    words: int = 0


@cache
def _linter(cfg: Config, extra_packs: tuple[str, ...]) -> Linter:
    # once per worker process and configuration: a worker gets many shards
    return make_linter(cfg, extra_packs)


def lint_shard(shard: str, cfg: Config | None = None, extra_packs: tuple[str, ...] = ()) -> ShardResult:
    """Lint one JSON Lines shard line by line (any size, bounded memory); the function each Dask task runs."""
    cfg = cfg or Config()
    linter = _linter(cfg, extra_packs)
    before = len(linter.notices)
    run = Run(linter, cfg, RunOptions(jobs=1, stream=True))
    out = ShardResult(shard)
    for r in run.iter_results([shard]):
        if r.error:
            out.errors.append(r.error)
            continue
        article_findings(r)
        out.findings.extend(finding_json(f) for f in r.findings)
        if r.doc is not None:
            out.articles += 1
            out.words += r.doc.word_count
    out.notices = list(dict.fromkeys([*linter.notices[before:], *run.notices]))
    return out


def lint_shards(
    shards: Sequence[str], client: Any, cfg: Config | None = None, extra_packs: Sequence[str] = ()
) -> Iterator[ShardResult]:
    """Lint each shard on the cluster behind `client` (a distributed.Client); results in the order given.

    Results are gathered one at a time, so the client holds one shard's findings at once.
    """
    futures = client.map(lint_shard, list(shards), cfg=cfg or Config(), extra_packs=tuple(extra_packs), pure=False)
    for fut in futures:
        yield fut.result()
        fut.release()


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(prog="python -m lintnews.distributed", description=__doc__.splitlines()[0])
    ap.add_argument("shards", nargs="+", metavar="SHARD.jsonl")
    ap.add_argument("--scheduler", metavar="ADDRESS", help="a Dask scheduler (tcp://host:8786); default: a local one")
    ap.add_argument("--config", metavar="FILE", help="a .lintnews.toml or pyproject.toml")
    ap.add_argument("--rule-pack", action="append", default=[], metavar="PATH")
    a = ap.parse_args(argv)
    from distributed import Client, LocalCluster

    cfg = resolve(a.config, Path.cwd(), {}, start=Path.cwd())
    shards = [str(Path(s).resolve()) for s in a.shards]
    errors = 0
    # no address: a cluster of this machine's cores, as `lintnews check --jobs` would use
    target = a.scheduler or LocalCluster()  # type: ignore[no-untyped-call]
    with Client(target) as client:  # type: ignore[no-untyped-call]
        for res in lint_shards(shards, client, cfg, a.rule_pack):
            for f in res.findings:
                sys.stdout.write(json.dumps(f, ensure_ascii=False) + "\n")
            for e in res.errors:
                print(f"lintnews: error: {e}", file=sys.stderr)
            for n in res.notices:
                print(f"lintnews: warning: {n}", file=sys.stderr)
            errors += len(res.errors)
            print(f"lintnews: {res.shard}: {res.articles} articles, {len(res.findings)} findings", file=sys.stderr)
    return 2 if errors else 0


if __name__ == "__main__":
    raise SystemExit(main())
