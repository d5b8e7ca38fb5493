"""The tags a word may take by a lexicon (closed classes, the spaCy model's lemma tables), before any tagging."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from ..core.lexicon import cached_value

# The closed classes: the tags the tagger gives these words, in any context (a word may have several). A word
# not listed is an open-class word, whose tags the model's lemma tables tell (possible_tags below); WordNet lists many
# of these as nouns too (`in`: inch, `who`: the WHO, `he`: helium), which the tagger never reads them as.
_CLOSED_BY_TAG = {
    "DT": "the a an this that these those some any all each every another no both either neither half",
    "PDT": "all both half such",
    "PRP": "i you he she it we they me him her us them one myself yourself himself herself itself ourselves themselves",
    "PRP$": "my your his her its our their",
    "WDT": "which that whatever whichever what",
    "WP": "who whom what whoever whatever",
    "WP$": "whose",
    "WRB": "where when why how whenever wherever however",
    "CC": "and or but nor yet so plus either neither",
    "IN": "of in on at for with from by into onto upon during between among amid amongst about against through "
    "throughout over under after before since until till while whilst although though because if unless whether "
    "as than that like despite toward towards without within via across along around behind beyond near off per "
    "up down out outside inside below above beneath besides except so whereas to",
    "RB": "not never so as there however then about over around up down out off in on along across behind before "
    "after since near outside inside below above yet too very also once",
    "RP": "up down out off over in on around about along away back through",
    "EX": "there",
    "TO": "to",
    "MD": "can could will would shall should may might must",
    "CD": "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
    "seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million "
    "billion trillion dozen",
    # nouns and verbs among the closed words (`the will`, `a can`, `like it`, `a million`, `one`)
    "NN": "will can must one like half dozen hundred thousand million billion trillion",
    "NNS": "hundreds thousands millions billions dozens",
    # the auxiliaries `be`, `have` and `do` are a closed class too
    "VB": "like will be have do",
    "VBP": "like am are have do",
    "VBZ": "is has does",
    "VBD": "was were had did",
    "VBN": "been had done",
    "VBG": "being having doing",
    "JJ": "like near such",
}
# the quantifiers: determiners, adjectives, adverbs and pronouns by turns (`many, people`, `much, more`)
_QUANTIFIERS = "many much few little less least more most several enough"
for _tag in ("DT", "PDT", "JJ", "JJR", "JJS", "RB", "RBR", "RBS"):
    _CLOSED_BY_TAG[_tag] = (_CLOSED_BY_TAG.get(_tag, "") + " " + _QUANTIFIERS).strip()


def _closed() -> dict[str, frozenset[str]]:
    out: dict[str, set[str]] = {}
    for tag, words in _CLOSED_BY_TAG.items():
        for w in words.split():
            out.setdefault(w, set()).add(tag)
    return {w: frozenset(tags) for w, tags in out.items()}


CLOSED = _closed()


def _model_lookups() -> Path | None:
    import importlib.util

    from ..core.nlp import MODEL_NAME

    spec = importlib.util.find_spec(MODEL_NAME)
    if spec is None or not spec.submodule_search_locations:
        return None
    root = Path(next(iter(spec.submodule_search_locations)))
    found = sorted(root.glob("*/lemmatizer/lookups/lookups.bin"))
    return found[0] if found else None


def _read_lexicon(path: Path) -> dict[str, Any]:
    """The spaCy model's lemmatizer tables as word classes: verb, noun, adjective and adverb base forms, irregular
    verb and noun forms."""
    import msgpack
    from spacy.strings import get_string_id

    try:
        tables = msgpack.unpackb(path.read_bytes(), raw=False, strict_map_key=False)
        index = tables["lemma_index"]
        exc = tables["lemma_exc"]
    except (OSError, ValueError, KeyError) as e:
        raise ValueError(f"{path}: not a spaCy lookups table ({e})") from None
    verb, noun = get_string_id("verb"), get_string_id("noun")
    return {
        "verbs": sorted(w for w in index.get(verb, []) if w.isalpha()),
        "nouns": sorted(w for w in index.get(noun, []) if w.isalpha()),
        "verb_forms": sorted(w for w in exc.get(verb, {}) if w.isalpha()),
        "adjectives": sorted(w for w in index.get(get_string_id("adj"), []) if w.isalpha()),
        "adverbs": sorted(w for w in index.get(get_string_id("adv"), []) if w.isalpha()),
        "noun_forms": sorted(w for w in exc.get(noun, {}) if w.isalpha()),
    }


def verb_lexicon() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(verb base forms, noun base forms, irregular verb forms) from the spaCy model's lemmatizer data, cached."""
    return _lexicon("verbs"), _lexicon("nouns"), _lexicon("verb_forms")


def adjective_lexicon() -> frozenset[str]:
    """Adjective base forms from the same tables."""
    return _lexicon("adjectives")


def adverb_lexicon() -> frozenset[str]:
    """Adverbs from the same tables."""
    return _lexicon("adverbs")


def noun_form_lexicon() -> frozenset[str]:
    """Irregular noun forms (`children`, `fishermen`) from the same tables."""
    return _lexicon("noun_forms")


@cache
def _lexicon(name: str) -> frozenset[str]:
    """One word class of the model's tables; empty without the model."""
    path = _model_lookups()
    return frozenset() if path is None else frozenset(_word_classes(path)[name])


@cache  # read once for the four lexicons: 6 ms a read
def _word_classes(path: Path) -> dict[str, Any]:
    # v3: the adverbs and irregular noun forms were added; a table cached by an older version lacks them
    data: dict[str, Any] = cached_value("spacy-word-classes-v3", path, lambda: _read_lexicon(path))
    return data


def could_be_verb(word: str, verbs: frozenset[str], irregular: frozenset[str]) -> bool:
    """Is the lower-case word a form of a verb (base, -s, -ed, -ing, or an irregular form)?"""
    if word in verbs or word in irregular:
        return True
    for suffix, back in (("s", ""), ("es", ""), ("ed", ""), ("ed", "e"), ("ing", ""), ("ing", "e"), ("ied", "y")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)] + back
            if stem in verbs or (len(stem) > 3 and stem[-1] == stem[-2] and stem[:-1] in verbs):
                return True
    return False


VERBS = frozenset(["VB", "VBD", "VBP", "VBZ", "VBN", "VBG"])
NOUNS = frozenset(["NN", "NNS"])
ADJECTIVES = frozenset(["JJ", "JJR", "JJS"])
ADVERBS = frozenset(["RB", "RBR", "RBS"])
NAMES = frozenset(["NNP", "NNPS"])
# what the tagger may make of a word no table knows (a name, a foreign word, a typo): anything
ANY = frozenset().union(*CLOSED.values(), VERBS, NOUNS, ADJECTIVES, ADVERBS, NAMES, {"POS", "FW", "UH"})
# an open-class word is read as a noun in many a context its lexicon entry does not list (`the vote`, `a
# must-see`), and a participle as an adjective (`the rescued`)
_OPEN_FALLBACK = NOUNS
# a capitalised word no table knows is a name, or an adjective of one (`Jiangbei`, `Kurdish`)
_UNKNOWN_CAPITALISED = NAMES | NOUNS | {"JJ"}


@cache
def _open_classes() -> tuple[frozenset[str], frozenset[str], frozenset[str], frozenset[str], frozenset[str]]:
    """(verb base forms, irregular verb forms, nouns, adjectives, adverbs) of the model's lemma tables."""
    verbs, nouns, irregular = verb_lexicon()
    return verbs, irregular, nouns | noun_form_lexicon(), adjective_lexicon(), adverb_lexicon()


def _stems(word: str, suffixes: tuple[tuple[str, str], ...]) -> list[str]:
    return [word[: -len(s)] + back for s, back in suffixes if word.endswith(s) and len(word) > len(s) + 2]


_PLURAL = (("s", ""), ("es", ""), ("ies", "y"), ("men", "man"))
_GRADED = (("er", ""), ("er", "e"), ("est", ""), ("est", "e"), ("ier", "y"), ("iest", "y"))


def _verb_tags(low: str, verbs: frozenset[str], irregular: frozenset[str]) -> set[str]:
    """The verb tags a word's form allows: a base form VB or VBP, -s VBZ, -ed VBD or VBN, -ing VBG; an irregular
    form (`went`, `is`, `put`) any finite tag or a participle."""
    tags: set[str] = set()
    if low in irregular:
        tags |= {"VB", "VBD", "VBN", "VBP", "VBZ"}
    if low in verbs:
        tags |= {"VB", "VBP"}
    if low.endswith("ing"):
        tags.add("VBG")
    if low.endswith("ed"):
        tags |= {"VBD", "VBN"}
    if low.endswith("s") and could_be_verb(low, verbs, irregular):
        tags.add("VBZ")
    return tags


@cache
def possible_tags(word: str) -> frozenset[str]:
    """Every Penn tag the tagger may give `word` (letters only) in some sentence: a closed-class word's own
    tags, an open-class word's by the lemma tables, ANY for a word they do not know or without the tables."""
    low = word.lower()
    capital = NAMES if word[:1].isupper() else frozenset()
    if low in CLOSED:
        # a function word capitalised in mid-sentence (`instead Of weekly`) throws the tagger off: anything
        return ANY if capital and low != "i" else CLOSED[low]
    verbs, irregular, nouns, adjectives, adverbs = _open_classes()
    if not nouns:
        return ANY  # no tables: nothing can be ruled out
    tags: set[str] = set()
    if low in nouns or any(s in nouns for s in _stems(low, _PLURAL)):
        tags |= NOUNS
    tags |= _verb_tags(low, verbs, irregular)
    if low in adjectives or any(s in adjectives for s in _stems(low, _GRADED)):
        tags |= ADJECTIVES
    if low.endswith(("ed", "ing")):
        tags.add("JJ")
    if low in adverbs or low.endswith("ly"):
        tags |= ADVERBS
    if not tags:
        return _UNKNOWN_CAPITALISED if capital else ANY
    # a verb's base form, an adjective or a participle may be read as a noun (`the vote`, `the poor`, `the
    # bombing`); an adverb (`especially`) or an irregular verb form (`is`, `went`) is not
    if low in verbs or tags & ADJECTIVES:
        tags |= _OPEN_FALLBACK
    return frozenset(tags) | capital


# how the chunks of letters end that spaCy's tokenizer splits: contractions written without an apostrophe (`dont`
# do|nt, `Wed` we|d, `gonna` gon|na, `yall` y|all), in at most three tokens, the last in lower case; any other
# chunk of letters is one token (tests/test_word_classes.py checks the tokenizer's exceptions end so)
SPLIT_ENDINGS = ("a", "d", "ll", "m", "not", "nt", "re", "s", "ve")


def most_tokens(word: str) -> int:
    """At most how many tokens the tokenizer makes of a chunk of letters (between white space)."""
    return 3 if word.lower().endswith(SPLIT_ENDINGS) else 1


def one_token(word: str) -> bool:
    """Is this chunk of letters surely one token? A chunk that ends in `d` or `s` is split only after a function
    word (`hed`, `whats`: he|d, what|s), so `stated`, `dead` and `years` are whole; other split endings may hide
    more than one (`wont`: wo|nt)."""
    low = word.lower()
    if not low.endswith(SPLIT_ENDINGS):
        return True
    return low.endswith(("d", "s")) and low[:-1] not in CLOSED
