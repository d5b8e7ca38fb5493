"""The console script: `check --warm` (or LINTNEWS_WARM=1) runs in the warm server, all else in this process."""

from __future__ import annotations

import os
import signal
import sys
from collections.abc import Sequence
from typing import NoReturn

WARM_ENV = "LINTNEWS_WARM"


def _flag(argv: Sequence[str], flag: str) -> bool:
    """Whether `flag` is among the options (argparse reads every token after `--` as a path)."""
    for arg in argv:
        if arg == "--":
            return False
        if arg == flag:
            return True
    return False


def wants_warm(argv: Sequence[str]) -> bool:
    """`check` with --warm, or with LINTNEWS_WARM set to anything but empty or 0."""
    if not argv or argv[0] != "check":
        return False
    return _flag(argv[1:], "--warm") or os.environ.get(WARM_ENV, "") not in ("", "0")


def warm_run(argv: list[str]) -> int | None:
    """The status of the run made by the warm server; None when it must run here instead (said with
    --verbose). Nothing that goes wrong here may fail the user's run: it runs here."""
    from .speed import warm_client

    try:
        return warm_client.run(argv, _streams())
    except warm_client.Lost as e:
        sys.stderr.write(f"lintnews: error: {e}\n")
        return 2
    except KeyboardInterrupt:  # Ctrl-C while the run was being handed over, and it was not
        sys.stderr.write("lintnews: interrupted\n")
        return 130
    except warm_client.Fallback as e:
        reason = str(e)
    except Exception as e:  # a fault of the warm path must cost the run its speed, never its result
        reason = f"internal error {e!r}"
    if _flag(argv[1:], "--verbose"):
        sys.stderr.write(f"lintnews: warm: {reason}; running in this process\n")
    return None


def _streams() -> list[list[str]]:
    """The encoding and error handler of stdin, stdout and stderr, as this interpreter chose them from the
    locale and PYTHONIOENCODING: the run's streams are made the same."""
    streams = []
    for stream in (sys.stdin, sys.stdout, sys.stderr):
        if stream is None:
            from .speed.warm_client import Fallback

            raise Fallback("a standard stream is closed")
        streams.append([stream.encoding, str(stream.errors)])
    return streams


def exit_as(code: int) -> NoReturn:
    """Exit with the run's status; a run ended by a signal ends this process by the same signal."""
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError, AttributeError):
            pass
    if code < 0:
        signal.signal(-code, signal.SIG_DFL)
        os.kill(os.getpid(), -code)
        code = 128 - code
    os._exit(code)


def entry() -> NoReturn:
    argv = sys.argv[1:]
    if wants_warm(argv):
        code = warm_run(argv)
        if code is not None:
            exit_as(code)
    from .commands.cli import entry as in_process

    in_process()
