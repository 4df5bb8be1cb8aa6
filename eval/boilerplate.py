"""15. Boilerplate lines after real extractors: Dragnet's held-out sites (extracted by html2text, `get_text`
and trafilatura; `boilerplate_pages.py`) and Scrapinghub's benchmark (the lines four article extractors
kept). Each extractor's pages are one corpus; each page's site is given (`url`). Per method: recall of the
boilerplate lines, precision of the removed lines, and article words lost per 100k article words. Lines
without a letter or digit (`___`, a lone zero-width space: Scrapinghub's ground truth holds some) count
neither way.

Methods: the AR rules but AR09, without sites (the packs, now matching bare text, and AR05 corpus-wide
only: close to the rules before this work, which the issue measured at 1-12% recall),
the text-only probe of the issue (drop lines of three words or fewer, and runs of three or more short
lines without final punctuation), C4's line heuristics (as datatrove's C4 filter: a line must end in
terminal punctuation and have three words or more; lines naming javascript or a cookie/privacy policy
go), jusText on the HTML (a line is kept when jusText kept its text), and the AR rules now (safe fixes,
then with `--unsafe-fixes`).

16. Clean corpora (BBC, Brown news, inaugural addresses, Gutenberg novels, web forum text): the lines
the AR rules' safe fixes remove, per 10k lines (target <= 1), listed for judging in
eval/boilerplate_review.tsv.
"""
from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

from artifacts import line_documents, removed_lines
from boilerplate_pages import EXTRACTORS, held_out, labelled_pages, words

TARGETS = {"naive": "recall >= 0.80 at precision >= 0.97, <= 500 article words lost per 100k",
           "trafilatura": "recall >= 0.40 at precision >= 0.95"}


def probe(lines: list[str]) -> list[bool]:
    """The issue's text-only probe: lines of <= 3 words, and runs of >= 3 short unpunctuated lines."""
    short = [len(line.split()) <= 8 and not re.search(r"[.!?:;\"'”’)]\s*$", line) for line in lines]
    gone = [len(line.split()) <= 3 for line in lines]
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and short[j]:
            j += 1
        if j - i >= 3:
            gone[i:j] = [True] * (j - i)
        i = max(j, i + 1)
    return gone


_C4_POLICY = re.compile(r"terms of use|privacy policy|cookie policy|uses cookies|use of cookies|use cookies",
                        re.IGNORECASE)


def c4(lines: list[str]) -> list[bool]:
    """datatrove's C4 line filters: no terminal punctuation, fewer than 3 words, javascript, policies."""
    return [not re.search(r"[.!?\"']\s*$", line) or len(line.split()) < 3
            or "javascript" in line.lower() or bool(_C4_POLICY.search(line)) for line in lines]


def justext_kept(html: str) -> str:
    import justext

    paragraphs = justext.justext(html.encode("utf-8"), justext.get_stoplist("English"))
    return " ".join(words(" ".join(p.text for p in paragraphs if not p.is_boilerplate)))


def by_justext(lines: list[str], kept: str) -> list[bool]:
    """A line is removed when its words are not a run of jusText's kept text."""
    padded = f" {kept} "
    return [not (toks := words(line)) or f" {' '.join(toks)} " not in padded for line in lines]


class Score:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = self.lost = self.article_words = 0
        self.lost_lines: list[tuple[str, str]] = []  # (page, line) of article text removed

    def add(self, lines: list[tuple[str, bool]], gone: list[bool], page: str = "") -> None:
        for (text, article), removed in zip(lines, gone):
            if not words(text):  # `___`, a zero-width space: neither article nor boilerplate
                continue
            n = len(text.split())
            self.article_words += n if article else 0
            self.tp += removed and not article
            self.fp += removed and article
            self.fn += not removed and not article
            self.lost += n if removed and article else 0
            if removed and article:
                self.lost_lines.append((page, text))

    def judged(self, review: dict[tuple[str, str], str]) -> str | None:
        """What the judged sample says of the removed gold lines: the share of their words that is article
        body, titles, comments and the rest, and the body words lost per 100k it implies."""
        verdicts = [(review[key], len(text.split())) for page, text in self.lost_lines
                    if (key := (page, _review_key(text))) in review]
        if len(verdicts) < 30:
            return None
        judged_words = sum(n for _, n in verdicts)
        share = {v: sum(n for verdict, n in verdicts if verdict == v) / judged_words
                 for v in ("body", "title", "comment")}
        rest = 1 - sum(share.values())
        per_100k = self.lost / max(1, self.article_words) * 1e5
        return (f"judged {len(verdicts)} of the {len(self.lost_lines)} removed gold lines "
                f"(eval/boilerplate_review.tsv): words body {share['body']:.0%}, title {share['title']:.0%}, "
                f"comments {share['comment']:.0%}, meta/spam/captions/widgets the gold kept {rest:.0%}: "
                f"article body lost ~{per_100k * share['body']:.0f} per 100k, "
                f"with titles ~{per_100k * (share['body'] + share['title']):.0f}")

    def __str__(self) -> str:
        precision = self.tp / max(1, self.tp + self.fp)
        recall = self.tp / max(1, self.tp + self.fn)
        return (f"recall {recall:.3f}  precision {precision:.3f}  article words lost "
                f"{self.lost / max(1, self.article_words) * 1e5:6.0f} per 100k")


def ar_removed(pages: list[tuple[str, list[tuple[str, bool]]]], sites: bool, unsafe: bool = False,
               ignore: tuple[str, ...] = ()) -> list[list[bool]]:
    from corpusclean import clean

    records = [{"text": "\n".join(t for t, _ in lines) + "\n", **({"url": site} if sites else {})}
               for site, lines in pages]
    results = clean(records, select=["AR"], ignore=list(ignore), unsafe_fixes=unsafe)
    return [removed_lines([t for t, _ in lines], result["text"]) for (_, lines), result in zip(pages, results)]


def boilerplate(eval_dir: Path) -> None:
    print("15. Boilerplate lines after extraction (Dragnet's held-out sites, never trained on; Scrapinghub, "
          "never trained on): recall of boilerplate lines, precision of removals")
    dragnet = [p for p in labelled_pages(eval_dir) if held_out(p)]
    html = _held_out_html(eval_dir, {p.page for p in dragnet})
    corpora: dict[str, list] = defaultdict(list)
    ids: dict[str, list[str]] = defaultdict(list)
    for page in dragnet:
        corpora[f"dragnet/{page.extractor}"].append((page.site, page.lines, html.get(page.page)))
        ids[f"dragnet/{page.extractor}"].append(page.page)
    urls = _scrapinghub_urls(eval_dir)
    for extractor, pages in line_documents(eval_dir / "boilerplate/scrapinghub/line_labels.jsonl").items():
        corpora[f"scrapinghub/{extractor}"] = [(urls.get(page, ""), lines, None) for page, lines in pages]
        ids[f"scrapinghub/{extractor}"] = [page for page, _ in pages]
    for name in sorted(corpora, key=lambda n: (n.startswith("scrapinghub"), n)):
        pages = corpora[name]
        kind = "naive" if name.split("/")[1] in ("html2text", "get_text") else "trafilatura"
        boiler = sum(not a for _, lines, _ in pages for _, a in lines)
        total = sum(len(lines) for _, lines, _ in pages)
        print(f"   {name} ({len(pages)} pages, {total:,} lines, {boiler / max(1, total):.0%} boilerplate; "
              f"target {TARGETS.get(kind, TARGETS['trafilatura'])}):")
        plain = [(site, lines) for site, lines, _ in pages]
        methods = {
            "AR01-AR08 (no AR09, no sites)": ar_removed(plain, sites=False, ignore=("AR09",)),
            "text-only probe": [probe([t for t, _ in lines]) for _, lines in plain],
            "C4 line heuristics": [c4([t for t, _ in lines]) for _, lines in plain],
        }
        if all(h for _, _, h in pages):
            methods["jusText on the HTML"] = [by_justext([t for t, _ in lines], justext_kept(h))
                                              for _, lines, h in pages]
        methods["AR now, safe"] = ar_removed(plain, sites=True)
        methods["AR now, --unsafe-fixes"] = ar_removed(plain, sites=True, unsafe=True)
        review = read_review()
        for method, gone in methods.items():
            score = Score()
            for (_, lines, _), page_id, removed in zip(pages, ids[name], gone):
                score.add(lines, removed, page_id)
            print(f"     {method:28} {score}")
            if method == "AR now, safe" and (judged := score.judged(review)):
                print(f"       {judged}")


def _review_key(line: str) -> str:
    return " ".join(line.split())[:200]


def read_review() -> dict[tuple[str, str], str]:
    """eval/boilerplate_review.tsv: (page, line) -> verdict."""
    from reviews import review_rows

    return {(page, _review_key(line)): verdict for page, line, verdict, _ in review_rows("boilerplate_review.tsv", 4)}


CLEAN_CORPORA = {"BBC News": "news/bbc_greene_cunningham", "Brown news": "news/nltk_brown_news",
                 "inaugural addresses": "news/nltk_inaugural", "Gutenberg novels": "throughput/gutenberg_gitenberg",
                 "web text (forum, chat, script, ads, reviews)": "news/nltk_webtext"}


def clean_corpora(eval_dir: Path) -> None:
    """16. The AR rules' safe removals on clean corpora, each corpus a folder tree as a user would give it
    (a file's folder is its site), per 10k non-blank lines, each judged in eval/boilerplate_review.tsv's
    second part (`clean` rows)."""
    from corpusclean import clean
    from reviews import review_rows

    review = {(corpus, " ".join(line.split())): verdict for corpus, line, verdict, _ in
              review_rows("clean_lines_review.tsv", 4)}
    print("16. Lines the AR rules remove from clean corpora (safe fixes; target <= 1 per 10k lines, judged in "
          "eval/clean_lines_review.tsv):")
    for name, folder in CLEAN_CORPORA.items():
        root = eval_dir / folder
        files = sorted(p for p in root.rglob("*") if p.is_file() and p.suffix in (".txt", ""))
        # each file's site as the CLI names it: its first folder under the corpus, else the corpus folder
        records = [{"text": p.read_text(encoding="utf-8", errors="replace"),
                    "host": p.relative_to(root).parts[0] if p.parent != root else root.name} for p in files]
        lines = sum(sum(1 for line in r["text"].splitlines() if line.strip()) for r in records)
        removed = []
        for record, result in zip(records, clean(records, select=["AR"])):
            for finding in result["corpusclean"]["findings"]:
                if finding["applied"]:
                    text = " ".join(record["text"][finding["start"]:finding["end"]].split())
                    removed.append((finding["code"], text, review.get((name, text), "unreviewed")))
        wrong = sum(verdict != "boilerplate" for _, _, verdict in removed)
        print(f"   {name:44} {lines:7,} lines: {len(removed)} removed ({len(removed) / max(1, lines) * 1e4:.2f} "
              f"per 10k), {wrong} of them text or unreviewed ({wrong / max(1, lines) * 1e4:.2f} per 10k)")
        for code, text, verdict in removed:
            print(f"     {verdict}: {code} {text[:100]!r}")


def _held_out_html(eval_dir: Path, wanted: set[str]) -> dict[str, str]:
    import tarfile

    from boilerplate_pages import _decode

    out = {}
    with tarfile.open(eval_dir / "boilerplate/dragnet/dragnet_data.tar.gz") as tar:
        for member in tar:
            parts = member.name.split("/")
            if member.isfile() and len(parts) >= 3 and parts[-2] == "input":
                stem = parts[-1].rsplit(".", 1)[0]
                if stem in wanted:
                    out[stem] = _decode(tar.extractfile(member).read())
    return out


def _scrapinghub_urls(eval_dir: Path) -> dict[str, str]:
    import json

    urls = {}
    for raw in (eval_dir / "boilerplate/scrapinghub/line_labels.jsonl").open(encoding="utf-8"):
        row = json.loads(raw)
        urls[row["id"]] = row["url"]
    return urls


__all__ = ["boilerplate", "clean_corpora", "EXTRACTORS"]
