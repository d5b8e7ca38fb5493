"""spaCy's rule lemmatizer with each lemma kept per (word, pos, morphology), the only things its rules read."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from spacy.tokens import Doc

# distinct (word, pos, morphology) whose lemma a lemmatizer keeps; a full memo starts again
LEMMAS_KEPT = 1 << 16


@dataclass
class FastLemmatizer:
    """The lemmas spaCy's rule lemmatizer gives, each worked out once per (orth, pos, morph).

    spaCy's Lemmatizer reads each token's pos_ and morph and tests its base form in Python before its own
    cache (which keeps only the rule-made lemmas); the rule mode's answer depends on the token's text, pos and
    morphology alone, so here a Doc's tokens are read as one array, each new key asks spaCy, and the lemmas are
    written back as one column. `build` returns None for any other mode or a lemmatizer that reads more."""

    lemmatizer: Any
    _memo: dict[tuple[int, int, int], int] = field(default_factory=dict, init=False)

    @classmethod
    def build(cls, lemmatizer: Any) -> FastLemmatizer | None:
        try:
            from spacy.lang.en.lemmatizer import EnglishLemmatizer
            from spacy.pipeline import Lemmatizer

            kind = type(lemmatizer)
            ok = (
                lemmatizer.mode == "rule"
                and kind.rule_lemmatize is Lemmatizer.rule_lemmatize
                and kind.is_base_form in (Lemmatizer.is_base_form, EnglishLemmatizer.is_base_form)
                and kind.__call__ is Lemmatizer.__call__
                and getattr(lemmatizer.lemmatize, "__func__", None) is Lemmatizer.rule_lemmatize
            )
            return cls(lemmatizer) if ok else None
        except Exception:  # a spaCy unlike 3.8's: keep its own lemmatizer
            return None

    def pipe(self, docs: Iterable[Doc]) -> Iterator[Doc]:
        for doc in docs:
            yield self(doc)

    def __call__(self, doc: Doc) -> Doc:
        """What Lemmatizer.__call__ does to a Doc: the lemma of each token without one (of all, with overwrite)."""
        from spacy.attrs import LEMMA, MORPH, ORTH, POS

        lem = self.lemmatizer
        if not lem._validated or not len(doc):  # spaCy's own call checks its tables first
            lem(doc)
            return doc
        rows = doc.to_array([ORTH, POS, MORPH, LEMMA])
        memo, strings, overwrite = self._memo, doc.vocab.strings, lem.overwrite
        column: Any = rows[:, 3:].copy()  # the lemma column, as from_array takes it back
        for i, (orth, pos, morph, lemma) in enumerate(rows.tolist()):
            if overwrite or lemma == 0:
                key = (orth, pos, morph)
                got = memo.get(key)
                if got is None:
                    if len(memo) >= LEMMAS_KEPT:
                        memo.clear()
                    got = memo[key] = strings.add(lem.lemmatize(doc[i])[0])
                column[i, 0] = got
        doc.from_array([LEMMA], column)
        return doc
