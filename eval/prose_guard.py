"""Prose that is not BBC News: informal and formal English, and other languages.

10. Informal (`news/nltk_webtext`: forum posts, overheard talk, a film script, ads, wine reviews) and
    formal, old English (`news/nltk_inaugural`, 1789-2009): `clean` with the default rules; every word
    change (an applied SP or CN finding, or any other applied edit that changes letters) listed and judged
    in eval/prose_review.tsv (set, path, matched, replacement, verdict right/false/unsure, note).
    False changes per 100k words, target <= 5.
11. Other languages: CoNLL-2002 Spanish and Dutch news, Hindi and Bangla text (`news/multilingual`) and the
    non-English pages of newspaper3k's test data. Words changed (applied edits that change letters, EN04
    and NFC-only edits left out; AR artifact removals counted apart) by default and with --unsafe-fixes,
    target 0, each listed; and the language corpusclean's analysis assigns to each document (with how
    many it calls reliable: an unreliable Latin-script guess lets the English rules run), against the
    known one.
Prints figures; asserts nothing.
"""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
import unicodedata
from collections import Counter
from pathlib import Path

PROSE_SETS = ["nltk_webtext", "nltk_inaugural", "nltk_brown_news"]
# newspaper3k's test pages that are not English (read one by one), with their language (ISO 639-3).
NEWSPAPER3K = {"arabic.txt": "ara", "chinese.txt": "cmn", "japanese.txt": "jpn", "japanese2.txt": "jpn",
               "spanish.txt": "spa", "thai.txt": "tha", "vogue.de1.txt": "deu", "vogue.de2.txt": "deu"}
MULTILINGUAL = [("conll2002_es", "spa"), ("conll2002_nl", "nld"), ("indian_hindi.txt", "hin"),
                ("indian_bangla.txt", "ben")]
SAME_LANGUAGE = {"cmn": {"cmn", "zho"}}


def clean(inputs: Path, out: Path, *flags: str) -> list[dict] | str:
    """The findings, or the error message when the run failed."""
    done = subprocess.run([sys.executable, "-m", "corpusclean", "clean", str(inputs), "--out", str(out), *flags],
                          stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    if not (out / "report/findings.jsonl").exists():
        return f"RUN FAILED: {(done.stderr.strip().splitlines() or ['?'])[-1]}"
    return [json.loads(line) for line in (out / "report/findings.jsonl").read_text(encoding="utf-8").splitlines()]


def letters(s: str) -> list[str]:
    return [c for c in s if c.isalpha()]


def word_edits(findings: list[dict], skip_normalization: bool = False) -> list[tuple[dict, str, str]]:
    """(finding, original, replacement) of each applied edit that changes letters (all SP and CN edits)."""
    texts: dict[str, str] = {}
    out = []
    for f in findings:
        if f["status"] != "applied" or not f["fix"] or (skip_normalization and f["code"] == "EN04"):
            continue
        if f["path"] not in texts:
            texts[f["path"]] = Path(f["path"]).read_text(encoding="utf-8", errors="replace")
        for edit in f["fix"]["edits"]:
            before, after = texts[f["path"]][edit["start"]:edit["end"]], edit["replacement"]
            if skip_normalization and unicodedata.normalize("NFC", before) == unicodedata.normalize("NFC", after):
                continue
            if f["code"][:2] in ("SP", "CN") or letters(before) != letters(after):
                out.append((f, before, after))
    return out


def short(s: str, width: int = 60) -> str:
    s = re.sub(r"\s+", " ", s)
    return s if len(s) <= width else s[:width - 3] + "..."


def english_prose(eval_dir: Path) -> None:
    from docs import show
    from reviews import review_rows

    review = {tuple(row[:4]): (row[4], row[5]) for row in review_rows("prose_review.tsv", 6)}
    rows = []
    for name in PROSE_SETS:
        corpus = eval_dir / "news" / name
        words = sum(len(re.findall(r"\w+", p.read_text(encoding="utf-8", errors="replace")))
                    for p in corpus.rglob("*.txt"))
        with tempfile.TemporaryDirectory() as tmp:
            findings = clean(corpus, Path(tmp) / "out")
        if isinstance(findings, str):
            print(f"10. {name}: {findings}")
            continue
        applied = Counter(f["code"] for f in findings if f["status"] == "applied")
        changes = word_edits(findings)
        print(f"10. {name} ({words:,} words): {sum(applied.values())} fixes applied {dict(sorted(applied.items()))}; "
              f"{len(changes)} word changes = {len(changes) / words * 1e5:.1f} per 100k words:")
        verdicts: Counter[str] = Counter()
        for f, before, after in changes:
            path = str(Path(f["path"]).relative_to(corpus))
            verdict, note = review.get((name, path, show(f["matched"]), show(f["fix"]["edits"][0]["replacement"])),
                                       ("unreviewed", ""))
            verdicts[verdict] += 1
            print(f"    {verdict:<10} {f['code']} {path}:{f['line']}: {short(before)!r} -> {short(after)!r}"
                  + (f"  ({note})" if note else ""))
        rows.append((name, words, len(changes), verdicts))
    print("10. summary        words  changes  right  false  unsure  unreviewed  false per 100k (target <= 5)")
    for name, words, n, v in rows:
        print(f"    {name:<14} {words:>8,} {n:>8} {v['right']:>6} {v['false']:>6} {v['unsure']:>7} "
              f"{v['unreviewed']:>11}  {v['false'] / words * 1e5:>14.2f}")


def other_languages(eval_dir: Path) -> None:
    from corpusclean.core.analysis import analyze_text

    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        pages = Path(tmp) / "newspaper3k"
        pages.mkdir()
        for name in NEWSPAPER3K:
            shutil.copy(eval_dir / "news/newspaper3k_testdata/text" / name, pages / name)
        sets = [(name, eval_dir / "news/multilingual" / name, lambda p, lang=lang: lang) for name, lang in MULTILINGUAL]
        sets.append(("newspaper3k (non-English)", pages, lambda p: NEWSPAPER3K[p.name]))
        for name, path, expected in sets:
            documents = sorted(path.rglob("*.txt")) if path.is_dir() else [path]
            words = sum(len(re.findall(r"\w+", p.read_text(encoding="utf-8"))) for p in documents)
            changed, failed = {}, {}
            for flags in ((), ("--unsafe-fixes",)):
                findings = clean(path, Path(tmp) / f"out-{len(rows)}-{len(flags)}", *flags)
                if isinstance(findings, str):
                    failed[flags], findings = findings, []
                changed[flags] = word_edits(findings, skip_normalization=True)
            found, wrong, reliable = Counter(), [], 0
            for p in documents:
                language = analyze_text(p.read_text(encoding="utf-8"), "plain").language
                found[language.code] += 1
                reliable += language.reliable
                if language.code not in SAME_LANGUAGE.get(expected(p), {expected(p)}):
                    wrong.append(f"{p.name}: {language.code} (is {expected(p)}, reliable={language.reliable})")
            right = len(documents) - len(wrong)
            removed = {flags: [e for e in edits if e[0]["code"][:2] == "AR"] for flags, edits in changed.items()}
            changed = {flags: [e for e in edits if e[0]["code"][:2] != "AR"] for flags, edits in changed.items()}
            counts = {flags: failed.get(flags, len(edits)) for flags, edits in changed.items()}
            print(f"11. {name}: {len(documents)} documents, {words:,} words; words changed: default "
                  f"{counts[()]}, --unsafe-fixes {counts[('--unsafe-fixes',)]} (target 0); artifact text removed "
                  f"(AR) {len(removed[()])}/{len(removed[('--unsafe-fixes',)])}; language {right}/{len(documents)} "
                  f"right {dict(found.most_common())}, {reliable} judged reliable")
            for flags in changed:
                for f, before, after in changed[flags] + removed[flags]:
                    print(f"    {' '.join(flags) or 'default':<14} {f['code']} {Path(f['path']).name}:{f['line']}: "
                          f"{short(before)!r} -> {short(after)!r}")
            for item in wrong:
                print(f"    wrong language: {item}")
            rows.append((name, len(documents), words, *(counts[f] if f not in failed else "FAILED" for f in changed),
                         right / len(documents)))
    print("11. summary                  docs     words  changed default  changed unsafe  language accuracy")
    for name, n, words, default, unsafe, accuracy in rows:
        print(f"    {name:<25} {n:>5} {words:>9,} {default:>16} {unsafe:>15} {accuracy:>18.2f}")
