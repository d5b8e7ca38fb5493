"""The keys of a config table (a file's [tool.lintnews], the environment, the flags), each checked and read."""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import replace
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from ..findings import Severity
from .globs import glob_regex
from .settings import MAX_FILE_SIZE_LIMIT, Config

# the flag that sets each key, for errors about the command line
FLAGS = {
    "select": "--select",
    "ignore": "--ignore",
    "extend-select": "--extend-select",
    "languages": "--language",
    "extend-exclude": "--exclude",
    "max-score": "--max-score",
}


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
        glob_regex(glob.strip().removeprefix("./").rstrip("/").lstrip("/"))
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
    # (key, value, where) of every selector and language, so check_names can say where an unknown one was set
    origins = list(cfg.origins)
    # the keys in this order, so that of several bad keys the same one is reported first
    _rule_keys(data, where, cfg, root, changes=changes, origins=origins)
    _file_keys(data, where, cfg, changes=changes, origins=origins)
    _service_keys(data, where, root, changes=changes)
    if root is not None and where != "command line":
        changes["root"] = root
    changes["origins"] = tuple(origins)
    return replace(cfg, **changes)


Origins = list[tuple[str, str, str]]


def _rule_keys(
    data: Mapping[str, Any], where: str, cfg: Config, root: Path | None, *, changes: dict[str, Any], origins: Origins
) -> None:
    """Which rules run and how a failure is judged: select, extend-select, ignore, fail-on, languages, rule-packs."""
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


def _file_keys(data: Mapping[str, Any], where: str, cfg: Config, *, changes: dict[str, Any], origins: Origins) -> None:
    """Which files are read and which rules each skips: max-file-size, include, exclude, per-file-ignores."""
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


def _service_keys(data: Mapping[str, Any], where: str, root: Path | None, *, changes: dict[str, Any]) -> None:
    """LanguageTool, the fields of JSON Lines input, and the score gate."""
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
