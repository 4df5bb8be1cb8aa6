"""Core types, rule base and registry, config, and the fixer."""
