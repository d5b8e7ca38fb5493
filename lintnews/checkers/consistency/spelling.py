"""mode spelling: a name spelled two ways in one article (a whole two-word name, or one of its words), or
spelled otherwise in the other files of the run."""

from __future__ import annotations

from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import replace

from ...core.document import Document
from ...core.findings import Hit, Severity
from ...core.lexicon import zipf
from .names import ANCHOR_MAX_ZIPF, COMMON_ZIPF, MISSPELT_MAX_ZIPF, Occurrence, pairs
from .token_forms import TokenForm, distinct_people, token_forms
from .words import (
    damerau,
    fold,
    inner_deletions,
    inner_transposition,
    one_inner_edit,
    same_but_ending,
    skeleton,
    suffixed,
    translit_key,
    variants,
)

Name = tuple[str, str]


def variant_groups(keys: Iterable[tuple[str, str]]) -> list[list[tuple[str, str]]]:
    """Names that share one word and spell the other two ways: (Antony, Blinken) ~ (Anthony, Blinken)."""
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
        # two spellings of one word share its consonant outline (see `variants`): a common first name shared
        # by thousands of names in an archive is compared within outlines, not pair by pair
        outline: dict[str, list[int]] = {}
        for i, k in enumerate(ks):
            if len(k[other]) >= 4:
                outline.setdefault(skeleton(k[other]), []).append(i)
        for i, x in enumerate(ks):
            if len(x[other]) < 4:
                continue  # too short to have a variant
            same = outline[skeleton(x[other])]
            later = same[bisect_right(same, i) :]
            group = [x] + [ks[j] for j in later if variants(x[other], ks[j][other])]
            key = frozenset(group)
            if len(group) > 1 and key not in seen:
                seen.add(key)
                groups.append(group)
    return groups


def token_variant_pairs(forms: dict[str, TokenForm], max_zipf: float) -> list[tuple[TokenForm, TokenForm, str]]:
    """Pairs of spellings of one name: the same letters but for accents, one inner letter, or an acronym's order."""
    out: list[tuple[TokenForm, TokenForm, str]] = []
    seen: set[frozenset[str]] = set()
    for (how, _), ws in _variant_keys(forms).items():
        if len(ws) < 2:
            continue  # most keys: one spelling, nothing to pair
        for i, a in enumerate(ws):
            for b in ws[i + 1 :]:
                pair = frozenset((a, b))
                if a == b or pair in seen:
                    continue
                x, y = forms[a], forms[b]
                if _may_be_variants(how, x, y, max_zipf) and not distinct_people(x, y) and not (x.glued and y.glued):
                    seen.add(pair)
                    out.append((x, y, how))
    return out


def _variant_keys(forms: dict[str, TokenForm]) -> dict[tuple[str, str], list[str]]:
    """The words of a name by each key two spellings of it may share: (how they would differ, the key)."""
    by_key: dict[tuple[str, str], list[str]] = {}
    # a common word capitalised only to start a sentence ('Resume the talks') is not a name
    names = [
        w
        for w, tf in forms.items()
        if not (zipf(w) >= ANCHOR_MAX_ZIPF or (not tf.mid and w[1:].islower() and zipf(w) >= COMMON_ZIPF))
    ]
    # words one inner edit apart share their first and last letters and differ in length by one at most: only
    # a word with such a neighbour can share an edit key, so the others' keys (most words) are not made
    shapes = Counter((w[0], w[-1], len(w)) for w in names if len(w) >= 4 and w.isalpha())
    for w in names:
        by_key.setdefault(("fold", fold(w)), []).append(w)
        if w.isupper() and 2 <= len(w) <= 5:
            by_key.setdefault(("anagram", "".join(sorted(w))), []).append(w)
        elif len(w) >= 4 and w.isalpha():
            first, last, n = w[0], w[-1], len(w)
            if shapes[(first, last, n)] > 1 or shapes[(first, last, n - 1)] or shapes[(first, last, n + 1)]:
                for d in set(inner_deletions(w)):
                    by_key.setdefault(("edit", d), []).append(w)
            if len(w) >= 5:
                by_key.setdefault(("translit", translit_key(w)), []).append(w)
            if len(w) >= 7:
                # two slips in a long name: its first and last letters stay
                by_key.setdefault(("slip2", f"{first}{last}"), []).append(w)
    return by_key


def _may_be_variants(how: str, x: TokenForm, y: TokenForm, max_zipf: float) -> bool:
    """Are two spellings that share a key of kind `how` two spellings of one name by the letters and by how
    common English sources find them?"""
    a, b = x.form, y.form
    if how == "edit":
        # a misspelling is a rare word; two common words one letter apart are two words (Sudan, Sedan)
        # a case difference ('Airpods', 'AirPods') is house style, not a misspelt name
        ok = a[0] == b[0] and a.lower() != b.lower() and (one_inner_edit(a, b) or inner_transposition(a, b))
        ok = ok and min(zipf(a), zipf(b)) < max_zipf
    elif how == "translit":
        # two romanisations of one name (Younis/Yunis): both may be attested, so both must be used as
        # names (capitalised inside a sentence), not ordinary words starting a sentence (Dinner/Diner)
        ok = a[0] == b[0] and a.lower() != b.lower() and damerau(a.lower(), b.lower()) <= 2
        ok = ok and (min(zipf(a), zipf(b)) < max_zipf or (x.mid > 0 and y.mid > 0))
        ok = ok and not suffixed(a.lower(), b.lower())
    elif how == "slip2":
        # two letters slipped in a long name that English sources never saw
        ok = abs(len(a) - len(b)) <= 1 and damerau(a.lower(), b.lower()) == 2
        ok = ok and min(zipf(a), zipf(b)) < MISSPELT_MAX_ZIPF
    elif how == "anagram":
        # 'IA' for 'AI', 'UE' for 'EU': the source language's order of the initials
        ok = len(a) >= 3 or bool(x.before & y.before) or min(zipf(a), zipf(b)) < max_zipf + 0.5
    else:
        ok = True
    return ok


def pick_spelling(x: TokenForm, y: TokenForm) -> tuple[TokenForm, TokenForm]:
    """(winner, loser): a clear majority wins; otherwise the spelling of the first mention, which introduces the
    name in full; a spelling English has never seen loses to one it knows."""
    cx, cy = len(x.occurrences), len(y.occurrences)
    if max(cx, cy) >= 3 and max(cx, cy) >= 2 * min(cx, cy):
        return (x, y) if cx > cy else (y, x)
    zx, zy = zipf(x.form), zipf(y.form)
    if (zx == 0.0) != (zy == 0.0) and x.form == fold(x.form) and y.form == fold(y.form):
        return (y, x) if zx == 0.0 else (x, y)
    return (x, y) if x.first <= y.first else (y, x)


def winner(canonical: set[Name], counts: Counter[tuple[str, str]], order: list[tuple[str, str]]) -> tuple[str, str]:
    """The majority spelling; a tie goes to a known canonical spelling, else to the one seen first."""
    best = max(counts.values())
    tied = [k for k in order if counts[k] == best]
    for k in tied:
        if k in canonical:
            return k
    return tied[0]


def check(doc: Document, canonical: set[Name], max_zipf: float) -> Iterator[Hit]:
    found = pairs(doc)
    taken: list[tuple[int, int]] = []
    for group in variant_groups(found):
        counts = Counter({k: len(found[k]) for k in group})
        order = sorted(group, key=lambda k: found[k][0].start)
        win = winner(canonical, counts, order)
        for k in group:
            if k == win:
                continue
            for occ in found[k]:
                taken.append((occ.start, occ.end))
                yield spelling_hit(occ, " ".join(win), "in this article")
    yield from _token_spelling(doc, taken, max_zipf)


def _token_spelling(doc: Document, taken: list[tuple[int, int]], max_zipf: float) -> Iterator[Hit]:
    """One word of a name spelled two ways: accents dropped, one inner letter, initials swapped."""
    forms = token_forms(doc)
    wrong: dict[int, tuple[Occurrence, str, bool]] = {}
    for x, y, how in token_variant_pairs(forms, max_zipf):
        win, lose = pick_spelling(x, y)
        # a spelling English sources attest (Zelensky, Garett) may be another transliteration or another
        # person: only a spelling never seen is reported as a one-letter slip; two attested romanisations
        # of one sound (Mohamed/Mohammed, Yunis/Younis) are a note: the article may quote another source
        romanised = translit_key(lose.form) == translit_key(win.form)
        attested = zipf(lose.form) >= MISSPELT_MAX_ZIPF
        if lose.glued or (how in ("edit", "slip2") and attested and not romanised):
            continue
        # the ending of a romanised name is house style (Zelensky, Zelenskyy, Zelenskiy: one wire each)
        ending = how == "translit" and same_but_ending(lose.form.lower(), win.form.lower())
        note = (attested or ending) and how in ("edit", "translit", "slip2")
        for occ in lose.occurrences:
            if not any(s < occ.end and occ.start < e for s, e in taken):
                wrong.setdefault(occ.start, (occ, win.form, note))
    # 'Monica Garcia' for 'Mónica García': one finding for the name, not one per word
    run: list[tuple[Occurrence, str, bool]] = []
    for start in sorted(wrong):
        occ, right, note = wrong[start]
        if run and doc.text[run[-1][0].end : occ.start] != " ":
            yield token_hit(run)
            run = []
        run.append((occ, right, note))
    if run:
        yield token_hit(run)


def token_hit(run: list[tuple[Occurrence, str, bool]]) -> Hit:
    occ = Occurrence(run[0][0].start, run[-1][0].end, " ".join(o.form for o, _, _ in run))
    hit = spelling_hit(occ, " ".join(r for _, r, _ in run), "in this article")
    return replace(hit, severity=Severity.INFO) if all(note for _, _, note in run) else hit


def spelling_corpus(
    docs: list[Document], table: dict[str, dict[Name, list[Occurrence]]], canonical: set[Name]
) -> Iterator[tuple[str, Hit]]:
    doc_count: Counter[tuple[str, str]] = Counter()
    first_seen: dict[tuple[str, str], int] = {}
    for n, d in enumerate(docs):
        for k in table[d.path]:
            doc_count[k] += 1
            first_seen.setdefault(k, n)
    for group in variant_groups(doc_count):
        order = sorted(group, key=lambda k: first_seen[k])
        win = winner(canonical, Counter({k: doc_count[k] for k in group}), order)
        for d in docs:
            present = [k for k in group if k in table[d.path]]
            # an article that mixes spellings is reported by the single-article check
            if len(present) != 1 or present[0] == win:
                continue
            # unrelated articles may follow different house styles (Zelensky, Zelenskyy): only a known
            # spelling makes the difference an error, otherwise it is a note
            sure = win in canonical
            for occ in table[d.path][present[0]]:
                hit = spelling_hit(occ, " ".join(win), "in other files of this run")
                yield d.path, hit if sure else replace(hit, severity=Severity.INFO)


def spelling_hit(occ: Occurrence, win: str, where: str) -> Hit:
    return Hit(
        occ.start,
        occ.end,
        message=f"'{occ.form}' is spelled '{win}' {where}: use one spelling.",
        suggestions=(win,),
        replacement=win,
    )
