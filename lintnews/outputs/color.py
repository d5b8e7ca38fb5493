"""Terminal colour: when to use it (--color, NO_COLOR, FORCE_COLOR, a terminal) and the ANSI codes for findings."""

from __future__ import annotations

import os
from collections.abc import Mapping

from ..core.findings import Severity

CHOICES = ("auto", "always", "never")

_RESET = "\x1b[0m"
_CODES = {"bold": "1", "dim": "2", "red": "31", "yellow": "33", "cyan": "36", "blue": "34"}
SEVERITY_COLOUR = {Severity.ERROR: "red", Severity.WARNING: "yellow", Severity.INFO: "cyan"}


def wants_color(choice: str, isatty: bool, env: Mapping[str, str] | None = None) -> bool:
    """Whether to colour the output.

    `always` and `never` are the user's word and win. `auto` follows the conventions of no-color.org and
    force-color.org: a non-empty NO_COLOR turns colour off, a non-empty FORCE_COLOR turns it on (for CI logs
    that render ANSI), and otherwise only a terminal that is not `dumb` gets colour, so pipes and files stay plain.
    """
    if choice == "always":
        return True
    if choice == "never":
        return False
    env = os.environ if env is None else env
    if env.get("NO_COLOR"):
        return False
    if env.get("FORCE_COLOR"):
        return True
    return isatty and env.get("TERM") != "dumb"


class Painter:
    """Wraps text in ANSI codes when colour is on, and returns it untouched when it is off."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, *styles: str) -> str:
        if not self.enabled or not text or not styles:
            return text
        return "\x1b[" + ";".join(_CODES[s] for s in styles) + "m" + text + _RESET

    def severity(self, text: str, severity: Severity) -> str:
        return self(text, SEVERITY_COLOUR[severity], "bold")
