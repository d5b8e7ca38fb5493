"""The run-together checker: joins found and split right, names, brands and code left alone."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from lintnews.core import lexicon
from lintnews.core.findings import Applicability, Finding, Severity
from lintnews.core.sources import make_document
from lintnews.engine.lint import Linter
from lintnews.rules.rulepack import Rule, collect_pack_paths, load_packs


def _rule() -> Rule:
    rules = [r for p in load_packs(collect_pack_paths()) for r in p.rules if r.kind == "run-together"]
    assert rules, "the run-together pack is missing"
    return rules[0]


LINTER = Linter([_rule()])


def lint(text: str) -> list[Finding]:
    return [f for f in LINTER.lint(make_document("t.txt", text)) if f.category == "run-together"]


def only(text: str) -> Finding:
    found = lint(text)
    assert len(found) == 1, [f"{text[f.offset : f.end]!r}" for f in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "span", "fixed"),
    [
        # a proper noun glued to a relative pronoun gets its comma back
        ("Aid reached Mosulwhich had been cut off.", "Mosulwhich", "Mosul, which"),
        ("Voters in Ohiowho backed him stayed home.", "Ohiowho", "Ohio, who"),
        # lower-case word + capitalised name: a plain space
        ("the head of the border policeAndrea Costa spoke.", "policeAndrea", "police Andrea"),
        # lower-case word + capitalised function word: a lost sentence boundary
        ("The vote was delayedThe court will rule on Monday.", "delayedThe", "delayed. The"),
        ("Troops moved towards LimaIn the north, fighting went on.", "LimaIn", "Lima. In"),
        # no case change: two common words, or a frequent typo of two function words
        ("A ceasefire ended thefighting last week.", "thefighting", "the fighting"),
        ("The minister spoke ofthe crisis.", "ofthe", "of the"),
        ("It was the largest march inthis century.", "inthis", "in this"),
        # a word wordfreq lacks but the article uses on its own counts as a word
        ("Kowalczykova spoke. Later Kowalczykovawhich was odd.", "Kowalczykovawhich", "Kowalczykova, which"),
        # an acronym after a common word
        ("Delegates to theOSCE met in Vienna.", "theOSCE", "the OSCE"),
        # a title glued to a name wordfreq need not know
        ("Later PresidentZelenskyy spoke.", "PresidentZelenskyy", "President Zelenskyy"),
        # a function word glued to a name wordfreq need not know
        ("Rain hit Valencia andCastellón overnight.", "andCastellón", "and Castellón"),
    ],
)
def test_join_is_found_and_split(text: str, span: str, fixed: str) -> None:
    f = only(text)
    assert text[f.offset : f.end] == span
    assert f.suggestions[0] == fixed
    assert f.fix is not None and f.fix.edits[0].replacement == fixed


@pytest.mark.parametrize(
    "text",
    [
        # brands, names and particles written with an inner capital
        "Apple sold more iPhones and iPads than eBay sold phones.",
        "Reports on YouTube and PayPal, and a McDonald's in LaGuardia.",
        "Senator McGurk met DeSantis and MacArthur's heirs in DuPont Circle.",
        "TheHill and TheStreet ran the story.",
        "The firm inVentiv Health and the app eDreams merged.",
        "The drug uses mRNA, measured in kWh, and macOS runs it.",
        # not prose: handles, hashtags, addresses, code
        "Write to tips@newsroomexample.org or @PressDesk, tag #VoteTwiceNever.",
        "See https://example.com/worldNews/latestStory for more.",
        "Call getElementById or parseJsonString in the script.",
        "The file my_variable_name is in the repo.",
        # hyphenated words and words broken at a line end
        "A well-known long-standing pro-government group.",
        "The govern-ment met on Tuesday.",
        # prefixes, inflections and misspellings are one word, not two
        "They will upsample the data and subdivide it.",
        "Its linkings were clear, but the plan was modifed.",
        # a name the article repeats is meant as written
        "Mr Kovalenkobar spoke first. Kovalenkobar then left.",
        # ordinary text
        "The president said on Tuesday that the talks in Cairo would resume.",
    ],
)
def test_not_flagged(text: str) -> None:
    assert lint(text) == [], [text[f.offset : f.end] for f in lint(text)]


@pytest.mark.parametrize(
    ("text", "span", "fixed"),
    [
        ("The plan was approved,which surprised many.", "approved,which", "approved, which"),
        ("Prices rose;however wages did not.", "rose;however", "rose; however"),
        ("The strike began on June 3,2021 in the port.", "3,2021", "3, 2021"),
        ("A study (Okafor,2019) found the same.", "Okafor,2019", "Okafor, 2019"),
        ("Talks resumed in Washington,D.C. on Monday.", "Washington,D.", "Washington, D."),
        ("Results appear in Table 2:Turnout by region.", "2:Turnout", "2: Turnout"),
        ("The agency(Reuters) said so.", "agency(Reuters", "agency (Reuters"),
        ("The Palestinian Authority (PA)said so.", "(PA)said", "(PA) said"),
        ("At least 30soldiers were hurt.", "30soldiers", "30 soldiers"),
        ("The strike ended on September12 after talks.", "September12", "September 12"),
        ("Fighting resumed in2020 near the border.", "in2020", "in 2020"),
        ("He listed 3points. 4The last one was new.", "4The", "4 The"),
        ("The WHOand its partners met.", "WHOand", "WHO and"),
    ],
)
def test_join_at_punctuation_or_digits(text: str, span: str, fixed: str) -> None:
    found = [f for f in lint(text) if text[f.offset : f.end] == span]
    assert found, [text[f.offset : f.end] for f in lint(text)]
    assert found[0].suggestions[0] == fixed


@pytest.mark.parametrize(
    "text",
    [
        "It cost 1,000 dollars, or 1,5 million pesos in the old notation.",
        "Flights at 10:30 and 14:45, a ratio of 3:1, John 3:16.",
        "The G20, COVID19, 5G, 10km, 3rd, 1980s, 5bn and 24h are fine.",
        "Use f(x), item(s), (s)he and (multi)media as written.",
        "The fields (ID,NAME,AGE) and TL;DR stay.",
        "Buy a 4Runner and a 1Password licence.",
        "The club paid £38million for him, and 5mins later 100mbps were gone.",
    ],
)
def test_punctuation_and_digits_not_flagged(text: str) -> None:
    assert lint(text) == [], [text[f.offset : f.end] for f in lint(text)]


def test_function_word_pair_fix_is_safe_and_others_unsafe() -> None:
    assert only("He lives inthe capital.").fix is not None
    safe = only("He lives inthe capital.").fix
    assert safe is not None and safe.applicability is Applicability.SAFE
    risky = only("Rain fell in the harbourThe storm moved east.").fix
    assert risky is not None and risky.applicability is Applicability.UNSAFE


def test_pascal_case_of_two_content_words_is_only_information() -> None:
    # a brand (BundleHunt) or a lost space in a title (InformationRetrieval): both are shown, as info
    f = only("Papers on InformationRetrieval were read.")
    assert f.severity is Severity.INFO
    assert only("Rain fell in the harbourThe storm moved east.").severity is Severity.WARNING


@pytest.mark.parametrize("brand", ["easyHotel", "smartTrade", "moneyLion"])
def test_camel_case_brand_on_a_short_content_word_is_only_information(brand: str) -> None:
    # a short lower-case content word before a common word the article never writes alone: a brand
    assert only(f"Shares of {brand} rose sharply on Monday.").severity is Severity.INFO


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Tables are listed in theInput section.", "theInput"),  # after a function word
        ("He thanked the emergency servicesDavid Lopez said.", "servicesDavid"),  # after a longer word
        ("Hotel prices rose, and the easyHotel chain grew.", "easyHotel"),  # its second part stands alone too
    ],
)
def test_camel_case_join_stays_a_warning(text: str, span: str) -> None:
    f = only(text)
    assert text[f.offset : f.end] == span and f.severity is Severity.WARNING


def test_lexicon() -> None:
    assert lexicon.is_known("Netanyahu")
    assert lexicon.is_known("rafah")
    assert not lexicon.is_known("gazawhich")
    assert lexicon.zipf("the") > 7 > lexicon.zipf("police") > lexicon.zipf("Barnea") > 0
    # accented words go through wordfreq's own normalisation
    assert lexicon.zipf("Sánchez") > 0


_ALPHABET = "abcdeinostThWAO019 ,.;:()-'’éñ\n"


def _only_inserts_space_and_stop(original: str, replacement: str) -> bool:
    """Is `replacement` `original` with spaces and at most one comma or period put in?"""
    a, b = original.replace(" ", ""), replacement.replace(" ", "")
    if a == b:
        return True
    return len(b) == len(a) + 1 and any(b[i] in ",." and b[:i] + b[i + 1 :] == a for i in range(len(b)))


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=_ALPHABET, max_size=80))
def test_fixes_only_put_back_spaces_and_punctuation(text: str) -> None:
    for f in lint(text):
        assert 0 <= f.offset < f.end <= len(text)
        assert f.fix is not None
        (edit,) = f.fix.edits
        original = text[edit.offset : edit.end]
        assert edit.replacement != original
        assert _only_inserts_space_and_stop(original, edit.replacement), (original, edit.replacement)


@pytest.mark.parametrize(
    ("original", "replacement", "ok"),
    [
        ("Gazawhich", "Gaza, which", True),
        ("younisOne", "younis. One", True),
        ("inthe", "in the", True),
        ("inthe", "in a", False),
        ("ab", "a;b", False),
    ],
)
def test_insert_only_helper(original: str, replacement: str, ok: bool) -> None:
    assert _only_inserts_space_and_stop(original, replacement) is ok


def test_lexicon_reads_wordfreq_table_without_the_package() -> None:
    import subprocess
    import sys

    # the table is wordfreq's own, value for value...
    from wordfreq import zipf_frequency

    from lintnews.core.lexicon import zipf

    for w in ("the", "Netanyahu", "barnea", "rafah", "escalation", "inthe", "gazawhich", "Mossad"):
        assert zipf(w) == zipf_frequency(w, "en"), w
    # ...and reading it does not import the wordfreq package (its import costs more than the table)
    code = "import sys; from lintnews.core.lexicon import zipf; zipf('rafah'); print('wordfreq' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
