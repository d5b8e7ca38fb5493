"""The registry of rule kinds: each kind's name mapped to its checker class, imported on first use."""

from __future__ import annotations

import importlib
import re
from functools import cache
from typing import TYPE_CHECKING

from ..core.errors import RuleError

if TYPE_CHECKING:
    from ..checkers.base import Checker

# kind name -> "module:Class" under lintnews.checkers. Adding a kind is one line here. The classes are imported
# only when a rule of that kind is loaded, so a run of regex rules never imports the model-backed checkers.
KINDS: dict[str, str] = {
    "a-an": "a_an:AAnChecker",
    "agreement": "agreement:AgreementChecker",
    "bare-infinitive": "bare_infinitive:BareInfinitiveChecker",
    "boilerplate": "boilerplate:BoilerplateChecker",
    "boilerplate-line": "boilerplate_line:BoilerplateLineChecker",
    "boilerplate-repeat": "boilerplate_repeat:BoilerplateRepeatChecker",
    "brackets": "brackets:BracketsChecker",
    "broken-word": "broken_word:BrokenWordChecker",
    "caption": "caption:CaptionChecker",
    "consistency": "consistency:ConsistencyChecker",
    "duplicate": "duplicate:DuplicateChecker",
    "initialism-dots": "initialism_dots:InitialismDotsChecker",
    "languagetool": "languagetool:LanguageToolChecker",
    "letter-case": "letter_case:LetterCaseChecker",
    "lone-capital": "lone_capital:LoneCapitalChecker",
    "mid-capital": "mid_capital:MidCapitalChecker",
    "misplaced-mark": "misplaced_mark:MisplacedMarkChecker",
    "of-chain": "of_chain:OfChainChecker",
    "paragraph-join": "paragraph_join:ParagraphJoinChecker",
    "phrase": "phrase:PhraseChecker",
    "quotes": "quotes:QuotesChecker",
    "readability": "readability:ReadabilityChecker",
    "regex": "regex:RegexChecker",
    "repetition": "repetition:RepetitionChecker",
    "reporting-inversion": "reporting_inversion:ReportingInversionChecker",
    "run-together": "run_together:RunTogetherChecker",
    "stray-period": "stray_period:StrayPeriodChecker",
    "swap": "swap:SwapChecker",
    "term-quotes": "term_quotes:TermQuotesChecker",
    "token": "token:TokenChecker",
    "untranslated": "untranslated:UntranslatedChecker",
}
CHECKERS_PACKAGE = "lintnews.checkers"
# A house pack brings its own kind as `kind: lintnews_house.counts:WordCountChecker`: a class in an installed
# module whose top-level package is named lintnews_*, so that a pack can only reach code installed as a
# lintnews plugin, never an arbitrary module of the environment.
PLUGIN_KIND = re.compile(r"^(?P<module>lintnews_\w+(?:\.\w+)*):(?P<cls>[A-Za-z_]\w*)$")


def available_kinds() -> tuple[str, ...]:
    return tuple(sorted(KINDS))


@cache
def checker_class(kind: str) -> type[Checker]:
    """The class implementing `kind`; RuleError(key='kind') for a kind nobody registered."""
    target = KINDS.get(kind)
    if target is not None:
        module_name, _, class_name = target.partition(":")
        module = importlib.import_module(f"{CHECKERS_PACKAGE}.{module_name}")
        cls: type[Checker] = getattr(module, class_name)
        return cls
    plugin = PLUGIN_KIND.match(kind)
    if plugin is None:
        hint = " or a plugin's lintnews_<name>.module:Class" if ":" in kind else ""
        raise RuleError(f"unknown kind '{kind}' (known kinds: {', '.join(available_kinds())}{hint})", key="kind")
    return _plugin_class(plugin["module"], plugin["cls"], kind)


def _plugin_class(module_name: str, class_name: str, kind: str) -> type[Checker]:
    try:
        module = importlib.import_module(module_name)
    except ImportError as e:
        raise RuleError(f"cannot import the module of kind '{kind}': {e}", key="kind") from None
    cls = getattr(module, class_name, None)
    # a checker class, told by its interface (this module sits below the checkers and imports none of them)
    if not isinstance(cls, type) or not all(callable(getattr(cls, a, None)) for a in ("validate", "check", "setup")):
        raise RuleError(f"'{kind}' is not a checker class (subclass lintnews.checkers.base.Checker)", key="kind")
    plugin: type[Checker] = cls
    return plugin
