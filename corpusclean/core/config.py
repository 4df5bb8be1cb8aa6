"""Settings: defaults < config file < command-line flags.

The file is ``--config PATH``, else the first ``corpusclean.toml`` or ``pyproject.toml`` with a
``[tool.corpusclean]`` table found from the working directory upward. ``corpusclean.toml`` holds the keys at
its top level (or under ``[tool.corpusclean]``). Unknown keys are errors naming the closest valid key.
"""
from __future__ import annotations

import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Mapping

from corpusclean.core.budget import DEFAULT_SECONDS
from corpusclean.core.errors import UsageError, closest
from corpusclean.core.findings import Safety
from corpusclean.text.sites import DEFAULT_FIELDS as DEFAULT_SITE_FIELDS

KEYS = {
    "select": list, "ignore": list, "extend-select": list, "unsafe-fixes": bool, "allow-words": list,
    "extend-safe-fixes": list, "extend-unsafe-fixes": list, "packs": list, "rules": dict,
    "text-field": str, "id-field": str, "site-field": (str, list), "canonical": dict, "formats": dict,
    "time-budget": float,
}


_KIND = {list: "a list", bool: "true or false", dict: "a table", str: "a string", (str, list): "a string or a list",
         float: "a number (seconds)"}  # what a key holds, as a config's reader calls it


@dataclass(frozen=True)
class Settings:
    select: tuple[str, ...] | None = None  # None: the default rule set
    ignore: tuple[str, ...] = ()
    extend_select: tuple[str, ...] = ()
    unsafe_fixes: bool = False
    allow_words: frozenset[str] = frozenset()  # case-sensitive: `Raqq` allows `Raqq`, not `raqq`
    safety_overrides: Mapping[str, Safety] = field(default_factory=dict)
    packs: tuple[Path, ...] = ()
    rule_options: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    text_field: str = "text"
    id_field: str | None = None
    site_fields: tuple[str, ...] = DEFAULT_SITE_FIELDS  # record fields naming a document's site
    canonical: Mapping[str, str] = field(default_factory=dict)  # variant -> the spelling the user pinned
    format: str | None = None  # `--format`: every document in this format
    formats: tuple[tuple[str, str], ...] = ()  # (glob, format): `formats` in the config, first match wins
    # The rules selected by name, when a saved run says so (`apply`); None: those `select` names
    explicit: tuple[str, ...] | None = None
    time_budget: float | None = DEFAULT_SECONDS  # seconds per document; None: no limit
    source: Path | None = None  # the config file read, if any

    def with_cli(self, **flags: Any) -> "Settings":
        """Flags given on the command line (not None, not empty) win over the file."""
        given = {k: v for k, v in flags.items() if v is not None and v != () and v != []}
        for key in ("select", "ignore", "extend_select"):
            if key in given:
                given[key] = tuple(_split_codes(given[key]))
        if "extend_select" in given:
            given["extend_select"] = self.extend_select + given["extend_select"]
        if "ignore" in given:
            given["ignore"] = self.ignore + given["ignore"]
        return replace(self, **given)


def _split_codes(values) -> list[str]:
    return [part.strip() for value in values for part in str(value).split(",") if part.strip()]


def find_config(start: Path) -> tuple[Path, dict[str, Any]] | None:
    for folder in (start.resolve(), *start.resolve().parents):
        for name in ("corpusclean.toml", "pyproject.toml"):
            path = folder / name
            if path.is_file():
                table = _table(path)
                if table is not None:
                    return path, table
    return None


def _table(path: Path) -> dict[str, Any] | None:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise UsageError(f"{path}: cannot read config: {exc}") from None
    tool = data.get("tool", {})
    tool = tool.get("corpusclean") if isinstance(tool, dict) else None
    if tool is not None and not isinstance(tool, dict):
        raise UsageError(f"{path}: [tool.corpusclean] must be a table, not {tool!r}")
    if tool is not None or path.name == "pyproject.toml":
        return tool
    return data


def load_settings(config: Path | None = None, cwd: Path | None = None) -> Settings:
    if config is not None:
        if not config.is_file():
            raise UsageError(f"{config}: config file not found")
        found = (config, _table(config) or {})
    else:
        found = find_config(cwd or Path.cwd())
    if found is None:
        return Settings()
    path, table = found
    return parse_table(table, path)


def parse_table(table: Mapping[str, Any], path: Path) -> Settings:
    for key, value in table.items():
        if key not in KEYS:
            raise UsageError(f"{path}: unknown key {key!r} in corpusclean config{closest(key, KEYS)}")
        if KEYS[key] is float and isinstance(value, int) and not isinstance(value, bool):
            value = float(value)
        if not isinstance(value, KEYS[key]):
            raise UsageError(f"{path}: {key!r} must be {_KIND[KEYS[key]]}, not {value!r}")
    budget = table.get("time-budget", DEFAULT_SECONDS)
    if budget < 0:
        raise UsageError(f"{path}: 'time-budget' must be seconds per document (0: no limit), not {budget!r}")
    for key, value in table.get("rules", {}).items():
        if not isinstance(value, dict):
            raise UsageError(f"{path}: rules.{key} must be a table of options (rules.{key}.option = ...), "
                             f"not {value!r}")
    overrides = {code: Safety.SAFE for code in table.get("extend-safe-fixes", [])}
    overrides.update({code: Safety.UNSAFE for code in table.get("extend-unsafe-fixes", [])})
    return Settings(
        select=tuple(_split_codes(table["select"])) if "select" in table else None,
        ignore=tuple(_split_codes(table.get("ignore", []))),
        extend_select=tuple(_split_codes(table.get("extend-select", []))),
        unsafe_fixes=table.get("unsafe-fixes", False),
        allow_words=frozenset(str(w) for w in table.get("allow-words", [])),
        safety_overrides=overrides,
        packs=tuple((path.parent / p).resolve() for p in table.get("packs", [])),
        rule_options={k: dict(v) for k, v in table.get("rules", {}).items()},
        text_field=table.get("text-field", "text"),
        id_field=table.get("id-field"),
        site_fields=_site_fields(table.get("site-field", DEFAULT_SITE_FIELDS), path),
        canonical=_canonical(table.get("canonical", {}), path),
        formats=_formats(table.get("formats", {}), path),
        time_budget=float(budget) or None,
        source=path,
    )


def _site_fields(value: Any, path: Path) -> tuple[str, ...]:
    """``site-field``: one field name, a comma-separated list, or a list of names."""
    names = value.split(",") if isinstance(value, str) else value
    if not isinstance(names, (list, tuple)) or not all(isinstance(n, str) and n.strip() for n in names):
        raise UsageError(f"{path}: site-field must be a field name or a list of names, not {value!r}")
    return tuple(n.strip() for n in names)


def _formats(table: Mapping[str, Any], path: Path) -> tuple[tuple[str, str], ...]:
    """``formats`` maps a glob over input paths, relative to the config's folder, to a format:
    ``"docs/**/*.txt" = "markdown"``. The globs are kept absolute, so a file named on the command line (as
    pre-commit passes them) matches as the same file found in a folder walk does."""
    from corpusclean.core.analysis import FORMATS

    for pattern, name in table.items():
        if name not in FORMATS:
            raise UsageError(f"{path}: formats.{pattern!r} must be one of {', '.join(FORMATS)}, not {name!r}")
    root = path.resolve().parent.as_posix().rstrip("/")
    return tuple((f"{root}/{pattern.lstrip('/')}", name) for pattern, name in table.items())


def _canonical(table: Mapping[str, Any], path: Path) -> dict[str, str]:
    """``[canonical]`` maps a spelling to the variants it replaces: ``"Rafiqa" = ["Rafiqah"]``."""
    pinned: dict[str, str] = {}
    for canonical, variants in table.items():
        if not isinstance(variants, list) or not all(isinstance(v, str) for v in variants):
            raise UsageError(f"{path}: canonical.{canonical} must be a list of spellings it replaces")
        for variant in variants:
            if variant in pinned and pinned[variant] != canonical:
                raise UsageError(f"{path}: {variant!r} is pinned to both {pinned[variant]!r} and {canonical!r}")
            pinned[variant] = canonical
    return pinned
