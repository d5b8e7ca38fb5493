"""The console script's process settings: collector thresholds, malloc padding, an exit that skips teardown."""

from __future__ import annotations

import atexit
import gc
import os
import sys
import threading
from typing import NoReturn

# Python's cyclic collector runs every 700 net allocations and, now and then, walks every object alive: the
# rules' word queries, the spaCy model and the documents in flight are millions of them, and a lint makes few
# cycles. Collecting every 50,000 allocations took 7% off a 200,000-word run (the best of three runs each).
GC_THRESHOLDS = (50_000, 20, 100)

# glibc's mallopt parameter and the padding asked for. Without padding, malloc grows and shrinks the heap by
# what each moment needs, and every page it gets back from the kernel costs a page fault: the model's arrays
# and the documents come and go by the megabyte. With 64 MB of padding a --jobs 2 run on 200,000 words took
# half the page faults (207,000 -> 111,000) and a quarter less system time, for the same peak memory: padding
# is address space, not memory, until it is touched.
M_TOP_PAD = -2
TOP_PAD_BYTES = 64 << 20


def tune() -> None:
    """Set up this process for a lint run (the workers it forks inherit both settings)."""
    gc.set_threshold(*GC_THRESHOLDS)
    pad_malloc()


def pad_malloc() -> bool:
    """Ask glibc's malloc for heap padding, unless the user set it (MALLOC_TOP_PAD_); False where there is none."""
    if not sys.platform.startswith("linux") or "MALLOC_TOP_PAD_" in os.environ:
        return False
    try:
        import ctypes

        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # no C library to ask, or one without mallopt
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return bool(mallopt(M_TOP_PAD, TOP_PAD_BYTES))


def observed() -> bool:
    """Whether a profiler, tracer or coverage measurement watches this process (each hooks sys.setprofile or
    sys.settrace; coverage's C tracer too, and its subprocess measurement imports coverage first)."""
    return sys.getprofile() is not None or sys.gettrace() is not None or "coverage" in sys.modules


# os._exit, kept here so a test can stand in for it
_exit = os._exit


def exit_now(code: int) -> NoReturn:
    """Exit with `code` as sys.exit would, without freeing the heap object by object.

    A run over an archive ends holding every document and finding: Python's teardown took 0.14 s of a 4 s
    run on 200,000 words, doing nothing the kernel does not do at once. The atexit functions still run (a
    local LanguageTool server is stopped), and the standard streams are flushed; a run with a thread still
    going exits the usual way, which waits for it.

    So does a run under a profiler, a tracer or coverage (`python -m cProfile -m lintnews ...`): they write
    their results after the program returns, which os._exit would skip.
    """
    if threading.active_count() > 1 or observed():
        sys.exit(code)
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except BrokenPipeError:  # the reader went away (`| head`): not an error, as in cli.main
            pass
        except (OSError, ValueError) as e:  # e.g. the disk holding a redirected report is full
            code = 2
            try:
                sys.stderr.write(f"lintnews: error: could not write the output: {e}\n")
                sys.stderr.flush()
            except (OSError, ValueError):
                pass
    _exit(code)
