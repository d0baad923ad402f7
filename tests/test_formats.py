"""Every --format, parsed the way its consumer parses it: SARIF against the official schema,
GitHub workflow commands against their grammar, JUnit with an XML parser."""

import json
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from conftest import SAMPLES, make_text

from budgetcheck.engine import lint_paths, lint_sources
from budgetcheck.reporters import FORMATS, get
from budgetcheck.reporters.github import command
from budgetcheck.source import source_from_text

jsonschema = pytest.importorskip("jsonschema", reason="schema validation needs the test extra (jsonschema)")

SARIF_SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text(encoding="utf-8"))
# A workflow command: ::level key=value,key=value::message — values and message escaped, so
# neither holds a raw newline, and property values hold no raw ':' or ','.
GITHUB_COMMAND = re.compile(
    r"^::(?P<level>error|warning|notice) (?P<props>[A-Za-z]+=[^,:\r\n]*(?:,[A-Za-z]+=[^,:\r\n]*)*)::(?P<message>[^\r\n]*)$"
)


def run(*args):
    return subprocess.run([sys.executable, "-m", "budgetcheck", *args], capture_output=True, text=True, encoding="utf-8")


@pytest.fixture(scope="module")
def samples_result(builtin_rules):
    return lint_paths([str(SAMPLES)], builtin_rules)


def render(result, name: str) -> str:
    from io import StringIO

    stream = StringIO()
    get(name)(result, stream)
    return stream.getvalue()


def test_every_format_is_offered_by_the_cli():
    help_text = run("lint", "--help").stdout
    for name in FORMATS:
        assert name in help_text
    assert {"text", "json", "jsonl", "sarif", "github", "junit", "concise", "html"} == set(FORMATS)


# --- SARIF -----------------------------------------------------------------------------------


def test_sarif_validates_against_the_official_schema(samples_result):
    log = json.loads(render(samples_result, "sarif"))
    validator = jsonschema.validators.validator_for(SARIF_SCHEMA)(SARIF_SCHEMA)
    errors = sorted(validator.iter_errors(log), key=lambda e: list(e.path))
    assert not errors, "\n".join(f"{list(e.path)}: {e.message}" for e in errors[:5])


def test_sarif_schema_rejects_a_broken_log(samples_result):
    """The validation above can fail: the schema does catch a malformed region."""
    log = json.loads(render(samples_result, "sarif"))
    log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    validator = jsonschema.validators.validator_for(SARIF_SCHEMA)(SARIF_SCHEMA)
    assert list(validator.iter_errors(log))


def test_sarif_describes_every_rule_and_every_finding(samples_result, builtin_rules):
    (run_,) = json.loads(render(samples_result, "sarif"))["runs"]
    driver = run_["tool"]["driver"]
    assert [r["id"] for r in driver["rules"]] == [r.code for r in builtin_rules]
    for descriptor in driver["rules"]:
        assert descriptor["name"] and descriptor["shortDescription"]["text"] and "helpUri" not in descriptor  # no published docs URL yet
    assert run_["columnKind"] == "unicodeCodePoints"
    results = run_["results"]
    assert len(results) == len(samples_result.findings)
    for result, finding in zip(results, samples_result.findings):
        assert result["ruleId"] == finding.code == driver["rules"][result["ruleIndex"]]["id"]
        assert result["level"] == {"error": "error", "warning": "warning", "info": "note"}[finding.severity.value]
        assert result["message"]["text"] == finding.message
        location = result["locations"][0]["physicalLocation"]
        assert _path_of(location["artifactLocation"]) == Path(finding.path).as_posix()
        region = location["region"]
        assert (region["startLine"], region["startColumn"], region["endLine"], region["endColumn"]) == (
            finding.line, finding.column, finding.end_line, finding.end_column,
        )


def _path_of(artifact: dict) -> str:
    """What a SARIF consumer makes of an artifact location: a file URI or a path under %SRCROOT%."""
    parts = urlsplit(artifact["uri"])
    assert (parts.scheme == "file") != (artifact.get("uriBaseId") == "%SRCROOT%")
    return unquote(parts.path)


def test_sarif_region_snippet_is_the_offending_text(samples_result):
    results = json.loads(render(samples_result, "sarif"))["runs"][0]["results"]
    slip = next(r for r in results if r["ruleId"] == "A103")
    assert slip["locations"][0]["physicalLocation"]["region"]["snippet"]["text"] == "15,000.00万元"


def test_sarif_fingerprints_are_unique_and_ignore_line_numbers(builtin_rules):
    text = make_text(项目基本概况="模板占位符XX号未改。")
    moved = make_text(项目基本概况="新增一行说明。\n模板占位符XX号未改。")
    twice = make_text(项目基本概况="模板占位符XX号未改。\n模板占位符XX号未改。")

    def prints(body):
        result = lint_sources([source_from_text(body, "t.txt")], builtin_rules)
        return [r["partialFingerprints"]["budgetcheck/v1"] for r in json.loads(render(result, "sarif"))["runs"][0]["results"]]

    (original,) = prints(text)
    assert prints(moved) == [original]  # one line lower, same identity
    first, second = prints(twice)
    assert first == original and second != first and second.startswith(original.split(":")[0])


def test_sarif_uri_of_a_chinese_file_name_is_percent_encoded(tmp_path, builtin_rules, monkeypatch):
    monkeypatch.chdir(tmp_path)
    Path("送审 文本.txt").write_text(make_text(项目名称="社区服务经费。"), encoding="utf-8")
    log = json.loads(render(lint_paths(["送审 文本.txt"], builtin_rules), "sarif"))
    uri = log["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "%E9%80%81%E5%AE%A1%20%E6%96%87%E6%9C%AC.txt" and unquote(uri) == "送审 文本.txt"
    assert urlsplit(log["runs"][0]["originalUriBaseIds"]["%SRCROOT%"]["uri"]).scheme == "file"


def test_sarif_reports_unreadable_files_as_failed_execution(tmp_path, builtin_rules):
    result = lint_paths([str(tmp_path / "missing.txt"), str(SAMPLES / "clean")], builtin_rules)
    log = json.loads(render(result, "sarif"))
    validator = jsonschema.validators.validator_for(SARIF_SCHEMA)(SARIF_SCHEMA)
    assert not list(validator.iter_errors(log))
    (invocation,) = log["runs"][0]["invocations"]
    assert invocation["executionSuccessful"] is False
    assert invocation["toolExecutionNotifications"][0]["message"]["text"] == "no such file or directory"


# --- GitHub workflow commands ----------------------------------------------------------------


def _properties(props: str) -> dict[str, str]:
    return dict(pair.split("=", 1) for pair in props.split(","))


def _unescape(value: str) -> str:
    return value.replace("%0D", "\r").replace("%0A", "\n").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def test_github_lines_follow_the_workflow_command_grammar(samples_result):
    lines = render(samples_result, "github").splitlines()
    assert len(lines) == len(samples_result.findings)
    for line, finding in zip(lines, samples_result.findings):
        match = GITHUB_COMMAND.match(line)
        assert match, line
        assert match["level"] == {"error": "error", "warning": "warning", "info": "notice"}[finding.severity.value]
        props = _properties(match["props"])
        assert list(props) == ["file", "line", "col", "endLine", "endColumn", "title"]
        assert _unescape(props["file"]) == finding.path and props["title"] == finding.code
        assert (int(props["line"]), int(props["col"]), int(props["endLine"]), int(props["endColumn"])) == (
            finding.line, finding.column, finding.end_line, finding.end_column,
        )
        assert _unescape(match["message"]) == finding.message


def test_github_escapes_percent_newlines_colons_and_commas():
    from budgetcheck.findings import Finding

    finding = Finding(
        path="texts/a,b:c%.txt", document=1, code="X101", rule="x", severity="info",
        message="100% 完成\r\n第二行: a,b", line=3, column=2, end_line=3, end_column=5,
    )
    line = command(finding)
    match = GITHUB_COMMAND.match(line)
    assert match and match["level"] == "notice"
    assert _properties(match["props"])["file"] == "texts/a%2Cb%3Ac%25.txt"
    assert match["message"] == "100%25 完成%0D%0A第二行: a,b"
    assert _unescape(match["message"]) == finding.message


def test_github_multi_line_span_has_no_columns():
    from budgetcheck.findings import Finding

    finding = Finding(path="a.txt", document=1, code="A102", rule="x", severity="error", message="m",
                      line=3, column=2, end_line=5, end_column=4)
    props = _properties(GITHUB_COMMAND.match(command(finding))["props"])
    assert props == {"file": "a.txt", "line": "3", "endLine": "5", "title": "A102"}


# --- JUnit -----------------------------------------------------------------------------------


def test_junit_has_one_testcase_per_file_and_a_failure_per_finding(samples_result):
    root = ET.fromstring(render(samples_result, "junit").encode("utf-8"))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    paths = list(dict.fromkeys(t.path for t in samples_result.texts))
    assert [c.get("name") for c in cases] == paths and suite.get("tests") == str(len(paths))
    for case in cases:
        expected = [f for f in samples_result.findings if f.path == case.get("name")]
        failures = case.findall("failure")
        assert [f.get("type") for f in failures] == [f.code for f in expected]
        for element, finding in zip(failures, expected):
            assert finding.message in element.get("message") and f":{finding.line}:{finding.column}:" in element.text
    failing = sum(1 for c in cases if c.findall("failure"))
    assert suite.get("failures") == root.get("failures") == str(failing) == "2"


def test_junit_survives_control_characters_and_markup(builtin_rules):
    body = make_text(项目基本概况="含有<script>&\x0b残留[bookmark: _x\x07]。")
    result = lint_sources([source_from_text(body, "t.txt")], builtin_rules)
    root = ET.fromstring(render(result, "junit").encode("utf-8"))
    (failure,) = root.iter("failure")
    assert failure.get("type") == "S201" and "<script>&\\x0b" in failure.text and "\\x07" in failure.text  # shown escaped


def test_junit_marks_unreadable_files_as_errors(tmp_path, builtin_rules):
    result = lint_paths([str(tmp_path / "missing.txt")], builtin_rules)
    root = ET.fromstring(render(result, "junit").encode("utf-8"))
    (case,) = root.iter("testcase")
    assert case.find("error").get("message") == "no such file or directory" and root.get("errors") == "1"


# --- JSON Lines and concise ------------------------------------------------------------------


def test_jsonl_is_one_json_finding_per_line_like_json(samples_result):
    lines = render(samples_result, "jsonl").splitlines()
    report = json.loads(render(samples_result, "json"))
    assert [json.loads(line) for line in lines] == report["findings"]


def test_concise_is_path_line_col_code_message(samples_result):
    lines = render(samples_result, "concise").splitlines()
    pattern = re.compile(r"^(?P<path>.+?):(?P<line>\d+):(?P<col>\d+): (?P<code>[A-Z]\d{3}) (?P<message>.+)$")
    assert len(lines) == len(samples_result.findings)
    for line, finding in zip(lines, samples_result.findings):
        m = pattern.match(line)
        assert m and (m["path"], int(m["line"]), int(m["col"]), m["code"], m["message"]) == (
            finding.path, finding.line, finding.column, finding.code, finding.message,
        )


@pytest.mark.parametrize("name", ["jsonl", "concise", "github"])
def test_line_formats_print_nothing_for_a_clean_run(name):
    result = run("lint", "--format", name, str(SAMPLES / "clean"))
    assert result.returncode == 0 and result.stdout == ""


@pytest.mark.parametrize("alias", ["--format", "--output-format"])
def test_format_alias(alias):
    result = run("lint", alias, "concise", str(SAMPLES / "003_d0cdb9e489cb1e09.txt"))
    assert result.returncode == 1 and ": A103 " in result.stdout


def test_sarif_links_rules_once_a_documentation_url_is_published(samples_result, monkeypatch):
    from budgetcheck.reporters import sarif

    monkeypatch.setattr(sarif, "docs_url", lambda: "https://docs.example.org/budgetcheck/")
    driver = json.loads(render(samples_result, "sarif"))["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == "https://docs.example.org/budgetcheck/"
    assert driver["rules"][0]["helpUri"] == f"https://docs.example.org/budgetcheck/rules#{driver['rules'][0]['id'].lower()}"


class _CountingStream:
    """A text stream that counts its writes (on an unbuffered stdout each is a system call)."""

    def __init__(self) -> None:
        self.parts: list[str] = []

    def write(self, text: str) -> int:
        self.parts.append(text)
        return len(text)


@pytest.mark.parametrize("name", ["json", "sarif"])
def test_a_json_report_is_a_few_writes_of_indented_json(samples_result, name):
    stream = _CountingStream()
    get(name)(samples_result, stream)  # type: ignore[arg-type]
    text = "".join(stream.parts)
    assert len(stream.parts) <= 1 + text.count("\n") // 1000  # not a write per token
    assert text.endswith("}\n") and text == json.dumps(json.loads(text), ensure_ascii=False, indent=2) + "\n"


def test_a_long_json_report_is_written_in_batches(monkeypatch):
    from budgetcheck import json_text

    monkeypatch.setattr(json_text, "_BATCH", 10)
    stream = _CountingStream()
    value = {"findings": [{"code": f"A{i}", "data": {"items": ["一", "二"]}} for i in range(50)]}
    json_text.write(value, stream)  # type: ignore[arg-type]
    assert len(stream.parts) > 10 and "".join(stream.parts) == json.dumps(value, ensure_ascii=False, indent=2) + "\n"
