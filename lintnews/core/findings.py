"""The result types every layer shares: severities, categories, edits, fixes, hits and findings."""

from __future__ import annotations

import enum
from dataclasses import dataclass, field
from typing import Any

# a frozen dataclass's generated __init__ sets each field by a call of object.__setattr__: fifteen calls a finding,
# most of the cost of making one. Hit and Finding have their own, which sets the fields as items of the instance's
# __dict__ (a checker may yield a hit per character of a paragraph): set in one order, the dicts share one table of
# keys, where a dict made whole and given to the instance keeps its own (0.45 against 0.72 us and 344 against 592
# bytes a finding, measured; unpickled, 192 against 464)

CATEGORIES: tuple[str, ...] = (
    "run-together",
    "sentence-split",
    "punctuation",
    "calque",
    "grammar",
    "boilerplate",
    "consistency",
    "duplicate",
    "readability",
)


class Severity(enum.IntEnum):
    """Ordered so that `severity >= fail_on` answers "does this fail the run"."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    @classmethod
    def parse(cls, name: str) -> Severity:
        try:
            return cls[name.upper()]
        except KeyError:
            raise ValueError(f"unknown severity {name!r} (expected error, warning or info)") from None

    @property
    def label(self) -> str:
        return self.name.lower()


class Applicability(enum.Enum):
    """Whether a fix may be applied by `--fix` (safe) or only with `--unsafe-fixes`."""

    SAFE = "safe"
    UNSAFE = "unsafe"


@dataclass(frozen=True, order=True)
class Edit:
    """Replace `length` characters at `offset` with `replacement`."""

    offset: int
    length: int
    replacement: str

    @property
    def end(self) -> int:
        return self.offset + self.length

    def to_json(self) -> dict[str, Any]:
        return {"offset": self.offset, "length": self.length, "replacement": self.replacement}


@dataclass(frozen=True)
class Fix:
    """Edits that are applied all together or not at all."""

    applicability: Applicability
    edits: tuple[Edit, ...]

    @property
    def start(self) -> int:
        return min(e.offset for e in self.edits)

    @property
    def end(self) -> int:
        return max(e.end for e in self.edits)

    def to_json(self) -> dict[str, Any]:
        return {"applicability": self.applicability.value, "edits": [e.to_json() for e in self.edits]}


@dataclass(frozen=True, init=False)
class Hit:
    """What a checker yields: where, and optionally how to repair it.

    `replacement` is the single text that should stand in place of [start, end):
    the linter turns it into a Fix whose applicability comes from the rule unless
    `applicability` overrides it. `edits` is for fixes that touch other places
    than the span. `suggestions` are shown to the editor; several suggestions and
    no replacement mean there is no automatic fix.
    """

    start: int
    end: int
    message: str | None = None
    params: tuple[tuple[str, str], ...] = ()
    suggestions: tuple[str, ...] = ()
    replacement: str | None = None
    edits: tuple[Edit, ...] = ()
    applicability: Applicability | None = None
    severity: Severity | None = None
    category: str | None = None

    def __init__(  # noqa: PLR0917 - the fields in order, as the dataclass's own __init__ took them
        self,
        start: int,
        end: int,
        message: str | None = None,
        params: tuple[tuple[str, str], ...] = (),
        suggestions: tuple[str, ...] = (),
        replacement: str | None = None,
        edits: tuple[Edit, ...] = (),
        applicability: Applicability | None = None,
        severity: Severity | None = None,
        category: str | None = None,
    ) -> None:
        d = self.__dict__
        d["start"] = start
        d["end"] = end
        d["message"] = message
        d["params"] = params
        d["suggestions"] = suggestions
        d["replacement"] = replacement
        d["edits"] = edits
        d["applicability"] = applicability
        d["severity"] = severity
        d["category"] = category


@dataclass(frozen=True, init=False)
class Finding:
    """A hit stamped with its rule's id, category, severity and message."""

    path: str
    rule: str
    category: str
    severity: Severity
    message: str
    offset: int
    length: int
    line: int
    column: int
    end_line: int
    end_column: int
    suggestions: tuple[str, ...] = ()
    fix: Fix | None = None
    source: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)

    def __init__(  # noqa: PLR0917 - the fields in order, as the dataclass's own __init__ took them
        self,
        path: str,
        rule: str,
        category: str,
        severity: Severity,
        message: str,
        offset: int,
        length: int,
        line: int,
        column: int,
        end_line: int,
        end_column: int,
        suggestions: tuple[str, ...] = (),
        fix: Fix | None = None,
        source: str = "",
        extra: dict[str, Any] | None = None,
    ) -> None:
        d = self.__dict__
        d["path"] = path
        d["rule"] = rule
        d["category"] = category
        d["severity"] = severity
        d["message"] = message
        d["offset"] = offset
        d["length"] = length
        d["line"] = line
        d["column"] = column
        d["end_line"] = end_line
        d["end_column"] = end_column
        d["suggestions"] = suggestions
        d["fix"] = fix
        d["source"] = source
        d["extra"] = {} if extra is None else extra

    @property
    def end(self) -> int:
        return self.offset + self.length

    def sort_key(self) -> tuple[str, int, int, str]:
        return (self.path, self.offset, self.length, self.rule)

    def to_json(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "rule": self.rule,
            "category": self.category,
            "severity": self.severity.label,
            "message": self.message,
            "offset": self.offset,
            "length": self.length,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "suggestions": list(self.suggestions),
            "fix": self.fix.to_json() if self.fix else None,
        }

    def to_row(self) -> tuple[Any, ...]:
        """Plain tuples and strings: what the findings cache stores, many times faster to unpickle than
        the dataclasses themselves."""
        fix = None
        if self.fix is not None:
            fix = (self.fix.applicability.value, tuple((e.offset, e.length, e.replacement) for e in self.fix.edits))
        return (
            self.path,
            self.rule,
            self.category,
            int(self.severity),
            self.message,
            self.offset,
            self.length,
            self.line,
            self.column,
            self.end_line,
            self.end_column,
            self.suggestions,
            fix,
            self.source,
            self.extra or None,
        )

    @classmethod
    def from_row(cls, row: tuple[Any, ...], path: str | None = None) -> Finding:
        """The finding `to_row` gave, reported under `path` if one is given."""
        fix = None
        if row[12] is not None:
            applicability, edits = row[12]
            fix = Fix(Applicability(applicability), tuple(Edit(o, n, r) for o, n, r in edits))
        return cls(
            path if path is not None else row[0],
            row[1],
            row[2],
            Severity(row[3]),
            row[4],
            row[5],
            row[6],
            row[7],
            row[8],
            row[9],
            row[10],
            tuple(row[11]),
            fix,
            row[13],
            dict(row[14] or {}),
        )
