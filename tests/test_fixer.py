from __future__ import annotations

from corpusclean.core.document import Document
from corpusclean.core.edits import replay
from corpusclean.core.findings import Edit, Finding, Fix, Safety, Span
from corpusclean.core.fixer import FixPolicy, fix_document


def _finding(code, start, end, replacement, safety=Safety.SAFE):
    span = Span(start, end)
    return Finding(code, code.lower(), "d", span, "", "msg", Fix((Edit(span, replacement),), safety, "t"))


def _checker(rules):
    """A checker built from functions text -> findings, like rules."""
    return lambda doc: [f for rule in rules for f in rule(doc.text)]


def _word_rule(code, word, replacement, safety=Safety.SAFE):
    def rule(text):
        out, pos = [], text.find(word)
        while pos >= 0:
            out.append(_finding(code, pos, pos + len(word), replacement, safety))
            pos = text.find(word, pos + len(word))
        return out
    return rule


def test_safety_filter_applies_safe_only_unless_unsafe_allowed():
    rules = [_word_rule("T01", "aa", "A"), _word_rule("T02", "bb", "B", Safety.UNSAFE),
             _word_rule("T03", "cc", "C", Safety.DISPLAY_ONLY)]
    doc = Document("d", "aa bb cc")
    safe = fix_document(doc, _checker(rules), FixPolicy())
    assert safe.cleaned == "A bb cc"
    assert {(s.finding.code, s.reason) for s in safe.skipped} == {("T02", "unsafe"), ("T03", "display-only")}
    unsafe = fix_document(doc, _checker(rules), FixPolicy(unsafe=True))
    assert unsafe.cleaned == "A B cc"


def test_policy_overrides_move_a_code_between_tiers_but_never_promote_display_only():
    rules = [_word_rule("T02", "bb", "B", Safety.UNSAFE), _word_rule("T03", "cc", "C", Safety.DISPLAY_ONLY)]
    policy = FixPolicy(overrides={"T0": Safety.SAFE})
    assert fix_document(Document("d", "bb cc"), _checker(rules), policy).cleaned == "B cc"


def test_overlapping_fix_is_skipped_then_reconsidered_on_the_next_round():
    # T01 rewrites "abc" -> "x"; T02 wants "bc" -> "y": they overlap, T01 (earlier start) wins.
    rules = [_word_rule("T01", "abc", "x"), _word_rule("T02", "bc", "y")]
    result = fix_document(Document("d", "abc bc"), _checker(rules), FixPolicy())
    assert result.cleaned == "x y"
    assert replay("abc bc", result.applied) == result.cleaned
    # The overlapped T02 finding inside "abc" went away with T01's edit: resolved, not applied.
    assert [(s.finding.code, s.finding.span, s.reason) for s in result.skipped] == [("T02", Span(1, 3), "resolved")]


def test_rechecks_to_a_fixed_point_and_maps_later_findings_to_original_offsets():
    # Removing "--" makes a new "aa" appear, which a second round fixes.
    rules = [_word_rule("T01", "--", ""), _word_rule("T02", "aa", "b")]
    result = fix_document(Document("d", "xa--ay"), _checker(rules), FixPolicy())
    assert result.cleaned == "xby"
    assert replay("xa--ay", result.applied) == "xby"
    late = [f for f in result.findings if f.code == "T02"]
    assert late and late[0].span.start == 1  # located in the original text


def test_round_cap_stops_a_fix_that_never_converges():
    grow = _word_rule("T01", "a", "aa")
    result = fix_document(Document("d", "a"), _checker([grow]), FixPolicy(), max_rounds=3)
    assert result.cleaned == "a" * 8
    assert {s.reason for s in result.skipped} == {"round-cap"}


def test_check_only_policy_changes_nothing():
    result = fix_document(Document("d", "aa"), _checker([_word_rule("T01", "aa", "b")]), FixPolicy(apply=False))
    assert result.cleaned == "aa" and result.applied == () and len(result.remaining) == 1


def test_the_overlap_index_agrees_with_comparing_every_pair():
    import random

    from corpusclean.core.findings import Span
    from corpusclean.core.fixer import _Taken

    rng = random.Random(7)
    for _ in range(200):
        taken, naive = _Taken(), []
        for _ in range(40):
            start = rng.randrange(0, 60)
            span = Span(start, start + rng.choice([0, 0, 1, 2, 5]))
            expected = any(span.overlaps(t) for t in naive)
            assert taken.overlaps(span) == expected
            if not expected:
                taken.add(span)
                naive.append(span)
