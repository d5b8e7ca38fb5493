"""kind: consistency: a name spelled two ways in an article or across a run, or written in lower case.

The checker: one rule per mode, each mode's comparison in a module of its own beside this one.
"""

from __future__ import annotations

from collections.abc import Iterator

from ...core.document import Document
from ...core.findings import Hit
from ..base import Checker, Option, list_of_str, one_of
from . import date_order, joiner, lowercase, particle, spelling
from .names import PAIRS_KEY, pairs

MODES = ("particle", "spelling", "lowercase", "joiner", "date-order")


_mode = one_of("mode", MODES)


class ConsistencyChecker(Checker):
    kind = "consistency"
    cross_document = True
    corpus_facts = (PAIRS_KEY,)
    options = {
        "mode": Option(_mode, required=True, help="particle | spelling | lowercase"),
        "canonical": Option(list_of_str, default=[], help="spellings that win a tie (Antony Blinken)"),
        "known_names": Option(dict, default={}, help="lower-case form -> proper form (usa: USA)"),
        "max_zipf": Option(float, default=3.0, help="a lower-case word more common than this is an ordinary word"),
    }

    def setup(self) -> None:
        self.canonical: set[spelling.Name] = {
            (first, rest) for first, rest in (c.split(" ", 1) for c in self.opts["canonical"] if " " in c)
        }
        self.known = {str(k): str(v) for k, v in self.opts["known_names"].items()}

    def check(self, doc: Document) -> Iterator[Hit]:
        mode = self.opts["mode"]
        if mode == "particle":
            yield from particle.check(doc)
        elif mode == "spelling":
            yield from spelling.check(doc, self.canonical, self.opts["max_zipf"])
        elif mode == "joiner":
            yield from joiner.check(doc)
        elif mode == "date-order":
            yield from date_order.check(doc)
        else:
            yield from lowercase.check(doc, self.known, self.opts["max_zipf"])

    def check_corpus(self, docs: list[Document]) -> Iterator[tuple[Document, Hit]]:
        if self.opts["mode"] != "spelling":
            return
        table = {d.path: pairs(d) for d in docs}
        by_path = {d.path: d for d in docs}
        for path, hit in spelling.spelling_corpus(docs, table, self.canonical):
            yield by_path[path], hit
