"""Settings: defaults < pyproject [tool.lintnews] or .lintnews.toml < --config file < command-line flags."""

from __future__ import annotations

import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .findings import CATEGORIES, Severity

FORMATS = ("text", "json")


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.ERROR
    languages: tuple[str, ...] = ()
    rule_packs: tuple[str, ...] = ()
    max_file_size: int = 20_000_000
    source: str = ""

    def rule_selected(self, rule_id: str, category: str) -> bool:
        if self.select and not any(_matches(s, rule_id, category) for s in self.select):
            return False
        return not any(_matches(s, rule_id, category) for s in self.ignore)


def _matches(selector: str, rule_id: str, category: str) -> bool:
    if selector in CATEGORIES and selector == category:
        return True
    return rule_id == selector or rule_id.startswith(selector + ".") or rule_id.startswith(selector + "-")


def _str_list(value: Any, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: key '{key}' must be a list of strings")
    return tuple(value)


KEYS = {"select", "ignore", "fail-on", "languages", "rule-packs", "max-file-size"}


def from_mapping(data: dict[str, Any], where: str, base: Config | None = None, root: Path | None = None) -> Config:
    cfg = base or Config()
    for key in data:
        if key not in KEYS:
            raise ConfigError(f"{where}: unknown key '{key}' (known: {', '.join(sorted(KEYS))})")
    changes: dict[str, Any] = {"source": where}
    if "select" in data:
        changes["select"] = _str_list(data["select"], "select", where)
    if "ignore" in data:
        changes["ignore"] = _str_list(data["ignore"], "ignore", where)
    if "fail-on" in data:
        try:
            changes["fail_on"] = Severity.parse(str(data["fail-on"]))
        except ValueError as e:
            raise ConfigError(f"{where}: key 'fail-on': {e}") from None
    if "languages" in data:
        changes["languages"] = _str_list(data["languages"], "languages", where)
    if "rule-packs" in data:
        packs = _str_list(data["rule-packs"], "rule-packs", where)
        changes["rule_packs"] = tuple(str((root / p) if root and not Path(p).is_absolute() else p) for p in packs)
    if "max-file-size" in data:
        v = data["max-file-size"]
        if not isinstance(v, int) or isinstance(v, bool) or v < 0:
            raise ConfigError(f"{where}: key 'max-file-size' must be a whole number of bytes")
        changes["max_file_size"] = v
    return replace(cfg, **changes)


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            return tomllib.load(fh)
    except OSError as e:
        raise ConfigError(f"{path}: cannot read: {e.strerror or e}") from None
    except tomllib.TOMLDecodeError as e:
        raise ConfigError(f"{path}: invalid TOML: {e}") from None


def load_file(path: Path, base: Config | None = None) -> Config:
    data = read_toml(path)
    if path.name == "pyproject.toml":
        section = data.get("tool", {}).get("lintnews")
        if section is None:
            return base or Config()
        data = section
    elif "tool" in data and "lintnews" in data.get("tool", {}):
        data = data["tool"]["lintnews"]
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: [tool.lintnews] must be a table")
    return from_mapping(data, str(path), base, root=path.parent)


def discover(start: Path) -> Path | None:
    """The nearest .lintnews.toml, or pyproject.toml with [tool.lintnews], from start upward."""
    start = start.resolve()
    for folder in (start, *start.parents):
        cand = folder / ".lintnews.toml"
        if cand.is_file():
            return cand
        py = folder / "pyproject.toml"
        if py.is_file():
            try:
                if "lintnews" in read_toml(py).get("tool", {}):
                    return py
            except ConfigError:
                continue
    return None


def resolve(config_path: str | None, cwd: Path, overrides: dict[str, Any] | None = None) -> Config:
    cfg = Config()
    path = Path(config_path) if config_path else discover(cwd)
    if config_path and not Path(config_path).is_file():
        raise ConfigError(f"{config_path}: config file not found")
    if path is not None:
        cfg = load_file(path, cfg)
    if overrides:
        cfg = from_mapping({k: v for k, v in overrides.items() if v is not None}, "command line", cfg, root=cwd)
    return cfg


def unknown_selectors(cfg: Config, rule_ids: Iterable[str]) -> list[str]:
    ids = list(rule_ids)
    bad = []
    for s in (*cfg.select, *cfg.ignore):
        if s in CATEGORIES:
            continue
        if not any(_matches(s, rid, "") for rid in ids):
            bad.append(s)
    return bad
