"""kind: run-together: two words joined by a missing space (`Gazawhich`, `servicesDavid`, `inthe`).

The checker: which tokens of a document are worth a look, and each join in them as a finding; where a run
breaks is splits.py's, joins at punctuation and digits glued.py's.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from ...core.document import Document
from ...core.findings import Applicability, Hit, Severity
from ..base import Checker, Option
from .glued import GLUE_HINTS, glued
from .splits import Splitter
from .vocab import EDGE_PUNCT, Vocab
from .words import FUNCTION_PAIRS

if TYPE_CHECKING:
    from ...core.lexicon import Frequencies

# Whitespace-separated tokens; a token is screened as a whole, then its runs of letters are examined.
_TOKEN = re.compile(r"\S+")
_RUN = re.compile(r"[^\W\d_]+")
_RUN3 = re.compile(r"[^\W\d_]{3,}")
# Longer tokens are data, not prose (and are not scanned, so a huge one costs nothing).
_MAX_TOKEN = 200
# Up to this many characters scanned in all, candidates are located with str.find (fast in C).
_FIND_BUDGET = 2_000_000
# Tokens whose screening is remembered across documents: a bound on the memo, so memory stays flat on an archive.
_SCREEN_MEMO = 200_000
# Zipf 2.0 as a frequency: a word at least this common is taken as it stands.
_COMMON_FREQ = 1e-7
_HYPHENS = frozenset("-\u00ad\u2010\u2011")
# Tokens that are not prose: URLs, e-mail addresses, @handles, hashtags, paths, code, markup.
_NOT_PROSE = re.compile(r"@|#|://|^www\.|[_\\/=<>{}|~^*$&+]|[a-z]\.[a-z]{2,}")


@dataclass(frozen=True)
class _Join:
    """One join found in a token: its span there, the fixed text first, and how sure it is."""

    start: int
    end: int
    suggestions: tuple[str, ...]
    safe: bool
    certain: bool


class RunTogetherChecker(Checker):
    kind = "run-together"
    options = {
        "min_zipf": Option(
            (int, float), default=3.0, help="how common (wordfreq zipf) each half of a case-less join must be"
        ),
        "rare_zipf": Option(
            (int, float), default=2.5, help="how common the other half must be when one half is a function word"
        ),
        "min_length": Option(int, default=4, help="shortest run of letters examined"),
    }

    def setup(self) -> None:
        from ...core import lexicon

        self.splitter = Splitter(
            lexicon.zipf, lexicon.frequencies, float(self.opts["min_zipf"]), float(self.opts["rare_zipf"])
        )
        self.min_length = int(self.opts["min_length"])
        # token -> worth a close look: most tokens of a run recur from one article to the next, so each is
        # screened once per run, not once per document (see _worth_screening)
        self._screened: dict[str, bool] = {}

    @staticmethod
    def _vocab(doc: Document) -> Vocab:
        vocab: Vocab | None = doc.cache.get("run_together.vocab")
        if vocab is None:
            vocab = doc.cache["run_together.vocab"] = Vocab(doc.text)
        return vocab

    def _candidate_tokens(self, text: str) -> list[tuple[int, int]]:
        """[start, end) of the tokens worth a close look, in order.

        Each distinct token is screened once, mostly by one dictionary look-up (C-level splitting
        does the rest); the few that go on (a token with an unknown word, an inner capital, or a
        glued comma, bracket or digit) are then located in the text.
        """
        screened = self._screened
        if len(screened) > _SCREEN_MEMO:
            screened.clear()
        wanted: list[str] = []
        for token in set(text.split()):
            worth = screened.get(token)
            if worth is None:
                worth = screened[token] = self._worth_screening(token)
            if worth:
                wanted.append(token)
        out: list[tuple[int, int]] = []
        n = len(text)
        if len(wanted) * n > _FIND_BUDGET:
            # many candidates in a long text: one pass over all tokens keeps the work linear
            chosen = set(wanted)
            return [m.span() for m in _TOKEN.finditer(text) if m.group() in chosen]
        for token in wanted:
            size = len(token)
            i = text.find(token)
            while i >= 0:
                end = i + size
                if (i == 0 or text[i - 1].isspace()) and (end == n or text[end].isspace()):
                    out.append((i, end))
                i = text.find(token, end)
        out.sort()
        return out

    def _worth_screening(self, token: str) -> bool:
        """Is a token (as split at white space) worth locating and analysing? The same answer in every document:
        an unknown word, an inner capital, or a glued comma, bracket or digit."""
        core = token.strip(EDGE_PUNCT)
        if len(core) < 3 or len(token) > _MAX_TOKEN:
            return False
        freqs = self.splitter.frequencies()
        if core.isalpha():
            return _worth_a_look(core, freqs)
        return any(p.search(token) for p in GLUE_HINTS) or any(_worth_a_look(run, freqs) for run in _RUN3.findall(core))

    def _analyse(self, token: str, vocab: Vocab) -> Iterator[_Join]:
        """Every join inside one token, with offsets into the token."""
        if any(p.search(token) for p in GLUE_HINTS):
            for a, b, fixed, safe in glued(token, vocab, self.splitter):
                yield _Join(a, b, (fixed,), safe, True)
        freqs = self.splitter.frequencies()
        for m in _RUN.finditer(token):
            run = m.group()
            if run.isupper() or (len(run) < self.min_length and run not in FUNCTION_PAIRS):
                continue
            if not _worth_a_look(run, freqs):
                continue
            hyphenated = token[m.start() - 1 : m.start()] in _HYPHENS or token[m.end() : m.end() + 1] in _HYPHENS
            caseless = run[1:].islower()
            if hyphenated and not caseless:
                continue
            split = self.splitter.caseless(run, vocab) if caseless else self.splitter.camel(run, vocab)
            if split is None:
                continue
            if hyphenated and min(split.at, len(run) - split.at) < 4:
                # a piece of a hyphenated word, or of one broken at a line end (`ex-isting`), is
                # split only into two full words: `finite-statecomposition`
                continue
            fixed = run[: split.at] + split.sep + run[split.at :]
            plain = run[: split.at] + " " + run[split.at :]
            suggestions = (fixed,) if fixed == plain else (fixed, plain)
            yield _Join(m.start(), m.end(), suggestions, split.safe, split.certain)

    def check(self, doc: Document) -> Iterator[Hit]:
        vocab: Vocab | None = None
        text = doc.text
        # a token repeated in the document is analysed once
        memo: dict[str, list[_Join]] = {}
        for tok_start, tok_end in self._candidate_tokens(text):
            token = text[tok_start:tok_end]
            joins = memo.get(token)
            if joins is None:
                if _NOT_PROSE.search(token):
                    joins = []
                else:
                    if vocab is None:
                        vocab = self._vocab(doc)
                    joins = list(self._analyse(token, vocab))
                memo[token] = joins
            for j in joins:
                yield Hit(
                    tok_start + j.start,
                    tok_start + j.end,
                    params=(("split", j.suggestions[0]),),
                    suggestions=j.suggestions,
                    replacement=j.suggestions[0],
                    applicability=Applicability.SAFE if j.safe else None,
                    severity=None if j.certain else Severity.INFO,
                )


def _worth_a_look(run: str, freqs: Frequencies) -> bool:
    """False for a word wordfreq knows well (zipf >= 2) that is not a typo like `inthe`."""
    low = run.lower()
    freq = freqs.get(low)
    return freq is None or freq < _COMMON_FREQ or low in FUNCTION_PAIRS
