"""The effective rule set of a run: catalogue + config + command line, CLI flags winning.

Selection works like ruff's: ``select`` and ``ignore`` take codes or prefixes
(``A``, ``S1``, ``T102``, ``ALL``); where both match a code, the longer (more
specific) selector wins, and on a tie ``ignore`` wins.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from budgetcheck.catalogue import Rule, builtin_rules_dir, load_rules
from budgetcheck.config import Config
from budgetcheck.findings import Severity


class SelectionError(Exception):
    """A selector that matches no rule; the message says which option holds it."""


@dataclass(frozen=True)
class Options:
    """What the command line says; None means 'not given' (the config file decides)."""

    select: list[str] | None = None
    extend_select: list[str] | None = None
    ignore: list[str] | None = None
    rules: list[Path] | None = None
    budget_year: int | None = None


@dataclass(frozen=True)
class Settings:
    rules: list[Rule]
    budget_year: int | None = None


def resolve(options: Options, config: Config | None = None) -> Settings:
    config = config or Config()
    catalogue = load_rules([builtin_rules_dir(), *config.rules, *(options.rules or [])])
    codes = [rule.code for rule in catalogue]
    unknown = sorted(set(config.severity) - set(codes))
    if unknown:
        raise SelectionError(f"severity: {unknown[0]!r} is not a rule code")
    select = options.select if options.select is not None else config.select
    chosen = selected_codes(
        codes,
        select=["ALL"] if select is None else select,
        extend=[*config.extend_select, *(options.extend_select or [])],
        ignore=[*config.ignore, *(options.ignore or [])],
    )
    rules = [_configured(rule, config) for rule in catalogue if rule.code in chosen]
    return Settings(rules, options.budget_year or config.budget_year)


def selected_codes(codes: list[str], select: list[str], extend: list[str], ignore: list[str]) -> set[str]:
    for option, selectors in (("select", select), ("extend-select", extend), ("ignore", ignore)):
        for selector in selectors:
            if selector != "ALL" and not any(code.startswith(selector) for code in codes):
                raise SelectionError(f"--{option}: {selector!r} matches no rule code")
    return {code for code in codes if _specificity(code, [*select, *extend]) > _specificity(code, ignore)}


def _specificity(code: str, selectors: list[str]) -> int:
    """Length of the longest selector matching ``code`` (ALL counts as 0); -1 if none."""
    lengths = [0 if s == "ALL" else len(s) for s in selectors if s == "ALL" or code.startswith(s)]
    return max(lengths, default=-1)


def _configured(rule: Rule, config: Config) -> Rule:
    spec, params = rule.spec, rule.params
    if rule.code in config.severity:
        spec = spec.model_copy(update={"severity": Severity(config.severity[rule.code])})
    updates: dict = {}
    if config.tolerance is not None and "tolerance" in type(params).model_fields:
        updates["tolerance"] = Decimal(config.tolerance)
    if config.required_sections is not None and rule.spec.kind == "required_sections":
        updates["sections"] = list(config.required_sections)
    if updates:
        params = params.model_copy(update=updates)
    return replace(rule, spec=spec, params=params)
