"""The pack data itself: it parses, it is tidy, and every correction is a real word."""
from __future__ import annotations

import re
import subprocess
import sys
import zipfile

import pytest

from corpusclean.core.errors import UsageError
from corpusclean.packs.loader import builtin_pack_dir, parse_pack
from corpusclean.text import lexicon
from corpusclean.text.wordlist import parse_corrections
from tests.conftest import ROOT

MISSPELLINGS = builtin_pack_dir() / "spelling/misspellings.txt"


def test_every_pack_parses():
    packs = sorted(builtin_pack_dir().rglob("*.toml"))
    assert packs
    for path in packs:
        parse_pack(path)


def test_misspellings_are_sorted_without_duplicates():
    entries = [line.split("->")[0] for line in MISSPELLINGS.read_text().splitlines()
               if line and not line.startswith("#")]
    assert entries == sorted(entries, key=str.lower)
    assert len(entries) == len(set(entries)) == len(parse_corrections(MISSPELLINGS))
    assert len(entries) > 3000  # a real list, not a handful of examples


def test_no_typo_is_a_word_and_every_fix_is_made_of_words():
    for typo, fixes in parse_corrections(MISSPELLINGS).items():
        assert not lexicon.in_dictionary(typo.lower()) or typo[0].isupper(), typo
        for fix in fixes:
            for word in re.findall(r"[A-Za-z']+", fix):
                assert lexicon.is_known(word.lower()) or word[0].isupper(), f"{typo}->{fix}"


def test_the_list_names_its_source_and_license():
    header = MISSPELLINGS.read_text().split("\n", 5)[:4]
    assert any("Wikipedia" in line for line in header) and any("CC BY-SA" in line for line in header)


def test_bad_pack_is_a_clear_error(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text('code = "AR99"\nname = "x"\ntype = "line-patern"\nsummary = ""\nwhat = ""\nwhy = ""\n'
                   'fix-safety = ""\n')
    with pytest.raises(UsageError, match="'line-pattern'"):
        parse_pack(bad)


def test_wheel_ships_the_packs(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    [wheel] = tmp_path.glob("corpusclean-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "corpusclean/_packs/artifacts/stray-label-line.toml" in names
    assert "corpusclean/_packs/spelling/misspellings.txt" in names
