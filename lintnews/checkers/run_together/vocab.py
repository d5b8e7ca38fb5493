"""A document's own vocabulary: how often each word stands on its own in it."""

from __future__ import annotations

from collections import Counter

# What may surround a word standing on its own (`(Gaza),`); `compt` in `compt,tational` does not.
EDGE_PUNCT = "([{“\"‘'.,;:!?)]}”’"


class Vocab:
    """How often each word stands on its own in the document (`Gaza` in `(Gaza),`, not in `Gazawhich`).

    A word the article uses on its own is a word even when wordfreq lacks it, and a token the
    article repeats is meant as it stands.
    """

    def __init__(self, text: str) -> None:
        self.counts: Counter[str] = Counter()
        # split and count in C; strip punctuation once per distinct token
        for token, n in Counter(text.lower().split()).items():
            self.counts[token.strip(EDGE_PUNCT)] += n

    def __getitem__(self, word: str) -> int:
        return self.counts.get(word, 0)
