"""Code actions on findings: each fix as a quick fix, every safe fix at once, and an inline suppression."""

from __future__ import annotations

from lsprotocol import types

from ..core.directives import LINE_MARKER
from ..core.findings import Applicability, Finding
from ..core.readers import HTML_SUFFIXES, MARKDOWN_SUFFIXES
from .convert import diagnostic, text_edits
from .positions import LineIndex
from .session import OpenDoc, Session

FIX_ALL = types.CodeActionKind.SourceFixAll.value + ".lintnews"


def wanted(kind: str, only: list[str] | None) -> bool:
    """Whether the client asked for this kind of action (`only` lists kinds, each covering its sub-kinds)."""
    return not only or any(kind == k or kind.startswith(k + ".") for k in only)


def _edit(od: OpenDoc, edits: list[types.TextEdit]) -> types.WorkspaceEdit:
    # a versioned edit: a client refuses it if the document has changed since these findings
    ident = types.OptionalVersionedTextDocumentIdentifier(uri=od.uri, version=od.linted_version)
    return types.WorkspaceEdit(document_changes=[types.TextDocumentEdit(text_document=ident, edits=list(edits))])


def _quote(s: str) -> str:
    s = s.replace("\n", "⏎")
    return f"'{s[:40]}…'" if len(s) > 40 else f"'{s}'"


def describe(text: str, f: Finding) -> str:
    """What a fix does, in a few words: 'replace 'x' with 'y'', 'delete 'x'', 'insert 'y''."""
    assert f.fix is not None
    if len(f.fix.edits) > 1:
        return f"apply {len(f.fix.edits)} edits"
    e = f.fix.edits[0]
    old = text[e.offset : e.end]
    if not e.replacement:
        return f"delete {_quote(old)}"
    if not old:
        return f"insert {_quote(e.replacement)}"
    return f"replace {_quote(old)} with {_quote(e.replacement)}"


def fix_action(od: OpenDoc, f: Finding, index: LineIndex) -> types.CodeAction:
    assert f.fix is not None
    safe = f.fix.applicability is Applicability.SAFE
    label = "Fix" if safe else "Unsafe fix (check the meaning)"
    edits = [types.TextEdit(range=index.range(e.offset, e.end), new_text=e.replacement) for e in f.fix.edits]
    return types.CodeAction(
        title=f"{label}: {describe(index.text, f)} ({f.rule})",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic(f, index)],
        is_preferred=safe,
        edit=_edit(od, edits),
    )


def marker(path: str, rule: str) -> str:
    """The inline suppression of one rule, as the document's format writes it (see lintnews.engine.suppress)."""
    low = path.lower()
    if low.endswith(MARKDOWN_SUFFIXES + HTML_SUFFIXES):
        return f" <!-- lintnews: ignore[{rule}] -->"
    return f" lintnews: ignore[{rule}]"


def suppress_action(od: OpenDoc, f: Finding, index: LineIndex) -> types.CodeAction | None:
    """`lintnews: ignore[rule]` at the end of the finding's first line, or the rule added to a marker there."""
    text = index.text
    line = index.position(f.offset).line
    start, end = index.starts[line], index.line_end(line)
    existing = list(LINE_MARKER.finditer(text, start, end))
    if existing:
        m = existing[-1]
        if m.group("ids") is None or not m.group("ids").strip():
            return None  # the marker already switches off every rule on the line
        at, insert = m.end("ids"), f", {f.rule}"
    else:
        at, insert = end, marker(od.path, f.rule)
    return types.CodeAction(
        title=f"Suppress {f.rule} on this line",
        kind=types.CodeActionKind.QuickFix,
        diagnostics=[diagnostic(f, index)],
        edit=_edit(od, [types.TextEdit(range=index.range(at, at), new_text=insert)]),
    )


FIX_ALL_TITLE = "Fix all safe lintnews findings in this document"


def fix_all_edit(session: Session, od: OpenDoc, index: LineIndex) -> types.WorkspaceEdit | None:
    """What `lintnews check --fix` does to the document, as edits; None when it changes nothing."""
    result = session.fix_all(od.uri)
    if result is None or result.text == od.text:
        return None
    return _edit(od, text_edits(od.text, result.text, index))


def code_actions(
    session: Session, params: types.CodeActionParams, encoding: str, resolvable: bool
) -> list[types.CodeAction]:
    """The actions for a range: its findings' fixes and suppressions, and fix-all when asked for.

    Fix-all re-lints the document until it settles: with a client that resolves actions, its edit is worked
    out only when chosen (resolve); and it is left out of the automatic requests a cursor move makes.
    """
    od = session.docs.get(params.text_document.uri)
    if od is None or not od.current or od.problem is not None:
        return []  # findings of an older text would edit the wrong characters
    index = LineIndex(od.text, encoding)
    only = [getattr(k, "value", k) for k in params.context.only] if params.context.only else None
    out: list[types.CodeAction] = []
    if wanted(types.CodeActionKind.QuickFix.value, only):
        near = at_range(od.findings, index, params.range)
        out += [fix_action(od, f, index) for f in near if f.fix is not None]
        for rule in dict.fromkeys(f.rule for f in near):
            action = suppress_action(od, next(f for f in near if f.rule == rule), index)
            if action is not None:
                out.append(action)
    automatic = params.context.trigger_kind == types.CodeActionTriggerKind.Automatic and only is None
    if wanted(FIX_ALL, only) and not automatic and has_safe_fix(od.own):
        if resolvable:
            data = {"uri": od.uri, "version": od.linted_version}
            out.append(types.CodeAction(title=FIX_ALL_TITLE, kind=FIX_ALL, data=data))
        else:
            edit = fix_all_edit(session, od, index)
            if edit is not None:
                out.append(types.CodeAction(title=FIX_ALL_TITLE, kind=FIX_ALL, edit=edit))
    return out


def resolve(session: Session, action: types.CodeAction, encoding: str) -> types.CodeAction:
    """Fix-all's edit, for the version it was offered on (none if the document has changed since)."""
    data = action.data if isinstance(action.data, dict) else {}
    od = session.docs.get(str(data.get("uri")))
    if action.kind == FIX_ALL and od is not None and od.current and od.linted_version == data.get("version"):
        action.edit = fix_all_edit(session, od, LineIndex(od.text, encoding))
    return action


def at_range(findings: list[Finding], index: LineIndex, rng: types.Range) -> list[Finding]:
    """The findings whose span meets the range (a cursor inside or at either end of a span counts)."""
    s, e = index.offset(rng.start), index.offset(rng.end)
    return [f for f in findings if f.offset <= e and s <= f.end]


def has_safe_fix(findings: list[Finding]) -> bool:
    return any(f.fix is not None and f.fix.applicability is Applicability.SAFE for f in findings)
