"""Each document's settings and rules: the config `check` would find from its folder, reloaded when it changes."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..core.config import Config, resolve
from ..core.errors import LintnewsError
from ..engine.lint import Linter
from ..engine.ruleset import make_linter
from ..rules.rulepack import collect_pack_paths

# the files whose presence or change can alter what `discover` finds in a folder
CONFIG_NAMES = (".lintnews.toml", "pyproject.toml")
# (path, mtime_ns, size) per file that a config or its house packs depend on; -1 for a missing file
Stamp = tuple[tuple[str, int, int], ...]


def _stat(path: Path | str) -> tuple[str, int, int]:
    try:
        st = os.stat(path)
    except OSError:
        return (str(path), -1, -1)
    return (str(path), st.st_mtime_ns, st.st_size)


def folder_stamp(folder: Path) -> Stamp:
    """What discovery from `folder` upward depends on: each config candidate on the way to the root."""
    return tuple(_stat(d / name) for d in (folder, *folder.parents) for name in CONFIG_NAMES)


@dataclass
class Project:
    """The settings and the rules for the documents of one folder; `problem` is set instead when they are bad."""

    cfg: Config | None
    linter: Linter | None
    problem: str | None = None
    packs: Stamp = field(default=())

    @property
    def label(self) -> str:
        return self.cfg.source if self.cfg is not None and self.cfg.source else "defaults"


class Projects:
    """Config and rules per folder, kept loaded; a folder is looked at again when its config files change
    on disk (checked by their modification times on every use, so a client that watches no files still sees
    it), or when the client says a config or a house pack changed (invalidate)."""

    def __init__(self, cwd: Path) -> None:
        self.cwd = cwd
        self._folders: dict[Path, tuple[Stamp, Project]] = {}
        # one linter per distinct config and house packs: every folder under a project shares its rules
        self._linters: dict[tuple[Config, Stamp], Linter] = {}

    def for_path(self, path: str) -> Project:
        folder = Path(path).parent.resolve()
        stamp = folder_stamp(folder)
        known = self._folders.get(folder)
        if known is not None and known[0] == stamp and known[1].packs == self._packs_stamp(known[1].cfg):
            return known[1]
        project = self._load(folder)
        self._folders[folder] = (stamp, project)
        # rules no folder uses any more (an edited config's old ones) are let go: each set holds megabytes
        live = {id(p.linter) for _, p in self._folders.values()}
        self._linters = {k: v for k, v in self._linters.items() if id(v) in live}
        return project

    def _packs_stamp(self, cfg: Config | None) -> Stamp:
        if cfg is None or not cfg.rule_packs:
            return ()
        try:
            files = collect_pack_paths(cfg.rule_packs, builtin=False)
        except LintnewsError:
            return (("missing", -1, -1),)
        # a folder of packs changes when a pack is added or removed, as well as when one is edited
        return tuple(_stat(p) for p in [*cfg.rule_packs, *map(str, files)])

    def _load(self, folder: Path) -> Project:
        try:
            cfg = resolve(None, self.cwd, start=folder)
        except LintnewsError as e:
            return Project(None, None, f"config: {e}")
        packs = self._packs_stamp(cfg)
        key = (cfg, packs)
        linter = self._linters.get(key)
        if linter is None:
            try:
                linter = make_linter(cfg)
            except LintnewsError as e:
                return Project(cfg, None, f"rules: {e}", packs)
            self._linters[key] = linter
        return Project(cfg, linter, None, packs)

    def invalidate(self) -> None:
        """Forget every folder's settings and rules (a config or house pack changed): loaded again on next use."""
        self._folders.clear()
        self._linters.clear()
