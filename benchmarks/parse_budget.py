"""The tagger's budget: how many characters and sentences each model rule sends to spaCy, and their union.

usage: .venv/bin/python benchmarks/parse_budget.py [--mt PATH ...] [--clean PATH ...] [--rows N]

Every rule that reads spaCy's analysis names the blocks it wants parsed and at which level (TAGS: tagger
only; DEPS: tagger and parser; FULL: tagger, parser, attribute ruler, lemmatizer); the engine parses the union
of all the rules' blocks of a document in one batch, a block wanted at several levels once, at the fullest.
So the union is what a run pays for, and this prints it beside each rule's own share, for the MT copy (by
default the translated articles of corpus/articles and corpus/extra, and the seeds in ../shared/corpus/seeds
when present, a text met twice counted once) and for clean news (corpus/articles/004_*, corpus/extra/clean_*,
tests/data/clean_news_*.txt). A PATH is a text or Markdown file, a folder of them, or a JSON Lines archive
(one article per line, its `text`). Nothing is parsed: only the rules' cues run, with the default rules and
config, as `lintnews check` selects them per document; but a rule that asks in two steps (tags first, then a
fuller parse of the blocks its tags leave open) has its first step tagged, so that its second is counted as a row of
its own (the model is loaded for that).

Per rule: the share of characters and of sentences it sends; `alone`, the sentences no other rule sends (what
narrowing its cue alone would save of the union), and for a rule that reads the full parse, `full1`, the
sentences no other rule wants parsed (narrowed, they would be tagged only, or not sent at all).
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lintnews.core import nlp  # noqa: E402
from lintnews.core.config import Config  # noqa: E402
from lintnews.core.document import Block, Document  # noqa: E402
from lintnews.core.errors import LintnewsError  # noqa: E402
from lintnews.core.nlp import DEPS, FULL, TAGS  # noqa: E402
from lintnews.core.sources import is_jsonl, jsonl_documents, make_document  # noqa: E402
from lintnews.engine.ruleset import make_linter  # noqa: E402

SHARED_SEEDS = ROOT.parent.parent / "shared" / "corpus" / "seeds"
# corpus/articles/004_* is the clean control article; corpus/extra/clean_* are clean too
CLEAN_DEFAULT = (
    *sorted((ROOT / "corpus" / "articles").glob("004_*.txt")),
    *sorted((ROOT / "corpus" / "extra").glob("clean_*.txt")),
    *sorted((ROOT / "tests" / "data").glob("clean_news_*.txt")),
)
MT_DEFAULT = (
    *sorted(p for p in (ROOT / "corpus" / "articles").glob("*.txt") if p not in CLEAN_DEFAULT),
    *sorted(p for p in (ROOT / "corpus" / "extra").glob("*.txt") if p not in CLEAN_DEFAULT),
    *sorted(p for p in SHARED_SEEDS.glob("*.txt") if not p.name.startswith("004_")),
)
SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm")


@dataclass
class Tally:
    """Characters, blocks and sentences sent, summed over documents."""

    chars: int = 0
    blocks: int = 0
    sentences: int = 0
    # sentences no other rule sends at all (alone), or in full (alone_full): what narrowing this cue alone saves
    alone: int = 0
    alone_full: int = 0

    def add(self, doc: Document, blocks: Iterable[Block]) -> set[int]:
        """Count these blocks; returns the starts of the document's sentences they cover."""
        spans = sorted({(b.start, b.end) for b in blocks})
        self.blocks += len(spans)
        self.chars += sum(e - s for s, e in spans)
        covered = {st.start for st in doc.sentences if any(s <= st.start < e for s, e in spans)}
        self.sentences += len(covered)
        return covered


@dataclass
class Budget:
    """What one corpus sends: per rule, and the union per level as the engine batches it."""

    docs: int = 0
    chars: int = 0
    sentences: int = 0
    seconds: float = 0.0
    rules: dict[tuple[str, str], Tally] = field(default_factory=lambda: defaultdict(Tally))
    union: dict[str, Tally] = field(default_factory=lambda: defaultdict(Tally))


def documents(paths: Sequence[Path]) -> list[Document]:
    """The documents of these paths, each distinct text once (the seeds repeat corpus/articles)."""
    seen: set[str] = set()
    out: list[Document] = []
    for path in paths:
        if not path.exists():
            continue
        files = (
            sorted(p for p in path.rglob("*") if p.suffix in SUFFIXES or is_jsonl(str(p))) if path.is_dir() else [path]
        )
        for f in files:
            raw = f.read_text(encoding="utf-8")
            docs = jsonl_documents(str(f), raw) if is_jsonl(str(f)) else [make_document(str(f), raw)]
            for d in docs:
                if d.raw not in seen:
                    seen.add(d.raw)
                    out.append(d)
    return out


def measure(docs: Sequence[Document]) -> Budget:
    linter = make_linter(Config())
    linter.prepare()  # the selector of the rules' patterns, compiled or loaded once: not the cues' cost
    budget = Budget()
    t0 = time.perf_counter()
    for doc in docs:
        budget.docs += 1
        budget.chars += len(doc.text)
        budget.sentences += len(doc.sentences)
        ids = linter._active_ids(doc, linter._candidates(doc))  # the engine's own choice of rules
        wanted: dict[str, list[Block]] = {TAGS: [], DEPS: [], FULL: []}
        # per sentence start, the rules that send it (at any level, in full)
        senders: dict[int, list[tuple[str, str]]] = defaultdict(list)
        for i in ids:
            checker = linter.checkers[i]
            if not checker.needs_parser:
                continue
            blocks, level, *then = checker.prefetch_request(doc)
            steps = [(blocks, level)]
            if then and then[0] is not None and blocks:
                first = nlp.parse(doc, blocks, level)
                steps.append((then[0].choose(list(zip(blocks, first, strict=True))), then[0].level))
            for step_blocks, step_level in steps:
                key = (checker.rule.id, step_level)
                for start in budget.rules[key].add(doc, step_blocks):
                    senders[start].append(key)
                if step_level in wanted:
                    wanted[step_level].extend(step_blocks)
        for keys in senders.values():
            full = [k for k in keys if k[1] in (FULL, DEPS)]
            if len(keys) == 1:
                budget.rules[keys[0]].alone += 1
            if len(full) == 1:
                budget.rules[full[0]].alone_full += 1
        # a block wanted at several levels is parsed once, at the fullest (nlp.prefetch_many)
        done: set[tuple[int, int]] = set()
        for level in (FULL, DEPS, TAGS):
            budget.union[level].add(doc, [b for b in wanted[level] if (b.start, b.end) not in done])
            done.update((b.start, b.end) for b in wanted[level])
        budget.union["any"].add(doc, wanted[FULL] + wanted[DEPS] + wanted[TAGS])
    budget.seconds = time.perf_counter() - t0
    return budget


def pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f}%" if whole else "    -"


def table(budgets: dict[str, Budget], rows: int) -> str:
    names = list(budgets)
    head = f"{'rule':44} {'level':5}" + "".join(
        f" | {n + ' chars':>13} {'sents':>6} {'alone':>6} {'full1':>6}" for n in names
    )
    lines = [head, "-" * len(head)]
    keys = sorted(
        {k for b in budgets.values() for k in b.rules}, key=lambda k: -sum(b.rules[k].chars for b in budgets.values())
    )
    for key in keys[:rows]:
        cells = "".join(
            f" | {pct(b.rules[key].chars, b.chars):>13} {pct(b.rules[key].sentences, b.sentences):>6}"
            f" {pct(b.rules[key].alone, b.sentences):>6}"
            f" {pct(b.rules[key].alone_full, b.sentences) if key[1] in (FULL, DEPS) else '':>6}"
            for b in budgets.values()
        )
        lines.append(f"{key[0][:44]:44} {key[1]:5}{cells}")
    lines.append("-" * len(head))
    for level, label in (
        (FULL, "UNION parsed in full"),
        (DEPS, "UNION parsed, no lemmas"),
        (TAGS, "UNION tagged only"),
        ("any", "UNION sent"),
    ):
        cells = "".join(
            f" | {pct(b.union[level].chars, b.chars):>13} {pct(b.union[level].sentences, b.sentences):>6} {'':13}"
            for b in budgets.values()
        )
        lines.append(f"{label:44} {level[:5]:5}{cells}")
    for b_name, b in budgets.items():
        lines.append(
            f"{b_name}: {b.docs} documents, {b.chars} characters, {b.sentences} sentences; "
            f"union sent {b.union['any'].chars} chars ({b.union[FULL].chars} full, {b.union[DEPS].chars} deps, "
            f"{b.union[TAGS].chars} tags); "
            f"cues {b.seconds:.2f} s"
        )
    return "\n".join(lines)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mt", nargs="*", type=Path, default=list(MT_DEFAULT), help="the MT copy")
    ap.add_argument("--clean", nargs="*", type=Path, default=list(CLEAN_DEFAULT), help="clean news")
    ap.add_argument("--rows", type=int, default=30, help="rules shown, the costliest first")
    a = ap.parse_args()
    budgets = {}
    for name, paths in (("MT", a.mt), ("clean", a.clean)):
        missing = [p for p in paths if not p.exists()]
        if missing:
            print(f"parse_budget: {missing[0]}: no such file or folder", file=sys.stderr)
            return 2
        try:
            docs = documents(paths)
        except (LintnewsError, OSError, UnicodeDecodeError) as e:
            print(f"parse_budget: {e}", file=sys.stderr)
            return 2
        budgets[name] = measure(docs)
    print(table(budgets, a.rows))
    return 0


if __name__ == "__main__":
    sys.exit(main())
