"""Turn command-line paths into documents: walk folders, read files, build the lintable view per format."""

from __future__ import annotations

import os
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .document import Document
from .errors import InputError
from .fileio import Decoded, read_text

TEXT_SUFFIXES = (".txt", ".md", ".markdown")
_FRONT_MATTER = re.compile(r"\A(\ufeff?)(---|\+\+\+)[ \t]*\r?\n.*?\r?\n\2[ \t]*(?:\r?\n|\Z)", re.S)
_FENCE = re.compile(r"^([ \t]*)(```|~~~).*?^\1\2[ \t]*$", re.S | re.M)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_INLINE_CODE = re.compile(r"`[^`\n]+`")


@dataclass(frozen=True)
class Source:
    """A path as the user named it, to read and lint."""

    path: str
    stdin: bool = False


def blank(text: str, start: int, end: int) -> str:
    """Replace text[start:end] with spaces, keeping line breaks so lines and offsets stay put."""
    seg = re.sub(r"[^\r\n]", " ", text[start:end])
    return text[:start] + seg + text[end:]


def markdown_view(raw: str) -> tuple[str, dict[str, object]]:
    """Blank front matter, fenced and inline code and HTML comments; the `title:` of front matter stays visible."""
    view = raw
    meta: dict[str, object] = {}
    m = _FRONT_MATTER.match(raw)
    if m:
        view = blank(view, m.start(), m.end())
        t = re.search(r"^title\s*[:=]\s*(['\"]?)(.+?)\1[ \t]*\r?$", m.group(0), re.M)
        if t:
            s, e = m.start() + t.start(2), m.start() + t.end(2)
            view = view[:s] + raw[s:e] + view[e:]
            meta["title_span"] = (s, e)
    for pat in (_FENCE, _HTML_COMMENT, _INLINE_CODE):
        for mm in pat.finditer(view):
            view = blank(view, mm.start(), mm.end())
    return view, meta


def make_document(path: str, raw: str) -> Document:
    if path.lower().endswith((".md", ".markdown")):
        view, meta = markdown_view(raw)
        return Document(path, raw, view, meta)
    return Document(path, raw)


def expand(paths: list[str], exclude: tuple[str, ...] = ()) -> Iterator[Source]:
    """Files named, and the .txt/.md files below each folder named (sorted, hidden ones skipped)."""
    for p in paths:
        if p == "-":
            yield Source("-", stdin=True)
            continue
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in exclude)
                for name in sorted(files):
                    if name.startswith(".") or not name.lower().endswith(TEXT_SUFFIXES):
                        continue
                    yield Source(os.path.join(root, name))
        else:
            yield Source(p)


def load(source: Source, stdin_text: str | None = None, max_bytes: int = 0) -> tuple[Document, Decoded]:
    if source.stdin:
        decoded = Decoded(stdin_text or "", "utf-8")
    else:
        if not os.path.lexists(source.path):
            raise InputError(source.path, "no such file or folder")
        decoded = read_text(Path(source.path), max_bytes=max_bytes) if max_bytes else read_text(Path(source.path))
    return make_document(source.path, decoded.text), decoded
