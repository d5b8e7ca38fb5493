"""Consistency rules: name variants in one article, across the files of a run, and names in lower case."""

from __future__ import annotations

import regex
from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews.checkers.consistency.lowercase import _LOWER_PAIR, _lower_pairs_from
from lintnews.checkers.consistency.names import _INITIAL_BEFORE, sentence_initial, title_case
from lintnews.checkers.consistency.token_forms import _CAP_TOKEN, cap_tokens
from lintnews.checkers.consistency.words import fold, one_inner_edit, skeleton, variants
from lintnews.core.findings import Severity
from lintnews.core.sources import make_document
from lintnews.engine.lint import Linter
from lintnews.rules.rulepack import collect_pack_paths, load_packs

RULES = {r.id: r for p in load_packs(collect_pack_paths()) for r in p.rules if r.id.startswith("consistency.")}


def test_skeleton_joins_transliterations_but_not_different_names() -> None:
    assert skeleton("Younis") == skeleton("Yunis")
    assert variants("Mohammed", "Mohamed")
    assert not variants("Iran", "Iraq")
    assert not variants("Maria", "Mario")


def test_cross_document_spelling_prefers_the_canonical_name() -> None:
    linter = Linter([RULES["consistency.name-spelling"]])
    docs = [
        make_document("a.txt", "The envoy met Anthony Blinken on Monday in Rome."),
        make_document("b.txt", "Later, Antony Blinken flew to Ankara for talks."),
    ]
    results = linter.lint_corpus(docs)
    assert results["b.txt"] == []
    [finding] = results["a.txt"]
    assert finding.suggestions == ("Antony Blinken",)
    assert finding.severity == Severity.WARNING


def test_cross_document_unknown_names_are_only_a_note() -> None:
    linter = Linter([RULES["consistency.name-spelling"]])
    docs = [
        make_document("a.txt", "Villagers met Yusuf Karimov on Monday."),
        make_document("b.txt", "Later, Yousuf Karimov flew home."),
    ]
    findings = [f for fs in linter.lint_corpus(docs).values() for f in fs]
    assert [f.severity for f in findings] == [Severity.INFO]


def test_particle_variant_is_reported_once_with_the_hyphenated_form() -> None:
    linter = Linter([RULES["consistency.arabic-article"]])
    text = "President Abdel Fattah el Sisi spoke. Later, Abdel Fattah al-Sisi met the envoy."
    [finding] = linter.lint(make_document("x.txt", text))
    assert text[finding.offset : finding.end] == "el Sisi"
    assert finding.suggestions == ("al-Sisi",)


def test_lowercase_copy_of_a_name_even_when_run_together() -> None:
    linter = Linter([RULES["consistency.lowercase-name"]])
    text = "Fighting went on in Deir Balah. Troops reached deir balahThe next day more came."
    [finding] = linter.lint(make_document("x.txt", text))
    assert text[finding.offset : finding.end] == "deir balah"


def test_lowercase_copy_of_a_two_word_name_is_reported_once() -> None:
    linter = Linter([RULES["consistency.lowercase-name"]])
    text = "Shelling hit Khan Younis again. Residents of khan younis fled south."
    findings = linter.lint(make_document("x.txt", text))
    assert [text[f.offset : f.end] for f in findings] == ["khan younis"]


def test_ordinary_phrases_in_headlines_are_not_names() -> None:
    linter = Linter([RULES["consistency.lowercase-name"]])
    text = "Wireless Charging Pads Compared\n\nA wireless charging pad is handy, said the reviewer."
    assert linter.lint(make_document("x.txt", text)) == []


def test_one_inner_edit_leaves_plurals_demonyms_and_genders_alone() -> None:
    assert one_inner_edit("Kestelli", "Kesteli")
    assert one_inner_edit("Varejo", "Vareho")
    assert not one_inner_edit("Democrat", "Democrats")
    assert not one_inner_edit("Kenya", "Kenyan")
    assert not one_inner_edit("Mario", "Maria")
    assert not one_inner_edit("Carl", "Karl")
    assert fold("Lázaro") == "Lazaro"


def spelling(text: str) -> list[tuple[str, tuple[str, ...]]]:
    linter = Linter([RULES["consistency.name-spelling"]])
    return [(text[f.offset : f.end], f.suggestions) for f in linter.lint(make_document("x.txt", text))]


def test_the_first_mention_wins_a_tie_and_a_clear_majority_wins_otherwise() -> None:
    text = "Mayor Amadou Dialo spoke first. Later Diallo, Diallo and Diallo left."
    assert spelling(text) == [("Dialo", ("Diallo",))]
    assert spelling("Ines Pérez arrived. Then Ines Perez spoke.") == [("Perez", ("Pérez",))]


def test_two_people_with_near_spellings_are_not_one_name() -> None:
    assert spelling("Tomas Kestelli met Anna Kesteli in Turin.") == []
    assert spelling("The AP said the PA had refused.") == []


def test_a_name_glued_to_the_next_word_still_counts_as_evidence() -> None:
    text = "The jury led by Petra Vonderbeckand others met. Petra Vonderbeck spoke, then Vonderbek left."
    assert spelling(text) == [("Vonderbek", ("Vonderbeck",))]


def test_lowercase_acronym_and_capitalised_name() -> None:
    linter = Linter([RULES["consistency.lowercase-name"]])
    text = "Data from ISTAT and the Region of Molise came out. The istat figures for molise were low."
    found = [text[f.offset : f.end] for f in linter.lint(make_document("x.txt", text))]
    assert found == ["istat", "molise"]
    # a word capitalised only to start a sentence, and a common word, say nothing
    text = "Bitter cold hit the north. The cold was bitter, and turkey prices rose in Turkey."
    assert linter.lint(make_document("x.txt", text)) == []


# --- the faster scans find exactly what the patterns they replace find ---------------------------------------

# capitals and lower case (accented too), marks, digits, joiners and the punctuation the patterns test
_SCAN_ALPHABET = "aeAEÉéÑñßİıǅx1_ \n-.,’'@#/&=:;!?\"“(•—\u0301\u200d"


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_SCAN_ALPHABET, max_size=60))
def test_cap_tokens_equal_the_pattern(text: str) -> None:
    assert [m.span() for m in cap_tokens(text)] == [m.span() for m in _CAP_TOKEN.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=_SCAN_ALPHABET, max_size=40), st.text(alphabet="abcNÉ", min_size=1, max_size=3))
def test_lower_pairs_from_equal_the_overlapped_scan(text: str, first: str) -> None:
    firsts = {first, "ab", "é"}
    expected = [m.span() for m in _LOWER_PAIR.finditer(text, overlapped=True) if m.group("a") in firsts]
    assert [m.span() for m in _lower_pairs_from(text, firsts)] == expected


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=_SCAN_ALPHABET, max_size=20))
def test_sentence_initial_equals_the_pattern(text: str) -> None:
    for start in range(len(text) + 1):
        assert sentence_initial(text, start) == (_INITIAL_BEFORE.search(text, max(0, start - 6), start) is not None)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="abcXY \n.!", max_size=40))
def test_title_case_counts_the_words_starting_with_a_capital(text: str) -> None:
    words = [w for w in regex.findall(r"\w+", text) if w[:1].isalpha()]
    assert title_case(text) == (len(words) > 1 and sum(w[:1].isupper() for w in words) / len(words) > 0.5)


def test_scans_on_a_sample_article() -> None:
    text = "Al-Sisi met Khan Younis officials. In khan younis, the OpenAI team and IBGE met jean-pierre.\n"
    assert [m.group() for m in cap_tokens(text)] == ["Khan", "Younis", "In", "OpenAI", "IBGE"]
    assert [m.group() for m in _lower_pairs_from(text, ["khan"])] == ["khan younis"]
    assert fold("Sánchez") == "Sanchez" and fold("Sanchez") == "Sanchez"
