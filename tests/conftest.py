"""Shared helpers: build project texts from section bodies and lint them with the built-in rules."""

from __future__ import annotations

import atexit
import os
import shutil
import sys
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from budgetcheck.catalogue import builtin_rules_dir, load_rules
from budgetcheck.engine import lint_sources
from budgetcheck.examples import build_text
from budgetcheck.source import source_from_text

# Report labels follow the locale (budgetcheck.i18n): the tests, and the commands they start, run in a neutral one.
for _name in ("LC_ALL", "LC_MESSAGES"):
    os.environ.pop(_name, None)
os.environ["LANG"] = "C.UTF-8"

REPO = Path(__file__).resolve().parent.parent
SAMPLES = REPO / "samples"
# Tests check fresh results; tests/test_cache.py turns the results cache on where it is the subject.
os.environ["BUDGETCHECK_NO_CACHE"] = "1"
# Validated rules and profiles are kept between runs (budgetcheck.validated): in a folder of this session, not the home.
os.environ["XDG_CACHE_HOME"] = _CACHE_HOME = tempfile.mkdtemp(prefix="budgetcheck-tests-")
atexit.register(shutil.rmtree, _CACHE_HOME, ignore_errors=True)
sys.path.insert(0, str(REPO))  # the bench corpus generator (bench/corpus.py) is shared with tests

# Property tests: a short run by default (CI), a long one with HYPOTHESIS_PROFILE=fuzz.
_SLOW_OK = [HealthCheck.too_slow, HealthCheck.data_too_large]
settings.register_profile("ci", max_examples=100, deadline=None, suppress_health_check=_SLOW_OK)
settings.register_profile("fuzz", max_examples=10_000, deadline=None, suppress_health_check=_SLOW_OK)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def make_text(heading: str | None = None, **bodies: str | None) -> str:
    """A clean project text; pass a section body to replace it, or None to drop the section."""
    return build_text(bodies, "" if heading is False else heading)


@pytest.fixture(scope="session")
def builtin_rules():
    return load_rules([builtin_rules_dir()])


@pytest.fixture
def lint_text(builtin_rules):
    """Lint one or more texts given as strings; returns the findings."""

    def run(*texts: str, codes: set[str] | None = None):
        sources = [source_from_text(t, f"t{i}.txt") for i, t in enumerate(texts, 1)]
        findings = lint_sources(sources, builtin_rules).findings
        return [f for f in findings if codes is None or f.code in codes]

    return run
