"""--jobs: worker processes give exactly the output of one process, on a generated corpus."""

import json
import os
import pickle
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from bench.corpus import generate
from budgetcheck import engine, parallel
from conftest import SAMPLES


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    paths = generate(folder, 240, seed=7)
    assert len(paths) > 2 * parallel.CHUNK  # enough files for the pool to be used
    (folder / "zz_binary.txt").write_bytes(b"\x00\x01\x02" * 100)  # an input problem among them
    return folder


def lint_json(*args):
    result = subprocess.run(
        [sys.executable, "-m", "budgetcheck", "lint", "--format", "json", *args],
        capture_output=True, text=True, encoding="utf-8",
    )
    return result


def test_jobs_1_and_2_print_the_same_report(corpus):
    one, two = lint_json("--jobs", "1", str(corpus)), lint_json("--jobs", "2", str(corpus))
    assert one.returncode == two.returncode == 2  # the binary file
    assert one.stdout == two.stdout and one.stderr == two.stderr
    report = json.loads(two.stdout)
    assert report["summary"]["documents"] == 240
    # every built-in rule fires somewhere in the corpus, N101 across files included
    assert {f["code"] for f in report["findings"]} >= {"A101", "A102", "A103", "C101", "N101", "N102", "S101", "S102", "S201", "S202", "S203"}
    assert len({f["path"] for f in report["findings"] if f["code"] == "N101"}) > 1


def test_pool_result_equals_in_process_result(corpus, builtin_rules, tmp_path):
    inputs = [str(tmp_path / "missing.txt"), str(corpus), str(SAMPLES)]
    alone = engine.lint_paths(inputs, builtin_rules)
    pooled = parallel.lint_paths(inputs, builtin_rules, jobs=2)
    assert [f.model_dump() for f in pooled.findings] == [f.model_dump() for f in alone.findings]
    assert [f.excerpt for f in pooled.findings] == [f.excerpt for f in alone.findings]
    assert (pooled.files, pooled.texts, pooled.problems) == (alone.files, alone.texts, alone.problems)
    assert pooled.problems[0].path.endswith("missing.txt")


def test_a_few_files_are_checked_in_process(monkeypatch, builtin_rules):
    def no_pool(*args, **kwargs):
        raise AssertionError("a pool was started for two files")

    monkeypatch.setattr("concurrent.futures.ProcessPoolExecutor", no_pool)
    assert parallel.lint_paths([str(SAMPLES / "clean")], builtin_rules, jobs=4).files == 2


def test_rules_survive_pickling(builtin_rules):
    """Workers started by spawn or forkserver receive the rules pickled."""
    copies = pickle.loads(pickle.dumps(builtin_rules))
    assert [r.spec for r in copies] == [r.spec for r in builtin_rules]
    assert all(r.kind is o.kind for r, o in zip(copies, builtin_rules))


@pytest.mark.skipif(not hasattr(os, "sched_getaffinity"), reason="Linux: CPUs this process may use")
def test_default_jobs_is_the_cpu_count():
    assert parallel.default_jobs() == len(os.sched_getaffinity(0))


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("big")
    generate(folder, 6000, seed=11)
    return folder


@pytest.mark.skipif(not Path("/proc/self/task").exists(), reason="watches worker processes through /proc")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_stops_cleanly_with_a_partial_summary(big_corpus, jobs):
    process = subprocess.Popen(
        [sys.executable, "-m", "budgetcheck", "lint", "--jobs", jobs, str(big_corpus)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, encoding="utf-8",
    )
    _wait_until_checking(process.pid, workers=jobs != "1")
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "Traceback" not in stderr and stdout == ""
    (line,) = stderr.strip().splitlines()
    files = int(line.split("interrupted after ")[1].split(" file")[0])
    assert line.startswith("budgetcheck: interrupted after ") and 0 < files < len(list(big_corpus.iterdir()))


def _wait_until_checking(pid, workers):
    """Until the run is under way: workers have had time to send results, or (in process) start-up is over."""
    deadline = time.monotonic() + 30
    while workers and len(Path(f"/proc/{pid}/task/{pid}/children").read_text().split()) < 2:
        assert time.monotonic() < deadline, "no worker processes started"
        time.sleep(0.05)
    time.sleep(0.7 if workers else 1.5)
