"""The plan of a run, from its settings: the selected rules, the fix policy, the words allowed. Every
executor (serial, process pool, Ray workers) builds or receives its plan from here, and depends on
nothing above it."""
from __future__ import annotations

from corpusclean.core.config import Settings
from corpusclean.core.errors import UsageError
from corpusclean.core.fixer import FixPolicy
from corpusclean.core.registry import RuleSet
from corpusclean.io.sources import InputOptions
from corpusclean.packs.loader import accepted_words
from corpusclean.run.stages import Plan


def build_plan(settings: Settings, apply: bool, rejected: frozenset = frozenset(),
               rejected_groups: frozenset = frozenset()) -> Plan:
    ruleset = RuleSet(settings.packs, settings.rule_options)
    for prefix in settings.safety_overrides:  # a code that matches no rule is a typo in the config
        if not any(code.startswith(prefix) for code in ruleset.rules):
            where = f"{settings.source}: " if settings.source else ""
            raise UsageError(f"{where}extend-safe-fixes/extend-unsafe-fixes: {prefix!r} matches no rule code "
                             "(a code such as SP01, or a prefix such as SP)")
    rules = ruleset.select(settings.select, settings.extend_select, settings.ignore)
    explicit = (ruleset.named(settings.select, settings.extend_select) if settings.explicit is None
                else set(settings.explicit))
    policy = FixPolicy(apply=apply, unsafe=settings.unsafe_fixes, overrides=settings.safety_overrides,
                       rejected=rejected, rejected_groups=rejected_groups)
    return Plan(tuple(rules), policy, settings.allow_words | accepted_words(settings.packs),
                tuple(sorted(settings.canonical.items())), frozenset(explicit), settings.time_budget)


def input_options(settings: Settings, in_place: bool = False) -> InputOptions:
    return InputOptions(settings.text_field, settings.id_field, settings.format, settings.formats, in_place,
                        settings.site_fields)
