"""``corpusclean rules`` and ``corpusclean explain``: the rule documentation, printed."""
from __future__ import annotations

import json
from pathlib import Path

import typer

from corpusclean.core.config import load_settings
from corpusclean.core.registry import RuleSet
from corpusclean.core.rule import SECTIONS


def list_rules(config: Path | None, output_format: str) -> None:
    settings = load_settings(config)
    ruleset = RuleSet(settings.packs, settings.rule_options)
    rows = [{"code": r.code, "name": r.name, "family": r.family, "fix": r.fix_availability,
             "default": r.default, "summary": r.doc.summary} for r in ruleset.rules.values()]
    if output_format == "json":
        typer.echo(json.dumps(rows, indent=2))
        return
    for row in rows:
        fix = {"always": "[*]", "sometimes": "[~]", "never": "   "}[row["fix"]]
        typer.echo(f"{row['code']}  {fix}  {row['name']:<22} {row['summary']}")
    typer.echo("\n[*] fix always available   [~] fix sometimes available")


def where_it_runs(rule) -> str:
    """The formats, languages and scripts a rule runs on by default, in words."""
    formats = ", ".join(rule.formats) if rule.formats else "every format"
    parts = [formats + (" (select it to run it on other formats)" if rule.formats else "")]
    if rule.languages:
        parts.append("prose in " + ", ".join(rule.languages))
    if rule.scripts:
        parts.append(", ".join(rule.scripts) + " script")
    return "; ".join(parts)


def explain_rule(code: str) -> None:
    rule = RuleSet(load_settings().packs).get(code)
    doc = rule.doc
    typer.echo(f"{rule.code} {rule.name}")
    typer.echo(f"\n{doc.summary}")
    typer.echo(f"\nFamily: {rule.family}   Fix: {rule.fix_availability}   Default: {'on' if rule.default else 'off'}"
               + (f"   Needs: {', '.join(rule.needs)}" if rule.needs else ""))
    typer.echo(f"Runs on: {where_it_runs(rule)}")
    for section in SECTIONS:
        if doc.sections.get(section):
            body = "\n".join(f"    {line}" if line else "" for line in doc.sections[section].splitlines())
            typer.echo(f"\n{section}:\n{body}")
