"""The rule interface: a pure check that returns findings, plus the documentation that describes it.

Python rules subclass :class:`Rule` and document themselves in their docstring; declarative pack rules
are instances of a generic rule type whose documentation comes from the pack file. Both expose the same
attributes, so selection, docs, fixing and tests treat them alike.
"""
from __future__ import annotations

import ast
import dataclasses
import inspect
import re
from dataclasses import dataclass, field
from typing import Any, ClassVar, Iterable, Mapping

from corpusclean.core.document import Document
from corpusclean.core.findings import Finding

SECTIONS = ("What it does", "Why it matters", "Example", "Fix safety", "Options")
REQUIRED_SECTIONS = ("What it does", "Why it matters", "Example", "Fix safety")
EXAMPLE_KINDS = ("before", "after", "unchanged", "flagged")
# The rule families (DESIGN §4); a family may be selected before it has rules, as configs outlive versions.
FAMILIES = {"EN": "encoding and Unicode", "WS": "whitespace and layout", "AR": "scraping artifacts",
            "SP": "spelling", "CN": "consistency"}
CODE_RE = re.compile(r"^[A-Z]{2}\d{2}$")
NAME_RE = re.compile(r"^[a-z]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class Example:
    """A rule example that runs as a test.

    ``before``/``after``: the fix turns one into the other (with unsafe fixes allowed); ``unchanged``: the
    rule finds nothing; ``flagged``: the rule reports something but the text stays as it is. ``corpus``:
    the documents processed with it, for rules that learn from the corpus.
    """

    kind: str  # "fix", "unchanged" or "flagged"
    text: str
    after: str | None = None
    corpus: tuple[str, ...] = ()  # other documents of the corpus the example runs in (corpus rules)


@dataclass(frozen=True)
class RuleDoc:
    summary: str
    sections: Mapping[str, str]
    examples: tuple[Example, ...]


@dataclass(frozen=True)
class NoOptions:
    pass


@dataclass(frozen=True)
class RuleContext:
    """What a rule may read besides the document: frozen corpus statistics and the user's allow-list."""

    stats: Mapping[str, Any] = field(default_factory=dict)
    allow_words: frozenset[str] = frozenset()
    canonical: Mapping[str, str] = field(default_factory=dict)  # variant -> spelling pinned in config


class Rule:
    """Base of every rule. Subclasses set the class attributes and implement :meth:`check`."""

    code: ClassVar[str]
    name: ClassVar[str]
    needs: ClassVar[tuple[str, ...]] = ()  # collectors whose statistics the rule reads
    fix_availability: ClassVar[str] = "always"  # always | sometimes | never
    default: ClassVar[bool] = True  # selected when the user does not say otherwise
    # "line": what the rule finds on a line depends on that line alone (and frozen statistics), so after
    # a fix the fixer re-checks only the lines it changed; "document": the whole text, every round;
    # "once": the whole text as it was read, in the first round only (a model of the page the extractor
    # gave: judging what is left after its own deletions would delete again); later rounds keep each
    # finding whose text is unchanged, its fix fitted to the text around it by :meth:`carry`.
    scope: ClassVar[str] = "document"
    Options: ClassVar[type] = NoOptions
    # Where the rule runs unless selected by name (None: everywhere): the document formats it was made
    # for (the AR family: scraped plain text and records), and the languages (ISO 639-3) and scripts of
    # the prose it can judge. Findings in prose of another language or script are dropped centrally.
    formats: ClassVar[tuple[str, ...] | None] = None
    languages: ClassVar[tuple[str, ...] | None] = None
    scripts: ClassVar[tuple[str, ...] | None] = None
    # A word-level rule: it never changes a word toward or away from the corpus's code vocabulary.
    lexical: ClassVar[bool] = False
    # A repair of bytes, not words (mojibake, invisible characters, NFC): right inside a URL or a
    # code-like word too. Every other rule leaves those tokens as they are (a whole line may still go).
    byte_level: ClassVar[bool] = False
    # Its findings without a safe fix are guesses (an unknown word may be a term of art): in documentation
    # (Markdown, reST, HTML), full of terms no dictionary lists, only the fixes it would apply are reported.
    speculative: ClassVar[bool] = False

    def __init__(self, options: Mapping[str, Any] | None = None) -> None:
        self.options = build_options(self.Options, options or {}, self.code)

    def prepare(self, ctx: RuleContext) -> None:
        """Build, once, what checking any document will need (indexes over the corpus statistics,
        dictionaries). Called before worker processes fork, so they share it instead of each building it."""

    @property
    def family(self) -> str:
        return self.code[:2]

    @property
    def doc(self) -> RuleDoc:
        return parse_docstring(inspect.getdoc(type(self)) or "")

    def check(self, doc: Document, ctx: RuleContext) -> Iterable[Finding]:
        raise NotImplementedError

    def carry(self, doc: Document, finding: Finding, shift: int) -> list[Finding]:
        """A "once" rule's ``finding`` from an earlier round in ``doc``, where its text now starts ``shift``
        characters later, with its fix fitted to the text around it now (none: the finding is gone)."""
        return []


def build_options(options_type: type, values: Mapping[str, Any], code: str) -> Any:
    """Instantiate a rule's options dataclass from config values (kebab-case keys), rejecting unknown keys."""
    from corpusclean.core.errors import UsageError, closest

    fields = {f.name.replace("_", "-"): f for f in dataclasses.fields(options_type)}
    kwargs = {}
    for key, value in values.items():
        if key not in fields:
            raise UsageError(f"unknown option {key!r} for rule {code}{closest(key, fields)}")
        expected = _expected(fields[key])
        if expected is not None and not _fits(value, expected):
            raise UsageError(f"option {key!r} of rule {code} must be {_TYPE_WORDS[expected]}, not {value!r}")
        kwargs[fields[key].name] = value
    return options_type(**kwargs)


_TYPE_WORDS = {bool: "true or false", float: "a number", int: "a whole number", str: "a string"}


def _expected(field: dataclasses.Field) -> type | None:
    """The type an option's annotation names (`int | None` is int), or None when it names none of these."""
    annotation = field.type if isinstance(field.type, str) else getattr(field.type, "__name__", str(field.type))
    for name, kind in (("bool", bool), ("float", float), ("int", int), ("str", str)):
        if re.search(rf"\b{name}\b", annotation):
            return kind
    return None


def _fits(value: Any, expected: type) -> bool:
    """A config value of the option's type (an int serves where a float is expected; a bool is no int)."""
    if expected is float:
        return isinstance(value, (int, float)) and not isinstance(value, bool)
    if expected is int:
        return isinstance(value, int) and not isinstance(value, bool)
    return isinstance(value, expected)


_EXAMPLE_LINE = re.compile(r"^(Before|After|Unchanged|Flagged|Corpus):\s*(.+)$")
_REPEATED = re.compile(r"^(\d+) x (.+)$")


def parse_docstring(text: str) -> RuleDoc:
    """Split a rule docstring into summary, sections (``Name:`` headings) and runnable examples.

    Example lines are ``Before: "..."``, ``After: "..."``, ``Unchanged: "..."`` or ``Flagged: "..."`` with a
    Python string literal, so whitespace and line breaks in examples are exact. ``Corpus: N x "..."``
    lines before an example add N copies of a document to the corpus that example runs in.
    """
    lines = text.strip().splitlines()
    summary = lines[0].strip() if lines else ""
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for line in lines[1:]:
        heading = line.strip().rstrip(":")
        if line.strip().endswith(":") and heading in SECTIONS and not line.startswith(" "):
            current = sections.setdefault(heading, [])
        elif current is not None:
            current.append(line[4:] if line.startswith("    ") else line)
    bodies = {name: "\n".join(body).strip() for name, body in sections.items()}
    return RuleDoc(summary, bodies, parse_examples(bodies.get("Example", "")))


def parse_examples(text: str) -> tuple[Example, ...]:
    examples: list[Example] = []
    pending: str | None = None
    corpus: list[str] = []
    for line in text.splitlines():
        match = _EXAMPLE_LINE.match(line.strip())
        if not match:
            continue
        kind = match.group(1).lower()
        if kind == "corpus":
            copies = _REPEATED.match(match.group(2))
            times, literal = (int(copies.group(1)), copies.group(2)) if copies else (1, match.group(2))
            corpus += [ast.literal_eval(literal)] * times
            continue
        value = ast.literal_eval(match.group(2))
        if kind == "before":
            pending = value
        elif kind == "after":
            if pending is None:
                raise ValueError("'After:' example without 'Before:'")
            examples.append(Example("fix", pending, value, tuple(corpus)))
            pending, corpus = None, []
        else:
            examples.append(Example(kind, value, corpus=tuple(corpus)))
            corpus = []
    if pending is not None:
        raise ValueError("'Before:' example without 'After:'")
    return tuple(examples)


def format_examples(examples: Iterable[Example]) -> str:
    """Render examples in the docstring form (the inverse of :func:`parse_examples`)."""
    out = []
    for example in examples:
        for text in dict.fromkeys(example.corpus):
            out.append(f"Corpus: {example.corpus.count(text)} x {text!r}")
        if example.kind == "fix":
            out += [f"Before: {example.text!r}", f"After:  {example.after!r}"]
        else:
            out.append(f"{example.kind.capitalize()}: {example.text!r}")
    return "\n".join(out)
