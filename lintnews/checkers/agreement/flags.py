"""A finding inside a parsed sentence, as the agreement checks report it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token


@dataclass(frozen=True)
class Flag:
    """One finding inside a parsed sentence: character offsets into the sentence and suggestions."""

    start: int
    end: int
    suggestions: tuple[str, ...] = ()
    message: str | None = None
    # lower-confidence cases are reported as info (worth a look, not counted as a warning)
    tentative: bool = False


def flag(first: Token, last: Token, *sugg: str, message: str | None = None, tentative: bool = False) -> Flag:
    return Flag(first.idx, last.idx + len(last.text), tuple(s for s in sugg if s), message, tentative)


def match_case(model: str, word: str) -> str:
    return word[:1].upper() + word[1:] if model[:1].isupper() else word


# --- subject-verb agreement --------------------------------------------------------------------------------
