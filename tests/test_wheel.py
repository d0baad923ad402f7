"""The built wheel, installed away from the repository, still finds its rule catalogue."""

import json
import os
import shutil
import subprocess
import sys

import pytest
from conftest import REPO, SAMPLES

pytest.importorskip("hatchling", reason="building the wheel needs the test extra (hatchling)")


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    build = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(build), str(REPO)],
        check=True, capture_output=True,
    )
    (wheel,) = build.glob("budgetcheck-*.whl")
    target = tmp_path_factory.mktemp("site")
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(target), str(wheel)],
        check=True, capture_output=True,
    )
    return target


def test_installed_wheel_lints_with_packaged_rules(installed, tmp_path):
    shutil.copytree(SAMPLES, tmp_path / "samples")
    env = {**os.environ, "PYTHONPATH": str(installed)}
    where = subprocess.run(
        [sys.executable, "-c", "import budgetcheck.catalogue as c, budgetcheck.profiles as p; print(c.builtin_rules_dir()); print(p.builtin_profiles_dir())"],
        capture_output=True, text=True, cwd=tmp_path, env=env, check=True,
    )
    assert where.stdout.split() == [str(installed / "budgetcheck" / "rules"), str(installed / "budgetcheck" / "profiles")]
    result = subprocess.run(
        [sys.executable, "-m", "budgetcheck", "lint", "--format", "json", "samples/"],
        capture_output=True, text=True, encoding="utf-8", cwd=tmp_path, env=env,
    )
    assert result.returncode == 1, result.stderr
    codes = {f["code"] for f in json.loads(result.stdout)["findings"]}
    assert {"A101", "A102", "A103", "N101", "N102", "S201", "S202"} <= codes
