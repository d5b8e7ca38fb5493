"""A progress line on a terminal's stderr for long runs: articles and words done, rate, time left."""

from __future__ import annotations

import time
from collections.abc import Callable, Mapping
from typing import TextIO

# CI services that do not set CI=true (most do); their logs are files, where a redrawn line is noise
_CI_MARKERS = ("CI", "TF_BUILD", "JENKINS_URL", "TEAMCITY_VERSION")
# a run over in less than this shows nothing: a pre-commit hook on a few files should not flash a bar
DELAY = 1.0
# redrawing more often than this costs terminal time and reads no better
EVERY = 0.2
BAR = 20


def in_ci(env: Mapping[str, str]) -> bool:
    return any(env.get(k, "").strip().lower() not in ("", "0", "false") for k in _CI_MARKERS)


def wanted(stderr: TextIO, quiet: bool, env: Mapping[str, str]) -> bool:
    """A bar only for a person watching: stderr a terminal (not a pipe, not a CI log), no --quiet."""
    try:
        tty = stderr.isatty()
    except (AttributeError, ValueError):  # a closed or replaced stream
        return False
    return tty and not quiet and not in_ci(env) and env.get("TERM") != "dumb"


def _clock(seconds: float) -> str:
    s = round(seconds)
    return f"{s // 3600}:{s // 60 % 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


class Progress:
    """One line on `stream`, redrawn in place; `total_chars` (the input's size) gives the share done and the
    time left, which are left out when it is unknown."""

    def __init__(
        self,
        stream: TextIO,
        total_chars: int | None = None,
        clock: Callable[[], float] = time.monotonic,
        delay: float = DELAY,
    ) -> None:
        self.stream = stream
        self.total = total_chars if total_chars else None
        self.clock = clock
        self.delay = delay
        self.started = clock()
        self.articles = self.words = self.chars = 0
        self._drawn_at: float | None = None
        self._width = 0

    def add(self, articles: int, words: int, chars: int) -> None:
        self.articles += articles
        self.words += words
        self.chars += chars
        now = self.clock()
        if now - self.started < self.delay:
            return
        if self._drawn_at is not None and now - self._drawn_at < EVERY:
            return
        self._draw(now)

    def line(self, now: float) -> str:
        elapsed = max(now - self.started, 1e-9)
        rate = self.words / elapsed
        parts = [
            f"{self.articles:,} article{'s' if self.articles != 1 else ''}",
            f"{self.words:,} words",
            f"{rate:,.0f} words/s",
        ]
        if self.total:
            # the input's size in bytes stands for its characters: a share, not a promise
            share = min(self.chars / self.total, 0.99)
            filled = int(share * BAR)
            head = f"[{'#' * filled}{'.' * (BAR - filled)}] {share:4.0%}"
            if self.chars:
                parts.append(f"{_clock(elapsed * (1 - share) / share)} left")
            return f"lintnews {head} " + ", ".join(parts)
        return "lintnews: " + ", ".join(parts)

    def _draw(self, now: float) -> None:
        text = self.line(now)
        pad = max(0, self._width - len(text))
        try:
            self.stream.write("\r" + text + " " * pad)
            self.stream.flush()
        except (OSError, ValueError):
            return
        self._width = len(text)
        self._drawn_at = now

    def close(self) -> None:
        """Erase the line, so the report or the next prompt starts on a clean line."""
        if self._drawn_at is None:
            return
        try:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
        except (OSError, ValueError):
            pass
        self._drawn_at = None
