"""The agreement checker: runs one named check on the sentences its cues let through, parsed by the model."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from itertools import compress
from typing import TYPE_CHECKING

from ...core.document import Block, Document
from ...core.findings import Hit, Severity
from ...core.text_memo import TextMemo
from ..base import Checker, Option, one_of
from .cues import PREFILTERS, Prefilter, SentenceScan
from .flags import Flag
from .nouns import check_det_noun, check_of_bare_noun, check_there_plural
from .pronouns import check_its_possessive, check_pronoun_case
from .subject_verb import check_subject_verb
from .verbs import check_gerund_after, check_verb_form

if TYPE_CHECKING:
    from spacy.tokens import Doc

CHECKS: dict[str, Callable[[Doc], Iterator[Flag]]] = {
    "subject-verb": check_subject_verb,
    "verb-form": check_verb_form,
    "det-noun": check_det_noun,
    "there-plural": check_there_plural,
    "its-possessive": check_its_possessive,
    "pronoun-case": check_pronoun_case,
    "of-bare-noun": check_of_bare_noun,
    "gerund-after": check_gerund_after,
}


_check_name = one_of("check_name", CHECKS)
_SCAN = "agreement-cue-scan"


class AgreementChecker(Checker):
    kind = "agreement"
    needs_parser = True
    options = {
        "check": Option(_check_name, required=True, help=f"one of: {', '.join(CHECKS)}"),
        "max_words": Option(int, default=60, help="sentences longer than this are not parsed"),
    }

    def setup(self) -> None:
        self.func = CHECKS[self.opts["check"]]
        self.prefilter = Prefilter(PREFILTERS[self.opts["check"]])
        self._admits: TextMemo[bool] = TextMemo()

    def warm(self, doc: Document) -> None:
        self.prefilter.load()  # loaded (or compiled) before workers fork

    def parse_blocks(self, doc: Document) -> list[Block]:
        """The sentences this rule parses in `doc` (its cues found them); it reads the full parse."""
        most = self.opts["max_words"]
        prefilter = self.prefilter
        sentences = [s for s in doc.sentences if s.text.count(" ") < most]

        def admitted(texts: list[str]) -> list[bool]:
            # the cues that may match in each sentence: one scan of the document's sentences for every check's
            # cues, made by the first agreement rule that asks
            scan = doc.cache.get(_SCAN)
            if scan is None:
                scan = doc.cache[_SCAN] = SentenceScan([s.text for s in doc.sentences])
            return prefilter.admitted(texts, scan=scan)

        # the answer for a text is the same in any document: remembered across them
        return list(compress(sentences, self._admits.get_many([s.text for s in sentences], admitted)))

    def check(self, doc: Document) -> Iterator[Hit]:
        for block, sdoc in self.parsed(doc):
            for f in self.func(sdoc):
                yield Hit(
                    block.start + f.start,
                    block.start + f.end,
                    suggestions=f.suggestions,
                    message=f.message,
                    severity=Severity.INFO if f.tentative else None,
                )
