"""`lintnews server` driven over stdio by a real LSP client (pytest-lsp's), as an editor drives it."""

from __future__ import annotations

import asyncio
import contextlib
import re
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from lsprotocol import types
from pygls.protocol import default_converter
from pygls.uris import from_fs_path
from pytest_lsp import LanguageClient, client_capabilities
from pytest_lsp.client import DEFAULT_CLIENT_FEATURES, register_lsp_features

from lintnews.server.convert import text_edits
from lintnews.server.positions import UTF8, UTF16, UTF32, LineIndex

# regex rules only: the fast tests never load the spaCy model
CONFIG = 'select = ["consistency", "calque-es", "punctuation"]\n'
# a café, an emoji (two UTF-16 units, four UTF-8 bytes) and accents before the findings, and a CRLF line
TEXT = (
    "The café 😀 owner said the talks resume this Tuesday in Cairo.\n"
    "Officials met  ,  and agreed. The envoy arrived this Monday , he said.\r\n"
    "Señora Núñez 👩‍👩‍👧 left this Friday.\n"
)
TIMEOUT = 60.0


def utf16_col(line: str) -> int:
    """A column as LSP counts it by default: UTF-16 code units (worked out apart from the server's code)."""
    return len(line.encode("utf-16-le")) // 2


def apply(text: str, edits: list[types.TextEdit]) -> str:
    """Apply LSP text edits (UTF-16 positions) to a text, as an editor does: all against the original text."""
    lines = re.split(r"(?<=\r\n)|(?<=\n)(?<!\r\n)|(?<=\r)(?!\n)", text)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))

    def offset(p: types.Position) -> int:
        line = lines[p.line].rstrip("\r\n")
        units = line.encode("utf-16-le")[: p.character * 2].decode("utf-16-le")
        return starts[p.line] + len(units)

    spans = sorted(((offset(e.range.start), offset(e.range.end), e.new_text) for e in edits), reverse=True)
    for s, e, new in spans:
        text = text[:s] + new + text[e:]
    return text


def apply_action(text: str, action: types.CodeAction) -> str:
    assert action.edit is not None and action.edit.document_changes
    (change,) = action.edit.document_changes
    assert isinstance(change, types.TextDocumentEdit)
    return apply(text, [e for e in change.edits if isinstance(e, types.TextEdit)])


class Editor:
    """The client side of one server: open, change and ask, and wait for the diagnostics of a version."""

    def __init__(self, client: LanguageClient, folder: Path) -> None:
        self.client = client
        self.folder = folder
        self.published: dict[str, list[types.PublishDiagnosticsParams]] = client.published  # type: ignore[attr-defined]
        self.versions: dict[str, int] = {}

    def uri(self, name: str) -> str:
        return from_fs_path(str(self.folder / name)) or ""

    def open(self, name: str, text: str, language: str = "plaintext") -> str:
        uri = self.uri(name)
        self.versions[uri] = 1
        item = types.TextDocumentItem(uri=uri, language_id=language, version=1, text=text)
        self.client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))
        return uri

    def change(self, uri: str, text: str) -> int:
        self.versions[uri] += 1
        ident = types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri])
        change = types.TextDocumentContentChangeWholeDocument(text=text)
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(text_document=ident, content_changes=[change])
        )
        return self.versions[uri]

    async def diagnostics(self, uri: str, version: int | None = None, after: int = 0) -> list[types.Diagnostic]:
        """The diagnostics published for `version` (default: the latest sent), the `after`-th publication on."""
        want = self.versions.get(uri) if version is None else version
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            for p in self.published.get(uri, [])[after:]:
                if want is None or p.version == want:
                    return list(p.diagnostics)
            await asyncio.sleep(0.005)
        raise AssertionError(f"no diagnostics for {uri} version {want}: {self.published.get(uri)}")

    async def actions(self, uri: str, rng: types.Range, only: list[str] | None = None) -> list[types.CodeAction]:
        ctx = types.CodeActionContext(diagnostics=[], only=only)  # type: ignore[arg-type]
        params = types.CodeActionParams(text_document=types.TextDocumentIdentifier(uri=uri), range=rng, context=ctx)
        found = await self.client.text_document_code_action_async(params)
        return [a for a in found or [] if isinstance(a, types.CodeAction)]

    def watched(self, *names: str) -> None:
        events = [types.FileEvent(uri=self.uri(n), type=types.FileChangeType.Changed) for n in names]
        self.client.workspace_did_change_watched_files(types.DidChangeWatchedFilesParams(changes=events))


def _record(client: LanguageClient, params: types.PublishDiagnosticsParams) -> None:
    client.published.setdefault(params.uri, []).append(params)  # type: ignore[attr-defined]
    client.diagnostics[params.uri] = params.diagnostics


def _register(client: LanguageClient, params: types.RegistrationParams) -> None:
    client.registrations.extend(params.registrations)  # type: ignore[attr-defined]


@contextlib.asynccontextmanager
async def editor(
    folder: Path, capabilities: types.ClientCapabilities | None = None, server: tuple[str, ...] = ()
) -> AsyncIterator[Editor]:
    """`lintnews server` started in `folder` (its workspace root), initialized, shut down and exited after."""
    client = LanguageClient(converter_factory=default_converter)
    client.published = {}  # type: ignore[attr-defined]
    client.registrations = []  # type: ignore[attr-defined]
    features = {
        **DEFAULT_CLIENT_FEATURES,
        types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS: _record,
        types.CLIENT_REGISTER_CAPABILITY: _register,
    }
    register_lsp_features(client, features)
    cmd = server or (sys.executable, "-m", "lintnews", "server")
    await client.start_io(*cmd, cwd=str(folder))
    caps = capabilities or client_capabilities("visual-studio-code")
    root = from_fs_path(str(folder))
    folders = [types.WorkspaceFolder(uri=root or "", name=folder.name)]
    await client.initialize_session(types.InitializeParams(capabilities=caps, root_uri=root, workspace_folders=folders))
    try:
        yield Editor(client, folder)
    finally:
        if client._server is not None and client._server.returncode is None:
            await client.shutdown_session()
        await client.stop()


def exact(diags: list[types.Diagnostic]) -> list[tuple[str, int, int, int, int]]:
    return sorted(
        (str(d.code), d.range.start.line, d.range.start.character, d.range.end.line, d.range.end.character)
        for d in diags
    )


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    (tmp_path / ".lintnews.toml").write_text(CONFIG, encoding="utf-8")
    return tmp_path


# --- positions, without a server ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("encoding", "expected"),
    [(UTF16, 8), (UTF8, 11), (UTF32, 7)],  # "ab é 😀 ": 7 characters, the emoji two UTF-16 units, é two bytes, 😀 four
)
def test_columns_count_the_encodings_units(encoding: str, expected: int) -> None:
    text = "x\r\nab é 😀 cd"
    index = LineIndex(text, encoding)
    at = text.index("cd")
    assert index.position(at) == types.Position(line=1, character=expected)
    assert index.offset(index.position(at)) == at


def test_line_breaks_are_lsps_own() -> None:
    # U+2028 and a form feed do not end a line for LSP, \r alone does
    text = "a\u2028b\fc\rd\r\ne\nf"
    index = LineIndex(text)
    assert [index.position(text.index(c)).line for c in "abcdef"] == [0, 0, 0, 1, 2, 3]
    # a position past a line's end is the end of that line
    assert index.offset(types.Position(line=1, character=99)) == text.index("\r\n")


def test_text_edits_rebuild_the_new_text() -> None:
    old = "One 😀 line.\r\nTwo  , here.\r\nThree this Monday.\n"
    new = "One 😀 line.\r\nTwo, here.\r\nThree on Monday.\nFour.\n"
    edits = text_edits(old, new, LineIndex(old))
    assert apply(old, edits) == new
    assert len(edits) == 3  # each change alone, not the whole text


# --- the server over stdio -----------------------------------------------------------------------------------


@pytest.mark.asyncio
async def test_diagnostics_have_exact_utf16_ranges_on_open_and_change(folder: Path) -> None:
    lines = TEXT.replace("\r\n", "\n").split("\n")

    def span(rule: str, line: int, needle: str, start: int = 0, end: int = 0) -> tuple[str, int, int, int, int]:
        """`needle` on `line` (less `start`/`end` characters at its ends), in UTF-16 columns."""
        at = lines[line].index(needle)
        s, e = at + start, at + len(needle) - end
        return (rule, line, utf16_col(lines[line][:s]), line, utf16_col(lines[line][:e]))

    expected = sorted(
        [
            span("calque-es.this-weekday", 0, "this Tuesday"),
            span("punctuation.space-before-comma", 1, "met  ,", 3, 1),
            span("calque-es.this-weekday", 1, "this Monday"),
            span("punctuation.space-before-comma", 1, "Monday ,", 6, 1),
            span("calque-es.this-weekday", 2, "this Friday"),
        ]
    )
    # the emoji counts two units, the family emoji (three emoji and two joiners) eight, é and ñ one each
    assert expected[0] == ("calque-es.this-weekday", 0, 40, 0, 52)
    assert expected[2] == ("calque-es.this-weekday", 2, 27, 2, 38)
    async with editor(folder) as ed:
        uri = ed.open("a.txt", TEXT)
        diags = await ed.diagnostics(uri, 1)
        assert exact(diags) == expected
        assert {d.source for d in diags} == {"lintnews"}
        assert {d.severity for d in diags} == {types.DiagnosticSeverity.Warning}

        # a change: the finding on the first line is gone, the others are a line further down
        version = ed.change(uri, "A first line.\n" + TEXT.replace("this Tuesday", "on Tuesday"))
        after = exact(await ed.diagnostics(uri, version))
        assert after == sorted((r, ln + 1, s, ln + 1, e) for r, ln, s, _, e in expected if ln > 0)
