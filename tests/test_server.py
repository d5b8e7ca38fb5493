"""`lintnews server` driven over stdio by a real LSP client (pytest-lsp's), as an editor drives it."""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
import subprocess
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
from lintnews.server.projects import Projects

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

    def edit(self, uri: str, *edits: tuple[types.Range, str]) -> int:
        """Send range changes (applied one after another, as LSP says), as an editor does while typing."""
        self.versions[uri] += 1
        ident = types.VersionedTextDocumentIdentifier(uri=uri, version=self.versions[uri])
        changes: list[types.TextDocumentContentChangeEvent] = [
            types.TextDocumentContentChangePartial(range=r, text=t) for r, t in edits
        ]
        self.client.text_document_did_change(
            types.DidChangeTextDocumentParams(text_document=ident, content_changes=changes)
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

    async def fix_all(self, uri: str) -> types.CodeAction:
        """The fix-all action, its edit resolved when the server left it to be resolved."""
        start = types.Position(line=0, character=0)
        (action,) = await self.actions(uri, types.Range(start=start, end=start), only=["source.fixAll"])
        assert action.kind == "source.fixAll.lintnews"
        if action.edit is None:
            action = await self.client.code_action_resolve_async(action)
        return action

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


def test_projects_share_rules_and_reload_them_when_the_config_changes(folder: Path) -> None:
    (folder / "sub").mkdir()
    projects = Projects(folder)
    top = projects.for_path(str(folder / "a.txt"))
    below = projects.for_path(str(folder / "sub" / "b.md"))
    assert top.linter is not None and below.linter is top.linter  # one config, one set of rules
    assert projects.for_path(str(folder / "c.txt")) is top  # nothing changed: nothing read again
    (folder / ".lintnews.toml").write_text('select = ["punctuation"]\n', encoding="utf-8")
    os.utime(folder / ".lintnews.toml", ns=(1, 1))  # a new time even where the clock is coarse
    again = projects.for_path(str(folder / "a.txt"))
    assert again.linter is not None and again.linter is not top.linter
    assert {r.category for r in again.linter.rules} == {"punctuation"}
    # the old rules go once no folder uses them
    assert projects.for_path(str(folder / "sub" / "b.md")).linter is again.linter
    assert all(v is not top.linter for v in projects._linters.values())
    (folder / ".lintnews.toml").write_text("select = 3\n", encoding="utf-8")
    broken = projects.for_path(str(folder / "a.txt"))
    assert broken.linter is None and broken.problem is not None
    assert broken.problem.startswith("config: ") and "select" in broken.problem


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


def check_fix(folder: Path, name: str, text: str) -> str:
    """What `lintnews check --fix` makes of `text` as the file `name` in `folder` (the real command line)."""
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    proc = subprocess.run(
        [sys.executable, "-m", "lintnews", "check", "--fix", name], cwd=folder, capture_output=True, check=False
    )
    assert proc.returncode in (0, 1), proc.stderr
    fixed = path.read_bytes().decode("utf-8")
    path.unlink()
    return fixed


@pytest.mark.asyncio
@pytest.mark.parametrize("resolves", [True, False], ids=["resolved", "eager"])
async def test_fix_all_through_a_workspace_edit_equals_check_fix(folder: Path, resolves: bool) -> None:
    caps = client_capabilities("visual-studio-code")
    if not resolves:
        assert caps.text_document and caps.text_document.code_action
        caps.text_document.code_action.resolve_support = None
    async with editor(folder, caps) as ed:
        uri = ed.open("a.txt", TEXT)
        await ed.diagnostics(uri, 1)
        start = types.Position(line=0, character=0)
        (offered,) = await ed.actions(uri, types.Range(start=start, end=start), only=["source.fixAll"])
        # a client that resolves actions gets the edit only when it chooses the action
        assert (offered.edit is None) is resolves
        action = await ed.fix_all(uri)
        (change,) = action.edit.document_changes  # type: ignore[union-attr]
        assert change.text_document.version == 1  # type: ignore[union-attr]
        fixed = apply_action(TEXT, action)
        # a cursor move's automatic request does not work out fix-all
        ctx = types.CodeActionContext(diagnostics=[], trigger_kind=types.CodeActionTriggerKind.Automatic)
        auto = await ed.client.text_document_code_action_async(
            types.CodeActionParams(
                text_document=types.TextDocumentIdentifier(uri=uri),
                range=types.Range(start=start, end=start),
                context=ctx,
            )
        )
        assert not auto
    expected = check_fix(folder, "copy.txt", TEXT)
    assert fixed == expected
    assert fixed != TEXT and "\r\n" in fixed  # fixed, and the CRLF line kept its ending


@pytest.mark.asyncio
async def test_each_fix_is_a_quick_fix_and_a_rule_can_be_suppressed_here(folder: Path) -> None:
    async with editor(folder) as ed:
        uri = ed.open("a.txt", TEXT)
        diags = await ed.diagnostics(uri, 1)
        target = next(d for d in diags if d.range.start.line == 2)
        actions = await ed.actions(uri, target.range, only=["quickfix"])
        titles = [a.title for a in actions]
        assert titles == [
            "Fix: replace 'this Friday' with 'on Friday' (calque-es.this-weekday)",
            "Suppress calque-es.this-weekday on this line",
        ]
        fix, suppress = actions
        assert fix.is_preferred and fix.kind == types.CodeActionKind.QuickFix
        assert apply_action(TEXT, fix) == TEXT.replace("this Friday", "on Friday")
        suppressed = apply_action(TEXT, suppress)
        assert suppressed.endswith("left this Friday. lintnews: ignore[calque-es.this-weekday]\n")
        version = ed.change(uri, suppressed)
        after = await ed.diagnostics(uri, version)
        assert exact(after) == [x for x in exact(diags) if x[1] != 2]
        # a second rule on a line that has a marker joins it
        line1 = await ed.actions(uri, next(d for d in diags if d.range.start.line == 1).range, only=["quickfix"])
        assert [a.title for a in line1 if a.title.startswith("Suppress")] == [
            "Suppress punctuation.space-before-comma on this line"
        ]


@pytest.mark.asyncio
async def test_unsafe_fixes_are_labelled_and_not_preferred(folder: Path) -> None:
    text = "Envoy Yusuf Karimov spoke first. Then Yousuf Karimov left, and Yusuf Karimov returned.\n"
    async with editor(folder) as ed:
        uri = ed.open("a.txt", text)
        (diag,) = await ed.diagnostics(uri, 1)
        assert diag.code == "consistency.name-spelling"
        (fix, _) = await ed.actions(uri, diag.range, only=["quickfix"])
        assert fix.title.startswith("Unsafe fix (check the meaning): replace 'Yousuf Karimov' with 'Yusuf Karimov'")
        assert not fix.is_preferred
        # an unsafe fix is not part of "fix all safe"
        assert await ed.actions(uri, diag.range, only=["source.fixAll"]) == []


@pytest.mark.asyncio
async def test_hover_explains_the_rule(folder: Path) -> None:
    async with editor(folder) as ed:
        uri = ed.open("a.txt", TEXT)
        diags = await ed.diagnostics(uri, 1)
        first = exact(diags)[0]
        inside = types.Position(line=first[1], character=first[2] + 3)
        hover = await ed.client.text_document_hover_async(
            types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=inside)
        )
        assert hover is not None and isinstance(hover.contents, types.MarkupContent)
        text = hover.contents.value
        assert text.startswith("'this Tuesday' is the Spanish demonstrative before a weekday")
        assert "**calque-es.this-weekday**" in text and "*Why:*" in text
        assert "*Bad:*" in text and "*Good:*" in text and "→" in text
        # no finding under the cursor, no hover
        nothing = types.Position(line=0, character=1)
        assert (
            await ed.client.text_document_hover_async(
                types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=nothing)
            )
            is None
        )


@pytest.mark.asyncio
async def test_config_reload_when_the_client_says_so_and_when_the_file_changes(folder: Path) -> None:
    async with editor(folder) as ed:
        # the server asked to be told of config and pack changes (once initialized, so not before the first lint)
        uri = ed.open("a.txt", TEXT)
        assert len(await ed.diagnostics(uri, 1)) == 5
        (reg,) = ed.client.registrations  # type: ignore[attr-defined]
        assert reg.method == types.WORKSPACE_DID_CHANGE_WATCHED_FILES
        seen = len(ed.published[uri])
        (folder / ".lintnews.toml").write_text(CONFIG + 'ignore = ["calque-es"]\n', encoding="utf-8")
        ed.watched(".lintnews.toml")
        after = await ed.diagnostics(uri, 1, after=seen)
        assert {d.code for d in after} == {"punctuation.space-before-comma"}
        # without a notice from the client: the config's new time is seen at the next lint
        (folder / ".lintnews.toml").write_text(CONFIG + 'ignore = ["punctuation"]\n', encoding="utf-8")
        version = ed.change(uri, TEXT + "\n")
        assert {d.code for d in await ed.diagnostics(uri, version)} == {"calque-es.this-weekday"}


@pytest.mark.asyncio
async def test_a_house_pack_edit_is_picked_up(folder: Path) -> None:
    pack = folder / "house.yaml"
    pack_text = """pack: house
defaults: {category: punctuation, severity: error}
rules:
  - id: house.owner
    kind: regex
    pattern: '\\bowner\\b'
    message: "House style: say '{match}' another way."
    fix: none
    examples:
      bad: ["The owner said so."]
      good: ["The proprietor said so."]
"""
    pack.write_text(pack_text, encoding="utf-8")
    (folder / ".lintnews.toml").write_text('select = ["house"]\nrule-packs = ["house.yaml"]\n', encoding="utf-8")
    async with editor(folder) as ed:
        uri = ed.open("a.txt", TEXT)
        (diag,) = await ed.diagnostics(uri, 1)
        assert diag.message == "House style: say 'owner' another way."
        assert diag.severity == types.DiagnosticSeverity.Error
        seen = len(ed.published[uri])
        pack.write_text(pack_text.replace("another way", "otherwise"), encoding="utf-8")
        ed.watched("house.yaml")
        (diag,) = await ed.diagnostics(uri, 1, after=seen)
        assert diag.message == "House style: say 'owner' otherwise."


@pytest.mark.asyncio
async def test_bad_input_gives_one_diagnostic_and_the_server_goes_on(folder: Path) -> None:
    async with editor(folder) as ed:
        binary = ed.open("blob.txt", "GIF89a\x00\x01\x02 not text")
        (diag,) = await ed.diagnostics(binary, 1)
        assert "binary file, not text (NUL byte at offset 6" in diag.message
        assert diag.severity == types.DiagnosticSeverity.Error
        (folder / ".lintnews.toml").write_text("select = [\n", encoding="utf-8")
        broken = ed.open("a.txt", TEXT)
        (diag,) = await ed.diagnostics(broken, 1)
        assert diag.message.startswith("config: ") and ".lintnews.toml: invalid TOML" in diag.message
        assert any(".lintnews.toml: invalid TOML" in m.message for m in ed.client.messages)
        # mended: the next lint reads it
        (folder / ".lintnews.toml").write_text(CONFIG, encoding="utf-8")
        ed.watched(".lintnews.toml")
        version = ed.change(broken, TEXT)
        assert len(await ed.diagnostics(broken, version)) == 5
        assert ed.client._server is not None and ed.client._server.returncode is None


@pytest.mark.asyncio
async def test_names_are_compared_across_the_open_documents(folder: Path) -> None:
    async with editor(folder) as ed:
        first = ed.open("first.txt", "Envoy Yusuf Karimov spoke first. Yusuf Karimov left.\n")
        assert await ed.diagnostics(first, 1) == []
        second = ed.open("second.txt", "Yousuf Karimov arrived in Baku on Monday.\n")
        (diag,) = await ed.diagnostics(second, 1)
        assert diag.code == "consistency.name-spelling"
        assert diag.message.startswith("'Yousuf Karimov' is spelled 'Yusuf Karimov' in other files of this run")
        # the other file changes its spelling: the finding follows
        seen = len(ed.published[second])
        ed.change(first, "Envoy Yousuf Karimov spoke first.\n")
        assert await ed.diagnostics(second, 1, after=seen) == []
        # and closing a document takes it out of the comparison
        ed.change(first, "Envoy Yusuf Karimov spoke first. Yusuf Karimov left.\n")
        await ed.diagnostics(first)
        seen = len(ed.published[second])
        ed.client.text_document_did_close(
            types.DidCloseTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=first))
        )
        assert await ed.diagnostics(second, 1, after=seen) == []


@pytest.mark.asyncio
async def test_markdown_and_html_are_read_as_check_reads_them(folder: Path) -> None:
    md = "# Talks 😀\n\nThe envoy [arrived this Monday](https://example.org/this-Monday) in Cairo.\n"
    html = "<p>The café <b>reopened</b> this Friday.</p>\n<!-- this Sunday -->\n"
    async with editor(folder) as ed:
        m = ed.open("a.md", md, "markdown")
        (diag,) = await ed.diagnostics(m, 1)
        at = md.split("\n")[2].index("this Monday")
        assert exact([diag]) == [("calque-es.this-weekday", 2, at, 2, at + len("this Monday"))]
        (_, suppress) = await ed.actions(m, diag.range, only=["quickfix"])
        assert apply_action(md, suppress).split("\n")[2].endswith(" <!-- lintnews: ignore[calque-es.this-weekday] -->")
        h = ed.open("a.html", html, "html")
        (diag,) = await ed.diagnostics(h, 1)
        at = html.index("this Friday")  # ASCII before it: UTF-16 columns are character offsets
        assert exact([diag]) == [("calque-es.this-weekday", 0, at, 0, at + len("this Friday"))]


@pytest.mark.asyncio
async def test_utf8_positions_when_the_client_asks_for_them(folder: Path) -> None:
    caps = types.ClientCapabilities(
        general=types.GeneralClientCapabilities(position_encodings=[types.PositionEncodingKind.Utf8])
    )
    async with editor(folder, caps) as ed:
        uri = ed.open("a.txt", TEXT)
        got = exact(await ed.diagnostics(uri, 1))
        line = TEXT.split("\n", maxsplit=1)[0]
        start = len(line[: line.index("this Tuesday")].encode("utf-8"))
        assert ("calque-es.this-weekday", 0, start, 0, start + 12) in got
        assert start == 43  # é two bytes, the emoji four


@pytest.mark.asyncio
async def test_save_lints_at_once(folder: Path) -> None:
    # a long debounce: only the save can bring the diagnostics of the change in time
    async with editor(folder, server=(sys.executable, "-m", "lintnews", "server", "--debounce-ms", "30000")) as ed:
        uri = ed.open("a.txt", "Nothing here.\n")
        assert await ed.diagnostics(uri, 1) == []
        version = ed.change(uri, TEXT)
        ed.client.text_document_did_save(
            types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri))
        )
        assert len(await ed.diagnostics(uri, version)) == 5


@pytest.mark.asyncio
async def test_shutdown_then_exit_ends_the_process_with_0(folder: Path) -> None:
    async with editor(folder) as ed:
        ed.open("a.txt", TEXT)
        await ed.diagnostics(ed.uri("a.txt"), 1)
        await ed.client.shutdown_session()
        assert ed.client._server is not None
        assert ed.client._server.returncode == 0


@pytest.mark.asyncio
async def test_exit_without_shutdown_ends_the_process_with_1(folder: Path) -> None:
    async with editor(folder) as ed:
        ed.client.exit(None)
        assert ed.client._server is not None
        assert await asyncio.wait_for(ed.client._server.wait(), TIMEOUT) == 1


@pytest.mark.asyncio
async def test_a_burst_of_changes_is_linted_once(folder: Path) -> None:
    async with editor(folder, server=(sys.executable, "-m", "lintnews", "server", "--debounce-ms", "1500")) as ed:
        uri = ed.open("a.txt", "Nothing here.\n")
        await ed.diagnostics(uri, 1)
        # the first change after a quiet spell is linted at once
        ed.change(uri, "Nothing here yet.\n")
        await ed.diagnostics(uri, 2)
        # the rest of the burst waits for its end: only its last text is linted
        for n in range(4):
            ed.change(uri, TEXT + "x" * n)
        assert len(await ed.diagnostics(uri, 6)) == 5
        assert [p.version for p in ed.published[uri]] == [1, 2, 6]


def utf16_range(text: str, start: int, end: int) -> types.Range:
    """Character offsets as an LSP range in UTF-16 units (apart from the server's code)."""

    def pos(at: int) -> types.Position:
        before = text[:at].replace("\r\n", "\n")
        return types.Position(line=before.count("\n"), character=utf16_col(before.rsplit("\n", 1)[-1]))

    return types.Range(start=pos(start), end=pos(end))


@pytest.mark.asyncio
async def test_incremental_changes_in_utf16_units(folder: Path) -> None:
    async with editor(folder) as ed:
        uri = ed.open("a.txt", TEXT)
        await ed.diagnostics(uri, 1)
        # after the family emoji: 'this Friday' -> 'on Friday'; then, in the new text, a word typed
        # before the CRLF line's end, and the first line's 'this' deleted
        at = TEXT.index("this Friday")
        step1 = TEXT[:at] + "on" + TEXT[at + 4 :]
        crlf = step1.index("\r\n")
        step2 = step1[:crlf] + " Later" + step1[crlf:]
        first = step2.index("this Tuesday")
        step3 = step2[:first] + step2[first + 5 :]
        version = ed.edit(
            uri,
            (utf16_range(TEXT, at, at + 4), "on"),
            (utf16_range(step1, crlf, crlf), " Later"),
            (utf16_range(step2, first, first + 5), ""),
        )
        got = exact(await ed.diagnostics(uri, version))
        # the same as a fresh server reading the edited text whole
        fresh = ed.open("b.txt", step3)
        assert got == exact(await ed.diagnostics(fresh, 1))
        comma = "punctuation.space-before-comma"
        assert [c for c, *_ in got] == ["calque-es.this-weekday", comma, comma]
        # the fix of a finding applies to the edited text
        target = next(d for d in await ed.diagnostics(uri, version) if d.code == "calque-es.this-weekday")
        actions = await ed.actions(uri, target.range, only=["quickfix"])
        fix = next(a for a in actions if a.title.startswith("Fix: replace 'this Monday'"))
        assert apply_action(step3, fix) == step3.replace("this Monday", "on Monday")


@pytest.mark.asyncio
async def test_a_line_separator_inside_a_line_is_not_a_line_break(folder: Path) -> None:
    # U+2028 and a form feed end no line for LSP: the second line is the one after the \n
    text = "Un\u2028deux\fthis Monday.\nthis Friday.\n"
    async with editor(folder) as ed:
        uri = ed.open("a.txt", text)
        diags = exact(await ed.diagnostics(uri, 1))
        assert diags == [("calque-es.this-weekday", 0, 8, 0, 19), ("calque-es.this-weekday", 1, 0, 1, 11)]
        start, end = types.Position(line=1, character=0), types.Position(line=1, character=4)
        version = ed.edit(uri, (types.Range(start=start, end=end), "on"))
        assert exact(await ed.diagnostics(uri, version)) == diags[:1]
