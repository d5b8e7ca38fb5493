"""The options of `lintnews check`: output, inputs, baselines and scores, fixes, and speed."""

from __future__ import annotations

import argparse
import math

from ..core.config import FORMATS
from ..outputs.color import CHOICES as COLOR_CHOICES
from ..speed.cache import CACHE_ENV
from ..speed.schedule import AUTO_JOBS_MIN_FILES
from .options import add_rule_options


def add_check_arguments(p: argparse.ArgumentParser) -> None:
    """Every option of `check`, in the order its --help lists them."""
    p.add_argument("paths", nargs="*", default=["."], metavar="PATH")
    _add_format_options(p)
    add_rule_options(p)
    _add_input_options(p)
    _add_baseline_and_score_options(p)
    _add_fix_options(p)
    _add_report_options(p)
    _add_speed_options(p)


def _add_format_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--format",
        choices=FORMATS,
        help="output format (default text; github when GITHUB_ACTIONS=true)",
    )
    p.add_argument(
        "--color",
        choices=COLOR_CHOICES,
        default="auto",
        help="colour text and concise output: auto (a terminal; NO_COLOR, FORCE_COLOR honoured), always, never",
    )
    p.add_argument(
        "--fail-on", choices=("error", "warning", "info"), help="lowest severity that fails the run (default error)"
    )


def _add_input_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--exclude", action="append", metavar="GLOB", help="skip files and folders matching GLOB (adds to config)"
    )
    p.add_argument("--languagetool-url", metavar="URL", help="LanguageTool server for the grammar rules")
    p.add_argument(
        "--languagetool-path", metavar="DIR", help="a local LanguageTool folder: its server is started (needs Java)"
    )


def _add_baseline_and_score_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--baseline", metavar="FILE", help="report and fail only on findings not in this baseline")
    p.add_argument("--write-baseline", metavar="FILE", help="record the current findings as the baseline, exit 0")
    p.add_argument("--statistics", action="store_true", help="print the number of findings per rule, not each one")
    p.add_argument(
        "--max-score",
        type=parse_score,
        metavar="N",
        help="fail when an article's artifact score (weighted findings per 1,000 words) is above N",
    )


def _add_fix_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--fix", action="store_true", help="apply safe fixes to the files")
    p.add_argument(
        "--unsafe-fixes",
        action="store_true",
        help="with --fix or --diff, also apply unsafe fixes (alone it only counts them as fixable; it never writes)",
    )
    p.add_argument("--diff", action="store_true", help="print the fixes as a unified diff and change nothing")
    p.add_argument(
        "--show-fixes", action="store_true", help="list the fixes applied (with --fix) or available, per file and rule"
    )


def _add_report_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--exit-zero", action="store_true", help="exit 0 even with findings or a --max-score over (errors still exit 2)"
    )
    p.add_argument("-o", "--output-file", metavar="FILE", help="write the report to FILE instead of stdout")
    p.add_argument("--stdin-filename", default="-", metavar="NAME", help="the name to report for text read from stdin")
    p.add_argument("-q", "--quiet", action="store_true", help="print nothing in text format when there are no findings")


def _add_speed_options(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "-j",
        "--jobs",
        type=parse_jobs,
        default=0,
        metavar="N",
        help=f"worker processes (default auto: 1 below {AUTO_JOBS_MIN_FILES} files, else one per core)",
    )
    p.add_argument(
        "--no-cache",
        action="store_true",
        help="neither read nor write cached rules and findings (word tables derived from installed data are kept)",
    )
    p.add_argument(
        "--cache-dir",
        metavar="DIR",
        help=f"cache folder (default ${CACHE_ENV}, else $XDG_CACHE_HOME/lintnews, else ~/.cache/lintnews)",
    )
    p.add_argument(
        "--stream",
        action="store_true",
        help="with --format json: write each article's findings as it is done, holding no documents "
        "(for archives; no cross-document checks)",
    )
    p.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="lint on a Dask cluster: a scheduler (tcp://host:8786), or 'local' for one of --jobs processes here; "
        "writes --format json as --stream does",
    )
    # read by the console script (lintnews/launch.py) before this parser exists; accepted here so that a run the
    # warm server makes, or one that falls back to this process, parses the same command line
    p.add_argument(
        "--warm",
        action="store_true",
        help="run in the warm server (`lintnews warm`), started in the background on first use; also LINTNEWS_WARM=1",
    )
    p.add_argument(
        "--verbose", action="store_true", help="with --warm: say on stderr when a run is not made warm, and why"
    )


def parse_score(value: str) -> float:
    """--max-score: a finite number >= 0."""
    try:
        n = float(value)
    except ValueError:
        n = -1.0
    if not math.isfinite(n) or n < 0:
        raise argparse.ArgumentTypeError(
            f"must be a finite number >= 0 (weighted findings per 1,000 words), not {value!r}"
        )
    return n


def parse_jobs(value: str) -> int:
    """--jobs: a number of processes, 0 for auto."""
    try:
        n = int(value)
    except ValueError:
        n = -1
    if n < 0:
        raise argparse.ArgumentTypeError(f"must be a number of processes (0 for auto), not {value!r}")
    return n
