"""One copy of each text that what the workers send back repeats, in the process that keeps it to the end."""

from __future__ import annotations

from typing import Any


def shared(value: Any, strings: dict[Any, Any]) -> Any:
    """`value` rebuilt with each of its strings, and each tuple of strings, replaced by the first equal one met
    in `strings` (dicts, lists and tuples, named or not, gone through; the rest kept as it is). Unpickled, a
    worker's cross-document facts hold a copy of a name per occurrence of it (a name's every spelling in every
    article), where the run needs one."""
    if isinstance(value, str):
        return strings.setdefault(value, value)
    if isinstance(value, dict):
        return {shared(k, strings): shared(v, strings) for k, v in value.items()}
    if isinstance(value, list):
        return [shared(v, strings) for v in value]
    if isinstance(value, tuple):
        items = [shared(v, strings) for v in value]
        made = type(value)(*items) if hasattr(value, "_fields") else tuple(items)
        # a tuple of texts (a name's two words) recurs as such: a tuple with numbers (a place) does not
        return strings.setdefault(made, made) if all(isinstance(v, str) for v in items) else made
    return value
