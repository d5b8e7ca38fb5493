"""Drive a lintnews HTML report in headless Chromium with Playwright; print what was seen as JSON."""

from __future__ import annotations

import json
import sys
from typing import Any

from playwright.sync_api import Page, sync_playwright

FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
# the width the layout is judged at: a laptop browser window
WIDTH = 1400

_ORDER = """() => ({
  rows: [...document.querySelectorAll('#summary tbody tr')].map(r => r.cells[0].innerText),
  sections: [...document.querySelectorAll('section.article')].map(s => s.dataset.i),
  rowIndex: [...document.querySelectorAll('#summary tbody tr')].map(r => r.dataset.i),
})"""

_LAYOUT = """() => {
  const wrap = document.querySelector('.tablewrap'), last = document.querySelector('#summary thead th:last-child');
  const cells = [...document.querySelectorAll('#summary tbody tr:first-child td')];
  return {
    wrapClient: wrap.clientWidth, wrapScroll: wrap.scrollWidth, pageScroll: document.documentElement.scrollWidth,
    viewport: window.innerWidth, lastRight: last.getBoundingClientRect().right,
    wrapRight: wrap.getBoundingClientRect().right,
    lastCellRight: cells[cells.length - 1].getBoundingClientRect().right,
  };
}"""

_OVERLAP = """() => {
  const head = document.querySelector('header').getBoundingClientRect(), d = document.querySelector('#detail');
  return {headerBottom: head.bottom, detailTop: d.getBoundingClientRect().top, scrollY: window.scrollY};
}"""


def _order(page: Page) -> dict[str, Any]:
    result: dict[str, Any] = page.evaluate(_ORDER)
    return result


def main(browser_path: str, url: str, screenshot: str) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=FLAGS)
        page = browser.new_page(viewport={"width": WIDTH, "height": 800})
        page.goto(url)
        page.wait_for_selector("section#a0 mark")
        opened = _order(page)
        layout = page.evaluate(_LAYOUT)
        marks = page.locator("section#a0 mark")
        n_marks = marks.count()
        cats = sorted({marks.nth(i).get_attribute("data-c") or "" for i in range(marks.count())})
        colour = marks.first.evaluate("m => getComputedStyle(m).borderBottomColor")
        page.locator("section#a0 mark[data-c=calque]").click()
        detail = page.locator("#detail .message").inner_text()
        fix = page.locator("#detail pre.fix").inner_text()
        text = page.locator("section#a0 .body").inner_text()
        pwned = page.evaluate("window.PWNED === undefined ? null : window.PWNED")
        page.evaluate("window.scrollTo(0, 0)")  # a full-page shot of a scrolled page draws the sticky header mid-page
        page.screenshot(path=screenshot, full_page=True)
        # the article with front matter: its text and title, not the raw block
        page.locator("a.goto[data-i='2']").click()
        page.wait_for_selector("section#a2 .body[data-rendered='1']")
        front_text = page.locator("section#a2 .body").inner_text()
        front_heading = page.locator("section#a2 h2").inner_text()
        # scrolled down to it, select a finding: the panel must sit below the sticky header
        page.locator("section#a2 mark").first.click()
        overlap = page.evaluate(_OVERLAP)
        page.screenshot(path=screenshot.replace(".png", "-scrolled.png"))
        page.evaluate("window.scrollTo(0, 0)")
        page.locator("input.fcat[value=punctuation]").uncheck()
        hidden = page.locator("section#a0 mark.hidden").count()
        page.locator("#summary th[data-k='3']").click()  # sort by findings, ascending
        sorted_by_findings = _order(page)
        browser.close()
    print(
        json.dumps(
            {
                "marks": n_marks,
                "categories": cats,
                "colour": colour,
                "detail": detail,
                "fix": fix,
                "text": text,
                "pwned": pwned,
                "hidden_after_filter": hidden,
                "opened": opened,
                "sorted_by_findings": sorted_by_findings,
                "layout": layout,
                "front_text": front_text,
                "front_heading": front_heading,
                "overlap": overlap,
            }
        )
    )


if __name__ == "__main__":
    main(*sys.argv[1:4])
