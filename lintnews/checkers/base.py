"""The interface every checker implements, and the validation of its rule options."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from itertools import compress
from operator import attrgetter
from typing import Any, ClassVar

import regex

from ..core.document import Block, Document
from ..core.errors import RuleError
from ..core.findings import Hit
from ..core.nlp import FULL, Request, Then
from ..rules.rulepack import Rule
from .hooks import SpeedHooks

# A pattern that backtracks catastrophically is stopped after this many seconds per search. Each search
# covers one bounded piece of the text (see pieces), so a sound pattern, literal or not, stays far below it
# however long the document is: only a runaway pattern reaches it.
REGEX_TIMEOUT = 1.0
# Texts longer than this are searched a piece at a time, cut after a paragraph break (else a line break,
# else a sentence end, else a space). Each search then scans at most PIECE_CHARS + LOOKAHEAD_CHARS.
PIECE_CHARS = 100_000
# How far past its piece a search may look, so a match that starts in the piece may end after it, and
# lookaheads and \b see the text that follows instead of an end of text. Longer matches are cut here.
LOOKAHEAD_CHARS = 2_000


_TEXT = attrgetter("text")


@dataclass(frozen=True)
class Option:
    """One rule option: its type (a Python type or a validating function), whether it is required, its default."""

    type: type | tuple[type, ...] | Callable[[Any], Any]
    required: bool = False
    default: Any = None
    help: str = ""


def one_of(name: str, choices: Iterable[str]) -> Callable[[Any], str]:
    """The validator of an option that takes one of `choices`; `name` is what `rules --kinds` calls its type."""
    allowed = tuple(choices)

    def check(value: Any) -> str:
        if not isinstance(value, str) or value not in allowed:
            raise ValueError(f"must be one of {', '.join(c for c in allowed if c)}")
        return value

    check.__name__ = name
    return check


def list_of_str(value: Any) -> list[str]:
    if not isinstance(value, list) or not value or not all(isinstance(v, str) and v for v in value):
        raise ValueError("must be a non-empty list of strings")
    return value


def str_map(value: Any) -> dict[str, str]:
    if (
        not isinstance(value, dict)
        or not value
        or not all(isinstance(k, str) and isinstance(v, str) for k, v in value.items())
    ):
        raise ValueError("must be a non-empty mapping of strings to strings")
    return value


# what compiles a pack's pattern: regex.compile, unless a run installs a store of the patterns earlier runs
# compiled (speed.pattern_store), which loads a pattern's compiled code instead of parsing it again
_COMPILER: list[Callable[[str, int], regex.Pattern[str]]] = []


def use_compiler(compile_: Callable[[str, int], regex.Pattern[str]] | None) -> None:
    """Compile the packs' patterns with `compile_` (None: regex.compile) from now on."""
    _COMPILER[:] = [compile_] if compile_ is not None else []
    compile_user_regex.cache_clear()


@functools.lru_cache(maxsize=4096)
def compile_user_regex(pattern: str, flags: int = 0) -> regex.Pattern[str]:
    """Compile a pattern from a rule pack once per process; errors become ValueError for the validator."""
    try:
        return (_COMPILER[0] if _COMPILER else regex.compile)(pattern, flags | regex.VERSION0)
    except regex.error as e:
        raise ValueError(f"invalid regular expression: {e}") from None


class PatternTimeout(TimeoutError):
    """One search of a bounded piece of text ran over REGEX_TIMEOUT: the pattern itself is at fault."""

    def __init__(self, text: str, start: int, end: int) -> None:
        line = text.count("\n", 0, start) + 1
        super().__init__(
            f"its pattern ran over {REGEX_TIMEOUT:g} s on {end - start:,} characters from line {line} "
            "(catastrophic backtracking: a nested or overlapping repetition)"
        )


def search_with_timeout(
    pattern: regex.Pattern[str], text: str, pos: int = 0, endpos: int | None = None
) -> Iterator[regex.Match[str]]:
    """finditer that gives up when one search runs longer than REGEX_TIMEOUT (raises TimeoutError).

    A long text is searched in bounded pieces (see pieces) with the same matches as one finditer over it,
    except that a match may not run more than LOOKAHEAD_CHARS past the end of the piece it starts in.
    """
    end = len(text) if endpos is None else endpos
    if end - pos <= PIECE_CHARS:
        return _timed(pattern.finditer(text, pos, end, timeout=REGEX_TIMEOUT), text, pos, end)
    return _piecewise(pattern, text, pos, end)


def _timed(matches: Iterator[regex.Match[str]], text: str, start: int, end: int) -> Iterator[regex.Match[str]]:
    try:
        yield from matches
    except TimeoutError:
        raise PatternTimeout(text, start, end) from None


# the pieces of the last text cut: every regex rule searches the same document in turn (the text is held
# until the next long one is cut)
_LAST_CUT: list[tuple[str, int, int, list[tuple[int, int]]]] = []


def _pieces_of(text: str, pos: int, end: int) -> list[tuple[int, int]]:
    if _LAST_CUT and _LAST_CUT[0][0] is text and _LAST_CUT[0][1:3] == (pos, end):
        return _LAST_CUT[0][3]
    spans = list(pieces(text, pos, end))
    _LAST_CUT[:] = [(text, pos, end, spans)]
    return spans


def _piecewise(pattern: regex.Pattern[str], text: str, pos: int, end: int) -> Iterator[regex.Match[str]]:
    resume = pos  # where the last match ended: the next piece's search starts no earlier (no overlaps)
    for start, cut in _pieces_of(text, pos, end):
        if resume >= cut and cut < end:
            continue
        stop = min(end, cut + LOOKAHEAD_CHARS)
        begin = max(start, resume)
        for m in _timed(pattern.finditer(text, begin, stop, timeout=REGEX_TIMEOUT), text, begin, stop):
            if m.start() >= cut and cut < end:
                break  # the next piece's: found there, with the text after it in view
            yield m
            resume = m.end()


_SENTENCE_END = re.compile(r"[.!?][\"'”’»)\]]*\s")


def pieces(text: str, pos: int = 0, end: int | None = None, size: int = PIECE_CHARS) -> Iterator[tuple[int, int]]:
    """[start, cut) spans that tile text[pos:end], each at most about `size` characters long.

    A piece ends after a paragraph break where there is one in its second half, else after a line break,
    a sentence end or a space (a single line of megabytes has none of the others); white space after the
    cut stays with the piece, so the next starts at a word.
    """
    end = len(text) if end is None else end
    start = pos
    while end - start > size:
        limit = start + size
        half = start + size // 2
        cut = text.rfind("\n\n", half, limit)
        if cut < 0:
            cut = text.rfind("\n", half, limit)
        if cut < 0:
            ends = [m.end() - 1 for m in _SENTENCE_END.finditer(text, half, limit)]
            cut = ends[-1] if ends else text.rfind(" ", half, limit)
        if cut < 0:
            cut = limit  # no white space at all: a cut inside a "word" of 50,000 characters
        while cut < end and text[cut].isspace():
            cut += 1
        yield start, cut
        start = cut
    if start < end:
        yield start, end


# the doc.cache key of a rule's parse_blocks, before its id
PARSE_BLOCKS = "parse-blocks:"


class Checker(SpeedHooks):
    """Implements one `kind`: constructed once per rule, then `check` runs on each document.

    Besides `check`, a checker declares what it reads, and the engine prepares it before any rule runs:
    the class attributes below (a kind whose options decide one sets it on the instance in `setup`) and,
    for a checker that reads spaCy's analysis, `parse_blocks`. `check` then takes it from `self.parsed(doc)`.
    """

    kind: ClassVar[str] = ""
    options: ClassVar[dict[str, Option]] = {}
    # True when the rule reads spaCy's tagger or parser: the engine parses the `parse_blocks` of every such rule
    # of a document in one batch, and a run without these rules never loads the model
    needs_parser: bool = False
    # how much of the analysis the rule reads (nlp.BLANK: tokens; nlp.TAGS: also tag_; nlp.DEPS: also dep_, head;
    # nlp.FULL: also pos_, lemma_, morph): the tagger alone costs a third of the full parse
    parse_level: str = FULL
    # a rule that reads `parse_level` only where a lesser level leaves its answer open asks in two steps: its
    # parse_blocks at this level (nlp.TAGS: the tagger alone), then those of them `next_blocks` picks at parse_level
    first_level: str | None = None
    # True when the rule reads or records which lines other rules report (doc.cache's boilerplate claims): such
    # rules see each other's claims in their order, so a scheduler that runs the model rules apart runs all of
    # them together where one of them uses the model
    shares_claims: ClassVar[bool] = False
    # True when it also compares documents of one run (check_corpus is called after all documents)
    cross_document: ClassVar[bool] = False
    # the cross-document facts check_corpus reads: the doc.cache entries `check` leaves on each document, which a
    # --jobs worker sends back with its findings
    corpus_facts: ClassVar[tuple[str, ...]] = ()
    # True when the rule's findings only count where no other rule found something (an external grammar checker
    # that repeats what a rule of ours says better)
    defer_to_other_rules: ClassVar[bool] = False
    # True when the rule's examples need an outside service (a LanguageTool server): `rules --test` skips them
    needs_backend: ClassVar[bool] = False

    def __init__(self, rule: Rule, settings: Mapping[str, Any] | None = None):
        self.rule = rule
        # run-wide settings from the config (e.g. a LanguageTool URL), shared by every checker
        self.settings: Mapping[str, Any] = settings or {}
        self.opts: dict[str, Any] = {name: rule.options.get(name, spec.default) for name, spec in self.options.items()}
        self.setup()

    def setup(self) -> None:
        """Compile patterns and load data once per rule."""

    def check(self, doc: Document) -> Iterable[Hit]:
        raise NotImplementedError

    def check_corpus(self, docs: list[Document]) -> Iterable[tuple[Document, Hit]]:
        return ()

    def parse_blocks(self, doc: Document) -> Sequence[Block]:
        """The blocks of `doc` (sentences or paragraphs) this rule reads parsed: only those worth parsing."""
        return ()

    def next_blocks(self, doc: Document, first: Sequence[tuple[Block, Any]]) -> Sequence[Block]:
        """Of the blocks with their Docs at `first_level`, those this rule reads at `parse_level` (a two-step rule
        says which from what the first level shows; it is asked again on the same analysis when it reads them)."""
        return [block for block, _ in first]

    def parse_request(self, doc: Document) -> tuple[Sequence[Block], str]:
        """`parse_blocks(doc)` worked out once per document, and the level of its (first) step."""
        key = f"{PARSE_BLOCKS}{self.rule.id}"
        blocks: Sequence[Block] | None = doc.cache.get(key)
        if blocks is None:
            blocks = doc.cache[key] = self.parse_blocks(doc)
        return blocks, self.first_level or self.parse_level

    def prefetch_request(self, doc: Document) -> Request:
        """What the engine parses ahead: parse_request, and for a two-step rule the step after it."""
        blocks, level = self.parse_request(doc)
        return blocks, level, self._then(doc)

    def _then(self, doc: Document) -> Then | None:
        if self.first_level is None or self.first_level == self.parse_level:
            return None
        return Then(self.parse_level, functools.partial(self.next_blocks, doc))

    def parsed(self, doc: Document) -> Iterator[tuple[Block, Any]]:
        """Each of this rule's `parse_blocks` with its spaCy Doc (offsets in it are relative to the block): at
        `parse_level`, but for a two-step rule the blocks next_blocks left out, at `first_level`."""
        blocks, level = self.parse_request(doc)
        if not blocks:
            return
        from ..core import nlp

        then = self._then(doc)
        if then is None:
            yield from zip(blocks, nlp.parse(doc, blocks, level), strict=True)
        else:
            yield from nlp.parse_in_steps(doc, blocks, level, then)

    def uses_model(self) -> bool:
        """The old name of `needs_parser`, for callers outside checkers/ until they read the declaration."""
        return self.needs_parser

    @property
    def corpus_cache_keys(self) -> tuple[str, ...]:
        """The old name of `corpus_facts`, kept like `uses_model`."""
        return self.corpus_facts

    @classmethod
    def validate(cls, rule: Rule, deep: bool = True) -> None:
        """Check the rule's options: unknown keys, missing ones, wrong types. Raises RuleError(key=...).

        `deep` adds the kind's own checks (compiling patterns): skipped for the packs shipped with
        lintnews, which the test suite validates in full, because compiling every pattern up front is
        most of a one-article run; a house pack is always validated in full.
        """
        for key in rule.options:
            if key not in cls.options:
                known = ", ".join(sorted(cls.options)) or "none"
                raise RuleError(f"unknown key for kind '{cls.kind}' (its options: {known})", key=key)
        for name, spec in cls.options.items():
            if name not in rule.options:
                if spec.required:
                    raise RuleError(f"kind '{cls.kind}' requires '{name}'", key=name)
                continue
            value = rule.options[name]
            if isinstance(spec.type, (type, tuple)):
                ok = isinstance(value, spec.type) and not (spec.type is int and isinstance(value, bool))
                if not ok:
                    tname = (
                        spec.type.__name__
                        if isinstance(spec.type, type)
                        else " or ".join(t.__name__ for t in spec.type)
                    )
                    raise RuleError(f"must be of type {tname}", key=name)
            else:
                try:
                    spec.type(value)
                except ValueError as e:
                    raise RuleError(str(e), key=name) from None
        if deep:
            cls.validate_more(rule)

    @classmethod
    def validate_more(cls, rule: Rule) -> None:
        """Kind-specific checks beyond types (compile a pattern, check a template)."""


_TEMPLATE_FIELD = re.compile(r"\{(\w+)((?:\|\w+)*)\}")
FILTERS: dict[str, Callable[[str], str]] = {
    "lower": str.lower,
    "upper": str.upper,
    "capitalize": lambda s: s[:1].upper() + s[1:],
    "lower_first": lambda s: s if len(s) > 1 and s[1].isupper() else s[:1].lower() + s[1:],
    "strip": str.strip,
}


def by_text(blocks: Sequence[Block], keep: Callable[[str], object]) -> list[Block]:
    """The blocks whose text `keep` accepts, asked once per distinct text: a cue that reads the text alone is
    not asked again of a line the file repeats (a page of a thousand equal headings asks once)."""
    texts = list(map(_TEXT, blocks))
    kept = {t for t in set(texts) if keep(t)}
    return list(compress(blocks, map(kept.__contains__, texts))) if kept else []


# search_back's first window: longer than most words and gaps, a quarter of the default reach
_FIRST_REACH = 16


def search_back(
    pattern: re.Pattern[str], text: str, end: int, closed: bool = False, reach: int = 64
) -> re.Match[str] | None:
    """`pattern.search(text, 0, end)` for a pattern anchored at `end` ($) that matches a run of characters (a
    word, a gap), tried on the last `_FIRST_REACH` characters first, then on the last `reach`: a search from 0
    tries every start, which asked once per mark of a long sentence made its cost quadratic, and each start in a
    window costs (a word's or a gap's match is shorter than the first one). A match starting at a window's edge
    may begin before it, so a wider window is searched then; so it is where the window has none, unless
    `closed`: the pattern's match from any later start in a match is a match too, so a match anywhere leaves one
    in the window."""
    for lo in (end - _FIRST_REACH, end - reach):
        if lo <= 0:
            break
        m = pattern.search(text, lo, end)
        if m is None:
            if closed:
                return None
            break
        if m.start() > lo:
            return m
    return pattern.search(text, 0, end)


def render_template(template: str, groups: dict[str, str]) -> str:
    """Fill `{name}` / `{1}` fields, each with optional filters: `{source|lower_first}`."""

    def sub(m: re.Match[str]) -> str:
        value = groups.get(m.group(1))
        if value is None:
            raise KeyError(m.group(1))
        for f in m.group(2).split("|")[1:]:
            value = FILTERS[f](value)
        return value

    return _TEMPLATE_FIELD.sub(sub, template)


def template_fields(template: str) -> list[tuple[str, list[str]]]:
    return [(m.group(1), m.group(2).split("|")[1:]) for m in _TEMPLATE_FIELD.finditer(template)]
