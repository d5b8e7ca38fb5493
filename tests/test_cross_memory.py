"""The cross-document pass over documents linted elsewhere (--jobs workers) leaves no derived data on them, and
finds what it finds on documents linted in this process."""

from __future__ import annotations

from lintnews.core.sources import make_document
from lintnews.engine.lint import Linter
from lintnews.rules.rulepack import collect_pack_paths, load_packs

RULES = {r.id: r for p in load_packs(collect_pack_paths()) for r in p.rules}
SITE = "Follow us on Telegram"


def _docs() -> list:
    topics = ["the harbour", "a new school", "the bridge", "bus lanes", "the museum"]
    return [
        make_document(
            f"a{n}.txt",
            f"Plan for {t} approved\n\nThe council voted on Tuesday to spend {n + 2} million euros on {t}, ending a "
            f"debate of many months.\n\n{SITE}\n",
        )
        for n, t in enumerate(topics)
    ]


def test_repeated_lines_found_without_keeping_lines() -> None:
    linter = Linter([RULES["boilerplate.repeated-line"]])
    fresh = _docs()
    before = [set(d.cache) for d in fresh]
    cross = linter.cross_findings(fresh)
    assert [set(d.cache) for d in fresh] == before
    found = {p: [(f.offset, f.length, f.message) for f in fs] for p, fs in cross.items()}
    assert sorted(found) == [d.path for d in fresh]
    text = {d.path: d.text for d in fresh}
    assert all(text[p][o : o + n] == SITE for p, fs in found.items() for o, n, _ in fs)
    linted = _docs()
    for d in linted:
        linter.lint(d)
    again = {p: [(f.offset, f.length, f.message) for f in fs] for p, fs in linter.cross_findings(linted).items()}
    assert again == found
