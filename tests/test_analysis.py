"""The native analysis as Python sees it: the non-prose regions of each format (kinds and exact slices),
code-point offsets in multi-byte and CRLF text, how a document's format is decided, and what a change
may touch."""
from __future__ import annotations

from pathlib import Path

import pytest

from corpusclean.core.analysis import analyze_text, format_of
from corpusclean.core.document import Document
from corpusclean.io.sources import InputOptions, discover, read


def regions(text: str, format: str) -> list[tuple[str, str]]:
    """The analysis's regions as (kind, slice of the text) pairs."""
    return [(r.kind, text[r.start:r.end]) for r in analyze_text(text, format).regions]


def prose(text: str, format: str) -> str:
    """The text with every non-prose region blanked (offsets kept); the prose pieces are what remains."""
    analysis, out = analyze_text(text, format), list(text)
    for r in analysis.regions:
        out[r.start:r.end] = " " * (r.end - r.start)
    blanked = "".join(out)
    assert [p for p in analysis.prose_pieces(text) if p.strip()] == [p for p in _runs(text, analysis) if p.strip()]
    return blanked


def _runs(text: str, analysis) -> list[str]:
    edges = [0, *(x for r in analysis.regions for x in (r.start, r.end)), len(text)]
    return [text[a:b] for a, b in zip(edges[::2], edges[1::2])]


# --- Markdown -------------------------------------------------------------------------------------------

def test_markdown_fences_of_both_kinds_and_indented_code():
    text = ("Intro with teh.\n\n```py\nteh = 1\n```\n\nMiddle.\n\n~~~\nraw teh\n~~~\n\n"
            "    indented teh\n    more\n\nEnd.\n")
    assert regions(text, "markdown") == [
        ("code", "```py\nteh = 1\n```"),
        ("code", "~~~\nraw teh\n~~~"),
        ("code", "indented teh\n    more\n"),
    ]
    blanked = prose(text, "markdown")
    assert len(blanked) == len(text) and blanked.count("teh") == 1 and blanked.startswith("Intro with teh.")


def test_markdown_fence_in_a_nested_list_item():
    text = "- one\n  - two\n\n    ```sh\n    rm -rf teh\n    ```\n- three\n"
    assert regions(text, "markdown") == [("code", "```sh\n    rm -rf teh\n    ```")]


def test_markdown_table_cells_are_prose_but_their_inline_code_is_not():
    text = "| Name | Value |\n|------|-------|\n| teh cell `x=teh` | plain words |\n"
    assert regions(text, "markdown") == [("inline-code", "`x=teh`")]
    assert "teh cell" in prose(text, "markdown") and "plain words" in prose(text, "markdown")


def test_markdown_inline_code_with_one_and_three_backticks():
    text = "Use `teh` or ```a `b` c``` here.\n"
    assert regions(text, "markdown") == [("inline-code", "`teh`"), ("inline-code", "```a `b` c```")]


def test_markdown_html_block_inline_tag_with_attributes_and_comment():
    text = ('<div class="note">\nteh block\n</div>\n\n'
            'See <span class="x" title="teh title" data-id=7>this</span> now <!-- teh comment -->.\n')
    assert regions(text, "markdown") == [
        ("html", '<div class="note">\nteh block\n</div>\n'),
        ("html", '<span class="x" title="teh title" data-id=7>'),
        ("html", "</span>"),
        ("html", "<!-- teh comment -->"),
    ]
    assert "this</span>" not in prose(text, "markdown") and " this " in prose(text, "markdown")


@pytest.mark.parametrize("text, matter", [
    ("---\ntitle: teh guide\ndate: 2021-03-04\n---\n\n# Heading\n\nBody.\n",
     "---\ntitle: teh guide\ndate: 2021-03-04\n---"),
    ('+++\ntitle = "teh"\n+++\n\nBody.\n', '+++\ntitle = "teh"\n+++'),
])
def test_markdown_front_matter_yaml_and_toml(text, matter):
    assert regions(text, "markdown") == [("front-matter", matter)]


def test_a_thematic_break_later_in_the_document_is_not_front_matter():
    text = "# Title\n\n---\n\nteh text\n\n---\n"
    assert regions(text, "markdown") == []


def test_markdown_link_destination_is_not_prose_but_link_text_is():
    text = 'A [link to teh page](https://example.com/teh "teh title") and ![teh alt](img/teh.png).\n'
    assert regions(text, "markdown") == [
        ("url", '](https://example.com/teh "teh title")'),
        ("url", "](img/teh.png)"),
    ]
    assert "[link to teh page" in prose(text, "markdown") and "![teh alt" in prose(text, "markdown")


def test_markdown_autolink_reference_definition_and_reference_link():
    text = "See <https://teh.example/x>, <me@teh.example> and [the docs][d].\n\n[d]: https://d.example/teh \"T\"\n"
    assert regions(text, "markdown") == [
        ("url", "<https://teh.example/x>"),
        ("url", "<me@teh.example>"),
        ("url", "][d]"),
        ("directive", '[d]: https://d.example/teh "T"'),
    ]


def test_markdown_footnote_label_is_markup_its_text_prose():
    text = "A claim[^teh].\n\n[^teh]: The source of teh claim.\n"
    assert regions(text, "markdown") == [("directive", "[^teh]"), ("directive", "[^teh]:")]
    assert "The source of teh claim." in prose(text, "markdown")


def test_markdown_math_inline_and_display():
    text = "Let $teh^2$ be.\n\n$$\n\\sum_i teh_i\n$$\n"
    assert regions(text, "markdown") == [("math", "$teh^2$"), ("math", "$$\n\\sum_i teh_i\n$$")]


def test_mkdocs_admonition_body_is_prose_and_its_fenced_code_is_code():
    text = ('!!! note "Teh title"\n    The body is prose with teh typo.\n\n    ```python\n    teh = 1\n    ```\n\n'
            "    Still prose.\n\nAfter.\n")
    assert regions(text, "markdown") == [
        ("directive", '!!! note "Teh title"'),
        ("code", "```python\n    teh = 1\n    ```"),
    ]
    blanked = prose(text, "markdown")
    assert "The body is prose with teh typo." in blanked and "Still prose." in blanked


def test_pymdown_slash_block_opener_and_closer():
    text = "/// tab | Python\n\nProse inside the tab.\n\n///\n\nAfter.\n"
    assert regions(text, "markdown") == [("directive", "/// tab | Python"), ("directive", "///")]
    assert "Prose inside the tab." in prose(text, "markdown")


def test_includes_template_tags_and_attribute_lists():
    text = ('{* ../src/teh.py hl[3] *}\n\n--8<-- "snippets/teh.md"\n\n{{#include teh.rs:2:4}}\n\n'
            '{{< figure src="teh.png" >}} and {% if teh %}yes{% endif %}\n\n## Install teh { #install }\n')
    assert regions(text, "markdown") == [
        ("directive", "{* ../src/teh.py hl[3] *}"),
        ("directive", '--8<-- "snippets/teh.md"'),
        ("directive", "{{#include teh.rs:2:4}}"),
        ("directive", '{{< figure src="teh.png" >}}'),
        ("directive", "{% if teh %}"),
        ("directive", "{% endif %}"),
        ("directive", "{ #install }"),
    ]
    assert "## Install teh " in prose(text, "markdown")


def test_a_hard_line_break_is_markup_but_a_paragraphs_last_spaces_are_not():
    text = "first line  \nsecond line\n\nlast line  \n"
    assert regions(text, "markdown") == [("directive", "  \n")]


# --- reStructuredText -----------------------------------------------------------------------------------

def test_rst_literal_block_after_double_colon():
    text = "Example::\n\n    pip install teh\n    teh --help\n\nBack to prose.\n"
    assert regions(text, "rst") == [("directive", "::"), ("code", "pip install teh\n    teh --help")]
    assert "Back to prose." in prose(text, "rst")


def test_rst_code_block_directive_with_options():
    text = ".. code-block:: python\n   :linenos:\n   :caption: Teh demo\n\n   teh = 1\n\nProse after.\n"
    assert regions(text, "rst") == [
        ("directive", ".. code-block:: python"),
        ("directive", ":linenos:"),
        ("directive", ":caption: Teh demo"),
        ("code", "teh = 1"),
    ]


def test_rst_note_body_is_prose():
    text = ".. note::\n\n   The body of teh note is prose.\n\nAfter.\n"
    assert regions(text, "rst") == [("directive", ".. note::")]
    assert "The body of teh note is prose." in prose(text, "rst")


def test_rst_roles_literals_substitutions_targets_comments_and_fields():
    text = ("Call :func:`teh.run` with ``teh=1`` and |teh| here.\n\n.. _teh-target:\n\n"
            ".. a comment about teh\n\n:param teh: The value.\n")
    assert regions(text, "rst") == [
        ("inline-code", ":func:`teh.run`"),
        ("inline-code", "``teh=1``"),
        ("directive", "|teh|"),
        ("directive", ".. _teh-target:"),
        ("directive", ".. a comment about teh"),
        ("directive", ":param teh:"),
    ]
    assert "The value." in prose(text, "rst")


# --- HTML -----------------------------------------------------------------------------------------------

def test_html_text_nodes_are_the_only_prose():
    text = ('<html><head><style>p { teh: 1 }</style><script>var teh = 1;</script></head>'
            '<body><p class="teh" title="recieve">Hello teh world</p><pre>teh pre</pre> and <code>teh()</code>'
            '</body></html>')
    assert regions(text, "html") == [
        ("html", "<html>"), ("html", "<head>"),
        ("code", "<style>p { teh: 1 }</style>"),
        ("code", "<script>var teh = 1;</script>"),
        ("html", "</head>"), ("html", "<body>"),
        ("html", '<p class="teh" title="recieve">'),
        ("html", "</p>"),
        ("code", "<pre>teh pre</pre>"),
        ("code", "<code>teh()</code>"),
        ("html", "</body>"), ("html", "</html>"),
    ]
    assert prose(text, "html").split() == ["Hello", "teh", "world", "and"]


# --- Everywhere: tokens in plain text -------------------------------------------------------------------

def test_plain_text_tokens():
    text = ("See https://example.com/teh. Mail jo.doe@example.org or @tehbot, run --verbose in ~/src/teh; "
            "get_value, getValue, f(x) and os.path.join are code, teh is a word.\n")
    assert regions(text, "plain") == [
        ("url", "https://example.com/teh"),
        ("url", "jo.doe@example.org"),
        ("token", "@tehbot"),
        ("token", "--verbose"),
        ("token", "~/src/teh"),
        ("token", "get_value"),
        ("token", "getValue"),
        ("token", "f(x)"),
        ("token", "os.path.join"),
    ]


def test_plain_text_has_no_markup_regions():
    text = "```\nteh = 1\n```\n\n<b>teh and `teh`\n"
    assert regions(text, "plain") == []
    assert regions("<b>teh</b>\n", "plain") == [("token", "/b")]  # only a path-like token, no tag


def test_tokens_are_found_in_the_prose_of_every_format():
    assert regions("Run --force on snake_case.\n", "markdown") == [("token", "--force"), ("token", "snake_case")]
    assert regions("<p>Run --force</p>", "html") == [("html", "<p>"), ("token", "--force"), ("html", "</p>")]


# --- Offsets ---------------------------------------------------------------------------------------------

def test_offsets_are_code_points_in_multibyte_text_and_crlf():
    text = ("Café 日本 🎉 teh snake_case and `é🎉` here.\r\nSee https://例え.jp/🎉 now.\r\n\r\n"
            "```\r\nx = 🎉\r\n```\r\n")
    analysis = analyze_text(text, "markdown")
    assert [(r.kind, text[r.start:r.end]) for r in analysis.regions] == [
        ("token", "snake_case"),
        ("inline-code", "`é🎉`"),
        ("url", "https://例え.jp/🎉"),
        ("code", "```\r\nx = 🎉\r\n```"),
    ]
    assert analysis.regions[0].start == text.index("snake_case") == 14
    assert analysis.regions[-1].end == len(text) - 2  # the fence ends before its own line break


def test_offsets_are_code_points_in_rst_and_html():
    text = "🎉 é\r\n\r\n.. note::\r\n\r\n   Body 日本.\r\n\r\n🎉 ``é日``\r\n"
    assert regions(text, "rst") == [("directive", ".. note::"), ("inline-code", "``é日``")]
    text = '<p title="日本">Café 🎉</p><code>é</code>'
    assert regions(text, "html") == [("html", '<p title="日本">'), ("html", "</p>"), ("code", "<code>é</code>")]


# --- What a change may touch ----------------------------------------------------------------------------

def test_region_touched_for_code_tokens_and_insertions():
    text = "A word `code` and snake_case end.\n"
    analysis = analyze_text(text, "markdown")
    code, token = text.index("`code`"), text.index("snake_case")
    assert analysis.region_touched(0, 1) is None  # prose
    assert analysis.region_touched(code + 1, code + 2).kind == "inline-code"
    assert analysis.region_touched(code, code + 6).kind == "inline-code"  # code may not even be removed whole
    assert analysis.region_touched(token, token + 5).kind == "token"  # part of an identifier
    assert analysis.region_touched(token, token + 10) is None  # a whole token may go with its line
    assert analysis.region_touched(token + 3, token + 3).kind == "token"  # an insertion inside it
    assert analysis.region_touched(token, token) is None  # an insertion at its edge


# --- Formats ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("doc_id, expected", [
    ("a.md", "markdown"), ("docs/A.MARKDOWN", "markdown"), ("x.mdx", "markdown"), ("a.rst", "rst"),
    ("a.rest", "rst"), ("a.html", "html"), ("a.htm", "html"), ("a.txt", "plain"), ("README", "plain"),
    ("data.jsonl:3", "plain"),
])
def test_format_of_by_extension(doc_id, expected):
    assert format_of(Document(doc_id, "")) == expected


def test_format_of_prefers_the_documents_format():
    assert format_of(Document("notes.txt", "", format="markdown")) == "markdown"
    assert format_of(Document("page.md", "", format="plain")) == "plain"


def _read_all(root: Path, options: InputOptions) -> dict[str, str | None]:
    return {doc.id: doc.format for source in discover([root]) for doc in read(source, options)}


def test_format_option_and_config_globs_reach_the_documents(tmp_path):
    (tmp_path / "notes").mkdir()
    for name in ("notes/a.txt", "b.txt", "c.md"):
        (tmp_path / name).write_text("Text.\n")
    (tmp_path / "rows.jsonl").write_text('{"text": "Row."}\n')
    assert _read_all(tmp_path, InputOptions()) == {"notes/a.txt": None, "b.txt": None, "c.md": None,
                                                   "rows.jsonl:1": "plain"}
    assert set(_read_all(tmp_path, InputOptions(format="rst")).values()) == {"rst"}
    globs = InputOptions(formats=(("notes/*.txt", "markdown"), ("*.txt", "html"), ("*.jsonl", "markdown")))
    assert _read_all(tmp_path, globs) == {"notes/a.txt": "markdown", "b.txt": "html", "c.md": None,
                                          "rows.jsonl:1": "markdown"}


FENCED = "Intro.\n\n```\nteh = 1\n```\n"


def test_format_flag_makes_a_text_file_markdown(cli, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text(FENCED)
    code, out, _ = cli("check", notes)
    assert code == 1 and "SP01" in out  # as plain text, the fence is prose
    code, out, _ = cli("check", notes, "--format", "markdown")
    assert code == 0, out
    cli("fix", notes, "--format", "markdown")
    assert notes.read_text() == FENCED


def test_config_formats_reach_the_documents_through_the_cli(cli, tmp_path):
    (tmp_path / "notes").mkdir()
    (tmp_path / "corpusclean.toml").write_text('[formats]\n"notes/*.txt" = "markdown"\n')
    (tmp_path / "notes/a.txt").write_text(FENCED)
    (tmp_path / "b.txt").write_text(FENCED.replace("teh", "recieve"))
    code, out, _ = cli("check", ".", cwd=tmp_path)
    assert code == 1 and "b.txt:4:1: SP01" in out and "notes/a.txt" not in out


def test_config_formats_apply_to_a_file_named_on_the_command_line(cli, tmp_path):
    # pre-commit passes each file by its path: the file's format must not depend on how it was named
    (tmp_path / "notes").mkdir()
    (tmp_path / "corpusclean.toml").write_text('[formats]\n"notes/*.txt" = "markdown"\n')
    (tmp_path / "notes/a.txt").write_text(FENCED)
    whole, out_whole, _ = cli("check", ".", cwd=tmp_path)
    named, out_named, _ = cli("check", "notes/a.txt", cwd=tmp_path)
    assert whole == 0, out_whole
    assert named == 0, out_named


def test_a_double_star_glob_matches_files_directly_in_the_folder(tmp_path):
    # the README's own example, `"notes/**/*.txt" = "markdown"`, for a note directly in notes/
    (tmp_path / "notes/deep").mkdir(parents=True)
    options = InputOptions(formats=(("notes/**/*.txt", "markdown"),))
    (tmp_path / "notes/deep/b.txt").write_text("Text.\n")
    (tmp_path / "notes/a.txt").write_text("Text.\n")
    assert _read_all(tmp_path, options) == {"notes/a.txt": "markdown", "notes/deep/b.txt": "markdown"}


def test_an_unknown_format_in_the_config_is_an_error(cli, tmp_path):
    (tmp_path / "corpusclean.toml").write_text('[formats]\n"*.txt" = "latex"\n')
    (tmp_path / "a.txt").write_text("Text.\n")
    code, _, err = cli("check", "a.txt", cwd=tmp_path)
    assert code == 2 and "latex" in err and "markdown" in err
