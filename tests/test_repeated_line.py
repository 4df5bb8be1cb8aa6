"""AR05 repeated-line on small multi-document corpora: thresholds, safety by evidence, duplicates,
short lines, merge order, and the learned lines reported once."""
from __future__ import annotations

import itertools
import json

from corpusclean.core.config import Settings
from corpusclean.core.document import Document
from corpusclean.core.findings import Safety
from corpusclean.run.plan import build_plan
from corpusclean.run.stages import collect, finalize, merge
from corpusclean.stats.lines import fingerprint
from tests.helpers import run_rules

FOOTER = "Sign up for the Weekly Planet newsletter today."


def rules(**options):
    kebab = {key.replace("_", "-"): value for key, value in options.items()}
    settings = Settings(select=("AR05",), rule_options={"AR05": kebab} if kebab else {})
    return build_plan(settings, apply=True).rules


TOPICS = ["rain", "snow", "hail", "wind", "fog", "frost", "heat", "ice", "sleet", "mist", "dew", "smog", "gales",
          "storms", "floods", "drought", "thunder", "lightning", "clouds", "sunshine", "haze", "drizzle", "squalls",
          "monsoons", "tornadoes", "cyclones", "blizzards", "showers", "breezes", "tides"]


def story(i):
    return f"A story about the {TOPICS[i % len(TOPICS)]} of week {'x' * (i // len(TOPICS))}."


def corpus(n, footer=FOOTER):
    return [f"{story(i)}\n\n{footer}\n" for i in range(n)]


def test_a_line_in_few_documents_is_unsafe_and_in_many_is_safe():
    few = run_rules(corpus(6), rules(), unsafe=False)
    assert all(r.cleaned.endswith(FOOTER + "\n") for r in few)
    assert {f.fix.safety for r in few for f in r.findings} == {Safety.UNSAFE}
    many = run_rules(corpus(20), rules(), unsafe=False)
    assert all(r.cleaned.startswith("A story") and FOOTER not in r.cleaned for r in many)
    assert many[0].findings[0].evidence["documents"] == 20


def test_below_the_thresholds_nothing_is_learned():
    assert all(r.findings == () for r in run_rules(corpus(4), rules()))
    # relative threshold: 6 of 100 documents is below a 10% share
    texts = corpus(6) + [f"Another {story(i)}\n" for i in range(94)]
    assert all(r.findings == () for r in run_rules(texts, rules(min_share=0.1)))


def test_digits_and_spacing_do_not_hide_a_repeated_line():
    texts = [f"{story(i)}\n\n©  {2000 + i} Example   Media, all rights kept\n" for i in range(6)]
    assert all(len(r.findings) == 1 for r in run_rules(texts, rules()))


def test_short_lines_and_long_lines_are_never_learned():
    short = [f"{story(i)}\n\nThank you.\n" for i in range(30)]
    assert all(r.findings == () for r in run_rules(short, rules()))
    long_line = "A quote many stories repeat, " * 10
    texts = [f"{story(i)}\n\n{long_line}\n" for i in range(30)]
    assert all(r.findings == () for r in run_rules(texts, rules()))


def test_a_duplicated_document_is_not_boilerplate():
    copy = "The council met on Monday to discuss the budget.\nIt agreed to raise taxes by two percent.\n"
    results = run_rules([copy] * 25, rules(), unsafe=False)
    assert all(r.cleaned == copy for r in results)  # found, but unsafe: deduplication is another job
    assert {f.fix.safety for r in results for f in r.findings} == {Safety.UNSAFE}


def test_statistics_merged_in_any_order_agree():
    texts = corpus(3) + corpus(3, "Follow the Weekly Planet on every platform.")
    plan = build_plan(Settings(select=("AR05",)), apply=True)
    parts = [collect([Document(f"d{i}", t)], plan) for i, t in enumerate(texts)]
    seen = set()
    for order in itertools.permutations(parts[:4]):
        merged = order[0]
        for part in order[1:]:
            merged = merge(merged, part)
        stats = finalize(merged)["lines"]
        seen.add((stats.documents, stats.count(fingerprint(FOOTER))))
    assert seen == {(4, 3)}


def test_learned_lines_are_reported_once_in_the_summary(cli, tmp_path):
    folder = tmp_path / "corpus"
    folder.mkdir()
    for i, text in enumerate(corpus(6)):
        (folder / f"{i}.txt").write_text(text)
    code, out, _ = cli("clean", folder, "--out", tmp_path / "out", "--statistics", "--select", "AR05")
    assert "Learned boilerplate lines (1), each decided once:" in out
    [learned] = json.loads((tmp_path / "out/report/summary.json").read_text())["learned_lines"]
    assert learned["line"] == FOOTER and learned["documents"] == 6 and learned["occurrences"] == 6
    assert len(learned["examples"]) == 3


def test_learnable_lines_skip_markup_and_code_and_keep_line_numbers():
    from corpusclean.stats.lines import learnable_lines
    from corpusclean.text.lines import iter_lines

    text = ("# Heading line here\r\nFirst real line of text\r\n\r\n```\ncode line in a fence\n```\r"
            "- a list item line\nLast real line of text\n")
    doc = Document("x.md", text)
    found, filled = learnable_lines(doc)
    every = list(iter_lines(text))
    assert [every[line.index].text for line in found] == ["First real line of text", "Last real line of text"]
    assert [line.chars for line in found] == [23, 22]
    assert all(line.at_edge for line in found)  # a short document is all edges
    assert filled == sum(1 for line in every if not line.is_blank) == 7


def test_learnable_lines_of_the_edges_alone_are_the_edge_lines_of_all():
    from corpusclean.stats.lines import learnable_lines

    text = "".join(f"Line number {i} of a long document\n\n" for i in range(40)) + "```\nx = 1\n```\n"
    doc = Document("x.md", text)
    every, filled = learnable_lines(doc)
    edges, same = learnable_lines(doc, edges_only=True)
    assert edges == [entry for entry in every if entry[2]] and len(edges) == 9 and filled == same == 43


def test_an_underlined_title_is_a_heading_not_boilerplate():
    from corpusclean.stats.lines import learnable_lines

    text = "Floods hit the valley.\n\nSubscribe to the Weekly Planet today\n=====================================\n"
    assert [line.index for line in learnable_lines(Document("a.md", text))[0]] == [0]  # `Floods hit the valley.`
