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


PACK = ('code = "AR98"\nname = "x"\ntype = "line-pattern"\nsummary = ""\nwhat = ""\nwhy = ""\n'
        'fix-safety = ""\npatterns = ["advertisement", {pattern}]\n')


def test_a_pattern_automata_cannot_run_names_the_pack_the_pattern_and_the_position(cli, tmp_path):
    # Issue 13, item 3: pack syntax is the Rust regex crate's (no lookaround, no backreferences).
    (tmp_path / "house").mkdir()
    (tmp_path / "house/lookbehind.toml").write_text(PACK.format(pattern='"(?<=[.])by line"'))
    (tmp_path / "corpusclean.toml").write_text('packs = ["house"]\n')
    (tmp_path / "a.txt").write_text("fine\n")
    code, _, err = cli("check", "a.txt", cwd=tmp_path)
    assert code == 2 and len(err.splitlines()) == 1
    assert "lookbehind.toml: pattern 2 '(?<=[.])by line' does not compile: at 0: look-around" in err


@pytest.mark.parametrize("line, select", [
    ("Updated " + "1" * 24 + "x", "AR01"),  # 17 s in Python's re
    ("Reporting by Jane Doe" + "; editing by a" * 30 + "!", "AR02"),  # over 60 s
    ("By . Jane" + " For" * 30 + " x y z !", "AR06"),  # 23 s
])
def test_the_shapes_that_made_the_old_packs_backtrack_get_their_answer(line, select):
    # No timing here (make bench times them): the answer, which Python's re took seconds to minutes for.
    from corpusclean import api

    text = f"{line}\n\nThe council met on Monday to discuss the budget.\n\n{line}\n"
    [result] = api.clean([text], select=[select])
    assert result.cleaned == text


def test_wheel_ships_the_packs(tmp_path):
    subprocess.run([sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation",
                    "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    [wheel] = tmp_path.glob("corpusclean-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "corpusclean/_packs/artifacts/stray-label-line.toml" in names
    assert "corpusclean/_packs/spelling/misspellings.txt" in names
