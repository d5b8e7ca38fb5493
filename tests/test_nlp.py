"""spaCy model handling: a missing model turns only the rules that need it off, with the install command."""

from __future__ import annotations

import os
import subprocess
import sys
import types
from collections.abc import Iterable, Iterator
from typing import Any

import pytest

from lintnews.core import nlp, spacy_import
from lintnews.core.sources import make_document
from lintnews.engine.lint import Linter
from lintnews.rules.rulepack import Rule, parse_pack


def _rules() -> list[Rule]:
    tagged = {
        "id": "t.tagged",
        "kind": "token",
        "patterns": [[{"LOWER": "very"}, {"POS": "ADJ"}]],
        "trigger": r"\bvery\b",
        "message": "m",
        "examples": {"bad": ["x"], "good": []},
    }
    plain = {
        "id": "t.plain",
        "kind": "regex",
        "pattern": r"\bvery\b",
        "message": "m",
        "examples": {"bad": ["x"], "good": []},
    }
    pack = {"pack": "t", "defaults": {"category": "grammar", "severity": "warning"}, "rules": [tagged, plain]}
    return list(parse_pack(pack, "t").rules)


@pytest.fixture
def no_model(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    import spacy

    def missing(*args: object, **kwargs: object) -> None:
        raise OSError(f"[E050] Can't find model '{nlp.MODEL_NAME}'")

    nlp.model.cache_clear()
    monkeypatch.setattr(spacy, "load", missing)
    yield
    # the real model must load again for the tests that follow
    nlp.model.cache_clear()


def test_missing_model_is_a_notice_and_other_rules_run(no_model: None) -> None:
    assert not nlp.model_available()
    linter = Linter(_rules())
    assert linter.uses_model
    for _ in range(2):
        found = linter.lint(make_document("a.txt", "It was very cold."))
        assert [f.rule for f in found] == ["t.plain"]
    assert len(linter.notices) == 1
    notice = linter.notices[0]
    assert notice.startswith("rule t.tagged is off")
    assert f"pip install {nlp.MODEL_PACKAGE}" in notice


@pytest.mark.slow
def test_parse_is_cached_per_document() -> None:
    doc = make_document("a.txt", "It was very cold.\n\nThe rain stopped.")
    first = nlp.parse_blocks(doc, doc.paragraphs, tagged=True)
    again = nlp.parse_blocks(doc, doc.paragraphs, tagged=True)
    assert [a is b for a, b in zip(first, again, strict=True)] == [True, True]
    assert first[0][3].pos_ == "ADJ"
    assert "ner" not in nlp.model().pipe_names
    assert "senter" not in nlp.model().component_names


@pytest.mark.slow
def test_model_rule_finds_with_the_model() -> None:
    linter = Linter(_rules())
    found = linter.lint(make_document("a.txt", "It was very cold."))
    assert sorted(f.rule for f in found) == ["t.plain", "t.tagged"]
    assert linter.notices == []


class _SpyBlank:
    """Stands in for nlp.blank(): records what is tokenized."""

    def __init__(self) -> None:
        self.real = nlp.blank()
        self.calls: list[list[str]] = []

    def pipe(self, texts: Iterable[str]) -> Iterator[Any]:
        texts = list(texts)
        self.calls.append(texts)
        return self.real.pipe(texts)


def test_prefetch_parses_each_block_once(monkeypatch: pytest.MonkeyPatch) -> None:
    spy = _SpyBlank()
    monkeypatch.setattr(nlp, "blank", lambda: spy)
    doc = make_document("a.txt", "One two. Three four.\n\nFive six.")
    s1, s2 = doc.sentences[0], doc.sentences[1]
    p2 = doc.paragraphs[1]
    nlp.prefetch(doc, [([s1], nlp.BLANK), ([s2, p2], nlp.BLANK), ([s1], nlp.BLANK)])
    assert spy.calls == [["One two.", "Three four.", "Five six."]]
    again = nlp.parse(doc, [p2, s1], nlp.BLANK)
    assert len(spy.calls) == 1
    assert [d.text for d in again] == ["Five six.", "One two."]


def test_prefetch_many_tokenizes_several_documents_in_one_pass(monkeypatch: pytest.MonkeyPatch) -> None:
    spy = _SpyBlank()
    monkeypatch.setattr(nlp, "blank", lambda: spy)
    one = make_document("a.txt", "One two.\n\nThree four.")
    two = make_document("b.txt", "One two.\n\nFive six.")
    nlp.prefetch(one, [([one.paragraphs[0]], nlp.BLANK)])
    nlp.prefetch_many([(one, [(one.paragraphs, nlp.BLANK)]), (two, [(two.paragraphs, nlp.BLANK)])])
    # what a document has already is not parsed again; the same text in another document is its own parse
    assert spy.calls == [["One two."], ["Three four.", "One two.", "Five six."]]
    assert [d.text for d in nlp.parse(two, two.paragraphs, nlp.BLANK)] == ["One two.", "Five six."]
    assert nlp.parse(two, [two.paragraphs[0]], nlp.BLANK)[0] is not nlp.parse(one, [one.paragraphs[0]], nlp.BLANK)[0]
    assert len(spy.calls) == 2


def _record_parse_model(monkeypatch: pytest.MonkeyPatch) -> list[tuple[list[str], list[str], list[str]]]:
    """The texts of each call of the model's pass (full, DEPS, tags only), recorded as it runs on."""
    calls: list[tuple[list[str], list[str], list[str]]] = []
    real = nlp._parse_model

    def spy(full: list[str], deps: list[str], tagged: list[str]) -> Any:
        calls.append((full, deps, tagged))
        return real(full, deps, tagged)

    monkeypatch.setattr(nlp, "_parse_model", spy)
    return calls


@pytest.mark.slow
def test_tags_level_skips_the_parser_and_reuses_a_full_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _record_parse_model(monkeypatch)
    doc = make_document("a.txt", "The old  bridge\ncollapsed.\n\nPrices rose sharply, they says.\n\nRain fell.")
    a, b, c = doc.paragraphs
    # wanted at both levels: parsed in full; wanted only tagged: the tagger alone; all in one pass
    nlp.prefetch(doc, [([a, b], nlp.TAGS), ([b, c], nlp.FULL)])
    assert calls == [([b.text, c.text], [], [a.text])]
    tagged_a, tagged_b = nlp.parse(doc, [a, b], nlp.TAGS)
    assert len(calls) == 1
    assert tagged_b is nlp.parse(doc, [b], nlp.FULL)[0]
    assert nlp.tagger_only()
    assert not tagged_a.has_annotation("DEP")
    # the tags are those of the full pipeline, whitespace tokens included
    assert [t.tag_ for t in tagged_a] == [t.tag_ for t in nlp.model()(a.text)]
    assert "_SP" in [t.tag_ for t in tagged_a]
    # the blocks parsed after the shared tagger pass are parsed as the whole pipeline parses them
    for block in (b, c):
        ours, usual = nlp.parse(doc, [block], nlp.FULL)[0], nlp.model()(block.text)
        assert [(t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, str(t.morph)) for t in ours] == [
            (t.tag_, t.pos_, t.dep_, t.head.i, t.lemma_, str(t.morph)) for t in usual
        ]


@pytest.mark.slow
def test_deps_level_stops_after_the_parser_with_the_full_parse(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = _record_parse_model(monkeypatch)
    text = "The rights of the members of the board of the firm  grew.\n\nPrices rose.\n\nRain fell.\n\nSnow came."
    doc = make_document("a.txt", text)
    a, b, c, d = doc.paragraphs
    # a block wanted at DEPS and FULL is parsed in full, at TAGS and DEPS up to the parser: all in one pass
    nlp.prefetch(doc, [([a, b], nlp.DEPS), ([b], nlp.FULL), ([a, c], nlp.TAGS), ([d], nlp.TAGS)])
    assert calls == [([b.text], [a.text], [c.text, d.text])]
    deps_a, deps_b = nlp.parse(doc, [a, b], nlp.DEPS)
    assert deps_b is nlp.parse(doc, [b], nlp.FULL)[0]
    assert nlp.parse(doc, [a], nlp.TAGS)[0] is deps_a
    assert len(calls) == 1
    assert nlp.parser_only()
    # no attribute ruler, no lemmatizer: pos_ and lemma_ unset; tags (whitespace's too) and dependencies as the
    # whole pipeline gives them
    assert not deps_a.has_annotation("LEMMA") and not deps_a.has_annotation("POS")
    usual = nlp.model()(a.text)
    assert [(t.tag_, t.dep_, t.head.i) for t in deps_a] == [(t.tag_, t.dep_, t.head.i) for t in usual]
    assert "_SP" in [t.tag_ for t in deps_a]
    assert deps_b.has_annotation("LEMMA")


def _ruler_doc(vocab: object) -> object:
    from spacy.tokens import Doc

    words = ["But", "I", "ai", "n't", "gon", "na", "go", " ", "there", "y'", "all", "nothin'"]
    tags = ["CC", "PRP", "VBP", "RB", "VBG", "TO", "VB", "_SP", "RB", "PRP", "DT", "NN"]
    deps = ["advmod", "nsubj", "ROOT", "neg", "aux", "aux", "xcomp", "dep", "advmod", "nsubj", "det", "dobj"]
    heads = [2, 2, 2, 2, 6, 6, 2, 6, 6, 11, 9, 2]
    spaces = [True, True, False, True, False, True, False, False, True, False, True, False]
    return Doc(vocab, words=words, spaces=spaces, tags=tags, deps=deps, heads=heads)  # type: ignore[arg-type]


def test_ruler_matcher_finds_what_spacys_matcher_finds() -> None:
    ruler = _fresh_ruler()
    ruler.add([[{"TAG": "CC", "LOWER": "but", "DEP": "advmod"}]], {"POS": "ADV"})
    ruler.add([[{"LOWER": "i", "DEP": {"IN": ["nsubj", "nsubjpass"]}}]], {"MORPH": "Case=Nom"})
    ruler.add([[{"TAG": {"IN": ["VBP", "VBZ"]}, "LOWER": "ai"}, {"LOWER": {"REGEX": "^n'?t$"}}]], {"LEMMA": "be"})
    ruler.add([[{"LOWER": "gon"}, {"LOWER": "na"}]], {"LEMMA": "to"}, index=1)
    ruler.add([[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux", "auxpass"]}}]], {"POS": "AUX"})
    ruler.add([[{"IS_SPACE": True}]], {"TAG": "_SP"})
    ruler.add([[{"TAG": "_SP", "IS_SPACE": False}]], {"POS": "X"})
    ruler.add([[{"LOWER": {"REGEX": "^y'?$"}}, {"LOWER": "all"}]], {"LEMMA": "you"})
    ruler.add([[{"LOWER": {"REGEX": "^n[ou]thin'$"}}]], {"LEMMA": "nothing"})
    # one key, two patterns matching the same token: the Matcher reports the span once
    ruler.add([[{"TAG": "RB"}], [{"LOWER": "there"}]], {"POS": "ADV"})
    ruler.add([[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": {"IN": ["DT", "WDT"]}}]], {"POS": "PRON"})
    doc = _ruler_doc(ruler.vocab)
    fast = nlp.RulerMatcher.build(ruler)
    assert fast is not None
    expected = ruler.match(doc)
    assert len(expected) >= 9
    assert fast.match(doc) == expected


def _fresh_ruler() -> Any:
    import spacy

    return spacy.blank("en").add_pipe("attribute_ruler")


def test_ruler_matcher_declines_patterns_it_does_not_know() -> None:
    for pattern in (
        [{"LOWER": "x", "OP": "?"}],
        [{"POS": "NOUN"}],
        [{"LOWER": {"FUZZY": "x"}}],
        [{"IS_SPACE": "yes"}],
    ):
        ruler = _fresh_ruler()
        ruler.add([[{"TAG": "NN"}]], {"POS": "NOUN"})
        ruler.add([pattern], {"LEMMA": "y"})
        assert nlp.RulerMatcher.build(ruler) is None


@pytest.mark.slow
def test_the_models_ruler_uses_the_fast_matcher_with_the_same_result() -> None:
    ruler = nlp.model().get_pipe("attribute_ruler")
    fast = nlp.RulerMatcher.build(ruler)
    assert fast is not None
    assert ruler.match == fast.match or ruler.match.__func__ is nlp.RulerMatcher.match  # type: ignore[attr-defined]
    spacy_match = type(ruler).match.__get__(ruler)
    texts = [
        "But I ain't gonna go there, y'all, it's nothin'.",
        "Let's see: we gotta leave  now,\tc'mon!",
        "The ministers were informed and the report is due; has he done it? Those that were asked declined.",
    ]
    for d in nlp.model().pipe(texts, disable=["attribute_ruler", "lemmatizer"]):
        assert fast.match(d) == spacy_match(d)


_IMPORT_CHECK = """
import sys
import types
from lintnews.core import nlp, spacy_import
spacy = nlp.import_spacy()
assert "typer" not in sys.modules and "spacy.cli" not in sys.modules, "the CLI was imported"
assert callable(spacy.info)
d = spacy.blank("en")("It works.")
assert [t.text for t in d] == ["It", "works", "."]
import spacy.cli
assert spacy.cli.download and spacy.cli.info.__module__ == "spacy.cli.info"
print("ok")
"""

_FALLBACK_CHECK = """
import importlib.abc, sys
class Fail(importlib.abc.MetaPathFinder):
    fired = False
    def find_spec(self, name, path, target=None):
        if name == "spacy.vocab" and not Fail.fired:
            Fail.fired = True
            raise ImportError("simulated")
        return None
sys.meta_path.insert(0, Fail())
from lintnews.core import nlp, spacy_import
spacy = nlp.import_spacy()
assert Fail.fired
assert [t.text for t in spacy.blank("en")("It works.")] == ["It", "works", "."]
print("ok")
"""


@pytest.mark.parametrize("script", [_IMPORT_CHECK, _FALLBACK_CHECK], ids=["without-cli", "fallback"])
def test_spacy_imports_without_its_command_line_and_falls_back(script: str) -> None:
    r = subprocess.run([sys.executable, "-c", script], check=False, capture_output=True, text=True, timeout=120)
    assert r.returncode == 0, r.stderr[-2000:]
    assert r.stdout.strip() == "ok"


@pytest.mark.slow
def test_model_tokenizer_is_the_pipelines_own() -> None:
    """The model is loaded from an empty tokenizer; the pipeline's data must fill it as a usual load does."""
    import spacy

    usual = spacy.load(nlp.MODEL_NAME, exclude=list(nlp.EXCLUDED_PIPES)).tokenizer
    ours = nlp.model().tokenizer
    assert nlp.tokenizer_loaded(ours)
    assert ours.to_bytes(exclude=["vocab"]) == usual.to_bytes(exclude=["vocab"])
    text = "U.S. officials didn't say e-mail@x.org costs $5.5bn (approx.), y'know?"
    assert [t.text for t in ours(text)] == [t.text for t in usual(text)]


def test_an_empty_tokenizer_is_not_taken_for_a_loaded_one() -> None:
    from spacy.tokenizer import Tokenizer

    assert not nlp.tokenizer_loaded(Tokenizer(nlp.blank().vocab))
    assert nlp.tokenizer_loaded(nlp.blank().tokenizer)


@pytest.mark.slow
def test_numpy_matmul_gives_the_parse_blis_gives() -> None:
    """The model runs its matrix products on numpy; tags, heads, dependencies and lemmas are those of thinc's BLIS."""
    import spacy

    ours = nlp.model()
    nets = [c.model for _, c in ours.pipeline if getattr(c, "model", None) is not None]
    assert {getattr(node.ops, "use_blis", None) for net in nets for node in net.walk()} == {False}
    usual = spacy.load(nlp.MODEL_NAME, exclude=list(nlp.EXCLUDED_PIPES))
    texts = [
        "The ministers, who met in Cairo on Tuesday, has agreed to a truce that were rejected by Hamas.",
        "Photo: displaced Palestinians in Rafah (Reuters)",
        "Despite of the pressure, the talks, which began last week, continue.",
    ]

    def parse(m: Any) -> list[list[tuple[str, str, int, str]]]:
        return [[(t.tag_, t.dep_, t.head.i, t.lemma_) for t in d] for d in m.pipe(texts)]

    assert parse(ours) == parse(usual)


def test_one_blas_thread_unless_the_user_chose(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delitem(sys.modules, "numpy", raising=False)
    monkeypatch.delenv("OPENBLAS_NUM_THREADS", raising=False)
    spacy_import._one_blas_thread()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "1"
    monkeypatch.setenv("OPENBLAS_NUM_THREADS", "4")
    spacy_import._one_blas_thread()
    assert os.environ["OPENBLAS_NUM_THREADS"] == "4"


def test_catalogue_selects_each_entry_point_group_once(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.metadata

    import catalogue

    nlp.import_spacy()
    grouped: Any = catalogue.AVAILABLE_ENTRY_POINTS
    installed = importlib.metadata.entry_points()
    groups = set(installed.groups) | {"spacy_factories", "no_such_group"}
    for group in groups:
        assert list(grouped.select(group=group)) == list(installed.select(group=group)), group
    assert list(grouped.select(name="no such name")) == []
    scans: list[str] = []
    found = grouped.found
    monkeypatch.setattr(
        grouped, "found", types.SimpleNamespace(select=lambda **p: scans.append(p["group"]) or found.select(**p))
    )
    grouped._groups.clear()
    registry = catalogue.create("lintnews_test", "probe", entry_points=True)
    for _ in range(3):
        registry.get_all()
        assert registry.get_entry_point("nothing") is None
    assert scans == ["lintnews_test_probe"]
