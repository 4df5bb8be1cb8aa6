"""What the stress cases feed `corpusclean`: a seeded news corpus with the damage the default rules fix,
and the adversarial inputs (text that is not text, odd JSON, broken configs, huge lines)."""
from __future__ import annotations

import io
import json
import random
import re
import tarfile
from pathlib import Path
from typing import Iterator

# -- text to clean --------------------------------------------------------------------------------------

SENTENCES = (
    "The council met on Monday to discuss {the} budget for the coming year.",
    "The letter was {received} by the mayor's office on Tuesday morning.",
    "The {government} said the new road would open before the winter.",
    "At the {beginning} of the year the factory hired forty new workers.",
    "The accident {occurred} shortly after midnight near the old station.",
    "Officials kept the two reports {separate} for several weeks.",
    "The museum will stay closed {until} the repairs to the roof are finished.",
    "The bridge, {which} opened in 1932, needs new cables and paint.",
    "Residents of the valley said the river rose quickly after the storm.",
    "Police said nobody was hurt in the fire at the warehouse.",
    "Farmers in the north expect a good harvest if the weather holds.",
    "The school board will vote on the plan at its next meeting.",
)
TYPOS = {"the": "teh", "received": "recieved", "government": "goverment", "beginning": "begining",
         "occurred": "occured", "separate": "seperate", "until": "untill", "which": "wich"}
FOOTER = "Follow the Valley Herald for more local news."
TYPO_TEXT = "We saw teh end of the match.\n"
FIXED_TEXT = "We saw the end of the match.\n"


def document(rng: random.Random) -> str:
    """A short news text with the damage the default rules fix: labels, typos, stray spaces, entities,
    page furniture, a footer many documents share (learned from the corpus: AR05)."""
    lines = ["Updated", ""] if rng.random() < 0.2 else []
    for paragraph in range(rng.randint(1, 3)):
        if paragraph:
            lines += ["", ""] if rng.random() < 0.1 else [""]
        sentences = []
        for template in rng.sample(SENTENCES, rng.randint(2, 4)):
            sentences.append(re.sub(r"\{(\w+)\}", lambda m: TYPOS[m[1]] if rng.random() < 0.15 else m[1], template))
        lines.append(" ".join(sentences) + ("  " if rng.random() < 0.1 else ""))
    if rng.random() < 0.1:
        lines += ["", "Smith &amp; Sons sponsored the fair."]
    if rng.random() < 0.1:
        lines += ["", "Advertisement"]
    if rng.random() < 0.3:
        lines += ["", FOOTER]
    return "\n".join(lines) + "\n"


def jsonl(rng: random.Random, rows: int, prefix: str) -> bytes:
    return b"".join(json.dumps({"id": f"{prefix}-{i}", "text": document(rng), "source": "valley"}).encode() + b"\n"
                    for i in range(rows))


def corpus(folder: Path, files: int, rows: int, seed: int) -> None:
    """``files`` text files in folders of 100, and two JSONL files of ``rows`` rows each."""
    rng = random.Random(seed)
    for i in range(files):
        path = folder / f"part-{i // 100:02d}" / f"doc-{i:05d}.txt"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(document(rng))
    for name in ("rows-a.jsonl", "rows-b.jsonl"):
        (folder / name).write_bytes(jsonl(rng, rows, name))


def zstd(data: bytes) -> bytes:
    import zstandard

    return zstandard.ZstdCompressor().compress(data)


def unzstd(data: bytes) -> bytes:
    import zstandard

    return zstandard.ZstdDecompressor().stream_reader(io.BytesIO(data)).read()


# -- huge inputs, made piece by piece (see stress_harness.spill) ----------------------------------------

def long_line(typo: bytes, megabytes: int) -> Iterator[bytes]:
    """One line of about ``megabytes`` MB with ``typo`` near each end."""
    block = "Residents of the valley said the river rose quickly after the storm. ".encode() * 10_000
    yield b"The mayor spoke to " + typo + b" press. "
    yield from (block for _ in range(megabytes * 1_000_000 // len(block)))
    yield b"We saw " + typo + b" end.\n"


def short_lines(head: bytes, count: int) -> Iterator[bytes]:
    """``head``, then ``count`` short lines with nothing to fix."""
    yield head
    for start in range(0, count, 10_000):
        yield "".join(f"Entry {i} was filed.\n" for i in range(start, min(start + 10_000, count))).encode()


# -- not text, odd JSON, broken configs -----------------------------------------------------------------

def tar_bytes(folder: Path) -> bytes:
    """A real tar archive of one short text file (made in ``folder``, then removed)."""
    note = folder / "note"
    note.write_text("The council met on Monday.\n")
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as archive:
        archive.add(note, arcname="note")
    note.unlink()
    return buffer.getvalue()


NOT_TEXT = {  # name -> (description, bytes; None: a tar archive)
    "archive.txt": ("binary: a real .tar renamed .txt (NUL bytes)", None),
    "utf16bom.txt": ("UTF-16LE with a BOM", "The council met teh day.\n".encode("utf-16")),
    "utf16.txt": ("UTF-16LE without a BOM", "The council met teh day.\n".encode("utf-16-le")),
}
NOT_UTF8 = (("Latin-1 bytes", b"caf\xe9 teh end\n"), ("binary (NUL bytes)", b"teh\x00\x01\x02 end\n"),
            ("UTF-16 with BOM", "teh end\n".encode("utf-16")))

FIDELITY = (  # (what, raw row); the typo in the text is the only thing fix may change
    ("1e400", b'{"id": 1, "score": 1e400, "text": "The mayor said teh plan was ready."}'),
    ("1E5", b'{"id": 2, "n": 1E5, "text": "The letter was recieved on Monday."}'),
    ("a long float", b'{"id": 3, "p": 0.1000000000000000055511151231257827, "text": "The goverment met."}'),
    ("duplicate keys", b'{"id": 4, "text": "first", "text": "At the begining of the year they left."}'),
    ("\\u00e9 escapes", b'{"id": 5, "title": "Caf\\u00e9 \\u2014 teh", "text": "The accident occured at night."}'),
    ("compact separators", b'{"id":6,"text":"The job finished succesffully today.","x":[1,2]}'),
)
FIDELITY_FIXES = {b"teh plan": b"the plan", b"recieved": b"received", b"goverment": b"government",
                  b"begining": b"beginning", b"occured": b"occurred", b"succesffully": b"successfully"}

CONFIGS = (  # (file, contents, what the case is)
    ("corpusclean.toml", '[rules.stray-label-line]\nzone-lines = "two"\n', "rule option of the wrong type"),
    ("pyproject.toml", '[tool.corpusclean.rules.AR01]\nzone-lines = "two"\n', "rule option of the wrong type"),
    ("pyproject.toml", '[tool.corpusclean]\nzone-lines = "two"\n', "rule option at the top level"),
    ("corpusclean.toml", '[rules.stray-label-line]\nzone-linez = 2\n', "unknown rule option"),
    ("corpusclean.toml", '[rules.no-such-rule]\nzone-lines = 2\n', "options for an unknown rule"),
    ("pyproject.toml", '[tool.corpusclean]\nextend-safe-fixes = ["ZZ99"]\n', "extend-safe-fixes naming no rule"),
    ("corpusclean.toml", 'select = ["ZZ"]\n', "select naming no rule"),
    ("corpusclean.toml", 'unsafe-fixes = "yes"\n', "a key of the wrong type"),
    ("corpusclean.toml", "select = [\n", "invalid TOML"),
)
