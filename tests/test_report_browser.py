"""The HTML report in a real browser: Debian's chromium driven by Playwright (no browser download).

A multi-document run with look-alike damage and hostile documents: totals right, a rule filter hides the
other rules, search finds a word, keyboard navigation moves between changes, a rejected finding exported
as decisions.json is honoured by `apply`, and markup in the corpus shows as text and runs nothing.
A run with findings in every state: the legend explains them, a skipped proposal says so and offers no
reject, nor does a decision applied 0 times, the totals add up to the findings, numbers line up.
"""
from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from tests.test_report_totals import EVERY_STATE
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


def clean_run(cli, folder: Path, texts: list[str], *options: str) -> Path:
    code, _, _ = cli("clean", corpus(folder / "in", texts), "--out", folder / "out", *options)
    assert code == 0
    return folder / "out/report"


@pytest.fixture
def report(cli, tmp_path):
    return clean_run(cli, tmp_path, TEXTS)


@pytest.fixture
def states(cli, tmp_path):
    return clean_run(cli, tmp_path / "safe", EVERY_STATE)


@pytest.fixture
def states_unsafe(cli, tmp_path):
    return clean_run(cli, tmp_path / "unsafe", EVERY_STATE, "--unsafe-fixes")


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


def test_a_rejected_finding_exported_is_left_out_by_apply(cli, browser, tmp_path):
    report = clean_run(cli, tmp_path, TEXTS, "--unsafe-fixes")  # the spelling fix is applied, so it can be rejected
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


def test_a_doubted_word_the_reviewer_allows_goes_to_allow_words(cli, browser, tmp_path):
    # Skipped spelling findings offer no ✕ (nothing was applied), but a reviewer may vouch for the word.
    (tmp_path / "corpusclean.toml").write_text("allow-words = []\n")
    code, _, _ = cli("clean", corpus(tmp_path / "in", TEXTS), "--out", tmp_path / "out", cwd=tmp_path)
    page, problems = open_page(browser, tmp_path / "out/report")
    mark = page.locator('#documents .mark[data-code="SP02"]').first
    assert mark.get_attribute("data-status") == "skipped" and mark.locator("button.reject").count() == 0
    mark.locator("button.allow").click()
    assert "allowed" in mark.get_attribute("class") and mark.locator("button.allow").inner_text() == "allowed ↺"
    with page.expect_download() as download:
        page.click("#export")
    download.value.save_as(tmp_path / "decisions.json")
    assert problems == []
    code, out, _ = cli("apply", tmp_path / "decisions.json", "--out", tmp_path / "again", "--update-config")
    assert code == 0 and 'allow-words = ["succesffully"]' in (tmp_path / "corpusclean.toml").read_text()


def records(report: Path) -> list[dict]:
    return [json.loads(line) for line in (report / "findings.jsonl").read_text().splitlines()]


def marks(page) -> list[dict]:
    """Every change on the page as drawn: its state, its label, whether it offers ✕ and shows struck text."""
    return page.locator("#documents .mark").evaluate_all("""marks => marks.map(m => ({
        key: JSON.parse(m.dataset.key), status: m.dataset.status, rejectable: !!m.querySelector('button.reject'),
        label: (m.querySelector('.state') || {}).textContent || null,
        struck: Array.from(m.querySelectorAll('del, .kept'))
                     .some(e => getComputedStyle(e).textDecorationLine.includes('line-through'))}))""")


def test_the_legend_describes_every_state_on_the_page(browser, states):
    page, problems = open_page(browser, states)
    legend = page.locator("#legend")
    assert legend.is_visible()
    shown = {mark["status"] for mark in marks(page)} | {"rejected"}
    assert {"applied", "skipped", "resolved"} <= shown | {r["status"] for r in records(states)}
    for state in shown | {"applied", "skipped", "resolved"}:
        entry = legend.locator(f'dd[data-legend="{state}"]')
        assert entry.count() == 1 and state in entry.inner_text().lower()
    for state in ("applied", "skipped", "resolved"):  # each sample is drawn as the page draws that state
        assert legend.locator(f'dt[data-legend="{state}"] .mark[data-status="{state}"]').count() == 1
    text = legend.inner_text()
    unsafe = json.loads((states / "summary.json").read_text())["unsafe_fixes"]
    assert "--unsafe-fixes" in text and ("on in this run" if unsafe else "off in this run") in text
    assert "Reject all" in text and "✕" in text and all(key in text for key in ("n", "p", "Esc", "decisions.json"))
    assert problems == []


def test_a_skipped_proposal_is_labelled_and_offers_no_reject(browser, states, states_unsafe):
    page, problems = open_page(browser, states)
    drawn = marks(page)
    by_key = {(r["doc_id"], r["code"], r["start"], r["end"], r["matched"]): r for r in records(states)}
    skipped = [m for m in drawn if m["status"] == "skipped"]
    assert skipped and any(m["status"] == "applied" for m in drawn)
    for mark in drawn:
        record = by_key[tuple(mark["key"])]
        assert mark["status"] == record["status"]
        assert mark["rejectable"] == (record["status"] == "applied")  # only what was applied can be taken back
        if record["status"] == "applied":
            assert mark["label"] is None
        else:
            assert mark["label"] == record["status"] + (f": {record['reason']}" if record["reason"] else "")
    assert not any(m["struck"] for m in skipped)  # its text was kept, so it is not drawn as removed
    assert page.locator("#documents .mark.skipped del, #documents .mark.skipped ins").count() == 0

    # The same proposal applied (with --unsafe-fixes) is drawn as applied, with its ✕.
    page, problems_unsafe = open_page(browser, states_unsafe)
    again = {tuple(m["key"]): m for m in marks(page)}
    for mark in skipped:
        if mark["label"] == "skipped: unsafe":
            assert again[tuple(mark["key"])]["status"] == "applied" and again[tuple(mark["key"])]["rejectable"]
    assert problems == problems_unsafe == []


def decision_rows(page) -> dict[str, dict]:
    return {row.locator("td").first.inner_text(): {"reject": row.locator("button.reject-group").count(),
                                                   "text": row.inner_text()}
            for row in page.locator("#clusters tbody tr").all()}


def test_reject_all_is_offered_only_for_decisions_that_were_applied(browser, states, states_unsafe):
    for report in (states, states_unsafe):
        clusters = json.loads((report / "summary.json").read_text())["variant_clusters"]
        page, problems = open_page(browser, report)
        rows = decision_rows(page)
        assert clusters and set(rows) == {c["canonical"] for c in clusters}
        for cluster in clusters:
            row = rows[cluster["canonical"]]
            assert row["reject"] == (1 if cluster["applied"] else 0)
            assert ("Reject all" in row["text"]) == bool(cluster["applied"])
        assert problems == []
    applied = [c["applied"] for r in (states, states_unsafe)
               for c in json.loads((r / "summary.json").read_text())["variant_clusters"]]
    assert 0 in applied and any(applied)  # both cases were seen


def test_totals_add_up_to_the_findings_and_match_the_summary(browser, states):
    page, problems = open_page(browser, states)
    summary = json.loads((states / "summary.json").read_text())
    total = {name: int(page.inner_text(f"#total-{name}")) for name in ("findings", "applied", "skipped", "resolved")}
    statuses = [r["status"] for r in records(states)]
    assert total["applied"] and total["skipped"] and total["resolved"]  # the corpus puts findings in each state
    assert total["findings"] == total["applied"] + total["skipped"] + total["resolved"] == len(statuses)
    assert total["applied"] == summary["totals"]["applied"] == statuses.count("applied")
    assert total["resolved"] == summary["totals"]["resolved"] == statuses.count("resolved")
    assert total["skipped"] == summary["totals"]["remaining"] == statuses.count("skipped")

    headers = [h.lower() for h in page.locator("#rules thead th").all_inner_texts()]
    cells = page.locator("#rules tbody tr").evaluate_all("rows => rows.map(r => Array.from(r.cells, c => c.innerText))")
    for row in (dict(zip(headers, texts)) for texts in cells):
        counts = summary["by_rule"][row["code"]]
        shown = {key: int(row[key]) for key in ("findings", "applied", "skipped", "resolved")}
        assert shown == {key: counts.get(key, 0) for key in shown}
        assert shown["findings"] == shown["applied"] + shown["skipped"] + shown["resolved"]
    assert problems == []


# Each cell's text, where its text ends on screen, and its digit style; the header row first.
COLUMNS = """table => {
  const right = cell => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    return range.getBoundingClientRect().right;
  };
  const rows = [table.tHead.rows[0], ...table.tBodies[0].rows];
  return rows.map(row => Array.from(row.cells, c => ({text: c.innerText.trim(), right: right(c),
                                                       digits: getComputedStyle(c).fontVariantNumeric})));
}"""


def test_numbers_line_up_under_their_headers(browser, states):
    page, problems = open_page(browser, states)
    for table in ("#rules", "#clusters"):
        head, *body = page.locator(table).evaluate(COLUMNS)
        numeric = [i for i in range(len(head))
                   if all(re.fullmatch(r"[\d.,]+%?( of \d+)?", row[i]["text"]) for row in body)]
        assert body and numeric, table
        for i in numeric:  # right edges of the header's text and of every number in its column agree
            assert all(abs(row[i]["right"] - head[i]["right"]) < 1 for row in body), (table, head[i]["text"])
            assert all("tabular-nums" in row[i]["digits"] for row in body)
    assert problems == []
