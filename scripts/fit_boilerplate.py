#!/usr/bin/env python3
"""Fit the boilerplate line model (lintnews/checkers/boilerplate/weights.json) and report how well it does.

usage: .venv/bin/python scripts/fit_boilerplate.py [--dev LINES.jsonl] [--write] [--folds 5] [--breakdown]

Training lines: tests/data/boilerplate_examples.txt (written and labelled by hand for lintnews), plus, with
--dev, a labelled set of the form of shared/eval/dev/boilerplate_lines.jsonl ({page, extractor, line_no, text,
label}). No line of the dev set is stored: only the fitted weights and the figures are written.

The model scores only the lines the pattern rules of the boilerplate pack leave alone (as it does at run time),
so the figures reported are those of the whole detector: rules and model together. The dev figure is
cross-validated by page (the three extractions of a page fall in one fold, as do the pages of one site when
--site-of-page is given); the in-sample figure is printed beside it.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from lintnews.checkers.boilerplate.features import FEATURES, LineEvidence, line_evidence  # noqa: E402
from lintnews.checkers.boilerplate.lines import words_of  # noqa: E402
from lintnews.checkers.boilerplate.model import (  # noqa: E402
    CONTEXT,
    WEIGHTS_FILE,
    LineModel,
    context_features,
)
from lintnews.checkers.boilerplate.page import ArticleFacts, article_facts  # noqa: E402
from lintnews.core.sources import make_document  # noqa: E402
from lintnews.engine.lint import Linter  # noqa: E402
from lintnews.rules.rulepack import collect_pack_paths, load_packs  # noqa: E402

EXAMPLES = ROOT / "tests" / "data" / "boilerplate_examples.txt"
OUT = ROOT / "lintnews" / "checkers" / "boilerplate" / WEIGHTS_FILE
MODEL_KINDS = ("boilerplate-line", "boilerplate-repeat")
L2 = 0.3


@dataclass
class Article:
    group: str  # lines of one group are never split between training and test
    source: str  # "examples" or "dev"
    lines: list[str]
    labels: list[str]  # content | boilerplate | mixed


def read_examples(path: Path) -> list[Article]:
    arts: list[Article] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        if raw.startswith("# article:"):
            arts.append(Article("ex:" + raw.split(":", 1)[1].strip(), "examples", [], []))
        elif raw[:2] in ("B|", "C|"):
            arts[-1].lines.append(raw[2:].strip())
            arts[-1].labels.append("boilerplate" if raw[0] == "B" else "content")
    return arts


def read_sites(path: Path) -> dict[str, str]:
    """Each page's site: the host of its URL, from JSON Lines of {id, url} (shared/eval/dev/clean_news.jsonl)."""
    sites = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        host = urlsplit(str(r["url"])).hostname or ""
        sites[str(r["id"])] = host.removeprefix("www.")
    return sites


def read_dev(path: Path) -> list[Article]:
    docs: dict[tuple[str, str], list[dict[str, object]]] = defaultdict(list)
    for line in path.read_text(encoding="utf-8").splitlines():
        r = json.loads(line)
        docs[(r["page"], r["extractor"])].append(r)
    arts = []
    for (page, _), rows in sorted(docs.items()):
        rows.sort(key=lambda r: int(str(r["line_no"])))
        arts.append(Article(f"page:{page}", "dev", [str(r["text"]) for r in rows], [str(r["label"]) for r in rows]))
    return arts


def rule_flags(arts: list[Article]) -> list[list[str]]:
    """The pattern rule of the boilerplate category that flags each line ('' for none), as lintnews reports it."""
    rules = [r for p in load_packs(collect_pack_paths()) for r in p.rules]
    linter = Linter([r for r in rules if r.category == "boilerplate" and r.kind not in MODEL_KINDS])
    out = []
    for n, a in enumerate(arts):
        text = "\n\n".join(a.lines) + "\n"
        spans, pos = [], 0
        for line in a.lines:
            spans.append((pos, pos + len(line)))
            pos += len(line) + 2
        found = [f for f in linter.lint(make_document(f"a{n}.txt", text)) if f.category == "boilerplate"]
        out.append(
            [next((f.rule for f in found if f.offset < e and s < max(f.end, f.offset + 1)), "") for s, e in spans]
        )
    return out


def fit(x: np.ndarray, y: np.ndarray, sw: np.ndarray, l2: float = L2) -> np.ndarray:
    """L2-penalised logistic regression by Newton's method, lines weighted by `sw` (the bias is not penalised)."""
    w = np.zeros(x.shape[1])
    pen = np.full(x.shape[1], l2)
    pen[0] = 1e-6
    for _ in range(50):
        p = 1 / (1 + np.exp(-np.clip(x @ w, -40, 40)))
        grad = x.T @ (sw * (p - y)) + pen * w
        hess = (x * (sw * p * (1 - p))[:, None]).T @ x + np.diag(pen)
        step = np.linalg.solve(hess, grad)
        w -= step
        if np.abs(step).max() < 1e-8:
            break
    return w


def scores(x: np.ndarray, w: np.ndarray) -> np.ndarray:
    out: np.ndarray = 1 / (1 + np.exp(-np.clip(x @ w, -40, 40)))
    return out


def f1(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / max(1, tp + fp)
    r = tp / max(1, tp + fn)
    return p, r, 2 * p * r / max(1e-9, p + r)


def evaluate(labels: list[str], flagged: list[bool]) -> tuple[float, float, float]:
    tp = sum(f and lab == "boilerplate" for f, lab in zip(flagged, labels, strict=True))
    fp = sum(f and lab == "content" for f, lab in zip(flagged, labels, strict=True))
    fn = sum(not f and lab == "boilerplate" for f, lab in zip(flagged, labels, strict=True))
    return f1(tp, fp, fn)


def parse_args() -> argparse.Namespace:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dev", type=Path, help="labelled lines (JSON Lines) to fit on and cross-validate")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--example-weight", type=float, default=2.0, help="weight of a hand-written line in the fit")
    ap.add_argument("--site-of-page", type=Path, help="JSON Lines of {id, url}: the pages of one site fall in one fold")
    ap.add_argument("--l2", type=float, default=L2, help="the penalty on the weights (larger: smoother model)")
    ap.add_argument("--write", action="store_true", help=f"write {OUT.relative_to(ROOT)}")
    ap.add_argument("--breakdown", action="store_true", help="per-evidence counts of what the model flags on dev")
    ap.add_argument("--show", type=int, default=0, help="print the N content lines scored highest, N missed")
    ap.add_argument("--show-on", choices=("dev", "examples"), default="dev", help="the lines --show prints")
    ap.add_argument("--min-precision", type=float, default=0.92, help="the threshold keeps at least this precision")
    ap.add_argument(
        "--without", action="append", default=[], metavar="FEATURE", help="fit with this evidence zeroed (ablation)"
    )
    return ap.parse_args()


def load_articles(a: argparse.Namespace) -> list[Article] | None:
    """The hand-written articles, and the dev pages grouped by site with --site-of-page (None: an error, printed)."""
    arts = read_examples(EXAMPLES)
    if a.dev is not None:
        try:
            arts += read_dev(a.dev)
        except (OSError, ValueError, KeyError) as e:
            print(f"{a.dev}: cannot read the labelled lines: {e}", file=sys.stderr)
            return None
    if a.site_of_page is not None:
        try:
            sites = read_sites(a.site_of_page)
        except (OSError, ValueError, KeyError) as e:
            print(f"{a.site_of_page}: cannot read the pages' URLs: {e}", file=sys.stderr)
            return None
        for art in arts:
            page = art.group.removeprefix("page:")
            if art.source == "dev" and page in sites:
                art.group = f"site:{sites[page]}"
    return arts


@dataclass
class Lines:
    """The evidence of every line, and the lines the model is fitted on: those the rules leave alone, with a label."""

    arts: list[Article]
    flags: list[list[str]]
    facts: list[ArticleFacts]
    index: dict[tuple[int, int], int]  # (article, line) -> row of x_all
    evidence: list[LineEvidence]
    x_all: np.ndarray
    keys: list[tuple[int, int]]  # the fitted lines
    y: np.ndarray
    sw: np.ndarray  # each fitted line's weight

    @property
    def art_of(self) -> list[int]:
        return [k for k, _ in self.keys]

    @property
    def rows(self) -> np.ndarray:
        return np.array([self.index[key] for key in self.keys])

    def context_x(self, p1: np.ndarray) -> np.ndarray:
        """Second stage: the line's own score, its neighbours' and its block's (a rule-flagged line counts 1)."""
        ctx = [
            context_features(facts, [1.0 if f else float(p1[self.index[(k, j)]]) for j, f in enumerate(self.flags[k])])
            for k, facts in enumerate(self.facts)
        ]
        return np.array([ctx[k][i] for k, i in self.keys])


def collect(arts: list[Article], without: list[str], example_weight: float) -> Lines:
    flags = rule_flags(arts)
    facts = [article_facts(art.lines) for art in arts]
    index: dict[tuple[int, int], int] = {}
    evidence: list[LineEvidence] = []
    for k, art in enumerate(arts):
        for i in range(len(art.lines)):
            index[(k, i)] = len(evidence)
            evidence.append(line_evidence(facts[k], i, [bool(f) for f in flags[k]]))
    x_all = np.array([ev.values for ev in evidence])
    for name in without:
        x_all[:, FEATURES.index(name)] = 0.0
    # the checker judges no line of a text with fewer than 3 lines or no paragraph of a story, and no line without
    # a word: nor does the fit
    keys = [
        (k, i)
        for k, art in enumerate(arts)
        if len(art.lines) >= 3 and facts[k].has_body
        for i, lab in enumerate(art.labels)
        if not flags[k][i] and lab != "mixed" and words_of(art.lines[i])
    ]
    y = np.array([1.0 if arts[k].labels[i] == "boilerplate" else 0.0 for k, i in keys])
    # the hand-written lines stand for the sites the dev set lacks: without a weight 200 lines vanish in 5,000
    sw = np.array([example_weight if arts[k].source == "examples" else 1.0 for k, _ in keys])
    return Lines(arts, flags, facts, index, evidence, x_all, keys, y, sw)


def fit_both(d: Lines, train: np.ndarray, l2: float) -> tuple[np.ndarray, np.ndarray]:
    """Both stages fitted on the lines `train` marks."""
    x = d.x_all[d.rows]
    w1 = fit(x[train], d.y[train], d.sw[train], l2)
    x2 = d.context_x(scores(d.x_all, w1))
    return w1, fit(x2[train], d.y[train], d.sw[train], l2)


def predict(d: Lines, w1: np.ndarray, w2: np.ndarray) -> np.ndarray:
    return scores(d.context_x(scores(d.x_all, w1)), w2)


def cross_validate(d: Lines, folds: int, l2: float) -> tuple[np.ndarray, list[str]]:
    """Every fitted line's score by weights fitted without its group (a dev page or site, a hand-written article)."""
    groups = sorted({d.arts[k].group for k in d.art_of if d.arts[k].source == "dev"})
    fold_of = {g: n % folds for n, g in enumerate(groups)}
    fold_of.update({art.group: n % folds for n, art in enumerate(d.arts) if art.source == "examples"})
    cv = np.full(len(d.y), np.nan)
    if groups:
        for fold in range(folds):
            test = np.array([fold_of[d.arts[k].group] == fold for k in d.art_of])
            w1, w2 = fit_both(d, ~test, l2)
            cv[test] = predict(d, w1, w2)[test]
    return cv, groups


def system(d: Lines, prob: np.ndarray, threshold: float, source: str) -> tuple[float, float, float]:
    """Rules and model together on the articles of `source`, line by line (mixed lines not counted)."""
    flagged = [list(f) for f in d.flags]
    for n, (k, i) in enumerate(d.keys):
        if not np.isnan(prob[n]) and prob[n] >= threshold:
            flagged[k][i] = "model"
    labels = [lab for art in d.arts if art.source == source for lab in art.labels]
    marks = [bool(f) for k, art in enumerate(d.arts) if art.source == source for f in flagged[k]]
    return evaluate(labels, marks)


def choose_threshold(d: Lines, pool: np.ndarray, src: str, min_precision: float, verbose: bool) -> float:
    """The best mean of the cross-validated F1 on dev and on the hand-written articles (the kinds of page the dev
    set lacks), keeping the dev precision."""
    best = (0.0, 0.9)
    for t in np.arange(0.300, 0.998, 0.005):
        p, r, f = system(d, pool, float(t), src)
        f_other = system(d, pool, float(t), "examples")[2] if src == "dev" else f
        if verbose:
            print(f"  t {t:.3f}: P {p:.3f} R {r:.3f} F1 {f:.3f} (hand-written articles F1 {f_other:.3f})")
        if p >= min_precision and (f + f_other) / 2 > best[0]:
            best = ((f + f_other) / 2, float(t))
    return round(best[1], 3)


def breakdown(d: Lines, weights: dict[str, float], pool: np.ndarray, threshold: float, src: str) -> None:
    """What each rule and each piece of evidence of the model (cross-validated) finds, boilerplate / content."""
    model = LineModel(tuple(weights.values()), threshold, {}, ())
    by: dict[str, Counter[str]] = defaultdict(Counter)
    rows = d.rows
    for n, k in enumerate(d.art_of):
        if d.arts[k].source != src or np.isnan(pool[n]) or pool[n] < threshold:
            continue
        label = "boilerplate" if d.y[n] else "content"
        by["(all lines the model flags)"][label] += 1
        for reason in model.reasons(d.evidence[rows[n]]) or ["(its overall shape)"]:
            by[reason.split(" '")[0]][label] += 1
    rule_by: dict[str, Counter[str]] = defaultdict(Counter)
    for k, art in enumerate(d.arts):
        if art.source == src:
            for i, lab in enumerate(art.labels):
                if d.flags[k][i] and lab != "mixed":
                    rule_by[d.flags[k][i]][lab] += 1
    print(f"what the detector finds on {src}: boilerplate / content lines flagged")
    for key, c in sorted(rule_by.items(), key=lambda kv: -sum(kv[1].values())):
        print(f"  rule {key:36s} {c['boilerplate']:4d} / {c['content']:<4d}")
    print("  model (cross-validated), per piece of evidence among the top three of a flagged line:")
    for key, c in sorted(by.items(), key=lambda kv: -sum(kv[1].values())):
        print(f"    {key:38s} {c['boilerplate']:4d} / {c['content']:<4d}")


def show(d: Lines, pool: np.ndarray, count: int, source: str) -> None:
    """The content lines scored highest and the boilerplate lines scored lowest."""
    order = np.argsort(-np.nan_to_num(pool, nan=-1.0))
    src_rows = [n for n in order if d.arts[d.art_of[n]].source == source]
    for title, chosen in (
        ("content lines scored highest:", [n for n in src_rows if not d.y[n]]),
        ("boilerplate lines scored lowest:", [n for n in src_rows[::-1] if d.y[n]]),
    ):
        print(title)
        for n in chosen[:count]:
            k, i = d.keys[n]
            print(f"  {pool[n]:.2f} {d.arts[k].lines[i][:90]!r}")


def main() -> int:
    a = parse_args()
    unknown = [f for f in a.without if f not in FEATURES or f == "bias"]
    if unknown:
        print(f"--without: unknown feature {unknown[0]!r}", file=sys.stderr)
        return 2
    arts = load_articles(a)
    if arts is None:
        return 2
    d = collect(arts, a.without, a.example_weight)
    cv, groups = cross_validate(d, a.folds, a.l2)
    w_all, w_ctx = fit_both(d, np.ones(len(d.y), dtype=bool), a.l2)
    ins = predict(d, w_all, w_ctx)
    src = "dev" if groups else "examples"
    pool = cv if groups else ins
    never = np.zeros(len(d.y)) - 1
    print("rules alone on {}: P {:.3f} R {:.3f} F1 {:.3f}".format(src, *system(d, never, 0.5, src)))
    if groups:
        print(
            "rules alone on the hand-written articles: P {:.3f} R {:.3f} F1 {:.3f}".format(
                *system(d, never, 0.5, "examples")
            )
        )
    threshold = choose_threshold(d, pool, src, a.min_precision, a.breakdown)
    figures = {
        "cv": system(d, pool, threshold, src),
        "in": system(d, ins, threshold, src),
        "ex": system(d, ins, threshold, "examples"),
        "exv": system(d, cv, threshold, "examples") if groups else (0.0, 0.0, 0.0),
    }
    print(f"threshold {threshold}")
    if groups:
        unit = "site" if a.site_of_page is not None else "page"
        print(
            "dev, cross-validated by {} ({} folds): P {:.3f} R {:.3f} F1 {:.3f}".format(unit, a.folds, *figures["cv"])
        )
    print("{}, in-sample: P {:.3f} R {:.3f} F1 {:.3f}".format(src, *figures["in"]))
    print("own examples, in-sample: P {:.3f} R {:.3f} F1 {:.3f}".format(*figures["ex"]))
    if groups:
        print("own examples, cross-validated by article: P {:.3f} R {:.3f} F1 {:.3f}".format(*figures["exv"]))
    weights = {name: round(float(v), 4) for name, v in zip(FEATURES, w_all, strict=True)}
    for name, v in sorted(weights.items(), key=lambda kv: -abs(kv[1])):
        print(f"  {v:+7.3f} {name}")
    print("second stage: " + ", ".join(f"{n} {v:+.3f}" for n, v in zip(CONTEXT, w_ctx, strict=True)))
    if a.breakdown:
        breakdown(d, weights, pool, threshold, src)
    if a.show:
        show(d, pool, a.show, a.show_on)
    if a.write:
        cv_figures: dict[str, tuple[float, float, float] | None] = {**figures, "cv": figures["cv"] if groups else None}
        write(d, a, threshold=threshold, figures=cv_figures, weights=weights, w_ctx=w_ctx)
    return 0


def write(
    d: Lines,
    a: argparse.Namespace,
    *,
    threshold: float,
    figures: dict[str, tuple[float, float, float] | None],
    weights: dict[str, float],
    w_ctx: np.ndarray,
) -> None:
    """weights.json: the weights, the threshold, what they were fitted on and how well they do."""
    examples = sum(d.arts[k].source == "examples" for k in d.art_of)
    data = {
        "about": "Logistic weights of the boilerplate line model, fitted by scripts/fit_boilerplate.py.",
        "threshold": threshold,
        "fitted_on": {
            "examples_lines": int(examples),
            "example_weight": a.example_weight,
            "dev_lines": len(d.keys) - int(examples),
            "l2": a.l2,
        },
        "figures": {
            "dev_cv": [round(v, 3) for v in cv] if (cv := figures["cv"]) else None,
            "dev_in_sample": [round(v, 3) for v in figures["in"] or ()],
        },
        "weights": weights,
        "context_weights": {name: round(float(v), 4) for name, v in zip(CONTEXT, w_ctx, strict=True)},
    }
    OUT.write_text(json.dumps(data, indent=1) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    sys.exit(main())
