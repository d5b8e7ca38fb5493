"""A rule made in a test, with every field a pack would give it defaulted to something neutral."""

from __future__ import annotations

from typing import Any

from lintnews.core.findings import Severity
from lintnews.rules.rulepack import Rule


def make_rule(rule_id: str = "test.rule", kind: str = "regex", **fields: Any) -> Rule:
    """A `Rule` as a pack would load it (warning, no fix, no examples), with `fields` overriding any of that."""
    pack = rule_id.split(".", 1)[0]
    base: dict[str, Any] = {
        "category": "grammar",
        "severity": Severity.WARNING,
        "message": "m",
        "fix": "none",
        "source": "",
        "description": "",
        "pack": pack,
        "path": f"{pack}.yaml",
        "line": 1,
        "bad": (),
        "good": (),
    }
    return Rule(id=rule_id, kind=kind, **{**base, **fields})
