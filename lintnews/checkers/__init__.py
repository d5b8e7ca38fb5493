"""Checker registry: a rule's `kind` names a module here (dashes become underscores) exporting CHECKER."""

from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from typing import TYPE_CHECKING

from ..errors import RuleError

if TYPE_CHECKING:
    from .base import Checker


@cache
def available_kinds() -> tuple[str, ...]:
    names = [m.name for m in pkgutil.iter_modules(__path__) if not m.name.startswith("_") and m.name != "base"]
    return tuple(sorted(n.replace("_", "-") for n in names))


@cache
def checker_class(kind: str) -> type[Checker]:
    if kind not in available_kinds():
        raise RuleError(f"unknown kind '{kind}' (known kinds: {', '.join(available_kinds())})", key="kind")
    module = importlib.import_module(f"{__name__}.{kind.replace('-', '_')}")
    cls: type[Checker] = module.CHECKER
    return cls
