"""Settings: defaults < pyproject [tool.lintnews] or .lintnews.toml < --config file < environment < flags."""

from __future__ import annotations

import os
import re
import tomllib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from .errors import ConfigError
from .findings import CATEGORIES, Severity

FORMATS = ("text", "concise", "json", "github", "sarif", "junit", "gitlab")
# What a folder walk picks up unless `include` says otherwise; files named on the command line are always read.
DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.jsonl")
LANGUAGETOOL_ENV = "LINTNEWS_LANGUAGETOOL_URL"


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    fail_on: Severity = Severity.ERROR
    languages: tuple[str, ...] = ()
    rule_packs: tuple[str, ...] = ()
    max_file_size: int = 20_000_000
    include: tuple[str, ...] = DEFAULT_INCLUDE
    exclude: tuple[str, ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()
    languagetool_url: str | None = None
    languagetool_path: str | None = None
    jsonl_text_field: str = "text"
    jsonl_id_field: str = "id"
    max_score: float | None = None
    source: str = ""
    # the folder relative globs (include, exclude, per-file-ignores) are matched from: the config file's, or cwd
    root: Path = field(default_factory=Path.cwd)

    def rule_selected(self, rule_id: str, category: str) -> bool:
        if self.select and not any(_matches(s, rule_id, category) for s in self.select):
            return False
        return not any(_matches(s, rule_id, category) for s in self.ignore)

    def settings(self) -> dict[str, Any]:
        """Run-wide settings handed to every checker (Linter(settings=...))."""
        out: dict[str, Any] = {}
        if self.languagetool_url:
            out["languagetool-url"] = self.languagetool_url
        if self.languagetool_path:
            out["languagetool-path"] = self.languagetool_path
        return out

    def relative(self, path: str) -> str:
        """A path as the globs see it: relative to the root with forward slashes, or as given when outside it."""
        p = Path(path)
        try:
            return p.resolve().relative_to(self.root.resolve()).as_posix()
        except (ValueError, OSError, RuntimeError):  # RuntimeError: a symlink loop (Python < 3.13)
            return p.as_posix()

    def excluded(self, path: str) -> bool:
        return any(glob_match(g, self.relative(path)) for g in self.exclude)

    def excluded_folder(self, path: str) -> bool:
        # a child name that no glob of a file pattern can match, so only folder-level patterns hit
        rel = self.relative(path) + "/."
        return any(glob_match(g, rel) for g in self.exclude)

    def included(self, path: str) -> bool:
        return any(glob_match(g, self.relative(path)) for g in self.include)

    def ignored_for(self, path: str) -> tuple[str, ...]:
        """Rule selectors per-file-ignores turns off for this path."""
        rel = self.relative(path)
        return tuple(s for g, ids in self.per_file_ignores if glob_match(g, rel) for s in ids)


def _matches(selector: str, rule_id: str, category: str) -> bool:
    if selector in CATEGORIES and selector == category:
        return True
    return rule_id == selector or rule_id.startswith(selector + ".") or rule_id.startswith(selector + "-")


def selector_matches(selector: str, rule_id: str, category: str) -> bool:
    """Does a selector (rule id, id prefix or category) pick this rule?"""
    return _matches(selector, rule_id, category)


@cache
def _glob_regex(pattern: str) -> re.Pattern[str]:
    out = []
    i = 0
    while i < len(pattern):
        c = pattern[i]
        if pattern.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
            continue
        if pattern.startswith("**", i):
            out.append(".*")
            i += 2
            continue
        if c == "*":
            out.append("[^/]*")
        elif c == "?":
            out.append("[^/]")
        elif c == "[":
            j = pattern.find("]", i + 1)
            if j < 0:
                out.append(re.escape(c))
            else:
                body = pattern[i + 1 : j]
                if body.startswith("!"):
                    body = "^" + body[1:]
                out.append("[" + body.replace("\\", "\\\\") + "]")
                i = j
        else:
            out.append(re.escape(c))
        i += 1
    return re.compile("".join(out) + r"\Z")


def glob_match(pattern: str, rel_path: str) -> bool:
    """gitignore-like globs: `*` stays within a folder, `**` crosses folders, a trailing `/` means "the folder".

    A pattern without `/` matches the file's name or any folder name on its path (`drafts`, `*.html`);
    one with `/` is matched against the whole path from the root (`archive/**/*.jsonl`).
    """
    pat = pattern.strip().removeprefix("./")
    if pat.endswith("/"):
        pat = pat.rstrip("/")
        parts = rel_path.split("/")[:-1]  # folders only
        if "/" not in pat:
            return any(_glob_regex(pat).match(p) for p in parts)
        return any(_glob_regex(pat).match("/".join(parts[: i + 1])) for i in range(len(parts)))
    if "/" not in pat:
        return any(_glob_regex(pat).match(p) for p in rel_path.split("/"))
    pat = pat.lstrip("/")
    rx = _glob_regex(pat)
    parts = rel_path.split("/")
    # a pattern naming a folder covers everything below it
    return any(rx.match("/".join(parts[: i + 1])) for i in range(len(parts)))


def _str_list(value: Any, key: str, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ConfigError(f"{where}: key '{key}' must be a list of strings")
    return tuple(value)


def _field_name(value: Any, key: str, where: str) -> str:
    if not isinstance(value, str) or not value:
        raise ConfigError(f"{where}: key '{key}' must be a non-empty string (a JSON field name)")
    return value


def _url(value: Any, key: str, where: str) -> str:
    if not isinstance(value, str) or not re.match(r"https?://[^\s/]+", value):
        raise ConfigError(f"{where}: key '{key}' must be an http:// or https:// URL, got {value!r}")
    return value.rstrip("/")


KEYS = {
    "select",
    "ignore",
    "fail-on",
    "languages",
    "rule-packs",
    "max-file-size",
    "include",
    "exclude",
    "extend-exclude",
    "per-file-ignores",
    "languagetool-url",
    "languagetool-path",
    "jsonl-text-field",
    "jsonl-id-field",
    "max-score",
}


def from_mapping(data: Mapping[str, Any], where: str, base: Config | None = None, root: Path | None = None) -> Config:
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
    if "include" in data:
        inc = _str_list(data["include"], "include", where)
        if not inc:
            raise ConfigError(f"{where}: key 'include' must name at least one glob")
        changes["include"] = inc
    if "exclude" in data:
        changes["exclude"] = _str_list(data["exclude"], "exclude", where)
    if "extend-exclude" in data:
        base_ex = changes.get("exclude", cfg.exclude)
        changes["exclude"] = (*base_ex, *_str_list(data["extend-exclude"], "extend-exclude", where))
    if "per-file-ignores" in data:
        pfi = data["per-file-ignores"]
        if not isinstance(pfi, Mapping):
            raise ConfigError(f"{where}: key 'per-file-ignores' must be a table of glob = [rule ids]")
        changes["per_file_ignores"] = tuple(
            (str(g), _str_list(ids, f"per-file-ignores.{g}", where)) for g, ids in pfi.items()
        )
    if "languagetool-url" in data:
        changes["languagetool_url"] = _url(data["languagetool-url"], "languagetool-url", where)
    if "languagetool-path" in data:
        lt = data["languagetool-path"]
        if not isinstance(lt, str) or not lt.strip():
            raise ConfigError(f"{where}: key 'languagetool-path' must be the path of a LanguageTool folder")
        lt_path = Path(lt).expanduser()
        changes["languagetool_path"] = str(lt_path if lt_path.is_absolute() or root is None else root / lt_path)
    if "jsonl-text-field" in data:
        changes["jsonl_text_field"] = _field_name(data["jsonl-text-field"], "jsonl-text-field", where)
    if "jsonl-id-field" in data:
        changes["jsonl_id_field"] = _field_name(data["jsonl-id-field"], "jsonl-id-field", where)
    if "max-score" in data:
        v = data["max-score"]
        if not isinstance(v, (int, float)) or isinstance(v, bool) or v < 0:
            raise ConfigError(f"{where}: key 'max-score' must be a number >= 0 (weighted findings per 1,000 words)")
        changes["max_score"] = float(v)
    if root is not None and where != "command line":
        changes["root"] = root
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
    return from_mapping(data, str(path), base, root=path.parent.resolve())


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


def search_start(paths: Iterable[str], cwd: Path) -> Path:
    """Where to look for the config: the first named path's folder (a file's parent), else cwd."""
    for p in paths:
        if p == "-":
            continue
        path = Path(p) if Path(p).is_absolute() else cwd / p
        if path.is_dir():
            return path
        if path.parent.is_dir():
            return path.parent
        break
    return cwd


def resolve(
    config_path: str | None,
    cwd: Path,
    overrides: dict[str, Any] | None = None,
    env: Mapping[str, str] | None = None,
    start: Path | None = None,
) -> Config:
    """The run's settings; the config file is looked for upward from `start` (default cwd)."""
    cfg = Config(root=cwd.resolve())
    if config_path and not Path(config_path).is_file():
        raise ConfigError(f"{config_path}: config file not found")
    path = Path(config_path) if config_path else discover(start or cwd)
    if path is not None:
        cfg = load_file(path, cfg)
    env = os.environ if env is None else env
    if env.get(LANGUAGETOOL_ENV):
        cfg = from_mapping({"languagetool-url": env[LANGUAGETOOL_ENV]}, f"environment {LANGUAGETOOL_ENV}", cfg)
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
