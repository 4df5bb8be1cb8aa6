"""Boilerplate beyond phrase lists: marks are not words, per-site templates (AR05), the line model (AR09),
clean text left alone, and the small mends of the same audit."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from corpusclean import _core, clean
from corpusclean.core.config import Settings
from corpusclean.core.document import Document
from corpusclean.core.findings import Safety
from corpusclean.core.fixer import FixPolicy
from corpusclean.run.plan import build_plan
from corpusclean.run.stages import Plan, collect, finalize, process

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = ["Floods hit the valley on Monday after three days of rain, and hundreds of homes were flooded.",
           "The river rose two metres overnight, the agency said, and more rain is expected this week.",
           "Farmers moved their sheep to higher ground as the water spread across the fields near town.",
           "Schools in the area will stay closed until Wednesday, the council said in a statement."]


def rules(*codes, **options):
    settings = Settings(select=codes, rule_options={codes[0]: {k.replace("_", "-"): v for k, v in options.items()}}
                        if options else {})
    return build_plan(settings, apply=True).rules


def run(docs: list[Document], rule_list, unsafe: bool = False):
    plan = Plan(tuple(rule_list), FixPolicy(apply=True, unsafe=unsafe), frozenset())
    stats = finalize(collect(docs, plan)) if plan.needs else {}
    return [process(doc, plan, stats) for doc in docs]


def story(i: int) -> str:
    """A line of article text no other document has (no digits: masked alike, digits would repeat)."""
    return f"{ARTICLE[i % 4][:-1]}, wrote reporter {'x' * (i + 1)}."


def page(i: int, site: str, menu: str = "", signature: str = "") -> Document:
    body = f"{story(i)}\n\n{story(i + 100)}\n"
    return Document(f"{site}-{i}.txt", f"{menu}{body}{signature}", {"site": site})


# 1. Marks are not words

@pytest.mark.parametrize("line, bare", [("* Contact Us", "Contact Us"), ("| ADVERTISEMENT |", "ADVERTISEMENT"),
                                        ("## Related Articles", "Related Articles"), ("**Share this**", "Share this"),
                                        ("| Search | Contact Us |", "Search | Contact Us"), ("2 * 3 = 6", "2 * 3 = 6")])
def test_marks_around_a_line_are_stripped(line, bare):
    assert _core.bare(line) == bare


def test_pattern_packs_match_the_bare_text_and_delete_the_whole_line():
    text = "Storm hits.\n* Advertisement\n| ADVERTISEMENT |\n## Related Articles\nWinds rose.\n"
    [result] = clean([text], select=["AR"])
    assert result.cleaned == "Storm hits.\nWinds rose.\n"


def test_a_menu_line_with_a_bullet_is_learned_as_its_bare_text():
    docs = [Document(f"{i}.txt", f"{story(i)}\n\n{'* ' if i % 2 else '| '}Sign up for the Weekly Planet "
                                 f"newsletter today{' |' if i % 2 == 0 else ''}\n") for i in range(20)]
    results = run(docs, rules("AR05"))
    assert all("Weekly Planet" not in r.cleaned for r in results)


def test_in_markdown_a_list_item_is_structure_not_boilerplate():
    docs = [Document(f"{i}.md", f"{story(i)}\n\n- Sign up for the Weekly Planet newsletter today\n")
            for i in range(20)]
    assert all(r.findings == () for r in run(docs, rules("AR05")))


# 2. Per-site templates

def test_one_sites_short_menu_is_its_template_and_another_sites_word_is_not():
    menu = "Home\nSports\nWeather\n\n"
    docs = [page(i, "news.example", menu=menu) for i in range(6)]
    docs += [page(i, "other.example", menu="Home\n\n" if i == 0 else "") for i in range(6)]
    results = run(docs, rules("AR05"))
    for r in results[:6]:
        assert not r.cleaned.startswith(("Home", "Sports")), r.cleaned
        finding = r.findings[0]
        assert finding.evidence["evidence"] == "site" and finding.evidence["site"] == "news.example"
        assert finding.evidence["block"] == 6 and finding.fix.safety is Safety.SAFE
    assert results[6].cleaned.startswith("Home\n")  # once on its site: not a template


def test_a_one_word_signature_at_the_end_of_every_story_is_learned_per_site():
    docs = [page(i, "wire.example", signature="\nReuter\n") for i in range(6)]
    results = run(docs, rules("AR05"))
    assert all("Reuter" not in r.cleaned for r in results)
    assert {f.fix.safety for r in results for f in r.findings} == {Safety.SAFE}


def test_without_a_site_short_lines_are_never_learned():
    docs = [Document(f"{i}.txt", f"{story(i)}\n\nReuter\n") for i in range(30)]
    assert all(r.findings == () for r in run(docs, rules("AR05")))


def test_dates_are_never_merged_into_one_learned_line():
    docs = [Document(f"{i}.txt", f"Posted on July {i + 1}, 2012 by the desk\n\n{story(i)}\n")
            for i in range(25)]
    results = run(docs, rules("AR05"))
    assert all(r.cleaned.startswith("Posted on July") for r in results)  # found, but never safe
    kinds = {(f.evidence["evidence"], f.fix.safety) for r in results for f in r.findings}
    assert kinds == {("digit-masked", Safety.UNSAFE)}
    same = [Document(f"{i}.txt", f"Posted on July 4, 2012 by the desk\n\n{story(i)}\n") for i in range(25)]
    assert all(not r.cleaned.startswith("Posted") for r in run(same, rules("AR05")))


def test_a_masked_repeat_that_the_label_pack_calls_a_stamp_is_safe_anywhere():
    docs = [Document(f"{i}.txt", f"{story(i)}\n\n{story(i + 50)}\n\nLast updated {i % 28 + 1} May 2012, 14:{i + 10}\n")
            for i in range(25)]
    results = run(docs, rules("AR05"))
    assert all("Last updated" not in r.cleaned for r in results)
    assert {f.evidence["evidence"] for r in results for f in r.findings} == {"stamp"}


def test_records_name_their_site_by_url_host_or_domain_field(cli, tmp_path):
    rows = [{"text": f"Home\nSports\n\n{story(i)}\n", "link": f"https://www.news.example/story/{i}"}
            for i in range(6)]
    corpus = tmp_path / "pages.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows))
    code, _, _ = cli("clean", corpus, "--out", tmp_path / "default", "--select", "AR05")
    kept = [json.loads(line)["text"] for line in (tmp_path / "default/pages.jsonl").read_text().splitlines()]
    assert code == 0 and all(t.startswith("Home\n") for t in kept)  # no site field named `link` by default
    code, _, _ = cli("clean", corpus, "--out", tmp_path / "by-link", "--select", "AR05", "--site-field", "link")
    cleaned = [json.loads(line)["text"] for line in (tmp_path / "by-link/pages.jsonl").read_text().splitlines()]
    assert code == 0 and all(not t.startswith(("Home", "Sports")) for t in cleaned)


def test_a_folder_per_site_names_the_site_of_its_files(cli, tmp_path):
    for i in range(10):
        folder = tmp_path / "corpus" / ("wire" if i < 5 else "daily")
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{i}.txt").write_text(f"{story(i)}\n\nReuter\n")
    cli("clean", tmp_path / "corpus", "--out", tmp_path / "out", "--select", "AR05")
    assert all("Reuter" not in p.read_text() for p in (tmp_path / "out").rglob("*.txt"))


def test_the_api_reads_sites_from_the_fields_it_is_told():
    records = [{"text": f"Home\nSports\n\n{story(i)}\n", "link": f"https://news.example/{i}"} for i in range(6)]
    assert all(r["text"].startswith("Home") for r in clean(records, select=["AR05"]))
    assert not any(r["text"].startswith(("Home", "Sports")) for r in clean(records, select=["AR05"], site_fields=["link"]))


@pytest.mark.parametrize("value, host", [("https://www.Example.com:8080/a", "example.com"), ("example.org", "example.org"),
                                         ("http://[::1", "http://[::1")])
def test_hosts_of_site_fields(value, host):
    from corpusclean.text.sites import host as host_of

    assert host_of(value) == host


# 3. The line model

NAIVE_PAGE = ("[Valley Times](/)\n* [Home](/)\n* [News](/news/)\n* [Sport](/sport/)\n* [Weather](/weather/)\n"
              "* [Contact Us](/contact/)\n\n# Floods hit the valley\n\n" + "\n\n".join(ARTICLE) +
              "\n\n* [Share on Facebook](https://facebook.com/share)\n* [Tweet](https://twitter.com/intent)\n"
              "Copyright 2024 Valley Times\n[Privacy Policy](/privacy) | [Terms of Use](/terms)\n")


def test_the_model_removes_a_naive_pages_menus_and_widgets_and_keeps_its_text():
    [result] = clean([NAIVE_PAGE], select=["AR09"])
    assert all(line in result.cleaned for line in ARTICLE)
    for widget in ("[Home](/)", "[Sport](/sport/)", "[Tweet]", "[Privacy Policy]"):
        assert widget not in result.cleaned
    finding = result.findings[0]
    assert finding.evidence["probability"] >= finding.evidence["safe-from"] and finding.evidence["features"]


@pytest.mark.parametrize("text", [
    "CHAPTER I\n\nThe Period\n\n" + "\n\n".join(ARTICLE) + "\n\nCHAPTER II\n\nThe Mail\n\n" + ARTICLE[0] + "\n",
    "CONTENTS\n\nI. The Period\nII. The Mail\nIII. The Night Shadows\nIV. The Preparation\nV. The Wine-shop\n\n"
    + "\n\n".join(ARTICLE) + "\n",
    "The Tyger\n\nTyger Tyger, burning bright,\nIn the forests of the night;\nWhat immortal hand or eye,\n"
    "Could frame thy fearful symmetry?\n\nIn what distant deeps or skies.\nBurnt the fire of thine eyes?\n",
    "Rankings\n\n1 Roger Federer (Switzerland)\n2 Andy Roddick (US)\n3 Lleyton Hewitt (Australia)\n"
    "4 Marat Safin (Russia)\n5 Carlos Moya (Spain)\n\n" + ARTICLE[0] + "\n",
])
def test_clean_text_stays_clean(text):
    [result] = clean([text], select=["AR"])
    assert result.cleaned == text, [f.message for f in result.findings]


def test_after_a_good_extractor_the_model_leaves_the_few_short_lines():
    text = "Floods hit the valley\n\n" + "\n\n".join(ARTICLE) + "\n\nMore rain\n\n" + ARTICLE[0] + "\n"
    [result] = clean([text], select=["AR09"])
    assert result.cleaned == text


def test_training_is_reproducible():
    np = pytest.importorskip("numpy")
    sys.path[:0] = [str(ROOT / "tools"), str(ROOT / "eval")]
    try:
        import train_boilerplate
    finally:
        del sys.path[:2]
    from corpusclean.text.boilerplate_model import FEATURES

    rng = np.random.default_rng(7)
    x = np.zeros((600, len(FEATURES)))
    x[:, :2] = rng.random((600, 2))
    y = (x[:, 0] + 0.3 * x[:, 1] > 0.7).astype(float)
    first, second = train_boilerplate.fit(x, y), train_boilerplate.fit(x, y)
    assert json.dumps(first) == json.dumps(second)
    high, low = [0.95, 0.9] + [0.0] * (len(FEATURES) - 2), [0.05, 0.1] + [0.0] * (len(FEATURES) - 2)
    high_p, low_p = train_boilerplate.predict(first, np.array([high, low]))
    assert high_p > 0.9 > 0.1 > low_p
    assert train_boilerplate.threshold(np.array([0.9, 0.8, 0.7, 0.6]), np.array([1, 1, 0, 1.0]), 1.0) == 0.8


def test_the_shipped_model_loads_and_its_thresholds_are_probabilities():
    from corpusclean.text.boilerplate_model import load

    model = load()
    assert 0.5 <= model.safe < 1
    lines = ["* [Home](/)", "* [News](/news/)", "Floods hit the valley on Monday, the agency said."]
    scores, signs, reasons = model.score(lines, [(0.0, 0.0)] * 3)
    assert scores[0] > 0.5 > scores[2] and signs == [True, True, False]
    assert len(reasons[0]) == 3 and all(": " in reason for reason in reasons[0]) and reasons[2] == []


# 5. Small mends

def test_a_reference_to_a_control_character_is_deleted():
    [result] = clean(["Shares rose&#3; 5% on Monday.\n"])
    assert result.cleaned == "Shares rose 5% on Monday.\n"


def test_pictured_goes_only_as_a_whole_parenthesis():
    [kept, gone] = clean(["He was there (pictured above with his wife Jane) at noon.\n",
                          "He was there (pictured above) at noon.\n"])
    assert kept.cleaned == kept.original and gone.cleaned == "He was there at noon.\n"


@pytest.mark.parametrize("text", [
    "The text of the book is in the public domain and free of\ncopyright protection.\nNext line here.\n",
    "Click here to make the single best and\nmost useful gift of the year.\n",
    "including how to make donations to the Literary Archive Foundation, how to\n"
    "subscribe to our email newsletter to hear about new eBooks.\n",
])
def test_line_rules_never_fire_inside_a_hard_wrapped_paragraph(text):
    [result] = clean([text], select=["AR"])
    assert result.cleaned == text


# Found in review

def test_two_jobs_keep_each_documents_site(cli, tmp_path):
    rows = [{"text": f"Home\nSports\n\n{story(i)}\n\n{story(i + 300)}\n", "url": f"https://news.example/{i}"}
            for i in range(40)]
    corpus = tmp_path / "pages.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows))
    outputs = []
    for jobs in ("1", "2"):
        code, out, _ = cli("check", corpus, "--select", "AR05", "--jobs", jobs, "--output-format", "json")
        outputs.append(out)
    assert outputs[0] == outputs[1] and '"evidence": "site"' in outputs[0].replace("'", '"')


def test_a_site_field_with_a_lone_surrogate_does_not_crash(cli, tmp_path):
    corpus = tmp_path / "pages.jsonl"
    corpus.write_text("".join(json.dumps({"text": f"Home\n\n{story(i)}\n", "url": "http://\ud800x.com/a"}) + "\n"
                              for i in range(6)))
    code, out, err = cli("check", corpus, "--select", "AR05")
    assert code in (0, 1) and "internal error" not in err


def test_a_text_files_site_does_not_depend_on_the_folders_named(cli, tmp_path):
    for site in ("siteA", "siteB"):
        (tmp_path / "tf" / site).mkdir(parents=True)
        for i in range(6):
            (tmp_path / "tf" / site / f"{i}.txt").write_text(f"{story(i)}\n\n{site} desk\n")
    whole = cli("check", tmp_path / "tf", "--select", "AR05")[1]
    named = cli("check", tmp_path / "tf" / "siteA", tmp_path / "tf" / "siteB", "--select", "AR05")[1]
    assert whole.count("siteA desk") == named.count("siteA desk") == 6


def test_the_page_model_judges_the_page_once_as_read():
    from corpusclean.rules.ar.boilerplate_line import BoilerplateLine

    [example] = [e for e in BoilerplateLine().doc.examples if e.kind == "fix"]
    [result] = clean([example.text], select=["AR09"])  # safe fixes only
    safe = {f.matched for f in result.findings if f.fix.safety is Safety.SAFE}
    unsafe = {f.matched for f in result.findings if f.fix.safety is Safety.UNSAFE}
    assert safe and unsafe  # `[World]` and `[Weather]` are below the safe threshold
    kept = [line for line in example.text.splitlines() if line not in safe]
    assert result.cleaned.split() == "\n".join(kept).split()  # exactly the first look's safe lines went
    assert {s.reason for s in result.skipped} == {"unsafe"}  # what stayed is reported as left, not resolved


def test_a_weak_repeat_does_not_hide_the_models_safe_verdict():
    footer = "[Privacy Policy](/privacy) | [Terms of Use](/terms)"
    others = [f"{story(i)}\n\n{footer}\n" for i in range(5)]
    *_, both = clean(others + [NAIVE_PAGE], select=["AR05", "AR09"])
    [alone] = clean([NAIVE_PAGE], select=["AR09"])
    assert footer not in alone.cleaned and footer not in both.cleaned


def test_a_fragment_stays_after_another_rule_changed_its_line():
    text = ("The agency said the storm would pass soon and that residents should\n"
            "click here for updates &amp; news on the roads.\n")
    [result] = clean([text], select=["AR03", "EN02"])
    assert result.cleaned == text.replace("&amp;", "&")


def test_more_evidence_never_makes_a_repeated_line_less_safe():
    docs = [page(i, "a.example", signature="\nThe Valley Times newsroom team\n") for i in range(6)]
    results = run(docs, rules("AR05"))
    assert all("newsroom" not in r.cleaned for r in results)
    assert {f.evidence["evidence"] for r in results for f in r.findings} == {"site"}


@pytest.mark.parametrize("text", [
    "CHAPTER ONE\n\n\"Where?\"\n\n\"Here.\"\n\n* * *\n\nShe went.\n\n* * *\n\n\"There.\"\n\nThe End\n",
    "| Team | P | Pts |\n|------|---|-----|\n| Leeds | 3 | 9 |\n| Hull | 3 | 6 |\n| York | 3 | 3 |\n",
])
def test_lines_of_marks_are_no_sign_of_a_page(text):
    [result] = clean([text], select=["AR"])
    assert result.cleaned == text, [f.message for f in result.findings]


def test_the_page_model_never_runs_on_markdown_even_when_selected():
    text = "# Install\n\n* [Home](/)\n* [Docs](/docs/)\n* [Blog](/blog/)\n\nRun the installer and follow it.\n"
    [result] = clean([text], select=["AR09"], format="markdown")
    assert result.findings == ()


def test_learned_lines_of_each_site_are_listed_apart(cli, tmp_path):
    rows = [{"text": f"Home\nSports\n\n{story(i)}\n", "url": f"https://{'a' if i < 6 else 'b'}.example/{i}"}
            for i in range(12)]
    corpus = tmp_path / "pages.jsonl"
    corpus.write_text("".join(json.dumps(r) + "\n" for r in rows))
    cli("clean", corpus, "--out", tmp_path / "out", "--select", "AR05")
    learned = json.loads((tmp_path / "out/report/summary.json").read_text())["learned_lines"]
    assert {(entry["line"], entry["site"]) for entry in learned} == {
        (line, site) for line in ("Home", "Sports") for site in ("a.example", "b.example")}
