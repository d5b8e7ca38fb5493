"""The registry of rule kinds: each kind's name mapped to its checker class, imported on first use."""

from __future__ import annotations

import importlib
from functools import cache
from typing import TYPE_CHECKING

from .errors import RuleError

if TYPE_CHECKING:
    from .checkers.base import Checker

# kind name -> "module:Class" under lintnews.checkers. Adding a kind is one line here. The classes are imported
# only when a rule of that kind is loaded, so a run of regex rules never imports the model-backed checkers.
KINDS: dict[str, str] = {
    "a-an": "a_an:AAnChecker",
    "agreement": "agreement:AgreementChecker",
    "boilerplate": "boilerplate:BoilerplateChecker",
    "brackets": "brackets:BracketsChecker",
    "caption": "caption:CaptionChecker",
    "consistency": "consistency:ConsistencyChecker",
    "duplicate": "duplicate:DuplicateChecker",
    "languagetool": "languagetool:LanguageToolChecker",
    "mid-capital": "mid_capital:MidCapitalChecker",
    "paragraph-join": "paragraph_join:ParagraphJoinChecker",
    "phrase": "phrase:PhraseChecker",
    "quotes": "quotes:QuotesChecker",
    "readability": "readability:ReadabilityChecker",
    "regex": "regex:RegexChecker",
    "run-together": "run_together:RunTogetherChecker",
    "stray-period": "stray_period:StrayPeriodChecker",
    "swap": "swap:SwapChecker",
    "token": "token:TokenChecker",
}
CHECKERS_PACKAGE = "lintnews.checkers"


def available_kinds() -> tuple[str, ...]:
    return tuple(sorted(KINDS))


@cache
def checker_class(kind: str) -> type[Checker]:
    """The class implementing `kind`; RuleError(key='kind') for a kind nobody registered."""
    target = KINDS.get(kind)
    if target is None:
        raise RuleError(f"unknown kind '{kind}' (known kinds: {', '.join(available_kinds())})", key="kind")
    module_name, _, class_name = target.partition(":")
    module = importlib.import_module(f"{CHECKERS_PACKAGE}.{module_name}")
    cls: type[Checker] = getattr(module, class_name)
    return cls
