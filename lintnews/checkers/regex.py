"""kind: regex: a regular expression (with named groups) and an optional replacement template."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import regex

from ..casing import match_case
from ..document import Document
from ..errors import RuleError
from ..findings import Hit
from ..prefilter import (
    DocIndex,
    Factors,
    KeyIndex,
    Keys,
    PatternFilter,
    doc_index,
    may_match_text,
    regex_factors,
    split_alternatives,
)
from ..rulepack import Rule
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


SPLIT_MIN_BRANCHES = 4


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
        # the words a match needs, tested on every document; the rest is worked out on first use
        self.filter = PatternFilter(self.opts["pattern"], self.flags)
        self._factors: Factors | bool | None = False
        # patterns are compiled on first use: most rules never meet a document holding their key words
        self._pattern: regex.Pattern[str] | None = None
        self._exceptions: list[regex.Pattern[str]] | None = None
        self._branch_texts: list[str] | None = None
        self._branch_filters: list[PatternFilter] = []
        self._factors_of_branch: dict[int, Factors | None] = {}
        self._compiled_branches: dict[int, regex.Pattern[str]] = {}
        self._branch_keys: KeyIndex | None = None
        self._branch_uses = 0

    def document_keys(self) -> Keys | None:
        return self.filter.compiled().keys

    def prepare(self) -> None:
        self.filter.compiled()
        if self.branch_texts:
            self._branch_index()

    def _branch_index(self) -> KeyIndex:
        if self._branch_keys is None:
            self._branch_keys = KeyIndex([f.compiled().keys for f in self._branch_filters])
        return self._branch_keys

    @property
    def factors(self) -> Factors | None:
        """The substring prefilter of documents whose characters word queries cannot speak for."""
        if self._factors is False:
            self._factors = regex_factors(self.opts["pattern"])
        return self._factors  # type: ignore[return-value]

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

    @property
    def branch_texts(self) -> list[str]:
        """A large alternation without a common literal runs as separate branches, each with its own
        prefilter: most branches are skipped in most articles, ten to forty times faster in practice."""
        if self._branch_texts is None:
            self._branch_texts = self._split()
            self._branch_filters = [PatternFilter(b, self.flags) for b in self._branch_texts]
        return self._branch_texts

    @property
    def branches(self) -> list[tuple[str, Factors | None]]:
        return [(b, self._branch_factors(i)) for i, b in enumerate(self.branch_texts)]

    def _branch_factors(self, i: int) -> Factors | None:
        if i not in self._factors_of_branch:
            self._factors_of_branch[i] = regex_factors(self.branch_texts[i])
        return self._factors_of_branch[i]

    def _split(self) -> list[str]:
        # the cheap tests first: the pattern's own factors cost a parse
        if isinstance(self.group, int) and self.group != 0:
            return []
        templates = [self.opts["replacement"] or "", *self.opts["suggestions"]]
        if any(name.isdigit() and name != "0" for t in templates for name, _ in template_fields(t)):
            return []
        split = split_alternatives(self.opts["pattern"])
        if split is None or len(split[1]) < SPLIT_MIN_BRANCHES:
            return []
        if isinstance(self.group, str) and not all(
            f"(?P<{self.group}>" in b or f"(?<{self.group}>" in b for b in split[1]
        ):
            return []
        if self.factors is not None:
            return []
        return split[1]

    def _branch(self, i: int) -> regex.Pattern[str]:
        if i not in self._compiled_branches:
            self._compiled_branches[i] = compile_user_regex(self.branch_texts[i], self.flags)
        return self._compiled_branches[i]

    def _branch_candidates(self, ix: DocIndex, n: int) -> Iterable[int]:
        """The branches whose keys the document holds, in order (all of them for the first document a
        rule meets, whose branch filters read the pattern for it alone, and for an index that is not clean)."""
        self._branch_uses += 1
        if not ix.clean or self._branch_uses < 2:
            return range(n)
        return sorted(self._branch_index().candidates(ix))

    def _matches(self, doc: Document, ix: DocIndex) -> Iterator[regex.Match[str]]:
        texts = self.branch_texts
        if not texts:
            yield from search_with_timeout(self.pattern, doc.text)
            return
        found: list[tuple[int, int, regex.Match[str]]] = []
        for i in self._branch_candidates(ix, len(texts)):
            admitted = (
                self._branch_filters[i].admits(ix) if ix.clean else may_match_text(self._branch_factors(i), doc.lower)
            )
            if admitted:
                found.extend((m.start(), i, m) for m in search_with_timeout(self._branch(i), doc.text))
        # as one alternation would: leftmost first, the earlier branch on a tie, no overlaps
        found.sort(key=lambda t: (t[0], t[1]))
        end = -1
        for start, _, m in found:
            if start >= end:
                end = max(m.end(), start + 1)
                yield m

    def _admits(self, doc: Document, ix: DocIndex) -> bool:
        return self.filter.admits(ix) if ix.clean else may_match_text(self.factors, doc.lower)

    def warm(self, doc: Document) -> None:
        ix = doc_index(doc)
        if not self._admits(doc, ix):
            return
        if not self.branch_texts:
            self.pattern  # noqa: B018 - compiled on first use
            return
        for i, f in enumerate(self._branch_filters):
            if f.admits(ix) if ix.clean else may_match_text(self._branch_factors(i), doc.lower):
                self._branch(i)

    def check(self, doc: Document) -> Iterator[Hit]:
        ix = doc_index(doc)
        if not self._admits(doc, ix):
            return
        for m in self._matches(doc, ix):
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
