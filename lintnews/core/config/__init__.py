"""Settings: defaults < pyproject [tool.lintnews] or .lintnews.toml < --config file < environment < flags.

settings.py holds the Config value and selector matching, keys.py reads a config table key by key, files.py
finds and reads the config file and layers the environment and flags on it, globs.py matches paths, and
names.py refuses a selector or language that names nothing.
"""

from __future__ import annotations

from .files import LANGUAGETOOL_ENV, discover, load_file, read_toml, resolve, search_start
from .globs import glob_match
from .keys import KEYS, from_mapping
from .names import check_names
from .settings import DEFAULT_INCLUDE, FORMATS, MAX_FILE_SIZE_LIMIT, Config, selector_matches

__all__ = [
    "DEFAULT_INCLUDE",
    "FORMATS",
    "KEYS",
    "LANGUAGETOOL_ENV",
    "MAX_FILE_SIZE_LIMIT",
    "Config",
    "check_names",
    "discover",
    "from_mapping",
    "glob_match",
    "load_file",
    "read_toml",
    "resolve",
    "search_start",
    "selector_matches",
]
