"""The central prose filter (DESIGN §1.2, §5): before the fixer sees a finding, drop it when it would
touch code or markup, falls under an inline suppression, lies in prose of a language or script its rule
cannot judge, or (word-level rules) changes a word toward or away from the corpus's code vocabulary.
No rule carries markup logic of its own; each drop is counted with its reason.
"""
from __future__ import annotations

from collections import Counter
from typing import Any

from corpusclean.core.analysis import Analysis, is_latin_script
from corpusclean.core.document import Document
from corpusclean.core.findings import Finding
from corpusclean.core.fixer import FixPolicy
from corpusclean.core.rule import Rule
from corpusclean.core.suppressions import suppressions
from corpusclean.text.tokens import WORD

# Why a finding was dropped, as `--statistics` and summary.json say it.
IN_CODE, COMMENT, LANGUAGE, CODE_WORD = "in code/markup", "by comment", "other language", "code vocabulary"
GUESS = "unsure in documentation"


class ProseGuard:
    """Decides, for one document (as it stands in one round of fixing), which findings may stand."""

    def __init__(self, doc: Document, analysis: Analysis, code_vocabulary: Any = None,
                 policy: FixPolicy | None = None) -> None:
        self.doc = doc
        self.policy = policy or FixPolicy()  # what the run may apply, with the user's safety overrides
        self.analysis = analysis
        self.comments = suppressions(doc.text, analysis.in_code)
        self.code_vocabulary = code_vocabulary  # corpus-wide (pass 1), when the plan collected it
        self._own_code: Counter | None = None  # this document's code words, counted on first need

    def reason(self, rule: Rule, finding: Finding) -> tuple[str, str] | None:
        """Why ``finding`` must be dropped, with a detail for the reviewer, or None when it may stand."""
        spans = [finding.span, *(edit.span for edit in finding.fix.edits)] if finding.fix else [finding.span]
        for span in spans:  # URLs and code-like words: only a byte-level repair may reach inside them
            if (region := self.analysis.region_touched(span.start, span.end, tokens=not rule.byte_level)) is not None:
                return IN_CODE, region.kind
        if self.comments and any(s.covers(finding.code, finding.span.start) for s in self.comments):
            return COMMENT, finding.code
        if rule.languages or rule.scripts:
            language = self.analysis.language_at(finding.span.start)
            if rule.languages and not any(language.may_be(code) for code in rule.languages):
                return LANGUAGE, language.code if language.code != "und" else language.script
            if rule.scripts and (language.script not in (*rule.scripts, "und")
                                 or ("Latin" in rule.scripts and not is_latin_script(finding.matched))):
                return LANGUAGE, language.script
        if rule.lexical and (found := self._code_word(finding)):  # the more telling reason first
            return found
        if rule.speculative and self.analysis.format != "plain" and self.policy.skip_reason(finding) is not None:
            return GUESS, finding.code
        return None

    def _code_word(self, finding: Finding) -> tuple[str, str] | None:
        """A word the corpus writes in code is attested: not changed (`ident`), nor made (`const`)."""
        for word in WORD.findall(finding.matched):
            if count := self._code_count(word):
                return CODE_WORD, f"{word}: {count} times in code"
        if finding.fix is None:
            return None
        from corpusclean.text.lexicon import in_dictionary

        for edit in finding.fix.edits:
            for word in WORD.findall(edit.replacement):
                if not in_dictionary(word.lower()) and (count := self._code_count(word)):
                    return CODE_WORD, f"{word}: {count} times in code"
        return None

    def _code_count(self, word: str) -> int:
        corpus = self.code_vocabulary.count(word) if self.code_vocabulary is not None else 0
        if corpus:
            return corpus
        if self._own_code is None:
            from corpusclean.stats.code import code_words

            self._own_code = Counter(code_words(self.doc))
        return self._own_code.get(word.lower(), 0)
