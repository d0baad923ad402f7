"""The effective rule set of a run: catalogue + config + command line, CLI flags winning."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from budgetcheck.catalogue import Rule, builtin_rules_dir, load_rules
from budgetcheck.config import Config
from budgetcheck.engine import Genres, RunOptions
from budgetcheck.findings import Severity
from budgetcheck.profiles import builtin_profiles_dir, load_profiles
from budgetcheck.selection import SelectionError, check_selectors, is_selected


@dataclass(frozen=True)
class Options:
    """What the command line says; None means 'not given' (the config file decides)."""

    select: list[str] | None = None
    extend_select: list[str] | None = None
    ignore: list[str] | None = None
    rules: list[Path] | None = None
    budget_year: int | None = None
    profile: str | None = None


@dataclass(frozen=True)
class Settings:
    rules: list[Rule]
    run: RunOptions = RunOptions()  # noqa: RUF009 - frozen

    @property
    def genres(self) -> Genres:
        return self.run.genres


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
    run = RunOptions(budget_year=options.budget_year or config.budget_year, genres=_genres(options, config), limits=config.limits.limits())
    return Settings(rules, run)


def _genres(options: Options, config: Config) -> Genres:
    profiles = load_profiles([builtin_profiles_dir(), *config.profiles])
    forced = options.profile or config.profile
    if forced is not None and forced not in profiles:
        raise SelectionError(f"--profile: no profile {forced!r} (known: {', '.join(sorted(profiles))})")
    return Genres(profiles, forced)


def selected_codes(codes: list[str], select: list[str], extend: list[str], ignore: list[str]) -> set[str]:
    check_selectors(codes, select=select, extend_select=extend, ignore=ignore)
    return {code for code in codes if is_selected(code, [*select, *extend], ignore)}


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
