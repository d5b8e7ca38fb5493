"""The shortcuts of the rules' CPU work (issue 22) give what the long way gives."""

from __future__ import annotations

from pathlib import Path

from lintnews.checkers.boilerplate.lines import _WORD, content_words, words_of
from lintnews.checkers.consistency.names import sentence_initial
from lintnews.checkers.consistency.token_forms import token_forms
from lintnews.checkers.untranslated import Judgement, UntranslatedChecker
from lintnews.core.config import resolve
from lintnews.core.document import Document
from lintnews.core.lexicon import english, zipf
from lintnews.core.sources import make_document
from lintnews.engine.ruleset import make_linter


def test_digitless_tokens_keep_wordfreqs_arithmetic() -> None:
    # a token without digits takes the short path; with a run of digits, the long one
    for word in ("hospital", "covid-19", "g20", "1990s", "well-known"):
        english._ZIPF_MEMO.clear()
        tokens = english._plain_tokens(word)
        assert tokens is not None
        from wordfreq import zipf_frequency

        assert english._zipf_of_tokens(tokens) == zipf_frequency(word, "en")


def _doc(text: str) -> Document:
    return make_document("t.txt", text)


def test_token_forms_record_the_sentence_initial_occurrences() -> None:
    text = "Sanchez spoke. Then Sanchez left.\nSanchez and Lula met Sanchez today.\n"
    forms = token_forms(_doc(text))
    for tf in forms.values():
        starts = {o.start for o in tf.occurrences}
        assert tf.initial == {s for s in starts if sentence_initial(text, s)}
        assert tf.mid == len(starts - tf.initial)
    assert len(forms["Sanchez"].initial) == 2 and forms["Sanchez"].mid == 2


def _untranslated() -> UntranslatedChecker:
    linter = make_linter(resolve(None, Path.cwd()))
    checker = next(c for c in linter.checkers if c.kind == "untranslated")
    assert isinstance(checker, UntranslatedChecker)
    return checker


def test_an_unclaimed_word_is_judged_without_the_dictionary() -> None:
    checker = _untranslated()
    got = checker.judge("hospital")
    assert got == Judgement(zipf("hospital"), frozenset(), False, False, 0.0)
    # a floor at or below 0.2 can be reached by a best Zipf of 0: the full judgement runs, and agrees here
    checker.opts = {**checker.opts, "min_source_zipf": 0.1}
    checker._memo.clear()
    full = checker.judge("hospital")
    assert full.langs == frozenset() and full.english == got.english
    claimed = _untranslated().judge("prefeitura")
    assert claimed.langs and claimed.strong


def test_words_of_strips_each_word_once_and_drops_the_empty() -> None:
    for text in ("U.S. officials' ‘talks’ -- 3.5% of co-op", "'.-' a.", "", "Don’t miss: Follow us on X"):
        want = tuple(w.strip(".'’-") for w in _WORD.findall(text) if w.strip(".'’-"))
        assert words_of(text) == want
        lowered = [x.lower() for x in want]
        assert content_words(text) == frozenset(w for w in lowered if len(w) >= 3 and w.isalpha() and zipf(w) < 5.0)
