"""Options shared by the commands that lint (`check`, `report`): which rules, which config."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from ..core.config import Config, resolve, search_start


def add_rule_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--select",
        action="append",
        metavar="ID",
        help="only these rules (id, id prefix or category); comma-separated or repeated",
    )
    p.add_argument(
        "--extend-select",
        action="append",
        metavar="ID",
        help="add these rules to the selection of the config or --select; comma-separated or repeated",
    )
    p.add_argument(
        "--ignore",
        action="append",
        metavar="ID",
        help="skip these rules (id, id prefix or category); comma-separated or repeated",
    )
    p.add_argument(
        "--language",
        action="append",
        metavar="LANG",
        help="source language of the copy (es, fr, pt, it): picks calque packs; comma-separated or repeated",
    )
    p.add_argument(
        "--rule-pack", action="append", default=[], metavar="PATH", help="extra rule pack file or folder; repeatable"
    )
    p.add_argument(
        "--config", metavar="FILE", help="a .lintnews.toml or pyproject.toml to use instead of the one found"
    )


def resolve_config(args: argparse.Namespace, paths: list[str], **overrides: Any) -> Config:
    """The config for linting `paths`: found upward from the first path's folder, then the flags on top."""
    cwd = Path.cwd()
    flags = {
        "select": comma_list(args.select),
        "extend-select": comma_list(args.extend_select),
        "ignore": comma_list(args.ignore),
        "languages": comma_list(args.language),
        **overrides,
    }
    return resolve(args.config, cwd, flags, start=search_start(paths, cwd))


def comma_list(values: list[str] | None) -> list[str] | None:
    """`--select a,b --select c` as ruff reads it: three selectors (an empty item is kept, to be refused)."""
    if values is None:
        return None
    return [item.strip() if item.strip() else item for v in values for item in v.split(",")]
