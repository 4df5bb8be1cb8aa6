"""Every rule, found once: Python rule modules under ``corpusclean.rules`` and declarative packs.

Selection follows ruff: ``select`` (or the default set) plus ``extend-select`` minus ``ignore``; a selector
is a code (``AR01``), a prefix (``SP``, ``AR0``), a kebab-case name (``stray-label-line``) or ``ALL``.
"""
from __future__ import annotations

import importlib
import pkgutil
from functools import cache
from pathlib import Path
from typing import Iterable, Mapping, Sequence

from corpusclean.core.errors import UsageError, closest
from corpusclean.core.rule import FAMILIES, Rule


@cache
def python_rule_classes() -> tuple[type[Rule], ...]:
    import corpusclean.rules as package

    for module in pkgutil.walk_packages(package.__path__, package.__name__ + "."):
        importlib.import_module(module.name)
    found: list[type[Rule]] = []
    stack = list(Rule.__subclasses__())
    while stack:
        cls = stack.pop()
        stack.extend(cls.__subclasses__())
        if "code" in cls.__dict__ and cls.__module__.startswith(package.__name__ + "."):
            found.append(cls)
    return tuple(found)


class RuleSet:
    """The rules available to a run: built-in Python rules plus the rules of every pack."""

    def __init__(self, extra_packs: Sequence[Path] = (), options: Mapping[str, Mapping] | None = None) -> None:
        from corpusclean.packs.loader import load_packs

        options = dict(options or {})
        self.rules: dict[str, Rule] = {}
        specs: list[tuple[str, str, object]] = [(c.code, c.name, c) for c in python_rule_classes()]
        specs += [(p.code, p.name, p) for p in load_packs(extra_packs)]
        by_name = {name: code for code, name, _ in specs}
        for key in options:
            if key not in by_name and key not in by_name.values():
                raise UsageError(f"options for unknown rule {key!r}{closest(key, [*by_name, *by_name.values()])}")
        origins: dict[str, str] = {}
        for code, name, factory in specs:
            origin = str(factory.path) if hasattr(factory, "path") else f"{factory.__module__}.{factory.__name__}"
            if code in self.rules:
                raise UsageError(f"two rules share the code {code}: {origins[code]} and {origin}")
            origins[code] = origin
            rule_options = {**options.get(code, {}), **options.get(name, {})}
            self.rules[code] = factory(rule_options) if isinstance(factory, type) else factory.build(rule_options)
        self.rules = dict(sorted(self.rules.items()))

    def resolve(self, selector: str) -> set[str]:
        """Codes matched by one selector; an unknown selector is a usage error naming the closest."""
        if selector == "ALL":
            return set(self.rules)
        if selector in FAMILIES or any(code.startswith(selector) for code in self.rules):
            return {code for code in self.rules if code.startswith(selector)}
        named = {code for code, rule in self.rules.items() if rule.name == selector}
        if named:
            return named
        choices = [*self.rules, *(r.name for r in self.rules.values())]
        raise UsageError(f"unknown rule selector {selector!r}{closest(selector, choices)}")

    def select(self, select: Iterable[str] | None = None, extend: Iterable[str] = (),
               ignore: Iterable[str] = ()) -> list[Rule]:
        chosen: set[str] = set()
        if select is None:
            chosen = {code for code, rule in self.rules.items() if rule.default}
        else:
            for selector in select:
                chosen |= self.resolve(selector)
        for selector in extend:
            chosen |= self.resolve(selector)
        for selector in ignore:
            chosen -= self.resolve(selector)
        return [self.rules[code] for code in sorted(chosen)]

    def named(self, select: Iterable[str] | None, extend: Iterable[str] = ()) -> set[str]:
        """The codes the user selected one by one, by code or name: they run on every format. A family or
        prefix (`AR`, `ALL`) keeps each rule's own formats: `select = ["AR", "EN"]` in a config must
        not make EN02 decode the entities of a Markdown page."""
        return {code for selector in [*(select or ()), *extend] for code, rule in self.rules.items()
                if selector in (code, rule.name)}

    def get(self, code_or_name: str) -> Rule:
        for code, rule in self.rules.items():
            if code_or_name.upper() == code or code_or_name == rule.name:
                return rule
        choices = [*self.rules, *(r.name for r in self.rules.values())]
        raise UsageError(f"unknown rule {code_or_name!r}{closest(code_or_name, choices)}")
