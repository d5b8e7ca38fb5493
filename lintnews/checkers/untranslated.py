"""kind: untranslated: text of the source language left in an English sentence (another script, or its words)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import regex

from ..core.document import Block, Document
from ..core.findings import Hit, Severity
from ..core.foreign_lexicon import SOURCE_LANGUAGES, foreign_zipf
from ..core.lexicon import cmudict_syllables, zipf
from .base import Checker, Option, compile_user_regex, list_of_str, one_of

MODES = ("script", "words")
LANGUAGE_NAMES = {
    "es": "Spanish",
    "fr": "French",
    "pt": "Portuguese",
    "it": "Italian",
    "de": "German",
    "nl": "Dutch",
    "pl": "Polish",
    "cs": "Czech",
    "ro": "Romanian",
}

# the languages whose words English borrows most (encore, prima, casa), so that a borrowed word is told from a
# left-in one by how much more often the source writes it; the others share fewer spellings with English
ROMANCE = frozenset(["es", "fr", "pt", "it"])

# letters of a script other than Latin, with what may sit between them inside one run (marks, digits, spaces,
# the source's own punctuation): 北京 市, Москва, القدس
_OTHER = r"(?:(?!\p{Latin})\p{L})"
_BETWEEN = r"[\p{M}\d\s·・、，。：；！？「」《》〈〉（）]*"
_SCRIPT_RUN = compile_user_regex(rf"{_OTHER}\p{{M}}*(?:{_BETWEEN}{_OTHER}\p{{M}}*)*")
_OTHER_LETTER = regex.compile(r"[\p{L}--\p{Latin}]", regex.VERSION1)  # where a run starts: a class, no look-ahead
_IDEOGRAPH = compile_user_regex(r"[\p{Han}\p{Hiragana}\p{Katakana}\p{Hangul}]")
_LATIN_WORD = compile_user_regex(r"\p{Latin}{2,}")
# a word: letters, with inner apostrophes (d'état, l'Élysée); hyphens split words as wordfreq does
_WORD = compile_user_regex(r"(?<![\w@/#.&=-])\p{L}[\p{L}\p{M}]*(?:['’]\p{L}[\p{L}\p{M}]*)*(?![\w@/-]|\.\w)")
# quotations and parentheses: a quoted title or a gloss keeps its words on purpose
_SHELTERED = compile_user_regex(
    r"\"[^\"\n]{1,200}\"|“[^”\n]{1,200}”|‘[^’\n]{1,200}’(?!\w)|«[^»\n]{1,200}»|\([^()\n]{1,200}\)|\*[^*\n]{1,100}\*"
    r"|(?<!\w)_[^_\n]{1,100}_(?!\w)|(?<![\w’])'[^'\n]{1,100}'(?![\w’])"
)
_GLOSS = compile_user_regex(r"\([^()\n]{1,100}\)")
_GLOSS_AFTER = compile_user_regex(r"\s*\(\s*\p{Latin}")
# a number after a capitalised word or an article is a model number ('the 50 quattro', 'Sportback 55 quattro')
_MODEL_NUMBER = compile_user_regex(r"(?:\b(?:the|a|an|The|A|An)|\p{Lu}\w*)[ \t]+\d[\d.,]*[ \t]*$")
# a capitalised word English writes less often than this is a name English does not know: one of the source's
_NAME_ZIPF = 3.0
# an elided article or preposition before a name: L'Académie, d'Orsay, dell'Arte
_ELIDED = compile_user_regex(r"^\p{L}{1,4}['’]")
_ARTICLES = frozenset({"the", "a", "an", "this", "its", "their", "his", "her", "our"})
# words before a name that mark what follows as a person's name, not an untranslated noun
_HONORIFICS = frozenset({"mr", "mrs", "ms", "dr", "sr", "sra", "don", "doña", "st", "san", "santa"})

_mode = one_of("mode", MODES)


@dataclass(frozen=True)
class Word:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Judgement:
    """How a word stands between English and the source languages."""

    english: float  # Zipf in English
    langs: frozenset[str]  # languages in which it is clearly more at home than in English
    strong: bool  # frequent there, rare in English: not a loanword, not a name English knows
    sure: bool  # ... and not a word English speakers say (CMU dictionary) unless English barely writes it
    top: float  # its best Zipf among `langs`


# a singular English writes this often makes its plural an English word (see judge)
_COMMON_SINGULAR = 4.0


class UntranslatedChecker(Checker):
    kind = "untranslated"
    options = {
        "mode": Option(_mode, required=True, help="script (another writing system) | words (source-language words)"),
        "languages": Option(list_of_str, default=list(SOURCE_LANGUAGES), help="wordfreq languages of the source"),
        "min_source_zipf": Option(float, default=4.0, help="a left-in word is at least this frequent in its language"),
        "max_english_zipf": Option(float, default=3.0, help="... and at most this frequent in English"),
        "min_margin": Option(float, default=2.5, help="... and this much more frequent there than in English"),
        "min_script_letters": Option(int, default=2, help="shorter runs of another script are symbols (α, π)"),
        "sure_english_zipf": Option(
            float, default=2.3, help="a lone word English knows better than this is reported as a note only"
        ),
        "loan_english_zipf": Option(
            float,
            default=3.35,
            help="a word English writes up to this often (a loanword or a name: prima, mundo) is still left in when "
            "a Romance source language writes it min_loan_margin more often",
        ),
        "min_loan_margin": Option(float, default=2.4, help="see loan_english_zipf"),
    }

    def setup(self) -> None:
        self.langs = tuple(self.opts["languages"])
        self._memo: dict[str, Judgement] = {}
        # words (as written) judged, and those a source language claims: every sentence's words are tested by sets
        self._judged: set[str] = set()
        self._foreign: set[str] = set()

    def check(self, doc: Document) -> Iterator[Hit]:
        if self.opts["mode"] == "script":
            yield from self._script(doc)
        else:
            # under 5 characters, under 3 words (never adjacent: _WORD): passed over without a call
            yield from (hit for s in doc.sentences if len(s.text) >= 5 for hit in self._words(doc.text, s))

    # ------------------------------------------------------------------ another writing system
    def _script(self, doc: Document) -> Iterator[Hit]:
        text = doc.text
        if text.isascii() or not _OTHER_LETTER.search(text):
            return  # the tests below made once for the whole text: no line has a letter of another script
        for line in doc.lines:
            if line.text.isascii() or not _OTHER_LETTER.search(line.text):  # plain ASCII, or accented Latin
                continue
            # words only English uses often (the, with, said), not those the source languages share (de, la)
            english = len({w for w in _LATIN_WORD.findall(line.text) if self._english_word(w)})
            if english < 2:
                continue  # a line in another language, or a name list: not a mixed English sentence
            glosses = [(g.start(), g.end()) for g in _GLOSS.finditer(text, line.start, line.end)]
            for m in _SCRIPT_RUN.finditer(text, line.start, line.end):
                run = m.group().rstrip()
                if any(s <= m.start() < e for s, e in glosses) or _GLOSS_AFTER.match(text, m.start() + len(run)):
                    continue  # 'the Hwajeontae dance (花前態舞)', 'Аля (Alia)': the original beside its rendering
                letters = sum(1 for c in run if c.isalpha())
                # one Chinese or Japanese character is a word ('the 省 government'); one Greek letter is a symbol
                if letters < self.opts["min_script_letters"] and not _IDEOGRAPH.search(run):
                    continue
                yield Hit(
                    m.start(),
                    m.start() + len(run),
                    message=f"'{run}' is in another script inside an English sentence: translate or transliterate it.",
                )

    def _english_word(self, word: str) -> bool:
        """A lower-case word of three letters or more that English uses often and the source languages do not."""
        return len(word) > 2 and word.islower() and zipf(word) >= 3.0 and not self.judge(word).langs

    # ------------------------------------------------------------------ words of the source language
    def judge(self, word: str) -> Judgement:
        low = word.lower()
        got = self._memo.get(low)
        if got is not None:
            return got
        english = zipf(low)
        # an English plural is written less often than its singular: 'metros' is English when 'metro' is common
        if low.endswith("s") and not low.endswith("ss") and zipf(low[:-1]) >= _COMMON_SINGULAR:
            english = max(english, zipf(low[:-1]))
        langs: set[str] = set()
        top = 0.0
        # the words of ordinary English prose stop here; a particle (de, la, des) may be common in English names
        if english < 4.5 or len(low) <= 3:
            folded = low.casefold()  # wordfreq's tables fold 'ß' to 'ss'
            for lang in self.langs:
                z = foreign_zipf(folded, lang)
                if z >= 3.5 and z - english >= 1.5:
                    langs.add(lang)
                    top = max(top, z)
        if not langs and self.opts["min_source_zipf"] > 0.2:  # unclaimed (most words): 0 is below either floor
            return self._memo.setdefault(low, Judgement(english, frozenset(), False, False, 0.0))
        # the CMU dictionary lists the words English speakers say, loanwords (entendre, barrio) and names among
        # them; a source word it lacks (cosecha, prefeitura, río) needs less evidence
        said_in_english = cmudict_syllables(low) is not None
        margin = self.opts["min_margin"] - (0.0 if said_in_english else 0.5)
        floor = self.opts["min_source_zipf"] - (0.0 if said_in_english else 0.2)
        # a loanword English writes now and then (avant, mundo, encore) is the source word when the source writes
        # it far more: a few hundred times as often, and among its commonest words
        loan = (
            bool(langs & ROMANCE)
            and max(foreign_zipf(low.casefold(), lang) for lang in langs & ROMANCE) >= 5.0
            and english <= self.opts["loan_english_zipf"]
            and top - english >= self.opts["min_loan_margin"]
        )
        strong = len(low) >= (4 if said_in_english else 3) and (
            (top >= floor and english <= self.opts["max_english_zipf"] and top - english >= margin) or loan
        )
        # a word English speakers say is left in only when English barely writes it, or when the source language
        # writes it a few hundred times as often ('agua', 'gens', 'avant')
        sure = strong and (not said_in_english or english < self.opts["sure_english_zipf"] or loan)
        return self._memo.setdefault(low, Judgement(english, frozenset(langs), strong, sure, top))

    def _any_claimed(self, words: list[str]) -> bool:
        """Is any word (as written) more at home in a source language than in English (see judge)? Judged once."""
        fresh = set(words).difference(self._judged)
        self._judged |= fresh
        self._foreign.update(w for w in fresh if self.judge(w).langs)
        return not self._foreign.isdisjoint(words)

    def _words(self, text: str, sentence: Block) -> Iterator[Hit]:
        if not any(map(str.islower, sentence.text)):
            return  # a line of capitals: words and names look alike
        found = _WORD.findall(text, sentence.start, sentence.end)
        # a run starts at a word some source language claims: most sentences have none (each word judged once)
        if len(found) < 3 or not self._any_claimed(found):
            return
        words = [Word(m.start(), m.end(), m.group()) for m in _WORD.finditer(text, sentence.start, sentence.end)]
        if len(words) < 3:
            return
        sheltered = [(sentence.start + m.start(), sentence.start + m.end()) for m in _SHELTERED.finditer(sentence.text)]
        judged = [self.judge(w.text) for w in words]
        # an English sentence: most of its words are English; a sentence of the source language is a quotation
        foreign_share = sum(1 for j in judged if j.langs) / len(words)
        if foreign_share > 0.6:
            return
        i = 0
        n = len(words)
        while i < n:
            if not judged[i].langs or not _candidate(words[i].text):
                i += 1
                continue
            # the longest run of adjacent source-language words sharing a language: 'según el informe'
            langs = set(judged[i].langs)
            j = i + 1
            while (
                j < n
                and text[words[j - 1].end : words[j].start] == " "
                and judged[j].langs & langs
                and _candidate(words[j].text)
            ):
                # a capital after a lower-case word starts a name ('the portavoz Juan Pérez'), unless the run is
                # a capitalised source term joined by a particle ('Ministerio de Sanidad')
                particle = words[i].text[:1].isupper() and len(words[j - 1].text) <= 3
                if words[j].text[:1].isupper() and words[j - 1].text.islower() and not particle:
                    break
                langs &= judged[j].langs
                j += 1
            run = list(range(i, j))
            i = j
            if any(s < words[run[-1]].end and words[run[0]].start < e for s, e in sheltered):
                continue
            if not self._enough(text, words, judged, run, sentence.start):
                continue
            if self._named(text, words, run):
                continue
            severity = None if self._sure(text, words, judged, run, sentence.start) else Severity.INFO
            lang = max(sorted(langs), key=lambda lg: sum(foreign_zipf(words[k].text.casefold(), lg) for k in run))
            span = text[words[run[0]].start : words[run[-1]].end]
            yield Hit(
                words[run[0]].start,
                words[run[-1]].end,
                message=(
                    f"'{span}' looks like {LANGUAGE_NAMES.get(lang, lang)} left untranslated "
                    "(common there, rare in English): translate it."
                ),
                params=(("language", LANGUAGE_NAMES.get(lang, lang)),),
                severity=severity,
            )

    def _enough(self, text: str, words: list[Word], judged: list[Judgement], run: list[int], start: int) -> bool:
        """Is the run the source language left in, rather than a loanword, a name or a coincidence of spelling?"""
        lower = [k for k in run if words[k].text.islower()]
        capital = [k for k in run if words[k].text[:1].isupper()]
        if capital and not self._source_term(text, words, judged, run, start):
            # a capitalised word that is not itself a source word: a name ('Fernando de la Fuente')
            if not self._initial(text, words[capital[0]].start, start):
                return False
        elif capital:
            return True
        if lower and any(judged[k].strong for k in lower):
            return True
        # 'lo que ya': a phrase of function words only a source sentence strings together
        return len(lower) >= 3 and min(judged[k].english for k in lower) < 2.5

    def _source_term(self, text: str, words: list[Word], judged: list[Judgement], run: list[int], start: int) -> bool:
        """Does the run start with a common noun of the source capitalised as a name ('the Ministerio de Sanidad')
        or open its sentence with a source word ('Según el ministerio')? English must barely know the word."""
        first = run[0]
        j = judged[first]
        if not words[first].text[:1].isupper():
            return False
        prev = words[first - 1].text.lower() if first else ""
        if not (j.top >= 4.5 and j.english <= 2.3 and j.top - j.english >= 2.5) and not self._noun_after_article(
            words, judged, first
        ):
            return False
        if len(words[first].text) < 4:
            return False
        if prev in _HONORIFICS:
            return False
        if self._initial(text, words[first].start, start):
            # a single capitalised word there may be a surname, unless it is among the source's commonest words
            # or set off by a comma ('Después', 'Cependant,')
            return len(run) > 1 or self._initial_source_word(text, words[first], j)
        # capitals just before or after the run make it part of a person's or a place's name of the source ('Casa
        # Rosada', 'Partido Popular'); an English word beside it ('the Communist Partido', 'Président Trump') is a
        # name translated all but that word
        nxt = run[-1] + 1
        for k, gap in ((first - 1, (first - 1, first)), (nxt, (nxt - 1, nxt))):
            if (
                0 <= k < len(words)
                and self._source_name_word(words[k])
                and text[words[gap[0]].end : words[gap[1]].start] == " "
            ):
                return False
        return (
            j.english < 1.5
            or (len(run) > 1 and any(words[k].text.islower() for k in run))
            or self._noun_after_article(words, judged, first)
        )

    @staticmethod
    def _noun_after_article(words: list[Word], judged: list[Judgement], k: int) -> bool:
        """A capitalised common noun of the source after an article: 'the Regierung', 'the Prefeitura' (a German
        noun, or an institution left in the source). English may know it as a name (Wasser, Morgen), but the
        source writes it a thousand times as often."""
        j = judged[k]
        after_article = k > 0 and words[k - 1].text.lower() in _ARTICLES
        return after_article and j.english < 2.5 and j.top >= 4.0 and j.top - j.english >= 3.0

    def _named(self, text: str, words: list[Word], run: list[int]) -> bool:
        """Is a lower-case run part of a name or a label: after a model number ('Sportback 55 quattro'), before
        a name ('corso Monforte'), or a word the article also writes capitalised ('Amigo')?"""
        first, last = words[run[0]], words[run[-1]]
        if not first.text.islower():
            return False
        before = text[max(0, first.start - 2) : first.start]
        if before[:1].isdigit() and before[1:] == " " and _MODEL_NUMBER.search(text, 0, first.start):
            return True  # a label after a model number ('the 50 quattro', 'Sportback 55 quattro'), not '28 persone'
        prev = words[run[0] - 1].text if run[0] > 0 else ""
        nxt = text[last.end : last.end + 2]
        name_follows = nxt[:1] == " " and nxt[1:].isupper()
        # inside a name: particles ('Carlos de la Fuente'), or a source word after a name of the same language
        # ('L'Académie française', its elided article aside); a content word after another name is the sentence
        # going on ('Hong Kong gouvernement', 'Volker dijo': a German name, a Spanish verb)
        if (
            prev[:1].isupper()
            and prev.lower() not in _ARTICLES
            and before == prev[-1:] + " "
            and (
                name_follows
                or all(len(words[k].text) <= 3 for k in run)
                or self.judge(_ELIDED.sub("", prev)).langs & self.judge(first.text).langs
            )
        ):
            return True
        if name_follows and not (len(run) > 1 and len(last.text) <= 3):
            # before a name of the source ('corso Monforte'), not before one English knows ('contro China')
            m = _WORD.match(text, last.end + 1)
            if m and m.group() != "I" and zipf(m.group().lower()) < _NAME_ZIPF:
                return True  # (but 'the alcalde de Madrid': a particle stands between the source noun and the name)
        if text.startswith(("...", "…"), last.end):
            return True  # a word cut short ('arti...')
        if before == ", " and text.startswith(",", last.end) and len(run) == 1:
            return True  # one term of a list of words ('bruisers, kaisers, merchandisers')
        return any(
            regex.search(rf"(?<![\w-]){regex.escape(w.text[:1].upper() + w.text[1:])}(?![\w-])", text)
            for w in (words[k] for k in run)
            if len(w.text) >= 4
        )

    def _sure(self, text: str, words: list[Word], judged: list[Judgement], run: list[int], start: int) -> bool:
        """Is the evidence strong enough for a warning? A lone word English speakers say (a rare loanword such as
        'entendre') or a lone capitalised word (perhaps a garbled name) is a note."""
        sure: float = self.opts["sure_english_zipf"]
        if len(run) > 1:
            # a loan phrase (déjà vu, laissez faire, hasta la vista): English knows every word of it
            return min(judged[k].english for k in run) < sure
        k = run[0]
        if words[k].text.islower():
            return judged[k].sure
        if self._initial(text, words[k].start, start) and self._initial_source_word(text, words[k], judged[k]):
            return True
        return self._noun_after_article(words, judged, k)

    def _source_name_word(self, word: Word) -> bool:
        """A capitalised word of a name English does not write, or a word of the source: 'Rosada', 'Popular'?"""
        if not word.text[:1].isupper():
            return False
        return zipf(word.text.lower()) < _NAME_ZIPF or bool(self.judge(word.text).langs)

    @staticmethod
    def _initial_source_word(text: str, word: Word, j: Judgement) -> bool:
        """A sentence's first word that English barely knows, among the source's commonest words or followed by a
        comma as a connective is ('Ahora', 'Después', 'Cependant,'): not a surname, which English knows too."""
        if j.english >= 2.5:
            return False
        return j.top >= 5.5 or (text.startswith(",", word.end) and j.top >= 4.5)

    @staticmethod
    def _initial(text: str, pos: int, sentence_start: int) -> bool:
        """Does the word at pos start its sentence or a quotation (so its capital says nothing)?"""
        head = text[sentence_start:pos].strip(" \t\"“‘'«(-—–")
        return not head


def _candidate(word: str) -> bool:
    """May the word be a left-in source word at all? Not an acronym, not a single letter."""
    return len(word) > 1 and not word.isupper()
