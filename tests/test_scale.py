"""Local parallelism and saved statistics: `--jobs 2` writes the same bytes as `--jobs 1`; statistics saved
by `corpusclean stats` and reused by `--stats` give the same run without reading the corpus twice."""
from __future__ import annotations

import gzip
import json
from pathlib import Path

TEXTS = ["Updated\n\nThe Raqqa offensive began on Monday.  \n", "Fighters reached Raqq and went on succesffully.\n",
         "The Rafiqah Wall stood.\n", "The Rafiqa Wall fell. Rafiqa Wall.\n", "Advertisement\n\nNothing else.\n"]


def make_corpus(folder: Path) -> Path:
    (folder / "news").mkdir(parents=True)
    for i in range(40):
        (folder / "news" / f"{i:03d}.txt").write_text(TEXTS[i % len(TEXTS)] + f"Story {i}.\n")
    rows = "".join(json.dumps({"id": f"r{i}", "text": TEXTS[i % len(TEXTS)]}) + "\n" for i in range(300))
    (folder / "rows.jsonl.gz").write_bytes(gzip.compress(rows.encode(), mtime=0))
    import pyarrow as pa
    import pyarrow.parquet as pq

    pq.write_table(pa.table({"text": [TEXTS[i % len(TEXTS)] for i in range(50)], "n": list(range(50))}),
                   folder / "table.parquet")
    return folder


def tree(folder: Path) -> dict[str, bytes]:
    files = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        if path.name == "summary.json":
            # where the run was, and which statistics file it read, differ by design
            data = json.dumps({k: v for k, v in json.loads(data).items()
                               if k not in ("working_dir", "statistics")}).encode()
        if path.suffix == ".html":
            continue  # each report page names the folder it was written to
        files[path.relative_to(folder).as_posix()] = data
    return files


def test_two_jobs_write_the_same_bytes_as_one(cli, tmp_path):
    corpus = make_corpus(tmp_path / "in")
    for jobs in ("1", "2"):
        code, _, _ = cli("clean", corpus, "--out", tmp_path / f"out{jobs}", "--jobs", jobs, "--unsafe-fixes")
        assert code == 0
    one, two = tree(tmp_path / "out1"), tree(tmp_path / "out2")
    assert one.keys() == two.keys() and len(one) > 40
    assert [k for k in one if one[k] != two[k]] == []
    code, out1, _ = cli("check", corpus, "--jobs", "1")
    code, out2, _ = cli("check", corpus, "--jobs", "2")
    assert out1 == out2 and "Raqq" in out1


def test_saved_statistics_are_reused_without_a_second_pass(cli, tmp_path, monkeypatch):
    corpus = make_corpus(tmp_path / "in")
    code, out, _ = cli("stats", corpus, "--save", tmp_path / "stats.json.gz")
    assert code == 0 and "of 390 documents" in out
    cli("clean", corpus, "--out", tmp_path / "plain", "--unsafe-fixes")

    import corpusclean.run.session as session

    def no_pass_one(*args, **kwargs):
        raise AssertionError("pass 1 ran although statistics were given")

    monkeypatch.setattr(session, "collect", no_pass_one)
    code, _, _ = cli("clean", corpus, "--out", tmp_path / "reused", "--unsafe-fixes", "--stats", tmp_path / "stats.json.gz")
    plain, reused = tree(tmp_path / "plain"), tree(tmp_path / "reused")
    assert code == 0 and plain == reused  # the report keeps the statistics it used, byte for byte


def test_statistics_that_do_not_fit_fail_with_one_line(cli, tmp_path):
    corpus = make_corpus(tmp_path / "in")
    cli("stats", corpus, "--save", tmp_path / "lines.json", "--select", "AR05")
    code, _, err = cli("check", corpus, "--stats", tmp_path / "lines.json")
    assert code == 2 and "lack code, tokens" in err and err.count("\n") == 1
    (tmp_path / "junk.json").write_text("[1, 2]")
    code, _, err = cli("check", corpus, "--stats", tmp_path / "junk.json")
    assert code == 2 and "not saved statistics" in err


def test_an_interrupted_clean_resumes_and_ends_with_the_same_bytes(tmp_path):
    import os
    import signal
    import subprocess
    import sys
    import time

    corpus = tmp_path / "in"
    corpus.mkdir()
    words = "the council met on monday to discuss budget taxes roads schools water succesffully".split()
    for shard in range(30):
        rows = "".join(json.dumps({"text": " ".join(words[(i + j) % len(words)] for j in range(100)) + ".  \n"}) + "\n"
                       for i in range(150))
        (corpus / f"shard-{shard:02d}.jsonl").write_text(rows)
    command = [sys.executable, "-m", "corpusclean", "clean", str(corpus), "--jobs", "1", "--select", "AR,WS,SP02"]
    subprocess.run(command + ["--out", str(tmp_path / "whole")], check=True, capture_output=True)

    fragments = tmp_path / "cut/.corpusclean/fragments"
    process = subprocess.Popen(command + ["--out", str(tmp_path / "cut")], stdout=subprocess.DEVNULL,
                               stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and len(list(fragments.glob("*.jsonl.gz"))) < 3:
        time.sleep(0.005)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    done = sorted(fragments.glob("*.jsonl.gz"))
    assert 3 <= len(done) < 30, "the run must be cut halfway for this test to mean anything"
    first = (tmp_path / "cut/shard-00.jsonl").stat().st_mtime_ns
    assert not (tmp_path / "cut/report/summary.json").exists()

    subprocess.run(command + ["--out", str(tmp_path / "cut")], check=True, capture_output=True)
    assert (tmp_path / "cut/shard-00.jsonl").stat().st_mtime_ns == first  # finished shards are skipped
    assert tree(tmp_path / "cut") == tree(tmp_path / "whole")


def test_a_progress_bar_only_on_a_terminal_and_never_with_quiet(tmp_path):
    import io

    from corpusclean.core.config import Settings
    from corpusclean.run.session import Request, run

    class Terminal(io.StringIO):
        def isatty(self):
            return True

    corpus = make_corpus(tmp_path / "in")
    shown = {}
    for name, stream, quiet in (("tty", Terminal(), False), ("quiet", Terminal(), True), ("pipe", io.StringIO(), False)):
        run(Request("clean", [corpus], Settings(), out=tmp_path / name, stderr=stream, quiet=quiet))
        shown[name] = stream.getvalue()
    assert "documents" in shown["tty"] and shown["quiet"] == "" and shown["pipe"] == ""
