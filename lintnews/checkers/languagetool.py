"""kind: languagetool: matches from a LanguageTool server (/v2/check), only when the user gives its URL."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from typing import Any, ClassVar

from ..core.document import Document
from ..core.errors import BackendUnavailable
from ..core.findings import Hit, Severity
from .base import Checker, Option, list_of_str

URL_SETTING = "languagetool-url"
URL_ENV = "LINTNEWS_LANGUAGETOOL_URL"
PATH_ENV = "LINTNEWS_LANGUAGETOOL_PATH"
PATH_SETTING = "languagetool-path"

# LanguageTool's categories onto lintnews's; unknown ones are grammar.
CATEGORY_MAP = {
    "PUNCTUATION": "punctuation",
    "TYPOGRAPHY": "punctuation",
    "STYLE": "readability",
    "REDUNDANCY": "readability",
    "PLAIN_ENGLISH": "readability",
    "WIKIPEDIA": "readability",
}
# Style advice is shown as information, never as a warning.
INFO_CATEGORIES = frozenset({"STYLE", "REDUNDANCY", "PLAIN_ENGLISH", "WIKIPEDIA", "CREATIVE_WRITING"})


def utf16_to_index(text: str) -> list[int] | None:
    """LanguageTool counts offsets in UTF-16 code units (Java); map them to Python indices when they differ."""
    if all(ord(c) < 0x10000 for c in text):
        return None
    out: list[int] = []
    for i, c in enumerate(text):
        out.append(i)
        if ord(c) >= 0x10000:
            out.append(i)
    out.append(len(text))
    return out


def chunks(doc: Document, max_chars: int) -> Iterator[tuple[int, str]]:
    """Whole paragraphs grouped into pieces of at most max_chars (a longer paragraph is sent alone)."""
    start = end = None
    for p in doc.paragraphs:
        if start is not None and end is not None and p.end - start > max_chars:
            yield start, doc.text[start:end]
            start = None
        if start is None:
            start = p.start
        end = p.end
    if start is not None and end is not None:
        yield start, doc.text[start:end]


class LanguageToolChecker(Checker):
    kind = "languagetool"
    # The pack's examples need a server: tests/test_languagetool.py runs them against a local fake one.
    needs_backend: ClassVar[bool] = True
    # A match that overlaps a finding of another lintnews rule is dropped (see Linter.lint).
    defer_to_other_rules: ClassVar[bool] = True
    options = {
        "language": Option(str, default="en-US", help="the LanguageTool language code: en-US, en-GB..."),
        "disabled_rules": Option(list_of_str, default=[], help="LanguageTool rule ids never reported"),
        "enabled_rules": Option(list_of_str, default=[], help="when given, only these LanguageTool rule ids"),
        "disabled_categories": Option(list_of_str, default=[], help="LanguageTool category ids never reported"),
        "timeout": Option((int, float), default=20, help="seconds to wait for one request"),
        "max_chars": Option(int, default=20000, help="text sent per request (whole paragraphs)"),
    }

    def setup(self) -> None:
        url = self.settings.get(URL_SETTING) or os.environ.get(URL_ENV) or ""
        self.url = str(url).rstrip("/")
        if self.url and not self.url.endswith("/v2/check"):
            self.url += "/v2/check"
        # a local LanguageTool folder is used when no server URL is given; its server starts on first use
        self.local_path = "" if self.url else str(self.settings.get(PATH_SETTING) or os.environ.get(PATH_ENV) or "")

    def _ensure_url(self) -> None:
        if not self.url and self.local_path:
            from ..core.languagetool_local import server_url

            self.url = server_url(self.local_path) + "/v2/check"

    def request(self, text: str) -> dict[str, Any]:
        from urllib.error import URLError
        from urllib.parse import urlencode
        from urllib.request import Request, urlopen

        form: dict[str, str] = {"text": text, "language": self.opts["language"]}
        if self.opts["disabled_rules"]:
            form["disabledRules"] = ",".join(self.opts["disabled_rules"])
        if self.opts["disabled_categories"]:
            form["disabledCategories"] = ",".join(self.opts["disabled_categories"])
        if self.opts["enabled_rules"]:
            form["enabledRules"] = ",".join(self.opts["enabled_rules"])
            form["enabledOnly"] = "true"
        req = Request(self.url, data=urlencode(form).encode("utf-8"), headers={"Accept": "application/json"})
        try:
            with urlopen(req, timeout=float(self.opts["timeout"])) as resp:
                data: Any = json.loads(resp.read().decode("utf-8"))
        except (URLError, OSError, ValueError) as e:
            reason = getattr(e, "reason", None) or e
            raise BackendUnavailable(f"LanguageTool server {self.url} did not answer ({reason})") from None
        if not isinstance(data, dict) or not isinstance(data.get("matches"), list):
            raise BackendUnavailable(f"LanguageTool server {self.url} sent no 'matches' list")
        return data

    def check(self, doc: Document) -> Iterator[Hit]:
        self._ensure_url()
        if not self.url:
            return  # not configured: the rule is a no-op and costs nothing
        disabled = set(self.opts["disabled_rules"])
        disabled_cats = set(self.opts["disabled_categories"])
        for base, text in chunks(doc, self.opts["max_chars"]):
            index = utf16_to_index(text)
            for m in self.request(text)["matches"]:
                hit = self._hit(m, base, index, len(text), disabled=disabled, disabled_cats=disabled_cats)
                if hit is not None:
                    yield hit

    def _hit(
        self, m: Any, base: int, index: list[int] | None, n: int, *, disabled: set[str], disabled_cats: set[str]
    ) -> Hit | None:
        try:
            off, length = int(m["offset"]), int(m["length"])
            rule = m.get("rule") or {}
            rule_id = str(rule.get("id", ""))
            cat = str((rule.get("category") or {}).get("id", ""))
        except (KeyError, TypeError, ValueError, AttributeError):
            return None
        if rule_id in disabled or cat in disabled_cats:
            return None
        if index is not None:
            if not 0 <= off <= off + length < len(index):
                return None
            start, end = index[off], index[off + length]
        else:
            start, end = off, off + length
        if not 0 <= start <= end <= n:
            return None
        sugg = tuple(str(r["value"]) for r in (m.get("replacements") or [])[:5] if isinstance(r, dict) and "value" in r)
        message = str(m.get("message") or m.get("shortMessage") or "LanguageTool")
        return Hit(
            base + start,
            base + end,
            message=f"{message} [LanguageTool {rule_id}]",
            suggestions=sugg,
            category=CATEGORY_MAP.get(cat, "grammar"),
            severity=Severity.INFO if cat in INFO_CATEGORIES else None,
            params=(("lt_rule", rule_id),),
        )
