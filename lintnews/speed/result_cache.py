"""The findings cache of a run: a document's findings and the cross-document pass, keyed by content and rules."""

from __future__ import annotations

from collections.abc import Callable

from ..core.config import Config
from ..core.document import Document
from ..core.findings import Finding
from ..engine.lint import Linted, Linter
from .cache import Cache, digest


class FindingsCache:
    """Findings stored under what they depend on: the rules (rules_key), the text, and the path only where the
    config makes findings depend on it (per-file ignores), so a renamed or copied file is a hit."""

    def __init__(self, cache: Cache, rules_key: str, cfg: Config) -> None:
        self.cache = cache
        self.rules_key = rules_key
        self.cfg = cfg
        # the last document's key: looked up, then stored under, without hashing twice
        self._last_key: tuple[Document | None, str] = (None, "")

    def key(self, doc: Document) -> str:
        if self._last_key[0] is doc:
            return self._last_key[1]
        cfg = self.cfg
        where = [doc.path, str(cfg.root), repr(cfg.per_file_ignores)] if cfg.per_file_ignores else []
        key = digest([self.rules_key, *where, doc.text, doc.raw])
        self._last_key = (doc, key)
        return key

    def get(self, doc: Document) -> Linted | None:
        found = self.cache.get("findings", self.key(doc))
        if not isinstance(found, list):
            return None
        try:
            return [Finding.from_row(row, doc.path) for row in found], [], None
        except (TypeError, ValueError, IndexError):  # an entry of another layout: lint again
            return None

    def put(self, doc: Document, linted: Linted) -> None:
        findings, notices, error = linted
        # a run where a rule was off or stopped is not the answer for these rules: never cache it
        if not notices and error is None:
            self.cache.put("findings", self.key(doc), [f.to_row() for f in findings])

    def cross_findings(self, rules: Callable[[], Linter], docs: list[Document]) -> dict[str, list[Finding]]:
        """The cross-document pass, from the cache when the same documents were checked together before (the
        rules are asked for only if not: a re-run over unchanged files loads none)."""
        key = digest([self.rules_key, "corpus", *(part for d in docs for part in (d.path, self.key(d)))])
        found = self.cache.get("corpus", key)
        if isinstance(found, dict):
            try:
                return {p: [Finding.from_row(row) for row in rows] for p, rows in found.items()}
            except (TypeError, ValueError, IndexError):
                pass
        linter = rules()
        before = len(linter.notices)
        extra = linter.cross_findings(docs)
        if len(linter.notices) == before:
            self.cache.put("corpus", key, {p: [f.to_row() for f in fs] for p, fs in extra.items()})
        return extra
