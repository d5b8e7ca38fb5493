"""The patterns that key a stored Hyperscan database are the same text in every process, whatever its string hashing."""

from __future__ import annotations

import os
import subprocess
import sys

# the cues' patterns and every default rule's document pattern, as a process prints them
_PRINT = """
from lintnews.checkers.agreement.cues import PREFILTERS
from lintnews.core.config import Config
from lintnews.engine.ruleset import make_linter
for check, cues in sorted(PREFILTERS.items()):
    for cue in cues:
        print(check, cue.pattern, cue.guard)
for c in make_linter(Config()).checkers:
    print(c.rule.id, c.document_pattern())
"""


def _patterns(seed: str) -> list[str]:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    done = subprocess.run([sys.executable, "-c", _PRINT], env=env, capture_output=True, text=True, check=True)
    return done.stdout.splitlines()


def test_patterns_do_not_depend_on_string_hashing() -> None:
    # a pattern joined from a set in the set's order was another text in each process: its database's key
    # changed, and the database was compiled again (0.4 s) on every run
    first = _patterns("1")
    assert len(first) > 100
    for seed in ("2", "3"):
        assert _patterns(seed) == first
