"""kind: run-together: two words joined by a missing space (`Gazawhich`, `servicesDavid`, `inthe`).

checker.py finds the tokens worth a look; splits.py says where a run of letters breaks into two words,
glued.py finds joins at punctuation and digits; words.py holds the word classes they reason with and
vocab.py the document's own vocabulary.
"""

from __future__ import annotations

from .checker import RunTogetherChecker

__all__ = ["RunTogetherChecker"]
