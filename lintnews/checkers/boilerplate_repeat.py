"""kind: boilerplate-repeat: a short line that recurs in many articles of a run is the site's template."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator
from typing import Any

import regex

from ..core.document import Document
from ..core.findings import Hit, Severity
from .base import Checker, Option
from .boilerplate import delete_block_edit
from .boilerplate.content import ContentLines, content_lines
from .boilerplate.lines import is_body, is_headline_like, words_of

_NORM = regex.compile(r"[^\p{L}\p{N}@.]+")
_QUOTE = regex.compile(r"[\"“”«»]")
_LETTER = regex.compile(r"\p{L}")
# a line of reporting: a statement with a verb of saying, or an article's sentence long enough to be quoted
_REPORTING = regex.compile(r"\b(?:said|says|told|tells|according to|announced|reported|added|stated)\b", regex.I)


def _share(value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)) or not 0.0 <= value <= 1.0:
        raise ValueError("must be a number between 0 and 1")
    return float(value)


def normal_form(text: str) -> str:
    """What two copies of a template line share: letters and digits, lower-cased, in order."""
    return str(_NORM.sub(" ", text.lower())).strip()


def _same_article(a: set[int], b: set[int]) -> bool:
    """Two documents that share paragraphs of the story (their hashes) are one article (two extractions, a repost)."""
    common = len(a & b)
    return common >= 2 or (common >= 1 and common >= 0.3 * min(len(a), len(b)))


class BoilerplateRepeatChecker(Checker):
    kind = "boilerplate-repeat"
    cross_document = True
    options = {
        "min_docs": Option(int, default=3, help="the line recurs in at least this many articles"),
        "min_share": Option(_share, default=0.02, help="... and in at least this share of the run's articles"),
        "max_words": Option(int, default=14, help="a longer line is a paragraph, however often it recurs"),
    }

    def check(self, doc: Document) -> Iterator[Hit]:
        # a widget line the page repeats between paragraphs ('Spread the word!' three times) is the template too
        seen: dict[str, list[tuple[int, int]]] = defaultdict(list)
        lines = content_lines(doc)
        texts = lines.texts  # the texts alone: a line's Block is made only for a line kept
        # what is asked of a line's text, asked once per text: the lines this rule is after recur
        form: dict[str, str | None] = {}
        headline: dict[str, bool] = {}
        for i, text in enumerate(texts):
            if text not in form:
                form[text] = normal_form(text) if self.candidate(text) else None
            key = form[text]
            if key is None:
                continue
            # a label under each item of a list ('Phone X for $200' / 'See it now') belongs to the list
            if i:
                before = texts[i - 1]
                if before not in headline:
                    headline[before] = is_headline_like(before)
                if headline[before]:
                    continue
            seen[key].append((lines.starts[i], lines.ends[i]))
        for spans in seen.values():
            if len(spans) >= self.opts["min_docs"]:
                for s, e in spans:
                    params = (("times", str(len(spans))), ("scope", "places of this article"))
                    # one article may repeat a label of its own list ('See it now' under each product): a note;
                    # recurring across articles is the stronger sign
                    edit = delete_block_edit(doc.raw, s, e)
                    yield Hit(s, e, params=params, edits=(edit,), severity=Severity.INFO)

    def candidate(self, text: str) -> bool:
        """Short, and no sentence of reporting: a quote two articles share is not the template's."""
        n = len(words_of(text))
        if not 1 <= n <= self.opts["max_words"] or not _LETTER.search(text):
            return False
        return not (_QUOTE.search(text) or _REPORTING.search(text) or (n >= 8 and text.rstrip().endswith(".")))

    def _facts(self, doc: Document) -> tuple[set[int], set[int]]:
        """The document's story paragraphs and its candidate lines, each as the hash of its normal form: the
        run's documents are compared by these, not by their lines kept for all of them at once."""
        bodies: set[int] = set()
        keys: set[int] = set()
        for b in _lines_unkept(doc):
            if is_body(b.text):
                bodies.add(hash(normal_form(b.text)))
            if self.candidate(b.text):
                key = normal_form(b.text)
                if key:
                    keys.add(hash(key))
        return bodies, keys

    def check_corpus(self, docs: list[Document]) -> Iterator[tuple[Document, Hit]]:
        facts = [self._facts(d) for d in docs]
        bodies = [f[0] for f in facts]
        # one article reached twice (several extractions of a page) counts once: union of documents that share
        # story paragraphs
        parent = list(range(len(docs)))

        def root(i: int) -> int:
            while parent[i] != i:
                parent[i] = parent[parent[i]]
                i = parent[i]
            return i

        by_para: dict[int, list[int]] = defaultdict(list)
        for i, paras in enumerate(bodies):
            for p in paras:
                by_para[p].append(i)
        for i, paras in enumerate(bodies):
            others = {j for p in paras for j in by_para[p] if j != i}
            for j in others:
                if root(i) != root(j) and _same_article(paras, bodies[j]):
                    parent[root(i)] = root(j)
        del by_para
        articles = len({root(i) for i in range(len(docs))})
        where: dict[int, set[int]] = defaultdict(set)
        for i, (_, keys) in enumerate(facts):
            for k in keys:
                where[k].add(root(i))
        need = max(self.opts["min_docs"], self.opts["min_share"] * articles)
        repeated = {k: len(v) for k, v in where.items() if len(v) >= need}
        if not repeated:
            return
        for d, (_, keys) in zip(docs, facts, strict=True):
            if keys.isdisjoint(repeated):
                continue
            for b in _lines_unkept(d):
                n = repeated.get(hash(normal_form(b.text))) if self.candidate(b.text) else None
                if n is not None:
                    yield (
                        d,
                        Hit(
                            b.start,
                            b.end,
                            params=(("times", str(n)), ("scope", f"articles of the {articles} in this run")),
                            edits=(delete_block_edit(d.raw, b.start, b.end),),
                        ),
                    )


def _lines_unkept(doc: Document) -> ContentLines:
    """content_lines(doc), with what it left in doc.cache taken out again: the cross-document pass reads every
    document of the run, whose lines kept until the end of the run were the parent's largest cost per document."""
    before = set(doc.cache)
    lines = content_lines(doc)
    for k in doc.cache.keys() - before:
        del doc.cache[k]
    return lines
