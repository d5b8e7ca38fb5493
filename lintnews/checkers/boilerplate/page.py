"""What a line's page says of it: where the story starts and ends, its topic words, and the runs of short lines
around it (a list of other stories' headlines is a run that speaks of other topics)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property

import regex

from .lines import FINAL, body_shape, content_words, headline_shape, is_headline_like, words_of

# the story's lead: its title area and first paragraphs, whose topic words a line of the story shares
LEAD_PARAGRAPHS = 2
# a teaser's blurb under its headline: a sentence or two of at most this many words
BLURB_WORDS = 40
SENTENCE_BREAK = regex.compile(r"[.!?][\"”’)]?\s+[\p{Lu}\"“‘]")
# a kicker over a teaser's headline: at most this many words, in capitals
KICKER_WORDS = 4
# the share of a paragraph's topic words the lead uses, at which it is a paragraph of the same story
ON_TOPIC = 0.15
# the share of a paragraph's topic words the story's paragraphs before it use, at which it goes on with the story
CHAINED = 0.3


@dataclass(frozen=True)
class Run:
    """A stretch of consecutive short lines (headline-like, the blurb under one, or without words: a '-' between
    teasers)."""

    start: int
    end: int  # the last line of the run
    size: int  # how many of its lines are headline-like (a blurb or a wordless line is not counted)
    off_story: float  # the share of its topic words that no paragraph of the story uses
    pairs: int  # how many of its headlines have a blurb under them or a kicker over them
    distinct: float  # how little its teasers share topic words with each other (a list of other stories: 1)


@dataclass(frozen=True)
class Block:
    """A stretch of lines that are not the story's paragraphs: the page's head or tail, or an insert (a box of
    other stories' headlines, a subhead) between two paragraphs."""

    start: int
    end: int  # the last line of the block
    off_story: float  # the share of its topic words that no paragraph of the story uses
    topic_words: int  # how many topic words it has (a block of two words says little of its topic)


@dataclass(frozen=True)
class ArticleFacts:
    """What the evidence of every line of one article reads: worked out once per article, in linear time."""

    lines: tuple[str, ...]
    final: tuple[bool, ...]  # each line ends like a sentence
    headline: tuple[bool, ...]
    first_body: int  # index of the story's first paragraph (len(lines) when none)
    last_body: int  # index of its last (-1 when none)
    before: tuple[int, ...]  # headline-like lines just before each line, in a row
    after: tuple[int, ...]  # ... and just after it
    vocab: Counter[str]
    lead: frozenset[str]  # topic words of the lines up to the story's second paragraph
    lead_end: int  # the last line of the lead
    story_end: int  # the story's last paragraph on its topic (a teaser blurb after it speaks of another story)
    story: frozenset[int]  # the story's paragraphs: those up to its end
    story_vocab: Counter[str]  # in how many of the story's paragraphs each topic word occurs
    runs: tuple[Run | None, ...]  # the run of short lines each line belongs to
    blocks: tuple[Block | None, ...]  # the block of lines between the story's paragraphs each other line is in
    body: tuple[int, ...]  # the lines of a paragraph's shape

    @property
    def has_body(self) -> bool:
        return self.last_body >= 0

    @cached_property
    def lower(self) -> frozenset[str]:
        """The words the paragraphs of the page write in lower case (asked of a headline after the story only)."""
        return frozenset(w for j in self.body for w in words_of(self.lines[j]) if w.islower())


def on_topic(text: str, lead: frozenset[str]) -> bool:
    """A paragraph shares enough topic words with the story's lead to be the story's own."""
    own = content_words(text)
    return len(own) < 3 or len(own & lead) / len(own) >= ON_TOPIC


def article_vocabulary(lines: Sequence[str]) -> Counter[str]:
    """In how many lines of the article each topic word occurs."""
    vocab: Counter[str] = Counter()
    for t in lines:
        vocab.update(content_words(t))
    return vocab


def _distinct(members: Sequence[frozenset[str]]) -> float:
    """The mean share of a teaser's topic words that no other teaser of its run uses: each headline of a list of
    other stories has its own topic, the items of a price list or a table share theirs. Only teasers of two topic
    words or more are read: a label ('Ticketing', 'Staff') or a price names no topic of its own."""
    uses: Counter[str] = Counter(w for m in members for w in m)
    shares = [sum(uses[w] == 1 for w in m) / len(m) for m in members if len(m) >= 2]
    return sum(shares) / len(shares) if shares else 0.0


def is_blurb(text: str, headline: str, story_vocab: Counter[str], in_story: bool) -> bool:
    """A teaser's blurb: a sentence or two, short, summing up the story the headline above it names: it shares a
    topic word with the headline, or speaks of another topic than the story's (a paragraph of the story under a box
    of headlines does neither). `in_story`: the line is counted as a paragraph of the story in `story_vocab`."""
    n = len(words_of(text))
    if not 0 < n <= BLURB_WORDS or is_headline_like(text) or len(SENTENCE_BREAK.findall(text)) > 1:
        return False
    own = content_words(text)
    mine = 1 if in_story else 0
    return not own.isdisjoint(content_words(headline)) or sum(story_vocab[w] > mine for w in own) < CHAINED * len(own)


def is_kicker(text: str) -> bool:
    """A kicker: a few words in capitals over a headline ('TIME TRAVELLER'), a tabloid's label for a story."""
    words = words_of(text)
    letters = [c for w in words for c in w if c.isalpha()]
    return 0 < len(words) <= KICKER_WORDS and len(letters) >= 4 and all(c.isupper() for c in letters)


def _runs(
    lines: Sequence[str], headline: Sequence[bool], story: frozenset[int], story_vocab: Counter[str]
) -> list[Run | None]:
    """Each line's run of short lines and teasers: a headline-like line, with the blurb under it and the kicker
    over it if it has them; a wordless line ('-', '6') joins a run but neither starts nor ends one."""
    n = len(lines)
    out: list[Run | None] = [None] * n
    i = 0
    while i < n:
        if not headline[i]:
            i += 1
            continue
        items: list[list[int]] = [[i]]
        j = i
        while j + 1 < n:
            if headline[j + 1] and items[-1] == [j] and is_kicker(lines[j]) and not is_kicker(lines[j + 1]):
                items[-1].append(j + 1)
            elif headline[j + 1]:
                items.append([j + 1])
            elif headline[j] and is_blurb(lines[j + 1], lines[j], story_vocab, j + 1 in story):
                items[-1].append(j + 1)
            elif words_of(lines[j + 1]):
                break
            j += 1
        members = [k for item in items for k in item]
        words = [frozenset(w for k in item for w in content_words(lines[k])) for item in items]
        off = _off_story(lines, members, story, story_vocab)
        run = Run(i, members[-1], len(items), off, sum(len(t) > 1 for t in items), _distinct(words))
        for k in members:
            out[k] = run
        i = members[-1] + 1
    return out


def _off_story(lines: Sequence[str], members: Sequence[int], story: frozenset[int], story_vocab: Counter[str]) -> float:
    """The share of the topic words of `members` that no paragraph of the story besides them uses (a blurb long
    enough to pass for a paragraph is not the story's for that)."""
    own = [content_words(lines[k]) for k in members]
    words = frozenset(w for m in own for w in m)
    if not words or not story_vocab:
        return 0.0
    mine: Counter[str] = Counter(w for k, m in zip(members, own, strict=True) if k in story for w in m)
    return sum(story_vocab[w] - mine[w] <= 0 for w in words) / len(words)


def _blocks(lines: Sequence[str], story: frozenset[int], story_vocab: Counter[str]) -> list[Block | None]:
    """Each line's block of lines outside the story's paragraphs (None for a paragraph of the story)."""
    out: list[Block | None] = [None] * len(lines)
    i = 0
    while i < len(lines):
        if i in story:
            i += 1
            continue
        j = i
        while j + 1 < len(lines) and j + 1 not in story:
            j += 1
        words = frozenset(w for k in range(i, j + 1) for w in content_words(lines[k]))
        off = sum(story_vocab[w] == 0 for w in words) / len(words) if words and story_vocab else 0.0
        block = Block(i, j, off, len(words))
        out[i : j + 1] = [block] * (j + 1 - i)
        i = j + 1
    return out


def _story_end(lines: Sequence[str], body: Sequence[int], lead_end: int, lead: frozenset[str]) -> int:
    """The story's last paragraph on its topic: one that shares enough topic words with the lead, or with the
    story's paragraphs before it (the topic drifts: a later paragraph speaks of what the one before it did)."""
    end = -1
    known = set(lead)
    for j in body:
        own = content_words(lines[j])
        if j <= lead_end or len(own) < 3 or len(own & known) / len(own) >= CHAINED:
            end = j
            known |= own
    return end


def article_facts(lines: Sequence[str]) -> ArticleFacts:
    """The facts of the article whose content lines are `lines`."""
    n = len(lines)
    # one search of each line's end tells both its shapes
    final = tuple(FINAL.search(t) is not None for t in lines)
    counts = [len(words_of(t)) for t in lines]
    headline = tuple(headline_shape(counts[j], final[j]) for j in range(n))
    body = [j for j in range(n) if body_shape(counts[j], final[j])]
    before = [0] * n
    after = [0] * n
    for j in range(1, n):
        before[j] = before[j - 1] + 1 if headline[j - 1] else 0
    for j in range(n - 2, -1, -1):
        after[j] = after[j + 1] + 1 if headline[j + 1] else 0
    first, last = (body[0], body[-1]) if body else (n, -1)
    lead_end = body[min(len(body), LEAD_PARAGRAPHS) - 1] if body else -1
    lead = frozenset(w for t in lines[: lead_end + 1] for w in content_words(t))
    # the story runs to its last paragraph on the lead's topic; the paragraphs before that are its own, whatever
    # their words (a story's topic drifts from its lead)
    story_end = _story_end(lines, body, lead_end, lead)
    story = frozenset(j for j in body if j <= story_end)
    story_vocab = article_vocabulary([lines[j] for j in story])
    return ArticleFacts(
        lines=tuple(lines),
        final=final,
        headline=headline,
        first_body=first,
        last_body=last,
        before=tuple(before),
        after=tuple(after),
        vocab=article_vocabulary(lines),
        lead=lead,
        lead_end=lead_end,
        story_end=story_end,
        story=story,
        story_vocab=story_vocab,
        runs=tuple(_runs(lines, headline, story, story_vocab)),
        blocks=tuple(_blocks(lines, story, story_vocab)),
        body=tuple(body),
    )
