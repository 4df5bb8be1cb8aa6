"""The noisy-channel corrector and its calibration on the corpus (SP02, SP03), regional words, broken
apostrophes, and names apart by their capitals."""
from __future__ import annotations

import math
import random

import pytest

from corpusclean.core.findings import Safety
from corpusclean.core.rule import RuleContext
from corpusclean.rules.cn.variant_spelling import VariantSpelling
from corpusclean.rules.sp.corpus_near_miss import CorpusNearMiss
from corpusclean.rules.sp.split_word import SplitWord
from corpusclean.rules.sp.unknown_word import UnknownWord
from corpusclean.text import calibration as calib
from corpusclean.text.channel import LETTERS, OTHER, START, Edit, channel, edits
from corpusclean.text.correction import choose
from tests.helpers import run_rules

ARTICLE = (
    "The council said the new bridge would open next spring after a long delay caused by storms. "
    "Engineers had warned that the old crossing was unsafe, and traffic had been diverted through the "
    "town centre for most of the year. Local shops reported fewer customers while the work went on, "
    "but several owners told reporters they expected trade to recover once the road reopened. "
    "The project cost more than planned because steel prices rose sharply during the summer months. "
)


def corpus(documents: int = 12) -> list[str]:
    rng = random.Random(5)
    sentences = ARTICLE.split(". ")
    return [". ".join(rng.sample(sentences, len(sentences))) + "\n" for _ in range(documents)]


def all_edits(word: str) -> list[Edit]:
    """Every single edit the channel model counts for ``word``, the other-letter class included."""
    letters = [c if c in LETTERS else OTHER for c in word]
    found = [Edit("ins", START, c) for c in LETTERS + OTHER]
    for i, c in enumerate(letters):
        before = letters[i - 1] if i else START
        found += [Edit("sub", c, y) for y in LETTERS + OTHER if y != c]
        found += [Edit("ins", c, y) for y in LETTERS + OTHER]
        found.append(Edit("del", before, c))
        if i + 1 < len(letters):
            found.append(Edit("swap", c, letters[i + 1]))
    return found


@pytest.mark.parametrize("word", ["receive", "the", "successfully", "raqqa"])
def test_a_words_edit_probabilities_sum_to_one(word):
    model = channel()
    assert math.isclose(sum(model.edit_probability(e, word) for e in all_edits(word)), 1.0, rel_tol=1e-9)
    # the draws the calibration makes are those edits (other letters aside), summing just under one
    assert 0.99 < sum(p for p, _ in model.single_edits(word)) <= 1.0 + 1e-9


def test_common_slips_are_likelier_than_rare_ones():
    model = channel()
    assert model.log_probability("recieve", "receive") > model.log_probability("reqeive", "receive")
    assert model.log_probability("teh", "the") > model.log_probability("tqe", "the")
    # one edit is likelier than two, and a word written as meant likelier than any slip
    assert model.log_probability("recive", "receive") > model.log_probability("recve", "receive")
    assert model.log_probability("receive", "receive") > model.log_probability("recieve", "receive")


def test_edits_are_the_fewest_and_name_their_letters():
    assert edits("receive", "recieve") == [Edit("swap", "e", "i")]
    assert edits("raqqa", "raqq") == [Edit("del", "q", "a")]
    assert edits("the", "tthe") == [Edit("ins", START, "t")]  # the leftmost place, as the table breaks ties
    assert len(edits("from", "fomr")) == 2


def test_context_and_channel_choose_between_candidates():
    assert choose("taht", "said", "the").best == "that"
    assert choose("ther", "over", "is").best == "there"
    unknown = choose("succesffully", "some", None)
    assert unknown.best == "successfully" and unknown.posterior > 0.99 and unknown.keep < 0.01


def calibrated(texts: list[str]):
    rule = UnknownWord()
    from corpusclean.run.plan import Plan
    from corpusclean.core.fixer import FixPolicy
    from corpusclean.core.document import Document
    from corpusclean.run.stages import collect, finalize

    docs = [Document(f"d{i}.txt", t) for i, t in enumerate(texts)]
    stats = finalize(collect(docs, Plan((rule,), FixPolicy(apply=True, unsafe=False), frozenset())))
    return rule.calibration(RuleContext(stats=stats))


def test_calibration_is_deterministic_and_independent_of_document_order():
    texts = corpus()
    first, again, reversed_ = calibrated(texts), calibrated(texts), calibrated(texts[::-1])
    assert first == again == reversed_
    assert first.reason is None and first.errors > 300  # 500 drawn, four per distinct word at least; real words dropped
    assert first.threshold("safe", "longer") is not None and first.safe.precision >= 0.99
    assert first.unsafe.precision >= 0.9 and first.unsafe.recall >= first.safe.recall


def test_a_corpus_too_small_to_calibrate_gets_no_safe_fix():
    text = "Some escaped, some succesffully.\n"
    found = calibrated([text])
    assert found.reason and "too little evidence" in found.reason and found.threshold("safe", "longer") is None
    [result] = run_rules(text, [UnknownWord()], unsafe=False)
    [finding] = result.findings
    assert finding.fix.safety is Safety.UNSAFE and result.cleaned == text  # reported, not applied
    assert finding.evidence["calibration"]["reason"] == found.reason


def test_the_estimate_is_reported_in_statistics_and_summary(cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for i, text in enumerate(corpus()):
        (folder / f"{i}.txt").write_text(text + ("The engineers were succesffully paid.\n" if i == 3 else ""))
    code, out, _ = cli("check", folder, "--statistics")
    assert "SP02 calibration: estimated precision of safe fixes on this corpus: 0.9" in out
    assert "synthetic errors" in out
    code, _, _ = cli("clean", folder, "--out", tmp_path / "out")
    import json

    summary = json.loads((tmp_path / "out/report/summary.json").read_text())
    assert summary["calibration"]["SP02"]["safe"]["precision"] >= 0.99
    assert "SP02 calibration" in (tmp_path / "out/report/summary.md").read_text()
    assert "successfully" in (tmp_path / "out/3.txt").read_text()


@pytest.mark.parametrize("word", ["crocs", "rort", "barra", "vegies", "eucalypts", "retracement"])
def test_words_of_other_varieties_are_left_alone(word):
    text = f"They said the {word} were fine, and the {word} stayed where they were.\n"
    texts = corpus() + [text]
    result = run_rules(texts, [UnknownWord()])[-1]
    assert result.cleaned == text and result.findings == ()


@pytest.mark.parametrize("text", ["He didn\x92t go to the market today.\n",
                                  "It was the year\u00e2\x80\x99s best result for the company.\n",
                                  "All newspapers\u00e2\x80\x99 owners agreed to the deal.\n",
                                  "She didn\u00e2\u20ac\u2122t know.\n"])
def test_a_word_glued_to_a_broken_apostrophe_is_no_spelling_candidate(text):
    result = run_rules(corpus() + [text], [UnknownWord(), CorpusNearMiss()])[-1]
    assert result.findings == ()


def test_names_apart_by_their_inner_capitals_stay_apart():
    texts = ["Downtown Mackay council met on Monday.\n"] * 5 + ["Downtown McKay council met on Friday.\n"] * 4
    assert run_rules(texts, [VariantSpelling()])[-1].findings == ()
    # capitals alone are one name written two ways
    texts = ["WorldCom said it would.\n"] * 5 + ["Worldcom said it would.\n"]
    [finding] = run_rules(texts, [VariantSpelling()])[-1].findings
    assert finding.fix.edits[0].replacement == "WorldCom"


def test_sp03_weighs_a_slip_against_a_new_name():
    texts = corpus() + ["Officials in Melbourne said so.\n"] * 10 + ["Officials in Melbourn said so.\n"]
    [finding] = run_rules(texts, [CorpusNearMiss()])[-1].findings
    assert finding.fix.edits[0].replacement == "Melbourne" and finding.evidence["probability"] >= 0.9
    # a short name one letter from a rare one is likelier a name of its own
    texts = corpus(400) + ["Coach Korn said so.\n"] * 5 + ["Coach Koen said so.\n"]
    [finding] = run_rules(texts, [CorpusNearMiss()])[-1].findings
    assert finding.fix.safety is Safety.DISPLAY_ONLY and finding.evidence["probability"] < 0.9


def test_sp03_keeps_a_longer_name_and_a_possessive_apart():
    base = corpus() + ["President Kennedy spoke in Boston.\n"] * 12
    # `Jason Kenney` is someone else: the corpus never writes `Jason Kennedy`
    [finding] = run_rules(base + ["The analyst Jason Kenney said so.\n"], [CorpusNearMiss()])[-1].findings
    assert finding.fix.safety is Safety.DISPLAY_ONLY
    # with no name around it, the same slip is fixed (unsafe)
    [finding] = run_rules(base + ["He said Kenney spoke.\n"], [CorpusNearMiss()])[-1].findings
    assert finding.fix.safety is Safety.UNSAFE and finding.fix.edits[0].replacement == "Kennedy"
    # a possessive is never respelled as a name ending in s
    texts = corpus() + ["Sherlock Holmes spoke.\n"] * 12 + ["Lord Holme's plan failed.\n"]
    assert run_rules(texts, [CorpusNearMiss()])[-1].findings == ()


def test_drawn_misspellings_follow_the_listed_edit_probabilities():
    import collections

    model, rng, n = channel(), random.Random(1), 40_000
    drawn = collections.Counter(model.draw("receive", rng) for _ in range(n))
    expected = collections.Counter()
    for p, typed in model.single_edits("receive"):
        expected[typed] += p
    total = sum(expected.values())
    assert set(drawn) <= set(expected)
    assert max(abs(drawn[t] / n - p / total) for t, p in expected.items()) < 0.01


@pytest.mark.parametrize("text,cleaned", [
    ("The resul\nt was fine.\n", "The result\nwas fine.\n"),  # the break takes the space's place
    ("The resul\nt. Then it ended.\n", "The result. Then it ended.\n"),  # no space after: the break goes
    ("The resul \nt was fine.\n", "The resul \nt was fine.\n"),  # two characters apart: not a split
    ("The resul\n\nt was fine.\n", "The resul\n\nt was fine.\n"),  # a paragraph break
    ("Tag #respon sibility now.\n", "Tag #respon sibility now.\n"),
    ("The respon sibility/duty.\n", "The respon sibility/duty.\n"),
])
def test_split_words_across_lines_and_inside_tokens(text, cleaned):
    [result] = run_rules(text, [SplitWord()])
    assert result.cleaned == cleaned
    for finding in result.findings:
        assert finding.matched == text[finding.span.start:finding.span.end]


def test_a_fragment_that_joins_either_neighbour_is_never_safe():
    [result] = run_rules("It was peo ple ase.\n", [SplitWord()])
    assert result.findings and all(f.fix.safety is Safety.UNSAFE for f in result.findings)


@pytest.mark.parametrize("word", ["señal", "bière", "façon"])
def test_sp02_leaves_words_with_letters_outside_a_to_z_alone(word):
    text = f"The mayor called it a {word} of change, a {word} indeed.\n"
    assert run_rules(corpus() + [text], [UnknownWord()])[-1].findings == ()


def test_a_long_run_of_letters_does_not_break_the_model():
    run_ = "ha" * 150
    texts = corpus() + [f"He wrote {run_.capitalize()} and left.\n"] * 5 + [f"He wrote {run_[:-1].capitalize()} once.\n"]
    run_rules(texts, [CorpusNearMiss(), UnknownWord()])  # no error
    assert 0 < channel().spelling(run_) < 1e-200


def test_listed_words_of_other_varieties_do_not_hide_known_misspellings():
    from corpusclean.text import lexicon

    assert {"wierd", "untill", "accomodate", "publically"}.isdisjoint(lexicon.varieties())


def test_short_words_are_calibrated_apart():
    found = calibrated(corpus())
    by_class = {name: (safe, unsafe) for name, safe, unsafe in found.thresholds}
    assert set(by_class) == {"short", "long"}
    assert found.threshold("unsafe", "ths") == by_class["short"][1]
    assert found.threshold("unsafe", "recieve") == by_class["long"][1]
    # what the classes give together is what is reported
    assert found.as_json()["thresholds"]["long"]["safe"] == by_class["long"][0]
