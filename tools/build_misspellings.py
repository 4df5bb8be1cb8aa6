"""Build rules/spelling/misspellings.txt from Wikipedia's "Lists of common misspellings".

Usage: python tools/build_misspellings.py [path/to/wikipedia.json]   (default: ../shared/eval/...)

Keeps an entry only when the typo is a single word that the English dictionary does not know (so a
correct word is never "fixed") and every correction is made of dictionary words (or is a capitalised
name for a capitalised typo). Entries are sorted and written in codespell's ``typo->fix[, fix2]`` form.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

from corpusclean.text.lexicon import in_dictionary, is_known

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared/eval/spelling/wikipedia_common_misspellings/wikipedia.json"
TARGET = ROOT / "rules/spelling/misspellings.txt"
WORD = re.compile(r"^[A-Za-z]+(?:'[A-Za-z]+)?$")
HEADER = """\
# Common misspellings found in real text, in codespell's `typo->fix[, fix2]` format.
# Built by tools/build_misspellings.py from Wikipedia's "Lists of common misspellings"
# (https://en.wikipedia.org/wiki/Wikipedia:Lists_of_common_misspellings), licensed CC BY-SA 4.0;
# this derived list is shared under the same license. Entries whose typo is a dictionary word were dropped.
"""


def keep(typo: str, fixes: list[str]) -> list[str]:
    """The entry's corrections, or [] to drop it. An entry with any doubtful candidate is dropped whole:
    keeping only its good candidates could turn an ambiguous entry into a falsely certain one."""
    if not WORD.match(typo) or len(typo) < 3 or in_dictionary(typo.lower()):
        return []
    for fix in fixes:
        words = re.findall(r"[A-Za-z']+", fix)
        names_ok = typo[0].isupper() and fix[0].isupper()
        if not words or fix.lower() == typo.lower() or not all(is_known(w.lower()) or names_ok for w in words):
            return []
    return list(fixes)


def main() -> None:
    source = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE
    entries = {}
    for typo, fixes in json.loads(source.read_text(encoding="utf-8")).items():
        good = keep(typo, fixes)
        if good:
            entries[typo] = good
    lines = [f"{typo}->{', '.join(fixes)}" for typo, fixes in sorted(entries.items(), key=lambda kv: kv[0].lower())]
    TARGET.write_text(HEADER + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(lines)} entries written to {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
