"""The evidence a line gives of being page boilerplate: its shape, its words and its place, as numbers."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import regex

from ...core.lexicon import zipf
from .lines import FUNCTION_ZIPF, content_words, has_finite_verb, imperative_opener, words_of
from .page import ArticleFacts
from .patterns import PATTERNS, SEARCHED, SENTENCES, TRUNCATED, first_match, may_match
from .words import AGENCIES, PLATFORMS, UI_WORDS

_LETTERS = regex.compile(r"\p{L}")
_LIST_MARKER = regex.compile(r"\s*[-–•*·]\s+\S")
FEATURES = (
    "bias",
    "first",
    "last",
    "top",
    "bottom",
    "short",
    "log_words",
    "long",
    "no_final_punct",
    "title_case",
    "all_caps",
    "no_verb",
    "function_share",
    "imperative",
    "platform",
    "ui_share",
    "agency",
    "first_person",
    "handle",
    "email",
    "url",
    "copyright",
    "separator",
    "count",
    "date",
    "byline",
    "markup",
    "mt_note",
    "bracket_tag",
    "label_colon",
    "parenthesised",
    "question",
    "dateline",
    "quote",
    "sentences",
    "digit_share",
    "headline_run",
    "window_headlines",
    "after_body",
    "before_body",
    "near_flagged",
    "list_marker",
    "novel_words",
    "rule_line",
    "self_reference",
    "ui_short",
    "action_short",
    "truncated",
    "tail_block",
    "past_body",
    "off_lead",
    "under_flagged",
    "run_off_topic",
    "run_distinct",
    "block_off_topic",
    "pair_run",
    "recased",
)
# what each piece of evidence means, for the message that says why a line was flagged
EVIDENCE = {
    "first": "first line",
    "last": "last line",
    "top": "at the top",
    "bottom": "at the bottom",
    "short": "very short",
    "log_words": "length",
    "long": "long",
    "no_final_punct": "no final punctuation",
    "title_case": "title case",
    "all_caps": "capitals",
    "no_verb": "no finite verb",
    "function_share": "few function words",
    "imperative": "call to action",
    "platform": "platform name",
    "ui_share": "page-furniture words",
    "agency": "agency or photo credit",
    "first_person": "addresses the reader",
    "handle": "handle",
    "email": "e-mail address",
    "url": "URL",
    "copyright": "copyright",
    "separator": "separator",
    "count": "count",
    "date": "date or time stamp",
    "byline": "byline or credit",
    "markup": "markup residue",
    "mt_note": "translation note",
    "bracket_tag": "bracketed tag",
    "label_colon": "label and colon",
    "parenthesised": "all in parentheses",
    "question": "question",
    "dateline": "dateline",
    "quote": "quotation",
    "sentences": "several sentences",
    "digit_share": "digits",
    "headline_run": "among headline-like lines",
    "window_headlines": "among short lines",
    "after_body": "after the story's last paragraph",
    "before_body": "before the story's first paragraph",
    "near_flagged": "beside other boilerplate",
    "list_marker": "list item",
    "novel_words": "words the story does not use",
    "rule_line": "a rule line",
    "self_reference": "speaks of the page",
    "ui_short": "a short line of page-furniture words",
    "action_short": "a short call to action",
    "truncated": "cut off like a teaser",
    "tail_block": "a headline after the story's end",
    "past_body": "after the story's end",
    "off_lead": "words the story's lead does not use",
    "under_flagged": "below other boilerplate after the story",
    "run_off_topic": "among short lines on other topics",
    "run_distinct": "among headlines of other stories",
    "block_off_topic": "in a block of lines on another topic",
    "pair_run": "among headline and blurb pairs of other stories",
    "recased": "capitals on words the story writes in lower case",
}


@dataclass(frozen=True)
class LineEvidence:
    """A line's feature values (in FEATURES order) and, per feature, the text that gave it (for the message)."""

    values: tuple[float, ...]
    cues: dict[str, str]


@dataclass(frozen=True)
class Line:
    """Line `i` of the article `facts` describes, as the steps read it; `flagged`: the lines other rules found."""

    facts: ArticleFacts
    i: int
    flagged: Sequence[bool]
    text: str
    words: tuple[str, ...]


Values = dict[str, float]
Cues = dict[str, str]


@dataclass(frozen=True)
class Step:
    """Some of a line's evidence, worked out together. `cost` orders the steps: 0 reads the page's facts, 1 goes
    over the line's words, 2 searches its text, 3 goes over every character or looks up every word's frequency.
    Every feature a step of cost 1 or more sets lies in [0, 1] (the lazy score bounds what is still unknown so)."""

    features: tuple[str, ...]
    cost: int
    run: Callable[[Line, Values, Cues], None]
    also: tuple[str, ...] = ()  # features of later steps it may settle on the way


def _layout(line: Line, v: Values, cues: Cues) -> None:
    """Length, final punctuation, place and the topic of the lines around: what the page's facts already hold."""
    text, nw = line.text, len(line.words)
    v["bias"] = 1.0
    v["short"] = float(nw <= 3)
    v["log_words"] = math.log1p(nw) / 4
    v["long"] = float(nw > 30)
    v["no_final_punct"] = float(not line.facts.final[line.i])
    stripped = text.strip()
    v["parenthesised"] = float(stripped[:1] in "([" and stripped[-1:] in ")]")
    v["question"] = float(stripped.endswith("?"))
    v["list_marker"] = float(bool(_LIST_MARKER.match(text)))
    _place(line.facts, line.i, line.flagged, v)
    _around(line.facts, line.i, line.words, v)
    # a widget's controls are a few words, a call to action a short line: on a longer line both are nothing
    if nw > 4:
        v["ui_short"] = 0.0
    if nw > 10:
        v["action_short"] = 0.0


def _place(facts: ArticleFacts, i: int, flagged: Sequence[bool], v: Values) -> None:
    """Where the line is: on the page, around the story, among short lines and lines other rules found."""
    n = len(facts.lines)
    v["first"] = float(i == 0)
    v["last"] = float(i == n - 1)
    v["top"] = max(0.0, 1.0 - i / 3)
    v["bottom"] = max(0.0, 1.0 - (n - 1 - i) / 3)
    run = facts.before[i] + facts.after[i]
    v["headline_run"] = math.log1p(run) / 2 if facts.headline[i] else 0.0
    window = [j for j in range(max(0, i - 3), min(n, i + 4)) if j != i]
    v["window_headlines"] = sum(facts.headline[j] for j in window) / len(window) if window else 0.0
    v["after_body"] = float(facts.last_body <= i)
    v["before_body"] = float(facts.first_body >= i)
    v["near_flagged"] = sum(bool(flagged[j]) for j in window if j < len(flagged)) / len(window) if window else 0.0
    # after the story's last paragraph on its topic: a headline there is another story's, a blurb a teaser
    after_story = facts.has_body and i > facts.story_end
    v["tail_block"] = float(after_story and facts.headline[i])
    v["past_body"] = min(1.0, (i - facts.story_end) / 5) if after_story else 0.0
    # after the story, below a line other rules found ('Related stories', a share bar): the page's tail
    v["under_flagged"] = float(after_story and any(flagged[facts.story_end + 1 : i]))


def _topic(line: Line, v: Values, cues: Cues) -> None:
    """Whether the line's words are the story's: a teaser names another story, a subhead this one."""
    facts, i = line.facts, line.i
    own = content_words(line.text)
    v["novel_words"] = sum(facts.vocab[w] <= 1 for w in own) / len(own) if len(own) >= 2 else 0.0
    v["off_lead"] = (
        sum(w not in facts.lead for w in own) / len(own)
        if len(own) >= 3 and facts.has_body and i > facts.lead_end
        else 0.0
    )


def _around(facts: ArticleFacts, i: int, words: Sequence[str], v: Values) -> None:
    """Whether the short lines and the block around the line speak of the story's topic, from the page's facts."""
    # a list of other stories' headlines: a run of short lines whose words the story does not use
    run = facts.runs[i]
    full = min(1.0, (run.size - 1) / 2) if run is not None else 0.0
    v["run_off_topic"] = run.off_story * full if run is not None else 0.0
    v["run_distinct"] = run.distinct * run.off_story * full if run is not None else 0.0
    # teasers: headlines each with a blurb under it or a kicker over it, two pairs or more in a row
    v["pair_run"] = min(1.0, (run.pairs - 1) / 2) * run.off_story if run is not None and run.pairs > 1 else 0.0
    # the lines between two paragraphs of the story (or before or after it) speak of its topic or of another's: a
    # subhead or a fact box shares the story's words, a box of other stories' headlines does not
    block = facts.blocks[i]
    sure = min(1.0, block.topic_words / 6) if block is not None else 0.0
    v["block_off_topic"] = block.off_story * sure if block is not None else 0.0
    v["recased"] = _recased(facts, i, words)


def _recased(facts: ArticleFacts, i: int, words: Sequence[str]) -> float:
    """After the story's end, the share of a headline's capitalised words that the page's paragraphs write in lower
    case: another story's title in title case ('Where Landers Will Land'); a name is capitalised in the paragraphs
    too. (Inside the story a subhead in title case is the story's own.)"""
    if not facts.headline[i] or not facts.has_body or i <= facts.story_end:
        return 0.0
    caps = [w for w in words[1:] if len(w) >= 3 and w.isalpha() and w[0].isupper() and not w.isupper()]
    return sum(w.lower() in facts.lower for w in caps) / len(caps) if len(caps) >= 2 else 0.0


def _furniture(line: Line, v: Values, cues: Cues) -> None:
    """Calls to action, platforms, page-furniture words and agencies: looked up word by word."""
    words = line.words
    nw = len(words)
    low = [w.lower() for w in words]
    verb = imperative_opener(words)
    v["imperative"] = float(bool(verb))
    plat = "" if PLATFORMS.isdisjoint(low) else next(w for w, lw in zip(words, low, strict=True) if lw in PLATFORMS)
    v["platform"] = float(bool(plat))
    v["ui_share"] = sum(map(UI_WORDS.__contains__, low)) / nw if nw else 0.0
    agency = "" if AGENCIES.isdisjoint(low) else _agency(words, low)
    v["agency"] = float(bool(agency))
    for name, found in (("imperative", verb), ("platform", plat), ("agency", agency)):
        if found:
            cues[name] = found
    # a widget is a few words of controls ('Copy link', 'Back to top'), a headline with one such word is not
    v["ui_short"] = v["ui_share"] if nw <= 4 else 0.0
    # a short call to action; a quotation that opens with a verb is a sentence of the story
    if nw <= 10 and verb and "quote" not in v:
        _search("quote", line, v, cues)
    v["action_short"] = v["imperative"] if nw <= 10 and not v.get("quote") else 0.0


def _title_case(line: Line, v: Values, cues: Cues) -> None:
    """The share of the longer words after the first that are capitalised."""
    caps = [w[0].isupper() for w in line.words[1:] if len(w) >= 4 and w[0].isalpha()]
    v["title_case"] = sum(caps) / len(caps) if len(caps) >= 2 else 0.0


def _agency(words: Sequence[str], low: Sequence[str]) -> str:
    """The first agency named in capitals ('AFP', 'Reuters'), or ''."""
    return next(
        (w for w, lw in zip(words, low, strict=True) if lw in AGENCIES and (w.isupper() or w[:1].isupper())), ""
    )


def _search(name: str, line: Line, v: Values, cues: Cues) -> None:
    found = first_match(name, line.text)
    v[name] = float(bool(found))
    if found:
        cues[name] = found[:40]


def _pattern_step(name: str) -> Step:
    """The step of one pattern of patterns.py: is it found in the line (and what, for the message)."""

    def run(line: Line, v: Values, cues: Cues) -> None:
        if name not in v:
            _search(name, line, v, cues)

    return Step((name,), 2, run)


def _scan(line: Line, v: Values, cues: Cues) -> None:
    """One scan of the line for every pattern at once: a pattern it rules out finds nothing."""
    possible = may_match(line.text)
    if possible is not None:
        for name in SEARCHED:
            if name not in possible and name not in v:
                v[name] = 0.0


def _truncated(line: Line, v: Values, cues: Cues) -> None:
    if "truncated" not in v:
        v["truncated"] = float(bool(TRUNCATED.search(line.text)))


def _sentences(line: Line, v: Values, cues: Cues) -> None:
    if "sentences" not in v:
        v["sentences"] = min(3, len(SENTENCES.findall(line.text))) / 3


def _vocabulary(line: Line, v: Values, cues: Cues) -> None:
    """How common the line's words are, and whether one of them is a clause's verb."""
    words = line.words
    nw = len(words)
    v["no_verb"] = float(not has_finite_verb(words))
    v["function_share"] = 1.0 - (sum(zipf(w.lower()) >= FUNCTION_ZIPF for w in words) / nw if nw else 0.0)


def _characters(line: Line, v: Values, cues: Cues) -> None:
    """Capitals and digits, character by character."""
    text = line.text
    letters = _LETTERS.findall(text)
    v["all_caps"] = float(
        len(line.words) >= 2 and len(letters) >= 6 and sum(map(str.isupper, letters)) / len(letters) > 0.8
    )
    v["digit_share"] = sum(map(str.isdigit, text)) / max(1, len(text.replace(" ", "")))


_LAYOUT = (
    *("bias", "first", "last", "top", "bottom", "short", "log_words", "long", "no_final_punct", "parenthesised"),
    *("question", "list_marker", "headline_run", "window_headlines", "after_body", "before_body", "near_flagged"),
    *("tail_block", "past_body", "under_flagged", "run_off_topic", "run_distinct", "pair_run", "block_off_topic"),
    "recased",
)
_FURNITURE = ("imperative", "platform", "ui_share", "agency", "ui_short", "action_short")
# every step, cheapest first; the lazy score (lazy.py) orders the steps of one cost by what they can add
STEPS: tuple[Step, ...] = (
    Step(_LAYOUT, 0, _layout, also=("ui_short", "action_short")),
    Step(("novel_words", "off_lead"), 1, _topic),
    Step(("title_case",), 1, _title_case),
    Step(_FURNITURE, 1, _furniture, also=("quote",)),
    Step((), 1, _scan, also=tuple(SEARCHED)),
    *(_pattern_step(name) for name in PATTERNS),
    Step(("truncated",), 2, _truncated),
    Step(("sentences",), 2, _sentences),
    Step(("no_verb", "function_share"), 3, _vocabulary),
    Step(("all_caps", "digit_share"), 3, _characters),
)


def line_of(facts: ArticleFacts, i: int, flagged: Sequence[bool] = ()) -> Line:
    text = facts.lines[i]
    return Line(facts, i, flagged, text, words_of(text))


def evidence_of(v: Values, cues: Cues) -> LineEvidence:
    """The evidence once every step has run."""
    return LineEvidence(tuple(v[f] for f in FEATURES), cues)


def line_evidence(facts: ArticleFacts, i: int, flagged: Sequence[bool] = ()) -> LineEvidence:
    """The evidence of line `i` of the article `facts` describes; `flagged`: the lines other rules found to be
    boilerplate."""
    line = line_of(facts, i, flagged)
    v: Values = {}
    cues: Cues = {}
    for step in STEPS:
        step.run(line, v, cues)
    return evidence_of(v, cues)
