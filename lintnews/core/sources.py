"""Turn command-line paths into documents: walk folders, read files, hand each to the reader of its format."""

from __future__ import annotations

import json
import os
import subprocess
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from .config import Config
from .document import Document
from .errors import InputError
from .fileio import Decoded, decode, read_text, within
from .readers import HTML_SUFFIXES, MARKDOWN_SUFFIXES, read

JSONL_SUFFIXES = (".jsonl",)
TEXT_SUFFIXES = (".txt", *MARKDOWN_SUFFIXES, *HTML_SUFFIXES, *JSONL_SUFFIXES)


@dataclass(frozen=True)
class Source:
    """A path as the user named it, to read and lint."""

    path: str
    stdin: bool = False


@dataclass(frozen=True)
class Unread:
    """A source (or a line of an archive) that could not be read into a document: `path` names it as reported,
    `file` is the file it is in."""

    path: str
    error: str
    file: str = ""


def make_document(path: str, raw: str) -> Document:
    """The document of a file of this name: Markdown and HTML are parsed (see lintnews.core.readers)."""
    return read(path, raw)


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


def sources_in(paths: Sequence[str], cfg: Config, notices: list[str]) -> Iterator[tuple[Source, Path | None]]:
    """The sources to read, each with the tree a symlink's target must lie in to be written through.

    A folder's walk keeps only files inside that folder: a file symlink pointing out of it is skipped
    with a notice (folder symlinks are not followed at all). A named file that is a symlink may be read
    wherever it points, but is fixed only through to a target inside the project (the config's folder,
    or the current one), else the link's own folder.
    """
    for p in paths:
        if p != "-" and os.path.isdir(p):
            tree = Path(p).resolve()
            for s in expand([p], cfg):
                if within(Path(s.path), tree):
                    yield s, tree
                else:
                    notices.append(f"{s.path}: skipped: a symlink to {os.path.realpath(s.path)}, outside {p}")
            continue
        for s in expand([p], cfg):
            if s.stdin or not os.path.islink(s.path):
                yield s, None
                continue
            home = cfg.root
            yield s, home if within(Path(s.path).parent, home) else Path(s.path).parent.resolve()


def read_documents(
    sources: Sequence[Source], cfg: Config, stdin_text: str | None = None, stdin_name: str = "-", stream: bool = False
) -> Iterator[Document | Unread]:
    """Each source read into documents (a JSON Lines archive into one per article), or why it could not be.
    With `stream`, archives are read a line at a time (see stream_jsonl)."""
    for source in sources:
        name = stdin_name if source.stdin else source.path
        try:
            if not source.stdin and is_jsonl(source.path):
                if stream:
                    yield from stream_jsonl(source.path, cfg)
                    continue
                raw = read_text(Path(source.path), max_bytes=cfg.max_file_size).text
                yield from jsonl_documents(source.path, raw, cfg.jsonl_text_field, cfg.jsonl_id_field)
                continue
            doc, _ = load(source, stdin_text, cfg.max_file_size)
            if source.stdin and name != doc.path:
                doc = make_document(name, doc.raw)
            yield doc
        except InputError as e:
            yield Unread(name, str(e))
        except Exception as e:  # a bug met on one file must not stop the others nor show a traceback
            yield Unread(name, f"{name}: internal error, file skipped: {e!r}")


def stream_jsonl(path: str, cfg: Config) -> Iterator[Document | Unread]:
    """An archive of any size, one line at a time. Unlike the whole-file reading, a bad line is an error for
    that line alone and the others are still linted; max-file-size applies to each line."""
    limit = cfg.max_file_size
    with open(path, "rb") as fh:
        for n, line in enumerate(fh, start=1):
            where = f"{path}:{n}"
            if limit and len(line) > limit:
                yield Unread(article_key(path, n), f"{where}: line is over max-file-size", path)
                continue
            try:
                text = decode(line, where).text
                if not text.strip():
                    continue
                yield from jsonl_documents(path, text, cfg.jsonl_text_field, cfg.jsonl_id_field, n)
            except InputError as e:
                yield Unread(article_key(path, n), str(e), path)
