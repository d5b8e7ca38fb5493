"""mode particle: an Arabic article glued to a name two ways in one article (al-Sisi, el Sisi, Al Sisi)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import regex

from ...core.anchored import anchored_finditer, run_back
from ...core.document import Document
from ...core.findings import Hit
from ..base import compile_user_regex

# an Arabic article glued to a name: al-Sisi, el Sisi, Al Thani
_PARTICLE_NAME = compile_user_regex(r"(?<![\w-])(?P<p>[Aa]l|[Ee]l)(?P<sep>[ -])(?P<head>\p{Lu}\p{Ll}+)(?![\w-])")
# what every match holds, the particle's `l` before its joiner and a capital (a literal first: no look-behind
# tried at every character), and what a match is made of up to it
_PARTICLE_CORE = compile_user_regex(r"l[ -]\p{Lu}")
_PARTICLE_BACK = run_back("AaEel")


def check(doc: Document) -> Iterator[Hit]:
    forms: dict[str, list[regex.Match[str]]] = {}
    for m in anchored_finditer(_PARTICLE_NAME, _PARTICLE_CORE, _PARTICLE_BACK, doc.text):
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
