"""Language server latency: from an edit sent to its diagnostics received, over stdio, rules and model warm.

usage: .venv/bin/python benchmarks/lsp_latency.py [--file corpus/articles/002_ec92eb9ac2399d49.txt] [--edits 200]
       [--debounce-ms 30] [--pause-ms 150]

Starts `lintnews server` (this checkout's venv) in an empty temporary folder, so the default rules and the
spaCy model are used, and drives it with pygls' own LSP client. Opens the article (about 800 words by
default), waits for its first diagnostics (that lint loads the model), then sends `--edits` changes one at a
time, as range edits: each takes back the word the previous one typed and types it into another sentence, so
every text is new to the server. For each change it times the wait until the diagnostics of that version
arrive; the figure includes the server's debounce (`--debounce-ms`), as an editor's user sees it. Between
changes it pauses as a typist would. Prints median, p95 and max, and the CPU time the server used. Nothing
here is a pass/fail test.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import re
import statistics
import sys
import tempfile
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient
from pygls.uris import from_fs_path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_FILE = ROOT / "corpus" / "articles" / "002_ec92eb9ac2399d49.txt"
TIMEOUT = 120.0


WORD = " indeed"


def edits(text: str, n: int) -> tuple[list[list[types.TextDocumentContentChangePartial]], str]:
    """`n` changes as an editor sends them (ranges in UTF-16 units): each takes back the word the previous one
    typed, then types 'indeed' after the first word of the next sentence."""
    starts = [m.end() for m in re.finditer(r"(?:^|[.!?]\s+)\w+", text)]
    out = []
    typed: int | None = None  # where the word typed by the previous change is
    for k in range(n):
        changes = []
        if typed is not None:
            changes.append(partial(text, typed, typed + len(WORD), ""))
            text = text[:typed] + text[typed + len(WORD) :]
        typed = starts[k % len(starts)]
        changes.append(partial(text, typed, typed, WORD))
        text = text[:typed] + WORD + text[typed:]
        out.append(changes)
    return out, text


def partial(text: str, start: int, end: int, new: str) -> types.TextDocumentContentChangePartial:
    def pos(at: int) -> types.Position:
        before = text[:at]
        line_start = max(before.rfind("\n"), before.rfind("\r")) + 1
        return types.Position(
            line=len(re.findall(r"\r\n|\r|\n", before)), character=len(before[line_start:].encode("utf-16-le")) // 2
        )

    return types.TextDocumentContentChangePartial(range=types.Range(start=pos(start), end=pos(end)), text=new)


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of a process so far (Linux /proc), 0.0 where unknown."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


async def run(path: Path, n: int, debounce_ms: int, pause: float) -> dict[str, float]:
    client = LanguageClient("lsp-latency", "1")
    received: dict[tuple[str, int | None], float] = {}
    shapes: dict[tuple[str, int | None], list[tuple[object, ...]]] = {}

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def publish(params: types.PublishDiagnosticsParams) -> None:
        key = (params.uri, params.version)
        received.setdefault(key, time.perf_counter())
        shapes[key] = [
            (d.code, d.range.start.line, d.range.start.character, d.range.end.character) for d in params.diagnostics
        ]

    with tempfile.TemporaryDirectory(prefix="lsp-latency-") as tmp:
        folder = Path(tmp)
        doc_path = folder / path.name
        text = path.read_text(encoding="utf-8")
        doc_path.write_text(text, encoding="utf-8")
        exe = ROOT / ".venv" / "bin" / "python"
        cmd = [
            str(exe if exe.exists() else sys.executable),
            "-m",
            "lintnews",
            "server",
            "--debounce-ms",
            str(debounce_ms),
        ]
        await client.start_io(*cmd, cwd=tmp)
        assert client._server is not None
        pid = client._server.pid
        root = from_fs_path(tmp)
        started = time.perf_counter()
        await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities(), root_uri=root))
        client.initialized(types.InitializedParams())
        uri = from_fs_path(str(doc_path)) or ""
        item = types.TextDocumentItem(uri=uri, language_id="plaintext", version=1, text=text)
        client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))
        await wait_for(received, 1, uri)
        first = received[(uri, 1)] - started
        cpu_before = cpu_seconds(pid)
        waits = []
        changes, final = edits(text, n)
        for version, change in enumerate(changes, start=2):
            await asyncio.sleep(pause)
            ident = types.VersionedTextDocumentIdentifier(uri=uri, version=version)
            params = types.DidChangeTextDocumentParams(text_document=ident, content_changes=list(change))
            sent = time.perf_counter()
            client.text_document_did_change(params)
            await wait_for(received, version, uri)
            waits.append(received[(uri, version)] - sent)
        cpu = cpu_seconds(pid) - cpu_before
        # the edited text, opened whole as another document, must get the same diagnostics: the server's copy
        # of the text followed every range edit
        check_uri = from_fs_path(str(folder / ("check-" + path.name))) or ""
        item = types.TextDocumentItem(uri=check_uri, language_id="plaintext", version=1, text=final)
        client.text_document_did_open(types.DidOpenTextDocumentParams(text_document=item))
        await wait_for(received, 1, check_uri)
        in_sync = shapes[(check_uri, 1)] == shapes[(uri, n + 1)]
        await client.shutdown_async(None)
        client.exit(None)
        await asyncio.wait_for(client._server.wait(), TIMEOUT)
        await client.stop()
    waits.sort()
    return {
        "words": len(text.split()),
        "first": first,
        "median": statistics.median(waits),
        "p95": waits[max(0, round(0.95 * len(waits)) - 1)],
        "max": waits[-1],
        "cpu_per_edit": cpu / n,
        "in_sync": float(in_sync),
    }


async def wait_for(received: dict[tuple[str, int | None], float], version: int, uri: str) -> None:
    deadline = time.perf_counter() + TIMEOUT
    while (uri, version) not in received:
        if time.perf_counter() > deadline:
            raise SystemExit(f"no diagnostics for version {version} within {TIMEOUT:.0f} s")
        await asyncio.sleep(0.001)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--file", type=Path, default=DEFAULT_FILE)
    ap.add_argument("--edits", type=int, default=200)
    ap.add_argument("--debounce-ms", type=int, default=30)
    ap.add_argument("--pause-ms", type=int, default=150, help="time between two changes (a typist's pace)")
    args = ap.parse_args()
    r = asyncio.run(run(args.file, args.edits, args.debounce_ms, args.pause_ms / 1000))
    print(f"article: {args.file.name}, {r['words']:.0f} words; {args.edits} edits; debounce {args.debounce_ms} ms")
    print(f"start to first diagnostics (rules and model loaded): {r['first'] * 1000:.0f} ms")
    print(
        f"edit to diagnostics: median {r['median'] * 1000:.1f} ms, p95 {r['p95'] * 1000:.1f} ms, "
        f"max {r['max'] * 1000:.1f} ms; server CPU {r['cpu_per_edit'] * 1000:.1f} ms per edit"
    )
    print("the server's text after the edits: " + ("as sent" if r["in_sync"] else "DIFFERS from the client's"))


if __name__ == "__main__":
    main()
