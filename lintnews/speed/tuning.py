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

# glibc's mallopt parameters, each with the value asked for and the variable by which a user sets it instead.
# Without padding, malloc grows and shrinks the heap by what each moment needs, and every page it gets back from
# the kernel costs a page fault: the model's arrays and the documents come and go by the megabyte. With 64 MB of
# padding a --jobs 2 run on 200,000 words took half the page faults (207,000 -> 111,000) and a quarter less system
# time, for the same peak memory: padding is address space, not memory, until it is touched.
# But setting any of them turns off glibc's sliding mmap threshold, which had kept a freed block of a size once
# seen in the heap: every block of 128 kB and more (a parse's arrays) was then mapped on malloc and unmapped on
# free, its pages faulted in and zeroed again at each parse, about 1,900 faults per article. Blocks up to 32 MB
# (glibc's own ceiling for that threshold) now come from the heap, and up to 128 MB free at its top is kept.
M_TRIM_THRESHOLD, M_TOP_PAD, M_MMAP_THRESHOLD = -1, -2, -3
MALLOPTS = (
    (M_TOP_PAD, 64 << 20, "MALLOC_TOP_PAD_"),
    (M_MMAP_THRESHOLD, 32 << 20, "MALLOC_MMAP_THRESHOLD_"),
    (M_TRIM_THRESHOLD, 128 << 20, "MALLOC_TRIM_THRESHOLD_"),
)


def tune() -> None:
    """Set up this process for a lint run (the workers it forks inherit both settings)."""
    gc.set_threshold(*GC_THRESHOLDS)
    pad_malloc()


def pad_malloc() -> bool:
    """Ask glibc's malloc for the settings of MALLOPTS but those the user made (by their variables); False where
    there is no mallopt, it refused one, or the user made them all."""
    if not sys.platform.startswith("linux"):
        return False
    wanted = [(param, value) for param, value, variable in MALLOPTS if variable not in os.environ]
    if not wanted:
        return False
    try:
        import ctypes

        mallopt = ctypes.CDLL(None).mallopt
    except (OSError, AttributeError):  # no C library to ask, or one without mallopt
        return False
    mallopt.argtypes = [ctypes.c_int, ctypes.c_int]
    mallopt.restype = ctypes.c_int
    return all([bool(mallopt(param, value)) for param, value in wanted])


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
