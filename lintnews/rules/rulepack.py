"""Load and validate YAML rule packs: every error names the file, line, rule id and key."""

from __future__ import annotations

import os
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..core.errors import RuleError
from ..core.findings import CATEGORIES, Severity
from .kinds import checker_class

RULE_ID = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*(?:\.[a-z0-9]+(?:-[a-z0-9]+)*)+$")
PACK_NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
COMMON_KEYS = frozenset(
    {"id", "kind", "category", "severity", "message", "fix", "source", "description", "examples", "enabled", "scope"}
)
PACK_KEYS = frozenset({"pack", "description", "language", "defaults", "rules", "source", "categories"})
DEFAULT_KEYS = frozenset({"category", "severity", "kind", "fix", "source", "scope"})
FIX_VALUES = ("safe", "unsafe", "none")
SCOPES = ("text", "title")
MAX_PACK_BYTES = 5_000_000


@dataclass(frozen=True)
class Example:
    text: str
    fixed: str | None = None


@dataclass(frozen=True)
class Rule:
    id: str
    kind: str
    category: str
    severity: Severity
    message: str
    fix: str
    source: str
    description: str
    pack: str
    path: str
    line: int
    bad: tuple[Example, ...]
    good: tuple[str, ...]
    options: Mapping[str, Any] = field(default_factory=dict)
    languages: tuple[str, ...] = ()
    scope: str = "text"
    enabled: bool = True


@dataclass(frozen=True)
class Pack:
    name: str
    path: str
    description: str
    languages: tuple[str, ...]
    rules: tuple[Rule, ...]
    # categories this pack adds to the built-in ones: name -> what its rules find
    categories: Mapping[str, str] = field(default_factory=dict)


def known_categories(packs: Iterable[Pack]) -> tuple[str, ...]:
    """The built-in categories, then those the packs declare, in order of first appearance."""
    out = list(CATEGORIES)
    for pack in packs:
        out.extend(c for c in pack.categories if c not in out)
    return tuple(out)


def builtin_rules_dir() -> Path:
    """The packs shipped with lintnews: inside the wheel (lintnews/rules/packs), or the checkout's rules/."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "packs", here.parents[1] / "rules"):
        if candidate.is_dir():
            return candidate
    raise RuleError("the built-in rule packs are missing from this installation", path=str(here / "packs"))


def pack_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.iterdir() if p.suffix in (".yaml", ".yml") and p.is_file())


def load_pack(path: Path | str, deep: bool = True) -> Pack:
    path = Path(path)
    spath = str(path)
    try:
        size = os.path.getsize(path)
        if size > MAX_PACK_BYTES:
            raise RuleError(f"rule pack is larger than {MAX_PACK_BYTES} bytes", path=spath)
        raw = path.read_bytes()
    except OSError as e:
        raise RuleError(f"cannot read rule pack: {e.strerror or e}", path=spath) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        raise RuleError(f"rule pack is not UTF-8 (byte {e.start})", path=spath) from None
    # PyYAML is imported here: a run whose rules come from the cache reads no YAML
    import yaml

    from .pack_yaml import Loader

    try:
        data = yaml.load(text, Loader=Loader)
    except RuleError as e:
        raise e.located(path=spath) from None
    except yaml.YAMLError as e:
        mark = getattr(e, "problem_mark", None)
        line = mark.line + 1 if mark is not None else None
        problem = getattr(e, "problem", None) or str(e).splitlines()[0]
        raise RuleError(f"invalid YAML: {problem}", path=spath, line=line) from None
    return parse_pack(data, spath, deep)


def parse_pack(data: Any, path: str, deep: bool = True) -> Pack:
    if not isinstance(data, dict):
        raise RuleError("a rule pack must be a mapping with 'pack' and 'rules'", path=path)
    line = getattr(data, "line", None)
    for key in data:
        if key not in PACK_KEYS:
            raise RuleError(
                f"unknown pack key (expected one of {', '.join(sorted(PACK_KEYS))})", path=path, line=line, key=key
            )
    name = data.get("pack")
    if not isinstance(name, str) or not PACK_NAME.match(name):
        raise RuleError("'pack' must be a kebab-case name such as calque-es", path=path, line=line, key="pack")
    langs = _languages(data.get("language"), path, line)
    declared = _categories(data.get("categories"), path, line)
    defaults = data.get("defaults") or {}
    if not isinstance(defaults, dict):
        raise RuleError("'defaults' must be a mapping", path=path, line=line, key="defaults")
    for key in defaults:
        if key not in DEFAULT_KEYS:
            raise RuleError(
                f"unknown default (expected one of {', '.join(sorted(DEFAULT_KEYS))})",
                path=path,
                line=getattr(defaults, "line", line),
                key=key,
            )
    raw_rules = data.get("rules")
    if not isinstance(raw_rules, list) or not raw_rules:
        raise RuleError("'rules' must be a non-empty list", path=path, line=line, key="rules")
    rules = []
    seen: set[str] = set()
    for raw in raw_rules:
        rule = parse_rule(raw, name, path, defaults, langs, deep=deep, categories=(*CATEGORIES, *declared))
        if rule.id in seen:
            raise RuleError("duplicate rule id", path=path, line=rule.line, rule=rule.id, key="id")
        seen.add(rule.id)
        rules.append(rule)
    desc = data.get("description", "")
    return Pack(name=name, path=path, description=str(desc), languages=langs, rules=tuple(rules), categories=declared)


def _categories(value: Any, path: str, line: int | None) -> dict[str, str]:
    """A pack's `categories:` mapping, new kebab-case name -> one line on what its rules find."""
    if value is None:
        return {}
    if not isinstance(value, dict) or not value:
        raise RuleError("'categories' must map new category names to a description", path=path, line=line)
    for cat, desc in value.items():
        where = getattr(value, "line", line)
        if not PACK_NAME.match(cat):
            raise RuleError("a category name is kebab-case, such as word-choice", path=path, line=where, key=cat)
        if cat in CATEGORIES:
            raise RuleError("this category is built in: use it without declaring it", path=path, line=where, key=cat)
        if not isinstance(desc, str) or not desc.strip():
            raise RuleError("describe the category in one line", path=path, line=where, key=cat)
    return {c: d.strip() for c, d in value.items()}


def _languages(value: Any, path: str, line: int | None) -> tuple[str, ...]:
    if value is None:
        return ()
    vals = [value] if isinstance(value, str) else value
    if not isinstance(vals, list) or not all(isinstance(v, str) and re.fullmatch(r"[a-z]{2,3}", v) for v in vals):
        raise RuleError(
            "'language' must be a language code such as es, or a list of them", path=path, line=line, key="language"
        )
    return tuple(vals)


def parse_rule(
    raw: Any,
    pack: str,
    path: str,
    defaults: Mapping[str, Any],
    langs: tuple[str, ...],
    *,
    deep: bool = True,
    categories: tuple[str, ...] = CATEGORIES,
) -> Rule:
    if not isinstance(raw, dict):
        raise RuleError("each rule must be a mapping", path=path)
    line = getattr(raw, "line", None)
    rid = raw.get("id")
    if not isinstance(rid, str) or not RULE_ID.match(rid):
        raise RuleError("'id' must look like pack.kebab-name", path=path, line=line, rule=str(rid or ""), key="id")
    if not rid.startswith(pack + "."):
        raise RuleError(
            f"rule ids in pack '{pack}' must start with '{pack}.'", path=path, line=line, rule=rid, key="id"
        )

    def err(msg: str, key: str) -> RuleError:
        return RuleError(msg, path=path, line=line, rule=rid, key=key)

    merged = {**defaults, **raw}
    kind = merged.get("kind")
    if not isinstance(kind, str):
        raise err("'kind' is required", "kind")
    category, severity, message, fix, scope, enabled = _common_values(merged, categories, err)
    bad, good = _examples(raw.get("examples"), err)
    options = {k: v for k, v in raw.items() if k not in COMMON_KEYS}
    rule = Rule(
        id=rid,
        kind=kind,
        category=category,
        severity=severity,
        message=message.strip(),
        fix=fix,
        source=str(merged.get("source", "")).strip(),
        description=str(raw.get("description", "")).strip(),
        pack=pack,
        path=path,
        line=line or 0,
        bad=bad,
        good=good,
        options=options,
        languages=langs,
        scope=scope,
        enabled=enabled,
    )
    try:
        cls = checker_class(kind)
        cls.validate(rule, deep=deep)
    except RuleError as e:
        raise e.located(path=path, line=line, rule=rid) from None
    return rule


def _common_values(
    merged: Mapping[str, Any], categories: tuple[str, ...], err: Callable[[str, str], RuleError]
) -> tuple[str, Severity, str, str, str, bool]:
    """The keys every rule has, checked: category, severity, message, fix, scope, enabled."""
    category = merged.get("category")
    if category not in categories:
        raise err(
            f"'category' must be one of {', '.join(categories)} (or one the pack declares under 'categories')",
            "category",
        )
    try:
        severity = Severity.parse(str(merged.get("severity", "warning")))
    except ValueError as e:
        raise err(str(e), "severity") from None
    message = merged.get("message")
    if not isinstance(message, str) or not message.strip():
        raise err("'message' is required: tell the editor what is wrong and what to write", "message")
    fix = merged.get("fix", "none")
    if fix not in FIX_VALUES:
        raise err("'fix' must be safe, unsafe or none", "fix")
    scope = merged.get("scope", "text")
    if scope not in SCOPES:
        raise err(f"'scope' must be one of {', '.join(SCOPES)}", "scope")
    enabled = merged.get("enabled", True)
    if not isinstance(enabled, bool):
        raise err("'enabled' must be true or false", "enabled")
    return str(category), severity, message, fix, scope, enabled


def _examples(value: Any, err: Any) -> tuple[tuple[Example, ...], tuple[str, ...]]:
    if not isinstance(value, dict) or not value.get("bad") or "good" not in value:
        raise err("every rule needs 'examples' with a non-empty 'bad' list and a 'good' list", "examples")
    for key in value:
        if key not in ("bad", "good"):
            raise err("examples take only 'bad' and 'good'", f"examples.{key}")
    bad: list[Example] = []
    for item in value["bad"]:
        if isinstance(item, str):
            bad.append(Example(item))
        elif isinstance(item, dict) and isinstance(item.get("text"), str) and set(item) <= {"text", "fixed"}:
            fixed = item.get("fixed")
            if fixed is not None and not isinstance(fixed, str):
                raise err("'fixed' must be a string", "examples.bad")
            bad.append(Example(item["text"], fixed))
        else:
            raise err("a bad example is a string or {text, fixed}", "examples.bad")
    good = value["good"] or []
    if not isinstance(good, list) or not all(isinstance(g, str) for g in good):
        raise err("good examples are a list of strings", "examples.good")
    return tuple(bad), tuple(good)


def load_packs(paths: Iterable[Path | str]) -> list[Pack]:
    packs: list[Pack] = []
    names: dict[str, str] = {}
    shipped = builtin_rules_dir().resolve()
    for p in paths:
        pack = load_pack(p, deep=Path(p).resolve().parent != shipped)
        if pack.name in names:
            raise RuleError(f"pack name '{pack.name}' is also used by {names[pack.name]}", path=pack.path, key="pack")
        names[pack.name] = pack.path
        packs.append(pack)
    return packs


def collect_pack_paths(extra: Iterable[Path | str] = (), builtin: bool = True) -> list[Path]:
    """The built-in packs, then each extra path (a pack file, or a folder of packs)."""
    out: list[Path] = []
    if builtin:
        out.extend(pack_files(builtin_rules_dir()))
    for e in extra:
        p = Path(e)
        if p.is_dir():
            out.extend(pack_files(p))
        elif p.is_file():
            out.append(p)
        else:
            raise RuleError("no such rule pack file or folder", path=str(p))
    return out
