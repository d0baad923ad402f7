"""Genres of budget text, as data: how to recognise each, its required sections, its rules.

A profile file (``profiles/*.yaml``) lists weighted signals; each text gets the
profile with the highest score (a signal counts at most ``cap`` times), or
``generic`` when none reaches ``min_score``. The reasons are kept so that
``inspect`` can say why. A profile without sections makes S101 silent; its
``select``/``ignore`` decide which rules run on texts of that genre.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from budgetcheck import timedregex
from budgetcheck.errors import CheckError
from budgetcheck.schema import RegexStr, error_line, load_folders, load_yaml
from budgetcheck.selection import is_selected
from budgetcheck.validated import cached

FALLBACK = "generic"


class ProfileError(Exception):
    """A profile file that cannot be used; the message names the file and field."""


class Signal(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    pattern: RegexStr = Field(description="regular expression searched in the text")
    weight: int = Field(1, ge=1)
    cap: int = Field(1, ge=1, description="most matches that count")
    why: str = Field(description="what a match shows, for `inspect`")


PartKind = Literal["cover", "toc", "chapter", "table", "project"]


class PartSpec(BaseModel):
    """How one kind of part of a publication starts: a title line matching ``title``."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    kind: PartKind
    title: RegexStr = Field(description="regular expression matched against a title line (spaces removed)")
    profile: str = Field(description="the genre the part's text is checked as")
    why: str = Field("", description="what the part is, for `inspect`")


class ChecklistItem(BaseModel):
    """One line of a review form (检查项目) and the recognised parts it stands for."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    name: str = Field(min_length=1, description="the item as the form names it: 封面, 收入预算总表, …")
    kind: PartKind | None = Field(None, description="the kind of part it is (none: any kind)")
    title: RegexStr = Field("", description="regular expression searched in the part's title line (spaces removed)")
    each: bool = Field(False, description="one row per matching part, named by its title (项目经费情况说明 blocks); else one row for all")


class ChecklistForm(BaseModel):
    """A review form (检查表): the parts a publication of one kind is expected to have, in order."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    name: str = Field(min_length=1, description="the form's title: 部门预算公开情况检查表")
    items: list[ChecklistItem] = Field(min_length=1)


class Profile(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    name: str = Field(pattern=r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")
    description: str
    detect: list[Signal] = []
    min_score: int = Field(4, ge=1, description="a lower score does not count as this genre")
    priority: int = Field(0, description="breaks ties between equal scores")
    sections: list[str] = Field([], description="required section titles, in order (S101)")
    aliases: dict[str, list[str]] = Field({}, description="other titles that stand for a required section")
    roles: dict[str, str] = Field({}, description="role (budget, plan, unit, name, …) → the section title that plays it")
    select: list[str] = ["ALL"]
    ignore: list[str] = []
    # A publication profile (部门预算, 决算) describes a whole file: its parts and their genres.
    parts: list[PartSpec] = Field([], description="the parts of a publication, tried in order on each title line")
    front: str = Field("generic", description="the genre of a publication's cover and 目录")
    checklists: list[ChecklistForm] = Field([], description="review forms for publications of this profile (`budgetcheck checklist`)")

    @property
    def is_publication(self) -> bool:
        return bool(self.parts)

    def allows(self, code: str) -> bool:
        return is_selected(code, self.select, self.ignore)


@dataclass(frozen=True)
class Detection:
    profile: Profile
    score: int
    reasons: tuple[str, ...]

    @property
    def why(self) -> str:
        return "; ".join(self.reasons) if self.reasons else "no genre recognised"


def builtin_profiles_dir() -> Path:
    packaged = Path(__file__).parent / "profiles"
    return packaged if packaged.is_dir() else Path(__file__).parent.parent / "profiles"


def load_profiles(directories: list[Path]) -> dict[str, Profile]:
    """Every ``*.yaml`` profile; a later directory overrides an earlier one by name (validated once: ``budgetcheck.validated``)."""
    return cached("profiles", directories, lambda: _load_profiles(directories))


def _load_profiles(directories: list[Path]) -> dict[str, Profile]:
    profiles = load_folders(directories, _load, lambda profile: profile.name, ProfileError, "profile")
    if FALLBACK not in profiles:
        raise ProfileError(f"no '{FALLBACK}' profile among {', '.join(map(str, directories))}")
    for profile in profiles.values():
        for named in (*(part.profile for part in profile.parts), profile.front):
            if named not in profiles:
                raise ProfileError(f"profile {profile.name}: parts name an unknown profile '{named}'")
    return profiles


@lru_cache(maxsize=1)
def builtin_profiles() -> dict[str, Profile]:
    return load_profiles([builtin_profiles_dir()])


def detect(text: str, profiles: dict[str, Profile]) -> Detection:
    """The genre of one text (publication profiles describe files, not texts: see ``publication``)."""
    candidates = [profile for profile in profiles.values() if profile.detect and not profile.is_publication]
    scored = _contenders(candidates, text) if _trusted(profiles) else [_score(profile, text) for profile in candidates]
    best = max(scored, key=lambda d: (d.score, d.profile.priority), default=None)
    if best is None or best.score < best.profile.min_score:
        return Detection(profiles[FALLBACK], best.score if best else 0, ())
    return best


def detect_publication(text: str, profiles: dict[str, Profile]) -> Detection | None:
    """The publication profile a whole file matches best, if any reaches its ``min_score``."""
    candidates = [profile for profile in profiles.values() if profile.is_publication]
    if _trusted(profiles) and len(candidates) == 1 and not _can_reach(candidates[0], text, candidates[0].min_score):
        return None  # most files: a few cheap signals missing already rule the publication out
    scored = [_score(profile, text) for profile in candidates]
    best = max(scored, key=lambda d: (d.score, d.profile.priority), default=None)
    return best if best is not None and best.score >= best.profile.min_score else None


def _trusted(profiles: dict[str, Profile]) -> bool:
    """Only the built-in profiles skip signals that cannot change the outcome: a pattern of a
    profile folder the user adds is always run, so one that runs away is reported, never hidden."""
    return profiles is builtin_profiles()


def _ceiling(profile: Profile) -> int:
    """The highest score a profile's signals can give."""
    return sum(signal.weight * signal.cap for signal in profile.detect)


def _contenders(candidates: list[Profile], text: str) -> list[Detection]:
    """The scores of the profiles that can still be the best, in the candidates' order.

    A profile whose ceiling is below a score already found cannot win (whatever its priority),
    so its signals are not searched: the best detection, its score and reasons stay the same.
    """
    found: dict[int, Detection] = {}
    floor = -1
    for position, profile in sorted(enumerate(candidates), key=lambda pair: -_ceiling(pair[1])):
        if _ceiling(profile) < floor:
            break  # sorted by ceiling: no later one can reach the best either
        detection = _score(profile, text)
        found[position] = detection
        floor = max(floor, detection.score)
    return [found[position] for position in sorted(found)]


def _can_reach(profile: Profile, text: str, target: int) -> bool:
    """Whether the profile's score can reach ``target``: its shortest (cheapest) patterns first,
    stopping as soon as the signals left cannot make up the difference."""
    score, left = 0, _ceiling(profile)
    for signal in sorted(profile.detect, key=lambda s: len(s.pattern)):
        if score + left < target:
            return False
        if score >= target:
            return True
        left -= signal.weight * signal.cap
        score += signal.weight * _count(profile, signal, text)
    return score >= target


def _count(profile: Profile, signal: Signal, text: str) -> int:
    try:  # profile files are data: their patterns run with a timeout
        return len(list(timedregex.finditer(signal.pattern, text, limit=signal.cap)))
    except CheckError as exc:
        raise CheckError(f"profile {profile.name}: {exc}") from None


def _score(profile: Profile, text: str) -> Detection:
    score, reasons = 0, []
    for signal in profile.detect:
        count = _count(profile, signal, text)
        if count:
            score += signal.weight * count
            reasons.append(f"{signal.why} ×{count} (+{signal.weight * count})")
    return Detection(profile, score, tuple(reasons))


def _load(path: Path) -> Profile:
    import yaml  # for its errors; only loading (not a cached catalogue) needs it

    try:
        raw = load_yaml(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ProfileError(f"{path}: cannot read profile ({exc})") from None
    try:
        return Profile.model_validate(raw)
    except ValidationError as exc:
        raise ProfileError(error_line(path, exc)) from None
