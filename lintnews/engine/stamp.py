"""Stamp a checker's hits into findings: rule id, category, severity, message, position and fix."""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from functools import cache

from ..checkers.base import _TEMPLATE_FIELD as TEMPLATE_FIELD
from ..checkers.base import FILTERS
from ..core.document import Document
from ..core.findings import Applicability, Edit, Finding, Fix, Hit
from ..rules.rulepack import Rule

# a message template cut once into its parts: literal text, and fields as (name, filters, the field as written)
Field = tuple[str, tuple[Callable[[str], str], ...], str]
Template = tuple[str | Field, ...]
_APPLICABILITY = {a.value: a for a in Applicability}


@cache
def _template(template: str) -> Template:
    """`template` in parts, so that filling it costs a join and not a regex search per finding. A field with a
    filter that does not exist is literal text: it stays as written (the message test finds it)."""
    parts: list[str | Field] = []
    pos = 0
    for m in TEMPLATE_FIELD.finditer(template):
        names = m.group(2).split("|")[1:]
        if any(f not in FILTERS for f in names):
            continue
        parts.append(template[pos : m.start()])
        parts.append((m.group(1), tuple(FILTERS[f] for f in names), m.group(0)))
        pos = m.end()
    parts.append(template[pos:])
    return tuple(p for p in parts if p)


def _fill(parts: Template, fields: dict[str, str]) -> str:
    out = []
    for part in parts:
        if isinstance(part, str):
            out.append(part)
            continue
        value = fields.get(part[0])
        if value is None:
            out.append(part[2])  # a field the hit lacks stays as written, never an error
            continue
        for f in part[1]:
            value = f(value)
        out.append(value)
    return "".join(out)


def _message(parts: Template, memo: dict[object, str], matched: str, params: tuple[tuple[str, str], ...]) -> str:
    """The message of one hit, remembered by its matched text and fields (one rule's many hits often share both)."""
    try:
        return memo[(matched, params)]
    except KeyError:
        message = memo[(matched, params)] = _fill(parts, {"match": matched, **dict(params)})
    except TypeError:  # a plugin's fields that cannot be hashed (a list): filled each time, as they always were
        message = _fill(parts, {"match": matched, **dict(params)})
    return message


def format_message(template: str, fields: dict[str, str]) -> str:
    """Fill a rule's message the way its replacement is filled ({name}, {0}, {name|filter}), so one template
    language serves both; a field the hit lacks stays as written (the message test finds it), never an error."""
    return _fill(_template(template), fields)


def stamp(rule: Rule, doc: Document, hit: Hit) -> Finding:
    """Turn a checker's hit into a finding: id, category, severity, message, position and fix."""
    return _stamp_all(rule, doc, (hit,), bounded=False)[0]


def stamp_hits(rule: Rule, doc: Document, hits: Iterable[Hit]) -> list[Finding]:
    """The findings of one rule's hits in `doc`, leaving out a hit whose span is not inside the text. What is the
    same for every hit (the rule's template cut up, its fix, the document's line table) is looked up once: a rule
    with a quarter of a million hits spent more on that than on the findings themselves."""
    return _stamp_all(rule, doc, hits, bounded=True)


def _stamp_all(rule: Rule, doc: Document, hits: Iterable[Hit], *, bounded: bool) -> list[Finding]:
    raw, path, starts = doc.raw, doc.path, doc.line_starts
    n = len(doc.text) if bounded else -1
    parts = _template(rule.message)
    needs_fields = any(not isinstance(p, str) for p in parts)
    constant = "".join(p for p in parts if isinstance(p, str)) if not needs_fields else ""
    rule_applicability = _APPLICABILITY.get(rule.fix)
    rule_id, category, severity, source = rule.id, rule.category, rule.severity, rule.source
    last_line = len(starts)
    messages: dict[object, str] = {}
    out: list[Finding] = []
    append = out.append
    for hit in hits:
        start, end = hit.start, hit.end
        if n >= 0 and not 0 <= start <= end <= n:
            continue
        matched = raw[start:end]
        if hit.message:
            message = hit.message
        elif needs_fields:
            message = _message(parts, messages, matched, hit.params)
        else:
            message = constant
        applicability = hit.applicability or rule_applicability
        fix = None if applicability is None else _fix(applicability, hit, start, end, matched)
        # one bisect per end, the second only when the span leaves its line
        line = bisect_right(starts, start)
        end_line = line if line == last_line or end < starts[line] else bisect_right(starts, end, line)
        append(
            Finding(
                path,
                rule_id,
                hit.category or category,
                hit.severity or severity,
                message,
                start,
                end - start,
                line,
                start - starts[line - 1] + 1,
                end_line,
                end - starts[end_line - 1] + 1,
                hit.suggestions,
                fix,
                source,
            )
        )
    return out


def _fix(applicability: Applicability, hit: Hit, start: int, end: int, matched: str) -> Fix | None:
    """The hit's fix: its edits and its replacement of the span (when that changes it), or None without either."""
    edits = list(hit.edits)
    if hit.replacement is not None and hit.replacement != matched:
        edits.append(Edit(start, end - start, hit.replacement))
    return Fix(applicability, tuple(sorted(edits))) if edits else None
