"""Turn command-line paths into documents: walk folders, read files, build the lintable view per format."""

from __future__ import annotations

import json
import os
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from .config import Config
from .document import Document
from .errors import InputError
from .fileio import Decoded, read_text
from .html_view import html_view
from .suppress import LINE_MARKER, PLAIN_DIRECTIVE_LINE

MARKDOWN_SUFFIXES = (".md", ".markdown")
HTML_SUFFIXES = (".html", ".htm")
JSONL_SUFFIXES = (".jsonl",)
TEXT_SUFFIXES = (".txt", *MARKDOWN_SUFFIXES, *HTML_SUFFIXES, *JSONL_SUFFIXES)
_FRONT_MATTER = re.compile(r"\A(\ufeff?)(---|\+\+\+)[ \t]*\r?\n.*?\r?\n\2[ \t]*(?:\r?\n|\Z)", re.S)
_FENCE = re.compile(r"^([ \t]*)(```|~~~).*?^\1\2[ \t]*$", re.S | re.M)
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_INLINE_CODE = re.compile(r"`[^`\n]+`")
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_MD_LINK = re.compile(r"(\[)[^\]\n]*(\]\([^)\n]*\)|\]\[[^\]\n]*\])")
_MD_LINK_DEF = re.compile(r"^[ ]{0,3}\[[^\]\n]+\]:[ \t]*\S+.*$", re.M)
_MD_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:[^>\"'\n]|\"[^\"\n]*\"|'[^'\n]*')*>")
_BARE_URL = re.compile(r"\bhttps?://[^\s<>\"')\]]+")


@dataclass(frozen=True)
class Source:
    """A path as the user named it, to read and lint."""

    path: str
    stdin: bool = False


def blank(text: str, start: int, end: int) -> str:
    """Replace text[start:end] with spaces, keeping line breaks so lines and offsets stay put."""
    seg = re.sub(r"[^\r\n]", " ", text[start:end])
    return text[:start] + seg + text[end:]


def _blank_all(view: str, pattern: re.Pattern[str]) -> str:
    parts = []
    pos = 0
    for m in pattern.finditer(view):
        parts.append(view[pos : m.start()])
        parts.append(re.sub(r"[^\r\n]", " ", m.group()))
        pos = m.end()
    parts.append(view[pos:])
    return "".join(parts)


def markdown_view(raw: str) -> tuple[str, dict[str, object]]:
    """Blank front matter, code, HTML comments and tags, link targets and images; the front matter `title:` stays."""
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
    for pat in (_FENCE, _HTML_COMMENT, _INLINE_CODE, _MD_IMAGE, _MD_LINK_DEF, _MD_HTML_TAG):
        view = _blank_all(view, pat)
    # a link keeps its words; the brackets and the target go
    for mm in _MD_LINK.finditer(view):
        view = blank(view, mm.start(1), mm.end(1))
        view = blank(view, mm.start(2), mm.end(2))
    view = _blank_all(view, _BARE_URL)
    return view, meta


def plain_view(raw: str) -> str:
    """Plain text is its own view, except suppression directives, which are not article text."""
    if "lintnews" not in raw:
        return raw
    return _blank_all(_blank_all(raw, PLAIN_DIRECTIVE_LINE), LINE_MARKER)


def make_document(path: str, raw: str) -> Document:
    low = path.lower()
    if low.endswith(MARKDOWN_SUFFIXES):
        view, meta = markdown_view(raw)
        return Document(path, raw, view, meta)
    if low.endswith(HTML_SUFFIXES):
        view, meta = html_view(raw)
        return Document(path, raw, view, meta)
    return Document(path, raw, plain_view(raw))


def is_jsonl(path: str) -> bool:
    return path.lower().endswith(JSONL_SUFFIXES)


def article_key(path: str, record: int) -> str:
    """The name a JSON Lines article is linted under: unique per record, mapped back to the file in reports."""
    return f"{path}#L{record}"


def jsonl_documents(
    path: str, raw: str, text_field: str = "text", id_field: str = "id", first_line: int = 1
) -> list[Document]:
    """One document per line of a JSON Lines archive: the article is the `text_field` string of each object.

    Offsets, lines and columns count within that article's text (its JSON escapes decoded). Blank lines are
    skipped; a line that is not an object with a string `text_field` is an input error naming its line.
    """
    docs: list[Document] = []
    for n, line in enumerate(raw.splitlines(), start=first_line):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as e:
            raise InputError(f"{path}:{n}", f"not valid JSON ({e.msg} at column {e.colno})") from None
        if not isinstance(obj, dict):
            raise InputError(f"{path}:{n}", "not a JSON object (JSON Lines archives hold one article object a line)")
        text = obj.get(text_field)
        if not isinstance(text, str):
            raise InputError(f"{path}:{n}", f"no string field '{text_field}' (set jsonl-text-field)")
        ident = obj.get(id_field)
        article = str(ident) if isinstance(ident, (str, int)) and not isinstance(ident, bool) else f"line {n}"
        doc = make_document(article_key(path, n), text)
        doc.meta.update({"file": path, "article": article, "record": n})
        docs.append(doc)
    return docs


def git_ignored(files: list[str], cwd: str) -> set[str]:
    """Which of `files` .gitignore (or .git/info/exclude, or the global excludes) ignores, asked of git itself.

    Outside a git work tree, or without git, nothing is ignored. Tracked files are never ignored, as in git.
    """
    if not files:
        return set()
    try:
        proc = subprocess.run(
            ["git", "check-ignore", "--stdin", "-z"],
            input="\0".join(files).encode("utf-8", "surrogateescape"),
            cwd=cwd,
            capture_output=True,
            timeout=60,
            check=False,
        )
    except (OSError, subprocess.SubprocessError):
        return set()
    if proc.returncode not in (0, 1):
        return set()  # 128: not a git work tree
    return {p for p in proc.stdout.decode("utf-8", "surrogateescape").split("\0") if p}


def expand(paths: list[str], cfg: Config | None = None) -> Iterator[Source]:
    """Files named, and the files below each folder named that `include` picks (sorted, hidden ones skipped).

    `exclude` globs drop files and folders, named or found; folder walks also skip what .gitignore ignores.
    """
    cfg = cfg or Config()
    for p in paths:
        if p == "-":
            yield Source("-", stdin=True)
            continue
        if os.path.isdir(p):
            found: list[str] = []
            for root, dirs, files in os.walk(p, followlinks=False):
                dirs[:] = sorted(
                    d for d in dirs if not d.startswith(".") and not cfg.excluded_folder(os.path.join(root, d))
                )
                for name in sorted(files):
                    full = os.path.join(root, name)
                    if name.startswith(".") or not cfg.included(full) or cfg.excluded(full):
                        continue
                    found.append(full)
            ignored = git_ignored([os.path.abspath(f) for f in found], p)
            for f in found:
                if os.path.abspath(f) not in ignored:
                    yield Source(f)
        elif not cfg.excluded(p):
            yield Source(p)


def load(source: Source, stdin_text: str | None = None, max_bytes: int = 0) -> tuple[Document, Decoded]:
    if source.stdin:
        decoded = Decoded(stdin_text or "", "utf-8")
    else:
        if not os.path.lexists(source.path):
            raise InputError(source.path, "no such file or folder")
        decoded = read_text(Path(source.path), max_bytes=max_bytes) if max_bytes else read_text(Path(source.path))
    return make_document(source.path, decoded.text), decoded
