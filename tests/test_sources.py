"""Content repositories: Markdown front matter, HTML and JSON Lines views with exact offsets; folder walks."""

from __future__ import annotations

import json
import shutil
import subprocess
import textwrap
from pathlib import Path
from typing import Any

import pytest

from lintnews.commands.cli import main
from lintnews.core.config import Config, from_mapping
from lintnews.core.document import FILL
from lintnews.core.errors import InputError
from lintnews.core.sources import expand, jsonl_documents, make_document
from lintnews.engine.lint import Linter
from lintnews.rules.rulepack import load_pack

PROBE_PACK = r"""
pack: probe
defaults: {kind: regex, fix: none, severity: warning, category: punctuation}
rules:
  - id: probe.zork
    pattern: '\bZORK\b'
    message: "ZORK seen."
    examples: {bad: ["a ZORK b"], good: ["a zork b"]}
  - id: probe.entity
    pattern: '&[#\w]+;'
    message: "A raw entity reached the rules."
    examples: {bad: ["a &amp; b"], good: ["a & b"]}
  - id: probe.markup
    pattern: '[<>]'
    message: "Markup reached the rules."
    examples: {bad: ["a <b"], good: ["a b"]}
"""


@pytest.fixture(autouse=True)
def _clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)


@pytest.fixture(scope="module")
def probe(tmp_path_factory: pytest.TempPathFactory) -> Linter:
    path = tmp_path_factory.mktemp("packs") / "probe.yaml"
    path.write_text(PROBE_PACK, encoding="utf-8")
    return Linter(list(load_pack(path).rules))


def write(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def check_json(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any], str]:
    code = main(["check", "--format", "json", "--select", "punctuation.doubled-period", *args])
    out, err = capsys.readouterr()
    return code, json.loads(out), err


@pytest.mark.parametrize(
    "front",
    [
        '---\ntitle: "Troops left. . again"\ntags: [a. . b, ZORK]\n---\n',
        '+++\ntitle = "Troops left. . again"\ntags = ["a. . b", "ZORK"]\n+++\n',
    ],
    ids=["yaml", "toml"],
)
def test_markdown_front_matter_code_and_title(probe: Linter, front: str) -> None:
    raw = front + "Body ZORK here.\n\n```\nZORK. . in code\n```\n\nInline `ZORK` and [ZORK link](http://x/ZORK).\n"
    doc = make_document("a.md", raw)
    assert len(doc.text) == len(raw)
    zorks = [f for f in probe.lint(doc) if f.rule == "probe.zork"]
    # the body and the link text; never the front matter, code or the link target
    assert [raw[f.offset : f.end] for f in zorks] == ["ZORK", "ZORK"]
    assert [f.line for f in zorks] == [front.count("\n") + 1, front.count("\n") + 7]
    title = doc.meta["title_span"]
    assert isinstance(title, tuple)
    assert raw[title[0] : title[1]] == "Troops left. . again"
    dots = [f for f in Linter(_doubled()).lint(doc)]
    assert [(f.line, raw[f.offset : f.end]) for f in dots] == [(2, ". .")]


def _doubled() -> list[Any]:
    from lintnews.rules.rulepack import collect_pack_paths, load_packs

    return [r for p in load_packs(collect_pack_paths()) for r in p.rules if r.id == "punctuation.doubled-period"]


HTML = """<!DOCTYPE html>
<html><head><title>Gaza talks. . resume</title>
<meta name="description" content="ZORK &amp; more">
<style>p.ZORK { color: red; } /* > */</style>
<script>if (a < b && ZORK) { x = "</p>"; }</script>
</head>
<body>
<article class="ZORK">
<h1>Headline</h1>
<p>The delegation arrived. . Officials<br>met at <a href="http://x/ZORK?a=1&amp;b=2">the&nbsp;palace</a>
&mdash; AT&amp;T said.</p>
<p>Second paragraph ZORK<!-- a ZORK comment --></p><pre>ZORK. . code</pre>
</article></body></html>
"""


def test_html_markup_is_blank_text_is_checked(probe: Linter) -> None:
    doc = make_document("a.html", HTML)
    assert len(doc.text) == len(HTML)
    found = probe.lint(doc)
    # no tag, attribute, script, style, comment or <pre> content; no raw entity
    assert [(f.rule, HTML[f.offset : f.end]) for f in found] == [("probe.zork", "ZORK")]
    assert found[0].line == 12
    dots = Linter(_doubled()).lint(doc)
    assert [(f.line, HTML[f.offset : f.end]) for f in dots] == [(2, ". ."), (10, ". .")]
    # entities decode in place: AT&T and an em dash are in the view, offsets unchanged; markup inside a
    # paragraph is FILL (a boundary, not a space), and an entity is shown but never edited
    assert f"AT&{FILL * 4}T" in doc.text and f"—{FILL * 6}" in doc.text and f"the {FILL * 5}palace" in doc.text
    amp = HTML.index("&amp;T")
    assert not doc.is_text(amp, amp + 1) and doc.is_text(amp - 2, amp)


def test_html_block_tags_split_paragraphs() -> None:
    doc = make_document("a.html", "<p>One sentence here</p><p>Another one</p><div>Third</div>")
    assert [p.text for p in doc.paragraphs] == ["One sentence here", "Another one", "Third"]
    doc = make_document("a.html", "<p>Word<em>s</em> stay in one paragraph</p>")
    assert len(doc.paragraphs) == 1


def test_html_title_is_the_title_span() -> None:
    raw = "<html><head><title>  Talks resume  </title></head><body><p>x</p></body></html>"
    span = make_document("a.htm", raw).meta["title_span"]
    assert isinstance(span, tuple) and raw[span[0] : span[1]] == "Talks resume"


def test_jsonl_articles_get_ids_and_offsets_within_their_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    lines = [
        json.dumps({"id": "efe-1", "text": "Clean text."}),
        "",
        json.dumps({"id": 42, "text": "First line.\nIt fell. . Later."}),
        json.dumps({"text": "No id. . here"}),
    ]
    write(tmp_path / "archive.jsonl", "\n".join(lines) + "\n")
    monkeypatch.chdir(tmp_path)
    code, data, _ = check_json(capsys, "archive.jsonl")
    got = [(f["path"], f["article"], f["record_line"], f["line"], f["column"], f["offset"]) for f in data["findings"]]
    assert got == [("archive.jsonl", "42", 3, 2, 8, 19), ("archive.jsonl", "line 4", 4, 1, 6, 5)]
    assert data["summary"]["files"] == 1 and data["summary"]["articles"] == 3
    # offsets count within the article's text
    assert "First line.\nIt fell. . Later."[19:22] == ". ."
    assert code == 0  # warnings only
    assert main(["check", "--select", "punctuation.doubled-period", "archive.jsonl"]) == 0
    out_text = capsys.readouterr().out
    assert "archive.jsonl:2:8: (article 42) punctuation.doubled-period" in out_text
    assert "It fell. . Later." in out_text


def test_jsonl_field_names_from_config(tmp_path: Path) -> None:
    raw = json.dumps({"uid": "x9", "body": "It fell. ."}) + "\n"
    docs = jsonl_documents("a.jsonl", raw, text_field="body", id_field="uid")
    assert [(d.meta["article"], d.raw) for d in docs] == [("x9", "It fell. .")]
    with pytest.raises(InputError, match=r"a\.jsonl:1: no string field 'text'"):
        jsonl_documents("a.jsonl", raw)
    with pytest.raises(InputError, match=r"a\.jsonl:2: not valid JSON"):
        jsonl_documents("a.jsonl", raw + "{oops\n", text_field="body")


def test_jsonl_config_keys_reach_the_run(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / ".lintnews.toml", 'jsonl-text-field = "body"\njsonl-id-field = "uid"\n')
    write(tmp_path / "a.jsonl", json.dumps({"uid": "x9", "body": "It fell. ."}) + "\n")
    monkeypatch.chdir(tmp_path)
    _, data, _ = check_json(capsys, "a.jsonl")
    assert [f["article"] for f in data["findings"]] == ["x9"]


def test_jsonl_bad_line_is_an_input_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    write(tmp_path / "a.jsonl", '{"id": 1, "text": "ok"}\n[1, 2]\n')
    monkeypatch.chdir(tmp_path)
    code, _, err = check_json(capsys, "a.jsonl")
    assert code == 2 and "a.jsonl:2: not a JSON object" in err


def test_fix_leaves_jsonl_alone_and_says_so(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    raw = json.dumps({"id": 1, "text": "It fell. ."}) + "\n"
    path = write(tmp_path / "a.jsonl", raw)
    txt = write(tmp_path / "b.txt", "It fell. .\n")
    monkeypatch.chdir(tmp_path)
    code = main(["check", "--fix", "--select", "punctuation.doubled-period", "a.jsonl", "b.txt"])
    out, err = capsys.readouterr()
    assert code == 0
    assert path.read_text(encoding="utf-8") == raw
    assert txt.read_text(encoding="utf-8") == "It fell.\n"
    assert "a.jsonl: --fix and --diff do not rewrite JSON Lines archives" in err
    assert "a.jsonl:1:8: (article 1) punctuation.doubled-period" in out


def _tree(root: Path) -> None:
    for rel in [
        "news/a.txt",
        "news/b.md",
        "news/c.html",
        "news/d.jsonl",
        "news/e.csv",
        "news/drafts/x.txt",
        "news/.hidden/y.txt",
        "archive/2024/z.txt",
    ]:
        body = json.dumps({"id": 1, "text": "t"}) + "\n" if rel.endswith(".jsonl") else "t\n"
        write(root / rel, body)


def _walk(root: Path, cfg: Config) -> list[str]:
    return sorted(Path(s.path).relative_to(root).as_posix() for s in expand([str(root)], cfg))


def test_folder_walk_include_and_exclude(tmp_path: Path) -> None:
    _tree(tmp_path)
    every = ["archive/2024/z.txt", "news/a.txt", "news/b.md", "news/c.html", "news/d.jsonl", "news/drafts/x.txt"]
    assert _walk(tmp_path, Config(root=tmp_path)) == every
    cfg = from_mapping({"exclude": ["drafts", "archive/**"]}, "t", root=tmp_path)
    assert _walk(tmp_path, cfg) == ["news/a.txt", "news/b.md", "news/c.html", "news/d.jsonl"]
    cfg = from_mapping({"include": ["*.md", "*.csv"]}, "t", root=tmp_path)
    assert _walk(tmp_path, cfg) == ["news/b.md", "news/e.csv"]
    # a file named on the command line is read whatever its suffix, unless excluded
    cfg = from_mapping({"exclude": ["*.csv"]}, "t", root=tmp_path)
    assert [s.path for s in expand([str(tmp_path / "news/e.csv")], cfg)] == []
    assert [s.path for s in expand([str(tmp_path / "news/e.csv")], Config(root=tmp_path))] != []


def test_exclude_flag(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path / "news" / "a.txt", "It fell. .\n")
    write(tmp_path / "news" / "drafts" / "b.txt", "It fell. .\n")
    monkeypatch.chdir(tmp_path)
    _, data, _ = check_json(capsys, "news")
    assert len(data["findings"]) == 2
    _, data, _ = check_json(capsys, "--exclude", "drafts/", "news")
    assert [Path(f["path"]).as_posix() for f in data["findings"]] == ["news/a.txt"]


@pytest.mark.skipif(shutil.which("git") is None, reason="needs git")
def test_folder_walk_respects_gitignore(tmp_path: Path) -> None:
    _tree(tmp_path)
    subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
    write(tmp_path / ".gitignore", "drafts/\n*.html\n")
    write(tmp_path / "news" / ".gitignore", "b.md\n")
    assert _walk(tmp_path, Config(root=tmp_path)) == ["archive/2024/z.txt", "news/a.txt", "news/d.jsonl"]
    # outside a git work tree nothing is ignored
    other = tmp_path.parent / (tmp_path.name + "-nogit")
    _tree(other)
    write(other / ".gitignore", "*.html\n")
    assert "news/c.html" in _walk(other, Config(root=other))


def test_plain_text_directives_are_not_linted(probe: Linter) -> None:
    raw = textwrap.dedent(
        """\
        lintnews-disable-next-line probe.markup ZORK
        The <b> tag ZORK.
        """
    )
    doc = make_document("a.txt", raw)
    assert doc.text.startswith(" " * 20)
    # the directive line is blank in the view (the bare Linter has no suppression filter)
    assert [f.line for f in probe.lint(doc)] == [2, 2, 2]
