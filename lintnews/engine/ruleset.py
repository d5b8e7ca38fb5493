"""The rules of a run: the packs the config selects, loaded (or unpickled from the cache) with the run's filters."""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..core.config import Config, selector_matches
from ..core.document import Document
from ..core.findings import Finding
from ..rules.rulepack import Rule, collect_pack_paths, known_categories, load_packs
from ..speed.cache import Cache, code_fingerprint, digest
from .finish import FindingFilter
from .fix import confine
from .lint import Linter
from .suppress import suppression_filter


def select_rules(cfg: Config, extra_packs: Sequence[str] = ()) -> list[Rule]:
    packs = load_packs(collect_pack_paths([*cfg.rule_packs, *extra_packs]))
    rules: list[Rule] = []
    for pack in packs:
        if cfg.languages and pack.languages and not set(pack.languages) & set(cfg.languages):
            continue
        rules.extend(r for r in pack.rules if cfg.rule_selected(r.id, r.category))
    return rules


def per_file_ignores_filter(cfg: Config) -> FindingFilter:
    """A Linter filter applying `per-file-ignores` (glob -> rule ids, prefixes or categories)."""

    def drop(doc: Document, findings: list[Finding]) -> list[Finding]:
        if not findings:
            return findings
        sels = cfg.ignored_for(str(doc.meta.get("file", doc.path)))
        if not sels:
            return findings
        return [f for f in findings if not any(selector_matches(s, f.rule, f.category) for s in sels)]

    return drop


def linter_filters(cfg: Config) -> list[FindingFilter]:
    filters: list[FindingFilter] = [confine, suppression_filter]
    if cfg.per_file_ignores:
        filters.append(per_file_ignores_filter(cfg))
    return filters


def rules_key(cfg: Config, extra_packs: Sequence[str] = ()) -> str:
    """What the compiled rules depend on: lintnews' code, the rule packs' content, and the config's choices."""
    parts: list[str | bytes] = [code_fingerprint()]
    for p in collect_pack_paths([*cfg.rule_packs, *extra_packs]):
        parts += [str(p.resolve()), p.read_bytes()]
    settings = sorted(cfg.settings().items())
    parts += [json.dumps([cfg.select, cfg.extend_select, cfg.ignore, cfg.languages, settings], default=str)]
    return digest(parts)


def make_linter(cfg: Config, extra_packs: Sequence[str] = (), cache: Cache | None = None) -> Linter:
    """The rules the config selects, set up; with a cache, unpickled from the compiled form keyed by rules_key
    (loading, validating and compiling ~300 patterns is most of a one-article run)."""
    if cache is None:
        return Linter(select_rules(cfg, extra_packs), settings=cfg.settings(), filters=linter_filters(cfg))
    key = rules_key(cfg, extra_packs)
    linter = cache.get("rules", key)
    if not isinstance(linter, Linter):
        linter = Linter(select_rules(cfg, extra_packs), settings=cfg.settings())
        cache.put("rules", key, linter)
    linter.filters = linter_filters(cfg)
    return linter


def rule_catalog(
    cfg: Config, extra_packs: Sequence[str] = (), cache: Cache | None = None
) -> tuple[list[str], list[str], list[str]]:
    """Every rule id, every source language and every category of the packs (selected or not), from the cache
    when the packs are unchanged (loading them all took 0.2 s here)."""
    paths = collect_pack_paths([*cfg.rule_packs, *extra_packs])
    key = digest([code_fingerprint(), "catalog", *(part for p in paths for part in (str(p.resolve()), p.read_bytes()))])
    found = cache.get("catalog", key) if cache is not None else None
    if isinstance(found, tuple) and len(found) == 3:
        return found
    packs = load_packs(paths)
    catalog = (
        [r.id for p in packs for r in p.rules],
        sorted({lang for p in packs for lang in p.languages}),
        list(known_categories(packs)),
    )
    if cache is not None:
        cache.put("catalog", key, catalog)
    return catalog
