"""Patterns of the stretches of inline content that no inline rule starts in, for the traced parser's steps."""

from __future__ import annotations

import re
from functools import cache

# The one character each inline rule can start at (every rule returns False at once anywhere else): a position
# is offered only to the rules of its character, in the ruler's order. Asking all fifteen rules at each of a
# million `[` or `*` was most of the reading time; a rule not named here is asked everywhere, as before.
STARTS = {
    "newline": "\n", "escape": "\\", "backticks": "`", "strikethrough": "~", "emphasis": "*_", "link": "[",
    "image": "!", "autolink": "<", "html_inline": "<", "entity": "&", "footnote_inline": "^",
    "footnote_ref": "[", "shortcode": "{", "linkify": ":",
}  # fmt: skip
# Rules that match only up to a character that must come after their start: an autolink and an HTML tag end
# at `>`, a shortcode's every closing mark at `}`. Where the source has no such character after a position, the
# rule fails there, and its start is a mark the text rule stops at and no rule takes: text, in a stretch.
CLOSED_BY = {"autolink": ">", "html_inline": ">", "shortcode": "}"}
# bit k of a `shut` key: no SHUT[k] after the position
SHUT = ">}"


def shut_chars(enabled: tuple[str, ...], shut: int) -> str:
    """The start characters whose every enabled rule is closed by a character that the key says is not ahead."""
    gone = {SHUT[k] for k in range(len(SHUT)) if shut >> k & 1}
    out = []
    for ch in sorted({c for name in enabled if name in STARTS for c in STARTS[name]}):
        rules = [name for name in enabled if ch in STARTS.get(name, "")]
        if all(CLOSED_BY.get(name) in gone for name in rules):
            out.append(ch)
    return "".join(out)


@cache
def unstarted(enabled: tuple[str, ...], terminators: re.Pattern[str], shut: int) -> re.Pattern[str] | None:
    """One or more characters no enabled rule but the text rule starts at (under the `shut` key); None where an
    enabled rule's start is not known, or is a character the text rule goes on over."""
    if any(name not in STARTS and name != "text" for name in enabled):
        return None
    starts = "".join(sorted({c for name in enabled if name in STARTS for c in STARTS[name]}))
    if not all(terminators.match(c) for c in starts):
        return None
    free = shut_chars(enabled, shut)
    stops = "".join(c for c in starts if c not in free)
    return re.compile(f"[^{re.escape(stops)}]+")


@cache
def plain(enabled: tuple[str, ...], terminators: re.Pattern[str], shut: int) -> tuple[re.Pattern[str], ...] | None:
    """A stretch of dense content no rule starts in: emphasis marks and `]` (no rule starts at them there),
    the characters the text rule takes (no rule starts at them anywhere) and the starts the `shut` key frees;
    the same where no `]` follows, with `[`, `!` and `^` (the bounded link, image and footnote rules, the only
    ones to start at them, need a label that closes); and where no `)` follows and no reference is defined, with
    `!` and a `[` that opens no footnote (a link or an image cannot end: see markdown_trace._label_closes). None
    where an enabled rule's start is not known."""
    if any(name not in STARTS and name != "text" for name in enabled):
        return None
    pattern = terminators.pattern  # markdown-it's own: "[" + the escaped terminators + "]"
    if not pattern.startswith("[") or not pattern.endswith("]") or pattern.startswith("[^"):
        return None
    free = re.escape(shut_chars(enabled, shut))
    return (
        re.compile(rf"(?:[*_~\]{free}]|[^{pattern[1:]})+"),
        re.compile(rf"(?:[*_~\]\[!^{free}]|[^{pattern[1:]})+"),
        re.compile(rf"(?:[*_~\]!{free}]|\[(?!\^)|[^{pattern[1:]})+"),
    )
