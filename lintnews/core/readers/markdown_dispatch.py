"""markdown-it's block rules offered a line only where its first character lets them match."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from markdown_it.parser_block import RuleFuncBlockType
from markdown_it.ruler import Ruler
from markdown_it.rules_block import blockquote, fence, heading, hr, html_block, list_block, reference
from markdown_it.rules_block.state_block import StateBlock
from markdown_it.rules_block.table import table
from mdit_py_plugins.footnote.index import footnote_def

from .markdown_blocks import heading_run
from .markdown_tables import table_rows

# The characters a line may open with (its first one after indentation, `src[bMarks + tShift]`) for each rule to
# match: each rule's own first test of the line, read from its source. A rule missing here (code, table, lheading,
# paragraph, front matter, any plugin's) is offered every line.
OPENERS: dict[Callable[..., bool], str] = {
    fence: "~`",
    blockquote: ">",
    hr: "*-_",
    list_block: "*-+0123456789",
    reference: "[",
    html_block: "<",
    heading: "#",
    heading_run: "#",
    footnote_def: "[",
}
# Rules that refuse every line but the file's first, whatever it holds (front matter: `startLine != 0` is its first
# test).
FIRST_LINE_ONLY = frozenset({"front_matter"})
# The characters the line after may open with for each rule to match: a table's delimiter row. Such a rule is
# asked only where the next line opens with one of them (a paragraph of short lines asked it twice a line).
NEXT_OPENERS: dict[Callable[..., bool], str] = {table: "|-:", table_rows: "|-:"}


def _chain(rules: Sequence[RuleFuncBlockType]) -> RuleFuncBlockType:
    """One rule that tries, in their order, the rules of a chain that a line's first character lets match.

    Between two blocks, and for each line of a paragraph (is it ended by a quote, a list, a heading?), markdown-it
    calls every rule of a chain in turn, and each looks at the line's first character and gives up: a paragraph of
    short lines made eight calls per line, a table row ten. The rules a character leaves are the same, in the same
    order, so the first to match is the one markdown-it would have found."""
    rules = [_next_keyed(r, NEXT_OPENERS[r]) if r in NEXT_OPENERS else r for r in rules]
    keyed = set("".join(OPENERS.get(r, "") for r in rules))
    anywhere = tuple(r for r in rules if r not in OPENERS)
    by_char = {c: tuple(r for r in rules if r not in OPENERS or c in OPENERS[r]) for c in keyed}

    def dispatch(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        pos = state.bMarks[start] + state.tShift[start]
        for rule in by_char.get(state.src[pos : pos + 1], anywhere):  # noqa: SIM110 (any() of a generator costs more per line)
            if rule(state, start, end, silent):
                return True
        return False

    return dispatch


def _next_keyed(rule: RuleFuncBlockType, chars: str) -> RuleFuncBlockType:
    """`rule`, asked only where the line after `start` opens with one of `chars` (after its indentation)."""
    opens = frozenset(chars)

    def keyed(state: StateBlock, start: int, end: int, silent: bool) -> bool:
        pos = state.bMarks[start + 1] + state.tShift[start + 1]  # a line always follows: the last is a sentinel
        return state.src[pos : pos + 1] in opens and rule(state, start, end, silent)

    return keyed


class OpeningRuler(Ruler[RuleFuncBlockType]):
    """A block ruler whose every chain is one dispatching rule (the same rules, enabled and ordered as given)."""

    def __init__(self, base: Ruler[RuleFuncBlockType]) -> None:
        super().__init__()
        self.__rules__ = base.__rules__
        self._dispatch: dict[str, tuple[list[RuleFuncBlockType], list[RuleFuncBlockType]]] = {}
        self._opening: dict[tuple[str, str], tuple[list[RuleFuncBlockType], bool]] = {}

    def getRules(self, chainName: str = "") -> list[RuleFuncBlockType]:
        rules = super().getRules(chainName)
        made = self._dispatch.get(chainName)
        if made is None or made[0] is not rules:  # a rule enabled or added since: the chain is compiled anew
            made = self._dispatch[chainName] = (rules, [_chain(rules)] if rules else [])
        return made[1]

    def may_open(self, chainName: str, char: str) -> bool:
        """May a rule of the chain match a line, not the file's first, that opens with `char`? (Asked per table:
        the answer is kept while the chain's rules stay the same.)"""
        rules = super().getRules(chainName)
        known = self._opening.get((chainName, char))
        if known is None or known[0] is not rules:
            known = self._opening[chainName, char] = (rules, self._may_open(chainName, char))
        return known[1]

    def _may_open(self, chainName: str, char: str) -> bool:
        for rule in self.__rules__:
            if not rule.enabled or (chainName and chainName not in rule.alt) or rule.name in FIRST_LINE_ONLY:
                continue
            if rule.fn in NEXT_OPENERS or rule.fn not in OPENERS or char in OPENERS[rule.fn]:
                return True
        return False
