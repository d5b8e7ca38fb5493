"""CI output formats: GitHub workflow annotations and SARIF 2.1.0 (JUnit and GitLab are in outputs/)."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import quote

from .. import __version__
from ..core.findings import Finding, Fix, Severity
from ..core.jsontext import indented
from ..rules.rulepack import Rule
from .report import shown_suggestions

GITHUB_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}
SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}
SARIF_SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
INFORMATION_URI = "https://github.com/lintnews/lintnews"


def _record_line(f: Finding) -> int | None:
    rec = f.extra.get("record")
    return rec if isinstance(rec, int) else None


def _where(f: Finding) -> str:
    art = f.extra.get("article")
    return f" (article {art}, line {f.line}, column {f.column} of its text)" if art is not None else ""


# --- GitHub Actions ---------------------------------------------------------------------------------------


def _gh_data(s: str) -> str:
    return s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _gh_prop(s: str) -> str:
    return _gh_data(s).replace(":", "%3A").replace(",", "%2C")


def render_github(findings: Sequence[Finding], errors: Sequence[str]) -> str:
    """One `::warning file=...,line=...::message` workflow command per finding (notice for info)."""
    out = []
    for f in findings:
        rec = _record_line(f)
        if rec is not None:
            # a JSON Lines article: point at its line in the archive; the column inside the text means nothing there
            props = f"file={_gh_prop(f.path)},line={rec},title={_gh_prop(f.rule)}"
        else:
            props = (
                f"file={_gh_prop(f.path)},line={f.line},col={f.column},"
                f"endLine={f.end_line},endColumn={f.end_column},title={_gh_prop(f.rule)}"
            )
        msg = f.message + _where(f)
        suggestions = shown_suggestions(f)
        if suggestions:
            msg += "\nSuggestion: " + " | ".join(suggestions)
        out.append(f"::{GITHUB_LEVEL[f.severity]} {props}::{_gh_data(msg)}")
    out.extend(f"::error title=lintnews::{_gh_data(e)}" for e in errors)
    return "".join(line + "\n" for line in out)


def github_max_score(path: str, message: str) -> str:
    """The --max-score failure as an error annotation on the file."""
    return f"::error file={_gh_prop(path)},title=lintnews --max-score::{_gh_data(message)}\n"


# --- SARIF 2.1.0 ------------------------------------------------------------------------------------------


def _uri(path: str) -> tuple[str, bool]:
    """A SARIF artifact URI: relative to the working directory when the file is below it, else file://."""
    p = Path(path)
    if not p.is_absolute():
        rel = os.path.normpath(path)
        if not rel.startswith(".."):
            return quote(Path(rel).as_posix()), True
    return Path(os.path.abspath(path)).as_uri(), False


def render_sarif(findings: Sequence[Finding], errors: Sequence[str], rules: Sequence[Rule]) -> str:
    index = {r.id: i for i, r in enumerate(rules)}
    uris: dict[str, tuple[str, bool]] = {}  # a path's URI, worked out once per file, not per finding
    run: dict[str, Any] = {
        "tool": {"driver": _sarif_driver(rules)},
        "results": _RESULTS if findings else [],
        "columnKind": "unicodeCodePoints",
        "invocations": [
            {
                "executionSuccessful": not errors,
                "toolExecutionNotifications": [{"level": "error", "message": {"text": e}} for e in errors],
            }
        ],
    }
    data = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]}
    around = indented(data).split(_RESULTS_TEXT) if findings else []
    if len(around) != 2:  # no findings, or the placeholder's text also in a rule's own (never, but then plainly)
        run["results"] = [_sarif_result(f, index, uris) for f in findings]
        return indented(data) + "\n"
    result = _SarifResults(index, uris)
    return around[0] + "[" + ",".join("\n    " + result(f) for f in findings) + "\n   ]" + around[1] + "\n"


# The results are written apart from the log (which holds a placeholder where they go), each as text at its depth
# in the log (four levels): the indented writer's cost per value, a dozen values a result, was most of the time
# of a log of many findings
_RESULTS = "\0results\0"
_RESULTS_TEXT = indented(_RESULTS)
_REGION = ("startLine", "startColumn", "endLine", "endColumn", "charOffset", "charLength")
_SLOTS = tuple(f"\0{k}\0" for k in _REGION)


def _at_depth(o: Any, depth: int) -> str:
    """`o` as indented() writes it `depth` levels down: every line break of the text is one of its indentation
    (a line break in a string is written escaped)."""
    return indented(o).replace("\n", "\n" + " " * depth)


class _SarifResults:
    """Each finding's SARIF result as text. What a rule's findings in one file share (its id, level, message and
    location up to the region's numbers) is written once and cut where the numbers go; the rest (rule index,
    properties, fixes) is written per finding, or once for a rule's findings without suggestions or a fix."""

    def __init__(self, index: Mapping[str, int], uris: dict[str, tuple[str, bool]]) -> None:
        self.index, self.uris = index, uris
        self.heads: dict[tuple[str, Severity, str, str], list[str] | None] = {}
        self.tails: dict[tuple[str, str], str] = {}

    def __call__(self, f: Finding) -> str:
        if f.extra:
            return _at_depth(_sarif_result(f, self.index, self.uris), 4)
        key = (f.rule, f.severity, f.message, f.path)
        if key not in self.heads:
            self.heads[key] = self._head(f)
        head = self.heads[key]
        if head is None:
            return _at_depth(_sarif_result(f, self.index, self.uris), 4)
        p0, p1, p2, p3, p4, p5, p6 = head
        tail = self.tails.get((f.rule, f.category)) if not f.suggestions and f.fix is None else None
        if tail is None:
            tail = self._tail(f)
        return f"{p0}{f.line}{p1}{f.column}{p2}{f.end_line}{p3}{f.end_column}{p4}{f.offset}{p5}{f.length}{p6}" + tail

    def _head(self, f: Finding) -> list[str] | None:
        """The result's text up to the end of its locations, in the seven pieces between the region's numbers."""
        result = _sarif_result(f, self.index, self.uris)
        head = {k: result[k] for k in ("ruleId", "level", "message", "locations")}
        head["locations"][0]["physicalLocation"]["region"] = dict(zip(_REGION, _SLOTS, strict=True))
        text = _at_depth(head, 4).removesuffix("\n    }")
        slots = [indented(slot) for slot in _SLOTS]
        if any(text.count(slot) != 1 for slot in slots):
            return None  # a message holding a placeholder's text: this key's results are written plainly
        pieces = []
        for slot in slots:
            before, _, text = text.partition(slot)
            pieces.append(before)
        return [*pieces, text]

    def _tail(self, f: Finding) -> str:
        """The result's keys after its locations, and its closing brace."""
        result = _sarif_result(f, self.index, self.uris)
        rest = {k: v for k, v in result.items() if k not in ("ruleId", "level", "message", "locations")}
        tail = "," + _at_depth(rest, 4)[1:]
        if not f.suggestions and f.fix is None:
            self.tails[(f.rule, f.category)] = tail
        return tail


def _sarif_result(f: Finding, index: Mapping[str, int], uris: dict[str, tuple[str, bool]]) -> dict[str, Any]:
    """One finding as a SARIF result: where (a record's line for a JSON Lines record), what, and its fix."""
    found = uris.get(f.path)
    uri, relative = found if found is not None else uris.setdefault(f.path, _uri(f.path))
    artifact: dict[str, Any] = {"uri": uri}
    if relative:
        artifact["uriBaseId"] = "%SRCROOT%"
    rec = _record_line(f)
    if rec is not None:
        region: dict[str, Any] = {"startLine": rec}
    else:
        region = {
            "startLine": f.line,
            "startColumn": f.column,
            "endLine": f.end_line,
            "endColumn": f.end_column,
            "charOffset": f.offset,
            "charLength": f.length,
        }
    result: dict[str, Any] = {
        "ruleId": f.rule,
        "level": SARIF_LEVEL[f.severity],
        "message": {"text": f.message + _where(f)},
        "locations": [{"physicalLocation": {"artifactLocation": artifact, "region": region}}],
    }
    if f.rule in index:
        result["ruleIndex"] = index[f.rule]
    props: dict[str, Any] = {"category": f.category}
    if f.suggestions:
        props["suggestions"] = list(f.suggestions)
    if "article" in f.extra:
        props["article"] = f.extra["article"]
    result["properties"] = props
    if f.fix is not None and rec is None:
        # a record's offsets are in its own text, not in the file: its fix cannot be given as file offsets
        result["fixes"] = [_sarif_fix(f.fix, artifact)]
    return result


def _sarif_fix(fix: Fix, artifact: dict[str, Any]) -> dict[str, Any]:
    return {
        "description": {"text": f"{fix.applicability.value} fix"},
        "artifactChanges": [
            {
                "artifactLocation": artifact,
                "replacements": [
                    {
                        "deletedRegion": {"charOffset": e.offset, "charLength": e.length},
                        "insertedContent": {"text": e.replacement},
                    }
                    for e in fix.edits
                ],
            }
        ],
    }


def _sarif_driver(rules: Sequence[Rule]) -> dict[str, Any]:
    """The tool and every rule of the run, each with its level, category and pack."""
    return {
        "name": "lintnews",
        "version": __version__,
        "informationUri": INFORMATION_URI,
        "rules": [
            {
                "id": r.id,
                "shortDescription": {"text": r.message},
                **({"fullDescription": {"text": r.source}} if r.source else {}),
                "defaultConfiguration": {"level": SARIF_LEVEL[r.severity]},
                "properties": {"category": r.category, "pack": r.pack},
            }
            for r in rules
        ],
    }
