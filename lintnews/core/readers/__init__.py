"""Readers: a file's raw text to a Document, by its format (plain text, Markdown, HTML)."""

from __future__ import annotations

from ..document import Document
from .html import read_html
from .text import read_text

MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")


def read(path: str, raw: str) -> Document:
    """The document of a file of this name holding `raw`."""
    low = path.lower()
    if low.endswith(MARKDOWN_SUFFIXES):
        # imported here: markdown-it and its plugins are a fifth of the start-up of a run on plain text
        from .markdown import read_markdown

        return read_markdown(path, raw)
    if low.endswith(HTML_SUFFIXES):
        return read_html(path, raw)
    return read_text(path, raw)
