"""The SP family on small corpora: context ranking, relative corpus evidence, corpus-attested
corrections, what is never touched, provenance, and one candidate search per distinct word."""
from __future__ import annotations

from pathlib import Path

import pytest

from corpusclean.core.config import Settings
from corpusclean.core.findings import Safety
from corpusclean.run.plan import build_plan
from corpusclean.text import lexicon
from corpusclean.text.correction import choose
from tests.helpers import run_rules

PROSE = (Path(__file__).parent / "data" / "clean_prose.txt").read_text(encoding="utf-8")


def rules(*select: str):
    return build_plan(Settings(select=select), apply=True).rules


def findings(texts, *select: str, unsafe: bool = True):
    return [f for result in run_rules(texts, rules(*select), unsafe=unsafe) for f in result.findings]


@pytest.mark.parametrize("word, previous, following, expected", [
    ("tha", "think", "it", "that"),
    ("ther", "over", "is", "there"),
    ("ther", "in", "own", "their"),
    ("ther", "of", "house", "the"),
    ("wich", "in", "case", "which"),
])
def test_context_chooses_between_candidates(word, previous, following, expected):
    assert choose(word, previous, following).best == expected


def test_context_changes_the_choice_for_the_same_word():
    assert choose("ther", "over", "is").best != choose("ther", "in", "own").best


def test_a_fix_keeps_the_casing_of_a_sentence_start():
    [result] = run_rules("Succesffully, they left. Some succesffully.\n", rules("SP02"))
    assert result.cleaned == "Successfully, they left. Some successfully.\n"


def test_a_misspelling_repeated_across_documents_is_still_a_typo_when_its_fix_dominates():
    corpus = [f"Report {n}: the government said the plan would go ahead.\n" for n in range(20)]
    corpus += [f"Note {n}: the goverment said so.\n" for n in range(4)]  # 4 documents, dominated 5 to 1
    assert {f.matched for f in findings(corpus, "SP02")} == {"goverment"}


def test_corpus_jargon_with_no_dominant_neighbour_is_accepted():
    corpus = [f"Quarter {n}: capex rose and opex fell.\n" for n in range(4)]
    assert findings(corpus, "SP") == []
    alone = findings(["Capex rose. The capex plan.\n"], "SP02", unsafe=False)
    assert [f.matched for f in alone] == ["Capex", "capex"]  # a sentence start is no name


def test_a_phrase_the_corpus_repeats_is_not_a_typo():
    corpus = ["It was a bona fide offer.\n", "A bona fide buyer came.\n"]
    assert findings(corpus, "SP02") == []


def test_truncated_name_is_completed_from_other_documents_with_its_evidence():
    corpus = ["Raqqa fell. The fight for Raqqa went on.\n", "Raqqa, Raqqa and Raqqa were quiet.\n",
              "The road into Raqq was open; Raqqa and Raqqa waited.\n"]
    results = run_rules(corpus, rules("SP03"))
    assert results[2].cleaned == "The road into Raqqa was open; Raqqa and Raqqa waited.\n"
    [finding] = results[2].findings
    assert finding.evidence["Raqqa"] == 7 and finding.evidence["Raqq"] == 1
    assert finding.evidence["documents"] == {"Raqqa": 3, "Raqq": 1}
    assert finding.evidence["relation"] == "truncation" and finding.evidence["source"] == "corpus"
    assert finding.fix.safety is Safety.UNSAFE  # 7x is strong evidence, not the 20x a safe fix needs


def test_a_truncation_is_safe_with_overwhelming_evidence_in_the_same_context():
    corpus = ["Forces reached Tabqa. " + "Tabqa, " * 9 + "\n" for _ in range(3)]
    [finding] = findings(corpus + ["They reached Tabq today.\n"], "SP03", unsafe=False)
    assert finding.matched == "Tabq" and finding.fix.safety is Safety.SAFE
    assert finding.evidence["context"] == {"reached tabqa": 3}
    # Another name that the frequent one extends, part of a longer name the corpus never writes with it
    # (`Graham Tabqa`): another person's, not even unsafe.
    [finding] = findings(corpus + ["Said Graham Tabq, a spokesman.\n"], "SP03", unsafe=False)
    assert finding.fix.safety is Safety.DISPLAY_ONLY


def test_two_competing_corpus_forms_make_the_finding_display_only():
    corpus = ["Zorvani " * 6 + "\n", "Zorvano " * 5 + "\n", "Then Zorvan fell.\n"]
    [finding] = findings(corpus, "SP03")
    assert finding.matched == "Zorvan" and finding.fix.safety is Safety.DISPLAY_ONLY
    assert finding.evidence["others"] == {"Zorvano": 5}


def test_capitalised_words_never_become_dictionary_words():
    text = "The road into Raqq was open. Rafiqa Wall stood. Hte end.\n"
    changed = {f.matched for f in findings([text], "SP")}
    assert "Raqq" not in changed and "Rafiqa" not in changed


@pytest.mark.parametrize("text", [
    "Vehicle-borne IEDs and MEPs' votes, GCSEs and the DVD's menu.\n",
    "Scores of 3rd and 4th, the 2ndary route and abc123 stayed.\n",
    "Mail jane.doe@exmaple.com or see https://exmaple.com/recieve, #recieve and @teh_bot.\n",
    "U.S.-backed fighters at the Al-Nuri mosque; retail/grocery and self-funding co-op staff.\n",
    "ISIS’ prepositioned mines, misreported and unrepaired roads.\n",
])
def test_never_touched(text):
    assert findings([text], "SP") == []


def test_findings_name_the_list_or_dictionary_that_produced_them():
    corpus = ["We recieved it; some succesffully.\n", "Raqqa " * 6 + "Raqq.\n"]
    by_code = {f.code: f.evidence for f in findings(corpus, "SP")}
    assert by_code["SP01"]["list"] == "misspellings.txt"
    assert "pyspellchecker" in by_code["SP02"]["dictionary"]
    assert by_code["SP03"]["source"] == "corpus"


def test_one_candidate_search_per_distinct_word(monkeypatch):
    searched: list[str] = []
    native = lexicon._dictionary()

    class Recording:
        def one_edit(self, word):
            searched.append(word)
            return native.one_edit(word)

        two_edits = native.two_edits

    monkeypatch.setattr(lexicon, "_dictionary", Recording)
    lexicon.candidates.cache_clear()
    corpus = [f"Doc {n}: they succesffully left, the reciever said, and succesffully came back.\n"
              for n in range(30)]
    run_rules(corpus, rules("SP02"), apply=False)
    assert sorted(searched) == ["reciever", "succesffully"]  # once each
    lexicon.candidates.cache_clear()


def test_clean_prose_full_of_names_and_jargon_is_not_changed_by_safe_fixes():
    paragraphs = [p.strip("\n") + "\n" for p in PROSE.split("\n\n")]
    assert len(PROSE.split()) > 300
    results = run_rules(paragraphs, build_plan(Settings(), apply=True).rules, unsafe=False)
    assert [r.cleaned for r in results] == paragraphs
    # Even reported findings are lowercase words: no name, acronym, address or compound part.
    reported = [f.matched for r in results for f in r.findings]
    assert all(word.islower() and word.isalpha() for word in reported), reported
