"""The syntax of inline suppressions: `lintnews-disable-next-line`, `-disable`/`-enable` and `lintnews: ignore`.

Directives live in the article's raw text: inside an HTML comment (`<!-- lintnews-disable-next-line calque -->`,
for Markdown and HTML) or, in plain text, alone on a line. Each takes optional rule selectors (ids, id prefixes
or categories, separated by commas or spaces); none means every rule.

    lintnews-disable-next-line [IDS]   findings on the next line that has text
    lintnews-disable [IDS]             findings from here ...
    lintnews-enable [IDS]              ... to here (no IDS: ends every open region); unclosed: to the end
    lintnews: ignore / lintnews: ignore[IDS]   findings on this same line

The readers blank them out of the lintable view; suppress.py applies them to the findings.
"""

from __future__ import annotations

import re

# `<!-- lintnews-x ids -->` anywhere, or `lintnews-x ids` alone on a line (plain text)
DIRECTIVE = re.compile(
    r"<!--[ \t]*lintnews-(?P<c1>disable-next-line|disable|enable)\b(?P<a1>(?:(?!-->)[^\n])*?)[ \t]*-->"
    r"|^[ \t]*lintnews-(?P<c2>disable-next-line|disable|enable)\b(?P<a2>[^\n]*?)[ \t]*\r?$",
    re.M,
)
# `lintnews: ignore` or `lintnews: ignore[calque, punctuation.doubled-period]`, optionally in an HTML comment
LINE_MARKER = re.compile(r"(?:<!--[ \t]*)?lintnews:[ \t]*ignore(?:\[(?P<ids>[^\]\n]*)\])?(?:[ \t]*-->)?")
# a plain-text directive line, to blank in the lintable view so the directive itself is not linted
PLAIN_DIRECTIVE_LINE = re.compile(r"^[ \t]*lintnews-(?:disable-next-line|disable|enable)\b[^\n]*$", re.M)
