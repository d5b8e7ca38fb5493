"""kind: initialism-dots: one initialism written both with and without full stops in an article (US and U.S.)."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.document import Document
from ..core.findings import Hit
from .base import Checker, compile_user_regex

# an initialism of capitals, bare (US, EU, NATO) or each letter followed by a full stop (U.S., E.U.); never part of a
# longer word or a dotted run ('U.S.-China' keeps its U.S.), and not a currency sign ('US$', which has no dotted form)
_FORM = compile_user_regex(
    r"(?<![\p{L}\p{N}.])(?:(?P<dotted>(?:\p{Lu}\.){2,5})(?!\p{L})|(?P<bare>\p{Lu}{2,5})(?![\p{L}\p{N}$]|\.\p{Lu}))"
)
# a line with no lower-case word is a heading or a label set in capitals, where the letters say nothing of the form
_LOWER_WORD = compile_user_regex(r"\p{Ll}{3,}")
# every form has a capital (\p{Lu} as _FORM reads it: the regex module's Unicode, not str.isupper()'s)
_CAPITAL = compile_user_regex(r"\p{Lu}")


class InitialismDotsChecker(Checker):
    kind = "initialism-dots"

    def check(self, doc: Document) -> Iterator[Hit]:
        forms: dict[str, dict[bool, list[tuple[int, int, str]]]] = {}
        if _CAPITAL.search(doc.text) is None:
            return
        for line in doc.lines:
            if not _LOWER_WORD.search(line.text):
                continue
            for m in _FORM.finditer(line.text):
                written = m.group()
                letters = written.replace(".", "")
                uses = forms.setdefault(letters, {True: [], False: []})
                uses[m.group("dotted") is not None].append((line.start + m.start(), line.start + m.end(), written))
        for uses in forms.values():
            dotted, bare = uses[True], uses[False]
            # the article's own form is the one it uses more; a tie shows no habit to keep, so nothing is reported
            if not dotted or not bare or len(dotted) == len(bare):
                continue
            stray, kept = (dotted, bare) if len(dotted) < len(bare) else (bare, dotted)
            usual = kept[0][2]
            for start, end, _ in stray:
                yield _hit(doc.text, start, end, usual, len(kept))


def _hit(text: str, start: int, end: int, usual: str, times: int) -> Hit:
    """The finding on one stray form, with its fix when the full stops around it leave no doubt."""
    params = (("usual", usual), ("times", str(times)))
    after = text[end : end + 2]
    if usual.endswith(".") and after[:1] == "." and not after[1:].isalnum():
        # 'the US.' ends its sentence with the stop the dotted form ends with: 'the U.S.'
        return Hit(start, end + 1, params=params, suggestions=(usual,), replacement=usual)
    ends_sentence = end == len(text) or after[:1] == "\n" or (after[:1] == " " and after[1:].isupper())
    if not usual.endswith(".") and ends_sentence:
        # 'the U.S. The' may end a sentence on the stop of U.S. or run on to a name ('the U.S. Army')
        return Hit(start, end, params=params, suggestions=(usual,))
    return Hit(start, end, params=params, suggestions=(usual,), replacement=usual)
