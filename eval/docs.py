"""Documentation sets: prose awareness and precision on Markdown (pydantic, httpx, mkdocs) and reST (flask).

9. Each set (`docs/<set>/docs/`, copied to a temp folder) is cleaned with the default safe fixes, and the
   same files are checked by codespell and typos, each run timed (wall seconds).
   a. Applied changes inside non-prose regions (code, markup, link targets, template and MkDocs syntax),
      found independently of corpusclean's analysis with markdown-it-py / docutils (eval/regions.py).
      Target 0; each one listed.
   b. Every other applied change listed and judged in eval/docs_review.tsv (tool, set, path, matched,
      replacement, verdict, note; verdict right/false/unsure): precision = right / judged, target >= 0.9.
      Above 300 changes a set is judged on a random sample of 150 (seed 0), said so in the output.
   c. codespell's and typos' proposals on the same files, listed and judged in the same file: the real
      typos each tool finds per set (for corpusclean: its applied SP changes judged right; its
   reported, unapplied findings are counted by rule).
Prints figures; asserts nothing.
"""
from __future__ import annotations

import json
import random
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter, defaultdict
from pathlib import Path

SETS = [("pydantic", "md"), ("httpx", "md"), ("mkdocs", "md"), ("flask", "rst")]
SAMPLE, SAMPLE_ABOVE = 150, 300
BIN = Path(sys.executable).parent


def read_review() -> dict[tuple[str, str, str, str, str], tuple[str, str]]:
    """(tool, set, path, matched, replacement) -> (verdict, note)."""
    from reviews import review_rows

    return {tuple(row[:5]): (row[5], row[6]) for row in review_rows("docs_review.tsv", 7)}


def timed(command: list[str], cwd: Path) -> tuple[str, float]:
    began = time.perf_counter()
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    return done.stdout, time.perf_counter() - began


def show(s: str) -> str:
    """A cell of the review file: backslash, line breaks, tabs and no-break spaces spelled out."""
    for raw, spelled in (("\\", "\\\\"), ("\n", "\\n"), ("\r", "\\r"), ("\t", "\\t"), ("\xa0", "\\xa0")):
        s = s.replace(raw, spelled)
    return s


def context(text: str, start: int, end: int, width: int = 30) -> str:
    before, after = text[max(0, start - width):start], text[end:end + width]
    return re.sub(r"\s+", " ", f"{before}[{text[start:end]}]{after}")


def corpusclean_changes(copy: Path, out: Path) -> tuple[list[dict], float]:
    """The applied findings, each with its file's text and relative path."""
    _, seconds = timed([sys.executable, "-m", "corpusclean", "clean", str(copy), "--out", str(out)], Path.cwd())
    if not (out / "report/findings.jsonl").exists():
        print(f"   corpusclean RUN FAILED on {copy.name}")
        return [], seconds
    findings = [json.loads(line) for line in (out / "report/findings.jsonl").read_text(encoding="utf-8").splitlines()]
    applied = [f for f in findings if f["status"] == "applied"]
    reported = Counter(f["code"] for f in findings if f["status"] != "applied")
    print(f"   corpusclean on {copy.name}: reported, not applied: {dict(sorted(reported.items()))}")
    for f in applied:
        f["rel"] = str(Path(f["path"]).relative_to(copy))
    return applied, seconds


def codespell(files: list[str], copy: Path) -> tuple[list[tuple[str, int, str, str]], float]:
    stdout, seconds = timed([str(BIN / "codespell"), *files], copy)
    found = []
    for line in stdout.splitlines():
        m = re.match(r"(.+?):(\d+): (.+?) ==> (.+)$", line)
        if m:
            found.append((m[1], int(m[2]), m[3], m[4]))
    return sorted(found), seconds


def typos(files: list[str], copy: Path) -> tuple[list[tuple[str, int, str, str]], float]:
    stdout, seconds = timed([str(BIN / "typos"), "--format", "json", *files], copy)
    found = []
    for line in stdout.splitlines():
        row = json.loads(line)
        if row.get("type") == "typo":
            found.append((row["path"], row["line_num"], row["typo"], ", ".join(row["corrections"])))
    return sorted(found), seconds


def docs_sets(eval_dir: Path) -> None:
    from regions import markdown_regions, rst_regions, touching

    review = read_review()
    table = []
    unreviewed: list[str] = []
    for name, ext in SETS:
        source = eval_dir / "docs" / name / "docs"
        with tempfile.TemporaryDirectory() as tmp:
            copy = Path(tmp) / name
            shutil.copytree(source, copy)
            files = sorted(str(p.relative_to(copy)) for p in copy.rglob(f"*.{ext}"))
            texts = {f: (copy / f).read_text(encoding="utf-8") for f in files}
            applied, cc_seconds = corpusclean_changes(copy, Path(tmp) / "out")
            spelled, cs_seconds = codespell(files, copy)
            typoed, ty_seconds = typos(files, copy)
        regions = {f: (markdown_regions if ext == "md" else rst_regions)(t) for f, t in texts.items()}
        words = sum(len(re.findall(r"\w+", t)) for t in texts.values())
        print(f"9. docs/{name}: {len(files)} .{ext} files, {words:,} words; corpusclean {len(applied)} changes "
              f"({cc_seconds:.1f} s) {dict(sorted(Counter(f['code'] for f in applied).items()))}, "
              f"codespell {len(spelled)} ({cs_seconds:.1f} s), typos {len(typoed)} ({ty_seconds:.1f} s)")
        in_code, prose = [], []
        for f in applied:
            text = texts[f["rel"]]
            kinds = {touching(regions[f["rel"]], e["start"], e["end"]) for e in f["fix"]["edits"]} - {None}
            edit = f["fix"]["edits"][0]
            key = ("corpusclean", name, f["rel"], show(f["matched"]), show(edit["replacement"]))
            line = (f"{f['code']} {f['rel']}:{f['line']}: {key[3][:40]!r} -> {key[4][:40]!r}"
                    f"  | {context(text, edit['start'], edit['end'])}")
            (in_code if kinds else prose).append((f, key, line + (f"  [{', '.join(sorted(kinds))}]" if kinds else "")))
        judged = prose
        if len(prose) > SAMPLE_ABOVE:
            judged = sorted(random.Random(0).sample(prose, SAMPLE), key=lambda p: (p[0]["rel"], p[0]["line"]))
        verdicts: Counter[str] = Counter()
        by_code: dict[str, Counter[str]] = defaultdict(Counter)
        for title, items in ((f"a. changes inside code/markup: {len(in_code)} (target 0)", in_code),
                             (f"b. changes in prose: {len(prose)}" + (f", judged on a random sample of {SAMPLE} "
                              "(seed 0)" if judged is not prose else ", each judged (eval/docs_review.tsv)"), judged)):
            print(f"   {title}")
            for f, key, line in items:
                verdict, note = review.get(key, ("unreviewed", ""))
                verdicts[verdict] += 1
                by_code[f["code"]][verdict] += 1
                print(f"      {verdict:<10} {line}" + (f"  ({note})" if note else ""))
                if verdict == "unreviewed":
                    unreviewed.append("\t".join(key))
        n = verdicts["right"] + verdicts["false"] + verdicts["unsure"]
        precision = f"{verdicts['right'] / n:.2f}" if n else "n/a"
        print(f"      precision = right / judged = {verdicts['right']}/{n} = {precision} (target >= 0.9); false "
              f"{verdicts['false']}, unsure {verdicts['unsure']}, unreviewed {verdicts['unreviewed']}; by rule "
              + ", ".join(f"{code} {dict(c)}" for code, c in sorted(by_code.items())))
        cc_right = sum(1 for f, key, _ in in_code + judged
                       if f["code"][:2] == "SP" and review.get(key, ("",))[0] == "right")
        found = {"corpusclean": cc_right}
        for tool, proposals in (("codespell", spelled), ("typos", typoed)):
            print(f"   c. {tool}: {len(proposals)} proposals")
            counts: Counter[str] = Counter()
            for path, line_no, word, fix in proposals:
                verdict, note = review.get((tool, name, path, word, fix), ("unreviewed", ""))
                counts[verdict] += 1
                print(f"      {verdict:<10} {path}:{line_no}: {word} ==> {fix}" + (f"  ({note})" if note else ""))
                if verdict == "unreviewed":
                    unreviewed.append("\t".join((tool, name, path, word, fix)))
            found[tool] = counts["right"]
            print(f"      real typos {counts['right']}, false {counts['false']}, unsure {counts['unsure']}, "
                  f"unreviewed {counts['unreviewed']}")
        table.append((name, len(files), words, len(in_code), len(prose), precision, len(spelled), len(typoed),
                      found, cc_seconds, cs_seconds, ty_seconds))
    print("9. summary   files    words  in-code  in-prose precision  codespell  typos   real typos cc/cs/ty   "
          "seconds cc/cs/ty")
    for name, files, words, in_code, prose, precision, cs, ty, found, *secs in table:
        real = "/".join(str(found[t]) for t in ("corpusclean", "codespell", "typos"))
        print(f"   {name:<9} {files:>5} {words:>8,} {in_code:>8} {prose:>8} {precision:>10} {cs:>10} {ty:>6}   "
              f"{real:>18}   {'/'.join(f'{s:.1f}' for s in secs):>16}")
    if unreviewed:
        print(f"   {len(unreviewed)} not yet reviewed (add to eval/docs_review.tsv):")
        for key in unreviewed:
            print(f"     {key}")
