"""The regular expressions of line evidence: addresses, stamps, credits, markup and other marks of page furniture."""

from __future__ import annotations

from functools import cache

import regex

from ...speed.select import Selector

_MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
PATTERNS: dict[str, regex.Pattern[str]] = {
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
# a teaser's text cut off by the page ('...', '…', '[…]', 'Read more')
TRUNCATED = regex.compile(
    r"(?:\.\.\.|…|\[(?:…|\.\.\.)\])\s*[\"”’)]?\s*$|\b(?:read more|continue reading)\b\W*$|\bmore\s*[»›→]\s*$",
    regex.I,
)

# two sentences or more on one line: a period, a closing mark, and a capital
SENTENCES = regex.compile(r"[.!?][\"”’)]?\s+\p{Lu}")
# every pattern of the line evidence, by the feature it gives
SEARCHED: dict[str, regex.Pattern[str]] = {**PATTERNS, "truncated": TRUNCATED, "sentences": SENTENCES}


@cache
def _selector() -> Selector:
    return Selector([(p.pattern, p.flags) for p in SEARCHED.values()])


def load_selector() -> None:
    """Compile (or load) the scan's database now, before workers fork."""
    _selector().load()


def may_match(text: str) -> frozenset[str] | None:
    """The features of SEARCHED whose pattern may match in `text`, by one scan of it for all of them (speed.select);
    None when there is no scan engine (then any may)."""
    ids = _selector().candidates(text)
    if ids is None:
        return None
    names = tuple(SEARCHED)
    return frozenset(names[i] for i in ids)


def first_match(pattern: str, text: str) -> str:
    """The text of the first match of the named pattern in `text`, or ''."""
    m = PATTERNS[pattern].search(text)
    return m.group().strip() if m is not None else ""
