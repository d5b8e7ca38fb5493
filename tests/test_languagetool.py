"""The LanguageTool backend against a local stand-in server that speaks /v2/check."""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, HTTPServer
from typing import Any
from urllib.parse import parse_qs

import pytest

from lintnews.core.sources import make_document
from lintnews.engine.lint import Linter
from lintnews.rules.rulepack import Rule, collect_pack_paths, load_packs, parse_pack

PACK_RULES = [r for p in load_packs(collect_pack_paths()) for r in p.rules if r.kind == "languagetool"]


class FakeLanguageTool(BaseHTTPRequestHandler):
    """Flags 'have' after she/he and every emoji-followed 'teh', like LanguageTool's JSON (UTF-16 offsets)."""

    requests: list[dict[str, list[str]]] = []

    def do_POST(self) -> None:
        body = self.rfile.read(int(self.headers["Content-Length"])).decode("utf-8")
        form = parse_qs(body)
        FakeLanguageTool.requests.append(form)
        text = form["text"][0]
        units = text.encode("utf-16-le")
        matches: list[dict[str, Any]] = []
        for word, rule, cat, repl in (
            ("She have", "HE_VERB_AGR", "GRAMMAR", "She has"),
            ("teh", "MORFOLOGIK_RULE_EN_US", "TYPOS", "the"),
            ("utilize", "PLAIN_ENGLISH_UTILIZE", "PLAIN_ENGLISH", "use"),
            ("the the", "ENGLISH_WORD_REPEAT_RULE", "MISC", "the"),
        ):
            pos = units.find(word.encode("utf-16-le"))
            if pos >= 0:
                matches.append(
                    {
                        "offset": pos // 2,
                        "length": len(word),
                        "message": f"Check '{word}'.",
                        "replacements": [{"value": repl}],
                        "rule": {"id": rule, "category": {"id": cat}},
                    }
                )
        out = json.dumps({"matches": matches}).encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.end_headers()
        self.wfile.write(out)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def server() -> Iterator[str]:
    httpd = HTTPServer(("127.0.0.1", 0), FakeLanguageTool)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    FakeLanguageTool.requests = []
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def _rule(**options: Any) -> Rule:
    raw = {"id": "lt.t", "kind": "languagetool", "message": "m", "examples": {"bad": ["x"], "good": []}, **options}
    return parse_pack(
        {"pack": "lt", "defaults": {"category": "grammar", "severity": "warning"}, "rules": [raw]}, "t"
    ).rules[0]


def test_pack_examples_against_the_server(server: str) -> None:
    assert PACK_RULES
    for rule in PACK_RULES:
        linter = Linter([rule], settings={"languagetool-url": server})
        for ex in rule.bad:
            assert any(f.rule == rule.id for f in linter.lint(make_document("a.txt", ex.text)))
        for good in rule.good:
            assert linter.lint(make_document("a.txt", good)) == []
        assert not linter.notices


def test_matches_become_findings(server: str) -> None:
    linter = Linter([_rule()], settings={"languagetool-url": server})
    text = "Intro 😀 line.\n\nShe have teh plan to utilize."
    found = linter.lint(make_document("a.txt", text))
    got = [(text[f.offset : f.end], f.category, f.severity.label, f.suggestions) for f in found]
    assert got == [
        ("She have", "grammar", "warning", ("She has",)),
        ("teh", "grammar", "warning", ("the",)),
        ("utilize", "readability", "info", ("use",)),
    ]
    form = FakeLanguageTool.requests[0]
    assert form["language"] == ["en-US"] and "😀" in form["text"][0]


def test_deny_and_allow_lists(server: str) -> None:
    text = "She have teh plan."
    deny = Linter([_rule(disabled_rules=["MORFOLOGIK_RULE_EN_US"])], settings={"languagetool-url": server})
    assert [f.suggestions for f in deny.lint(make_document("a.txt", text))] == [("She has",)]
    assert FakeLanguageTool.requests[-1]["disabledRules"] == ["MORFOLOGIK_RULE_EN_US"]
    Linter([_rule(enabled_rules=["HE_VERB_AGR"])], settings={"languagetool-url": server}).lint(
        make_document("a.txt", text)
    )
    assert FakeLanguageTool.requests[-1]["enabledOnly"] == ["true"]


def test_overlap_with_own_rules_is_dropped(server: str) -> None:
    grammar = [r for p in load_packs(collect_pack_paths()) for r in p.rules if r.id == "mt.repeated-word"]
    linter = Linter([*grammar, _rule()], settings={"languagetool-url": server})
    found = linter.lint(make_document("a.txt", "He saw the the car."))
    assert [f.rule for f in found] == ["mt.repeated-word"]


def test_url_from_environment(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINTNEWS_LANGUAGETOOL_URL", server + "/v2/check")
    assert len(Linter([_rule()]).lint(make_document("a.txt", "She have it."))) == 1


def test_no_url_means_no_request(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LINTNEWS_LANGUAGETOOL_URL", raising=False)
    linter = Linter([_rule()])
    assert linter.lint(make_document("a.txt", "She have it.")) == []
    assert linter.notices == []


def test_unreachable_server_is_one_notice_and_others_still_run(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LINTNEWS_LANGUAGETOOL_URL", raising=False)
    grammar = [r for p in load_packs(collect_pack_paths()) for r in p.rules if r.id == "mt.repeated-word"]
    # port 9 on localhost: nothing listens there, the connection is refused at once
    linter = Linter([_rule(timeout=2), *grammar], settings={"languagetool-url": "http://127.0.0.1:9"})
    for _ in range(2):
        found = linter.lint(make_document("a.txt", "He saw the the car."))
        assert [f.rule for f in found] == ["mt.repeated-word"]
    assert len(linter.notices) == 1
    assert "lt.t is off" in linter.notices[0] and "did not answer" in linter.notices[0]


FAKE_JAVA = """#!{python}
# Stands in for `java -cp languagetool-server.jar org.languagetool.server.HTTPServer --port N`.
import json, sys
sys.path.insert(0, {root!r})
from http.server import HTTPServer
from tests.test_languagetool import FakeLanguageTool

class Server(FakeLanguageTool):
    def do_GET(self):
        body = json.dumps([{{"name": "English (US)", "code": "en", "longCode": "en-US"}}]).encode()
        self.send_response(200 if self.path.startswith("/v2/languages") else 404)
        self.end_headers()
        self.wfile.write(body)

assert sys.argv[1:3] == ["-cp", {jar!r}] and sys.argv[3] == "org.languagetool.server.HTTPServer", sys.argv
port = int(sys.argv[sys.argv.index("--port") + 1])
HTTPServer(("127.0.0.1", port), Server).serve_forever()
"""


def _fake_install(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> Any:
    import sys
    from pathlib import Path

    folder = tmp_path / "LanguageTool-6.4"
    folder.mkdir()
    jar = folder / "languagetool-server.jar"
    jar.write_bytes(b"PK")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    java = bin_dir / "java"
    root = str(Path(__file__).resolve().parent.parent)
    java.write_text(FAKE_JAVA.format(python=sys.executable, root=root, jar=str(jar)), encoding="utf-8")
    java.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:{__import__('os').environ.get('PATH', '')}")
    monkeypatch.delenv("LINTNEWS_LANGUAGETOOL_URL", raising=False)
    return tmp_path


def test_local_languagetool_folder_starts_its_server(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    from lintnews.core import languagetool_local

    install = _fake_install(tmp_path, monkeypatch)
    linter = Linter([_rule()], settings={"languagetool-path": str(install)})
    try:
        found = linter.lint(make_document("a.txt", "She have it."))
        assert [f.message.split(" [")[0] for f in found] == ["Check 'She have'."]
        assert linter.notices == []
        # one server per folder and process: the second document reuses it
        assert len(linter.lint(make_document("b.txt", "She have two."))) == 1
        assert len(languagetool_local._servers) == 1
    finally:
        for proc, _ in languagetool_local._servers.values():
            languagetool_local._stop(proc)
        languagetool_local._servers.clear()


def test_folder_without_languagetool_is_one_notice(tmp_path: Any, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("LINTNEWS_LANGUAGETOOL_URL", raising=False)
    linter = Linter([_rule()], settings={"languagetool-path": str(tmp_path)})
    assert linter.lint(make_document("a.txt", "She have it.")) == []
    assert len(linter.notices) == 1
    assert "no languagetool-server.jar in the LanguageTool folder" in linter.notices[0]
