"""Read plain text: all of it is article text but the suppression directives written on their own lines."""

from __future__ import annotations

import re

from ..directives import LINE_MARKER, PLAIN_DIRECTIVE_LINE
from ..document import Document

_NOT_NEWLINE = re.compile(r"[^\r\n]")


def plain_view(raw: str) -> tuple[str, tuple[tuple[int, int], ...] | None]:
    """The view (directives blanked) and the text spans (None: everything is text)."""
    if "lintnews" not in raw:
        return raw, None
    found = (m.span() for pat in (PLAIN_DIRECTIVE_LINE, LINE_MARKER) for m in pat.finditer(raw))
    cut = sorted(span for span in found if span[1] > span[0])
    if not cut:
        return raw, None
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    for first, e in cut:
        s = max(first, pos)
        if e <= s:
            continue
        parts += [raw[pos:s], _NOT_NEWLINE.sub(" ", raw[s:e])]
        if s > pos:
            spans.append((pos, s))
        pos = e
    parts.append(raw[pos:])
    if pos < len(raw):
        spans.append((pos, len(raw)))
    return "".join(parts), tuple(spans)


def read_text(path: str, raw: str) -> Document:
    """A plain-text article: paragraphs by blank lines, as the document finds them."""
    view, spans = plain_view(raw)
    return Document(path, raw, view, text_spans=spans)
