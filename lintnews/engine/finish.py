"""Finish a document's stamped findings: deferring rules, filters (suppressions, ignores), de-duplication, order."""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable, Collection, Iterable, Sequence
from itertools import accumulate
from operator import attrgetter

from ..checkers.base import Checker
from ..core.document import Document
from ..core.findings import Finding

FindingFilter = Callable[[Document, list[Finding]], list[Finding]]


def finish(filters: Sequence[FindingFilter], doc: Document, findings: list[Finding]) -> list[Finding]:
    """A document's findings filtered (suppressions, per-file ignores), de-duplicated and sorted."""
    for f in filters:
        findings = f(doc, findings)
    return dedupe(findings)


def merge_cross(
    filters: Sequence[FindingFilter],
    docs: list[Document],
    results: dict[str, list[Finding]],
    extra: dict[str, list[Finding]],
) -> dict[str, list[Finding]]:
    """Each document the cross-document pass found something in, with its own findings and those, finished."""
    by_path = {d.path: d for d in docs}
    return {p: finish(filters, by_path[p], results.get(p, []) + fs) for p, fs in extra.items() if p in by_path}


def deferring_rules(checkers: Sequence[Checker]) -> frozenset[str]:
    """The ids of the rules whose findings give way to other rules' (see drop_deferred)."""
    return frozenset(c.rule.id for c in checkers if c.defer_to_other_rules)


def drop_deferred(deferring: Collection[str], findings: list[Finding]) -> list[Finding]:
    """Drop findings of rules that defer (an external backend, `deferring_rules`) where another rule reported."""
    if not deferring:
        return findings
    own = [f for f in findings if f.rule not in deferring]
    if len(own) == len(findings):
        return findings  # no deferring rule found anything: the others' spans are not worked out
    # the other rules' spans by start (an empty span counts as one character), with the furthest end so far: a
    # deferring finding overlaps one of them when the last that starts before its end reaches past its start
    spans = sorted((o.offset, max(o.end, o.offset + 1)) for o in own)
    starts = [a for a, _ in spans]
    reach = list(accumulate((b for _, b in spans), max))

    def overlapped(f: Finding) -> bool:
        i = bisect_left(starts, max(f.end, f.offset + 1)) - 1
        return i >= 0 and reach[i] > f.offset

    return own + [f for f in findings if f.rule in deferring and not overlapped(f)]


def dedupe(findings: list[Finding]) -> list[Finding]:
    """One finding per rule and span; and one per artifact when packs of one category report it twice."""
    ordered = sorted(findings, key=_SORT_KEY)
    if ordered and ordered[0].path != ordered[-1].path:
        return _merge_across_packs(_first_of_each(ordered))
    # of one path, as a document's findings are: two of one rule and span are neighbours in this order, so each is
    # compared with the one before it instead of a key tuple made and looked up in a set per finding
    out: list[Finding] = []
    prev: Finding | None = None
    for f in ordered:
        if prev is None or f.offset != prev.offset or f.length != prev.length or f.rule != prev.rule:
            out.append(f)
        prev = f
    return _merge_across_packs(out)


def _first_of_each(ordered: list[Finding]) -> list[Finding]:
    """The first finding of each rule and span (whatever its path)."""
    seen: set[tuple[str, int, int]] = set()
    out: list[Finding] = []
    for f in ordered:
        key = (f.rule, f.offset, f.length)
        if key not in seen:
            seen.add(key)
            out.append(f)
    return out


# Finding.sort_key's fields, read in C: the method call was a third of the sort of many findings
_SORT_KEY = attrgetter("path", "offset", "length", "rule")
_CATEGORY_RULE = attrgetter("category", "rule")


def _pack(f: Finding) -> str:
    return f.rule.split(".", 1)[0]


def _rank(f: Finding) -> tuple[int, int, int]:
    fix = 0 if f.fix is None else (2 if f.fix.applicability.value == "safe" else 1)
    return (int(f.severity), fix, f.length)


def _merge_across_packs(findings: list[Finding]) -> list[Finding]:
    """Calques shared by Romance languages sit in several language packs: with no --language, an artifact
    found by two packs of the same category would be reported twice. Keep the better of two findings
    that share most of their span (the higher severity, then one with a fix, then the longer span)."""
    if not _packs_share_a_category(set(map(_CATEGORY_RULE, findings))):
        return findings  # nothing to merge: the pairwise walk below is skipped for most documents
    dropped: set[int] = set()
    for i, a in enumerate(findings):
        if i in dropped:
            continue
        for j in range(i + 1, len(findings)):
            b = findings[j]
            if b.offset >= a.end:
                break
            if j in dropped or b.category != a.category or _pack(a) == _pack(b):
                continue
            shared = min(a.end, b.end) - max(a.offset, b.offset)
            if shared <= 0 or shared * 2 < min(a.length, b.length):
                continue
            if _rank(b) > _rank(a):
                dropped.add(i)
                break
            dropped.add(j)
    return [f for k, f in enumerate(findings) if k not in dropped]


def _packs_share_a_category(kinds: Iterable[tuple[str, str]]) -> bool:
    """Do rules of two packs report in one category (of these (category, rule id) pairs)?"""
    packs: dict[str, str] = {}
    for category, rule in kinds:
        pack = rule.split(".", 1)[0]
        if packs.setdefault(category, pack) != pack:
            return True
    return False
