"""What every pack rule shares: identity and documentation come from its pack file."""
from __future__ import annotations

from typing import Any, ClassVar, Mapping

from corpusclean.core.findings import Safety
from corpusclean.core.rule import Rule, RuleDoc, build_options


class PackRule(Rule):
    PACK_KEYS: ClassVar[frozenset[str]] = frozenset()

    def __init__(self, spec, options: Mapping[str, Any]) -> None:
        self.spec = spec
        self.code = spec.code
        self.name = spec.name
        self.default = spec.data.get("default", True)
        for key in ("formats", "languages", "scripts"):  # see Rule: where the rule runs by default
            if key in spec.data:
                setattr(self, key, tuple(spec.data[key]))
        self.options = build_options(self.Options, options, spec.code)

    @property
    def doc(self) -> RuleDoc:
        return self.spec.doc

    def pack_safety(self, key: str = "safety", default: str = "safe") -> Safety:
        from corpusclean.core.errors import UsageError

        try:
            return Safety.parse(self.spec.data.get(key, default))
        except ValueError as exc:
            raise UsageError(f"{self.spec.path}: {exc}") from None
