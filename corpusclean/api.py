"""The Python API: check or clean texts inside another program, with the same rules and settings as the CLI."""
from __future__ import annotations

from typing import Iterable, Sequence

from corpusclean.core.config import Settings
from corpusclean.core.document import Document
from corpusclean.core.findings import DocResult
from corpusclean.run.session import build_plan
from corpusclean.run.stages import collect, finalize, process


def _run(texts: Iterable[str | Document], apply: bool, select: Sequence[str] | None, ignore: Sequence[str],
         unsafe_fixes: bool, allow_words: Iterable[str]) -> list[DocResult]:
    docs = [t if isinstance(t, Document) else Document(str(i), t) for i, t in enumerate(texts)]
    settings = Settings(select=tuple(select) if select is not None else None, ignore=tuple(ignore),
                        unsafe_fixes=unsafe_fixes, allow_words=frozenset(allow_words))
    plan = build_plan(settings, apply=apply)
    stats = finalize(collect(docs, plan)) if plan.needs else {}  # the texts are the corpus
    return [process(doc, plan, stats) for doc in docs]


def check(texts: Iterable[str | Document], *, select: Sequence[str] | None = None, ignore: Sequence[str] = (),
          allow_words: Iterable[str] = ()) -> list[DocResult]:
    """Findings for each text; nothing is changed."""
    return _run(texts, False, select, ignore, False, allow_words)


def clean(texts: Iterable[str | Document], *, select: Sequence[str] | None = None, ignore: Sequence[str] = (),
          unsafe_fixes: bool = False, allow_words: Iterable[str] = ()) -> list[DocResult]:
    """Each text checked and fixed: ``result.cleaned`` is the text, ``result.findings`` the evidence."""
    return _run(texts, True, select, ignore, unsafe_fixes, allow_words)
