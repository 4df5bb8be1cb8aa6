"""corpusclean: find and fix scraping artifacts, typos, mojibake and inconsistent spellings in text corpora.

Every change is a finding with a rule code, a span, a safety level and its evidence.
"""
from __future__ import annotations

__version__ = "0.1.0"

from corpusclean.core.document import Document  # noqa: E402
from corpusclean.core.findings import DocResult, Finding, Safety  # noqa: E402

__all__ = ["Document", "DocResult", "Finding", "Safety", "__version__"]
