from __future__ import annotations

import json

import pytest

from corpusclean.core.config import load_settings
from corpusclean.core.errors import UsageError

DIRTY = "Updated\n\nThe council met.   \n"


def test_pyproject_table_found_from_a_subfolder(tmp_path):
    (tmp_path / "pyproject.toml").write_text('[tool.corpusclean]\nselect = ["WS"]\n')
    sub = tmp_path / "a/b"
    sub.mkdir(parents=True)
    settings = load_settings(cwd=sub)
    assert settings.select == ("WS",) and settings.source == tmp_path / "pyproject.toml"


def test_pyproject_without_the_table_is_skipped_for_a_parent_config(tmp_path):
    (tmp_path / "corpusclean.toml").write_text('ignore = ["SP02"]\n')
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub/pyproject.toml").write_text('[project]\nname = "x"\n')
    assert load_settings(cwd=tmp_path / "sub").ignore == ("SP02",)


def test_unknown_key_names_the_file_the_key_and_the_closest_valid_key(tmp_path):
    (tmp_path / "corpusclean.toml").write_text('selct = ["WS"]\n')
    with pytest.raises(UsageError) as info:
        load_settings(cwd=tmp_path)
    message = str(info.value)
    assert str(tmp_path / "corpusclean.toml") in message and "'selct'" in message and "'select'" in message


def test_wrong_type_is_an_error(tmp_path):
    (tmp_path / "corpusclean.toml").write_text('unsafe-fixes = "yes"\n')
    with pytest.raises(UsageError, match="must be true or false, not "):
        load_settings(cwd=tmp_path)


def test_cli_flags_win_over_the_file(cli, tmp_path):
    (tmp_path / "corpusclean.toml").write_text('select = ["AR"]\n')
    (tmp_path / "d.txt").write_text(DIRTY)
    out = cli("check", "d.txt", cwd=tmp_path)[1]
    assert "AR01" in out and "WS01" not in out
    out = cli("check", "d.txt", "--select", "WS", cwd=tmp_path)[1]
    assert "WS01" in out and "AR01" not in out


def test_explicit_config_and_per_rule_options(cli, tmp_path):
    config = tmp_path / "custom.toml"
    config.write_text('[rules.stray-label-line]\nzone-lines = 1\n')
    doc = tmp_path / "d.txt"
    doc.write_text("Title\nUpdated\n\nBody.\n")
    assert "AR01" not in cli("check", doc, "--config", config)[1]  # the label is on line 2, zone is 1 line
    assert "AR01" in cli("check", doc)[1]


def test_unknown_rule_option_is_an_error(cli, tmp_path):
    (tmp_path / "corpusclean.toml").write_text('[rules.AR01]\nzone-line = 2\n')
    (tmp_path / "d.txt").write_text(DIRTY)
    code, _, err = cli("check", "d.txt", cwd=tmp_path)
    assert code == 2 and "'zone-line'" in err and "'zone-lines'" in err


def test_allow_words_are_case_sensitive(cli, tmp_path):
    (tmp_path / "corpusclean.toml").write_text('allow-words = ["recieved"]\n')
    (tmp_path / "d.txt").write_text("We recieved it. Recieved twice.\n")
    out = cli("check", "d.txt", "--select", "SP01", cwd=tmp_path)[1]
    assert "'Recieved'" in out and "'recieved'" not in out


def test_unsafe_fixes_and_safety_moves_from_config(cli, tmp_path):
    (tmp_path / "corpusclean.toml").write_text('extend-unsafe-fixes = ["AR01"]\n')
    doc = tmp_path / "d.txt"
    doc.write_text(DIRTY)
    cli("fix", "d.txt", "--fix-only", cwd=tmp_path)
    assert doc.read_text() == "Updated\n\nThe council met.\n"  # AR01 became unsafe: not applied
    (tmp_path / "corpusclean.toml").write_text('extend-unsafe-fixes = ["AR01"]\nunsafe-fixes = true\n')
    cli("fix", "d.txt", "--fix-only", cwd=tmp_path)
    assert doc.read_text() == "The council met.\n"


def test_extra_pack_from_config(cli, tmp_path):
    packs = tmp_path / "mypacks"
    packs.mkdir()
    (packs / "house.toml").write_text('''
code = "AR90"
name = "share-line"
type = "line-pattern"
summary = "A share widget line."
what = "Deletes `Share this article` lines."
why = "Page furniture."
fix-safety = "Safe."
patterns = ["share this (?:article|story)"]
[[examples]]
before = "Text.\\nShare this article\\nMore.\\n"
after = "Text.\\nMore.\\n"
''')
    (tmp_path / "corpusclean.toml").write_text('packs = ["mypacks"]\n')
    doc = tmp_path / "d.txt"
    doc.write_text("Text.\nShare this article\nMore.\n")
    assert cli("fix", "d.txt", cwd=tmp_path)[0] == 0
    assert doc.read_text() == "Text.\nMore.\n"
    assert "AR90" in cli("rules", cwd=tmp_path)[1]


def test_accept_list_in_a_pack_spares_its_words_case_sensitively(cli, tmp_path):
    packs = tmp_path / "vocab"
    packs.mkdir()
    (packs / "accept.txt").write_text("# our product names\nsuccesffully\n\nRaqq\n")
    doc = tmp_path / "d.txt"
    doc.write_text("Raqqa, Raqqa, Raqqa, Raqqa, Raqqa and Raqq; some succesffully. Succesffully done.\n")
    code, out, _ = cli("check", doc, "--select", "SP", "--output-format", "json", cwd=tmp_path)
    assert {f["matched"] for f in json.loads(out)} == {"Raqq", "succesffully", "Succesffully"}
    (tmp_path / "corpusclean.toml").write_text('packs = ["vocab"]\n')
    code, out, _ = cli("check", doc, "--select", "SP", "--output-format", "json", cwd=tmp_path)
    assert [f["matched"] for f in json.loads(out)] == ["Succesffully"]  # the list says `succesffully` only
