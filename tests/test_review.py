"""The review round trip without a browser: the HTML report is self-contained, escaped and bounded;
`apply` honours rejected findings and decisions with the saved statistics; `--update-config` keeps the
config's comments; summary.md and GitHub annotations."""
from __future__ import annotations

import json
import re
from pathlib import Path

from corpusclean.report import html

XSS = ['<script>window.__xss = 1</script> Teh end.\n', 'A </textarea><img src=x onerror="window.__xss=2"> line.\n',
       'Quote "onerror=alert(1) and </script><script>alert(1)</script>\n']


def corpus(folder: Path, texts: list[str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i, text in enumerate(texts):
        (folder / f"{i:05d}.txt").write_text(text, encoding="utf-8")
    return folder


def page_data(page: Path) -> dict:
    raw = re.search(r'<script type="application/json" id="report-data">(.*?)</script>', page.read_text(), re.S)
    return json.loads(raw.group(1))


def test_the_page_is_self_contained_and_corpus_text_never_becomes_markup(cli, tmp_path):
    code, _, _ = cli("clean", corpus(tmp_path / "in", XSS), "--out", tmp_path / "out")
    page = (tmp_path / "out/report/index.html").read_text()
    assert code == 0
    assert not re.search(r"""(?:src|href)\s*=\s*["']?(?:https?:|//)|@import|url\(""", page)
    assert "default-src 'none'" in page  # the browser is told to load nothing
    # The corpus's markup is inside the JSON only, escaped: the page holds exactly its own two scripts.
    # The corpus's markup is inside the JSON only, with every `<` and `>` escaped: the page holds exactly
    # its own two scripts, and nothing in the data can close one.
    payload = re.search(r'id="report-data">(.*?)</script>', page, re.S).group(1)
    assert page.count("<script") == 2 and "<" not in payload and ">" not in payload
    data = page_data(tmp_path / "out/report/index.html")
    assert any("<script>window.__xss = 1</script>" in b["text"] for d in data["documents"] for b in d["blocks"])


def test_a_large_run_is_split_into_bounded_pages(cli, tmp_path, monkeypatch):
    texts = [f"Line {i} with trailing space \n" for i in range(10_000)]
    monkeypatch.setattr(html, "PAGE_BYTES", 200_000)  # the real bound is 2 MB; smaller pages, same code
    code, _, _ = cli("clean", corpus(tmp_path / "in", texts), "--out", tmp_path / "out", "--select", "WS01")
    report = tmp_path / "out/report"
    pages = [report / "index.html"] + sorted(report.glob("docs-*.html"))
    assert code == 0 and len(pages) > 5
    seen = set()
    for page in pages:
        assert page.stat().st_size < 200_000 + 60_000  # data bound plus the viewer
        data = page_data(page)
        seen |= {d["id"] for d in data["documents"]}
        assert data["has_next"] == (page != pages[-1])
    assert len(seen) == 10_000
    assert page_data(pages[-1])["summary"] is None and page_data(tmp_path / "out/report/index.html")["pages"] == len(pages)


def decisions_for(report: Path, keep, groups=()) -> Path:
    records = [json.loads(line) for line in (report / "findings.jsonl").read_text().splitlines()]
    rejected = [{k: r[k] for k in ("doc_id", "code", "start", "end", "matched")} for r in records if keep(r)]
    path = report / "decisions.json"
    path.write_text(json.dumps({"schema_version": 1, "rejected": rejected,
                                "rejected_groups": [{"key": k, "value": v} for k, v in groups]}))
    return path


def test_apply_leaves_out_rejected_findings_and_reuses_the_saved_statistics(cli, tmp_path, monkeypatch):
    texts = ["The Raqqa offensive began.\n"] * 6 + ["Teh fighters reached Raqq and went on succesffully.\n"]
    code, _, _ = cli("clean", corpus(tmp_path / "in", texts), "--out", tmp_path / "out", "--unsafe-fixes")
    first = (tmp_path / "out/00006.txt").read_text()
    assert "successfully" in first and "Raqqa and" in first
    decisions = decisions_for(tmp_path / "out/report", lambda r: r["matched"] == "succesffully")

    import corpusclean.run.session as session

    def no_pass_one(*args, **kwargs):
        raise AssertionError("apply must not read the corpus for statistics again")

    monkeypatch.setattr(session, "collect", no_pass_one)
    code, out, _ = cli("apply", decisions, "--out", tmp_path / "again")
    again = (tmp_path / "again/00006.txt").read_text()
    assert code == 0 and "1 findings and 0 decisions rejected" in out
    assert "succesffully" in again and "Raqqa and" in again  # the rejected fix alone is left out
    records = [json.loads(line) for line in (tmp_path / "again/report/findings.jsonl").read_text().splitlines()]
    assert [r["reason"] for r in records if r["matched"] == "succesffully"] == ["rejected"]


def test_a_rejected_variant_cluster_is_left_out_everywhere(cli, tmp_path):
    texts = ["The Rafiqah Wall stood.\n", "The Rafiqa Wall fell.\n", "Rafiqa Wall again.\n"]
    cli("clean", corpus(tmp_path / "in", texts), "--out", tmp_path / "out", "--unsafe-fixes")
    assert "Rafiqa Wall" in (tmp_path / "out/00000.txt").read_text()
    decisions = decisions_for(tmp_path / "out/report", lambda r: False, groups=[("canonical", "Rafiqa")])
    code, _, _ = cli("apply", decisions, "--out", tmp_path / "again")
    assert code == 0 and (tmp_path / "again/00000.txt").read_text() == texts[0]


def test_update_config_adds_rejected_words_and_keeps_comments(cli, tmp_path):
    config = tmp_path / "pyproject.toml"
    config.write_text('[project]\nname = "x"  # keep me\n\n[tool.corpusclean]\n# our words\nallow-words = ["Scrocca"]\n')
    cli("clean", corpus(tmp_path / "in", ["It went on succesffully.\n"]), "--out", tmp_path / "out", cwd=tmp_path)
    decisions = decisions_for(tmp_path / "out/report", lambda r: r["code"].startswith("SP"))
    code, out, _ = cli("apply", decisions, "--out", tmp_path / "again", "--update-config", cwd=tmp_path)
    text = config.read_text()
    assert code == 0 and "1 words added to allow-words" in out
    assert "# keep me" in text and "# our words" in text
    assert re.search(r'allow-words = \["Scrocca",\s*"succesffully"\]', text)


def test_bad_decisions_fail_with_one_line(cli, tmp_path):
    path = tmp_path / "decisions.json"
    path.write_text('{"schema_version": 1, "rejected": [{"doc_id": "a"}]}')
    code, _, err = cli("apply", path, "--out", tmp_path / "o")
    assert code == 2 and err.count("\n") == 1 and "malformed decision" in err


def test_summary_markdown_and_github_annotations(cli, tmp_path):
    folder = corpus(tmp_path / "in", ["Updated\n\nThe end, succesffully: 100%, a:b.\n"])
    cli("clean", folder, "--out", tmp_path / "out")
    summary = (tmp_path / "out/report/summary.md").read_text()
    assert summary.startswith("## corpusclean") and "| AR01 | stray-label-line | 1 | 1 |" in summary
    code, out, _ = cli("check", folder, "--output-format", "github")
    lines = out.splitlines()
    assert code == 1 and all(line.startswith("::warning file=") for line in lines)
    assert any(",line=3,col=10,endLine=3,endColumn=22,title=SP02 unknown-word::" in line for line in lines)


def test_github_annotations_escape_what_would_break_the_command():
    from corpusclean.report.text import github_line

    record = {"file": "a,b:c.txt", "line": 2, "col": 3, "end_line": 2, "end_col": 5, "code": "SP02",
              "name": "unknown-word", "message": "50% off\nnow", "status": "fixable"}
    assert github_line(record) == ("::warning file=a%2Cb%3Ac.txt,line=2,col=3,endLine=2,endColumn=5,"
                                   "title=SP02 unknown-word::50%25 off%0Anow")


def test_apply_keeps_the_runs_format_and_its_default_rule_families(cli, tmp_path):
    # Read as Markdown, the fence is code; AR runs on plain text only unless selected by name.
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "notes.txt").write_text("Updated\n\nWe saw teh end.\n\n```\nrecieve = 1\n```\n")
    code, _, _ = cli("clean", folder, "--out", tmp_path / "out", "--format", "markdown")
    first = (tmp_path / "out/notes.txt").read_text()
    assert code == 0 and first.startswith("Updated\n") and "recieve = 1" in first and "saw the end" in first
    decisions = decisions_for(tmp_path / "out/report", lambda r: False)
    code, _, _ = cli("apply", decisions, "--out", tmp_path / "again")
    assert code == 0 and (tmp_path / "again/notes.txt").read_text() == first


def test_a_rerun_with_another_format_starts_afresh(cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "notes.txt").write_text("Intro.\n\n```\nrecieve = 1\n```\n")
    cli("clean", folder, "--out", tmp_path / "out")
    assert "receive = 1" in (tmp_path / "out/notes.txt").read_text()  # plain text: the fence is prose
    code, _, err = cli("clean", folder, "--out", tmp_path / "out", "--format", "markdown")
    assert code == 2 and "holds the files of another run" in err  # another command's output: refused
    code, _, _ = cli("clean", folder, "--out", tmp_path / "out", "--format", "markdown", "--force")
    assert code == 0 and "recieve = 1" in (tmp_path / "out/notes.txt").read_text()  # not resumed


def test_update_config_without_a_config_writes_into_the_project_not_the_working_folder(cli, tmp_path):
    project, elsewhere = tmp_path / "project", tmp_path / "elsewhere"
    elsewhere.mkdir()
    cli("clean", corpus(project / "in", ["It went on succesffully.\n"]), "--out", project / "out", cwd=project)
    decisions = decisions_for(project / "out/report", lambda r: r["code"].startswith("SP"))
    code, out, _ = cli("apply", decisions, "--out", project / "again", "--update-config", cwd=elsewhere)
    assert code == 0 and (project / "corpusclean.toml").is_file() and not (elsewhere / "corpusclean.toml").exists()
    assert "succesffully" in (project / "corpusclean.toml").read_text()
