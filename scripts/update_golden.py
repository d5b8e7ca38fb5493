"""Regenerate corpus/expected/*.json: the findings lintnews reports for each bundled article."""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.golden import ARTICLES, EXPECTED, golden_findings  # noqa: E402


def main() -> int:
    EXPECTED.mkdir(exist_ok=True)
    for article in sorted(ARTICLES.glob("*.txt")):
        out = EXPECTED / (article.stem + ".json")
        out.write_text(json.dumps(golden_findings(article), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
        print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
