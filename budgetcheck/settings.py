"""The effective rule set of a run: catalogue + config + command line, CLI flags winning."""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal
from pathlib import Path

from budgetcheck.catalogue import Rule, builtin_rules_dir, load_rules
from budgetcheck.config import Config, default_config
from budgetcheck.engine import Genres, RunOptions
from budgetcheck.findings import Severity
from budgetcheck.profiles import builtin_profiles, builtin_profiles_dir, load_profiles
from budgetcheck.selection import SelectionError, check_selectors, is_selected, normalise, suggestion


@dataclass(frozen=True)
class Options:
    """What the command line says; None means 'not given' (the config file decides)."""

    select: list[str] | None = None
    extend_select: list[str] | None = None
    ignore: list[str] | None = None
    rules: list[Path] | None = None
    budget_year: int | None = None
    profile: str | None = None
    lang: str | None = None


@dataclass(frozen=True)
class Settings:
    rules: list[Rule]
    run: RunOptions = RunOptions()  # noqa: RUF009 - frozen
    lang: str | None = None  # interface language asked for (--lang, then the configuration); None: from the locale

    @property
    def genres(self) -> Genres:
        return self.run.genres


def resolve(options: Options, config: Config | None = None) -> Settings:
    config = config or default_config()
    catalogue = load_rules([builtin_rules_dir(), *config.rules, *(options.rules or [])])
    codes = [rule.code for rule in catalogue]
    names = rule_names(catalogue)
    severities = _severities(config, codes, names)
    select = options.select if options.select is not None else config.select
    chosen = selected_codes(
        codes,
        select=["ALL"] if select is None else select,
        extend=[*config.extend_select, *(options.extend_select or [])],
        ignore=[*config.ignore, *(options.ignore or [])],
        names=names,
    )
    rules = [_configured(rule, config, severities) for rule in catalogue if rule.code in chosen]
    run = RunOptions(budget_year=options.budget_year or config.budget_year, genres=_genres(options, config), limits=config.limits.limits())
    return Settings(rules, run, options.lang or config.lang)


def _genres(options: Options, config: Config) -> Genres:
    # Without a profile folder of the project's own: the built-in profiles, loaded once, which
    # genre detection knows it may prune (see profiles.detect).
    profiles = load_profiles([builtin_profiles_dir(), *config.profiles]) if config.profiles else builtin_profiles()
    forced = options.profile or config.profile
    if forced is not None and forced not in profiles:
        raise SelectionError(f"--profile: no profile {forced!r} (known: {', '.join(sorted(profiles))})")
    return Genres(profiles, forced)


def rule_names(rules: list[Rule]) -> dict[str, str]:
    """Rule name (lower case) → code: ``items-sum`` → ``A101``, so a name works wherever a code does."""
    return {rule.spec.name.lower(): rule.code for rule in rules}


def selected_codes(codes: list[str], select: list[str], extend: list[str], ignore: list[str], names: dict[str, str] | None = None) -> set[str]:
    check_selectors(codes, names, select=select, extend_select=extend, ignore=ignore)
    select, extend, ignore = normalise(select, names), normalise(extend, names), normalise(ignore, names)
    return {code for code in codes if is_selected(code, [*select, *extend], ignore)}


def _severities(config: Config, codes: list[str], names: dict[str, str]) -> dict[str, Severity]:
    """``[severity]`` by code; its keys may be codes or names."""
    found = {}
    for key, severity in config.severity.items():
        code = names.get(key.lower(), key.upper())
        if code not in codes:
            raise SelectionError(f"severity: {key!r} is not a rule code or name" + suggestion(key, [*codes, *names]))
        found[code] = Severity(severity)
    return found


def _configured(rule: Rule, config: Config, severities: dict[str, Severity]) -> Rule:
    spec, params = rule.spec, rule.params
    if rule.code in severities:
        spec = spec.model_copy(update={"severity": severities[rule.code]})
    updates: dict = {}
    if config.tolerance is not None and "tolerance" in type(params).model_fields:
        updates["tolerance"] = Decimal(config.tolerance)
    if config.required_sections is not None and rule.spec.kind == "required_sections":
        updates["sections"] = list(config.required_sections)
    if updates:
        params = params.model_copy(update=updates)
    return replace(rule, spec=spec, params=params)
