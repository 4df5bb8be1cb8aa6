from __future__ import annotations

import doctest

import pytest

import corpusclean


def test_clean_and_check_from_python():
    [result] = corpusclean.clean(["Updated\n\nWe recieved it.  \n"])
    assert result.cleaned == "We received it.\n"
    assert {f.code for f in result.findings} == {"AR01", "SP01", "WS01"}
    [checked] = corpusclean.check(["Updated\n\nWe recieved it.\n"], select=["SP"])
    assert checked.cleaned == checked.original and [f.code for f in checked.findings] == ["SP01"]


def test_package_docstring_example_runs():
    assert doctest.testmod(corpusclean).failed == 0


def test_records_are_cleaned_lazily_with_saved_statistics(cli, tmp_path):
    (tmp_path / "corpus.jsonl").write_text('{"text": "The Raqqa offensive began."}\n' * 6)
    cli("stats", tmp_path / "corpus.jsonl", "--save", tmp_path / "stats.json")
    consumed = []

    def records():
        for n, text in enumerate(["Updated\n\nInto Raqq we went.  \n", "Clean.\n"]):
            consumed.append(n)
            yield {"id": f"r{n}", "text": text, "lang": "en"}
        yield {"id": "none", "text": None}

    results = corpusclean.clean(records(), stats=tmp_path / "stats.json", unsafe_fixes=True)
    first = next(results)
    assert consumed == [0]  # streamed: the second record is not read yet
    assert first["text"] == "Into Raqqa we went.\n" and first["lang"] == "en" and first["id"] == "r0"
    assert first["corpusclean"]["changed"] and {f["code"] for f in first["corpusclean"]["findings"]} >= {"AR01", "SP03"}
    rest = list(results)
    assert rest[0]["text"] == "Clean.\n" and rest[1] == {"id": "none", "text": None}


def test_texts_are_read_in_the_format_given():
    text = "We saw teh end.\n\n```\nrecieve = 1\n```\n"
    [as_markdown] = corpusclean.clean([text], format="markdown")
    assert as_markdown.cleaned == text.replace("saw teh", "saw the")  # the fence is code, left as it is
    [as_plain] = corpusclean.clean([text])
    assert "receive = 1" in as_plain.cleaned  # read as plain text, the fence is prose
    with pytest.raises(ValueError, match="format must be one of"):
        next(corpusclean.clean([text], format="latex"))
