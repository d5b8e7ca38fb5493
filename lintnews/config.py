"""Settings: defaults < pyproject [tool.lintnews] or .lintnews.toml < --config file < environment < flags."""

from __future__ import annotations

import difflib
import math
import os
import re
import stat
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
# a file is read whole into memory (about 4 bytes a character as a str, twice over as text and view)
MAX_FILE_SIZE_LIMIT = 1_000_000_000
# the flag that sets each key, for errors about the command line
FLAGS = {
    "select": "--select",
    "ignore": "--ignore",
    "extend-select": "--extend-select",
    "languages": "--language",
    "extend-exclude": "--exclude",
    "max-score": "--max-score",
}


@dataclass(frozen=True)
class Config:
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    # added to `select` (when it is set: an empty select already picks every rule)
    extend_select: tuple[str, ...] = ()
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
    # (key, value, where it was set) for every rule selector and language, so an unknown one is reported
    # naming the file or flag it came from (see check_names)
    origins: tuple[tuple[str, str, str], ...] = ()

    def rule_selected(self, rule_id: str, category: str) -> bool:
        if self.select and not any(_matches(s, rule_id, category) for s in (*self.select, *self.extend_select)):
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
        raise ConfigError(f"{_where(where, key)} must be a list of strings")
    return tuple(value)


def _where(where: str, key: str) -> str:
    """How an error names a setting: the flag for the command line, else the file and its key."""
    if where == "command line" and key in FLAGS:
        return FLAGS[key]
    return f"{where}: key '{key}'"


def _globs(value: Any, key: str, where: str) -> tuple[str, ...]:
    """A list of globs, each checked to compile: a bad one is an error now, not on the first file it meets."""
    globs = _str_list(value, key, where)
    for g in globs:
        _check_glob(g, key, where)
    return globs


def _check_glob(glob: str, key: str, where: str) -> None:
    try:
        _glob_regex(glob.strip().removeprefix("./").rstrip("/").lstrip("/"))
    except re.error as e:
        raise ConfigError(f"{_where(where, key)}: bad glob {glob!r}: {e}") from None


def _selectors(value: Any, key: str, where: str) -> tuple[str, ...]:
    sels = _str_list(value, key, where)
    for s in sels:
        if not s.strip() or s != s.strip():
            raise ConfigError(f"{_where(where, key)}: {s!r} is not a rule id, id prefix or category")
    return sels


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
    "extend-select",
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
    origins = list(cfg.origins)
    if "select" in data:
        changes["select"] = _selectors(data["select"], "select", where)
        origins += [("select", v, where) for v in changes["select"]]
    if "extend-select" in data:
        more = _selectors(data["extend-select"], "extend-select", where)
        changes["extend_select"] = (*cfg.extend_select, *more)
        origins += [("extend-select", v, where) for v in more]
    if "ignore" in data:
        changes["ignore"] = _selectors(data["ignore"], "ignore", where)
        origins += [("ignore", v, where) for v in changes["ignore"]]
    if "fail-on" in data:
        try:
            changes["fail_on"] = Severity.parse(str(data["fail-on"]))
        except ValueError as e:
            raise ConfigError(f"{where}: key 'fail-on': {e}") from None
    if "languages" in data:
        changes["languages"] = _str_list(data["languages"], "languages", where)
        origins += [("languages", v, where) for v in changes["languages"]]
    if "rule-packs" in data:
        packs = _str_list(data["rule-packs"], "rule-packs", where)
        changes["rule_packs"] = tuple(str((root / p) if root and not Path(p).is_absolute() else p) for p in packs)
    if "max-file-size" in data:
        v = data["max-file-size"]
        if not isinstance(v, int) or isinstance(v, bool) or v < 0:
            raise ConfigError(f"{where}: key 'max-file-size' must be a whole number of bytes")
        if v > MAX_FILE_SIZE_LIMIT:
            raise ConfigError(
                f"{where}: key 'max-file-size' is {v} bytes, over the largest allowed, {MAX_FILE_SIZE_LIMIT} "
                "(a file is read whole into memory)"
            )
        changes["max_file_size"] = v
    if "include" in data:
        inc = _globs(data["include"], "include", where)
        if not inc:
            raise ConfigError(f"{where}: key 'include' must name at least one glob")
        changes["include"] = inc
    if "exclude" in data:
        changes["exclude"] = _globs(data["exclude"], "exclude", where)
    if "extend-exclude" in data:
        base_ex = changes.get("exclude", cfg.exclude)
        changes["exclude"] = (*base_ex, *_globs(data["extend-exclude"], "extend-exclude", where))
    if "per-file-ignores" in data:
        pfi = data["per-file-ignores"]
        if not isinstance(pfi, Mapping):
            raise ConfigError(f"{where}: key 'per-file-ignores' must be a table of glob = [rule ids]")
        changes["per_file_ignores"] = tuple(
            (str(g), _selectors(ids, f"per-file-ignores.{g}", where)) for g, ids in pfi.items()
        )
        for g, ids in changes["per_file_ignores"]:
            _check_glob(g, "per-file-ignores", where)
            origins += [(f"per-file-ignores.{g}", v, where) for v in ids]
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
        if not isinstance(v, (int, float)) or isinstance(v, bool) or not math.isfinite(v) or v < 0:
            raise ConfigError(
                f"{_where(where, 'max-score')} must be a finite number >= 0 (weighted findings per 1,000 words), "
                f"not {v!r}"
            )
        changes["max_score"] = float(v)
    if root is not None and where != "command line":
        changes["root"] = root
    changes["origins"] = tuple(origins)
    return replace(cfg, **changes)


def read_toml(path: Path) -> dict[str, Any]:
    try:
        with open(path, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not stat.S_ISREG(st.st_mode):
                kind = "a folder" if stat.S_ISDIR(st.st_mode) else "not a regular file"
                raise ConfigError(f"{path}: {kind}, not a config file (.lintnews.toml or pyproject.toml)")
            data = fh.read()
    except IsADirectoryError:
        raise ConfigError(f"{path}: a folder, not a config file (.lintnews.toml or pyproject.toml)") from None
    except OSError as e:
        raise ConfigError(f"{path}: cannot read: {e.strerror or e}") from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as e:
        raise ConfigError(f"{path}: not a UTF-8 TOML file (byte 0x{data[e.start]:02x} at offset {e.start})") from None
    try:
        return tomllib.loads(text)
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
    if config_path and not os.path.exists(config_path):
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


def check_names(cfg: Config, rule_ids: Iterable[str], languages: Iterable[str]) -> None:
    """Refuse a rule selector that picks no rule, and a language no pack is for: a typo in `select` would
    otherwise run no rule at all and report "no findings", turning a CI gate off without a word."""
    ids = sorted(rule_ids)
    langs = sorted(set(languages))
    for key, value, where in cfg.origins:
        if key == "languages":
            if value not in langs:
                raise ConfigError(f"{_where(where, key)}: unknown language {value!r} (known: {', '.join(langs)})")
            continue
        if value in CATEGORIES or any(_matches(value, rid, "") for rid in ids):
            continue
        names = [*ids, *sorted({rid.split(".")[0] for rid in ids}), *sorted(CATEGORIES)]
        close = difflib.get_close_matches(value, names, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else " (see `lintnews rules`)"
        raise ConfigError(f"{_where(where, key)}: {value!r} is no rule id, id prefix or category{hint}")
