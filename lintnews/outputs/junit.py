"""JUnit XML as the Apache Ant JUnit schema has it: one testcase per file, failed only by what fails the run."""

from __future__ import annotations

import re
import socket
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import UTC, datetime

from .. import __version__
from ..core.findings import Finding, Severity

# characters XML 1.0 cannot hold at all, even escaped
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _x(s: str) -> str:
    return _XML_BAD.sub("\ufffd", s)


def _line(f: Finding) -> str:
    art = f" (article {f.extra['article']})" if "article" in f.extra else ""
    return f"{f.path}:{f.line}:{f.column}:{art} {f.rule} [{f.severity.label}] {f.message}"


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def render_junit(
    files: Sequence[str],
    findings: Sequence[Finding],
    errors: Sequence[tuple[str, str]],
    fail_on: Severity = Severity.ERROR,
    *,
    over_score: Mapping[str, str] | None = None,
    elapsed: float = 0.0,
    timestamp: datetime | None = None,
    hostname: str | None = None,
) -> str:
    """The report. A file is the unit an author fixes and the gate passes or fails, so it is one testcase:
    <failure> when it holds a finding at or above `fail_on` (all of them in its text, one per line) or an
    article scoring over --max-score (`over_score`: file -> reason), <error> when it could not be read. The
    schema allows one of those per testcase. Findings below `fail_on` fail nothing; they are listed in the
    suite's <system-out>, which Jenkins and GitLab show with the suite, so a passing run says "passed"."""
    over_score = over_score or {}
    by_file: dict[str, list[Finding]] = {p: [] for p in files}
    for f in findings:
        by_file.setdefault(f.path, []).append(f)
    errs: dict[str, list[str]] = {}
    for path, msg in errors:
        errs.setdefault(path, []).append(msg)
        by_file.setdefault(path, [])
    for path in over_score:
        by_file.setdefault(path, [])
    suite = _suite(timestamp, hostname, elapsed)
    below = [f for f in findings if f.severity < fail_on]
    props = ET.SubElement(suite, "properties")
    for name, value in (
        ("lintnews.version", __version__),
        ("fail-on", fail_on.label),
        ("findings", str(len(findings))),
        ("findings.below-fail-on", str(len(below))),
    ):
        ET.SubElement(props, "property", name=name, value=value)
    outcomes = Counter(
        _testcase(suite, path, by_file[path], errs.get(path), over_score.get(path), fail_on=fail_on)
        for path in sorted(by_file)
    )
    suite.set("tests", str(len(by_file)))
    suite.set("failures", str(outcomes["failure"]))
    suite.set("errors", str(outcomes["error"]))
    out = ET.SubElement(suite, "system-out")
    out.text = _x("".join(_line(f) + "\n" for f in below))
    err_out = ET.SubElement(suite, "system-err")
    err_out.text = _x("".join(f"{p}: {m}\n" for p, m in errors))
    root = ET.Element("testsuites")
    root.append(suite)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def _suite(timestamp: datetime | None, hostname: str | None, elapsed: float) -> ET.Element:
    """The <testsuite> element, its counts set once the testcases are in."""
    stamp = (timestamp or datetime.now(UTC)).astimezone(UTC)
    # the schema's timestamp pattern has no zone designator: the time is UTC, as Ant writes it
    return ET.Element(
        "testsuite",
        name="lintnews",
        timestamp=stamp.strftime("%Y-%m-%dT%H:%M:%S"),
        hostname=_x(hostname or socket.gethostname() or "localhost"),
        tests="0",
        failures="0",
        errors="0",
        time=f"{max(elapsed, 0.0):.3f}",
        package="lintnews",
        id="0",
    )


def _testcase(
    suite: ET.Element,
    path: str,
    findings: list[Finding],
    errors: list[str] | None,
    over_score: str | None,
    *,
    fail_on: Severity,
) -> str:
    """One file's <testcase>; returns what it is: "error", "failure" or "pass"."""
    # per-file time is not measured (files are linted in batches and across workers): the suite has the run's
    case = ET.SubElement(suite, "testcase", name=_x(path), classname="lintnews", time="0")
    failing = [f for f in findings if f.severity >= fail_on]
    if errors is not None:
        err = ET.SubElement(case, "error", message=_x("; ".join(errors)), type="input")
        err.text = _x("\n".join([*errors, *(_line(f) for f in failing)]))
        return "error"
    if not failing and over_score is None:
        return "pass"
    worst = max((f.severity for f in failing), default=fail_on)
    rules = Counter(f.rule for f in failing)
    parts = [f"{n} × {r}" if n > 1 else r for r, n in sorted(rules.items(), key=lambda kv: (-kv[1], kv[0]))]
    summary = _plural(len(failing), "finding") + (f": {', '.join(parts)}" if parts else "")
    score = [over_score] if over_score is not None else []
    reasons = ([summary] if failing else []) + score
    fail = ET.SubElement(case, "failure", message=_x("; ".join(reasons)), type=worst.label if failing else "max-score")
    fail.text = _x("\n".join([*(_line(f) for f in failing), *score]))
    return "failure"
