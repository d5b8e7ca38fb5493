"""Render the editor's report for corpus/ and save a screenshot of it to docs/report.png (for the README)."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests" / "browser"))
from drive_report import FLAGS  # noqa: E402


def main() -> int:
    browser_path = shutil.which("chromium") or shutil.which("chromium-browser")
    if browser_path is None:
        print("needs Debian's chromium (apt-get install chromium)", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as tmp:
        page_path = Path(tmp) / "report.html"
        lintnews = ROOT / ".venv" / "bin" / "lintnews"
        subprocess.run([str(lintnews), "report", "corpus/articles", "-o", str(page_path)], cwd=ROOT, check=True)
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=browser_path, args=FLAGS)
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.goto(page_path.as_uri())
            # the first section shown is the worst-scoring article (the page opens sorted by score)
            first = page.locator("section.article").first
            first.locator("mark").first.wait_for()
            first.locator("mark").first.click()
            out = ROOT / "docs" / "report.png"
            out.parent.mkdir(exist_ok=True)
            page.screenshot(path=str(out))
            browser.close()
    print(f"wrote {out.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
