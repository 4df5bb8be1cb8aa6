"""corpusclean: find and fix scraping artifacts, typos, mojibake and inconsistent spellings in text corpora.

Every change is a finding with a rule code, a span, a safety level and its evidence.

>>> from corpusclean import clean
>>> next(clean(["Updated\\n\\nThe council met.  \\n"])).cleaned
'The council met.\\n'
"""
from __future__ import annotations

__version__ = "0.1.0"

from corpusclean.core.document import Document  # noqa: E402
from corpusclean.core.findings import DocResult, Finding, Safety  # noqa: E402

__all__ = ["Document", "DocResult", "Finding", "Safety", "check", "clean", "__version__"]


def check(texts, **options):
    """Findings for each text (see :func:`corpusclean.api.check`); imported lazily to keep start-up fast."""
    from corpusclean.api import check as run

    return run(texts, **options)


def clean(texts, **options):
    """Cleaned texts with their findings (see :func:`corpusclean.api.clean`)."""
    from corpusclean.api import clean as run

    return run(texts, **options)
