"""`lintnews server` with the default rules and the spaCy model: the same findings and fixes as `lintnews check`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_server import apply_action, check_fix, editor, exact, utf16_col

ROOT = Path(__file__).resolve().parent.parent
ARTICLES = sorted((ROOT / "corpus" / "articles").glob("*.txt"))
# accents and emoji before the article's own text, so every column after them counts UTF-16 units
HEAD = "Señora Núñez 👩‍👩‍👧 reports 😀\n\n"

pytestmark = pytest.mark.slow


def check_json(folder: Path, name: str, text: str) -> list[dict[str, object]]:
    path = folder / name
    path.write_bytes(text.encode("utf-8"))
    proc = subprocess.run(
        [sys.executable, "-m", "lintnews", "check", "--format", "json", name],
        cwd=folder,
        capture_output=True,
        check=False,
    )
    path.unlink()
    assert proc.returncode in (0, 1), proc.stderr
    findings: list[dict[str, object]] = json.loads(proc.stdout)["findings"]
    return findings


def lsp_span(text: str, offset: int, length: int) -> tuple[int, int, int, int]:
    """A character span as LSP's (line, UTF-16 column) pairs, worked out apart from the server's code."""

    def pos(at: int) -> tuple[int, int]:
        before = text[:at].replace("\r\n", "\n")
        line = before.count("\n")
        return line, utf16_col(before.rsplit("\n", 1)[-1])

    (a, b), (c, d) = pos(offset), pos(offset + length)
    return a, b, c, d


@pytest.mark.asyncio
@pytest.mark.parametrize("article", ARTICLES[:3], ids=lambda p: p.name[:3])
async def test_same_findings_as_check_with_the_model(tmp_path: Path, article: Path) -> None:
    text = HEAD + article.read_text(encoding="utf-8")
    expected = sorted(
        (str(f["rule"]), *lsp_span(text, int(str(f["offset"])), int(str(f["length"]))))
        for f in check_json(tmp_path, "copy.txt", text)
    )
    assert expected
    async with editor(tmp_path) as ed:
        uri = ed.open("article.txt", text)
        assert exact(await ed.diagnostics(uri, 1)) == expected


@pytest.mark.asyncio
async def test_fix_all_equals_check_fix_with_the_model(tmp_path: Path) -> None:
    text = HEAD + ARTICLES[0].read_text(encoding="utf-8")
    async with editor(tmp_path) as ed:
        uri = ed.open("article.txt", text)
        await ed.diagnostics(uri, 1)
        fixed = apply_action(text, await ed.fix_all(uri))
    expected = check_fix(tmp_path, "copy.txt", text)
    assert expected != text
    assert fixed == expected
