"""Stamp a checker's hit into a finding: rule id, category, severity, message, position and fix."""

from __future__ import annotations

import re

from ..checkers.base import _TEMPLATE_FIELD as TEMPLATE_FIELD
from ..checkers.base import FILTERS
from ..core.document import Document
from ..core.findings import Applicability, Edit, Finding, Fix, Hit
from ..rules.rulepack import Rule


def format_message(template: str, fields: dict[str, str]) -> str:
    """Fill a rule's message the way its replacement is filled ({name}, {0}, {name|filter}), so one template
    language serves both; a field the hit lacks stays as written (the message test finds it), never an error."""

    def sub(m: re.Match[str]) -> str:
        value = fields.get(m.group(1))
        filters = m.group(2).split("|")[1:]
        if value is None or any(f not in FILTERS for f in filters):
            return m.group(0)
        for f in filters:
            value = FILTERS[f](value)
        return value

    return TEMPLATE_FIELD.sub(sub, template)


def stamp(rule: Rule, doc: Document, hit: Hit) -> Finding:
    """Turn a checker's hit into a finding: id, category, severity, message, position and fix."""
    start, end = hit.start, hit.end
    matched = doc.raw[start:end]
    fields = {"match": matched, **dict(hit.params)}
    message = hit.message or format_message(rule.message, fields)
    fix = None
    edits = list(hit.edits)
    if hit.replacement is not None and hit.replacement != matched:
        edits.append(Edit(start, end - start, hit.replacement))
    applicability = hit.applicability
    if applicability is None and rule.fix != "none":
        applicability = Applicability(rule.fix)
    if edits and applicability is not None:
        fix = Fix(applicability, tuple(sorted(edits)))
    line, col = doc.position(start)
    end_line, end_col = doc.position(end)
    return Finding(
        path=doc.path,
        rule=rule.id,
        category=hit.category or rule.category,
        severity=hit.severity or rule.severity,
        message=message,
        offset=start,
        length=end - start,
        line=line,
        column=col,
        end_line=end_line,
        end_column=end_col,
        suggestions=hit.suggestions,
        fix=fix,
        source=rule.source,
    )
