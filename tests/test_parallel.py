"""--jobs: worker processes give exactly the output of one process, on a generated corpus."""

import json
import os
import pickle
import subprocess
import sys

import pytest
from conftest import SAMPLES

from bench.corpus import generate
from budgetcheck import engine, parallel


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    folder = tmp_path_factory.mktemp("corpus")
    paths = generate(folder, 240, seed=7)
    assert len(paths) > parallel.POOL_FROM  # enough files for the pool to be used
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


def _pool_used(monkeypatch, folder, rules, cache=None):
    used = []
    real = parallel._in_pool

    def spy(items, *args):
        used.append(True)
        return real(items, *args)

    monkeypatch.setattr(parallel, "_in_pool", spy)
    result = parallel.lint_paths([str(folder)], rules, jobs=2, cache=cache)
    return bool(used), result


def _clean_text():
    return sorted((SAMPLES / "clean").iterdir())[0].read_text(encoding="utf-8")


@pytest.mark.parametrize(("files", "pooled"), [(parallel.POOL_FROM - 1, False), (parallel.POOL_FROM, True)])
def test_a_pool_from_so_many_small_files(monkeypatch, builtin_rules, tmp_path, files, pooled):
    for index in range(files):
        (tmp_path / f"{index:02}.txt").write_text(_clean_text(), encoding="utf-8")
    used, result = _pool_used(monkeypatch, tmp_path, builtin_rules)
    assert (used, result.files) == (pooled, files)


def test_a_pool_for_two_large_files(monkeypatch, builtin_rules, tmp_path):
    """A few PDFs take seconds each: they are worth the workers' start-up although they are few."""
    for name in ("a.txt", "b.txt"):
        (tmp_path / name).write_text(_clean_text() + "\n" * (parallel.POOL_FROM_BYTES // 2), encoding="utf-8")
    used, result = _pool_used(monkeypatch, tmp_path, builtin_rules)
    assert used and result.files == 2
    alone = engine.lint_paths([str(tmp_path)], builtin_rules)
    assert [f.model_dump() for f in result.findings] == [f.model_dump() for f in alone.findings]


def test_chunks_hold_few_files_and_large_ones_alone(tmp_path):
    small, large = tmp_path / "small.txt", tmp_path / "large.pdf"
    small.write_bytes(b"x" * 100)
    large.write_bytes(b"x" * parallel.CHUNK_BYTES)
    items = [str(small)] * (parallel.CHUNK + 1) + [str(large), str(small)]
    assert [len(c) for c in parallel._chunks(items)] == [parallel.CHUNK, 2, 1]


def test_files_from_the_cache_do_not_start_a_pool(monkeypatch, builtin_rules, tmp_path):
    from budgetcheck.cache import ResultsCache

    generate(tmp_path / "texts", 3 * parallel.POOL_FROM, seed=5)
    store = ResultsCache(tmp_path / "cache", builtin_rules, engine.RunOptions())
    assert _pool_used(monkeypatch, tmp_path / "texts", builtin_rules, store)[0]
    store = ResultsCache(tmp_path / "cache", builtin_rules, engine.RunOptions())
    used, result = _pool_used(monkeypatch, tmp_path / "texts", builtin_rules, store)
    assert not used and store.hits == result.files


def test_rules_survive_pickling(builtin_rules):
    """Workers started by spawn or forkserver receive the rules pickled."""
    copies = pickle.loads(pickle.dumps(builtin_rules))
    assert [r.spec for r in copies] == [r.spec for r in builtin_rules]
    assert all(r.kind is o.kind for r, o in zip(copies, builtin_rules))


@pytest.mark.skipif(not hasattr(os, "sched_getaffinity"), reason="Linux: CPUs this process may use")
def test_default_jobs_is_the_cpu_count():
    assert parallel.default_jobs() == len(os.sched_getaffinity(0))


# Ctrl-C once the 100th file's result is in: the signal goes to the whole process group (the
# workers too, as a terminal sends it) and interrupts the sleep at once, so no timing is involved.
CTRL_C_AFTER_100 = """
import os, signal, sys, time
from budgetcheck import cli, engine

original, added = engine.LintResult.add, []

def add(self, part, marks):
    original(self, part, marks)
    added.append(part.path)
    if len(added) == 100:
        os.killpg(0, signal.SIGINT)
        time.sleep(600)

engine.LintResult.add = add
sys.argv[0] = "budgetcheck"
cli.main()
"""


@pytest.mark.skipif(not hasattr(os, "killpg"), reason="POSIX process groups")
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_ctrl_c_stops_cleanly_with_a_partial_summary(corpus, jobs):
    process = subprocess.run(
        [sys.executable, "-c", CTRL_C_AFTER_100, "lint", "--jobs", jobs, str(corpus)],
        capture_output=True, text=True, encoding="utf-8", timeout=300, start_new_session=True, check=False,
    )
    assert process.returncode == 130, process.stderr
    assert "Traceback" not in process.stderr and process.stdout == ""
    (line,) = process.stderr.strip().splitlines()
    # The first 100 inputs are texts (the binary file sorts last), all checked before the interrupt.
    assert line.startswith("budgetcheck: interrupted after 100 file(s), "), line
