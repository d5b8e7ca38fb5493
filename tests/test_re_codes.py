"""core/re_codes: kept `re` patterns are the ones re.compile makes, and the model tokenizes as before with them."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from lintnews.core import re_codes
from lintnews.speed import cache

PATTERNS: list[tuple[str | bytes, int]] = [
    (r"(?P<word>\w+)-(?P=word)", 0),
    (r"^\s*(?:Mr|Mrs|Dr)\.\s+(?P<name>[A-Z]\w+)", re.MULTILINE),
    (r"colou?r  # a comment\n | grey", re.IGNORECASE | re.VERBOSE),
    (r"[\u00c0-\u024f]+(?=\d)|(?<![a-z])x{2,5}?", 0),
    (rb"\x00[\x01-\x7f]*?\xff", 0),
    (r"(a)|(b)(?(2)c|d)", re.ASCII),
]
TEXTS = ["Gaza-Gaza", "  Dr. Smith\nMr. Jones", "COLOUR grey", "àé9 xxx", "a bd bc"]


def _fresh(pattern: str | bytes, flags: int) -> re.Pattern[str] | re.Pattern[bytes]:
    re.purge()
    return re.compile(pattern, flags)


def _recorded() -> list[re_codes.Entry]:
    re.purge()
    made, entries = re_codes.recorded(lambda: [re.compile(p, f) for p, f in PATTERNS])
    assert len(made) == len(PATTERNS)
    return entries


def test_recorded_keeps_each_pattern_compiled_meanwhile_and_only_those() -> None:
    re.purge()
    re.compile("compiled before")
    _, entries = re_codes.recorded(lambda: [re.compile("compiled before"), *(re.compile(p, f) for p, f in PATTERNS)])
    assert sorted((e[0], e[1]) for e in entries if isinstance(e[0], str)) == sorted(
        (p, f) for p, f in PATTERNS if isinstance(p, str)
    )
    assert any(e[0] == PATTERNS[4][0] for e in entries)


def test_preloaded_patterns_are_the_ones_re_compiles_and_re_compile_returns_them() -> None:
    entries = _recorded()
    re.purge()
    assert re_codes.preload(entries) == len(PATTERNS)
    for pattern, flags in PATTERNS:
        got = re.compile(pattern, flags)
        fresh = _fresh(pattern, flags)
        assert got is not fresh and got == fresh
        assert (got.flags, got.groups, dict(got.groupindex)) == (fresh.flags, fresh.groups, dict(fresh.groupindex))
        for text in TEXTS:
            subject = text.encode("latin-1", "replace") if isinstance(pattern, bytes) else text
            assert [m.span() for m in got.finditer(subject)] == [m.span() for m in fresh.finditer(subject)]  # type: ignore[arg-type]


def test_a_damaged_entry_is_left_to_re_compile() -> None:
    good, *_ = _recorded()
    damaged = (good[0], good[1], good[2], [1, 2, 3], good[4], good[5], good[6])
    re.purge()
    assert re_codes.preload([damaged]) == 0
    assert re.compile(good[0], good[1]) == _fresh(good[0], good[1])


def test_kept_stores_the_first_runs_patterns_and_preloads_them_next(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(cache, "_CHOSEN", [tmp_path])
    source = tmp_path / "source.py"
    source.write_text("# a package's file\n")
    calls: list[int] = []
    keys = [(type(p), p, f) for p, f in PATTERNS]

    def make() -> int:
        calls.append(sum(key in re._cache for key in keys))  # type: ignore[attr-defined]
        for p, f in PATTERNS:
            re.compile(p, f)
        return 7

    re.purge()
    assert re_codes.kept("test-patterns", source, make) == 7
    assert calls == [0] and len(list((tmp_path / "lexicon").glob("test-patterns-*"))) == 1
    re.purge()
    assert re_codes.kept("test-patterns", source, make) == 7
    assert calls == [0, len(PATTERNS)]  # the second make() found them in re's cache
    source.write_text("# reinstalled: another size\n")
    re.purge()
    re_codes.kept("test-patterns", source, make)
    assert calls[-1] == 0


_TOKENS = r"""
import json, re, sys
from pathlib import Path
import re._compiler as compiler
calls = []
real = compiler.compile
compiler.compile = lambda *a, **k: calls.append(1) or real(*a, **k)
from lintnews.core import nlp
if sys.argv[1] == "usual":
    import spacy
    model = spacy.load(nlp.MODEL_NAME, exclude=list(nlp.EXCLUDED_PIPES))
else:
    model = nlp.model()
texts = json.loads(sys.stdin.read())
full = [[(t.text, t.whitespace_, t.tag_, t.dep_, t.head.i, t.lemma_) for t in d] for d in model.pipe(texts[:8])]
tokens = [[(t.text, t.whitespace_, t.is_space) for t in model.tokenizer(x)] for x in texts]
print(json.dumps({"full": full, "tokens": tokens, "compiled": len(calls)}))
"""

MY_TEXTS = [
    "U.S. officials didn't say e-mail@x.org costs $5.5bn (approx.), y'know?",
    'The minister said:"we will not retreat"...and left at 3p.m. on Jan. 5th,2024.',
    "Visit https://example.com/a?b=c&d=e or call +1 (555) 010-9999 -- ok?!",
    "He'd've gone; she'll go. Isn't it?  Dr.Smith's co-op (est. 1999) won't.",
    "Prices rose 12%-15% y/y; the €3.2bn deal vs. £1bn: 'final'.\n\nNext paragraph\twith a tab.",
    "Don't ya know, 'tis the 1990s' end — said the A.B.C. spokes-person.",
    "中国 officials met in Beijing:the talks “went well”,said Xinhua.",
    "e.g. i.e. etc. Mt. St. Helens, Ala., Calif. and N.Y.C. at 10:30a.m.",
]


@pytest.mark.slow
def test_the_model_tokenizes_and_tags_as_the_usual_load_with_and_without_kept_patterns(tmp_path: Path) -> None:
    """Three fresh processes: spacy.load as usual, lintnews' first load (storing the patterns), its second (using
    them): the same tokens of texts written here and of corpus/, the same tags, heads and lemmas."""
    corpus = Path(__file__).resolve().parents[1] / "corpus"
    texts = MY_TEXTS + [p.read_text(encoding="utf-8") for p in sorted(corpus.rglob("*.txt"))]
    env = dict(os.environ, LINTNEWS_CACHE_DIR=str(tmp_path))

    def run(how: str) -> dict[str, object]:
        out = subprocess.run(
            [sys.executable, "-c", _TOKENS, how],
            input=json.dumps(texts),
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        assert out.returncode == 0, out.stderr
        result: dict[str, object] = json.loads(out.stdout)
        return result

    usual, first, second = run("usual"), run("lintnews"), run("lintnews")
    assert list((tmp_path / "lexicon").glob("spacy-model-patterns-*"))
    assert usual["tokens"] == first["tokens"] == second["tokens"]
    assert usual["full"] == first["full"] == second["full"]
    assert isinstance(second["compiled"], int) and isinstance(first["compiled"], int)
    assert second["compiled"] < first["compiled"] / 4  # the second load compiled (nearly) nothing
