"""The editor's report: one self-contained HTML page (or a Markdown summary) for a batch of articles."""

from __future__ import annotations

import html
import json
import zlib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .. import __version__
from ..core.document import Document
from ..core.findings import Finding
from ..rules.rulepack import known_categories
from .report import plural
from .score import artifact_score

CATEGORY_COLOURS = {
    "run-together": "#e4572e",
    "sentence-split": "#f3a712",
    "punctuation": "#a8c686",
    "calque": "#669bbc",
    "grammar": "#b56576",
    "boilerplate": "#8d99ae",
    "consistency": "#29335c",
    "duplicate": "#6d597a",
    "readability": "#c9ada7",
}


def category_colour(category: str) -> str:
    """A built-in category's own colour; a category a pack declares gets one from its name, the same every run."""
    colour = CATEGORY_COLOURS.get(category)
    if colour is None:
        colour = f"hsl({zlib.crc32(category.encode()) % 360}, 45%, 55%)"
    return colour


def report_categories(articles: Sequence[Article], categories: Sequence[str] | None = None) -> list[str]:
    """The report's category columns: the categories the run knows (`categories`, by default the built-in ones),
    then any other that a finding carries (a house pack's), in order of first appearance."""
    cats = list(known_categories(()) if categories is None else categories)
    for a in articles:
        for f in a.findings:
            if f.category not in cats:
                cats.append(f.category)
    return cats


@dataclass(frozen=True)
class Article:
    """One linted article as the report shows it.

    `text` is the file's text (what fixes edit); `view` the same length with what is not article text blanked
    (front matter, markup), which the report shows; `title` the front matter's or the page's title, if any,
    and `title_span` where it sits in the text (it is linted, so it may hold findings)."""

    path: str
    text: str
    words: int
    findings: Sequence[Finding]
    view: str = ""
    title: str | None = None
    title_span: tuple[int, int] | None = None

    @classmethod
    def of(cls, doc: Document, findings: Sequence[Finding]) -> Article:
        span = doc.meta.get("title_span")
        title_span = None
        if isinstance(span, tuple) and len(span) == 2 and all(isinstance(x, int) for x in span):
            title_span = (int(span[0]), int(span[1]))
        title = " ".join(doc.raw[title_span[0] : title_span[1]].split()) if title_span else None
        return cls(doc.path, doc.raw, doc.word_count, findings, doc.text, title or None, title_span)

    @property
    def shown(self) -> str:
        return self.view if len(self.view) == len(self.text) else self.text

    @property
    def score(self) -> float:
        return artifact_score(self.findings, self.words)


def _counts(findings: Sequence[Finding]) -> Counter[str]:
    return Counter(f.category for f in findings)


def _finding_data(f: Finding, text: str) -> dict[str, Any]:
    before = text[f.offset : f.end]
    after = None
    if f.fix is not None:
        # the fix shown as the span's text before and after, edits outside the span included
        lo = min(f.offset, f.fix.start)
        hi = max(f.end, f.fix.end)
        before = text[lo:hi]
        pieces, pos = [], lo
        for e in sorted(f.fix.edits):
            pieces.append(text[pos : e.offset])
            pieces.append(e.replacement)
            pos = e.end
        pieces.append(text[pos:hi])
        after = "".join(pieces)
    return {
        "o": f.offset,
        "l": f.length,
        "r": f.rule,
        "c": f.category,
        "s": f.severity.label,
        "m": f.message,
        "g": list(f.suggestions),
        "fx": None if f.fix is None else {"a": f.fix.applicability.value, "b": before, "f": after},
        "ln": f.line,
    }


def _json_for_script(data: Any) -> str:
    """JSON that cannot end the <script> element it sits in, whatever the articles contain."""
    raw = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026").replace("\u2028", "\\u2028")


def render_html(
    articles: Sequence[Article], title: str = "lintnews report", categories: Sequence[str] | None = None
) -> str:
    """The report page; `categories` are the run's (rulepack.known_categories of its packs), if it knows them."""
    cats = report_categories(articles, categories)
    totals = Counter[str]()
    for a in articles:
        totals.update(_counts(a.findings))
    data = [
        {
            "p": a.path,
            "t": a.shown,
            "ts": list(a.title_span) if a.title_span else None,
            "w": a.words,
            "sc": a.score,
            "f": [_finding_data(f, a.text) for f in a.findings],
        }
        for a in articles
    ]
    # the page opens sorted by score, worst first (ties by path), the article sections in the table's order
    order = sorted(range(len(articles)), key=lambda i: (-articles[i].score, articles[i].path))
    palette = {c: category_colour(c) for c in cats}
    n_findings = sum(len(a.findings) for a in articles)
    return _PAGE.format(
        title=html.escape(title),
        version=__version__,
        colours=";".join(f"--{c}:{v}" for c, v in palette.items()),
        n_articles=plural(len(articles), "article"),
        n_findings=plural(n_findings, "finding"),
        legend=_legend(cats, totals, palette),
        sev="".join(
            f'<label class="chip sev"><input type="checkbox" class="fsev" value="{s}" checked>{s}</label>'
            for s in ("error", "warning", "info")
        ),
        # category headers are set upright (see report.css): nine columns of small counts then fit beside the
        # detail panel at 1,400 px instead of scrolling sideways
        head_cells="".join(
            f'<th class="num cat" data-k="{4 + i}" title="{html.escape(c)}"><span>{html.escape(c)}</span></th>'
            for i, c in enumerate(cats)
        ),
        rows="".join(_summary_row(i, articles[i], cats) for i in order),
        sections="".join(_section(i, articles[i]) for i in order),
        data=_json_for_script(data),
        palette=_json_for_script(palette),
        css=_asset("report.css"),
        js=_asset("report.js"),
    )


def _legend(cats: Sequence[str], totals: Counter[str], palette: dict[str, str]) -> str:
    return "".join(
        f'<label class="chip" style="--c:{palette[c]}">'
        f'<input type="checkbox" class="fcat" value="{html.escape(c)}" checked>'
        f"{html.escape(c)} <span class='n'>{totals.get(c, 0)}</span></label>"
        for c in cats
    )


def _summary_row(i: int, a: Article, cats: Sequence[str]) -> str:
    counts = _counts(a.findings)
    cells = "".join(f'<td class="num">{counts.get(c, 0) or ""}</td>' for c in cats)
    return (
        f'<tr data-i="{i}"><td><a href="#a{i}" class="goto" data-i="{i}">{html.escape(a.path)}</a></td>'
        f'<td class="num">{a.words}</td><td class="num">{a.score:.1f}</td>'
        f'<td class="num">{len(a.findings)}</td>{cells}</tr>'
    )


def _section(i: int, a: Article) -> str:
    heading = (
        f'{html.escape(a.title)} <small class="path">{html.escape(a.path)}</small>' if a.title else html.escape(a.path)
    )
    return (
        f'<section class="article" id="a{i}" data-i="{i}"><h2>{heading} '
        f"<small>score {a.score:.1f} · {plural(len(a.findings), 'finding')} · {plural(a.words, 'word')}</small></h2>"
        f'<div class="body" data-rendered="0"><p class="hint">Scroll here or select the article to show its text.</p>'
        f"</div></section>"
    )


def _asset(name: str) -> str:
    return (Path(__file__).with_name("assets") / name).read_text(encoding="utf-8")


def _md_row(cells: Sequence[str]) -> str:
    return "| " + " | ".join(cells) + " |"


def _md_text(s: str) -> str:
    """Text that stays one table cell / one heading: pipes escaped, line breaks and backticks flattened."""
    return " ".join(s.replace("|", "\\|").split())


def render_markdown(
    articles: Sequence[Article], title: str = "lintnews report", categories: Sequence[str] | None = None
) -> str:
    """The summary table in Markdown, for a pull request description or comment: worst-scoring articles first.

    The header row, the delimiter row and every body row have the same number of cells (GitHub renders no table
    otherwise); a batch with no findings gets a plain line instead of a table of zeros."""
    n_findings = sum(len(a.findings) for a in articles)
    out = [f"### {_md_text(title)}", "", f"{plural(len(articles), 'article')}, {plural(n_findings, 'finding')}.", ""]
    if not n_findings:
        out.append("No findings." if articles else "No articles were checked.")
        return "\n".join(out) + "\n"
    used = {f.category for a in articles for f in a.findings}
    cats = [c for c in report_categories(articles, categories) if c in used]
    out.append(_md_row(["article", "words", "score", "findings", *cats]))
    out.append("|" + "|".join(["---", *["---:"] * (3 + len(cats))]) + "|")
    for a in sorted(articles, key=lambda a: (-a.score, a.path)):
        counts = _counts(a.findings)
        name = "`" + _md_text(a.path).replace("`", "'") + "`"  # a backtick would end the code span
        cells = [str(counts.get(c, 0) or "") for c in cats]
        out.append(_md_row([name, str(a.words), f"{a.score:.1f}", str(len(a.findings)), *cells]))
    out += ["", "Score: findings per 1,000 words, weighted error 3, warning 2, info 1."]
    return "\n".join(out) + "\n"


_PAGE = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy"
 content="default-src 'none'; style-src 'unsafe-inline'; script-src 'unsafe-inline'; img-src data:">
<title>{title}</title>
<style>
:root{{{colours}}}
{css}</style></head>
<body>
<header>
<h1>{title} <small class="counts">{n_articles} · {n_findings} · lintnews {version}</small></h1>
<div id="filters"><strong>Categories:</strong> {legend}<br><strong>Severity:</strong> {sev}</div>
</header>
<main>
<div>
<div class="tablewrap"><table id="summary"><thead><tr><th data-k="0">article</th><th class="num" data-k="1">words</th>
<th class="num sorted-desc" data-k="2" title="findings per 1,000 words, weighted error 3, warning 2, info 1">score</th>
<th class="num" data-k="3">findings</th>{head_cells}</tr></thead>
<tbody>{rows}</tbody></table></div>
<div id="articles">{sections}</div>
</div>
<aside id="detail"><p class="hint">
Select a highlighted passage to see the finding: its message, suggestions and fix.</p></aside>
</main>
<script type="application/json" id="lintnews-data">{data}</script>
<script type="application/json" id="lintnews-palette">{palette}</script>
<script>

{js}</script>
</body></html>
"""
