"""The interface language: report chrome, checklist headers and command-line messages in Chinese or English.

Only the chrome is translated — headings, labels, column names, summary lines, the
command line's own messages. Finding messages stay Chinese in both languages (they
quote the documents), and machine formats (json, jsonl, sarif) carry no chrome.

The language is, in order: ``--lang``, ``lang`` in the configuration, the locale
(``LC_ALL``, ``LC_MESSAGES``, ``LANG``: the first one set decides; ``zh…`` is Chinese;
on Windows, without them, the user's display language), else English. The command
line calls ``set_language`` once it knows; everything else asks ``language()`` or
just ``tr(key, **values)``::

    from budgetcheck.i18n import tr
    tr("summary.files", files=3, texts=5)          # "3 file(s), 5 text(s): " or "3 个文件，5 个文本："
    tr("severity.error", lang="zh")                # "错误", whatever the current language

One catalogue, a dict per language keyed by message id; ``str.format`` fields.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterator, Mapping
from contextlib import contextmanager

LANGUAGES = ("zh", "en")
DEFAULT = "en"
_LOCALE_VARIABLES = ("LC_ALL", "LC_MESSAGES", "LANG")  # POSIX precedence for messages

_chosen: str | None = None


def from_environment(environ: Mapping[str, str] | None = None) -> str:
    """The language the locale asks for: the first of LC_ALL, LC_MESSAGES, LANG that is set."""
    environ = os.environ if environ is None else environ
    for name in _LOCALE_VARIABLES:
        value = environ.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else DEFAULT
    if sys.platform == "win32":  # pragma: no cover - Windows has no locale variables by default
        return _windows_language()
    return DEFAULT


def _windows_language() -> str:  # pragma: no cover - exercised on Windows only
    """Chinese when the user's display language is (primary language id 0x04, any region)."""
    try:
        import ctypes

        ui = ctypes.windll.kernel32.GetUserDefaultUILanguage()  # type: ignore[attr-defined]
    except (AttributeError, OSError):
        return DEFAULT
    return "zh" if ui & 0x3FF == 0x04 else DEFAULT


def set_language(lang: str | None) -> None:
    """Use ``lang`` from now on; None goes back to the locale. Raises ValueError for an unknown language."""
    global _chosen
    if lang is not None and lang not in LANGUAGES:
        raise ValueError(f"unknown language {lang!r} (known: {', '.join(LANGUAGES)})")
    _chosen = lang


@contextmanager
def speaking(lang: str) -> Iterator[None]:
    """Use ``lang`` inside the block, then what was chosen before (for a page that has one language)."""
    global _chosen
    before = _chosen
    set_language(lang)
    try:
        yield
    finally:
        _chosen = before


def language() -> str:
    """The current interface language, "zh" or "en"."""
    return _chosen or from_environment()


def tr(key: str, lang: str | None = None, **values: object) -> str:
    """The message ``key`` in ``lang`` (default: the current language), its fields filled in."""
    text = MESSAGES[lang or language()][key]
    return text.format(**values) if values else text


MESSAGES: dict[str, dict[str, str]] = {
    "en": {
        # severities, as words in reports
        "severity.error": "error",
        "severity.warning": "warning",
        "severity.info": "info",
        "severities.error": "errors",
        "severities.warning": "warnings",
        "severities.info": "infos",
        # where a finding is in a .pdf/.docx
        "origin.page": "page {n}",
        "origin.paragraph": "paragraph {n}",
        "origin.table": "table {n}",
        "origin.row": "row {n}",
        "origin.join": ", ",
        # the terminal report
        "console.text": "text {index}",
        "console.by_rule": "Findings by rule",
        "column.code": "code",
        "column.rule": "rule",
        "column.severity": "severity",
        "column.count": "count",
        "summary.files": "{files} file(s), {texts} text(s): ",
        "summary.count": "{n} {label}",
        "summary.join": ", ",
        "summary.baselined": "; {n} known finding(s) hidden by the baseline",
        "summary.problems": "; {n} input problem(s)",
        # command-line lines about a run
        "run.interrupted": "budgetcheck: interrupted after {files} file(s), {texts} text(s): {errors} errors, {warnings} warnings, {infos} infos so far",
        "run.recorded": "budgetcheck: recorded {n} finding(s) in {path}",
        # the HTML report
        "html.title": "budgetcheck report",
        "html.subtitle": "consistency check of budget texts",
        "html.files": "files",
        "html.texts": "texts",
        "html.errors": "errors",
        "html.warnings": "warnings",
        "html.infos": "infos",
        "html.clean": "No findings.",
        "html.by_severity": "Findings by severity",
        "html.by_rule": "Findings by rule",
        "html.problems": "Input problems",
        "html.texts_heading": "Texts",
        "html.column.file": "file",
        "html.column.text": "text",
        "html.column.project": "project",
        "html.column.department": "department",
        "html.column.year": "year",
        "html.column.findings": "findings",
        "html.no_title": "(no project name)",
        "html.text": "text {index}",
        "html.finding_count": "finding(s)",
        "html.stale": "This file could not be read again or has changed since it was checked; showing the lines with findings only.",
        "html.heading": "(heading)",
        "html.whole_text": "(text)",
        "html.arithmetic": "arithmetic",
        "html.reason": "reason",
        "html.see": "see",
        "html.see_where": "{path}, text {document}, line {line}",
        "html.location": "line {line}, column {column}",
        "html.details": "details",
        # JUnit details
        "junit.text": "text {index}",
        # the review checklist
        "checklist.columns": "No.|Item|Pages|Compliant|Problems found",
        "checklist.summary_columns": "File|Form|Parts (found/expected)|Not compliant|Errors|Warnings|Infos",
        "checklist.summary": "Summary",
        "checklist.yes": "yes",
        "checklist.no": "no",
        "checklist.missing": "part missing",
        "checklist.texts": "{n} text(s)",
        "checklist.text": "text {index}",
        "checklist.page": "p. {n}",
        "checklist.paragraph": "paragraph {n}",
        "checklist.line": "line {n}",
        "checklist.problem": "{code} {where}{section}: {message}",
        "checklist.repeated": "{line} (×{count})",
        "checklist.sheet": "Checklist",
        "checklist.more": "\n… (more problems in the report of budgetcheck lint)",
        # command-line errors
        "usage.choice": "{option}: {value} is not one of {choices}",
        "usage.suggest": " (did you mean {suggestion}?)",
        "usage.or": ", ",
        "usage.minimum": "{option}: {value} is below the minimum {bound}",
        "usage.maximum": "{option}: {value} is above the maximum {bound}",
        "usage.integer": "{option}: {value} is not a whole number",
        "usage.number": "{option}: {value} is not a number",
        "usage.missing": "{command}: missing {name} (see `{command} --help`)",
        "usage.needs_value": "{option} needs a value",
        "usage.no_option": "no such option {option}",
        "usage.no_command": "no such command {name}; the commands are {choices}",
        "usage.extra": "{command}: unexpected argument {value} (see `{command} --help`)",
        "usage.both_baselines": "--baseline and --write-baseline cannot be used together",
        "rules.unknown": "no rule {name} (see `budgetcheck rules`)",
        "rules.unknown_selector": "{option}: {selector} matches no rule code or name",
        # budgetcheck serve: the page, its report bar, its errors
        "serve.title": "budgetcheck · budget text check",
        "serve.heading": "Consistency check of budget texts",
        "serve.intro": "Checks the amounts, totals, tables and text of department and unit budgets, final accounts and project texts against each other.",
        "serve.drop": "Drop files here, or click to choose them",
        "serve.limits": "Reads .docx, .pdf, .txt and .xlsx; at most {files} files at a time, each up to {file}, together up to {total}",
        "serve.start": "Check",
        "serve.privacy": "Files are checked on this machine only, never sent to the internet; the uploads are deleted once checked, "
        "the report and downloads expire after {minutes} minutes, and everything is deleted when the server stops (Ctrl-C).",
        "serve.script.none": "Choose the files to check first.",
        "serve.script.count": "At most {n} files per upload.",
        "serve.script.file": ": over the limit of {size} per file.",
        "serve.script.total": "The files together are over the limit of {size}.",
        "serve.script.busy": "Checking N file(s), please wait…",
        "serve.script.offline": "Cannot reach the checking server (has it stopped?).",
        "serve.download": "Download {name}",
        "serve.again": "Check other files",
        "serve.expiry": "Downloads stay for {minutes} minutes and are deleted when the server stops.",
        "serve.failed": "Could not check",
        "serve.back": "Back",
        "serve.bytes": "{n:,} bytes",
        "serve.announce": "(Ctrl-C to stop)",
        "serve.stopped": "stopped, uploads and reports deleted",
        "serve.skipped": "Not checked (a format budgetcheck does not read): {name}",
        "serve.no_checklist": "No checklist: {error}",
        "serve.no_annotated": "{name}: no annotated copy could be made",
        "serve.checklist_file": "checklist.xlsx",
        "serve.error.internal": "Internal error while checking; see the terminal",
        "serve.error.host": "Requests must be addressed to {origin}",
        "serve.error.origin": "Uploads are accepted from this page only",
        "serve.error.not_found": "No such page, or the report has expired",
        "serve.error.download_expired": "The download has expired",
        "serve.error.no_address": "No such address",
        "serve.error.busy": "Busy with other uploads; try again shortly",
        "serve.error.length": "A Content-Length is required",
        "serve.error.bad_length": "Invalid Content-Length",
        "serve.error.form": "The upload form could not be read: {error}",
        "serve.error.csrf": "The page has expired: reload it and upload again",
        "serve.error.no_files": "Choose the files to check first",
        "serve.error.formats": "Upload .docx, .pdf, .txt or .xlsx files",
        "serve.error.count": "At most {limit} files per upload, got {n} (max-upload-files in [limits])",
        "serve.error.file_size": "{name}: {size:,} bytes, over the limit of {limit:,} bytes per file (max-file-size in [limits])",
        "serve.error.total": "The upload is over the limit of {limit:,} bytes (max-upload-size in [limits])",
    },
    "zh": {
        "severity.error": "错误",
        "severity.warning": "警告",
        "severity.info": "提示",
        "severities.error": "错误",
        "severities.warning": "警告",
        "severities.info": "提示",
        "origin.page": "第{n}页",
        "origin.paragraph": "第{n}段",
        "origin.table": "表{n}",
        "origin.row": "第{n}行",
        "origin.join": "，",
        "console.text": "文本 {index}",
        "console.by_rule": "按规则统计",
        "column.code": "代码",
        "column.rule": "规则",
        "column.severity": "级别",
        "column.count": "数量",
        "summary.files": "{files} 个文件，{texts} 个文本：",
        "summary.count": "{label} {n} 个",
        "summary.join": "，",
        "summary.baselined": "；另有 {n} 个已记入基线的问题未列出",
        "summary.problems": "；{n} 个输入问题",
        "run.interrupted": "budgetcheck: 已中断：检查了 {files} 个文件、{texts} 个文本，目前有错误 {errors} 个、警告 {warnings} 个、提示 {infos} 个",
        "run.recorded": "budgetcheck: 已将 {n} 个问题记入 {path}",
        "html.title": "budgetcheck 检查报告",
        "html.subtitle": "预算文本一致性检查",
        "html.files": "文件",
        "html.texts": "文本",
        "html.errors": "错误",
        "html.warnings": "警告",
        "html.infos": "提示",
        "html.clean": "未发现问题。",
        "html.by_severity": "按级别统计",
        "html.by_rule": "按规则统计",
        "html.problems": "无法读取的输入",
        "html.texts_heading": "文本",
        "html.column.file": "文件",
        "html.column.text": "文本",
        "html.column.project": "项目",
        "html.column.department": "部门",
        "html.column.year": "年度",
        "html.column.findings": "问题数",
        "html.no_title": "（无项目名称）",
        "html.text": "文本 {index}",
        "html.finding_count": "个问题",
        "html.stale": "该文件无法再次读取，或检查后已被修改；仅显示有问题的行。",
        "html.heading": "（标题）",
        "html.whole_text": "（正文）",
        "html.arithmetic": "算式",
        "html.reason": "依据",
        "html.see": "参见",
        "html.see_where": "{path}，文本 {document}，第 {line} 行",
        "html.location": "第 {line} 行，第 {column} 列",
        "html.details": "详细数据",
        "junit.text": "文本 {index}",
        "checklist.columns": "序号|检查项目|页码|符合要求|发现的问题",
        "checklist.summary_columns": "文件|检查表|部分（找到/应有）|不符合|错误|警告|提示",
        "checklist.summary": "汇总",
        "checklist.yes": "是",
        "checklist.no": "否",
        "checklist.missing": "缺少该部分",
        "checklist.texts": "{n} 个文本",
        "checklist.text": "文本{index}",
        "checklist.page": "第{n}页",
        "checklist.paragraph": "第{n}段",
        "checklist.line": "第{n}行",
        "checklist.problem": "{code} {where}{section}：{message}",
        "checklist.repeated": "{line}（×{count}）",
        "checklist.sheet": "检查表",
        "checklist.more": "\n…（更多问题见 budgetcheck lint 的报告）",
        "usage.choice": "{option}：{value} 不是可选值（{choices}）之一",
        "usage.suggest": "（是否应为 {suggestion}？）",
        "usage.or": "、",
        "usage.minimum": "{option}：{value} 小于最小值 {bound}",
        "usage.maximum": "{option}：{value} 大于最大值 {bound}",
        "usage.integer": "{option}：{value} 不是整数",
        "usage.number": "{option}：{value} 不是数字",
        "usage.missing": "{command}：缺少 {name}（见 `{command} --help`）",
        "usage.needs_value": "{option} 后面需要一个值",
        "usage.no_option": "没有选项 {option}",
        "usage.no_command": "没有命令 {name}；可用的命令：{choices}",
        "usage.extra": "{command}：多余的参数 {value}（见 `{command} --help`）",
        "usage.both_baselines": "--baseline 与 --write-baseline 不能同时使用",
        "rules.unknown": "没有规则 {name}（见 `budgetcheck rules`）",
        "rules.unknown_selector": "{option}：{selector} 不对应任何规则代码或规则名称",
        # budgetcheck serve: the page, its report bar, its errors
        "serve.title": "budgetcheck · 预算文本检查",
        "serve.heading": "预算文本一致性检查",
        "serve.intro": "检查部门预算、单位预算、部门决算及项目文本中的金额、合计、表格与文字一致性。",
        "serve.drop": "把文件拖放到这里，或点击选择文件",
        "serve.limits": "支持 .docx、.pdf、.txt、.xlsx；一次最多 {files} 个文件，单个文件不超过 {file}，合计不超过 {total}",
        "serve.start": "开始检查",
        "serve.privacy": "文件只在本机检查，不会上传到互联网；检查完成后原文件立即删除，报告和下载链接 {minutes} 分钟后失效，停止服务（Ctrl-C）时全部删除。",
        "serve.script.none": "请先选择要检查的文件。",
        "serve.script.count": "一次最多上传 {n} 个文件。",
        "serve.script.file": "：超过单个文件 {size} 的上限。",
        "serve.script.total": "文件合计超过 {size} 的上限。",
        "serve.script.busy": "正在检查 N 个文件，请稍候……",
        "serve.script.offline": "无法连接检查服务（服务是否已停止？）。",
        "serve.download": "下载 {name}",
        "serve.again": "检查其他文件",
        "serve.expiry": "下载链接 {minutes} 分钟内有效，停止服务后删除。",
        "serve.failed": "未能检查",
        "serve.back": "返回",
        "serve.bytes": "{n:,} 字节",
        "serve.announce": "(Ctrl-C 停止)",
        "serve.stopped": "已停止，上传的文件和报告已删除",
        "serve.skipped": "未检查（不支持的格式）：{name}",
        "serve.no_checklist": "检查表未生成：{error}",
        "serve.no_annotated": "{name}：批注文档未能生成",
        "serve.checklist_file": "检查表.xlsx",
        "serve.error.internal": "检查时出现内部错误，详见终端输出",
        "serve.error.host": "只接受发往 {origin} 的请求",
        "serve.error.origin": "只接受本页面提交的文件",
        "serve.error.not_found": "没有这个页面，或报告已过期",
        "serve.error.download_expired": "下载已过期",
        "serve.error.no_address": "没有这个地址",
        "serve.error.busy": "正在检查其他上传，请稍后再试",
        "serve.error.length": "请求须注明长度",
        "serve.error.bad_length": "请求长度无效",
        "serve.error.form": "无法读取上传的表单：{error}",
        "serve.error.csrf": "页面已失效，请刷新后重新上传",
        "serve.error.no_files": "请先选择要检查的文件",
        "serve.error.formats": "请上传 .docx、.pdf、.txt 或 .xlsx 文件",
        "serve.error.count": "一次最多上传 {limit} 个文件，本次 {n} 个（[limits] max-upload-files）",
        "serve.error.file_size": "{name}：{size:,} 字节，超过单个文件 {limit:,} 字节的上限（[limits] max-file-size）",
        "serve.error.total": "上传文件合计超过 {limit:,} 字节的上限（[limits] max-upload-size）",
    },
}
