"""mode date-order: dates written 'March 3' and '3 March' in one article."""

from __future__ import annotations

from collections.abc import Iterator

from ...core.document import Document
from ...core.findings import Hit
from ..base import compile_user_regex

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_MONTH_NAMES = tuple(_MONTHS.split("|"))
_MONTH_DAY = compile_user_regex(rf"\b(?P<m>{_MONTHS}) (?P<d>[1-9]|[12]\d|3[01])\b(?![\d:.,]\d)")
_DAY_MONTH = compile_user_regex(rf"(?<![\d.,:])\b(?P<d>[1-9]|[12]\d|3[01]) (?P<m>{_MONTHS})\b")
# 'May 2023' is a month and a year; 'March 3:15' is not a date
_YEAR_OR_TIME_AFTER = compile_user_regex(r"\d")


def check(doc: Document) -> Iterator[Hit]:
    """Dates written 'March 3' and '3 March' in one article: the minority order is reported, in the other."""
    if not any(month in doc.text for month in _MONTH_NAMES):
        return  # no month named: no date of either order (a substring test per month, not a scan per position)
    month_day = [m for m in _MONTH_DAY.finditer(doc.text) if not _YEAR_OR_TIME_AFTER.match(doc.text, m.end())]
    if not month_day:
        return
    day_month = list(_DAY_MONTH.finditer(doc.text))
    # a tie says nothing about the house order (wires differ: AP 'March 3', Reuters '3 March')
    if not day_month or len(month_day) == len(day_month):
        return
    minority, to_day_month = (month_day, True) if len(month_day) < len(day_month) else (day_month, False)
    for m in minority:
        right = f"{m.group('d')} {m.group('m')}" if to_day_month else f"{m.group('m')} {m.group('d')}"
        yield Hit(
            m.start(),
            m.end(),
            message=f"'{m.group()}': this article writes its other dates as '{right}': use one order.",
            suggestions=(right,),
            replacement=right,
        )
