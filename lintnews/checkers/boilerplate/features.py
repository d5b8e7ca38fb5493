"""The evidence a line gives of being page boilerplate: its shape, its words and its place, as numbers."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import regex

from ...lexicon import zipf
from .words import ACTION_OBJECT, AGENCIES, AUX, NOT_ACTION, PLATFORMS, PRONOUN_SUBJECT, UI_WORDS

_WORD = regex.compile(r"[\p{L}\p{N}][\p{L}\p{M}\p{N}'’.-]*")
_LETTERS = regex.compile(r"\p{L}")
_FINAL = regex.compile(r"""[.!?…;]["”’'»)\]]*\s*$""")
# a word English uses so often that a sentence cannot do without a few (the, of, is, to, and, ...)
FUNCTION_ZIPF = 6.0
# a verb's -ing form is a word English uses: 'share' -> 'sharing', 'follow' -> 'following'; nouns have none
VERB_ING_ZIPF = 3.0
# a word rarer than this carries a line's topic
TOPIC_ZIPF = 5.0
_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
_PATTERNS: dict[str, regex.Pattern[str]] = {
    "first_person": regex.compile(r"\b(?:you|your|our|us)\b", regex.I),
    "handle": regex.compile(r"(?<![\w.])@\w{2,}"),
    "email": regex.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+"),
    "url": regex.compile(r"https?://|\bwww\.|\b[\w-]+\.(?:com|org|net|co\.uk|io|gov|edu|info)\b", regex.I),
    "copyright": regex.compile(r"©|\(c\)\s*\d|\bcopyright\b|\ball rights reserved\b", regex.I),
    "separator": regex.compile(r"\s[|»›·•]\s|[|»›]\s*$|^\s*[|»›•]"),
    "count": regex.compile(
        r"\b\d[\d,.]*\s*(?:min(?:ute)?s?\.?\s+(?:read|listen|watch|video)|comments?|shares?|views|photos|images|replies|likes|"
        r"followers)\b|\b\d+\s+of\s+\d+\b|\bread(?:ing)? time\b",
        regex.I,
    ),
    "date": regex.compile(
        rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:,\s*\d{{4}})?|\d{{1,2}}\s+{_MONTH}\s+\d{{4}}|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}|"
        r"\d{4}-\d{2}-\d{2}|\d{1,2}:\d{2}\s*(?:[ap]\.?m\.?)?|\d+\s+(?:hours?|minutes?|days?)\s+ago)\b"
        r"|\b(?:published|updated|posted)\b",
        regex.I,
    ),
    "byline": regex.compile(
        r"^(?:by|written by|por)\s+\p{Lu}|^\p{Lu}[\w'’-]+(?:\s+\p{Lu}[\w.'’-]+){1,3},?\s+"
        r"(?:AP|Associated Press|Reuters|AFP|\p{Lu}\w+ (?:Writer|Correspondent|Reporter|Editor))\b"
        r"|\b(?:contributed (?:reporting|to this)|reporting by|editing by)\b",
        regex.I,
    ),
    # an entity, a tag, a shortcode with attributes or its closing part, a template brace; not an editor's
    # '[our]' inside a quotation
    "markup": regex.compile(
        r"&(?:lt|gt|amp|nbsp|quot|#\d+);|</?[a-z][a-z0-9]*(?:\s[^<>]*)?/?>|\[/[a-z_]+\]|\[[a-z_]+\s+[a-z_-]+=[^\]]*\]"
        r"|^\s*\[[a-z_]+\]\s*$|\{\{|\}\}",
    ),
    # a table's or a section's rule line ('|---|---|', '___'): layout, as often the story's as the page's
    "rule_line": regex.compile(r"\|\s*-{3}|^\s*[-=*_]{3,}\s*$"),
    # the page speaking of itself or of its reader: 'this article', 'our series', 'the author's own'
    "self_reference": regex.compile(
        r"\b(?:this|our|the) (?:article|story|page|post|site|website|series|newsletter|podcast|video|app|"
        r"feature|report|live blog)\b(?! (?:said|says|found|showed|shows))|\bthe author(?:['’]s)?\b",
        regex.I,
    ),
    "mt_note": regex.compile(
        r"\b(?:machine|automatic(?:ally)?|auto)[- ]?translat|\btranslated (?:automatically|by (?:a )?machine|"
        r"(?:with|using|by) (?:google|deepl|bing|an? (?:ai|artificial)))|\b(?:this|the) (?:article|story|text|"
        r"content|page) (?:was|has been|is) (?:\w+ )?translated\b",
        regex.I,
    ),
    "bracket_tag": regex.compile(r"[\[(]\s*(?:\p{Lu}{3,}|photos?|videos?|watch|pictured|gallery)\s*[\])]"),
    "label_colon": regex.compile(r"^[\w'’ -]{1,30}:\s*(?:\S|$)"),
    "dateline": regex.compile(
        r"^\p{Lu}[\p{Lu} .'’-]{2,40}(?:,\s*[\p{L}. ]{2,30})?(?:,?\s+\p{Lu}\w+\.?\s+\d{1,2})?\s*(?:\([\w .]{2,30}\))?"
        r"\s*[-–—:]\s+\S"
    ),
    "quote": regex.compile(r"[\"“”]|(?<!\w)['‘]\w[^'’]{8,}['’](?!\w)"),
}
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
}
# a teaser's text cut off by the page ('...', '…', '[…]', 'Read more')
_TRUNCATED = regex.compile(
    r"(?:\.\.\.|…|\[(?:…|\.\.\.)\])\s*[\"”’)]?\s*$|\b(?:read more|continue reading)\b\W*$|\bmore\s*[»›→]\s*$",
    regex.I,
)
# the story's lead: its title area and first paragraphs, whose topic words a line of the story shares
LEAD_PARAGRAPHS = 2
# the share of a paragraph's topic words the lead uses, at which it is a paragraph of the same story
ON_TOPIC = 0.15


@dataclass(frozen=True)
class LineEvidence:
    """A line's feature values (in FEATURES order) and, per feature, the text that gave it (for the message)."""

    values: tuple[float, ...]
    cues: dict[str, str]


@lru_cache(maxsize=8192)
def words_of(text: str) -> tuple[str, ...]:
    """The words of a line (cached: a line's neighbours ask for it again)."""
    return tuple(w.strip(".'’-") for w in _WORD.findall(text) if w.strip(".'’-"))


@lru_cache(maxsize=8192)
def is_headline_like(text: str) -> bool:
    """Short, and not ending like a sentence: a title, a teaser, a widget label."""
    n = len(words_of(text))
    return 0 < n <= 14 and not _FINAL.search(text)


def _verb_base(word: str) -> bool:
    """A verb's base form, known by its -ing form being an English word ('share' -> 'sharing')."""
    w = word.lower()
    if len(w) < 3 or not w.isalpha() or w.endswith(("ing", "ed")) or (w.endswith("s") and not w.endswith("ss")):
        return False
    forms = [w + "ing"]
    if w.endswith("e") and not w.endswith("ee"):
        forms.append(w[:-1] + "ing")
    if len(w) >= 3 and w[-1] not in "aeiouwxy" and w[-2] in "aeiou" and w[-3] not in "aeiou":
        forms.append(w + w[-1] + "ing")
    return max(zipf(f) for f in forms) >= VERB_ING_ZIPF and zipf(w) < FUNCTION_ZIPF


def imperative_opener(words: Sequence[str]) -> str:
    """The verb of a call to action opening the line ('Follow us', 'Sign up', 'SUBSCRIBE'), or ''."""
    if not words:
        return ""
    i = 1 if words[0].lower() == "please" and len(words) > 1 else 0
    first = words[i]
    if first.lower() in NOT_ACTION or not (i or first[:1].isupper()) or not _verb_base(first):
        return ""
    rest = words[i + 1 :]
    if not rest or len(words) <= 3:
        return first
    nxt = rest[0]
    # 'Follow Tom on Twitter', 'Watch CBSN live': a short line may name what to follow or watch
    if nxt.lower() in ACTION_OBJECT or (nxt[:1].isupper() and len(words) <= 8):
        return first
    return ""


def _has_finite_verb(words: Sequence[str]) -> bool:
    low = [w.lower() for w in words]
    if any(w in AUX for w in low):
        return True
    if low and low[0] in PRONOUN_SUBJECT and len(low) > 1:
        return True
    # past tenses and third persons of lower-case words ('killed', 'rises'): a sentence's verb, mostly
    return any(
        (w.endswith("ed") and len(w) > 4) or (w.endswith("s") and not w.endswith("ss") and zipf(w[:-1]) >= 4.0)
        for w, orig in zip(low, words, strict=True)
        if orig[:1].islower()
    )


def _first(pattern: str, text: str) -> str:
    m = _PATTERNS[pattern].search(text)
    return m.group().strip() if m is not None else ""


def is_body(text: str) -> bool:
    """A paragraph of the story: long, and ending like a sentence."""
    return len(words_of(text)) >= 15 and _FINAL.search(text) is not None


@lru_cache(maxsize=8192)
def content_words(text: str) -> frozenset[str]:
    """The words of a line that carry its topic: not the commonest of English."""
    return frozenset(
        w for w in (x.lower() for x in words_of(text)) if len(w) >= 3 and w.isalpha() and zipf(w) < TOPIC_ZIPF
    )


def article_vocabulary(lines: Sequence[str]) -> Counter[str]:
    """In how many lines of the article each topic word occurs."""
    vocab: Counter[str] = Counter()
    for t in lines:
        vocab.update(content_words(t))
    return vocab


@dataclass(frozen=True)
class ArticleFacts:
    """What the evidence of every line of one article reads: worked out once per article, in linear time."""

    lines: tuple[str, ...]
    headline: tuple[bool, ...]
    first_body: int  # index of the story's first paragraph (len(lines) when none)
    last_body: int  # index of its last (-1 when none)
    before: tuple[int, ...]  # headline-like lines just before each line, in a row
    after: tuple[int, ...]  # ... and just after it
    vocab: Counter[str]
    lead: frozenset[str]  # topic words of the lines up to the story's second paragraph
    lead_end: int  # the last line of the lead
    story_end: int  # the story's last paragraph on its topic (a teaser blurb after it speaks of another story)

    @property
    def has_body(self) -> bool:
        return self.last_body >= 0


def on_topic(text: str, lead: frozenset[str]) -> bool:
    """A paragraph shares enough topic words with the story's lead to be the story's own."""
    own = content_words(text)
    return len(own) < 3 or len(own & lead) / len(own) >= ON_TOPIC


def article_facts(lines: Sequence[str]) -> ArticleFacts:
    n = len(lines)
    headline = tuple(is_headline_like(t) for t in lines)
    body = [j for j, t in enumerate(lines) if is_body(t)]
    before = [0] * n
    after = [0] * n
    for j in range(1, n):
        before[j] = before[j - 1] + 1 if headline[j - 1] else 0
    for j in range(n - 2, -1, -1):
        after[j] = after[j + 1] + 1 if headline[j + 1] else 0
    first, last = (body[0], body[-1]) if body else (n, -1)
    lead_end = body[min(len(body), LEAD_PARAGRAPHS) - 1] if body else -1
    lead = frozenset(w for t in lines[: lead_end + 1] for w in content_words(t))
    story_end = max((j for j in body if j <= lead_end or on_topic(lines[j], lead)), default=-1)
    return ArticleFacts(
        tuple(lines),
        headline,
        first,
        last,
        tuple(before),
        tuple(after),
        article_vocabulary(lines),
        lead,
        lead_end,
        story_end,
    )


def line_evidence(facts: ArticleFacts, i: int, flagged: Sequence[bool] = ()) -> LineEvidence:
    """The evidence of line `i` of the article `facts` describes; `flagged`: the lines other rules found to be
    boilerplate."""
    lines = facts.lines
    text = lines[i]
    n = len(lines)
    words = words_of(text)
    nw = len(words)
    low = [w.lower() for w in words]
    cues: dict[str, str] = {}
    v: dict[str, float] = {"bias": 1.0}
    v["first"] = float(i == 0)
    v["last"] = float(i == n - 1)
    v["top"] = max(0.0, 1.0 - i / 3)
    v["bottom"] = max(0.0, 1.0 - (n - 1 - i) / 3)
    v["short"] = float(nw <= 3)
    v["log_words"] = math.log1p(nw) / 4
    v["long"] = float(nw > 30)
    v["no_final_punct"] = float(not _FINAL.search(text))
    long_words = words[1:]
    caps = [w for w in long_words if len(w) >= 4 and w[:1].isalpha()]
    v["title_case"] = sum(w[:1].isupper() for w in caps) / len(caps) if len(caps) >= 2 else 0.0
    letters = _LETTERS.findall(text)
    v["all_caps"] = float(nw >= 2 and len(letters) >= 6 and sum(c.isupper() for c in letters) / len(letters) > 0.8)
    v["no_verb"] = float(not _has_finite_verb(words))
    v["function_share"] = 1.0 - (sum(zipf(w) >= FUNCTION_ZIPF for w in low) / nw if nw else 0.0)
    verb = imperative_opener(words)
    v["imperative"] = float(bool(verb))
    if verb:
        cues["imperative"] = verb
    plat = [w for w in words if w.lower() in PLATFORMS]
    v["platform"] = float(bool(plat))
    if plat:
        cues["platform"] = plat[0]
    v["ui_share"] = sum(w in UI_WORDS for w in low) / nw if nw else 0.0
    agency = [w for w in words if w.lower() in AGENCIES and (w.isupper() or w[:1].isupper())]
    v["agency"] = float(bool(agency))
    if agency:
        cues["agency"] = agency[0]
    for name in _PATTERNS:  # in the order their cues are named in a message
        found = _first(name, text)
        v[name] = float(bool(found))
        if found:
            cues[name] = found[:40]
    stripped = text.strip()
    v["parenthesised"] = float(stripped[:1] in "([" and stripped[-1:] in ")]")
    v["question"] = float(stripped.endswith("?"))
    v["sentences"] = min(3, len(regex.findall(r"[.!?][\"”’)]?\s+\p{Lu}", text))) / 3
    digits = sum(c.isdigit() for c in text)
    v["digit_share"] = digits / max(1, len(text.replace(" ", "")))
    run = facts.before[i] + facts.after[i]
    v["headline_run"] = math.log1p(run) / 2 if facts.headline[i] else 0.0
    window = [j for j in range(max(0, i - 3), min(n, i + 4)) if j != i]
    v["window_headlines"] = sum(facts.headline[j] for j in window) / len(window) if window else 0.0
    v["after_body"] = float(facts.last_body <= i)
    v["before_body"] = float(facts.first_body >= i)
    v["near_flagged"] = sum(bool(flagged[j]) for j in window if j < len(flagged)) / len(window) if window else 0.0
    v["list_marker"] = float(bool(regex.match(r"\s*[-–•*·]\s+\S", text)))
    # a teaser names another story: its topic words are not the article's (a subhead's are)
    own = content_words(text)
    v["novel_words"] = sum(facts.vocab[w] <= 1 for w in own) / len(own) if len(own) >= 2 else 0.0
    # a widget is a few words of controls ('Copy link', 'Back to top'), a headline with one such word is not
    v["ui_short"] = v["ui_share"] if nw <= 4 else 0.0
    v["action_short"] = v["imperative"] if nw <= 10 and not v["quote"] else 0.0
    v["truncated"] = float(bool(_TRUNCATED.search(text)))
    # after the story's last paragraph on its topic: a headline there is another story's, a blurb a teaser
    after_story = facts.has_body and i > facts.story_end
    v["tail_block"] = float(after_story and facts.headline[i])
    v["past_body"] = min(1.0, (i - facts.story_end) / 5) if after_story else 0.0
    # after the story, below a line other rules found ('Related stories', a share bar): the page's tail
    v["under_flagged"] = float(after_story and any(flagged[facts.story_end + 1 : i]))
    # a teaser or a listing's blurb is about another story: its topic words are not the lead's
    v["off_lead"] = (
        sum(w not in facts.lead for w in own) / len(own)
        if len(own) >= 3 and facts.has_body and i > facts.lead_end
        else 0.0
    )
    return LineEvidence(tuple(v[f] for f in FEATURES), cues)
