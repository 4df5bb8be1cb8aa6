"""CN01 on small multi-document corpora: variants grouped, look-alikes kept apart, ties deterministic,
pinned spellings honoured, and the same clusters whatever order the statistics were merged in."""
from __future__ import annotations

import itertools
import json

import pytest

from corpusclean.core.config import Settings, parse_table
from corpusclean.core.document import Document
from corpusclean.core.findings import Safety
from corpusclean.run.plan import build_plan
from corpusclean.run.stages import collect, finalize, merge, process
from corpusclean.stats.variants import variant_clusters
from corpusclean.text.variants import same_name
from tests.helpers import run_rules


@pytest.mark.parametrize("a, b", [
    ("Rafiqah", "Rafiqa"), ("Qaeda", "Qaida"), ("Gaddafi", "Qaddafi"), ("Mohammed", "Muhammad"),
    ("Zürich", "Zurich"), ("al-Nuri", "Al Nuri"), ("Tchaikovsky", "Chaikovsky"),
])
def test_transliteration_variants_are_one_name(a, b):
    assert same_name(a, b)


@pytest.mark.parametrize("a, b", [("Rita", "Rito"), ("Jana", "Janek"), ("Raqq", "Raqqa"), ("Karen", "Keren"),
                                  ("Walliams", "Williams"), ("Gates", "Gate's")])
def test_different_names_that_look_alike_are_not(a, b):
    assert not same_name(a, b)


def test_the_shipped_threshold_is_the_one_that_decides():
    from corpusclean.text import name_model
    from corpusclean.text.variants import _score

    score = _score("Qaeda", "Qaida")
    assert score > name_model.threshold()
    assert not same_name("Qaeda", "Qaida", threshold=score)  # a stricter threshold turns it down


@pytest.mark.parametrize("a, b", [("Natalie", "Nathalie"), ("Victor", "Viktor"), ("Jamieson", "Jameson")])
def test_look_alikes_that_spelling_cannot_tell_apart_are_kept_apart_by_their_company(a, b):
    corpus = ([f"Troops from {a} crossed the border into {a} again.\n"] * 5
              + [f"Cricket fans in {b} cheered the team from {b} loudly.\n"] * 5)
    assert same_name(a, b)  # the spelling alone would join them
    assert all(r.findings == () for r in run_rules(corpus, rules()))
    shared = corpus + [f"Troops from {b} crossed the border into {b} again.\n"] * 2
    assert any(r.findings for r in run_rules(shared, rules()))


def rules():
    return build_plan(Settings(select=("CN",)), apply=True).rules


def test_the_majority_spelling_wins_across_documents_with_its_evidence():
    corpus = [f"President Yanukovych spoke in Kiev on day {n}.\n" for n in range(6)]
    results = run_rules(corpus + ["President Yanukovich left.\n"], rules())
    assert results[-1].cleaned == "President Yanukovych left.\n"
    [finding] = results[-1].findings
    assert finding.fix.safety is Safety.UNSAFE  # a respelled name may be another person: a reviewer decides
    assert finding.evidence["forms"] == {"Yanukovych": {"count": 6, "documents": 6},
                                         "Yanukovich": {"count": 1, "documents": 1}}


def test_a_strong_majority_makes_a_fix_of_capitals_safe():
    corpus = [f"Sony's PlayStation sold on day {n}.\n" for n in range(6)] + ["The Playstation sold.\n"]
    results = run_rules(corpus, rules(), unsafe=False)
    assert results[-1].cleaned == "The PlayStation sold.\n"
    assert results[-1].findings[0].fix.safety is Safety.SAFE


def test_names_the_dictionary_lists_in_both_spellings_are_left_to_the_config():
    corpus = ["Colonel Qaddafi spoke.\n"] * 6 + ["Colonel Gaddafi left.\n"]  # both are dictionary entries
    assert all(r.findings == () for r in run_rules(corpus, rules()))


def test_a_weak_majority_is_unsafe_and_a_tie_is_decided_the_same_way_in_any_order():
    corpus = ["The Rafiqah Wall stood.\n", "The Rafiqa Wall fell.\n"]
    for order in (corpus, corpus[::-1]):
        findings = [f for r in run_rules(order, rules()) for f in r.findings]
        assert [(f.matched, f.fix.edits[0].replacement) for f in findings] == [("Rafiqah", "Rafiqa")]
        assert findings[0].fix.safety is Safety.UNSAFE


def test_two_common_look_alikes_in_different_company_stay_apart():
    corpus = ["Coach Bellami praised the defence.\n"] * 5 + ["Senator Belami opposed the budget.\n"] * 5
    assert all(r.findings == () for r in run_rules(corpus, rules()))
    corpus += ["Coach Belami praised the attack.\n"]  # now they share company
    assert any(r.findings for r in run_rules(corpus, rules()))


def test_a_pinned_canonical_form_is_safe_even_against_the_majority(tmp_path):
    pinned = parse_table({"canonical": {"Rafiqa": ["Rafiqah"]}}, tmp_path / "corpusclean.toml").canonical
    texts = ["Rafiqah Wall, Rafiqah Wall.\n", "Rafiqa Wall.\n"]
    docs = [Document(f"d{i}", t) for i, t in enumerate(texts)]
    for canonical, expected in (({}, "Rafiqah"), (pinned, "Rafiqa")):
        plan = build_plan(Settings(select=("CN",), canonical=canonical), apply=True)
        stats = finalize(collect(docs, plan))
        results = [process(d, plan, stats) for d in docs]
        findings = [f for r in results for f in r.findings]
        assert {f.fix.edits[0].replacement for f in findings} == {expected}
        assert {f.fix.safety for f in findings} == ({Safety.SAFE} if canonical else {Safety.UNSAFE})
    assert [r.cleaned for r in results] == ["Rafiqa Wall, Rafiqa Wall.\n", "Rafiqa Wall.\n"]  # pinned: applied


def test_merging_statistics_in_any_order_gives_the_same_clusters():
    texts = ["Yanukovych met Mubarak.\n", "Yanukovich met Mubarak.\n", "Yanukovych and Janukovych met Mubarak.\n",
             "Rafiqah met Rafiqa.\n", "Rafiqa spoke.\n", "Worldcom and WorldCom, WorldCom.\n"]
    plan = build_plan(Settings(select=("CN",)), apply=True)
    parts = [collect([Document(f"d{i}", t)], plan) for i, t in enumerate(texts)]
    seen = set()
    for order in itertools.permutations(parts):
        merged = order[0]
        for part in order[1:]:
            merged = merge(merged, part)
        clusters = variant_clusters(finalize(merged)["tokens"])
        seen.add(tuple(sorted((form, c.canonical) for form, c in clusters.items())))
    assert len(seen) == 1
    assert dict(next(iter(seen))) == {"Yanukovich": "Yanukovych", "Yanukovych": "Yanukovych",
                                      "Janukovych": "Yanukovych",
                                      "Rafiqa": "Rafiqa", "Rafiqah": "Rafiqa",
                                      "WorldCom": "WorldCom", "Worldcom": "WorldCom"}


def test_canonical_config_is_validated(tmp_path):
    from corpusclean.core.errors import UsageError

    with pytest.raises(UsageError, match="list of spellings"):
        parse_table({"canonical": {"Rafiqa": "Rafiqah"}}, tmp_path / "c.toml")
    with pytest.raises(UsageError, match="pinned to both"):
        parse_table({"canonical": {"Rafiqa": ["Rafiqah"], "Rafiqah1": ["Rafiqah"]}}, tmp_path / "c.toml")


def test_clusters_are_reported_once_in_the_summary_and_the_statistics(cli, tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("The Rafiqah Wall stood.\n")
    (corpus / "b.txt").write_text("The Rafiqa Wall fell. The Rafiqah Wall fell.\n")
    code, out, _ = cli("clean", corpus, "--out", tmp_path / "out", "--statistics")
    assert "Rafiqah <- Rafiqah x2 in 2 docs, Rafiqa x1 in 1 docs (majority; 0 of 1 fixed" in out
    summary = json.loads((tmp_path / "out/report/summary.json").read_text())
    [cluster] = summary["variant_clusters"]
    assert cluster["canonical"] == "Rafiqah" and cluster["occurrences"] == 1
    assert cluster["examples"] == [str(corpus / "b.txt")]


def test_a_tie_says_how_it_was_broken():
    corpus = ["The Rafiqah Wall stood.\n", "The Rafiqa Wall fell.\n"]
    [finding] = [f for r in run_rules(corpus, rules()) for f in r.findings]
    assert finding.evidence["chosen-by"] == "tie, code-point order"


def test_british_and_american_spellings_are_made_consistent_per_document():
    plan_rules = build_plan(Settings(select=("CN02",)), apply=True).rules
    docs = ["We organised the colour scheme; they organized it too, and organised the rest.\n",
            "The color and the colour.\n"]
    first, second = run_rules(docs, plan_rules, unsafe=False)
    assert first.cleaned == "We organised the colour scheme; they organised it too, and organised the rest.\n"
    assert second.cleaned == docs[1]  # a tie: unsafe, and decided for the spelling listed first
    [tie] = second.findings
    assert tie.matched == "color" and tie.fix.edits[0].replacement == "colour" and tie.fix.safety is Safety.UNSAFE


def test_a_corpus_scoped_consistency_pack_counts_the_whole_corpus(tmp_path):
    (tmp_path / "house.txt").write_text("grey gray\n")
    pack = """
code = "CN90"
name = "grey-spelling"
type = "consistency"
summary = "One spelling of grey."
what = "Unifies `grey` and `gray`."
why = "House style."
fix-safety = "Safe with a clear majority."
words = "house.txt"
scope = "SCOPE"
[[examples]]
unchanged = "A grey sky.\\n"
"""
    docs = [Document("a", "A grey sky. A grey sea.\n"), Document("b", "A grey day.\n"), Document("c", "A gray cat.\n")]
    for scope, expected in (("document", "A gray cat.\n"), ("corpus", "A grey cat.\n")):
        (tmp_path / "house.toml").write_text(pack.replace("SCOPE", scope))
        plan = build_plan(Settings(select=("CN90",), packs=(tmp_path / "house.toml",)), apply=True)
        assert plan.needs == (("code", "tokens") if scope == "corpus" else ())  # code: the code vocabulary, read with the tokens
        stats = finalize(collect(docs, plan)) if plan.needs else {}
        assert process(docs[2], plan, stats).cleaned == expected  # corpus: grey 3 to 1, a safe fix


def test_the_gb_us_list_is_clean():
    from corpusclean.packs.loader import builtin_pack_dir
    from corpusclean.text import lexicon

    lines = [line for line in (builtin_pack_dir() / "consistency/en-gb-us.txt").read_text().splitlines()
             if line and not line.startswith("#")]
    assert lines == sorted(lines) and len(set(lines)) == len(lines)
    for line in lines:
        british, american = line.split()
        assert lexicon.is_known(british) and lexicon.in_dictionary(american), line


def test_a_pack_can_declare_the_house_spelling(tmp_path):
    (tmp_path / "names.txt").write_text("Rafiqa Rafiqah\n")
    (tmp_path / "house.toml").write_text("""
code = "CN91"
name = "house-names"
type = "consistency"
summary = "Declared spellings of names."
what = "The first spelling of each group is the house spelling."
why = "House style."
fix-safety = "Safe: the pack declares the choice."
words = "names.txt"
prefer = "first"
[[examples]]
before = "The Rafiqah Wall.\\n"
after = "The Rafiqa Wall.\\n"
""")
    plan = build_plan(Settings(select=("CN91",), packs=(tmp_path / "house.toml",)), apply=True)
    [finding] = process(Document("d", "Rafiqah and Rafiqah.\n"), plan, {}).findings[:1]
    assert finding.fix.safety is Safety.SAFE and finding.evidence["chosen-by"] == "pack"
    assert process(Document("d", "Rafiqah and Rafiqah.\n"), plan, {}).cleaned == "Rafiqa and Rafiqa.\n"


def test_edit_descriptions_do_not_depend_on_the_order_of_the_pair():
    from corpusclean.text.variants import edit_features

    assert edit_features("Rafiqah", "Rafiqa") == edit_features("Rafiqa", "Rafiqah")
    assert "op h end" in edit_features("Rafiqah", "Rafiqa")


def test_the_training_tool_learns_weights_that_separate_its_examples():
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "eval"))
    import train_names
    from corpusclean.text.variants import edit_features

    same = [("Rafiqah", "Rafiqa"), ("Nadirah", "Nadira"), ("Samirah", "Samira"), ("Aminah", "Amina")] * 5
    other = [("Rita", "Rito"), ("Jana", "Jano"), ("Marta", "Marto"), ("Lina", "Lino")] * 5
    weights = train_names.learn(train_names.examples(same, other))
    assert weights["op h end"] > 0 > weights["op ao end"]
    threshold = train_names.choose_threshold([(weights, train_names.examples(same, other))])
    score = lambda a, b: weights["bias"] + sum(weights.get(f, 0.0) for f in edit_features(a, b))
    assert min(score(a, b) for a, b in same) > max(score(a, b) for a, b in other)
    assert threshold <= min(score(a, b) for a, b in same)  # every same-name pair kept at 0.95 precision


def test_diacritics_and_particles_written_apart_are_one_name():
    corpus = [f"The al-Nuri mosque in Zürich, year {n}.\n" for n in range(5)] + ["The Al Nuri mosque in Zurich.\n"]
    results = run_rules(corpus, rules())
    assert results[-1].cleaned == "The al-Nuri mosque in Zürich.\n"
    assert {f.matched for f in results[-1].findings} == {"Al Nuri", "Zurich"}
    assert all(r.findings == () for r in results[:-1])


def test_a_particle_capitalised_at_a_sentence_start_is_not_a_variant():
    corpus = [f"Vincent van Gogh painted {n} fields.\n" for n in range(6)] + ["Van Gogh painted.\n"]
    assert all(r.findings == () for r in run_rules(corpus, rules()))
