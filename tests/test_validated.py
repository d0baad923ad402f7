"""The validated catalogue kept between runs: the same rules as validating, and never stale.

``budgetcheck.validated`` stores the rules and profiles a run validated; these tests
change each thing the stored objects depend on and check that the next load sees it,
and that a cache folder that cannot be used, or a damaged or foreign file, just means
validating again with the same errors.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from test_catalogue import GOOD  # the same well-formed user rule

from budgetcheck import validated
from budgetcheck.catalogue import RuleError, builtin_rules_dir, load_rules
from budgetcheck.profiles import builtin_profiles_dir, load_profiles


@pytest.fixture
def cache_home(tmp_path, monkeypatch):
    home = tmp_path / "cache-home"
    monkeypatch.setenv("XDG_CACHE_HOME", str(home))
    monkeypatch.delenv(validated.ENV_OFF, raising=False)
    return home / "budgetcheck"



def _uncached(directories):
    os.environ[validated.ENV_OFF] = "1"
    try:
        return load_rules(directories)
    finally:
        del os.environ[validated.ENV_OFF]


def _plain(value):
    """A value with compiled patterns (a kind's private state) as their source and flags, which compare."""
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if hasattr(value, "pattern") and hasattr(value, "flags"):
        return ("pattern", value.pattern, value.flags)
    return value


def _same(these, those) -> bool:
    def view(rule):
        return rule.spec, rule.path, type(rule.params), rule.params.__dict__, _plain(rule.params.__pydantic_private__)

    return [view(r) for r in these] == [view(r) for r in those]


def _stored(folder: Path) -> list[Path]:
    return sorted(folder.glob("*.pickle")) if folder.is_dir() else []


def test_a_stored_catalogue_equals_a_validated_one(cache_home):
    first = load_rules([builtin_rules_dir()])
    assert len(_stored(cache_home)) == 1
    again = load_rules([builtin_rules_dir()])
    assert _same(again, first) and _same(again, _uncached([builtin_rules_dir()]))
    profiles = load_profiles([builtin_profiles_dir()])
    assert load_profiles([builtin_profiles_dir()]) == profiles


def test_a_changed_rule_file_is_validated_again(cache_home, tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "X101.yaml").write_text(GOOD, encoding="utf-8")
    before = {r.code: r for r in load_rules([builtin_rules_dir(), folder])}
    assert before["X101"].spec.severity.value == "warning"
    (folder / "X101.yaml").write_text(GOOD.replace("severity: warning", "severity: error"), encoding="utf-8")
    after = {r.code: r for r in load_rules([builtin_rules_dir(), folder])}
    assert after["X101"].spec.severity.value == "error"
    (folder / "X102.yaml").write_text(GOOD.replace("X101", "X102"), encoding="utf-8")
    assert "X102" in {r.code for r in load_rules([builtin_rules_dir(), folder])}


def test_a_bad_rule_file_gives_its_error_every_time_and_is_never_stored(cache_home, tmp_path):
    folder = tmp_path / "rules"
    folder.mkdir()
    (folder / "X101.yaml").write_text(GOOD.replace("severity: warning", "severity: loud"), encoding="utf-8")
    messages = []
    for _ in range(2):
        with pytest.raises(RuleError) as error:
            load_rules([folder])
        messages.append(str(error.value))
    assert messages[0] == messages[1] and "severity" in messages[0]
    assert _stored(cache_home) == []
    with pytest.raises(RuleError, match="rule folder not found"):
        load_rules([tmp_path / "missing"])


def test_the_code_the_package_version_and_pydantic_are_in_the_key(cache_home, monkeypatch):
    directories = [builtin_rules_dir()]
    key = validated._key("rules", directories)
    assert key == validated._key("rules", directories)
    monkeypatch.setattr(validated, "code_stamp", lambda: b"a module changed")
    assert validated._key("rules", directories) != key
    monkeypatch.undo()
    monkeypatch.setattr(validated, "__version__", "9.9.9")
    assert validated._key("rules", directories) != key
    monkeypatch.undo()
    monkeypatch.setattr(validated, "_pydantic_version", lambda: "0.0")
    assert validated._key("rules", directories) != key


def test_touching_a_module_changes_the_code_stamp(tmp_path, monkeypatch):
    package = tmp_path / "budgetcheck"
    (package / "checks").mkdir(parents=True)
    module = package / "checks" / "kind.py"
    module.write_text("x = 1\n")
    monkeypatch.setattr(validated, "__file__", str(package / "validated.py"))
    stamp = validated.code_stamp()
    module.write_text("x = 22\n")
    assert validated.code_stamp() != stamp
    deeper = package / "readers" / "office"  # every folder of the package, however deep
    deeper.mkdir(parents=True)
    (deeper / "docx.py").write_text("y = 1\n")
    stamp = validated.code_stamp()
    assert b"readers/office/docx.py 6 " in stamp
    (deeper / "docx.py").write_text("y = 10\n")
    assert validated.code_stamp() != stamp
    (package / "__pycache__").mkdir()
    (package / "__pycache__" / "kind.cpython-311.py").write_text("compiled\n")
    assert validated.code_stamp() == validated.code_stamp() and b"__pycache__" not in validated.code_stamp()


def test_a_damaged_or_foreign_file_means_validating_again(cache_home):
    load_rules([builtin_rules_dir()])
    (stored,) = _stored(cache_home)
    good = stored.read_bytes()
    expected = _uncached([builtin_rules_dir()])
    for damaged in (good[: len(good) // 2], good[:-40] + b"\x00" * 40, b"garbage", b""):
        stored.write_bytes(damaged)
        assert _same(load_rules([builtin_rules_dir()]), expected)
    stored.write_bytes(good)
    os.chmod(stored, 0o666)  # writable by others: never unpickled
    assert validated._read(stored, validated._key("rules", [builtin_rules_dir()])) is None
    assert _same(load_rules([builtin_rules_dir()]), expected)


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes anywhere")
def test_a_read_only_cache_folder_just_validates(cache_home):
    cache_home.parent.mkdir(parents=True)
    os.chmod(cache_home.parent, 0o500)
    try:
        assert _same(load_rules([builtin_rules_dir()]), _uncached([builtin_rules_dir()]))
    finally:
        os.chmod(cache_home.parent, 0o700)


def test_a_cache_folder_that_is_a_file_just_validates(cache_home):
    cache_home.parent.mkdir(parents=True)
    cache_home.write_text("not a folder")
    assert _same(load_rules([builtin_rules_dir()]), _uncached([builtin_rules_dir()]))


def test_lint_runs_without_a_home(tmp_path):
    env = {key: value for key, value in os.environ.items() if key not in ("HOME", "XDG_CACHE_HOME", validated.ENV_OFF)}
    env["HOME"] = str(tmp_path / "no-such-home")
    sample = Path(__file__).resolve().parent.parent / "samples"
    runs = [subprocess.run([sys.executable, "-m", "budgetcheck", "lint", "--format", "json", str(sample)], env=env, capture_output=True) for _ in range(2)]
    assert [r.returncode for r in runs] == [1, 1] and runs[0].stdout == runs[1].stdout
    assert runs[0].stderr == runs[1].stderr == b""
