"""The unit every rule reads: one document of a corpus."""
from __future__ import annotations

from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Mapping


@dataclass(frozen=True, slots=True)
class Document:
    """A document as read.

    ``id`` is the path relative to the input root, or the JSONL id field; ``text`` is the text exactly as
    decoded (line endings kept, BOM removed and remembered by the reader); ``metadata`` holds what the
    reader needs to write the document back (other JSONL fields, the BOM, the line number); ``format`` is
    ``plain``, ``markdown``, ``rst`` or ``html`` when the reader was told (``--format``, ``formats`` in the
    config), else None: the id's extension decides (see :func:`corpusclean.core.analysis.format_of`).
    """

    id: str
    text: str
    metadata: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    format: str | None = None
