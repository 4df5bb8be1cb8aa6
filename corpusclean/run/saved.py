"""Pass-1 statistics saved beside a report (`report/statistics.json.gz`) and read back by `apply`.

The collectors' states are plain JSON-able data (DESIGN §3); they are saved before ``finalize`` so that a
later run rebuilds exactly the frozen statistics of the first one without reading the corpus again.
"""
from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

from corpusclean.core.errors import UsageError
from corpusclean.io.atomic import write_bytes

STATISTICS_FILE = "statistics.json.gz"
# Statistics committed with a project (`corpusclean stats . --save .corpusclean/stats.json.gz`): a hook
# that sees a few staged files at a time then judges them by the whole project, whatever the batch.
PROJECT_STATISTICS = Path(".corpusclean") / "stats.json.gz"
SCHEMA_VERSION = 3  # 2: token counts are of prose only; the code vocabulary (`code`); 3: exact and per-site line counts


def save_states(path: Path, states: dict[str, Any]) -> None:
    """JSON, gzipped when the name ends in ``.gz``."""
    # Keys sorted: counts gathered in set order (which varies between processes) still save the same bytes.
    # Sorted here, once per map (native states export theirs sorted), not by the encoder at every level.
    plain = {name: _plain(name, states[name]) if _collector(name) else _sorted(states[name]) for name in sorted(states)}
    data = json.dumps({"schema_version": SCHEMA_VERSION, "states": plain}, ensure_ascii=False).encode("utf-8")
    write_bytes(path, gzip.compress(data, compresslevel=1, mtime=0) if path.name.endswith(".gz") else data)


def _sorted(value: Any) -> Any:
    """``value`` with the keys of every dict in it in sorted order, as ``json.dumps(sort_keys=True)`` writes
    them; a map of counts is sorted by one C-level call."""
    if not isinstance(value, dict):
        return value
    if not any(isinstance(item, dict) for item in value.values()):
        return dict(sorted(value.items()))
    return {key: _sorted(value[key]) for key in sorted(value)}


def load_states(path: Path, plan) -> dict[str, Any]:
    """The saved states of the collectors ``plan`` needs; a clear error when the file cannot serve."""
    try:
        raw = path.read_bytes()
        data = json.loads(gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw)
    except (OSError, ValueError, EOFError) as exc:
        raise UsageError(f"{path}: cannot read saved statistics: {exc}") from None
    if not isinstance(data, dict) or data.get("schema_version") != SCHEMA_VERSION:
        raise UsageError(f"{path}: not saved statistics of corpusclean (schema_version {SCHEMA_VERSION} expected)")
    states = data.get("states", {})
    missing = [name for name in plan.needs if name not in states]
    if missing:
        raise UsageError(f"{path}: the saved statistics lack {', '.join(missing)} (saved for other rules): "
                         f"save them again with `corpusclean stats CORPUS --save {path}`")
    try:
        return {name: _revive(name, states[name]) for name in plan.needs}
    except (KeyError, TypeError, ValueError, AttributeError, OverflowError) as exc:  # a negative count too
        raise UsageError(f"{path}: saved statistics are damaged ({exc!r}): save them again") from None


def project_statistics(config: Path | None) -> Path | None:
    """The project's committed statistics, beside its config (or in the current folder), if any."""
    path = (config.parent if config else Path()) / PROJECT_STATISTICS
    return path if path.is_file() else None


def _collector(name: str):
    """The collector of ``name`` when its states are native objects that convert to and from JSON-able
    data (``to_plain``, ``from_plain``)."""
    from corpusclean.stats import COLLECTORS

    collector = COLLECTORS.get(name)
    return collector if hasattr(collector, "to_plain") else None


def _plain(name: str, state: Any) -> Any:
    collector = _collector(name)
    return collector.to_plain(state) if collector else state


def _revive(name: str, state: Any) -> Any:
    """Native states are rebuilt by their collector; Counters come back as dicts, which the other
    collectors' merge and finalize read as mappings."""
    from collections import Counter

    if collector := _collector(name):
        return collector.from_plain(state)
    if isinstance(state, dict):
        return {k: Counter(v) if isinstance(v, dict) else v for k, v in state.items()}
    return state
