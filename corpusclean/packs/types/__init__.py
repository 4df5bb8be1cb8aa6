"""The generic rule types a pack file can instantiate."""
from corpusclean.packs.types.consistency import ConsistencyRule
from corpusclean.packs.types.line_pattern import LinePatternRule
from corpusclean.packs.types.substitution import SubstitutionRule

RULE_TYPES = {"consistency": ConsistencyRule, "line-pattern": LinePatternRule, "substitution": SubstitutionRule}
