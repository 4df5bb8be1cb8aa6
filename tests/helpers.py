"""Small helpers shared by tests: run rules on text without files."""
from __future__ import annotations

from typing import Sequence

from corpusclean.core.document import Document
from corpusclean.core.findings import DocResult
from corpusclean.core.fixer import FixPolicy
from corpusclean.core.rule import Rule
from corpusclean.run.stages import Plan, collect, finalize, process


def run_rules(texts: str | Sequence[str], rules: Sequence[Rule], unsafe: bool = True, apply: bool = True,
              allow_words: frozenset[str] = frozenset()) -> list[DocResult]:
    """Process ``texts`` as one corpus (pass 1 over all of them, then pass 2 each)."""
    texts = [texts] if isinstance(texts, str) else list(texts)
    docs = [Document(f"doc{i}.txt", text) for i, text in enumerate(texts)]
    plan = Plan(tuple(rules), FixPolicy(apply=apply, unsafe=unsafe), allow_words)
    stats = finalize(collect(docs, plan)) if plan.needs else {}
    return [process(doc, plan, stats) for doc in docs]
