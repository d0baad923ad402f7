"""The results cache: a hit reports exactly what checking the file again reports, and nothing stale survives."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from conftest import REPO, SAMPLES, make_text

from bench.corpus import generate
from budgetcheck import cache, engine, parallel
from budgetcheck.findings import Location
from budgetcheck.reporters import FORMATS, get
from budgetcheck.settings import Options, resolve

REAL_DOCS = REPO / "tests" / "data" / "real-docs"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory):
    """Generated texts (N101 across files among their slips), the samples and a real .docx and .pdf."""
    folder = tmp_path_factory.mktemp("cached")
    generate(folder / "gen", 150, seed=3)
    shutil.copytree(SAMPLES, folder / "samples")
    for pattern in ("*.docx", "*.pdf"):
        for path in sorted(REAL_DOCS.glob(pattern))[:1]:
            shutil.copy(path, folder / path.name)
    return folder


def env(**extra):
    clean = {k: v for k, v in os.environ.items() if not k.startswith("BUDGETCHECK_")}
    return {**clean, **extra}


def lint(*args, cwd=None, **extra):
    return subprocess.run(
        [sys.executable, "-m", "budgetcheck", "lint", *args], capture_output=True, text=True, encoding="utf-8", cwd=cwd, env=env(**extra)
    )


def render(result, name):
    stream = StringIO()
    get(name)(result, stream)
    return stream.getvalue()


def in_process(paths, folder, jobs=1, settings=None):
    settings = settings or resolve(Options())
    store = cache.open_cache(folder, settings.rules, settings.run) if folder is not None else None
    return parallel.lint_paths([str(p) for p in paths], settings.rules, settings.run, jobs, store), store


def test_hits_render_every_format_byte_for_byte_as_a_cold_run(corpus, tmp_path):
    cold, _ = in_process([corpus], None)
    first, store = in_process([corpus], tmp_path / "c")
    assert store.hits == 0
    warm, store = in_process([corpus], tmp_path / "c")
    files = cold.files
    assert store.hits == files > 80  # every file came from the cache (none of these has a problem)
    assert any(f.code == "N101" for f in warm.findings)  # the run-wide rule still sees every text
    assert any(f.data.get("page") for f in warm.findings)  # a .pdf among them
    for name in FORMATS:
        expected = render(cold, name)
        assert render(first, name) == expected, name
        assert render(warm, name) == expected, name


def test_the_cli_reports_the_same_from_the_cache_and_writes_its_folder(corpus, tmp_path):
    cold = lint("--no-cache", str(corpus), cwd=tmp_path)
    runs = [lint(str(corpus), cwd=tmp_path) for _ in range(2)]
    for run in runs:
        assert (run.returncode, run.stdout, run.stderr) == (cold.returncode, cold.stdout, cold.stderr)
    folder = tmp_path / ".budgetcheck_cache"
    assert (folder / "CACHEDIR.TAG").read_text(encoding="utf-8").startswith("Signature: 8a477f597d28d172789f06886806bc55")
    assert (folder / ".gitignore").read_text(encoding="utf-8").splitlines()[-1] == "*"
    assert list(folder.rglob("*.jsonl"))


def test_the_cache_lives_next_to_the_configuration(tmp_path):
    (tmp_path / "budgetcheck.toml").write_text('ignore = ["T102"]\n', encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text(make_text(), encoding="utf-8")
    lint("a.txt", cwd=tmp_path / "sub")
    assert (tmp_path / ".budgetcheck_cache").is_dir() and not (tmp_path / "sub" / ".budgetcheck_cache").exists()


def _one_text(tmp_path, body="办公费50,000.00元。"):
    path = tmp_path / "t.txt"
    path.write_text(make_text(**{"六、资金安排情况": f"项目预算50,000.00元，分别是：{body}"}), encoding="utf-8")
    return path


def test_a_changed_file_is_checked_again(tmp_path):
    path = _one_text(tmp_path)
    assert lint("--format", "json", str(path), cwd=tmp_path).returncode == 0
    _one_text(tmp_path, "办公费40,000.00元，会议费20,000.00元。")  # now breaks A101
    warm, cold = lint("--format", "json", str(path), cwd=tmp_path), lint("--no-cache", "--format", "json", str(path), cwd=tmp_path)
    assert warm.stdout == cold.stdout and "A101" in {f["code"] for f in json.loads(warm.stdout)["findings"]}


def test_a_changed_configuration_or_rule_is_not_served_old_results(tmp_path):
    path = _one_text(tmp_path, "办公费40,000.00元，会议费20,000.00元。")
    assert json.loads(lint("--format", "json", "t.txt", cwd=tmp_path).stdout)["findings"][0]["severity"] == "error"
    (tmp_path / "budgetcheck.toml").write_text('[severity]\nA101 = "info"\n', encoding="utf-8")
    found = json.loads(lint("--format", "json", "t.txt", cwd=tmp_path).stdout)["findings"]
    assert [f["severity"] for f in found if f["code"] == "A101"] == ["info"]
    # a rule folder that replaces A101 with another message
    rules = tmp_path / "my-rules"
    rules.mkdir()
    text = next(p for p in (REPO / "rules").glob("*.yaml") if "code: A101" in p.read_text(encoding="utf-8")).read_text(encoding="utf-8")
    rules.joinpath("A101.yaml").write_text(text.replace("message: ", "message: 改过的规则：", 1), encoding="utf-8")
    for _ in range(2):
        found = json.loads(lint("--format", "json", "--rules", str(rules), str(path), cwd=tmp_path).stdout)["findings"]
        assert [f["message"].startswith("改过的规则：") for f in found if f["code"] == "A101"] == [True]
    assert lint("--format", "json", "--budget-year", "2030", "t.txt", cwd=tmp_path).stdout == lint(
        "--no-cache", "--format", "json", "--budget-year", "2030", "t.txt", cwd=tmp_path
    ).stdout


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.jsonl"))


@pytest.mark.parametrize("damage", ["payload", "checksum", "schema", "pages", "truncated", "foreign", "binary"])
def test_a_corrupt_entry_is_ignored(corpus, tmp_path, damage):
    cold, _ = in_process([corpus / "samples"], None)
    in_process([corpus / "samples"], tmp_path)
    for shard in _entries(tmp_path):
        text = shard.read_text(encoding="utf-8")
        head, *lines = text.split("\n")
        if damage == "payload":  # a changed character: the checksum no longer holds
            lines = [line[:-1] + " }" for line in lines]
        elif damage == "checksum":
            lines = ["0" * 16 + line[16:] for line in lines]
        elif damage == "schema":  # a well-formed line with a valid checksum but the wrong shape
            lines = [_resealed(line, lambda entry: {**entry, "texts": [["1"] * 9]}) for line in lines]
        elif damage == "pages":  # a tagged tuple of the right length but not of page numbers
            lines = [_resealed(line, _damaged_pages) for line in lines]
        elif damage == "truncated":
            shard.write_text(text[: len(text) // 2], encoding="utf-8")
            continue
        elif damage == "foreign":
            head = "something-else 99"
        else:
            shard.write_bytes(b"\xff\xfe\x00garbage")
            continue
        shard.write_text("\n".join([head, *lines]), encoding="utf-8")
    warm, store = in_process([corpus / "samples"], tmp_path)
    for name in ("json", "text"):
        assert render(warm, name) == render(cold, name)
    assert store.hits < cold.files if damage == "truncated" else store.hits == 0


def _resealed(line: str, change) -> str:
    _, _, body = line.partition("\t")
    key, digest, payload = body.split("\t", 2)
    body = f"{key}\t{digest}\t{json.dumps(change(json.loads(payload)), ensure_ascii=False)}"
    return f"{cache._checksum(body)}\t{body}"


def _damaged_pages(entry):
    for row in entry["texts"]:
        row[8] = {"$t": ["1", "2"]}
    return entry


def _damaged_marks(entry):
    for rows in entry["marks"].values():
        for row in rows:
            row[0][1] = "4"  # a line that is not a number
    return entry


def test_marks_from_the_cache_are_checked_at_once_and_built_when_read(corpus, tmp_path):
    in_process([corpus], tmp_path)
    settings = resolve(Options())
    store = cache.open_cache(tmp_path, settings.rules, settings.run)
    stored = [store.get(str(path)) for path in sorted(corpus.rglob("*.txt"))]
    marks = [mark for result in stored if result is not None for found in result.marks.values() for mark in found]
    assert len(marks) > 10 and not any(isinstance(mark._location, Location) for mark in marks)
    fresh = {(m.location.path, m.location.line): m for m in cold_marks(corpus, settings)}
    for mark in marks:
        assert mark == fresh[mark.location.path, mark.location.line]  # built on reading, as a check made it
        assert isinstance(mark._location, Location)
    for shard in _entries(tmp_path):  # a damaged place is a miss, though nothing would read it
        head, *lines = shard.read_text(encoding="utf-8").split("\n")
        shard.write_text("\n".join([head, *(_resealed(line, _damaged_marks) for line in lines)]), encoding="utf-8")
    store = cache.open_cache(tmp_path, settings.rules, settings.run)
    with_marks = [path for path, result in zip(sorted(corpus.rglob("*.txt")), stored) if result is not None and any(result.marks.values())]
    assert with_marks and all(store.get(str(path)) is None for path in with_marks)


def test_findings_and_texts_from_the_cache_equal_a_checks_to_the_field(corpus, tmp_path):
    # The cache builds them without their constructors; that holds only while the models keep no
    # extra fields or private attributes and TextInfo stays a plain frozen dataclass.
    from budgetcheck.findings import Excerpt, Finding
    from budgetcheck.results import TextInfo

    for model in (Finding, Excerpt):
        assert not model.__private_attributes__ and model.model_config.get("extra") in (None, "ignore")
    assert not hasattr(TextInfo, "__post_init__") and not hasattr(TextInfo, "__slots__")
    in_process([corpus], tmp_path)
    settings = resolve(Options())
    store = cache.open_cache(tmp_path, settings.rules, settings.run)
    paths = sorted(corpus.rglob("*.txt"))
    stored = [store.get(str(path)) for path in paths]
    assert all(result is not None for result in stored)
    fresh = [engine.check_item(str(path), settings.rules, settings.run) for path in paths]
    findings = [(a, b) for old, new in zip(fresh, stored) for a, b in zip(old.findings, new.findings, strict=True)]
    assert len(findings) > 5 and any(a.excerpt is not None for a, _ in findings)
    for made, read in findings:
        assert read == made and read.model_fields_set == set(Finding.model_fields)
        assert read.excerpt == made.excerpt and read.model_dump() == made.model_dump()
        assert read.excerpt is None or read.excerpt.model_fields_set == {"text", "start", "end"}
    texts = [(a, b) for old, new in zip(fresh, stored) for a, b in zip(old.texts, new.texts, strict=True)]
    assert len(texts) >= len(paths)
    for made, read in texts:
        assert read == made and repr(read) == repr(made) and hash(read) == hash(made)


def cold_marks(corpus, settings):
    found = []
    for path in sorted(corpus.rglob("*.txt")):
        result = engine.check_item(str(path), settings.rules, settings.run)
        found += [mark for marks in result.marks.values() for mark in marks]
    return found


def test_two_runs_at_once_leave_a_sound_cache(corpus, tmp_path):
    command = [sys.executable, "-m", "budgetcheck", "lint", "--format", "json", "--cache-dir", str(tmp_path / "c"), str(corpus)]
    # Run from tmp_path so `-m budgetcheck` imports the package this test imports: from the checkout,
    # `-m` would pick the source tree over an installed copy, whose code fingerprint differs.
    runs = [subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env(), cwd=tmp_path) for _ in range(2)]
    outputs = [run.communicate() for run in runs]
    cold = lint("--no-cache", "--format", "json", str(corpus))
    assert all(out.decode() == cold.stdout for out, _ in outputs)
    assert not list((tmp_path / "c").rglob("*.tmp"))  # no temporary file left behind
    warm, store = in_process([corpus], tmp_path / "c")
    assert render(warm, "json") == cold.stdout and store.hits == warm.files


def test_jobs_2_with_the_cache(corpus, tmp_path):
    one = lint("--no-cache", "--jobs", "1", "--format", "json", str(corpus))
    for _ in range(2):
        two = lint("--jobs", "2", "--format", "json", "--cache-dir", str(tmp_path), str(corpus))
        assert (two.stdout, two.stderr) == (one.stdout, one.stderr)
    # some files changed: misses are checked by the pool among hits, in input order
    changed = tmp_path / "changed"
    shutil.copytree(corpus, changed)
    for path in sorted((changed / "gen").glob("*.txt"))[::3]:
        path.write_bytes(path.read_bytes() + b"\n \n")
    assert lint("--jobs", "2", "--format", "json", "--cache-dir", str(tmp_path), str(changed)).stdout == lint(
        "--no-cache", "--jobs", "1", "--format", "json", str(changed)
    ).stdout


def test_a_read_only_project_is_checked_without_a_cache(tmp_path):
    path = _one_text(tmp_path)
    before = path.stat().st_mtime_ns
    tmp_path.chmod(0o555)
    try:
        if os.access(tmp_path, os.W_OK):
            pytest.skip("running as a user who can write anywhere")
        run = lint(str(path), cwd=tmp_path)
    finally:
        tmp_path.chmod(0o755)
    assert run.returncode == 0 and run.stderr == ""
    assert not (tmp_path / ".budgetcheck_cache").exists() and path.stat().st_mtime_ns == before


def test_an_unwritable_cache_folder_changes_nothing(tmp_path):
    path = _one_text(tmp_path, "办公费40,000.00元，会议费20,000.00元。")
    blocker = tmp_path / "file-not-folder"
    blocker.write_text("x", encoding="utf-8")
    run, cold = lint("--cache-dir", str(blocker / "c"), str(path)), lint("--no-cache", str(path))
    assert (run.returncode, run.stdout, run.stderr) == (cold.returncode, cold.stdout, cold.stderr)


def test_inputs_are_never_written(corpus, tmp_path):
    before = {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in corpus.rglob("*") if p.is_file()}
    for _ in range(2):
        lint("--cache-dir", str(tmp_path), str(corpus))
    assert {p: (p.stat().st_mtime_ns, p.read_bytes()) for p in corpus.rglob("*") if p.is_file()} == before


def test_no_cache_and_the_environment_switch_write_nothing(tmp_path):
    path = _one_text(tmp_path)
    lint("--no-cache", str(path), cwd=tmp_path)
    lint(str(path), cwd=tmp_path, BUDGETCHECK_NO_CACHE="1")
    assert not (tmp_path / ".budgetcheck_cache").exists()


def test_clean_removes_the_cache_and_only_a_cache(tmp_path):
    path = _one_text(tmp_path)
    lint(str(path), cwd=tmp_path)
    assert (tmp_path / ".budgetcheck_cache").is_dir()
    run = subprocess.run([sys.executable, "-m", "budgetcheck", "clean"], capture_output=True, text=True, cwd=tmp_path, env=env())
    assert run.returncode == 0 and not (tmp_path / ".budgetcheck_cache").exists() and "removed" in run.stdout
    again = subprocess.run([sys.executable, "-m", "budgetcheck", "clean"], capture_output=True, text=True, cwd=tmp_path, env=env())
    assert again.returncode == 0 and "no cache" in again.stdout
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "keep.txt").write_text("x", encoding="utf-8")
    refused = subprocess.run(
        [sys.executable, "-m", "budgetcheck", "clean", "--cache-dir", str(precious)], capture_output=True, text=True, env=env()
    )
    assert refused.returncode == 2 and "not a budgetcheck cache" in refused.stderr and (precious / "keep.txt").exists()


def test_values_round_trip_exactly_and_unknown_types_are_refused():
    from decimal import Decimal

    value = {"a": Decimal("1.50"), "b": (1, "x", [Decimal("2")]), "c": [None, True, 1.5], "d": {"e": "f"}}
    assert cache._unvalue(json.loads(json.dumps(cache._value(value)))) == value
    assert type(cache._unvalue(cache._value(value))["b"]) is tuple
    for bad in ({1: "x"}, {"$d": "1"}, {1, 2}, float("nan"), object()):
        with pytest.raises(cache.Uncacheable):
            cache._value(bad)


def test_a_file_is_read_whole_through_its_descriptor_even_if_it_grew_since_its_stat(tmp_path):
    from budgetcheck import limits

    path = tmp_path / "t.txt"
    path.write_bytes(("一、项目名称\n" * 20_000).encode())
    data = path.read_bytes()
    assert limits.read_file(str(path)) == data
    fd = os.open(path, os.O_RDONLY)
    try:  # stated smaller than it is: read to the end all the same
        assert limits._bounded(lambda size: limits._read_up_to(fd, size), 10, 10 * len(data)) == data
    finally:
        os.close(fd)
