"""kind: term-quotes: an article that puts quotation marks around its terms, as Chinese does for emphasis."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

from ..core import nlp
from ..core.document import Block, Document
from ..core.findings import Hit
from ..core.text_memo import TextMemo
from .base import Checker, Option, compile_user_regex
from .word_classes import possible_tags

# a short quoted span inside a line, the quotation marks hugging the words. A comma or full stop may stand inside
# the closing mark, as American punctuation puts it ('a "price floor," officials'); a quoted remark ends with
# another mark or with more words than a term has
_QUOTED = compile_user_regex(
    r"(?P<open>[\"“])(?P<term>[^\s\"“”][^\"“”\n]{0,58}?[^\s\"“”.,!?;:…])(?P<stop>[,.]?)(?P<close>[\"”])"
)
# English's own ways of introducing a term in quotation marks: the quotes are right after these
_INTRODUCED = compile_user_regex(
    r"(?i:\b(?:so-called|called|calls|call|dubbed|named|titled|entitled|known\s+as|termed|labelled|labeled|"
    r"branded|word|words|phrase|slogan|label|term|hashtag|as|of))\s*$"
)
# how far before the quotation mark an introducing word (with the space after it) can start
_INTRODUCED_REACH = 64
_AFTER_WORD = compile_user_regex(r"[\p{L},]\s$")
# verbs that attribute words to a speaker: a quoted fragment in their sentence is somebody's words, not a term
_ATTRIBUTING = frozenset(
    """
    say tell add note write ask explain report state insist argue warn claim describe call label brand term dub
    name title quote promise vow urge refer speak deny admit announce declare reply tweet post accuse praise
    criticize criticise condemn dismiss complain
    """.split()  # noqa: SIM905
)
# a writer speaking as I or to you uses quotation marks for irony and coinage of their own ('my "launch" phase');
# the term-quoting habit is that of third-person news prose
_PERSONAL = frozenset({"i", "me", "my", "we", "us", "our", "you", "your"})
_WORD = compile_user_regex(r"\p{L}[\p{L}\p{M}'’-]*")
# the tags of a word the parse calls a NOUN (the model's attribute ruler gives NOUN to these tags only)
_NOUN_TAGS = frozenset({"NN", "NNS"})
# a candidate the tags leave open: its block, where its quotation mark opens, the term
Open = tuple[Block, int, str]


def may_quote(text: str) -> bool:
    """Has the text a mark a quoted span opens with (_QUOTED)? Without one, no sentence quotes a term."""
    return '"' in text or "“" in text


class TermQuotesChecker(Checker):
    kind = "term-quotes"
    needs_parser = True
    # the tags settle most quoted spans (a verb of saying, I or we, a last word that is no noun); only the sentences
    # whose terms they leave open are parsed in full, to tell whether the last word is a noun there
    first_level: str | None = nlp.TAGS
    options = {
        "min_terms": Option(int, default=4, help="an article is reported when it quotes at least this many terms"),
        "min_distinct": Option(int, default=3, help="... of which at least this many are different"),
        "max_words": Option(int, default=4, help="a quoted term has at most this many words"),
        "max_reported_words": Option(
            int, default=9, help="in an article with the habit, quoted spans up to this long are reported"
        ),
        "min_sentence_words": Option(int, default=8, help="terms in shorter sentences (headlines) are not counted"),
    }

    def _candidates(self, doc: Document) -> list[tuple[Block, int, int, str, str, bool]]:
        """Short quoted spans in the middle of prose sentences, not introduced as a name or a word."""
        if not may_quote(doc.text):
            return []
        # a sentence's spans depend on its text alone: each distinct text with a quotation mark read once in a run
        spans, remembered = self._spans, self._found.get
        found: list[tuple[Block, int, int, str, str, bool]] = []
        for s in doc.sentences:
            if may_quote(s.text):
                found.extend((s, *span) for span in remembered(s.text, spans))
        return found

    def setup(self) -> None:
        self._found: TextMemo[Sequence[tuple[int, int, str, str, bool]]] = TextMemo()

    def _spans(self, text: str) -> Sequence[tuple[int, int, str, str, bool]]:
        """The candidate spans of one sentence: where each starts and ends, its term, its stop, whether titled."""
        most = max(self.opts["max_words"], self.opts["max_reported_words"])
        found: list[tuple[int, int, str, str, bool]] = []
        if len(_WORD.findall(text)) < self.opts["min_sentence_words"]:
            return ()
        for m in _QUOTED.finditer(text):
            words = _WORD.findall(m.group("term"))
            if not 1 <= len(words) <= most or len(words) != len(m.group("term").split()):
                continue
            # a title or a name in quotation marks ('"Swan Lake"') shows no habit, but may follow it
            titled = all(w[0].isupper() for w in words)
            # inside a sentence, after a word: not a quotation opening the sentence or following a colon.
            # Both look at the words just before the mark only: searched in a window, not in all that comes
            # before (on a "sentence" of a million characters that was quadratic)
            at = m.start()
            if not _AFTER_WORD.search(text, max(0, at - 2), at) or _INTRODUCED.search(
                text, max(0, at - _INTRODUCED_REACH), at
            ):
                continue
            found.append((m.start(), m.end(), m.group("term"), m.group("stop"), titled))
        return tuple(found)

    def _countable(self, term: str, titled: bool) -> bool:
        """May this quoted span count as a term, by what the text shows: not a title, short enough, and ending
        in a word the lexicon lets be a noun (the parse then decides)."""
        words = term.split()
        if len(words) > self.opts["max_words"] or titled:
            return False
        last = words[-1]
        return not last.isalpha() or bool(possible_tags(last) & _NOUN_TAGS)

    def parse_blocks(self, doc: Document) -> list[Block]:
        """The sentences holding a term that may count, when the article has enough of them to show the habit
        (the other quoted spans are reported or not by the count alone: their sentences need no parse)."""
        key = f"term-quotes:{self.rule.id}"
        cached: list[tuple[Block, int, int, str, str, bool]] | None = doc.cache.get(key)
        if cached is None:
            cached = self._candidates(doc)
            countable = [term for _, _, _, term, _, titled in cached if self._countable(term, titled)]
            if (
                len(countable) < self.opts["min_terms"]
                or len({t.lower() for t in countable}) < self.opts["min_distinct"]
            ):
                cached = []
            doc.cache[key] = cached
        return list(dict.fromkeys(b for b, _, _, term, _, titled in cached if self._countable(term, titled)))

    def _attributed(self, sdoc: Any) -> bool:
        """Does the sentence attribute words to somebody: a verb of saying, as the tag of a word and the lemma the
        model gives that form with that tag tell (so the tags alone answer, before any parse)."""
        for t in sdoc:
            pos, lemma = nlp.reading(t.text, t.tag_)
            if pos == "VERB" and lemma.lower() in _ATTRIBUTING:
                return True
        return False

    def _open_terms(self, doc: Document, analysed: Sequence[tuple[Block, Any]]) -> list[Open]:
        """The quoted spans that may count as terms by their sentences' tags, where enough of them may to show the
        habit (else none: then no parse can make the article report)."""
        sdocs = dict(analysed)
        # per sentence: somebody's words quoted in part, or a writer speaking as I or to you
        turned_away: dict[Block, bool] = {}
        found: list[Open] = []
        for block, start, _, term, _, titled in doc.cache[f"term-quotes:{self.rule.id}"]:
            if block not in sdocs or not self._countable(term, titled):
                continue
            sdoc = sdocs[block]
            if block not in turned_away:
                turned_away[block] = self._attributed(sdoc) or any(
                    t.lower_ in _PERSONAL and t.tag_ in ("PRP", "PRP$") for t in sdoc
                )
            if turned_away[block]:
                continue
            inner = [t for t in sdoc if start + 1 <= t.idx < start + 1 + len(term)]
            if inner and inner[-1].tag_ in _NOUN_TAGS:
                found.append((block, start, term))
        if len(found) < self.opts["min_terms"] or len({t.lower() for *_, t in found}) < self.opts["min_distinct"]:
            return []
        return found

    def next_blocks(self, doc: Document, first: Sequence[tuple[Block, Any]]) -> list[Block]:
        """The sentences whose terms the tags leave open: the parse tells whether their last word is a noun."""
        return list(dict.fromkeys(block for block, _, _ in self._open_terms(doc, first)))

    def check(self, doc: Document) -> Iterator[Hit]:
        analysed = list(self.parsed(doc))
        if not analysed:
            return
        spans = [
            (block.start + start, block.start + end, term + stop)
            for block, start, end, term, stop, _ in doc.cache[f"term-quotes:{self.rule.id}"]
            if len(term.split()) <= self.opts["max_reported_words"]
        ]
        terms: set[str] = set()
        n_terms = 0
        parsed = dict(analysed)
        # the open terms' sentences are parsed in full: next_blocks chose them from these same tags
        for block, start, term in self._open_terms(doc, analysed):
            inner = [t for t in parsed[block] if start + 1 <= t.idx < start + 1 + len(term)]
            # a term is a noun phrase: its last word a common noun (not 'patched', 'severe', 'not close')
            if inner[-1].pos_ == "NOUN":
                n_terms += 1
                terms.add(term.lower())
        # the article's habit, not one quoted word: enough terms, and not one term quoted over and over. Where the
        # habit is shown, its other short quotations (a verb, an attributed slogan) are the same habit.
        if n_terms < self.opts["min_terms"] or len(terms) < self.opts["min_distinct"]:
            return
        for start, end, term in spans:
            yield Hit(start, end, suggestions=(term,), replacement=term)
