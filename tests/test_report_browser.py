"""The HTML report in a real browser: Debian's chromium driven by Playwright (no browser download).

A multi-document run with look-alike damage and hostile documents: totals right, a rule filter hides the
other rules, search finds a word, keyboard navigation moves between changes, a rejected finding exported
as decisions.json is honoured by `apply`, and markup in the corpus shows as text and runs nothing.
"""
from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.test_review import XSS, corpus

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
TEXTS = ["Updated\n\nThe council met on Monday. It went on succesffully.\n",
         "The Raqqa offensive began.  \nAdvertisement\n\nFighters moved in.\n",
         "Nothing to fix in this one.\n"] + XSS


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        yield browser
        browser.close()


@pytest.fixture
def report(cli, tmp_path):
    code, _, _ = cli("clean", corpus(tmp_path / "in", TEXTS), "--out", tmp_path / "out")
    assert code == 0
    return tmp_path / "out/report"


def open_page(browser, report: Path, downloads: Path | None = None):
    context = browser.new_context(accept_downloads=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    problems: list[str] = []
    page.on("pageerror", lambda error: problems.append(str(error)))
    page.on("dialog", lambda dialog: (problems.append("dialog: " + dialog.message), dialog.dismiss()))
    page.on("request", lambda request: None if request.url.startswith(("file:", "blob:", "data:"))
            else problems.append("request: " + request.url))
    page.goto(report.joinpath("index.html").as_uri())
    return page, problems


def test_totals_filters_search_and_keyboard(browser, report, tmp_path):
    page, problems = open_page(browser, report)
    summary = json.loads((report / "summary.json").read_text())
    assert page.inner_text("#total-documents") == str(len(TEXTS)) == str(summary["totals"]["documents"])
    assert page.inner_text("#total-changed") == str(summary["totals"]["changed"])
    assert page.inner_text("#total-untouched") == str(len(TEXTS) - summary["totals"]["changed"])
    assert page.inner_text("#total-applied") == str(summary["totals"]["applied"])
    page.screenshot(path=str(tmp_path / "report.png"), full_page=True)  # for a human look (pytest's tmp dir)

    everything = page.locator("#documents .mark").count()
    page.select_option("#filter-rule", "AR03")
    codes = page.locator("#documents .mark").evaluate_all("marks => marks.map(m => m.dataset.code)")
    assert codes == ["AR03"] and everything > 1
    page.select_option("#filter-rule", "")

    page.fill("#search", "council")
    assert page.get_attribute("#shown", "data-documents") == "1"
    assert "council met" in page.inner_text("#documents")
    page.fill("#search", "")

    page.locator("h1").click()  # keys typed in the search box are text, not navigation
    page.keyboard.press("n")
    first = page.evaluate("document.activeElement.dataset.key")
    page.keyboard.press("n")
    second = page.evaluate("document.activeElement.dataset.key")
    page.keyboard.press("p")
    assert first and second and first != second and page.evaluate("document.activeElement.dataset.key") == first
    assert page.is_visible("#detail") and page.inner_text("#detail").strip()
    assert problems == []


def test_hostile_documents_show_as_text_and_run_nothing(browser, report):
    page, problems = open_page(browser, report)
    page.fill("#search", "xss")
    text = page.inner_text("#documents")
    assert "<script>window.__xss = 1</script>" in text
    assert "</textarea><img" in text and 'window.__xss=2">' in text  # spelling marks may sit in between
    assert page.evaluate("window.__xss === undefined") and page.locator("#documents img").count() == 0
    assert problems == []


def test_a_rejected_finding_exported_is_left_out_by_apply(cli, browser, report, tmp_path):
    page, problems = open_page(browser, report)
    mark = page.locator('#documents .mark[data-code="SP02"]').first
    mark.locator("button.reject").click()
    assert "rejected" in mark.get_attribute("class")
    with page.expect_download() as download:
        page.click("#export")
    decisions = tmp_path / "decisions.json"
    download.value.save_as(decisions)
    data = json.loads(decisions.read_text())
    assert [r["matched"] for r in data["rejected"]] == ["succesffully"]
    assert problems == []

    code, out, _ = cli("apply", decisions, "--out", tmp_path / "again")
    assert code == 0 and "1 findings and 0 decisions rejected" in out
    cleaned = (tmp_path / "again/00000.txt").read_text()
    assert "succesffully" in cleaned and "Updated" not in cleaned  # only the rejected fix is left out
