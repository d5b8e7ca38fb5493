"""The language server: LSP over stdio on pygls; documents linted in one thread that keeps the rules loaded."""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any, BinaryIO, TypeVar

from lsprotocol import types
from pygls.lsp.server import LanguageServer
from pygls.uris import to_fs_path

from .. import __version__
from .actions import FIX_ALL, code_actions, resolve
from .convert import diagnostic, problem_diagnostic
from .hover import hover_markdown
from .positions import LineIndex, negotiated
from .projects import CONFIG_NAMES
from .session import Session

T = TypeVar("T")
# what a lint gives the client: diagnostics to publish, notices to log, problems to show once
Published = tuple[list[types.PublishDiagnosticsParams], list[str], list[str]]
# an untitled buffer has no file name: its language picks the reader a file's suffix would
_SUFFIX = {"markdown": ".md", "html": ".html"}
# the files whose change may alter findings: configs and YAML house packs (their times are compared anyway)
WATCHED = (*(f"**/{n}" for n in CONFIG_NAMES), "**/*.yaml", "**/*.yml")
# a client that never answers the registration must not hold anything up
REGISTER_TIMEOUT = 10.0
log = logging.getLogger(__name__)


def document_path(uri: str, language_id: str | None) -> str:
    """The file a document is (config discovery, the reader by suffix); a stand-in name for an unsaved one."""
    path = to_fs_path(uri)
    if path is not None:
        return path
    name = uri.rsplit("/", 1)[-1] or "untitled"
    if "." not in name:
        name += _SUFFIX.get(language_id or "", ".txt")
    return os.path.join(os.getcwd(), name)


class LintnewsServer(LanguageServer):
    """pygls' server with lintnews' session: every change to the session happens in the one linting thread."""

    def __init__(self, debounce: float, cwd: Path) -> None:
        super().__init__("lintnews", __version__, text_document_sync_kind=types.TextDocumentSyncKind.Incremental)
        self.debounce = debounce
        self.session = Session(cwd)
        self.linting = ThreadPoolExecutor(1, thread_name_prefix="lintnews-lint")
        self.pending: dict[str, asyncio.Task[None]] = {}
        self.last_change: dict[str, float] = {}
        self.shown: set[str] = set()
        # LSP: `exit` after a `shutdown` request ends with 0, without one with 1
        self.shut_down = False

    async def in_thread(self, fn: Callable[..., T], *args: Any) -> T:
        return await asyncio.get_running_loop().run_in_executor(self.linting, fn, *args)

    @property
    def encoding(self) -> str:
        return negotiated(self.workspace.position_encoding)

    @property
    def resolves_edits(self) -> bool:
        """Whether the client asks for a code action's edit when it is chosen (codeAction/resolve)."""
        doc = self.client_capabilities.text_document
        support = doc.code_action.resolve_support if doc and doc.code_action else None
        return support is not None and "edit" in support.properties

    def schedule(self, uri: str, delay: float, again: bool = False) -> None:
        """Lint a document after `delay` seconds; a later call before then replaces this one."""
        old = self.pending.pop(uri, None)
        if old is not None:
            old.cancel()
        self.pending[uri] = asyncio.ensure_future(self._lint_later(uri, delay, again))

    def changed(self, uri: str) -> None:
        """Debounce a change: the first after a quiet spell is linted at once, the rest of a burst once, after
        it (the debounce time after its last change); so an edit now and then waits for nothing."""
        now = asyncio.get_running_loop().time()
        quiet = uri not in self.pending and now - self.last_change.get(uri, -self.debounce) >= self.debounce
        self.last_change[uri] = now
        self.schedule(uri, 0 if quiet else self.debounce)

    async def _lint_later(self, uri: str, delay: float, again: bool) -> None:
        if delay:
            await asyncio.sleep(delay)
        # from here on the lint is not cancelled: its findings are published even if another change came
        if self.pending.get(uri) is asyncio.current_task():
            del self.pending[uri]
        await self.publish(await self.in_thread(self._lint, uri, again))

    def _lint(self, uri: str, again: bool) -> Published:
        """In the linting thread: lint, and the diagnostics of each document whose findings changed."""
        try:
            changed, notices = self.session.lint(uri, again)
        except Exception as e:  # a bug must never take the server down: say so and go on
            log.exception("lint failed")
            return [], [], [f"lintnews: internal error linting {uri}: {e!r}"]
        out, _, problems = self._published(changed)
        return out, notices, problems

    def _close(self, uri: str) -> Published:
        """In the linting thread: forget a document, and the diagnostics of those it changed (names)."""
        return self._published(self.session.close(uri))

    def _published(self, changed: list[str]) -> Published:
        problems = []
        out = []
        for u in changed:
            od = self.session.docs[u]
            index = LineIndex(od.linted_text or "", self.encoding)
            if od.problem is not None:
                diags = [problem_diagnostic(od.problem, index)]
                if od.problem.startswith(("config:", "rules:")):
                    problems.append(od.problem)
            else:
                diags = [diagnostic(f, index) for f in od.findings]
            out.append(types.PublishDiagnosticsParams(uri=u, diagnostics=diags, version=od.linted_version))
        return out, [], problems

    async def publish(self, result: Published) -> None:
        params, notices, problems = result
        # messages go first: a client that acts on the diagnostics has seen why they are what they are
        for problem in problems:
            # a broken config is shown once, not on every keystroke; each document still has its diagnostic
            if problem not in self.shown:
                self.shown.add(problem)
                self.window_show_message(types.ShowMessageParams(type=types.MessageType.Error, message=problem))
        for n in notices:
            self.window_log_message(types.LogMessageParams(type=types.MessageType.Warning, message=n))
        for p in params:
            self.text_document_publish_diagnostics(p)

    def relint_all(self) -> None:
        for uri in list(self.session.docs):
            self.schedule(uri, 0, again=True)

    def stop(self) -> None:
        for task in self.pending.values():
            task.cancel()
        self.pending.clear()
        self.linting.shutdown(wait=True, cancel_futures=True)


def _hover(ls: LintnewsServer, params: types.HoverParams) -> types.Hover | None:
    od = ls.session.docs.get(params.text_document.uri)
    if od is None or not od.current or od.project is None or od.project.linter is None:
        return None
    index = LineIndex(od.text, ls.encoding)
    at = index.offset(params.position)
    found = [f for f in od.findings if f.offset <= at < max(f.end, f.offset + 1)]
    if not found:
        return None
    rules = {r.id: r for r in od.project.linter.rules}
    start, end = min(f.offset for f in found), max(f.end for f in found)
    return types.Hover(
        contents=types.MarkupContent(kind=types.MarkupKind.Markdown, value=hover_markdown(found, rules)),
        range=index.range(start, end),
    )


def build(debounce: float, cwd: Path | None = None) -> LintnewsServer:
    ls = LintnewsServer(debounce, cwd or Path.cwd())
    _sync_features(ls)
    _request_features(ls)
    return ls


async def _watch_config_files(ls: LintnewsServer) -> None:
    """Ask the client to report changes to config files and packs, where it can register watchers."""
    caps = ls.client_capabilities.workspace
    watched = caps.did_change_watched_files if caps else None
    if watched is None or not watched.dynamic_registration:
        return
    opts = types.DidChangeWatchedFilesRegistrationOptions(
        watchers=[types.FileSystemWatcher(glob_pattern=g) for g in WATCHED]
    )
    reg = types.Registration(id="lintnews-config", method=types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    reg.register_options = opts
    try:
        request = ls.client_register_capability_async(types.RegistrationParams(registrations=[reg]))
        await asyncio.wait_for(request, REGISTER_TIMEOUT)
    except Exception as e:  # the times of the files are still compared on every lint
        log.warning("could not register file watchers: %r", e)


def _sync_features(ls: LintnewsServer) -> None:
    """The notifications: start-up, and the documents and files the client tells of."""

    @ls.feature(types.INITIALIZED)
    async def initialized(ls: LintnewsServer, params: types.InitializedParams) -> None:
        # the rules and the model load in the linting thread meanwhile: the first document is linted after them
        root = ls.workspace.root_path or str(ls.session.projects.cwd)
        warm = ls.linting.submit(_warm, ls.session, root)
        await _watch_config_files(ls)
        await asyncio.wrap_future(warm)

    @ls.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: LintnewsServer, params: types.DidOpenTextDocumentParams) -> None:
        doc = params.text_document
        await ls.in_thread(ls.session.put, doc.uri, document_path(doc.uri, doc.language_id), doc.text, doc.version)
        ls.schedule(doc.uri, 0, again=True)

    @ls.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    async def did_change(ls: LintnewsServer, params: types.DidChangeTextDocumentParams) -> None:
        uri = params.text_document.uri
        await ls.in_thread(ls.session.change, uri, params.content_changes, ls.encoding, params.text_document.version)
        ls.changed(uri)

    @ls.feature(types.TEXT_DOCUMENT_DID_SAVE)
    def did_save(ls: LintnewsServer, params: types.DidSaveTextDocumentParams) -> None:
        if params.text_document.uri in ls.session.docs:
            ls.schedule(params.text_document.uri, 0, again=True)

    @ls.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    async def did_close(ls: LintnewsServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        task = ls.pending.pop(uri, None)
        if task is not None:
            task.cancel()
        ls.last_change.pop(uri, None)
        others = await ls.in_thread(ls._close, uri)
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))
        await ls.publish(others)

    @ls.feature(types.WORKSPACE_DID_CHANGE_WATCHED_FILES)
    def watched_changed(ls: LintnewsServer, params: types.DidChangeWatchedFilesParams) -> None:
        # each document's config and packs are compared with what was loaded when it is linted again
        ls.relint_all()


def _request_features(ls: LintnewsServer) -> None:
    """The requests: code actions, their resolution, hovers, and shutdown."""

    @ls.feature(
        types.TEXT_DOCUMENT_CODE_ACTION,
        types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix, FIX_ALL], resolve_provider=True),
    )
    async def code_action(ls: LintnewsServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        return await ls.in_thread(code_actions, ls.session, params, ls.encoding, ls.resolves_edits)

    @ls.feature(types.CODE_ACTION_RESOLVE)
    async def code_action_resolve(ls: LintnewsServer, action: types.CodeAction) -> types.CodeAction:
        return await ls.in_thread(resolve, ls.session, action, ls.encoding)

    @ls.feature(types.TEXT_DOCUMENT_HOVER)
    async def hover(ls: LintnewsServer, params: types.HoverParams) -> types.Hover | None:
        return await ls.in_thread(_hover, ls, params)

    @ls.feature(types.SHUTDOWN)
    def shutdown(ls: LintnewsServer, params: None) -> None:
        ls.shut_down = True
        ls.stop()


def _warm(session: Session, root: str) -> None:
    """Load the workspace's rules and the spaCy model before the first document needs them."""
    try:
        project = session.projects.for_path(os.path.join(root, "warm-up.txt"))
        if project.linter is not None and project.linter.uses_model:
            from ..core.nlp import model

            model()
    except Exception as e:  # the first lint reports whatever is wrong, on the document
        log.info("warm-up: %r", e)


def serve(debounce: float, stdin: BinaryIO, stdout: BinaryIO) -> int:
    """Run the server on these streams until the client says `exit`: 0 after a `shutdown` request, else 1."""
    ls = build(debounce)
    ls.start_io(stdin, stdout)
    ls.stop()
    return 0 if ls.shut_down else 1
