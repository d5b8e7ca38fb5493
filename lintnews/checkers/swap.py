"""kind: swap: a mapping of wrong words or phrases to their right form (several forms: suggestions only)."""

from __future__ import annotations

from collections.abc import Iterator

from ..core.casing import match_case
from ..core.document import Document
from ..core.errors import RuleError
from ..core.findings import Hit
from ..rules.rulepack import Rule
from .base import Checker, Option, str_map
from .phrase import PhraseMatcher


class SwapChecker(Checker):
    kind = "swap"
    options = {
        "swap": Option(str_map, required=True, help="wrong -> right; 'a|b' offers several and fixes none"),
        "ignorecase": Option(bool, default=True, help="match the wrong forms whatever their letter case"),
    }

    @classmethod
    def validate_more(cls, rule: Rule) -> None:
        keys = [" ".join(k.lower().split()) for k in rule.options["swap"]]
        if len(set(keys)) != len(keys):
            raise RuleError("the same wrong form is listed twice", key="swap")
        for k, v in rule.options["swap"].items():
            if k.lower() in (a.strip().lower() for a in v.split("|")):
                raise RuleError(f"'{k}' is swapped for itself", key="swap")

    def setup(self) -> None:
        ic = self.opts["ignorecase"]
        self.table = {
            (" ".join(k.split()).lower() if ic else " ".join(k.split())): v for k, v in self.opts["swap"].items()
        }
        self.matcher = PhraseMatcher(list(self.opts["swap"]), ic)

    def document_pattern(self) -> tuple[str, int]:
        # the linter's one scan of a document then skips the rule where none of its wrong forms may occur
        return self.matcher.source, self.matcher.flags

    def warm(self, doc: Document) -> None:
        self.matcher.warm()

    def check(self, doc: Document) -> Iterator[Hit]:
        ic = self.opts["ignorecase"]
        for m in self.matcher.finditer(doc):
            key = " ".join(m.group().split())
            right = self.table[key.lower() if ic else key]
            choices = tuple(match_case(m.group(), a.strip()) for a in right.split("|"))
            repl = choices[0] if len(choices) == 1 else None
            yield Hit(
                m.start(), m.end(), params=(("right", " or ".join(choices)),), suggestions=choices, replacement=repl
            )
