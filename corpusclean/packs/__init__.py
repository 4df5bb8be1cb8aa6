"""Declarative rule packs: TOML files under ``rules/`` compiled into the same Rule interface."""
