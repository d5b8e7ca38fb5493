"""The attribute ruler's spaCy Matcher replaced by dictionary look-ups that find the same matches."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

# The token attributes the attribute ruler's patterns may test (RulerMatcher), most selective first
_RULER_ATTRS = ("LOWER", "ORTH", "DEP", "TAG", "IS_SPACE")
# (column in _RULER_ATTRS, operator, value): values are string ids, as in doc.to_array
_Test = tuple[int, str, Any]
_Entry = tuple[int, int, list[list[_Test]]]
# distinct token rows whose starting patterns a matcher keeps (a few hundred bytes each); a full memo starts again
STARTS_KEPT = 1 << 15


def _token_tests(spec: dict[str, Any], string_id: Any) -> list[_Test] | None:
    """One token of a Matcher pattern as tests on string ids; None for any attribute or operator not known here."""
    tests: list[_Test] = []
    for key, value in spec.items():
        if key not in _RULER_ATTRS or isinstance(value, bool) != (key == "IS_SPACE"):
            return None
        col = _RULER_ATTRS.index(key)
        if isinstance(value, bool):
            tests.append((col, "==", int(value)))
            continue
        if isinstance(value, str):
            tests.append((col, "==", string_id(value)))
            continue
        if not isinstance(value, dict) or len(value) != 1:
            return None
        ((op, arg),) = value.items()
        if op in ("IN", "NOT_IN") and isinstance(arg, list) and all(isinstance(a, str) for a in arg):
            tests.append((col, op, frozenset(string_id(a) for a in arg)))
        elif op == "REGEX" and isinstance(arg, str):
            tests.append((col, op, re.compile(arg)))  # the Matcher's REGEX is re.search on the string
        else:
            return None
    return tests


class RulerMatcher:
    """The attribute ruler's matching by dictionary look-ups: the same matches as its spaCy Matcher.

    The English models' ruler (tag map, morphology and dependency exceptions) is nearly 200 one- and
    two-token patterns; spaCy's general Matcher tries each at every token, which costs as much as the
    parser. Here each pattern is filed under a value its first token must have (an exact word, dependency
    or tag, or one of a list), so a token only meets the few patterns that can start at it. `build`
    returns None, leaving spaCy's Matcher in place, for any pattern outside the attributes and operators
    known here.
    """

    def __init__(self, entries: list[_Entry], strings: Any):
        self.strings = strings
        # REGEX results by (pattern, string id): words recur, and a search costs more than a look-up
        self._searched: dict[tuple[str, int], bool] = {}
        # per distinct token row (its attributes' string ids): what _starting found, bounded by STARTS_KEPT
        self._starts: dict[tuple[int, ...], tuple[list[tuple[int, int]], list[_Entry]]] = {}
        self.anchored: dict[tuple[int, int], list[_Entry]] = {}
        self.anywhere: list[_Entry] = []
        for entry in entries:
            first = [t for t in entry[2][0] if t[1] in ("==", "IN")]
            if not first:
                self.anywhere.append(entry)
                continue
            col, op, value = min(first, key=lambda t: (t[1] != "==", t[0]))
            for v in [value] if op == "==" else value:
                self.anchored.setdefault((col, v), []).append(entry)

    @classmethod
    def build(cls, ruler: Any) -> RulerMatcher | None:
        try:
            from spacy.strings import get_string_id

            entries = []
            for i, p in enumerate(ruler.patterns):
                # AttributeRuler.add keys pattern i by the string "i"; its match() sorts by that number
                match_id = int(ruler.vocab.strings[str(i)])
                for pattern in p["patterns"]:
                    tokens = [_token_tests(spec, get_string_id) for spec in pattern]
                    if not tokens or any(t is None for t in tokens):
                        return None
                    entries.append((i, match_id, [t for t in tokens if t is not None]))
            return cls(entries, ruler.vocab.strings)
        except Exception:  # an AttributeRuler unlike spaCy 3.8's: keep its own Matcher
            return None

    def match(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """What AttributeRuler.match returns: (pattern number, match id, start, end), sorted."""
        from spacy.attrs import IDS

        rows: list[tuple[int, ...]] = (
            [tuple(r) for r in doc.to_array([IDS[a] for a in _RULER_ATTRS]).tolist()] if len(doc) else []
        )
        n = len(rows)
        # a set: the Matcher reports a key's span once however many of its patterns match there
        found: set[tuple[int, int, int, int]] = set()
        starts = self._starts
        for i, row in enumerate(rows):
            known = starts.get(row)
            if known is None:
                if len(starts) >= STARTS_KEPT:
                    starts.clear()
                known = starts[row] = self._starting(row)
            whole, longer = known
            found.update((number, match_id, i, i + 1) for number, match_id in whole)
            for number, match_id, tokens in longer:
                # the first token passed in _starting: the rest are tried here
                if i + len(tokens) <= n and all(self._passes(rows[i + j], t) for j, t in enumerate(tokens) if j):
                    found.add((number, match_id, i, i + len(tokens)))
        return sorted(found)

    def _starting(self, row: tuple[int, ...]) -> tuple[list[tuple[int, int]], list[_Entry]]:
        """The patterns a token of these attributes matches whole (one-token patterns), and the longer ones whose
        first token it matches: a token's attributes alone decide both, so they are worked out once per row."""
        cands = list(self.anywhere)
        for col, value in enumerate(row):
            more = self.anchored.get((col, value))
            if more:
                cands += more
        whole, longer = [], []
        for entry in cands:
            number, match_id, tokens = entry
            if self._passes(row, tokens[0]):
                if len(tokens) == 1:
                    whole.append((number, match_id))
                else:
                    longer.append(entry)
        return whole, longer

    def _passes(self, row: Sequence[int], tests: list[_Test]) -> bool:
        for col, op, value in tests:
            got = row[col]
            if op == "==":
                ok = got == value
            elif op == "IN":
                ok = got in value
            elif op == "NOT_IN":
                ok = got not in value
            else:
                key = (value.pattern, got)
                hit = self._searched.get(key)
                if hit is None:
                    hit = self._searched[key] = value.search(self.strings[got]) is not None
                ok = hit
            if not ok:
                return False
        return True
