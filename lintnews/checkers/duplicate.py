"""kind: duplicate: a paragraph or sentence repeated in the article, pull quotes and captions included."""

from __future__ import annotations

import heapq
import math
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator
from functools import cached_property
from itertools import chain

from ..core.document import Block, Document
from ..core.findings import Applicability, Hit, Severity
from .base import Checker, Option, compile_user_regex
from .boilerplate import delete_block_edit

_WORD = compile_user_regex(r"\w+(?:['’]\w+)*")


def norm_words(text: str) -> list[str]:
    """Words only, lower case: quote marks, punctuation and spacing do not make two copies differ."""
    # the curly apostrophe is inside a word exactly where the straight one is: replaced before the split
    words: list[str] = _WORD.findall(text.lower().replace("’", "'"))
    return words


def is_title(text: str) -> bool:
    """A headline: no final period (a question mark is allowed)."""
    return not text.rstrip("\"”’'»)] ").endswith((".", "!", ":", ";"))


def title_case(text: str) -> bool:
    words = [w for w in _WORD.findall(text) if w[:1].isalpha()]
    return bool(words) and sum(w[:1].isupper() for w in words) / len(words) > 0.5


def shingles(words: list[str], n: int) -> set[tuple[str, ...]]:
    """Every run of n consecutive words (n >= 1)."""
    if len(words) < n:
        return set()  # none: said before n copies of the list are made (a page of one-word blocks has many)
    return set(zip(*(words[k:] for k in range(n)), strict=False))


class _Index:
    """Which paragraphs can repeat paragraph i, found through the word runs they share, in document order.

    Comparing every pair of paragraphs is quadratic: a 1 MB list of distinct items took minutes. A copy,
    whole or near, shares at least `need` of paragraph i's m four-word runs, so it holds at least one of
    i's (m - need + 1) rarest runs: the union of those runs' paragraphs holds every possible match. A short
    paragraph (under four words) can only be contained, so its rarest word stands in for the runs."""

    def __init__(self, words: list[list[str]], grams: list[set[tuple[str, ...]]], image: list[bool]) -> None:
        self.words, self.grams, self.image = words, grams, image
        # a run only one paragraph has cannot lead to another paragraph: most runs of an article are such, so
        # they are counted at C speed and only the shared ones are indexed by paragraph
        counts = Counter(chain.from_iterable(g for j, g in enumerate(grams) if not image[j]))
        self.shared = {gram for gram, n in counts.items() if n > 1}
        self.by_gram: defaultdict[tuple[str, ...], list[int]] = defaultdict(list)
        if self.shared:
            for j, g in enumerate(grams):
                if not image[j]:
                    for gram in g & self.shared:
                        self.by_gram[gram].append(j)

    def _paragraphs_of(self, gram: tuple[str, ...], i: int) -> list[int]:
        """The paragraphs (images aside) that hold a run of paragraph i, itself not an image."""
        return self.by_gram[gram] if gram in self.shared else [i]

    @cached_property
    def by_word(self) -> defaultdict[str, list[int]]:
        """The paragraphs of each word: only a paragraph too short for a four-word run asks (min_words < 4)."""
        out: defaultdict[str, list[int]] = defaultdict(list)
        for j, w in enumerate(self.words):
            if not self.image[j]:
                for word in set(w):
                    out[word].append(j)
        return out

    def candidates(self, i: int, near: float) -> Iterator[int]:
        """Paragraph numbers that may repeat paragraph i (not an image), ascending, each once (a superset of the
        matches)."""
        grams = self.grams[i]
        if not self.words[i]:
            yield from range(len(self.words))
            return
        if not grams:
            lists: Iterable[list[int]] = [min((self.by_word[w] for w in self.words[i]), key=len)]
        else:
            m = len(grams)
            # a whole copy shares all m runs, whatever `near` says
            need = min(_least_shared(m, near), m)
            if need <= 0:
                yield from range(len(self.words))
                return
            if len(grams & self.shared) < need:
                # no other paragraph shares enough of its runs: only itself may hold them all
                lists = [[i]]
            else:
                lists = sorted((self._paragraphs_of(g, i) for g in grams), key=len)[: m - need + 1]
        last = -1
        # merged lazily: the caller stops at its first match, so a run of equal paragraphs stays linear
        for j in heapq.merge(*lists):
            if j != last:
                yield j
                last = j


def _least_shared(m: int, near: float) -> int:
    """The fewest of m runs another paragraph must share to be a near copy: the least k with k / m >= near."""
    k = max(0, math.ceil(near * m))
    while k > 0 and (k - 1) / m >= near:
        k -= 1
    while k <= m and k / m < near:
        k += 1
    return k


class DuplicateChecker(Checker):
    kind = "duplicate"
    options = {
        "min_words": Option(int, default=6, help="shorter paragraphs and sentences are not compared"),
        "near": Option(float, default=0.85, help="share of a paragraph's 4-word runs found in another one"),
        "min_sentence_words": Option(int, default=12, help="shorter sentences may recur"),
        "title_lead": Option(int, default=3, help="the title repeated in the first N paragraphs is page layout"),
    }

    def check(self, doc: Document) -> Iterator[Hit]:
        paras = doc.paragraphs
        # a text of k words has at least 2k - 1 characters, and a sentence is no longer than its paragraph: where
        # no paragraph is long enough to hold the words either comparison needs, nothing can be reported
        least = min(self.opts["min_words"], self.opts["min_sentence_words"])
        if all(len(p) < 2 * least - 1 for p in paras):
            return
        words = [norm_words(p.text) for p in paras]
        min_words = self.opts["min_words"]
        reported: set[int] = set()
        known = dict(zip((p.text for p in paras), words, strict=True))
        # a paragraph repeats another as long as itself or longer: with fewer than two of min_words words (one
        # long paragraph, or a page of short lines) no paragraph can, and no word runs are needed
        if sum(len(w) >= min_words for w in words) >= 2:
            yield from self._paragraphs(doc, words, reported)
        yield from self._sentences(doc, reported, known)

    def _paragraphs(self, doc: Document, words: list[list[str]], reported: set[int]) -> Iterator[Hit]:
        """A paragraph that repeats another, whole, contained in it or nearly; `reported` gets its number."""
        paras = doc.paragraphs
        joined = [" " + " ".join(w) + " " for w in words]
        grams = [shingles(w, 4) for w in words]
        index = _Index(words, grams, [p.kind == "image" for p in paras])
        min_words = self.opts["min_words"]
        for i, para in enumerate(paras):
            n = len(words[i])
            # an image's alt text that its caption repeats is the file's structure, not a copy
            if n < min_words or para.kind == "image":
                continue
            for j in index.candidates(i, self.opts["near"]):
                if j == i or len(words[j]) < n:
                    continue
                # an equal copy is reported where it comes second; a contained one wherever it stands
                if len(words[j]) == n and j > i:
                    continue
                if j == 0 and i < self.opts["title_lead"] and is_title(paras[0].text):
                    continue
                kind = self._relation(words[i], joined[i], joined[j], grams[i], grams[j])
                if kind is None:
                    continue
                # a heading repeated in a list ('Tale of the Palace') is layout, not a pull quote
                if kind == "contained" and title_case(para.text):
                    continue
                reported.add(i)
                yield self._hit(doc, para, paras[j], kind)
                break

    def _relation(
        self, w: list[str], joined: str, other: str, grams: set[tuple[str, ...]], other_grams: set[tuple[str, ...]]
    ) -> str | None:
        if joined == other:
            return "equal"
        if joined in other:
            return "contained"
        if grams and len(grams & other_grams) / len(grams) >= self.opts["near"]:
            return "near"
        return None

    def _hit(self, doc: Document, para: Block, other: Block, kind: str) -> Hit:
        line, _ = doc.position(other.start)
        edit = delete_block_edit(doc.text, para.start, para.end)
        if kind == "equal" and para.text == other.text:
            return Hit(
                para.start,
                para.end,
                message=f"This paragraph repeats the one on line {line} word for word: delete it.",
                edits=(edit,),
                applicability=Applicability.SAFE,
            )
        what = {
            "equal": "repeats the one on line {line}",
            "contained": "repeats text of the paragraph on line {line} (a pull quote or a caption?)",
            "near": "nearly repeats the paragraph on line {line}",
        }[kind].format(line=line)
        # a pull quote stripped of its punctuation is a scraping artifact; a repeated full sentence or a
        # near copy may be the writer's own summary, so it is only a note
        sure = kind == "equal" or (kind == "contained" and is_title(para.text))
        return Hit(
            para.start,
            para.end,
            message=f"This paragraph {what}: delete it.",
            edits=(edit,),
            severity=None if sure else Severity.INFO,
        )

    def _sentences(self, doc: Document, reported: set[int], known: dict[str, list[str]]) -> Iterator[Hit]:
        """A sentence repeated inside longer paragraphs (the paragraphs themselves differ).

        `known` holds the words of texts already split: a one-sentence paragraph is not split again (it gets
        the sentences' too)."""
        skip = sorted((doc.paragraphs[i].start, doc.paragraphs[i].end) for i in reported)
        skip_starts = [start for start, _ in skip]
        seen: dict[str, Block] = {}
        for s in doc.sentences:
            w = known.get(s.text)
            if w is None:
                w = known[s.text] = norm_words(s.text)  # a sentence said again is split once
            # short sentences ('Officials did not comment.') recur in good writing
            if len(w) < self.opts["min_sentence_words"]:
                continue
            key = " ".join(w)
            first = seen.get(key)
            if first is None:
                seen[key] = s
                continue
            k = bisect_right(skip_starts, s.start) - 1
            if k >= 0 and s.start < skip[k][1]:
                continue
            line, _ = doc.position(first.start)
            yield Hit(s.start, s.end, message=f"This sentence repeats one on line {line}: delete it.")
