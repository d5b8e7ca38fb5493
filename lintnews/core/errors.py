"""Errors the CLI reports as one line and exit status 2: never a traceback."""

from __future__ import annotations


class LintnewsError(Exception):
    """Base of every error shown to the user as one line."""


class RuleError(LintnewsError):
    """A rule pack is malformed: names the file, the line, the rule id and the key."""

    def __init__(self, message: str, *, path: str = "", line: int | None = None, rule: str = "", key: str = ""):
        self.path = path
        self.line = line
        self.rule = rule
        self.key = key
        self.detail = message
        super().__init__(self.__str__())

    def located(self, *, path: str = "", line: int | None = None, rule: str = "") -> RuleError:
        return RuleError(
            self.detail,
            path=self.path or path,
            line=self.line if self.line is not None else line,
            rule=self.rule or rule,
            key=self.key,
        )

    def __str__(self) -> str:
        where = self.path or "<rules>"
        if self.line is not None:
            where += f":{self.line}"
        parts = [where]
        if self.rule:
            parts.append(f"rule {self.rule}")
        if self.key:
            parts.append(f"key '{self.key}'")
        return ": ".join(parts) + ": " + self.detail


class ConfigError(LintnewsError):
    """The configuration (file or flags) is invalid."""


class InputError(LintnewsError):
    """A file to lint cannot be read or decoded."""

    def __init__(self, path: str, problem: str):
        self.path = path
        self.problem = problem
        super().__init__(f"{path}: {problem}")


class BackendUnavailable(LintnewsError):
    """An optional backend (a LanguageTool server) cannot be reached: its rule is turned off for the run."""
