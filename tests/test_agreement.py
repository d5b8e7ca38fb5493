"""The agreement checker: word-form helpers (fast) and each check on parsed sentences (slow, needs the model)."""

from __future__ import annotations

import pytest
import regex

from lintnews.checkers.agreement import cues as C
from lintnews.checkers.agreement import inflect as F
from lintnews.checkers.agreement import words as W
from lintnews.core import nlp
from lintnews.core.sources import make_document
from lintnews.engine.lint import Linter
from lintnews.rules.rulepack import collect_pack_paths, load_packs


def test_word_forms() -> None:
    assert F.third_person("go") == "goes"
    assert F.third_person("carry") == "carries"
    assert F.third_person("watch") == "watches"
    assert F.participle("go") == "gone"
    assert F.participle("decide") == "decided"
    assert F.gerund("meet") == "meeting"
    assert F.gerund("make") == "making"
    assert F.plural_of("child") == "children"
    assert "went" in W.PAST_ONLY and "got" not in W.PAST_ONLY
    assert "gone" in W.PARTICIPLE_ONLY


@pytest.mark.parametrize(
    ("base", "participle", "gerund"),
    [
        # a stressed final syllable doubles its consonant, an unstressed one does not
        ("stop", "stopped", "stopping"),
        ("plan", "planned", "planning"),
        ("admit", "admitted", "admitting"),
        ("refer", "referred", "referring"),
        ("visit", "visited", "visiting"),
        ("open", "opened", "opening"),
        ("happen", "happened", "happening"),
        ("panic", "panicked", "panicking"),
        ("die", "died", "dying"),
        ("see", "seen", "seeing"),
    ],
)
def test_inflected_forms_follow_english_spelling(base: str, participle: str, gerund: str) -> None:
    assert F.participle(base) == participle
    assert F.gerund(base) == gerund


def test_word_tables_are_sorted_lists_without_repeats() -> None:
    import yaml

    from lintnews.checkers.agreement.words import _read

    for key, value in yaml.safe_load(_read("words.yaml")).items():
        if isinstance(value, list):
            assert value == sorted(set(value)), f"words.yaml: {key} is not sorted, or repeats a word"
    bases = [row[0] for row in W.IRREGULAR_VERBS]
    assert len(bases) == len(set(bases)), "irregular-verbs.tsv lists a verb twice"


@pytest.mark.parametrize(
    ("check", "text", "hit"),
    [
        ("subject-verb", "They was told to wait.", True),
        ("subject-verb", "He always arrive late.", True),
        ("verb-form", "The court did not ruled on it.", True),
        ("verb-form", "Costs are linked to increased demand.", False),
        ("det-noun", "These kind of attacks are rare.", True),
        ("det-noun", "Several officials spoke.", False),
        ("there-plural", "There was protests in the capital.", True),
        ("its-possessive", "The club sold it's stadium.", True),
        ("its-possessive", "I think it's fair.", False),
        ("gerund-after", "We look forward to see you.", True),
    ],
)
def test_prefilter(check: str, text: str, hit: bool) -> None:
    """The cheap patterns let through the sentences each check must see."""
    if hit:
        assert C.Prefilter(C.PREFILTERS[check]).admits(text)


@pytest.mark.parametrize(
    ("check", "text"),
    [
        ("subject-verb", "I was told to wait."),
        ("subject-verb", "She said that they are ready."),
        ("subject-verb", "He didn't say, and she wouldn't either."),
        ("det-noun", "It was a business decision."),
        ("det-noun", "Many people came."),
        ("its-possessive", "It's worth a try."),
        ("gerund-after", "It used to rain here."),
    ],
)
def test_prefilter_passes_over(check: str, text: str) -> None:
    """Shapes the check always lets pass are not parsed for it."""
    assert not C.Prefilter(C.PREFILTERS[check]).admits(text)


@pytest.mark.parametrize(
    ("check", "text"),
    [
        ("subject-verb", "I has a car."),
        ("subject-verb", "They was late."),
        ("subject-verb", "The minister are late."),
        ("subject-verb", "He go there."),
        ("det-noun", "These problem is old."),
        ("its-possessive", "The firm and it's workers agreed."),
        ("gerund-after", "She is used to work late."),
        ("gerund-after", "I'm used to wait."),
        ("gerund-after", "They got used to live there."),
    ],
)
def test_prefilter_still_finds(check: str, text: str) -> None:
    assert C.Prefilter(C.PREFILTERS[check]).admits(text)


# sentences each guarded cue must let through: a guard may only turn away what its pattern would
_GUARDED = [
    "She always have doubts about it.",
    "Everyone else were at the meeting.",
    "They said that he go home early.",
    "Somebody simply know the answer, and she want more.",
    "These reports is wrong.",
    "The ministers of state has resigned.",
    "The reports says nothing new.",
    "officials in the city says no.",
    "My friends in the city often calls me.",
    "The minister are late again.",
    "Each country, as agreed last year, were asked to pay.",
]


def _example_texts() -> list[str]:
    texts = list(_GUARDED)
    for rule in (r for p in load_packs(collect_pack_paths()) for r in p.rules if r.id.startswith("agreement.")):
        texts += [ex.text for ex in rule.bad] + list(rule.good)
    return texts


def test_guards_never_turn_away_what_their_pattern_finds() -> None:
    texts = _example_texts()
    guarded = 0
    for cues in C.PREFILTERS.values():
        for cue in cues:
            if cue.guard is None:
                continue
            guarded += 1
            pattern, guard = regex.compile(cue.pattern, regex.V0), regex.compile(cue.guard, regex.V0)
            found = [t for t in texts if pattern.search(t)]
            assert found, cue.pattern
            assert [t for t in found if not guard.search(t)] == []
    assert guarded >= 5


def test_prefilter_is_its_cues_joined() -> None:
    """Cues and guards change how fast a sentence is judged, never which sentences are parsed; the verb test
    only turns away what the cues find (and none of the examples)."""
    texts = [*_example_texts(), "The cat sat on the mat.", "It’s raining.", ""]
    for check, cues in C.PREFILTERS.items():
        joined = regex.compile("|".join(c.pattern for c in cues), regex.V0)
        pf = C.Prefilter(cues)
        assert [pf.admits(t) for t in texts] == [bool(joined.search(t)) for t in texts], check


@pytest.mark.skipif(not nlp.model_available(), reason="needs the spaCy model's lemma tables")
@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("The nine groups of products arrived at the port.", False),  # `products` is no verb, nor any after it
        ("The prices of bread rises again.", True),
        ("The stores of fitness clubs where members of the board is unknown.", True),  # a verb later: `is`
        ("One of the main mediators, for now.", False),
        ("One of the main mediators are here.", True),
    ],
)
def test_cue_needs_a_word_that_may_be_its_verb(text: str, parsed: bool) -> None:
    assert C.Prefilter(C.PREFILTERS["subject-verb"]).admits(text) is parsed


@pytest.mark.skipif(not nlp.model_available(), reason="needs the spaCy model's lemma tables")
@pytest.mark.parametrize(
    ("text", "parsed"),
    [
        ("The mayor pointed to negotiations with the unions.", False),  # no verb form after 'to'
        ("The talks led to casualties on both sides.", False),
        ("They wanted to discussed the plan.", True),
        ("The firm hopes to expands abroad.", True),  # `expands` may be VBZ
        ("Did the new rules worked?", True),  # after 'did' the cue's word need not be the verb
    ],
)
def test_verb_form_cue_after_to_needs_a_wrong_verb_form(text: str, parsed: bool) -> None:
    assert C.Prefilter(C.PREFILTERS["verb-form"]).admits(text) is parsed


def test_no_cue_matches_a_single_word() -> None:
    """Prefilter skips a sentence with no white space inside it: no cue may match one word alone."""
    words = {w for t in _example_texts() for w in t.split()} | {"".join(t.split()) for t in _example_texts()}
    for cues in C.PREFILTERS.values():
        for cue in cues:
            pattern = regex.compile(cue.pattern, regex.V0)
            assert [w for w in words if pattern.search(w)] == [], cue.pattern


def test_the_document_pass_keeps_every_sentence_a_cue_finds() -> None:
    """The cues possible in a whole document (their start anchors dropped) admit each of its sentences as the
    sentence alone would be admitted, where it starts in the middle of the text too."""
    texts = [t for t in _example_texts() if t.strip()]
    for check, cues in C.PREFILTERS.items():
        pf = C.Prefilter(cues)
        for t in texts:
            whole = "A quiet opening line.\n\n" + t
            assert pf.admits(t, pf.in_document(whole)) == pf.admits(t), (check, t)
        assert pf.in_document("# a\n" * 50) in (set(), None)


def test_cues_without_the_engine_admit_the_same() -> None:
    """Without hyperscan every cue is searched: the same sentences are admitted."""
    from unittest import mock

    texts = [*_example_texts(), "The cat sat on the mat.", "It’s raining.", "Both of them is here.", ""]
    for cues in C.PREFILTERS.values():
        pf = C.Prefilter(cues)
        selected = [pf.admits(t) for t in texts]
        with mock.patch("lintnews.speed.select.engine", return_value=None):
            assert [pf.admits(t) for t in texts] == selected


def _linter(prefix: str) -> Linter:
    rules = [r for p in load_packs(collect_pack_paths()) for r in p.rules if r.id.startswith(prefix)]
    return Linter(rules)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("text", "rule", "span"),
    [
        ("The officials says the road is closed.", "agreement.subject-verb", "says"),
        ("Have you went to the capital?", "agreement.verb-form", "went"),
        ("The ministry will announces a plan.", "agreement.verb-form", "announces"),
        ("There is many reasons to doubt it.", "agreement.there-plural", "There is many reasons"),
        ("The union and it's members agreed.", "agreement.its-possessive", "it's"),
        ("Me and my brother were detained.", "agreement.pronoun-case", "Me"),
    ],
)
def test_finds(text: str, rule: str, span: str) -> None:
    found = [f for f in _linter("agreement.").lint(make_document("t.txt", text)) if f.rule == rule]
    assert [text[f.offset : f.offset + f.length] for f in found] == [span]


@pytest.mark.slow
@pytest.mark.parametrize(
    "text",
    [
        "The police are investigating and the government has resigned.",
        "If he were elected, the committee insisted that he resign.",
        "She let me know; they had put it to a vote.",
        "A handful of activists are protesting and a group of farmers are blocking roads.",
        "It's time to go, and it's members who decide.",
        "The money is used to pay wages.",
    ],
)
def test_quiet_on_correct_text(text: str) -> None:
    assert _linter("agreement.").lint(make_document("t.txt", text)) == []


@pytest.mark.slow
def test_tentative_cases_are_info() -> None:
    found = _linter("agreement.det-noun").lint(
        make_document("t.txt", "He played a doubles match and these kind of games.")
    )
    assert found and all(f.severity.label == "info" for f in found)


@pytest.mark.slow
def test_sentence_and_paragraph_parses_do_not_collide() -> None:
    from lintnews.core import nlp
    from lintnews.core.document import Block

    doc = make_document("t.txt", "They was late. It rained.")
    para = doc.paragraphs[0]
    sent = doc.sentences[0]
    assert para.start == sent.start
    p_doc, s_doc = nlp.parse_blocks(doc, [para], True)[0], nlp.parse_blocks(doc, [sent], True)[0]
    assert p_doc.text == para.text and s_doc.text == sent.text
    assert isinstance(sent, Block)


def test_the_package_keeps_modules_and_functions_small() -> None:
    import ast
    from pathlib import Path

    import lintnews.checkers.agreement as package

    for path in Path(package.__file__).parent.glob("*.py"):
        source = path.read_text(encoding="utf-8")
        assert source.count("\n") < 400, f"{path.name} has grown past 400 lines: split it"
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.FunctionDef) and node.end_lineno is not None:
                assert node.end_lineno - node.lineno < 60, f"{path.name}: {node.name} is 60 lines or more"
