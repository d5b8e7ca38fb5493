"""The Markdown and HTML readers' output, one digest per input: compare two checkouts' readers on the same inputs.

usage: .venv/bin/python benchmarks/reader_digest.py [--size 200000] [--only corpus,fixtures,spec,adversarial]

Each line names an input and the SHA-256 of what the reader made of it: the view, the blocks (start, end, kind,
text), the text spans and the meta. Run it in a checkout before a change to the reader and after it (each
imports the lintnews of the checkout it is in) and diff the two outputs: a line that differs is an input read
differently. The inputs: every Markdown and HTML file under corpus/ and tests/fixtures/, every CommonMark spec
example (tests/data/commonmark), and each input of tests/test_linear_time.py at `--size` characters.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.test_linear_time import INPUTS, build  # noqa: E402

SPEC = ROOT / "tests" / "data" / "commonmark" / "commonmark.json"
READ = (".md", ".markdown", ".html", ".htm")


def digest(path: str, raw: str) -> str:
    """The SHA-256 of the reader's document of `raw` as the file `path`."""
    from lintnews.core.readers import read

    doc = read(path, raw)
    h = hashlib.sha256()
    h.update(doc.text.encode("utf-8", "surrogatepass"))
    for b in doc.blocks or ():
        h.update(repr((b.start, b.end, b.kind, b.text)).encode("utf-8", "surrogatepass"))
    h.update(repr(doc.text_spans).encode())
    h.update(repr(sorted(doc.meta.items(), key=lambda kv: kv[0])).encode("utf-8", "surrogatepass"))
    return h.hexdigest()


def inputs(families: set[str], size: int) -> Iterator[tuple[str, str]]:
    """(name, raw) of every input of the chosen families."""
    for family, folder in (("corpus", ROOT / "corpus"), ("fixtures", ROOT / "tests" / "fixtures")):
        if family in families:
            for p in sorted(folder.rglob("*")):
                if p.suffix in READ and p.is_file():
                    yield str(p.relative_to(ROOT)), p.read_text(encoding="utf-8", errors="surrogateescape")
    if "spec" in families:
        for k, example in enumerate(json.loads(SPEC.read_text(encoding="utf-8"))):
            yield f"spec-{k}", example["markdown"]
    if "adversarial" in families:
        for name, (suffix, unit) in INPUTS.items():
            yield name + suffix, build(unit, size)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--size", type=int, default=200_000, help="characters per adversarial input")
    ap.add_argument("--only", default="corpus,fixtures,spec,adversarial", help="comma-separated families")
    args = ap.parse_args()
    for name, raw in inputs(set(args.only.split(",")), args.size):
        print(name, digest(name if name.endswith(READ) else name + ".md", raw))


if __name__ == "__main__":
    main()
