"""Configuration files: ``budgetcheck.toml`` or ``[tool.budgetcheck]`` in ``pyproject.toml``.

Found by walking up from the current folder; the nearest file wins. Keys mirror
the command line (``select``, ``ignore``, ``extend-select``, ``rules``) plus
settings that only make sense in a file (per-code severities, sum tolerance,
required sections, budget year). Unknown keys and bad values are errors that
name the file and the key.
"""

from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from budgetcheck.findings import Severity
from budgetcheck.schema import error_line

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

CONFIG_NAME = "budgetcheck.toml"


class ConfigError(Exception):
    """A configuration file that cannot be used; the message names file and key."""


class Config(BaseModel):
    model_config = ConfigDict(extra="forbid", alias_generator=lambda name: name.replace("_", "-"), populate_by_name=False)

    select: list[str] | None = Field(None, description="rule codes or prefixes to check (default: all)")
    extend_select: list[str] = Field([], description="codes or prefixes added to the selection")
    ignore: list[str] = Field([], description="codes or prefixes not to check")
    rules: list[Path] = Field([], description="extra rule folders, relative to the configuration file")
    severity: dict[str, Severity] = Field({}, description="severity per rule code, e.g. T102 = \"warning\"")
    tolerance: Decimal | None = Field(None, ge=0, description="largest difference in yuan still counted as equal")
    required_sections: list[str] | None = Field(None, min_length=1, description="section titles S101 requires, in order")
    budget_year: int | None = Field(None, ge=1949, le=2200, description="budget year used instead of each text's heading")
    profile: str | None = Field(None, description="genre for every text instead of detecting it, e.g. project-text")
    profiles: list[Path] = Field([], description="extra profile folders, relative to the configuration file")


def find_config(start: Path) -> Path | None:
    """The nearest budgetcheck.toml, or pyproject.toml with a [tool.budgetcheck] table, at or above ``start``."""
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
        pyproject = folder / "pyproject.toml"
        if pyproject.is_file() and "budgetcheck" in _read_toml(pyproject).get("tool", {}):
            return pyproject
    return None


def load_config(path: Path) -> Config:
    data = _read_toml(path)
    if path.name == "pyproject.toml":
        data = data.get("tool", {}).get("budgetcheck", {})
    try:
        config = Config.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(error_line(path, exc)) from None
    base = path.parent
    return config.model_copy(
        update={"rules": [base / folder for folder in config.rules], "profiles": [base / folder for folder in config.profiles]}
    )


def _read_toml(path: Path) -> dict:
    try:
        with path.open("rb") as handle:
            return tomllib.load(handle)
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{path}: invalid TOML ({exc})") from None
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from None
