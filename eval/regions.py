"""Non-prose regions of Markdown and reStructuredText, found without corpusclean's own analysis.

`markdown_regions(text)` and `rst_regions(text)` return ``[(start, end, kind)]`` character spans that a
prose fixer must never change: code (fenced, indented, inline), HTML, front matter, link targets, URLs,
template and MkDocs syntax (admonition/tab openers, snippets, attribute lists), and for reST literal
blocks, comments, targets, substitution definitions, raw blocks, directive lines and their options,
inline literals and roles. Markdown is parsed with markdown-it-py, reST with docutils (the Sphinx
directives registered as stand-ins that record their lines); regexes add what those parsers don't know.
Used by eval/docs.py to check corpusclean's applied changes independently.
"""
from __future__ import annotations

import io
import re

Spans = list[tuple[int, int, str]]

URL = re.compile(r"\b(?:https?|ftp)://[^\s<>`\"')\]]+")
MKDOCS_INLINE = [(re.compile(p, re.M), kind) for p, kind in (
    (r"\{\*.*?\*\}", "snippet"), (r"\{\{.*?\}\}", "template"), (r"\{%.*?%\}", "template"),
    (r"\{\s*[#.:][^}\n]*\}", "attr-list"), (r"^[ \t]*-{1,2}8<-{1,2}.*$", "snippet"),
    (r"^[ \t]*(?:!!!|\?\?\?\+?)[ \t]+[\w-]+(?:[ \t]+[\w-]+)*", "admonition"), (r"^[ \t]*===\+?(?= )", "tab"),
    (r"^[ \t]*///[ \t]*[\w-]*", "block"), (r"^[ \t]*\[[^\]^][^\]]*\]:[ \t]*\S+.*$", "link-ref"),
)]
CONTAINER = re.compile(r"^[ \t]*(?:!!!|\?\?\?\+?|===\+?)[ \t]")


def _line_starts(text: str) -> list[int]:
    starts = [0]
    starts += [m.end() for m in re.finditer("\n", text)]
    return starts


def _lines_span(starts: list[int], text: str, first: int, last: int) -> tuple[int, int]:
    """Characters of 0-based lines first..last-1 (with their newlines)."""
    end = starts[last] if last < len(starts) else len(text)
    return starts[first], end


def _flexible(content: str) -> str:
    return r"\s*" + r"\s+".join(re.escape(part) for part in content.split()) + r"\s*"


def _dedent_containers(lines: list[str]) -> list[str]:
    """MkDocs admonition and tab bodies are indented 4 spaces; CommonMark would read them as code."""
    stack: list[int] = []
    out = []
    for line in lines:
        if not line.strip():
            out.append(line)
            continue
        indent = len(line) - len(line.lstrip(" "))
        while stack and indent < stack[-1] + 4:
            stack.pop()
        out.append(line[min(4 * len(stack), indent):])
        if CONTAINER.match(line):
            stack.append(indent)
    return out


def markdown_regions(text: str) -> Spans:
    from markdown_it import MarkdownIt

    starts = _line_starts(text)
    lines = text.split("\n")
    spans: Spans = []
    body_from = 0
    if lines and lines[0].strip() in ("---", "+++"):
        for i in range(1, len(lines)):
            if lines[i].strip() == lines[0].strip():
                spans.append((0, _lines_span(starts, text, 0, i + 1)[1], "front-matter"))
                body_from = i + 1
                break
    parsed = ["" if i < body_from else line for i, line in enumerate(_dedent_containers(lines))]
    tokens = MarkdownIt("commonmark").enable("table").parse("\n".join(parsed))
    for token in tokens:
        if token.type in ("fence", "code_block", "html_block") and token.map:
            spans.append((*_lines_span(starts, text, *token.map), token.type))
        elif token.type == "inline" and token.map:
            spans += _inline_spans(token, text, _lines_span(starts, text, *token.map))
    for i, line in enumerate(lines):  # mkdocstrings `::: module.name` and its indented YAML options
        if re.match(r"^[ \t]*::: \S", line):
            j = i + 1
            while j < len(lines) and (lines[j].startswith((" ", "\t")) or not lines[j].strip()):
                j += 1
            while not lines[j - 1].strip():
                j -= 1
            spans.append((*_lines_span(starts, text, i, j), "mkdocstrings"))
    for pattern, kind in MKDOCS_INLINE:
        spans += [(m.start(), m.end(), kind) for m in pattern.finditer(text) if m.end() > m.start()]
    spans += [(m.start(), m.end(), "url") for m in URL.finditer(text)]
    return spans


def _inline_spans(token, text: str, segment: tuple[int, int]) -> Spans:
    """Code spans and inline HTML located in order in the source lines of one inline token; link
    destinations and reference labels wherever the token has links or images."""
    spans: Spans = []
    cursor, end = segment
    for child in token.children or []:
        if child.type == "code_inline":
            tick = re.escape(child.markup)
            pattern = re.compile(tick + _flexible(child.content) + tick)
        elif child.type == "html_inline":
            pattern = re.compile(_flexible(child.content))
        elif child.type == "link_open" and child.markup == "autolink":
            pattern = re.compile(r"<[^<>\s]+>")
        else:
            continue
        m = pattern.search(text, cursor, end)
        if m:
            spans.append((m.start(), m.end(), child.type if child.markup != "autolink" else "autolink"))
            cursor = m.end()
        else:
            spans.append((segment[0], segment[1], "unlocated-" + child.type))
    if any(c.type in ("link_open", "image") for c in token.children or []):
        for m in re.compile(r"\]\((?:[^()\n]|\([^()\n]*\))*\)|\]\[[^\]\n]*\]").finditer(text, segment[0], end):
            spans.append((m.start() + 1, m.end(), "link-target"))
    return spans


# ---------------------------------------------------------------------------------------------- reST

RST_REGEXES = [(re.compile(p, re.M), kind) for p, kind in (
    (r"``.+?``", "inline-literal"),
    (r":[\w:+.-]+:`[^`]+`", "role"), (r"(?<![\w`:])`[^`\n]+`(?!_)(?::[\w:+.-]+:)?", "interpreted"),
    (r"<[^<>\s`]+>(?=`_)", "link-target"), (r"\|[^|\s][^|\n]*\|_{0,2}", "substitution"),
    (r"^[ \t]*\.\. (?!admonition::)[\w:-]+::.*$", "directive"), (r"^[ \t]*\.\. admonition::", "directive"),
    (r"^[ \t]*\.\. _[^\n]*$", "target"), (r"^[ \t]*__ .*$", "target"),
    (r"^[ \t]*\.\. \|[^|]+\|.*$", "substitution-definition"),
)]
# Sphinx directives whose whole block is code, names or file paths rather than prose.
OPAQUE = ("code-block", "sourcecode", "literalinclude", "toctree", "autoclass", "autofunction", "autodata",
          "automodule", "automethod", "autoattribute", "autoexception", "currentmodule", "module", "include",
          "image", "highlight", "code")
PROSE = ("versionadded", "versionchanged", "deprecated", "seealso", "tabs", "tab", "group-tab", "py:data",
         "data", "function", "class", "method", "attribute", "exception", "rst-class", "only", "admonition",
         "note", "warning", "tip", "important", "hint", "caution", "danger", "attention", "error")


def _directives(recorded: list[tuple[int, int, str]]) -> None:
    from docutils import nodes
    from docutils.parsers.rst import Directive, directives

    class AnyOptions(dict):
        def __missing__(self, key):
            return directives.unchanged

    class Opaque(Directive):
        has_content, optional_arguments, final_argument_whitespace = True, 9, True
        option_spec = AnyOptions()

        def run(self):
            recorded.append((self.lineno, len(self.block_text.rstrip("\n").split("\n")), self.name))
            return []

    class Prose(Opaque):
        def run(self):
            node = nodes.container()
            self.state.nested_parse(self.content, self.content_offset, node)
            return [node]

    for name in OPAQUE:
        directives.register_directive(name, Opaque)
    for name in PROSE:
        directives.register_directive(name, Prose)


def _locate(lines: list[str], content: str, hint: int | None, taken: set[int]) -> tuple[int, int] | None:
    """0-based first and last source line holding a node's text (its non-blank lines, in order)."""
    wanted = [line.strip() for line in content.splitlines() if line.strip()]
    if not wanted:
        return None
    found = []
    for i, line in enumerate(lines):
        if line.strip().endswith(wanted[0]) and i not in taken:
            j, k = i, 0
            while j < len(lines) and k < len(wanted):
                if lines[j].strip():
                    if lines[j].strip() != wanted[k] and not (k == 0 and lines[j].strip().endswith(wanted[k])):
                        break
                    k += 1
                j += 1
            if k == len(wanted):
                found.append((i, j - 1))
    if not found:
        return None
    return min(found, key=lambda f: abs(f[0] + 1 - hint) if hint else f[0])


def rst_regions(text: str) -> Spans:
    from docutils import nodes
    from docutils.core import publish_doctree

    recorded: list[tuple[int, int, str]] = []
    _directives(recorded)
    doctree = publish_doctree(text, settings_overrides={
        "report_level": 5, "halt_level": 5, "warning_stream": io.StringIO(), "syntax_highlight": "none",
        "file_insertion_enabled": False, "input_encoding": "unicode"})
    starts, lines = _line_starts(text), text.split("\n")
    spans: Spans = []
    for lineno, count, name in recorded:
        spans.append((*_lines_span(starts, text, lineno - 1, lineno - 1 + count), name))
    kinds = (nodes.literal_block, nodes.doctest_block, nodes.comment, nodes.target,
             nodes.substitution_definition, nodes.raw)
    taken: set[int] = set()
    for node in doctree.findall(lambda n: isinstance(n, kinds)):
        if node.parent is not None and isinstance(node.parent, nodes.system_message):
            continue
        where = _locate(lines, node.rawsource or node.astext(), node.line, taken)
        if where:
            taken.add(where[0])
            spans.append((*_lines_span(starts, text, where[0], where[1] + 1), type(node).__name__))
    for i, line in enumerate(lines):  # a directive's option lines
        if re.match(r"^[ \t]*\.\. [\w:-]+::", line):
            j = i + 1
            while j < len(lines) and re.match(r"^[ \t]+:[\w-]+:", lines[j]):
                j += 1
            spans.append((*_lines_span(starts, text, i, j), "directive"))
    for pattern, kind in RST_REGEXES:
        spans += [(m.start(), m.end(), kind) for m in pattern.finditer(text)]
    spans += [(m.start(), m.end(), "url") for m in URL.finditer(text)]
    return spans


def touching(spans: Spans, start: int, end: int) -> str | None:
    """The kind of the first region an edit of [start, end) overlaps (an insertion: strictly inside)."""
    for a, b, kind in spans:
        if (start < b and end > a) if end > start else a < start < b:
            return kind
    return None
