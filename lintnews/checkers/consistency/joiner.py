"""mode joiner: two parts of a name joined two ways in one article ('Kim Jong Un' and 'Kim Jong-un')."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

import regex

from ...core.document import Document
from ...core.findings import Hit
from ..base import compile_user_regex
from .names import headline_spans, in_spans

# two parts of a name joined by a hyphen (any case after it) or a space (a capital after it): Jong-un, Jong Un
_JOINED = compile_user_regex(r"(?<![\w-])(?P<a>\p{Lu}\p{Ll}+)(?:-(?P<b>\p{L}\p{Ll}+)|[ ](?P<b>\p{Lu}\p{Ll}+))(?![\w-])")


def check(doc: Document) -> Iterator[Hit]:
    """Two parts of a name joined two ways in one article: 'Kim Jong Un' and 'Kim Jong-un', 'Coca Cola'."""
    heads = headline_spans(doc)
    forms: dict[str, list[regex.Match[str]]] = {}
    for m in _JOINED.finditer(doc.text, overlapped=True):
        if in_spans(m.start(), heads):
            continue
        forms.setdefault((m.group("a") + m.group("b")).lower(), []).append(m)
    for matches in forms.values():
        spelled = Counter(m.group() for m in matches)
        if len(spelled) < 2:
            continue
        # the majority; a tie goes to the spelling of the first mention, which introduces the name
        best = max(spelled.values())
        win = next(m.group() for m in matches if spelled[m.group()] == best)
        for m in matches:
            if m.group() == win:
                continue
            yield Hit(
                m.start(),
                m.end(),
                message=f"'{m.group()}' is written '{win}' elsewhere in this article: use one spelling.",
                suggestions=(win,),
                replacement=win,
            )
