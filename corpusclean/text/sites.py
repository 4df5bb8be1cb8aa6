"""The site a document comes from: per-site templates (AR05, AR09) are learned within it.

A record's site is the host of its first present site field (`--site-field`, `site-field` in the config;
default `url`, then `host`, then `domain`): `https://www.example.com/a` and `example.com` are both
`example.com`. A text file's site is its first folder under the folder given (`pages/example.com/2019/
x.txt` is `example.com`), or, for a file directly in the folder given or named on its own, the name of
the folder it lies in: a folder per site. A text given to the API without a site field has none, and
only the corpus-wide thresholds apply to it.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Mapping, Sequence
from urllib.parse import urlsplit

from corpusclean.core.analysis import encodable

DEFAULT_FIELDS = ("url", "host", "domain")


def site_of_record(record: Mapping[str, Any], fields: Sequence[str] = DEFAULT_FIELDS) -> str | None:
    """The host named by the record's first site field that holds a non-empty string."""
    for name in fields:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return host(value)
    return None


def host(value: str) -> str:
    """`https://www.Example.com:8080/a` -> `example.com`; a bare host is lowercased the same way."""
    value = encodable(value.strip())
    try:
        name = urlsplit(value if "//" in value else f"//{value}").hostname or value
    except ValueError:  # a malformed address is still a name
        name = value
    name = name.lower()
    return name[4:] if name.startswith("www.") else name


def site_of_path(root: Path, file: Path) -> str | None:
    """A text file's site: its first folder under ``root`` (the folder given), else the name of the folder
    it lies in; None when that has no name (`/`)."""
    try:
        parts = file.relative_to(root).parts
    except ValueError:
        parts = ()
    name = parts[0] if len(parts) > 1 else Path(os.path.abspath(file)).parent.name  # links not followed: a loop
    return encodable(name) or None
