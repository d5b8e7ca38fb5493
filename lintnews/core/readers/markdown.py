"""Read Markdown with markdown-it-py: blocks from the token tree, text from the inline parser's own steps."""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import cache
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.parser_inline import ParserInline
from markdown_it.rules_inline.state_inline import StateInline
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.front_matter import front_matter_plugin

from ..document import Document
from .html import read_html_into
from .layout import TEXT, Layout

# Hugo shortcodes and Liquid tags: template code, never article text; each runs to its first closing mark
_CLOSERS = {"{{<": ">}}", "{{%": "%}}", "{%": "%}", "{{": "}}"}
_OPENER = re.compile(r"\{\{<|\{\{%|\{%|\{\{")
# the title in YAML (`title: "x"`) or TOML (`title = "x"`) front matter
_TITLE = re.compile(r"^title[ \t]*[:=][ \t]*(?P<q>['\"]?)(?P<t>[^\r\n]*?)(?P=q)[ \t]*\r?$", re.M)
_READING = "lintnews.reading"
_BARE_URL = re.compile(r"\bhttps?://[^\s<>\"'`()\[\]]*[^\s<>\"'`()\[\].,;:!?]")
_ONES = re.compile(rb"\x01+")
_TOML_FRONT = re.compile(r"\+\+\+[ \t]*\r?\n(?:.*?\r?\n)??\+\+\+(?=[ \t]*(?:\r?\n|\Z))", re.S)
_LINE = re.compile(r"[^\n]*\n|[^\n]+")
# inline steps whose characters are text as they stand
_TEXT_STEPS = frozenset({"text", "newline"})
# inline steps whose tokens decide later (emphasis, strikethrough): text if their delimiter stayed text
_DELIMITER_STEPS = frozenset({"emphasis", "strikethrough"})
# The one character each inline rule can start at (every rule returns False at once anywhere else): a position
# is offered only to the rules of its character, in the ruler's order. Asking all fifteen rules at each of a
# million `[` or `*` was most of the reading time; a rule not named here is asked everywhere, as before.
_STARTS = {
    "newline": "\n", "escape": "\\", "backticks": "`", "strikethrough": "~", "emphasis": "*_", "link": "[",
    "image": "!", "autolink": "<", "html_inline": "<", "entity": "&", "footnote_inline": "^",
    "footnote_ref": "[", "shortcode": "{", "linkify": ":",
}  # fmt: skip
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
_DENSE_OFF = frozenset({"emphasis", "strikethrough"})
# where the label opens, after the rule's start: `[x]`, `[^x]` at once, `![x]` and `^[x]` one further on
_LABEL_AT = {"link": 0, "footnote_ref": 0, "image": 1, "footnote_inline": 1}
# a link destination `](...)` in dense content, up to its first space or parenthesis: markup, even where the
# bounded link rule did not take it (a label with brackets inside)
_DESTINATION = re.compile(r"\]\([^\s()]{0,2048}\)?")


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


def _label_closes(rule: Any, offset: int) -> Any:
    """`rule` (a link, image or footnote) tried only where the `[` of its label is closed before another opens."""

    def bounded(state: StateInline, silent: bool) -> bool:
        at = state.pos + offset
        if at >= state.posMax or state.src[at] != "[":
            return False
        close = _next(state, "]", at)
        if close >= state.posMax or _next(state, "[", at) < close:
            return False
        return bool(rule(state, silent))

    return bounded


class _Trace:
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


class _TracingInline(ParserInline):
    """markdown-it's inline parser, recording which source characters each step made text."""

    def __init__(self, base: ParserInline) -> None:
        self.__dict__.update(base.__dict__)
        self.trace: _Trace | None = None
        self._by_char: dict[str, list[tuple[str, Any]]] = {}
        self._dense_by_char: dict[str, list[tuple[str, Any]]] = {}
        self._post: list[tuple[str, Any]] | None = None  # the post-processing rules, with their names
        self._all_known: bool | None = None  # does every enabled rule start at a known character?
        self._bases: dict[int, int] = {}  # id(state) -> offset of its src in the traced source
        self._outer: list[tuple[StateInline, int]] = []

    def all_text(self, src: str) -> bool:
        """Is `src` one text token as it stands: no character any rule starts at (every rule's start is a
        character the text rule stops at, unless a rule of unknown start is enabled)?"""
        if self._all_known is None:
            self._all_known = all(r.name in _STARTS or r.name == "text" for r in self.ruler.__rules__ if r.enabled)
        return self._all_known and self.terminator_re.search(src) is None

    def _rules_at(self, ch: str) -> list[tuple[str, Any]]:
        """The enabled inline rules that can start at character `ch`, with their names, in the ruler's order
        (the bounded ones in dense content)."""
        dense = self.trace is not None and self.trace.dense
        table = self._dense_by_char if dense else self._by_char
        found = table.get(ch)
        if found is None:
            pairs = zip((r.name for r in self.ruler.__rules__ if r.enabled), self.ruler.getRules(""), strict=True)
            found = [(name, rule) for name, rule in pairs if name not in _STARTS or ch in _STARTS[name]]
            if dense:
                found = [
                    (name, _label_closes(rule, _LABEL_AT[name]) if name in _LABEL_AT else rule)
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
        text = trace.text
        record = self._record
        tokens = state.tokens
        dense = trace.dense
        src = state.src
        while state.pos < end:
            pos = state.pos
            ok = False
            if dense and src[pos] in _OFF_MARKS:
                # no rule starts at an emphasis mark or a `]` in dense content (the text rule stops there): markup
                run = _OFF_RUN.match(src, pos, end)
                assert run is not None
                state.append_pending(run.group())
                state.pos = run.end()
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
        if state.pending:
            state.pushPending()

    @staticmethod
    def _record(trace: _Trace, name: str, state: StateInline, pos: int, new: Sequence[Token]) -> None:
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
            special = [t for t in new if t.type == "text_special"]
            if special:
                trace.shown[base + pos] = (special[0].content, base + end)
            else:
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


def _shortcode(state: StateInline, silent: bool) -> bool:
    src, pos = state.src, state.pos
    if not src.startswith("{", pos):
        return False
    m = _OPENER.match(src, pos)
    if m is None:
        return False
    closer = _CLOSERS[m.group()]
    # where the next closing mark is, remembered per source: a run of openers without one stays linear
    key = ("lintnews.shortcode", closer)
    found: int = state.cache.get(key, -2)  # type: ignore[call-overload]
    if found == -2 or 0 <= found < m.end():
        found = src.find(closer, m.end())
        state.cache[key] = found  # type: ignore[index]
    if found < 0 or found + len(closer) > state.posMax:
        return False
    end = found + len(closer)
    if not silent:
        token = state.push("shortcode", "", 0)
        token.content = src[pos:end]
    state.pos = end
    return True


def _as_is(url: str) -> str:
    return url


@cache
def parser() -> tuple[MarkdownIt, _TracingInline]:
    """CommonMark with GitHub's tables and strikethrough, front matter, footnotes and shortcodes."""
    md = MarkdownIt("commonmark").enable(["table", "strikethrough"]).use(front_matter_plugin).use(footnote_plugin)
    md.inline.ruler.before("text", "shortcode", _shortcode)
    md.inline.add_terminator_char("{")
    # nothing is rendered: link targets need no percent-encoding nor punycode (a sixth of the reading time)
    md.normalizeLink = _as_is  # type: ignore[method-assign]
    md.normalizeLinkText = _as_is  # type: ignore[method-assign,assignment]
    tracer = _TracingInline(md.inline)
    md.inline = tracer
    md.core.ruler.at("inline", _traced_inline)  # each block's inline content parsed once, traced
    return md, tracer


class _Reading:
    """What the traced inline rule needs of the file being read, and what it found per inline token."""

    def __init__(self, layout: Layout, lines: list[tuple[int, str]]) -> None:
        self.layout = layout
        self.lines = lines
        self.cursor: dict[int, int] = {}
        self.placed: dict[int, tuple[int, int] | None] = {}


def _traced_inline(state: Any) -> None:
    md = state.md
    tracer: _TracingInline = md.inline
    reading: _Reading | None = state.env.get(_READING)
    for i, tok in enumerate(state.tokens):
        if tok.type != "inline":
            continue
        if reading is None:
            tok.children = []
            md.inline.parse(tok.content, md, state.env, tok.children)
            continue
        if i and state.tokens[i - 1].type in ("th_open", "td_open") and tok.map:
            reading.cursor.setdefault(tok.map[0], 0)
        reading.placed[id(tok)] = _inline(reading, tok, tracer, md, state.env)


def _container_kind(stack: list[str], own: str) -> str:
    for t in reversed(stack):
        if t == "list_item_open":
            return "list-item"
        if t == "blockquote_open":
            return "blockquote"
        if t == "footnote_open":
            return "footnote"
        if t in ("td_open", "th_open"):
            return "table-cell"
    return own


def _locate(lines: list[tuple[int, str]], first: int, content: str, cursor: dict[int, int]) -> list[int] | None:
    """Where each character of an inline token's content sits in the file, or None if it cannot be placed.

    markdown-it gives the lines a block spans; a content line is what is left of its source line once the
    container marks (`> `, `- `, indentation, table pipes) are taken off, so it is found at the line's end
    or, in a table row, after the previous cell."""
    where: list[int] = []
    for k, piece in enumerate(content.split("\n")):
        n = first + k
        if n >= len(lines):
            return None
        start, line = lines[n]
        body = line.rstrip("\r\n")
        if n in cursor:
            at = body.find(piece, cursor[n])
        elif body.endswith(piece):
            at = len(body) - len(piece)
        elif body.rstrip().endswith(piece):
            at = len(body.rstrip()) - len(piece)
        else:
            at = body.find(piece)
        if at < 0:
            stripped = piece.lstrip(" ")  # a tab partly eaten by an indent comes back as spaces
            at = body.find(stripped) if stripped else len(body)
            if at < 0:
                return None
            where.extend([start + at] * (len(piece) - len(stripped)))
        else:
            stripped = piece
        where.extend(range(start + at, start + at + len(stripped)))
        if n in cursor:
            cursor[n] = at + len(stripped)
        if k < content.count("\n"):
            where.append(start + len(body))  # the line break between two content lines
    return where


def _front_matter(layout: Layout, token: Token, lines: list[tuple[int, str]]) -> None:
    assert token.map is not None
    first, last = token.map
    start = lines[first][0]
    end = lines[last - 1][0] + len(lines[last - 1][1]) if last - 1 < len(lines) else len(layout.raw)
    m = _TITLE.search(layout.raw, start, end)
    if m and m.group("t").strip():
        layout.mark_text(m.start("t"), m.end("t"))
        layout.add_block("title", m.start("t"), m.end("t"))
        layout.meta["title_span"] = (m.start("t"), m.end("t"))


def read_markdown(path: str, raw: str) -> Document:
    """A Markdown file as a document: blocks with their kind, text where the parser found text."""
    layout = Layout(raw)
    md, _ = parser()
    # a byte-order mark is not part of the first line; TOML front matter (`+++`) is read as YAML's is
    base = 1 if raw.startswith("\ufeff") else 0
    src = raw[base:]
    toml = _TOML_FRONT.match(src)
    if toml:
        src = "---" + src[3 : toml.end() - 3] + "---" + src[toml.end() :]
    lines: list[tuple[int, str]] = []
    pos = base
    for m in _LINE.finditer(src):
        lines.append((pos, m.group()))
        pos += len(m.group())
    reading = _Reading(layout, lines)
    tokens = md.parse(src, {_READING: reading})
    _walk(reading, tokens)
    for m in _BARE_URL.finditer(raw):
        # a web address written out in the text is not prose: no rule reads it, no fix edits it
        layout.kinds[m.start() : m.end()] = bytes(m.end() - m.start())
    _join_gaps(layout)
    if "title_span" not in layout.meta:
        # no title in the front matter: the first heading is the article's title
        first = min((b for b in layout.blocks if b.kind == "heading"), default=None)
        if first is not None:
            layout.meta["title_span"] = (first.start, first.end)
    return layout.document(path)


def _walk(reading: _Reading, tokens: list[Token]) -> None:
    layout, lines = reading.layout, reading.lines
    stack: list[str] = []
    previous_image = False
    for i, tok in enumerate(tokens):
        if tok.nesting == 1:
            stack.append(tok.type)
        elif tok.nesting == -1 and stack:
            stack.pop()
        if tok.type == "front_matter" and tok.map:
            _front_matter(layout, tok, lines)
        elif tok.type == "html_block" and tok.map:
            _html_block(layout, tok, lines)
        elif tok.type == "inline":
            parent = tokens[i - 1].type if i else ""
            own = "heading" if parent == "heading_open" else "paragraph"
            kind = _container_kind(stack, own)
            placed = reading.placed.get(id(tok))
            if placed is None:
                continue
            image_only = bool(tok.children) and all(
                c.type in ("image", "softbreak") or (c.type == "text" and not c.content.strip())
                for c in tok.children or []
            )
            if image_only:
                kind = "image"
            elif kind == "paragraph" and previous_image:
                kind = "caption"
            if kind in ("paragraph", "heading", "caption", "image") or tok.map:
                layout.add_block(kind, placed[0], placed[1])
            previous_image = image_only


def _html_block(layout: Layout, tok: Token, lines: list[tuple[int, str]]) -> None:
    """An HTML block's text, read as HTML; inside a quote or a list, its content without their marks."""
    assert tok.map is not None
    content = tok.content.rstrip("\n")
    where = _locate(lines, tok.map[0], content, {})
    if where is None:
        return
    inner = Layout(content)
    read_html_into(inner, 0, len(content))
    for k, cls in enumerate(inner.kinds):
        if cls:
            layout.kinds[where[k]] = cls
    for k, (value, end) in inner.shown.items():
        layout.mark_shown(where[k], where[end - 1] + 1, value)
    for b in inner.blocks:
        layout.add_block(b.kind, where[b.start], where[b.end - 1] + 1)


def _inline(reading: _Reading, tok: Token, tracer: _TracingInline, md: Any, env: Any) -> tuple[int, int] | None:
    """Trace one inline token's content and mark its text in the layout; [start, end) of what it covers."""
    layout = reading.layout
    if tok.map is None:
        return None
    where = _locate(reading.lines, tok.map[0], tok.content, reading.cursor)
    if where is None:
        return None  # could not place it: nothing of it is text, so nothing of it is edited
    trace = _Trace(tok.content)
    children: list[Token] = []
    if tracer.all_text(tok.content):
        # no character where a rule could start: the text rule would take it all as one text token
        trace.text[:] = b"\x01" * len(tok.content)
        if tok.content:
            children.append(Token("text", "", 0, content=tok.content))
    else:
        tracer.trace = trace
        try:
            tracer.parse(tok.content, md, env, children)
        finally:
            tracer.trace = None
            tracer._bases.clear()
    tok.children = children
    if trace.dense:
        for d in _DESTINATION.finditer(tok.content):
            trace.text[d.start() : d.end()] = bytes(d.end() - d.start())
    kinds = layout.kinds
    for m in _ONES.finditer(bytes(trace.text)):
        s, e = m.start(), m.end()
        if where[e - 1] - where[s] == e - 1 - s:
            kinds[where[s] : where[e - 1] + 1] = b"\x01" * (e - s)  # on one line: one slice
        else:
            for k in range(s, e):
                kinds[where[k]] = TEXT
    for k, (value, end) in trace.shown.items():
        layout.mark_shown(where[k], where[end - 1] + 1, value)
    if not where:
        return None
    return where[0], where[-1] + 1


def _join_gaps(layout: Layout) -> None:
    """The blank lines after a paragraph that fills whole lines of its own are text: deleting it with them, or
    joining it to the next paragraph, removes whole lines, so whatever follows keeps its structure.
    (After a heading or a list item they are not: their marks would be left to take the next line in.)"""
    raw = layout.raw
    for b in layout.blocks:
        if b.kind not in ("paragraph", "caption") or not _opens_line(raw, b.start):
            continue
        end = b.end
        while end < len(raw) and raw[end] in " \t\r\n":
            end += 1
        if "\n" in raw[b.end : end] or end == len(raw):
            layout.mark_text(b.end, end)


def _opens_line(raw: str, pos: int) -> bool:
    return pos == 0 or raw[pos - 1] == "\n"
