"""The traced inline parser: markdown-it's inline steps, recording which source characters each made text."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from markdown_it.parser_inline import ParserInline
from markdown_it.rules_inline.entity import entity
from markdown_it.rules_inline.state_inline import StateInline
from markdown_it.token import Token

from . import markdown_stretch
from .markdown_entities import entity_run
from .markdown_stretch import STARTS

# inline steps whose characters are text as they stand
_TEXT_STEPS = frozenset({"text", "newline"})
# inline steps whose tokens decide later (emphasis, strikethrough): text if their delimiter stayed text
_DELIMITER_STEPS = frozenset({"emphasis", "strikethrough"})
# Inline content this dense in markup characters is not prose: no paragraph of an article has one mark in every
# four characters over hundreds of marks (a link `[Cairo](https://example.com/cairo)` has two in 34). markdown-it
# makes a token per delimiter character and scans a label per `[`, a few microseconds each: on a megabyte of
# `*a **b ` or `[[[[` that is seconds. Such content is read with the emphasis and strikethrough rules off and
# its delimiter runs as markup (the words between stay text, no fix reaches a mark), and a link, image or
# footnote is tried only where its label closes before another opens.
_MARKS = re.compile(r"[*_~\[\]!<>&`{}\\^]")
DENSE_MARKS = 256
DENSE_SHARE = 0.25
_OFF_MARKS = "*_~]"
_OFF_RUN = re.compile(r"[*_~\]]+")
# each character of a plain stretch of dense content as its trace has it: an emphasis mark or a bracket markup,
# any other character text
_NOT_MARKUP = re.compile(r"[^*_~\[\]]")
_MARKUP_ZERO = str.maketrans(dict.fromkeys(_OFF_MARKS + "[", "\x00"))
_DENSE_OFF = frozenset({"emphasis", "strikethrough"})
# where the label opens, after the rule's start: `[x]`, `[^x]` at once, `![x]` and `^[x]` one further on
_LABEL_AT = {"link": 0, "footnote_ref": 0, "image": 1, "footnote_inline": 1}


def is_dense(content: str) -> bool:
    """Is this inline content so dense in markup characters that it is read by the bounded rules?"""
    if len(content) < DENSE_MARKS:
        return False
    marks = len(_MARKS.findall(content))
    return marks >= DENSE_MARKS and marks >= DENSE_SHARE * len(content)


def _next(state: StateInline, ch: str, after: int) -> int:
    """The first `ch` after `after` in the source (its length if none), remembered per state so that a run of
    openers without a closer costs one scan, not one per opener."""
    key = ("lintnews.next", ch)
    found: int = state.cache.get(key, -1)  # type: ignore[call-overload]
    if found <= after:
        found = state.src.find(ch, after + 1)
        if found < 0:
            found = len(state.src)
        state.cache[key] = found  # type: ignore[index]
    return found


def _label_closes(rule: Any, offset: int, link: bool) -> Any:
    """`rule` (a link, image or footnote) tried only where the `[` of its label is closed before another opens;
    a link or an image also only where it can end: a `)` after its label, or a reference defined to name."""

    def bounded(state: StateInline, silent: bool) -> bool:
        at = state.pos + offset
        if at >= state.posMax or state.src[at] != "[":
            return False
        close = _next(state, "]", at)
        if close >= state.posMax or _next(state, "[", at) < close:
            return False
        if link and _next(state, ")", close) >= state.posMax and not state.env.get("references"):
            return False  # its inline form needs a `)` after the label, its reference form a reference
        return bool(rule(state, silent))

    return bounded


class Trace:
    """Per-character classes of one inline source, as the traced inline parser sees it."""

    def __init__(self, src: str) -> None:
        self.src = src
        self.text = bytearray(len(src))  # 1: text
        self.dense = is_dense(src)
        self.shown: dict[int, tuple[str, int]] = {}
        self.base = 0  # offset of the state being traced in src
        self.delimiters: dict[int, list[tuple[Token, int, int]]] = {}

    def resolve(self, state: StateInline) -> None:
        """After the pairing rules and before text tokens are merged: a delimiter that no pair used is still
        a text token with its characters; a used one became a tag or lost its content."""
        for token, start, end in self.delimiters.pop(id(state), ()):
            if token.type == "text" and token.content:
                self.text[start:end] = b"\x01" * (end - start)


class TracingInline(ParserInline):
    """markdown-it's inline parser, recording which source characters each step made text."""

    def __init__(self, base: ParserInline) -> None:
        self.__dict__.update(base.__dict__)
        self.trace: Trace | None = None
        self._by_char: dict[str, list[tuple[str, Any]]] = {}
        self._dense_by_char: dict[str, list[tuple[str, Any]]] = {}
        self._post: list[tuple[str, Any]] | None = None  # the post-processing rules, with their names
        self._all_known: bool | None = None  # does every enabled rule start at a known character?
        self._bases: dict[int, int] = {}  # id(state) -> offset of its src in the traced source
        self._outer: list[tuple[StateInline, int]] = []
        self._enabled_names: tuple[str, ...] | None = None

    def plain_stretch(self) -> tuple[re.Pattern[str], ...] | None:
        """The patterns of a stretch of dense content no rule starts in (markdown_stretch.plain), where any
        start a rule may match at stops it."""
        return markdown_stretch.plain(self._enabled(), self.terminator_re, 0)

    def unstarted_stretch(self) -> re.Pattern[str] | None:
        """The pattern of characters no rule but the text rule starts at (markdown_stretch.unstarted), where any
        start a rule may match at stops it."""
        return markdown_stretch.unstarted(self._enabled(), self.terminator_re, 0)

    def _stretches(self, dense: bool) -> tuple[list[Any], list[Any]]:
        """Per `shut` key (markdown_stretch.SHUT: beyond the last `>`, the last `}`), the plain stretch patterns
        of dense content and the unstarted stretch of other content (None where there is none)."""
        none: list[Any] = [None] * (1 << len(markdown_stretch.SHUT))
        names, ends = self._enabled(), self.terminator_re
        if dense:
            found = self.plain_stretch() is not None
            return [markdown_stretch.plain(names, ends, k) for k in range(len(none))] if found else none, none
        found = self.unstarted_stretch() is not None
        return none, [markdown_stretch.unstarted(names, ends, k) for k in range(len(none))] if found else none

    def _enabled(self) -> tuple[str, ...]:
        if self._enabled_names is None:
            self._enabled_names = tuple(r.name for r in self.ruler.__rules__ if r.enabled)
        return self._enabled_names

    def all_text(self, src: str) -> bool:
        """Is `src` one text token as it stands: no character any rule starts at (every rule's start is a
        character the text rule stops at, unless a rule of unknown start is enabled)?"""
        if self._all_known is None:
            self._all_known = all(r.name in STARTS or r.name == "text" for r in self.ruler.__rules__ if r.enabled)
        return self._all_known and self.terminator_re.search(src) is None

    def text_and_breaks(self, src: str) -> bool:
        """Is `src` text tokens and line breaks alone: no character a rule starts at but line breaks (the newline
        rule's, which takes the break and the next line's indentation, all text as the text rule's characters
        are)? Such content is all text, and its tokens need not be made to know it."""
        if not self._all_known:
            return False
        return all(m.group() == "\n" for m in self.terminator_re.finditer(src))

    def _rules_at(self, ch: str) -> list[tuple[str, Any]]:
        """The enabled inline rules that can start at character `ch`, with their names, in the ruler's order
        (the bounded ones in dense content)."""
        dense = self.trace is not None and self.trace.dense
        table = self._dense_by_char if dense else self._by_char
        found = table.get(ch)
        if found is None:
            pairs = zip((r.name for r in self.ruler.__rules__ if r.enabled), self.ruler.getRules(""), strict=True)
            found = [
                (name, entity_run if name == "entity" and rule is entity else rule)
                for name, rule in pairs
                if name not in STARTS or ch in STARTS[name]
            ]
            if dense:
                found = [
                    (
                        name,
                        _label_closes(rule, _LABEL_AT[name], name in ("link", "image")) if name in _LABEL_AT else rule,
                    )
                    for name, rule in found
                    if name not in _DENSE_OFF
                ]
            table[ch] = found
        return found

    def skipToken(self, state: StateInline) -> None:
        """markdown-it's skipToken (a link label's scan steps over whole tokens), asking only the rules that can
        start at the position's character."""
        pos = state.pos
        cache = state.cache
        if pos in cache:
            state.pos = cache[pos]
            return
        ok = False
        if state.level < state.md.options["maxNesting"]:
            for _, rule in self._rules_at(state.src[pos]):
                state.level += 1  # as markdown-it does: a nested skip counts as a level
                ok = rule(state, True)
                state.level -= 1
                if ok:
                    if state.pos <= pos:
                        raise RuntimeError("inline rule didn't increment state.pos")
                    break
        else:
            state.pos = state.posMax  # too deep: skip to the end of the paragraph, as markdown-it does
        if not ok:
            state.pos += 1
        cache[pos] = state.pos

    def parse(self, src: str, md: Any, env: Any, tokens: list[Token]) -> list[Token]:
        trace = self.trace
        if trace is None:
            return super().parse(src, md, env, tokens)
        state = StateInline(src, md, env, tokens)
        if self._outer:
            # an image's alt text or an inline footnote: a substring parsed on its own, just after `pos`
            outer, pos = self._outer[-1]
            found = outer.src.find(src, pos)
            base = self._bases.get(id(outer), 0) + found if found >= 0 else -1
        else:
            base = 0
        self._bases[id(state)] = base
        self.tokenize(state)
        if self._post is None:
            names = [r.name for r in self.ruler2.__rules__ if r.enabled]
            self._post = list(zip(names, self.ruler2.getRules(""), strict=True))
        for name, rule in self._post:
            if name == "fragments_join":
                trace.resolve(state)
            rule(state)
        trace.resolve(state)
        return state.tokens

    def tokenize(self, state: StateInline) -> None:
        trace = self.trace
        if trace is None:
            super().tokenize(state)
            return
        base = self._bases.get(id(state), 0)
        trace.base = base
        rules_at = self._rules_at
        end = state.posMax
        max_nesting = state.md.options["maxNesting"]
        outer = self._outer
        text, record, tokens, dense, src = trace.text, self._record, state.tokens, trace.dense, state.src
        plains, unstarted = self._stretches(dense)
        last_gt, last_brace = src.rfind(">"), src.rfind("}")
        last_close = src.rfind("]", 0, end)
        # where links and images cannot end: after the last `)`, with no reference defined
        unended = src.rfind(")", 0, end) if not state.env.get("references") else end
        while state.pos < end:
            pos = state.pos
            ok = False
            plain = plains[(pos > last_gt) | (pos > last_brace) << 1] if dense else None
            if dense and self._dense_markup(
                state, plain[1 if pos > last_close else 2 if pos > unended else 0] if plain else None, text, base
            ):
                continue
            if state.level < max_nesting:
                before = len(tokens)
                outer.append((state, pos))  # where a nested parse (an image's alt text) starts from
                for name, rule in rules_at(state.src[pos]):  # noqa: B007 (the name is read after the loop)
                    if rule(state, False):
                        ok = True
                        break
                outer.pop()
                if ok:
                    if state.pos <= pos:
                        raise RuntimeError("inline rule didn't increment state.pos")
                    if base >= 0:
                        trace.base = base
                        record(trace, name, state, pos, tokens[before:])
                    if state.pos >= end:
                        break
                    continue
            if dense and src[pos] == "[":
                state.append_pending(src[pos])  # a bracket no rule took, in dense content: markup
                state.pos += 1
                continue
            if base >= 0:
                text[base + pos] = 1
            state.append_pending(state.src[pos])
            state.pos += 1
            # after a mark no rule took, what no rule starts at (see markdown_stretch.SHUT): text, in one step
            stretch = unstarted[(pos > last_gt) | (pos > last_brace) << 1]
            if stretch is not None and (found := stretch.match(src, pos + 1, end)):
                self._unstarted(state, found, text, base)
        if state.pending:
            state.pushPending()

    def _unstarted(self, state: StateInline, found: re.Match[str], text: bytearray, base: int) -> bool:
        """A step over the characters `found` at `state.pos` that no rule but the text rule starts at: the text
        rule's stretches and the marks it stops at that no rule takes (`=`, `+`, `:`), each of which the loop
        would add to the pending text on its own, added at once as the text they are (`<a href="` made four
        steps, one here). Not where the stretch ends at the end of a nested source (a link's label) before a
        character the text rule would have gone on over."""
        src, pos, end = state.src, state.pos, state.posMax
        stop = found.end()
        if stop == end < len(src) and self.terminator_re.match(src, end) is None:
            return False
        state.append_pending(found.group())
        state.pos = stop
        if base >= 0:
            text[base + pos : base + stop] = b"\x01" * (stop - pos)
        return True

    @staticmethod
    def _dense_markup(state: StateInline, plain: re.Pattern[str] | None, text: bytearray, base: int) -> bool:
        """In dense content, a step over what no rule starts at, if there is one at `state.pos`."""
        src, pos, end = state.src, state.pos, state.posMax
        if plain is not None:
            # no rule starts in the stretch (see plain_stretch): it is pending text, each character read as its
            # trace has it (a bracket no rule took is markup in dense content), at once: `*a **b ` made three
            # steps of the loop per word, `![a ` three
            stretch = plain.match(src, pos, end)
            if stretch is None:
                return False
            seg = stretch.group()
            state.append_pending(seg)
            state.pos = stretch.end()
            if base >= 0:
                text[base + pos : base + stretch.end()] = (
                    _NOT_MARKUP.sub("\x01", seg).translate(_MARKUP_ZERO).encode("latin-1")
                )
            return True
        if src[pos] in _OFF_MARKS:
            run = _OFF_RUN.match(src, pos, end)  # as above, where the plain stretch is not known
            assert run is not None
            state.append_pending(run.group())
            state.pos = run.end()
            return True
        return False

    @staticmethod
    def _record(trace: Trace, name: str, state: StateInline, pos: int, new: Sequence[Token]) -> None:
        end = state.pos
        base = trace.base
        if name in _TEXT_STEPS:
            trace.text[base + pos : base + end] = b"\x01" * (end - pos)
        elif name == "escape":
            special = [t for t in new if t.type == "text_special"]
            if not special:
                trace.text[base + pos + 1 : base + end] = b"\x01" * (end - pos - 1)  # a hard break's line break
            elif special[0].content == special[0].markup:
                trace.text[base + pos : base + end] = b"\x01" * (end - pos)  # `\q` stays as written
            else:
                trace.text[base + pos + 1 : base + end] = b"\x01" * (end - pos - 1)
        elif name == "entity":
            # a run of references (markdown_entities.entity_run), one token each, from `pos` on (a flushed run of
            # pending text may come before them)
            at = base + pos
            for t in new:
                if t.type == "text_special":
                    trace.shown[at] = (t.content, at + len(t.markup))
                    at += len(t.markup)
            if at == base + pos:
                trace.text[base + pos : base + end] = b"\x01" * (end - pos)
        elif name == "backticks":
            if not any(t.type == "code_inline" for t in new):
                trace.text[base + pos : base + end] = b"\x01" * (end - pos)  # backticks without a partner
        elif name in _DELIMITER_STEPS:
            # the step's own tokens are its last ones (a flushed run of pending text may come first)
            at = base + end
            for t in reversed(new):
                if at <= base + pos or t.type != "text":
                    break
                trace.delimiters.setdefault(id(state), []).append((t, at - len(t.content), at))
                at -= len(t.content)
        # links and images: their label's characters were traced by the nested parse; the rest is markup.
        # autolinks, inline HTML, footnote references, shortcodes: markup.
