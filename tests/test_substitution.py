from __future__ import annotations

import pytest

from corpusclean.core.findings import Safety
from corpusclean.core.registry import RuleSet
from tests.helpers import run_rules


@pytest.fixture(scope="module")
def rule():
    return RuleSet().get("SP01")


def _safety(rule, text, **kw):
    [result] = run_rules(text, [rule], apply=False, **kw)
    return [(f.matched, f.fix.safety) for f in result.findings]


def test_casing_is_carried_over_at_a_sentence_start(rule):
    [result] = run_rules("He left. Recieved, it was. “Accomodation” too.\n", [rule], unsafe=False)
    assert result.cleaned == "He left. Received, it was. “Accommodation” too.\n"


def test_capitalised_word_inside_a_sentence_is_only_shown(rule):
    assert _safety(rule, "Musician Alan Wass was fined.\n") == [("Wass", Safety.DISPLAY_ONLY)]


def test_capitalised_entries_are_unsafe(rule):
    assert _safety(rule, "He flew to Britian.\n") == [("Britian", Safety.UNSAFE)]
    [safe_run] = run_rules("He flew to Britian.\n", [rule], unsafe=False)
    [unsafe_run] = run_rules("He flew to Britian.\n", [rule], unsafe=True)
    assert safe_run.cleaned == "He flew to Britian.\n" and unsafe_run.cleaned == "He flew to Britain.\n"


def test_entries_with_several_candidates_are_display_only(rule):
    assert _safety(rule, "the Enlish text\n")[0][1] is Safety.DISPLAY_ONLY


def test_allow_words_and_all_caps_and_glued_words_are_left_alone(rule):
    assert _safety(rule, "RECIEVE recieve_x x-recieve recieve@x.org\n") == []
    assert _safety(rule, "we recieve\n", allow_words=frozenset({"recieve"})) == []


def test_finding_names_its_list_and_entry(rule):
    [result] = run_rules("we recieve\n", [rule], apply=False)
    assert result.findings[0].evidence == {"list": "misspellings.txt", "entry": "recieve->receive",
                                           "candidates": ["receive"]}


def test_an_edited_word_list_is_read_again_even_within_the_same_second(tmp_path):
    from corpusclean.text.wordlist import cached_corrections

    import os

    words, second = tmp_path / "list.txt", 1_700_000_000 * 10**9
    words.write_text("teh->the\n", encoding="utf-8")
    os.utime(words, ns=(second, second))
    assert cached_corrections(words) == {"teh": ("the",)}
    words.write_text("teh->tha\n", encoding="utf-8")  # same size, 1 ms later in the same second
    os.utime(words, ns=(second + 10**6, second + 10**6))
    assert cached_corrections(words) == {"teh": ("tha",)}


def test_old_caches_of_a_list_are_removed_when_a_new_one_is_written(tmp_path, monkeypatch):
    import os

    from corpusclean.text import lexicon
    from corpusclean.text.wordlist import cached_corrections

    monkeypatch.setenv("CORPUSCLEAN_CACHE_DIR", str(tmp_path / "cache"))
    words = tmp_path / "list.txt"
    for version in range(lexicon.KEPT_VERSIONS + 3):
        words.write_text(f"teh->the{'e' * version}\n", encoding="utf-8")
        os.utime(words, ns=(10**18 + version, 10**18 + version))
        assert cached_corrections(words) == {"teh": ("the" + "e" * version,)}
    assert len(list((tmp_path / "cache").glob("corrections-*.marshal"))) == lexicon.KEPT_VERSIONS
