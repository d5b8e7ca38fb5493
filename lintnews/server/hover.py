"""Hover on a finding: its message, then its rule explained as `lintnews rules --explain` does, in Markdown."""

from __future__ import annotations

from ..core.findings import Finding
from ..rules.rulepack import Rule


def _code(text: str) -> str:
    # a backtick run longer than any inside the text keeps the example verbatim
    longest = 0
    run = 0
    for ch in text:
        run = run + 1 if ch == "`" else 0
        longest = max(longest, run)
    fence = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{fence}{pad}{text}{pad}{fence}"


def explain_markdown(rule: Rule) -> str:
    """A rule's explanation: what `lintnews rules --explain` shows (message, description, why, examples)."""
    lines = [
        f"**{rule.id}** · {rule.category} · {rule.severity.label} · fix: {rule.fix}",
        "",
        rule.message,
    ]
    if rule.description:
        lines += ["", rule.description]
    if rule.source:
        lines += ["", f"*Why:* {rule.source}"]
    if rule.bad:
        lines += ["", "*Bad:*"]
        for ex in rule.bad:
            lines.append(f"- {_code(ex.text)}" + (f" → {_code(ex.fixed)}" if ex.fixed is not None else ""))
    if rule.good:
        lines += ["", "*Good:*"]
        lines += [f"- {_code(g)}" for g in rule.good]
    return "\n".join(lines)


def hover_markdown(findings: list[Finding], rules: dict[str, Rule]) -> str:
    parts = []
    for f in findings:
        rule = rules.get(f.rule)
        parts.append(f.message + ("\n\n" + explain_markdown(rule) if rule is not None else f"\n\n**{f.rule}**"))
    return "\n\n---\n\n".join(parts)
