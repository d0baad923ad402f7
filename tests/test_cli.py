"""The command line end to end, as a user runs it: exit codes, JSON shape, errors on stderr."""

import json
import os
import subprocess
import sys

from conftest import SAMPLES, make_text

FINDING_KEYS = {"path", "document", "code", "rule", "severity", "message", "line", "column", "end_line", "end_column", "section", "data"}


def run(*args, cwd=None, env=None):
    return subprocess.run(
        [sys.executable, "-m", "budgetcheck", *args],
        capture_output=True, text=True, encoding="utf-8", cwd=cwd, env={**os.environ, **(env or {})},
    )


def test_findings_with_errors_exit_1():
    result = run("lint", str(SAMPLES / "003_d0cdb9e489cb1e09.txt"))
    assert result.returncode == 1
    assert "A101" in result.stdout and "150,035,000.00 ≠ 50,000.00" in result.stdout


def test_clean_folder_exits_0():
    result = run("lint", str(SAMPLES / "clean"))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 errors, 0 warnings" in result.stdout


def test_warnings_only_exit_0(tmp_path):
    path = tmp_path / "w.txt"
    path.write_text(make_text(项目名称="社区服务经费。"), encoding="utf-8")
    result = run("lint", str(path))
    assert result.returncode == 0 and "N102" in result.stdout


def test_json_is_one_object_with_the_documented_shape():
    result = run("lint", "--format", "json", str(SAMPLES))
    report = json.loads(result.stdout)
    assert set(report) == {"version", "findings", "summary"}
    assert set(report["summary"]) == {"files", "documents", "errors", "warnings", "infos"}
    assert report["summary"]["files"] == 4 and report["summary"]["documents"] == 6
    assert report["findings"] and all(set(f) == FINDING_KEYS for f in report["findings"])
    assert report["summary"]["errors"] == sum(f["severity"] == "error" for f in report["findings"])


def test_missing_file_is_reported_and_others_still_checked(tmp_path):
    result = run("lint", "--format", "json", str(tmp_path / "missing.txt"), str(SAMPLES / "003_d0cdb9e489cb1e09.txt"))
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"budgetcheck: error: {tmp_path / 'missing.txt'}: no such file or directory"]
    assert json.loads(result.stdout)["summary"]["files"] == 1


def test_undecodable_file_is_one_line_no_traceback(tmp_path):
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\x00\x01\x02\xff" * 50)
    result = run("lint", str(bad))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_bad_rule_folder_exits_2(tmp_path):
    (tmp_path / "X1.yaml").write_text("code: X101\nname: x\nseverity: loud\n", encoding="utf-8")
    result = run("lint", "--rules", str(tmp_path), str(SAMPLES))
    assert result.returncode == 2
    assert result.stderr.startswith(f"budgetcheck: error: {tmp_path / 'X1.yaml'}: ")
    assert "Traceback" not in result.stderr


def test_user_rule_from_rules_folder(tmp_path):
    (tmp_path / "X101.yaml").write_text(
        "code: X101\nname: no-party-fee\nseverity: error\nkind: pattern\nmessage: 发现“{match}”\n"
        "description: test\nparams:\n  patterns: ['党费']\n",
        encoding="utf-8",
    )
    result = run("lint", "--format", "json", "--rules", str(tmp_path), str(SAMPLES / "clean" / "003_d0cdb9e489cb1e09.txt"))
    codes = [f["code"] for f in json.loads(result.stdout)["findings"]]
    assert codes == ["X101", "X101"] and result.returncode == 1


def test_usage_error_exits_2():
    assert run("lint").returncode == 2
    assert run("lint", "--format", "yaml", str(SAMPLES)).returncode == 2


def test_plain_output_has_no_escape_codes_and_shows_the_span():
    result = run("lint", str(SAMPLES / "003_d0cdb9e489cb1e09.txt"), env={"NO_COLOR": "1", "TERM": "xterm-256color"})
    assert "\x1b[" not in result.stdout
    lines = result.stdout.splitlines()
    caret_row = next(i for i, line in enumerate(lines) if "A103" in line) + 2
    assert set(lines[caret_row].split("│ ")[1].strip()) == {"^"}


def test_lint_does_not_modify_inputs(tmp_path):
    path = tmp_path / "seed.txt"
    original = (SAMPLES / "000_c68cd09910643be1.txt").read_bytes()
    path.write_bytes(original)
    run("lint", str(path))
    assert path.read_bytes() == original


def test_version():
    result = run("--version")
    assert result.returncode == 0 and result.stdout.startswith("budgetcheck ")


def test_cli_formats_match_the_reporter_table():
    from budgetcheck.cli import OutputFormat
    from budgetcheck.reporters import FORMATS

    assert tuple(f.value for f in OutputFormat) == FORMATS


def _output(command, words, capsys):
    try:
        code = command(words, prog_name="budgetcheck", standalone_mode=False)
    except Exception as exc:  # a usage error: its one line is what a user sees
        code = exc.exit_code
        exc.show()
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_a_run_builds_only_the_command_it_names_and_says_the_same(capsys):
    import typer.main

    from budgetcheck.cli import app

    whole = typer.main.get_command(app)
    for name in whole.commands:  # type: ignore[attr-defined]
        alone = typer.main.get_command(app.for_words([name, "--help"]))
        assert list(alone.commands) == [name]  # type: ignore[attr-defined]
        for words in ([name, "--help"], [name, "--no-such-option"]):
            assert _output(alone, words, capsys) == _output(whole, words, capsys), words
    for words in (["--version"], ["--help"], ["lnt"], [], ["--lang", "en", "lint"]):  # the whole app: help, suggestions
        assert app.for_words(words) is app


def test_pydantic_plugins_are_not_looked_for_unless_asked(tmp_path, monkeypatch):
    # A pydantic plugin installed beside budgetcheck: loading it leaves a mark.
    (tmp_path / "fakeplug-1.0.dist-info").mkdir()
    (tmp_path / "fakeplug-1.0.dist-info" / "METADATA").write_text("Metadata-Version: 2.1\nName: fakeplug\nVersion: 1.0\n")
    (tmp_path / "fakeplug-1.0.dist-info" / "entry_points.txt").write_text("[pydantic]\nfake = fakeplug:plugin\n")
    loaded = tmp_path / "loaded"
    (tmp_path / "fakeplug.py").write_text(
        f"import pathlib\npathlib.Path({str(loaded)!r}).write_text('yes')\n"
        "class _Plugin:\n    def new_schema_validator(self, *args, **kwargs):\n        return None, None, None\nplugin = _Plugin()\n"
    )
    text = tmp_path / "t.txt"
    text.write_text(make_text(), encoding="utf-8")
    path = os.pathsep.join([str(tmp_path), os.environ.get("PYTHONPATH", "")])
    env = {"PYTHONPATH": path, "BUDGETCHECK_NO_CATALOGUE_CACHE": "1"}
    monkeypatch.delenv("PYDANTIC_DISABLE_PLUGINS", raising=False)
    assert run("lint", "--no-cache", str(text), env=env).returncode == 0 and not loaded.exists()
    assert run("lint", "--no-cache", str(text), env={**env, "PYDANTIC_DISABLE_PLUGINS": ""}).returncode == 0 and loaded.exists()
