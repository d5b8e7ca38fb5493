"""Drive a lintnews HTML report in headless Chromium with Playwright; print what was seen as JSON."""

from __future__ import annotations

import json
import sys

from playwright.sync_api import sync_playwright

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


def main(browser_path: str, url: str, screenshot: str) -> None:
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=browser_path, args=FLAGS)
        page = browser.new_page(viewport={"width": 1200, "height": 800})
        page.goto(url)
        page.wait_for_selector("section#a0 mark")
        marks = page.locator("section#a0 mark")
        n_marks = marks.count()
        cats = sorted({marks.nth(i).get_attribute("data-c") or "" for i in range(marks.count())})
        colour = marks.first.evaluate("m => getComputedStyle(m).borderBottomColor")
        page.locator("section#a0 mark[data-c=calque]").click()
        detail = page.locator("#detail .message").inner_text()
        fix = page.locator("#detail pre.fix").inner_text()
        text = page.locator("section#a0 .body").inner_text()
        pwned = page.evaluate("window.PWNED === undefined ? null : window.PWNED")
        page.screenshot(path=screenshot, full_page=True)
        page.locator("input.fcat[value=punctuation]").uncheck()
        hidden = page.locator("section#a0 mark.hidden").count()
        page.locator("#summary th[data-k='3']").click()  # sort by findings, ascending
        first = page.locator("#summary tbody tr").first.locator("td").first.inner_text()
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
                "sorted_first": first,
            }
        )
    )


if __name__ == "__main__":
    main(*sys.argv[1:4])
