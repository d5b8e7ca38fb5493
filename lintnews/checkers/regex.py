"""kind: regex: a regular expression (with named groups) and an optional replacement template."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import regex

from ..core.casing import match_case
from ..core.document import Document
from ..core.errors import RuleError
from ..core.findings import Hit
from ..rules.rulepack import Rule
from .base import (
    Checker,
    Option,
    compile_user_regex,
    list_of_str,
    render_template,
    search_with_timeout,
    template_fields,
)


def _group(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, (int, str)):
        raise ValueError("must be a group number or name")
    return value


class RegexChecker(Checker):
    kind = "regex"
    options = {
        "pattern": Option(str, required=True, help="the regular expression (Python `regex` syntax)"),
        "ignorecase": Option(bool, default=False, help="match the pattern whatever the letter case"),
        "group": Option(_group, default=0, help="the group whose span is reported and replaced"),
        "replacement": Option(str, help="template for the fix: {name}, {1}, {0}, with |lower |capitalize ..."),
        "suggestions": Option(list_of_str, default=[], help="templates shown to the editor"),
        "exceptions": Option(list_of_str, default=[], help="patterns: a match containing one is skipped"),
        "preserve_case": Option(bool, default=True, help="capitalise the replacement when the match is"),
    }

    @classmethod
    def validate_more(cls, rule: Rule) -> None:
        flags = regex.IGNORECASE if rule.options.get("ignorecase") else 0
        try:
            pat = compile_user_regex(rule.options["pattern"], flags)
            for e in rule.options.get("exceptions", []):
                compile_user_regex(e, flags)
        except ValueError as e:
            raise RuleError(str(e), key="pattern") from None
        names = set(pat.groupindex) | {str(i) for i in range(pat.groups + 1)} | {"match"}
        group = rule.options.get("group", 0)
        if str(group) not in names or group == "match":
            raise RuleError(f"no group {group!r} in the pattern", key="group")
        for key in ("replacement", "suggestions"):
            value = rule.options.get(key)
            for tmpl in [value] if isinstance(value, str) else value or []:
                for name, filters in template_fields(tmpl):
                    if name not in names:
                        raise RuleError(f"template refers to {{{name}}}, which the pattern does not define", key=key)
                    for f in filters:
                        from .base import FILTERS

                        if f not in FILTERS:
                            raise RuleError(f"unknown template filter '{f}' (known: {', '.join(FILTERS)})", key=key)

    def setup(self) -> None:
        self.flags = regex.IGNORECASE if self.opts["ignorecase"] else 0
        g = self.opts["group"]
        self.group: int | str = int(g) if isinstance(g, str) and g.isdigit() else g
        # compiled on first use: most rules never meet a document their pattern may match in
        self._pattern: regex.Pattern[str] | None = None
        self._exceptions: list[regex.Pattern[str]] | None = None

    def document_pattern(self) -> tuple[str, int]:
        return self.opts["pattern"], self.flags

    @property
    def pattern(self) -> regex.Pattern[str]:
        if self._pattern is None:
            self._pattern = compile_user_regex(self.opts["pattern"], self.flags)
        return self._pattern

    @property
    def exceptions(self) -> list[regex.Pattern[str]]:
        if self._exceptions is None:
            self._exceptions = [compile_user_regex(e, self.flags) for e in self.opts["exceptions"]]
        return self._exceptions

    def warm(self, doc: Document) -> None:
        self.pattern  # noqa: B018 - compiled on first use

    def check(self, doc: Document) -> Iterator[Hit]:
        for m in search_with_timeout(self.pattern, doc.text):
            start, end = m.span(self.group)
            if start < 0 or (start == end and m.start() == m.end()):
                continue
            matched = m.group(0)
            if any(e.search(matched) for e in self.exceptions):
                continue
            groups = {str(i): (m.group(i) or "") for i in range(len(m.groups()) + 1)}
            groups.update({k: (v or "") for k, v in m.groupdict().items()})
            groups["match"] = doc.text[start:end]
            replacement = None
            if self.opts["replacement"] is not None:
                replacement = render_template(self.opts["replacement"], groups)
                if self.opts["preserve_case"]:
                    replacement = match_case(doc.text[start:end], replacement)
            suggestions = tuple(render_template(s, groups) for s in self.opts["suggestions"])
            if replacement is not None and replacement not in suggestions:
                suggestions = (replacement, *suggestions)
            yield Hit(start, end, params=tuple(groups.items()), suggestions=suggestions, replacement=replacement)
