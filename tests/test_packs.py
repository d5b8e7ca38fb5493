"""The shipped rule packs tested as data: names, ids, sources, examples and lists."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from lintnews.core.errors import RuleError
from lintnews.rules.rulepack import builtin_rules_dir, known_categories, load_pack, load_packs, pack_files

PACK_FILES = pack_files(builtin_rules_dir())
PACKS = load_packs(PACK_FILES)
RULES = [r for p in PACKS for r in p.rules]


def test_there_are_packs() -> None:
    assert PACKS and RULES


@pytest.mark.parametrize("pack", PACKS, ids=lambda p: p.name)
def test_pack_file_is_named_after_its_pack(pack: object) -> None:
    assert Path(pack.path).stem == pack.name  # type: ignore[attr-defined]


def test_rule_ids_are_unique_across_packs() -> None:
    dupes = [rid for rid, n in Counter(r.id for r in RULES).items() if n > 1]
    assert not dupes


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.id)
def test_rule_is_documented(rule: object) -> None:
    assert rule.source, f"{rule.id} has no source: say why this is wrong and where it comes from"  # type: ignore[attr-defined]
    assert rule.bad and rule.good is not None  # type: ignore[attr-defined]
    assert len(rule.message) >= 15, f"{rule.id}: the message should teach the editor"  # type: ignore[attr-defined]


@pytest.mark.parametrize("rule", [r for r in RULES if r.kind in ("phrase", "swap")], ids=lambda r: r.id)
def test_word_lists_are_unique(rule: object) -> None:
    opts = rule.options  # type: ignore[attr-defined]
    words = list(opts["phrases"]) if "phrases" in opts else list(opts["swap"])
    norm = [" ".join(w.lower().split()) for w in words]
    assert len(set(norm)) == len(norm), f"{rule.id} lists a phrase twice"  # type: ignore[attr-defined]


@pytest.mark.parametrize("rule", [r for r in RULES if r.kind == "swap"], ids=lambda r: r.id)
def test_swaps_do_not_chain(rule: object) -> None:
    # a right form that is itself a wrong form would make fixes loop
    table = {k.lower(): v for k, v in rule.options["swap"].items()}  # type: ignore[attr-defined]
    for right in table.values():
        for alt in right.split("|"):
            assert alt.strip().lower() not in table


def test_fixed_examples_only_where_a_fix_exists() -> None:
    for r in RULES:
        if any(ex.fixed is not None for ex in r.bad):
            assert r.fix != "none" or r.kind not in ("phrase", "swap", "regex", "token"), r.id


MALFORMED = {
    "not a mapping": ("- 1\n", "a rule pack must be a mapping"),
    "bad yaml": ("pack: x\nrules: [\n", "invalid YAML"),
    "unknown key": (
        "pack: x\nrules:\n  - id: x.a\n    kind: phrase\n    category: calque\n    message: a message here\n"
        "    phrases: [foo]\n    colour: red\n    examples: {bad: [foo], good: [bar]}\n",
        "key 'colour'",
    ),
    "bad kind": (
        "pack: x\nrules:\n  - id: x.a\n    kind: nosuch\n    category: calque\n    message: m\n"
        "    examples: {bad: [foo], good: []}\n",
        "unknown kind 'nosuch'",
    ),
    "bad regex": (
        "pack: x\nrules:\n  - id: x.a\n    kind: regex\n    category: calque\n    message: m\n    pattern: '(a'\n"
        "    examples: {bad: [foo], good: []}\n",
        "key 'pattern'",
    ),
    "python tag": ("pack: !!python/object/apply:os.system [echo hi]\nrules: []\n", "invalid YAML"),
    "undeclared category": (
        "pack: x\nrules:\n  - id: x.a\n    kind: phrase\n    category: tone\n    message: a message here\n"
        "    phrases: [foo]\n    examples: {bad: [foo], good: [bar]}\n",
        "key 'category': 'category' must be one of",
    ),
    "built-in category declared": (
        "pack: x\ncategories: {calque: again}\nrules:\n  - id: x.a\n    kind: phrase\n    category: calque\n"
        "    message: a message here\n    phrases: [foo]\n    examples: {bad: [foo], good: [bar]}\n",
        "key 'calque': this category is built in",
    ),
    "category without description": (
        "pack: x\ncategories: {tone: ''}\nrules:\n  - id: x.a\n    kind: phrase\n    category: tone\n"
        "    message: a message here\n    phrases: [foo]\n    examples: {bad: [foo], good: [bar]}\n",
        "key 'tone': describe the category",
    ),
}


def test_a_pack_declares_a_category_for_its_rules(tmp_path: Path) -> None:
    path = tmp_path / "house.yaml"
    path.write_text(
        "pack: house\ncategories: {tone: 'words our desk avoids'}\ndefaults: {category: tone}\nrules:\n"
        "  - id: house.a\n    kind: phrase\n    message: a message here\n    phrases: [foo]\n"
        "    examples: {bad: [foo], good: [bar]}\n",
        encoding="utf-8",
    )
    pack = load_pack(path)
    assert pack.categories == {"tone": "words our desk avoids"}
    assert pack.rules[0].category == "tone"
    assert known_categories([pack])[-1] == "tone"
    assert "tone" not in known_categories(PACKS)


def test_the_style_pack_has_its_own_category() -> None:
    style = next(p for p in PACKS if p.name == "style")
    assert {r.category for r in style.rules} == {"style"}


@pytest.mark.parametrize("name", sorted(MALFORMED))
def test_malformed_pack_names_file_and_problem(tmp_path: Path, name: str) -> None:
    text, expected = MALFORMED[name]
    path = tmp_path / "x.yaml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(RuleError) as info:
        load_pack(path)
    msg = str(info.value)
    assert msg.startswith(str(path)), msg
    assert expected in msg
    assert "\n" not in msg


@pytest.mark.parametrize("path", PACK_FILES, ids=lambda p: p.stem)
def test_shipped_pack_passes_full_validation(path: Path) -> None:
    # at run time the shipped packs skip the costly checks (compiling every pattern): they are made here
    assert load_pack(path, deep=True).rules


KEEP_OUT_RULES = [r for r in RULES if r.kind == "regex" and "\\K" in r.options["pattern"]]


@pytest.mark.parametrize("rule", KEEP_OUT_RULES, ids=lambda r: r.id)
def test_a_keep_out_pattern_finds_what_its_look_behind_form_finds(rule: object) -> None:
    """`P\\KX` is written for `(?<=P)X`: the engine scans for a leading literal far faster than it tries a
    look-behind at every position. The two must give the same matches, in the rule's examples and in them all
    run together (matches one after another, with the prefix right after the previous match)."""
    import regex

    options = rule.options  # type: ignore[attr-defined]
    flags = regex.IGNORECASE if options.get("ignorecase") else 0
    prefix, rest = options["pattern"].split("\\K", 1)
    keep_out = regex.compile(options["pattern"], flags | regex.V0)
    look_behind = regex.compile(f"(?<={prefix}){rest}", flags | regex.V0)
    texts = [ex.text for ex in rule.bad] + list(rule.good)  # type: ignore[attr-defined]
    texts += [" ".join(texts), ", ".join(texts), "\n".join(texts)]
    for text in texts:
        assert [(m.span(), m.groupdict()) for m in keep_out.finditer(text)] == [
            (m.span(), m.groupdict()) for m in look_behind.finditer(text)
        ], text
    assert any(keep_out.search(ex.text) for ex in rule.bad)  # type: ignore[attr-defined]


def test_keep_out_rules_are_tested() -> None:
    assert len(KEEP_OUT_RULES) >= 3
