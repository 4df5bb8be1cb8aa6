"""Encoding (EN) measured on ftfy's own test cases (`mojibake/ftfy/`, MIT).

8. Every case ftfy expects to pass: the EN rules' safe fixes against ftfy's repair with the same
   settings on the whole text (agreement), and against the expected text (`fixed-encoding` where the case
   gives one, else `fixed`, which may include formatting changes EN01 leaves to other rules); the EN
   rules that run by default (EN05 and EN06 fold quotes and dashes when selected: a format choice); the
   negative cases (`negative.json`): how many the EN rules change where they must not (target 0).
   EN02 and EN03 go further than ftfy's encoding repair on purpose (they decode entities and delete
   control characters), so a case with an entity or U+1A differs from ftfy there, and is listed.
"""
from __future__ import annotations

import json
from pathlib import Path

FILES = ("synthetic", "in-the-wild", "language-names", "test_cases.sdist-6.3.1")


def ftfy_cases(eval_dir: Path) -> None:
    import ftfy

    from corpusclean import clean
    from corpusclean.rules.en.mojibake import _ftfy_config

    folder = eval_dir / "mojibake/ftfy"
    cases = [c for name in FILES for c in json.loads((folder / f"{name}.json").read_text(encoding="utf-8"))
             if c.get("expect") == "pass"]
    ours = [r.cleaned for r in clean([c["original"] for c in cases], ignore=["AR", "SP", "CN", "WS"])]
    theirs = [ftfy.fix_text(c["original"], _ftfy_config()) for c in cases]
    expected = [c.get("fixed-encoding", c["fixed"]) for c in cases]
    agree = sum(a == b for a, b in zip(ours, theirs))
    print(f"8. ftfy's test cases ({len(cases)} expected to pass, ftfy {ftfy.__version__}), EN rules' safe fixes:")
    print(f"   same result as ftfy's repair with the same settings: {agree} of {len(cases)}")
    print(f"   expected text reached: corpusclean {sum(a == e for a, e in zip(ours, expected))}, "
          f"ftfy with the same settings {sum(b == e for b, e in zip(theirs, expected))} of {len(cases)}")
    for case, a, b in zip(cases, ours, theirs):
        if a != b:
            print(f"     differs from ftfy: {case['label'][:70]}: ours {a[:50]!r} / ftfy {b[:50]!r}")
    negatives = [c for c in json.loads((folder / "negative.json").read_text(encoding="utf-8"))]
    results = clean([c["original"] for c in negatives], ignore=["AR", "SP", "CN", "WS"])
    untouched = sum(c["fixed"] == c["original"] for c in negatives)
    wrong = [c for c, r in zip(negatives, results) if r.cleaned != c.get("fixed-encoding", c["fixed"])]
    print(f"   negative cases ({untouched} must stay as they are, {len(negatives) - untouched} need a C1 fix only): "
          f"{len(wrong)} end differently from ftfy's expected text (target 0)")
    for case in wrong:
        print(f"     wrong: {case['label'][:90]}")
