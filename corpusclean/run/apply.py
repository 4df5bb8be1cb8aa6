"""``corpusclean apply DECISIONS --out DIR``: the run of a report again, without what a reviewer rejected.

The report folder holds what the run needs: ``summary.json`` (inputs, config, rules, unsafe fixes) and the
pass-1 statistics (``statistics.json.gz``), so the corpus is read once, for pass 2, and the rules see the
very statistics they saw the first time. Rejected findings are matched by document, code, original offsets
and matched text; rejected decisions (a variant cluster, a learned line) by their evidence.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from corpusclean.core.config import Settings, load_settings
from corpusclean.core.errors import UsageError
from corpusclean.run.saved import STATISTICS_FILE
from corpusclean.run.session import Request, Totals, run

GROUP_KEYS = ("canonical", "learned-line")


@dataclass(frozen=True)
class Decisions:
    rejected: frozenset[tuple]
    rejected_groups: frozenset[tuple[str, str]]
    report_dir: Path
    words: tuple[str, ...]  # words of rejected spelling fixes, for --update-config


def read_decisions(path: Path, report: Path | None = None) -> Decisions:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        raise UsageError(f"{path}: cannot read decisions: {exc}") from None
    if not isinstance(data, dict) or data.get("schema_version") != 1:
        raise UsageError(f"{path}: not a decisions file of corpusclean (schema_version 1 expected)")
    try:
        rejected = frozenset((r["doc_id"], r["code"], int(r["start"]), int(r["end"]), r["matched"])
                             for r in data.get("rejected", []))
        groups = frozenset((g["key"], str(g["value"])) for g in data.get("rejected_groups", []))
    except (KeyError, TypeError, ValueError) as exc:
        raise UsageError(f"{path}: malformed decision: {exc}") from None
    unknown = sorted({key for key, _ in groups} - set(GROUP_KEYS))
    if unknown:
        raise UsageError(f"{path}: unknown decision group {unknown[0]!r} (known: {', '.join(GROUP_KEYS)})")
    folder = report or _report_dir(path, data)
    words = tuple(sorted({r[4] for r in rejected if r[1].startswith("SP")}))
    return Decisions(rejected, groups, folder, words)


def _report_dir(path: Path, data: dict[str, Any]) -> Path:
    for candidate in (path.parent, Path(data.get("report_dir") or "")):
        if (candidate / "summary.json").is_file():
            return candidate
    raise UsageError(f"{path}: cannot find the report it belongs to: pass --report DIR/report")


def run_summary(decisions: Decisions) -> dict[str, Any]:
    summary_path = decisions.report_dir / "summary.json"
    try:
        return json.loads(summary_path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise UsageError(f"{summary_path}: cannot read the run's summary: {exc}") from None


def run_config(decisions: Decisions) -> Path:
    """The config the reviewed run read, or a new ``corpusclean.toml`` in the folder it ran from (the
    project's, wherever `apply` is run from)."""
    summary = run_summary(decisions)
    base = Path(summary.get("working_dir") or ".")
    return base / (summary.get("config") or "corpusclean.toml")


def apply_decisions(decisions: Decisions, out: Path, **streams: Any) -> Totals:
    summary = run_summary(decisions)
    base = Path(summary.get("working_dir") or ".")
    config = summary.get("config")
    settings = load_settings(base / config) if config else Settings()
    settings = replace(settings, select=tuple(summary["rules"]), extend_select=(), ignore=(),
                       unsafe_fixes=summary.get("unsafe_fixes", False),
                       text_field=summary.get("text_field") or settings.text_field,
                       id_field=summary.get("id_field", settings.id_field), format=summary.get("format"),
                       explicit=tuple(summary.get("explicit", summary["rules"])))
    saved = decisions.report_dir / STATISTICS_FILE
    return run(Request("clean", [base / p for p in summary["inputs"]], settings, out=out,
                       saved_statistics=saved if saved.is_file() else None,
                       rejected=decisions.rejected, rejected_groups=decisions.rejected_groups, **streams))


def update_allow_words(config: Path, words: tuple[str, ...]) -> int:
    """Add ``words`` to the config's ``allow-words``, keeping the rest of the file (comments included) as it
    is; a new ``corpusclean.toml`` when there is no config. Returns how many words were new."""
    import tomlkit

    from corpusclean.io.atomic import write_bytes

    document = tomlkit.parse(config.read_text(encoding="utf-8")) if config.is_file() else tomlkit.document()
    table = document
    if config.name == "pyproject.toml":
        table = document.setdefault("tool", tomlkit.table()).setdefault("corpusclean", tomlkit.table())
    current = table.get("allow-words")
    if current is None:
        current = tomlkit.array()
        table["allow-words"] = current
    new = [w for w in words if w not in current]
    for word in new:
        current.append(word)
    write_bytes(config, tomlkit.dumps(document).encode("utf-8"))
    return len(new)
