"""JSON text byte for byte as json.dumps(ensure_ascii=False) writes it, compact or indented, at less cost."""

from __future__ import annotations

import json
from collections.abc import Callable
from json import encoder as _encoder
from typing import Any

# the C string escaper where there is one (json.encoder picks it the same way)
_escape = _encoder.encode_basestring
# the C encoder's constructor: not in the type stubs, and None on an interpreter without the C accelerator
_make_encoder: Callable[..., Callable[[Any, int], list[str]]] | None = getattr(_encoder, "c_make_encoder", None)


def _unserializable(o: object) -> object:
    raise TypeError(f"Object of type {type(o).__name__} is not JSON serializable")


# json.dumps builds a new encoder object for every call that passes an option: on a report of a quarter of a
# million findings, one line each, that was a third of the report's time. This is the C encoder it would build
# (no circular check: the callers write trees they made), made once; None where the interpreter has no C encoder.
_C_ENCODER = (
    _make_encoder(None, _unserializable, _escape, None, ": ", ", ", False, False, True)
    if _make_encoder is not None
    else None
)


def compact(o: Any) -> str:
    """json.dumps(o, ensure_ascii=False)."""
    if _C_ENCODER is None:
        return json.dumps(o, ensure_ascii=False)
    return "".join(_C_ENCODER(o, 0))


def indented(o: Any, indent: int = 1) -> str:
    """json.dumps(o, ensure_ascii=False, indent=indent). The standard library has no C encoder for indented text:
    its Python one passes every piece up a chain of generators, one per level, and took five seconds for the
    SARIF log of 250,000 findings; this writes each piece once, strings escaped by the C escaper."""
    out: list[str] = []
    _write(o, out, "\n", " " * indent)
    return "".join(out)


def _write(o: Any, out: list[str], nl: str, step: str) -> None:
    """Append `o`, written at the indentation `nl` (a line break and the spaces of this level), to `out`."""
    if isinstance(o, str):
        out.append(_escape(o))
    elif isinstance(o, dict):
        if not o:
            out.append("{}")
            return
        inner = nl + step
        sep = "{" + inner
        for k, v in o.items():
            key = _escape(k) if type(k) is str else _key(k)
            # the leaves most values are, written here: a call per leaf was most of the time
            if type(v) is str:
                out.append(sep + key + ": " + _escape(v))
            elif type(v) is int:
                out.append(sep + key + ": " + int.__repr__(v))
            else:
                out.append(sep + key + ": ")
                _write(v, out, inner, step)
            sep = "," + inner
        out.append(nl + "}")
    elif isinstance(o, list | tuple):
        if not o:
            out.append("[]")
            return
        inner = nl + step
        sep = "[" + inner
        for v in o:
            out.append(sep)
            _write(v, out, inner, step)
            sep = "," + inner
        out.append(nl + "]")
    else:
        out.append(compact(o))  # a number, true, false or null (or the TypeError json.dumps raises)


def _key(k: object) -> str:
    """A dict key as json writes it: a string, or a number, true, false or null turned into one."""
    if isinstance(k, str):
        return _escape(k)
    if k is None or isinstance(k, int | float):
        return _escape(compact(k))
    raise TypeError(f"keys must be str, int, float, bool or None, not {type(k).__name__}")
