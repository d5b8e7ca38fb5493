"""The evidence a line gives of being page boilerplate: its shape, its words and its place, as numbers."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

import regex

from ...core.lexicon import zipf
from .lines import FINAL, FUNCTION_ZIPF, content_words, has_finite_verb, imperative_opener, words_of
from .page import ArticleFacts
from .patterns import PATTERNS, TRUNCATED, first_match
from .words import AGENCIES, PLATFORMS, UI_WORDS

_LETTERS = regex.compile(r"\p{L}")
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


def _shape(text: str, words: Sequence[str], v: dict[str, float]) -> None:
    """Length, punctuation and capitals."""
    nw = len(words)
    v["short"] = float(nw <= 3)
    v["log_words"] = math.log1p(nw) / 4
    v["long"] = float(nw > 30)
    v["no_final_punct"] = float(not FINAL.search(text))
    caps = [w for w in words[1:] if len(w) >= 4 and w[:1].isalpha()]
    v["title_case"] = sum(w[:1].isupper() for w in caps) / len(caps) if len(caps) >= 2 else 0.0
    letters = _LETTERS.findall(text)
    v["all_caps"] = float(nw >= 2 and len(letters) >= 6 and sum(c.isupper() for c in letters) / len(letters) > 0.8)
    v["no_verb"] = float(not has_finite_verb(words))
    low = [w.lower() for w in words]
    v["function_share"] = 1.0 - (sum(zipf(w) >= FUNCTION_ZIPF for w in low) / nw if nw else 0.0)
    stripped = text.strip()
    v["parenthesised"] = float(stripped[:1] in "([" and stripped[-1:] in ")]")
    v["question"] = float(stripped.endswith("?"))
    v["sentences"] = min(3, len(regex.findall(r"[.!?][\"”’)]?\s+\p{Lu}", text))) / 3
    v["digit_share"] = sum(c.isdigit() for c in text) / max(1, len(text.replace(" ", "")))
    v["list_marker"] = float(bool(regex.match(r"\s*[-–•*·]\s+\S", text)))
    v["truncated"] = float(bool(TRUNCATED.search(text)))


def _words(text: str, words: Sequence[str], v: dict[str, float], cues: dict[str, str]) -> None:
    """Calls to action, platforms, page-furniture words, agencies and the patterns of patterns.py."""
    nw = len(words)
    low = [w.lower() for w in words]
    verb = imperative_opener(words)
    v["imperative"] = float(bool(verb))
    plat = [w for w in words if w.lower() in PLATFORMS]
    v["platform"] = float(bool(plat))
    v["ui_share"] = sum(w in UI_WORDS for w in low) / nw if nw else 0.0
    agency = [w for w in words if w.lower() in AGENCIES and (w.isupper() or w[:1].isupper())]
    v["agency"] = float(bool(agency))
    for name, found in (
        ("imperative", verb),
        ("platform", plat[0] if plat else ""),
        ("agency", agency[0] if agency else ""),
    ):
        if found:
            cues[name] = found
    for name in PATTERNS:  # in the order their cues are named in a message
        found = first_match(name, text)
        v[name] = float(bool(found))
        if found:
            cues[name] = found[:40]
    # a widget is a few words of controls ('Copy link', 'Back to top'), a headline with one such word is not
    v["ui_short"] = v["ui_share"] if nw <= 4 else 0.0
    v["action_short"] = v["imperative"] if nw <= 10 and not v["quote"] else 0.0


def _place(facts: ArticleFacts, i: int, flagged: Sequence[bool], v: dict[str, float]) -> None:
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


def _topic(facts: ArticleFacts, i: int, v: dict[str, float]) -> None:
    """Whether the line speaks of the story's topic: a teaser names another story, a subhead this one."""
    own = content_words(facts.lines[i])
    v["novel_words"] = sum(facts.vocab[w] <= 1 for w in own) / len(own) if len(own) >= 2 else 0.0
    v["off_lead"] = (
        sum(w not in facts.lead for w in own) / len(own)
        if len(own) >= 3 and facts.has_body and i > facts.lead_end
        else 0.0
    )
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


def _recased(facts: ArticleFacts, i: int, words: Sequence[str]) -> float:
    """After the story's end, the share of a headline's capitalised words that the page's paragraphs write in lower
    case: another story's title in title case ('Where Landers Will Land'); a name is capitalised in the paragraphs
    too. (Inside the story a subhead in title case is the story's own.)"""
    if not facts.headline[i] or not facts.has_body or i <= facts.story_end:
        return 0.0
    caps = [w for w in words[1:] if len(w) >= 3 and w.isalpha() and w[0].isupper() and not w.isupper()]
    return sum(w.lower() in facts.lower for w in caps) / len(caps) if len(caps) >= 2 else 0.0


def line_evidence(facts: ArticleFacts, i: int, flagged: Sequence[bool] = ()) -> LineEvidence:
    """The evidence of line `i` of the article `facts` describes; `flagged`: the lines other rules found to be
    boilerplate."""
    text = facts.lines[i]
    words = words_of(text)
    cues: dict[str, str] = {}
    v: dict[str, float] = {"bias": 1.0}
    _shape(text, words, v)
    _words(text, words, v, cues)
    _place(facts, i, flagged, v)
    _topic(facts, i, v)
    v["recased"] = _recased(facts, i, words)
    return LineEvidence(tuple(v[f] for f in FEATURES), cues)
