"""The generic rule types a pack file can instantiate."""
from corpusclean.packs.types.line_pattern import LinePatternRule
from corpusclean.packs.types.substitution import SubstitutionRule

RULE_TYPES = {"line-pattern": LinePatternRule, "substitution": SubstitutionRule}
