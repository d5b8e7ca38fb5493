"""kind: consistency: a name spelled two ways in an article or across a run, or written in lower case."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from typing import Any

import regex

from ..document import Document
from ..findings import Hit, Severity
from .base import Checker, Option, list_of_str

MODES = ("particle", "spelling", "lowercase")
# an Arabic article glued to a name: al-Sisi, el Sisi, Al Thani
_PARTICLE_NAME = regex.compile(r"(?<![\w-])(?P<p>[Aa]l|[Ee]l)(?P<sep>[ -])(?P<head>\p{Lu}\p{Ll}+)(?![\w-])")
# no apostrophe: Trump's and Trump’s are one name, the quote mark is punctuation's business
_NAME = r"\p{Lu}\p{Ll}+(?:-\p{Lu}\p{Ll}+)?"
_WORDS = regex.compile(r"\w+")
# preceded by a lower-case word or a comma: capitalised because it is a name, not because a sentence starts
_MID_NAME = regex.compile(rf"(?<=\b\p{{Ll}}+ |[,;] )({_NAME})")
# the second word may run into the next sentence ('khan younisOne'): a capital ends it too
_LOWER_PAIR = regex.compile(r"(?<![\w@#/.-])(?P<a>\p{Ll}+) (?P<b>\p{Ll}+)(?=\p{Lu}|(?![\w@-]))")
_MID_PAIR = regex.compile(r"(?<=\b\p{Ll}+ |[,;] )")
# a word this common ('State', 'President') is a title or an ordinary word, not the name that anchors a variant
ANCHOR_MAX_ZIPF = 5.0
# two capitalised words in a row: a given name and a surname, or a two-word place (Khan Yunis)
_PAIR = regex.compile(rf"(?<![\w@#/.-])(?P<a>{_NAME}) (?P<b>{_NAME})(?![\w@-])")
_LOWER_WORD = regex.compile(r"(?<![\w@#/.&=-])\p{Ll}[\p{Ll}'’]+(?![\w@/-]|\.\w)")


def _mode(value: Any) -> str:
    if value not in MODES:
        raise ValueError(f"must be one of {', '.join(MODES)}")
    return str(value)


def skeleton(word: str) -> str:
    """Consonant outline of a transliterated name: Yunis/Younis -> yns, Mohammed/Mohamed -> md."""
    low = word.lower()
    out = low[0] + regex.sub(r"[aeiouyhw'’-]", "", low[1:])
    return str(regex.sub(r"(.)\1+", r"\1", out))


def edit_distance(a: str, b: str) -> int:
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i]
        for j, cb in enumerate(b, 1):
            cur.append(min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb)))
        prev = cur
    return prev[-1]


def variants(a: str, b: str) -> bool:
    """Two spellings of one transliterated name (Antony/Anthony), not two names (Iran/Iraq, Maria/Mario)."""
    if a == b or a.lower() == b.lower() or min(len(a), len(b)) < 4:
        return False
    if a[0].lower() != b[0].lower() or a[-1].lower() != b[-1].lower():
        return False
    return skeleton(a) == skeleton(b) and edit_distance(a.lower(), b.lower()) <= 2


@dataclass(frozen=True)
class Occurrence:
    start: int
    end: int
    form: str


def title_case(text: str) -> bool:
    words = [w for w in _WORDS.findall(text) if w[:1].isalpha()]
    return len(words) > 1 and sum(w[:1].isupper() for w in words) / len(words) > 0.5


def headline_spans(doc: Document) -> list[tuple[int, int]]:
    """Lines in title case (headlines, product names): their capitals say nothing about names."""
    key = "consistency-headlines"
    if key not in doc.cache:
        # a caption made of names ends with a period; a headline or a product name does not
        doc.cache[key] = [
            (b.start, b.end) for b in doc.lines if title_case(b.text) and not b.text.rstrip().endswith(".")
        ]
    spans: list[tuple[int, int]] = doc.cache[key]
    return spans


def in_spans(offset: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= offset < e for s, e in spans)


def pairs(doc: Document) -> dict[tuple[str, str], list[Occurrence]]:
    """Every two-word capitalised name of the document (outside headlines), by its spelling."""
    out: dict[tuple[str, str], list[Occurrence]] = {}
    heads = headline_spans(doc)
    for m in _PAIR.finditer(doc.text, overlapped=True):
        if in_spans(m.start(), heads):
            continue
        key = (m.group("a"), m.group("b"))
        out.setdefault(key, []).append(Occurrence(m.start(), m.end(), m.group()))
    return out


def variant_groups(keys: Iterable[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Names that share one word and spell the other two ways: (Antony, Blinken) ~ (Anthony, Blinken)."""
    from ..lexicon import zipf

    by_anchor: dict[tuple[int, str], list[tuple[str, str]]] = {}
    for k in keys:
        if zipf(k[0]) >= ANCHOR_MAX_ZIPF or zipf(k[1]) >= ANCHOR_MAX_ZIPF:
            continue
        by_anchor.setdefault((0, k[0]), []).append(k)
        by_anchor.setdefault((1, k[1]), []).append(k)
    groups: list[list[tuple[str, str]]] = []
    seen: set[frozenset[tuple[str, str]]] = set()
    for (side, _), ks in by_anchor.items():
        other = 1 - side
        for i, x in enumerate(ks):
            group = [x] + [y for y in ks[i + 1 :] if variants(x[other], y[other])]
            key = frozenset(group)
            if len(group) > 1 and key not in seen:
                seen.add(key)
                groups.append(group)
    return groups


class ConsistencyChecker(Checker):
    kind = "consistency"
    cross_document = True
    options = {
        "mode": Option(_mode, required=True, help="particle | spelling | lowercase"),
        "canonical": Option(list_of_str, default=[], help="spellings that win a tie (Antony Blinken)"),
        "known_names": Option(dict, default={}, help="lower-case form -> proper form (usa: USA)"),
        "max_zipf": Option(float, default=3.0, help="a lower-case word more common than this is an ordinary word"),
    }

    def setup(self) -> None:
        self.canonical = {tuple(c.split(" ", 1)) for c in self.opts["canonical"] if " " in c}
        self.known = {str(k): str(v) for k, v in self.opts["known_names"].items()}

    def check(self, doc: Document) -> Iterator[Hit]:
        mode = self.opts["mode"]
        if mode == "particle":
            yield from self._particle(doc)
        elif mode == "spelling":
            yield from self._spelling(doc)
        else:
            yield from self._lowercase(doc)

    def check_corpus(self, docs: list[Document]) -> Iterator[tuple[Document, Hit]]:
        if self.opts["mode"] != "spelling":
            return
        table = {d.path: pairs(d) for d in docs}
        by_path = {d.path: d for d in docs}
        for path, hit in self._spelling_corpus(docs, table):
            yield by_path[path], hit

    def _winner(self, counts: Counter[tuple[str, str]], order: list[tuple[str, str]]) -> tuple[str, str]:
        """The majority spelling; a tie goes to a known canonical spelling, else to the one seen first."""
        best = max(counts.values())
        tied = [k for k in order if counts[k] == best]
        for k in tied:
            if k in self.canonical:
                return k
        return tied[0]

    def _spelling(self, doc: Document) -> Iterator[Hit]:
        found = pairs(doc)
        for group in variant_groups(found):
            counts = Counter({k: len(found[k]) for k in group})
            order = sorted(group, key=lambda k: found[k][0].start)
            win = self._winner(counts, order)
            for k in group:
                if k == win:
                    continue
                for occ in found[k]:
                    yield self._spelling_hit(occ, " ".join(win), "in this article")

    def _spelling_corpus(
        self, docs: list[Document], table: dict[str, dict[tuple[str, str], list[Occurrence]]]
    ) -> Iterator[tuple[str, Hit]]:
        doc_count: Counter[tuple[str, str]] = Counter()
        first_seen: dict[tuple[str, str], int] = {}
        for n, d in enumerate(docs):
            for k in table[d.path]:
                doc_count[k] += 1
                first_seen.setdefault(k, n)
        for group in variant_groups(doc_count):
            order = sorted(group, key=lambda k: first_seen[k])
            win = self._winner(Counter({k: doc_count[k] for k in group}), order)
            for d in docs:
                present = [k for k in group if k in table[d.path]]
                # an article that mixes spellings is reported by the single-article check
                if len(present) != 1 or present[0] == win:
                    continue
                # unrelated articles may follow different house styles (Zelensky, Zelenskyy): only a known
                # spelling makes the difference an error, otherwise it is a note
                sure = win in self.canonical
                for occ in table[d.path][present[0]]:
                    hit = self._spelling_hit(occ, " ".join(win), "in other files of this run")
                    yield d.path, hit if sure else replace(hit, severity=Severity.INFO)

    def _spelling_hit(self, occ: Occurrence, win: str, where: str) -> Hit:
        return Hit(
            occ.start,
            occ.end,
            message=f"'{occ.form}' is spelled '{win}' {where}: use one spelling.",
            suggestions=(win,),
            replacement=win,
        )

    def _particle(self, doc: Document) -> Iterator[Hit]:
        forms: dict[str, list[regex.Match[str]]] = {}
        for m in _PARTICLE_NAME.finditer(doc.text):
            forms.setdefault(m.group("head"), []).append(m)
        for matches in forms.values():
            # the article's case follows the sentence (Al-Sisi at the start), so only letters and joiner count
            spelled = Counter(m.group("p").lower() + m.group("sep") for m in matches)
            if len(spelled) < 2:
                continue
            # news style joins the article with a hyphen (al-Sisi); otherwise the majority wins
            best = max(spelled.values())
            tied = [s for s in spelled if spelled[s] == best]
            win = min(tied, key=lambda s: (s[-1] != "-", s != "al-"))
            for m in matches:
                if m.group("p").lower() + m.group("sep") == win:
                    continue
                right = (win.capitalize() if m.group("p")[0].isupper() else win) + m.group("head")
                yield Hit(
                    m.start(),
                    m.end(),
                    message=f"'{m.group()}' is written '{right}' elsewhere in this article: use one spelling.",
                    suggestions=(right,),
                    replacement=right,
                )

    def _lowercase(self, doc: Document) -> Iterator[Hit]:
        from ..lexicon import zipf

        text = doc.text
        caps = pairs(doc)
        # capitalised words seen after another word (so not capitalised only for starting a sentence)
        heads = headline_spans(doc)
        mid: Counter[str] = Counter()
        for m in _MID_NAME.finditer(text):
            if not in_spans(m.start(), heads):
                mid[m.group(1)] += 1
        lower_count: Counter[str] = Counter(m.group() for m in _LOWER_WORD.finditer(text))
        taken: set[int] = set()
        # a lower-case copy of a two-word name of the article: 'khan younis' for 'Khan Yunis'
        by_first: dict[str, list[tuple[str, str]]] = {}
        for (a, b), occs in caps.items():
            # a name, not a heading or a nickname in quotes: written capitalised inside a sentence
            if any(_MID_PAIR.match(text, o.start) for o in occs):
                by_first.setdefault(a.lower(), []).append((a, b))
        if by_first:
            for m in _LOWER_PAIR.finditer(text, overlapped=True):
                first, second = m.group("a"), m.group("b")
                for a, b in by_first.get(first, ()):
                    # an ordinary phrase ('national security') is not a name in lower case: one word must be rare
                    rare = min(zipf(a), zipf(second)) < self.opts["max_zipf"]
                    if rare and (second == b.lower() or variants(second, b)):
                        right = f"{a} {b}"
                        taken.add(m.start())
                        yield Hit(
                            m.start(),
                            m.end(),
                            message=f"'{m.group()}' is a name, written '{right}' elsewhere in this article.",
                            suggestions=(right,),
                            replacement=right,
                        )
                        break
        for m in _LOWER_WORD.finditer(text):
            w = m.group()
            if m.start() in taken:
                continue
            known = self.known.get(w)
            if known is not None:
                yield Hit(
                    m.start(),
                    m.end(),
                    message=f"'{w}' is a name: write '{known}'.",
                    suggestions=(known,),
                    replacement=known,
                )
                continue
            cap = w[:1].upper() + w[1:]
            # the article writes it capitalised (twice or more, mid-sentence) and only once in lower case,
            # and it is rare as an ordinary English word
            if mid[cap] >= 2 and lower_count[w] == 1 and len(w) >= 4 and zipf(w) < self.opts["max_zipf"]:
                yield Hit(
                    m.start(),
                    m.end(),
                    message=f"'{w}' is written '{cap}' elsewhere in this article.",
                    suggestions=(cap,),
                    replacement=cap,
                )


CHECKER = ConsistencyChecker
