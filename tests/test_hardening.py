"""Issue 12 regressions, one per item fixed so far: binary and UTF-16 input left untouched, a filter that
passes on what it cannot read, config errors in one line, summaries that count honestly, --version."""
from __future__ import annotations

import subprocess
import sys
import tarfile

import pytest


def test_binary_and_utf16_files_are_reported_and_left_untouched(cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    with tarfile.open(tmp_path / "a.tar", "w") as archive:  # valid UTF-8 bytes, full of NULs
        (tmp_path / "note").write_text("The council met on Monday.\n")
        archive.add(tmp_path / "note", arcname="note")
    (folder / "archive.txt").write_bytes((tmp_path / "a.tar").read_bytes())
    (folder / "utf16.txt").write_bytes("The council met teh day.\n".encode("utf-16-le"))
    (folder / "utf16bom.txt").write_bytes("The council met teh day.\n".encode("utf-16"))
    before = {p.name: p.read_bytes() for p in folder.iterdir()}
    code, _, err = cli("fix", folder)
    assert code == 2
    assert "archive.txt: binary data (a NUL byte at offset" in err
    assert "utf16.txt: UTF-16LE text without a byte order mark" in err
    assert "utf16bom.txt: UTF-16LE text (byte order mark)" in err
    assert {p.name: p.read_bytes() for p in folder.iterdir()} == before


def test_a_filter_passes_on_input_it_cannot_read():
    data = b"caf\xe9 teh\n"
    done = subprocess.run([sys.executable, "-m", "corpusclean", "fix", "-"], input=data, capture_output=True)
    assert done.returncode == 2 and done.stdout == data
    assert b"not valid UTF-8 at byte 3" in done.stderr


@pytest.mark.parametrize("config, message", [
    ('[tool.corpusclean.rules.stray-label-line]\nzone-lines = "two"\n',
     "option 'zone-lines' of rule AR01 must be a whole number, not 'two'"),
    ("[tool]\ncorpusclean = 5\n", "[tool.corpusclean] must be a table, not 5"),
    ("[tool.corpusclean]\nrules = {stray-label-line = 3}\n", "rules.stray-label-line must be a table of options"),
    ('[tool.corpusclean]\nextend-safe-fixes = ["ZZ99"]\n', "'ZZ99' matches no rule code"),
])
def test_config_errors_are_one_line_naming_the_key_and_value(cli, tmp_path, config, message):
    (tmp_path / "pyproject.toml").write_text(config)
    (tmp_path / "a.txt").write_text("Text.\n")
    code, out, err = cli("check", "a.txt", cwd=tmp_path)
    assert code == 2 and message in err and err.count("\n") == 1 and "internal error" not in err


def test_summaries_count_honestly(cli, tmp_path):
    (tmp_path / "bad.txt").write_bytes(b"caf\xe9\n")
    code, out, _ = cli("check", tmp_path / "bad.txt")
    assert code == 2 and "All checks passed" not in out and "1 input could not be read" in out
    (tmp_path / "one.txt").write_text("We saw teh end.\n")
    code, out, _ = cli("check", tmp_path / "one.txt")
    assert "Found 1 finding in 1 document." in out


def test_version(cli):
    from corpusclean import __version__

    code, out, _ = cli("--version")
    assert code == 0 and out.strip() == f"corpusclean {__version__}"


def test_clean_reports_an_unreadable_file_and_goes_on(cli, tmp_path, monkeypatch):
    from pathlib import Path

    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "locked.txt").write_text("Secret.\n")
    (folder / "open.txt").write_text("We saw teh end.\n")
    real = Path.read_bytes

    def read_bytes(path):  # as root, chmod 000 does not stop a read: the error is raised here instead
        if path.name == "locked.txt":
            raise PermissionError(13, "Permission denied", str(path))
        return real(path)

    monkeypatch.setattr(Path, "read_bytes", read_bytes)
    code, _, err = cli("clean", folder, "--out", tmp_path / "out")
    assert code == 2 and "locked.txt: cannot read: Permission denied" in err
    assert (tmp_path / "out/open.txt").read_text() == "We saw the end.\n"
    assert (tmp_path / "out/report/summary.json").is_file() and not (tmp_path / "out/locked.txt").exists()


def test_an_out_folder_of_another_run_is_refused_but_the_same_command_resumes(cli, tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.txt").write_text("We saw teh end.\n")
    (tmp_path / "out").mkdir()
    (tmp_path / "out/old.txt").write_text("from last week\n")
    code, _, err = cli("clean", folder, "--out", tmp_path / "out")
    assert code == 2 and "holds the files of another run" in err and err.count("\n") == 1
    code, _, _ = cli("clean", folder, "--out", tmp_path / "fresh")
    assert code == 0
    code, _, _ = cli("clean", folder, "--out", tmp_path / "fresh")  # the same command again: its own state
    assert code == 0 and (tmp_path / "fresh/a.txt").read_text() == "We saw the end.\n"


def test_a_duplicate_rule_code_names_both_places(cli, tmp_path):
    pack = ('code = "AR01"\nname = "my-label"\ntype = "line-pattern"\nsummary = "x"\nwhat = "x"\nwhy = "x"\n'
            'fix-safety = "x"\nzone = "top"\npatterns = ["^Posted$"]\n')
    (tmp_path / "mine.toml").write_text(pack)
    (tmp_path / "corpusclean.toml").write_text('packs = ["mine.toml"]\n')
    (tmp_path / "a.txt").write_text("Text.\n")
    code, _, err = cli("check", "a.txt", cwd=tmp_path)
    assert code == 2 and "two rules share the code AR01" in err and "mine.toml" in err
    assert "stray-label-line.toml" in err
