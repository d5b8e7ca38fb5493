"""The run's settings as one value (Config), and how a rule selector picks rules."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..findings import Severity
from .globs import glob_match

FORMATS = ("text", "concise", "json", "github", "sarif", "junit", "gitlab")
# What a folder walk picks up unless `include` says otherwise; files named on the command line are always read.
DEFAULT_INCLUDE = ("*.txt", "*.md", "*.markdown", "*.html", "*.htm", "*.jsonl")
# a file is read whole into memory (about 4 bytes a character as a str, twice over as text and view)
MAX_FILE_SIZE_LIMIT = 1_000_000_000


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
    # a category is known by the rule's own (built in or declared by its pack): no list of them is kept here
    if selector == category:
        return True
    return rule_id == selector or rule_id.startswith(selector + ".") or rule_id.startswith(selector + "-")


def selector_matches(selector: str, rule_id: str, category: str) -> bool:
    """Does a selector (rule id, id prefix or category) pick this rule?"""
    return _matches(selector, rule_id, category)
