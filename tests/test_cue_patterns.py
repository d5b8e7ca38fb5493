"""The model rules' cue patterns rewritten to be cheaper find what the plain forms they replace find."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews.checkers import lone_capital as L
from lintnews.checkers.agreement import cues as C
from lintnews.checkers.misplaced_mark import checker as M
from lintnews.checkers.repetition import _normal_forms, _tokenise

# the plain forms: each lookbehind first, searched from the start of the text
PLAIN_MARK = re.compile(r"(?<=[^\W\d_])([,;:])[ \t]+(?=[^\W\d_])")
PLAIN_ARTICLE_PERIOD = re.compile(r"(?<![\w.'’&-])(a|an|the|The|An)\.(?![\w.])")
PLAIN_FINAL = re.compile(r"""[.!?][”"’'»)\]]*\s*$""")
PLAIN_LONE = re.compile(r"(?<=[a-z][ \t])([A-Z][a-z]+)(?=[ \t]+[a-z])")
PLAIN_MID = re.compile(r"(?:(?<=[^\W\d_][ \t])|(?<=[^\W\d_],[ \t]))([A-Z][a-z]+)(?![\w’'-])")

# the characters the patterns turn on, in every role (a letter of each case, marks, spaces, closers, a sigma)
texts = st.text(alphabet="aanthe TAZq.,;:’'&-\t\n\u20281é”»)]!?ΣσİI", max_size=40)


def _spans(pattern: re.Pattern[str], text: str) -> list[tuple[tuple[int, int], tuple[str | None, ...]]]:
    return [(m.span(), m.groups()) for m in pattern.finditer(text)]


@settings(max_examples=3000)
@given(texts)
def test_misplaced_mark_patterns(text: str) -> None:
    assert _spans(M._MARK, text) == _spans(PLAIN_MARK, text)
    assert _spans(M._ARTICLE_PERIOD, text) == _spans(PLAIN_ARTICLE_PERIOD, text)
    assert M._final(text) == bool(PLAIN_FINAL.search(text))
    plain = M._FUNCTION_WORD_END.search(text)
    found = M._function_word_end(text)
    assert (found and found.span()) == (plain and plain.span())


@given(st.text(alphabet="abc .", max_size=5), st.integers(0, 200), st.sampled_from(["", "\n", " ", "x"]))
def test_function_word_end_on_long_words(head: str, length: int, tail: str) -> None:
    """A word at the end longer than the window searched first is found by the whole search."""
    text = head + " " + "q" * length + "." + tail
    plain = M._FUNCTION_WORD_END.search(text)
    found = M._function_word_end(text)
    assert (found and found.span()) == (plain and plain.span())


@settings(max_examples=3000)
@given(texts)
def test_lone_capital_patterns(text: str) -> None:
    assert _spans(L._LONE, text) == _spans(PLAIN_LONE, text)
    assert _spans(L._MID, text) == _spans(PLAIN_MID, text)


@settings(max_examples=3000)
@given(texts)
def test_repetition_normal_forms(text: str) -> None:
    words = list(_tokenise(text)[0].texts)
    plain = [w.lower()[:-2] if w.lower().endswith(("'s", "’s")) else w.lower() for w in words]
    assert (_normal_forms(words) if words else []) == plain


def _sentences() -> list[str]:
    out = ["They goes home.", "He have left, and she were there.", "These book is old.", "It's plan works."]
    for check in C.PREFILTERS:
        out += [f"Yesterday {t.lower()}" for t in out[:4]] + [check.replace("-", " ") + " is a word"]
    return out


def test_agreement_one_scan_admits_what_each_sentence_alone_does() -> None:
    """Prefilter.admitted, from one scan of all the sentences for every check's cues (or its own), admits what
    admits does sentence by sentence."""
    texts = list(dict.fromkeys(_sentences()))
    scan = C.SentenceScan([*texts, "an extra sentence the scan holds"])
    for check, cues in C.PREFILTERS.items():
        pf = C.Prefilter(cues)
        alone = [pf.admits(t) for t in texts]
        assert pf.admitted(texts, scan=scan) == alone, check
        assert pf.admitted(texts) == alone, check
        assert C.Prefilter(tuple(list(cues))).admitted(texts) == alone, check  # not one of PREFILTERS: own scan
    assert any(C.Prefilter(C.PREFILTERS["subject-verb"]).admitted(texts))
