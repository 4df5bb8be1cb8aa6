"""Build `corpusclean/text/varieties.txt.gz`: the English words of the British, Canadian and American
word lists of SCOWL (Debian's `wbritish-insane`, `wcanadian-insane`, `wamerican-insane`, which hold the
Australian and other varieties' forms too: `rort`, `barra`, `vegies`, `eucalypts`) that neither shipped
dictionary lists. Lowercase letters only: names are the corpus's to judge.

    .venv/bin/python tools/build_varieties.py [EVAL_DIR]

Downloads the three packages with `apt-get download` (no install) into a temporary folder. SCOWL is
Copyright 2000-2011 Kevin Atkinson and others, free to use and redistribute with its notice
(`corpusclean/text/varieties.COPYING`). SCOWL size 95 also holds common misspellings (`wierd`, `untill`):
those SP01's list or codespell's name are left out, and the rest is a prior for SP02, not a list of
correct words (see `corpusclean.text.lexicon`).
"""
from __future__ import annotations

import gzip
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from corpusclean.text import lexicon  # noqa: E402

PACKAGES = ("wbritish-insane", "wcanadian-insane", "wamerican-insane")
LISTS = ("british-english-insane", "canadian-english-insane", "american-english-insane")


def misspellings(eval_dir: Path) -> set[str]:
    """Known misspellings, which SCOWL's largest lists hold too (`wierd`, `untill`, `accomodate`): SP01's
    list and codespell's (read at build time from the evaluation data; nothing of it is shipped)."""
    found = set()
    for path in (ROOT / "corpusclean/_packs/spelling/misspellings.txt", eval_dir / "spelling/codespell/dictionary.txt"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if "->" in line and not line.startswith("#"):
                found.add(line.partition("->")[0].strip().lower())
    return found


def main(eval_dir: Path) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(["apt-get", "download", *PACKAGES], cwd=tmp, check=True, capture_output=True)
        for deb in Path(tmp).glob("*.deb"):
            subprocess.run(["dpkg-deb", "-x", str(deb), str(Path(tmp) / "x")], check=True)
        dicts = Path(tmp) / "x/usr/share/dict"
        words = set()
        for name in LISTS:
            for line in (dicts / name).read_text(encoding="utf-8", errors="replace").splitlines():
                if line.isalpha() and line.islower():
                    words.add(line)
        copyright_text = (Path(tmp) / "x/usr/share/doc/wbritish-insane/copyright").read_text(encoding="utf-8")
    known = set(lexicon.frequencies()) | set(lexicon.correction_frequencies())
    extra = sorted(words - known - misspellings(eval_dir))
    target = lexicon.VARIETIES
    target.write_bytes(gzip.compress(("\n".join(extra) + "\n").encode("utf-8"), 9, mtime=0))
    target.with_name("varieties.COPYING").write_text(copyright_text, encoding="utf-8")
    print(f"{target}: {len(extra):,} words ({target.stat().st_size:,} bytes)")


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared" / "eval")
