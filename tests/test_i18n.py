"""The interface language: report chrome in Chinese or English, one-line usage errors, plain help, rule names, wrapping."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from conftest import SAMPLES
from rich.cells import cell_len
from rich.text import Text

from budgetcheck import i18n
from budgetcheck.reporters.console import hanging, line_breaks

SAMPLE = str(SAMPLES / "003_d0cdb9e489cb1e09.txt")


def run(*args, lang=None, **env):
    environ = {**os.environ, **env}
    if lang:
        environ["LANG"] = lang
    return subprocess.run([sys.executable, "-m", "budgetcheck", *args], capture_output=True, text=True, encoding="utf-8", env=environ)


@pytest.fixture(autouse=True)
def reset():
    yield
    i18n.set_language(None)


def test_both_catalogues_have_the_same_messages_and_fields():
    fields = {lang: {key: set(re.findall(r"{(\w+)", text)) for key, text in messages.items()} for lang, messages in i18n.MESSAGES.items()}
    assert fields["zh"] == fields["en"]


@pytest.mark.parametrize(("environ", "expected"), [
    ({"LANG": "zh_CN.UTF-8"}, "zh"), ({"LANG": "en_US.UTF-8"}, "en"), ({"LC_ALL": "zh_TW.UTF-8", "LANG": "en_US"}, "zh"),
    ({"LC_MESSAGES": "C", "LANG": "zh_CN"}, "en"), ({"LC_ALL": "", "LANG": "zh_CN.GB18030"}, "zh"), ({}, "en"),
])
def test_the_locale_decides_lc_all_then_lc_messages_then_lang(environ, expected):
    assert i18n.from_environment(environ) == expected


def test_a_chinese_locale_gives_chinese_chrome_and_lang_en_wins():
    zh = run("lint", "-q", SAMPLE, lang="zh_CN.UTF-8")
    assert zh.stdout.startswith("1 个文件，1 个文本：错误 2 个，警告 2 个，提示 0 个"), zh.stdout
    en = run("lint", "-q", "--lang", "en", SAMPLE, lang="zh_CN.UTF-8")
    assert en.stdout.startswith("1 file(s), 1 text(s): 2 errors, 2 warnings, 0 infos")
    report = run("lint", "--lang", "zh", SAMPLE).stdout
    assert "文本 1" in report and "按规则统计" in report and "  错误 " in report
    assert "分项合计与总额不符" in run("lint", SAMPLE).stdout  # finding messages stay Chinese in English


def test_lang_in_the_configuration_and_the_flag_wins(tmp_path):
    (tmp_path / "budgetcheck.toml").write_text('lang = "zh"\n', encoding="utf-8")
    run_in = lambda *a: subprocess.run([sys.executable, "-m", "budgetcheck", *a], capture_output=True, text=True, encoding="utf-8", cwd=tmp_path)  # noqa: E731
    assert "个文件" in run_in("lint", "-q", SAMPLE).stdout
    assert "file(s)" in run_in("lint", "-q", "--lang", "en", SAMPLE).stdout
    (tmp_path / "budgetcheck.toml").write_text('lang = "fr"\n', encoding="utf-8")
    bad = run_in("lint", "-q", SAMPLE)
    assert bad.returncode == 2 and bad.stderr.startswith("budgetcheck: error: ") and "lang" in bad.stderr and len(bad.stderr.splitlines()) == 1


def test_machine_formats_carry_no_language():
    assert run("lint", "--format", "json", SAMPLE, lang="zh_CN.UTF-8").stdout == run("lint", "--format", "json", SAMPLE).stdout


def test_html_report_labels_follow_the_language(tmp_path):
    zh = run("lint", "--format", "html", "--lang", "zh", SAMPLE).stdout
    en = run("lint", "--format", "html", "--lang", "en", SAMPLE).stdout
    assert "<title>budgetcheck 检查报告</title>" in zh and "按规则统计" in zh and 'id="count-errors"' in zh
    assert "<title>budgetcheck report</title>" in en and "Findings by rule" in en and "按规则统计" not in en


def test_checklist_headers_in_english(tmp_path):
    out = run("checklist", "-j", "1", "--lang", "en", SAMPLE, str(SAMPLES / "000_c68cd09910643be1.txt")).stdout
    assert "# Summary" in out and "| No. | Item | Pages | Compliant | Problems found |" in out and "| no |" in out
    assert "汇总" not in out and "序号" not in out
    zh = run("checklist", "-j", "1", SAMPLE, lang="zh_CN.UTF-8").stdout
    assert "| 序号 | 检查项目 | 页码 | 符合要求 | 发现的问题 |" in zh and "第15行" in zh


@pytest.mark.parametrize(("args", "line"), [
    (["lint", SAMPLE, "--fail-on", "warn"], "budgetcheck: error: --fail-on: 'warn' is not one of error, warning, info, never (did you mean warning?)"),
    (["lint", SAMPLE, "--format", "xml"], "budgetcheck: error: --format: 'xml' is not one of text, json, jsonl, sarif, github, junit, concise, html"),
    (["lint", SAMPLE, "--lang", "fr"], "budgetcheck: error: --lang: 'fr' is not one of zh, en"),
    (["lint", SAMPLE, "--jobs", "0"], "budgetcheck: error: --jobs: '0' is below the minimum 1"),
    (["lint", SAMPLE, "--jobs", "x"], "budgetcheck: error: --jobs: 'x' is not a whole number"),
    (["lint", SAMPLE, "--budget-year", "3000"], "budgetcheck: error: --budget-year: '3000' is above the maximum 2200"),
    (["lint"], "budgetcheck: error: python -m budgetcheck lint: missing PATH (see `python -m budgetcheck lint --help`)"),
    (["lint", SAMPLE, "--jbos", "2"], "budgetcheck: error: no such option --jbos (did you mean --jobs?)"),
    (["lint", SAMPLE, "--format"], "budgetcheck: error: --format needs a value"),
    (["inspect", SAMPLE, "extra"], "budgetcheck: error: python -m budgetcheck inspect: unexpected argument extra (see `python -m budgetcheck inspect --help`)"),
    (["lnt"], "budgetcheck: error: no such command 'lnt'; the commands are annotate, check-rules, checklist, clean, explain, "
              "extract, inspect, lint, profiles, rule, rules, serve, test-rules (did you mean lint?)"),
])
def test_usage_errors_are_one_plain_line_exit_2(args, line):
    result = run(*args)
    assert (result.returncode, result.stderr, result.stdout) == (2, line + "\n", "")


def test_usage_errors_in_chinese():
    result = run("lint", "--lang", "zh", SAMPLE, "--fail-on", "warn")
    assert result.stderr == "budgetcheck: error: --fail-on：'warn' 不是可选值（error、warning、info、never）之一（是否应为 warning？）\n"
    assert run("lint", lang="zh_CN.UTF-8").stderr == "budgetcheck: error: python -m budgetcheck lint：缺少 PATH（见 `python -m budgetcheck lint --help`）\n"


def test_help_has_plain_metavars_and_h_is_help():
    short, long = run("lint", "-h"), run("lint", "--help")
    assert short.returncode == 0 and short.stdout == long.stdout
    assert "Usage: python -m budgetcheck lint [OPTIONS] PATH..." in short.stdout
    assert not re.search(r"<[a-z]", short.stdout) and "list[" not in short.stdout and "{PATH}" not in short.stdout
    assert re.search(r"--fail-on error\|warning\|info\|never", short.stdout) and "--budget-year YEAR" in short.stdout
    assert run("-h").stdout == run("--help").stdout and "CODE" in run("explain", "-h").stdout


def test_rule_names_work_wherever_a_code_does(tmp_path):
    assert run("explain", "items-sum").stdout.startswith("A101 items-sum")
    assert run("rule", "ITEMS-SUM").stdout.startswith("A101 items-sum")
    unknown = run("explain", "itemsum")
    assert (unknown.returncode, unknown.stderr) == (2, "budgetcheck: error: no rule 'itemsum' (see `budgetcheck rules`) (did you mean items-sum?)\n")
    found = run("lint", "--format", "concise", "--select", "items-sum,unit-slip", SAMPLE).stdout
    assert {line.split()[1] for line in found.splitlines()} == {"A101", "A103"}
    ignored = run("lint", "--format", "concise", "--ignore", "unit-slip", "--select", "A1", SAMPLE).stdout
    assert {line.split()[1] for line in ignored.splitlines()} == {"A101"}
    bad = run("lint", "--select", "items_sum", SAMPLE)
    assert bad.stderr == "budgetcheck: error: --select: 'items_sum' matches no rule code or name (did you mean items-sum?)\n"
    (tmp_path / "budgetcheck.toml").write_text('select = ["items-sum"]\n[severity]\nitems-sum = "info"\n', encoding="utf-8")
    configured = subprocess.run([sys.executable, "-m", "budgetcheck", "lint", "--format", "concise", SAMPLE], capture_output=True,
                                text=True, encoding="utf-8", cwd=tmp_path)
    assert configured.returncode == 0 and [line.split()[1] for line in configured.stdout.splitlines()] == ["A101"]


LONG = "分项合计与总额不符：25,000.00 + 10,000.00 + 150,000,000.00 = 150,035,000.00 ≠ 50,000.00，其中“会议费15,000.00万元”疑为“15,000.00元”之误，请核对后修改。"


def test_a_long_message_wraps_under_its_first_character_at_80_columns():
    head = Text("  15:86  error   A101 ")
    rows = [row.plain for row in hanging(head, Text(LONG + "  [items-sum]"), 80)]
    assert len(rows) > 1 and all(cell_len(row) <= 80 for row in rows)
    assert all(row.startswith(" " * head.cell_len) and row[head.cell_len] != " " for row in rows[1:])
    assert "".join([rows[0][head.cell_len:], *(r.strip() for r in rows[1:])]).replace(" ", "") == (LONG + "[items-sum]").replace(" ", "")
    assert not any(row.strip()[0] in "，。）”" for row in rows[1:])  # no line starts with closing punctuation
    assert hanging(head, Text(LONG), None)[0].plain == head.plain + LONG  # piped: one line


def test_breaks_keep_numbers_whole():
    text = "金额150,035,000.00元与50,000.00元不符"
    for width in range(16, 30):  # at least the widest number
        for cut in line_breaks(text, width):
            assert not (text[cut - 1].isdigit() or text[cut - 1] in ",.") or not (text[cut].isdigit() or text[cut] in ",.")


def test_console_report_wraps_with_columns_set():
    wrapped = run("lint", "--lang", "zh", SAMPLE, COLUMNS="80").stdout.splitlines()
    start = next(i for i, line in enumerate(wrapped) if " A101 " in line)
    indent = cell_len(wrapped[start][: wrapped[start].index("A101 ") + len("A101 ")])  # cells: 错误 takes four
    assert wrapped[start + 1].startswith(" " * indent) and not wrapped[start + 1][indent].isspace()
    assert all(cell_len(line) <= 80 for line in wrapped if not line.startswith("samples") and "·" not in line)
    piped = run("lint", SAMPLE).stdout.splitlines()
    assert any(" A101 " in line and line.endswith("[items-sum]") for line in piped)
