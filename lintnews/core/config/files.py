"""Where the settings come from: the config file found upward from the paths, the environment, the flags."""

from __future__ import annotations

import os
import stat
import tomllib
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

from ..errors import ConfigError
from .keys import from_mapping
from .settings import Config

LANGUAGETOOL_ENV = "LINTNEWS_LANGUAGETOOL_URL"


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
