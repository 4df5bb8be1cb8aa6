"""The site a document comes from: per-site templates (AR05, AR09) are learned within it.

A record's site is the host of its first present site field (`--site-field`, `site-field` in the config;
default `url`, then `host`, then `domain`): `https://www.example.com/a` and `example.com` are both
`example.com`. A file's site is the folder it lies in under the input root (a folder per site); a file
at the root, or a text given to the API without a site, has none, and only the corpus-wide thresholds
apply to it.
"""
from __future__ import annotations

from typing import Any, Mapping, Sequence
from urllib.parse import urlsplit

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
    value = value.strip()
    try:
        name = urlsplit(value if "//" in value else f"//{value}").hostname or value
    except ValueError:  # a malformed address is still a name
        name = value
    name = name.lower()
    return name[4:] if name.startswith("www.") else name


def site_of_path(relative: str) -> str | None:
    """The folder of a file under the input root, or None at the root."""
    folder, _, _ = relative.replace("\\", "/").rpartition("/")
    return folder or None
