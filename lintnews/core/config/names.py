"""Refuse a rule selector or a language that names nothing: a typo would otherwise turn a CI gate off."""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from ..errors import ConfigError
from .keys import _where
from .settings import Config, _matches


def check_names(cfg: Config, rule_ids: Iterable[str], languages: Iterable[str], categories: Iterable[str]) -> None:
    """Refuse a rule selector that picks no rule, and a language no pack is for: a typo in `select` would
    otherwise run no rule at all and report "no findings", turning a CI gate off without a word.

    `categories` are those the packs know (rulepack.known_categories: the built-in ones and those packs declare)."""
    ids = sorted(rule_ids)
    langs = sorted(set(languages))
    cats = set(categories)
    for key, value, where in cfg.origins:
        if key == "languages":
            if value not in langs:
                raise ConfigError(f"{_where(where, key)}: unknown language {value!r} (known: {', '.join(langs)})")
            continue
        if value in cats or any(_matches(value, rid, "") for rid in ids):
            continue
        names = [*ids, *sorted({rid.split(".")[0] for rid in ids}), *sorted(cats)]
        close = difflib.get_close_matches(value, names, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else " (see `lintnews rules`)"
        raise ConfigError(f"{_where(where, key)}: {value!r} is no rule id, id prefix or category{hint}")
