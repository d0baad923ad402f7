"""``--format html``: one self-contained page a reviewer can open and share.

A summary (counts by severity and by rule, with CSS bars) comes first, then every
text that has findings, section by section, with the offending spans highlighted
and each finding written under its line with the arithmetic behind it.

The lint result holds findings, not whole texts (a run over many files keeps one
text in memory at a time), so the files with findings are read again here. If a
file cannot be read again or has changed since (its lines no longer match the
findings' excerpts), that file's findings are shown with their excerpt lines only.

Everything from a document is escaped; the page has no script and forbids any by
its Content-Security-Policy, and loads nothing from the network.
"""

from __future__ import annotations

import html
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import groupby
from typing import TextIO

from budgetcheck import __version__
from budgetcheck.document import Document, split_documents
from budgetcheck.findings import Finding
from budgetcheck.i18n import tr
from budgetcheck.printable import printable
from budgetcheck.readers import STDIN, load
from budgetcheck.reporters.summary import code_counts, origin_label, severity_counts
from budgetcheck.results import LintResult, TextInfo
from budgetcheck.source import InputError, Source


def escape(text: str) -> str:
    """HTML-escaped, with control characters shown escaped too (they are not valid in HTML)."""
    return html.escape(printable(text, keep="\t\n\r"))


SEVERITIES = ("error", "warning", "info")
_RANK = {name: i for i, name in enumerate(reversed(SEVERITIES))}


@dataclass
class _Span:
    """A finding resolved to character offsets of the re-read text."""

    id: str
    finding: Finding
    start: int
    end: int


def write(result: LintResult, stream: TextIO, files: Callable[[str], str] | None = None) -> None:
    """The page; ``files`` maps a reported path to the file to read again (``budgetcheck serve``
    reports uploads by their own names, not by where they were saved), by default the path itself."""
    for chunk in _page(result, files or str):
        stream.write(chunk)


def _page(result: LintResult, files: Callable[[str], str]) -> Iterator[str]:
    ids = {id(f): f"f{i}" for i, f in enumerate(result.findings, 1)}
    anchors = _text_anchors(result)
    yield _head()
    yield _summary(result, anchors)
    infos = {(t.path, t.index): t for t in result.texts}
    for path, in_file in groupby(result.findings, key=lambda f: f.path):
        yield from _file(path, files(path), list(in_file), infos, ids, anchors)
    yield "</main></body></html>\n"


def _text_anchors(result: LintResult) -> dict[tuple[str, int], str]:
    with_findings = dict.fromkeys((f.path, f.document) for f in result.findings)
    return {key: f"t{i}" for i, key in enumerate(with_findings, 1)}


# ---------------------------------------------------------------- summary


def _summary(result: LintResult, anchors: dict[tuple[str, int], str]) -> str:
    totals = severity_counts(result.findings)
    cards = [("files", result.files, ""), ("texts", result.documents, "")]
    cards += [(f"{name}s", totals[name], f" sev-{name}") for name in SEVERITIES]
    out = ['<section id="summary"><div class="cards">']
    for key, value, css in cards:  # ids stay English whatever the language: scripts and tests find the counts by them
        out.append(f'<div class="card{css}"><span class="num" id="count-{key}">{value}</span><span class="label">{tr(f"html.{key}")}</span></div>')
    out.append("</div>")
    out.append(_severity_bar(totals))
    out.append(_code_table(result))
    out.append(_problems(result))
    out.append(_text_table(result, anchors))
    out.append("</section>")
    return "".join(out)


def _severity_bar(totals: dict[str, int]) -> str:
    total = sum(totals.values())
    if not total:
        return f'<p class="clean">{tr("html.clean")}</p>'
    segments = "".join(
        f'<span class="seg sev-{name}" style="width:{100 * n / total:.2f}%" title="{_count(name, n)}"></span>'
        for name, n in totals.items() if n
    )
    legend = " · ".join(f'<span class="key sev-{name}"></span>{_count(name, n)}' for name, n in totals.items())
    heading = tr("html.by_severity")
    return (
        f'<h2>{heading}</h2><div class="stack" role="img" aria-label="{heading}">{segments}</div>'
        f'<p class="legend">{legend}</p>'
    )


def _count(severity: str, n: int) -> str:
    """"3 errors" / "错误 3 个", as in the terminal's summary line."""
    return tr("summary.count", n=n, label=tr(f"severities.{severity}"))


def _code_table(result: LintResult) -> str:
    counts = code_counts(result.findings)
    if not counts:
        return ""
    most = max(n for *_, n in counts)
    rows = "".join(
        f'<tr data-code="{escape(code)}"><td class="code">{escape(code)}</td><td>{escape(rule)}</td>'
        f'<td><span class="sev sev-{severity}">{tr(f"severity.{severity}")}</span></td><td class="count">{n}</td>'
        f'<td class="barcell"><span class="bar sev-{severity}" style="width:{100 * n / most:.1f}%"></span></td></tr>'
        for code, rule, severity, n in counts
    )
    return (
        f'<h2>{tr("html.by_rule")}</h2><table class="codes" id="by-code"><thead><tr>{_headers("column.code", "column.rule", "column.severity", "column.count")}'
        f'<th></th></tr></thead><tbody>{rows}</tbody></table>'
    )


def _problems(result: LintResult) -> str:
    if not result.problems:
        return ""
    items = "".join(f"<li><code>{escape(p.path)}</code>: {escape(p.message)}</li>" for p in result.problems)
    return f'<h2>{tr("html.problems")}</h2><ul class="problems">{items}</ul>'


def _text_table(result: LintResult, anchors: dict[tuple[str, int], str]) -> str:
    counts: dict[tuple[str, int], int] = defaultdict(int)
    for f in result.findings:
        counts[(f.path, f.document)] += 1
    rows = []
    for info in result.texts:
        key = (info.path, info.index)
        title = escape(info.title or "—")
        if key in anchors:
            title = f'<a href="#{anchors[key]}">{title}</a>'
        rows.append(
            f"<tr><td><code>{escape(info.path)}</code></td><td>{info.index}</td><td>{title}</td>"
            f"<td>{escape(info.department or '')}</td><td>{info.year or ''}</td><td class=\"count\">{counts.get(key, 0)}</td></tr>"
        )
    return (
        f'<h2>{tr("html.texts_heading")}</h2><table class="texts"><thead><tr>'
        f'{_headers(*(f"html.column.{c}" for c in ("file", "text", "project", "department", "year", "findings")))}</tr></thead>'
        f'<tbody>{"".join(rows)}</tbody></table>'
    )


def _headers(*keys: str) -> str:
    return "".join(f"<th>{tr(key)}</th>" for key in keys)


# ---------------------------------------------------------------- texts


def _file(path: str, where: str, findings: list[Finding], infos: dict[tuple[str, int], TextInfo], ids: dict[int, str], anchors: dict) -> Iterator[str]:
    source = _reread(where, findings)
    documents = {doc.index: doc for doc in split_documents(source)} if source else {}
    for index, group in groupby(findings, key=lambda f: f.document):
        in_text = list(group)
        anchor = anchors[(path, index)]
        yield _text_heading(path, index, infos.get((path, index)), anchor, len(in_text))
        doc = documents.get(index)
        found = [_span(doc.source, f, ids[id(f)]) for f in in_text] if doc else []
        spans = [s for s in found if s is not None]
        if doc and len(spans) == len(found):
            yield from _document(doc, spans, anchor, anchors)
        else:
            yield f'<p class="note">{tr("html.stale")}</p>'
            yield from _excerpts_only(in_text, ids, anchor, anchors)
        yield "</section>"


def _reread(path: str, findings: list[Finding]) -> Source | None:
    if path == STDIN:
        return None
    try:
        source = load(path)
    except InputError:
        return None
    for f in findings:
        if f.excerpt and (f.line > source.line_count or source.line_text(f.line) != f.excerpt.text):
            return None
    return source


def _span(source: Source, finding: Finding, ident: str) -> _Span | None:
    if finding.end_line > source.line_count:
        return None
    start = source.line_span(finding.line)[0] + finding.column - 1
    end = source.line_span(finding.end_line)[0] + finding.end_column - 1
    return _Span(ident, finding, start, max(start, end))


def _text_heading(path: str, index: int, info: TextInfo | None, anchor: str, count: int) -> str:
    title = escape(info.title) if info and info.title else tr("html.no_title")
    facts = [tr("html.text", index=index), *(escape(str(x)) for x in ((info.year, info.department) if info else ()) if x)]
    return (
        f'<section class="text" id="{anchor}"><h2><span class="title">{title}</span></h2>'
        f'<p class="where"><code>{escape(path)}</code> · {" · ".join(facts)} · '
        f'<span class="text-count">{count}</span> {tr("html.finding_count")}</p>'
    )


def _document(doc: Document, spans: list[_Span], anchor: str, anchors: dict) -> Iterator[str]:
    source = doc.source
    first, last = source.position(doc.start)[0], source.position(max(doc.start, doc.end - 1))[0]
    starts_on: dict[int, list[_Span]] = defaultdict(list)
    for s in spans:
        starts_on[s.finding.line].append(s)
    blocks = [(None, doc.start)] + [(s, s.start) for s in doc.sections]
    for i, (section, start) in enumerate(blocks):
        end = blocks[i + 1][1] if i + 1 < len(blocks) else doc.end
        if end <= start:
            continue
        lines = range(max(first, source.position(start)[0]), min(last, source.position(end - 1)[0]) + 1)
        inside = [s for s in spans if start <= s.start < end]
        label = section.label if section else tr("html.heading" if doc.sections else "html.whole_text")
        yield _block(source, label, lines, inside, spans, starts_on, anchor, anchors)


def _block(source: Source, label: str, lines: range, inside: list[_Span], spans: list[_Span],
           starts_on: dict[int, list[_Span]], anchor: str, anchors: dict) -> str:
    opened = " open" if inside else ""
    badge = f' <span class="badge">{len(inside)}</span>' if inside else ""
    rows = []
    for line in lines:
        rows.append(_line(source, line, spans, anchor))
        if starts_on.get(line):
            rows.append('<div class="notes">' + "".join(_note(s.finding, s.id, anchors) for s in starts_on[line]) + "</div>")
    return f'<details class="section"{opened}><summary>{escape(label)}{badge}</summary><div class="lines">{"".join(rows)}</div></details>'


def _line(source: Source, line: int, spans: list[_Span], anchor: str) -> str:
    line_start, line_end = source.line_span(line)
    text = source.text[line_start:line_end]
    pieces = [(max(s.start, line_start) - line_start, min(s.end, line_end) - line_start, s)
              for s in spans
              if (s.start < line_end and s.end > line_start) or (s.start == s.end and line_start <= s.start <= line_end)]
    body = _highlight(text, pieces)
    return f'<div class="line" id="{anchor}-L{line}"><span class="ln">{line}</span><span class="src">{body}</span></div>'


def _highlight(text: str, pieces: list[tuple[int, int, _Span]]) -> str:
    """The line with every finding's part wrapped in <mark>; overlapping parts are split at each edge."""
    cuts = sorted({0, len(text), *(p[0] for p in pieces), *(p[1] for p in pieces)})
    out = []
    for a, b in zip(cuts, cuts[1:] + [None]):
        out += [_point(s) for start, end, s in pieces if start == end == a and s.start == s.end]
        if b is None:
            break
        covering = [s for start, end, s in pieces if start <= a and b <= end and start < end]
        chunk = escape(text[a:b])
        if covering:
            severity = max((s.finding.severity.value for s in covering), key=_RANK.__getitem__)
            multi = " multi" if len(covering) > 1 else ""
            refs = " ".join(s.id for s in covering)
            codes = " ".join(s.finding.code for s in covering)
            out.append(f'<mark class="hl sev-{severity}{multi}" data-f="{refs}" title="{codes}">{chunk}</mark>')
        else:
            out.append(chunk)
    return "".join(out)


def _point(s: _Span) -> str:
    return f'<mark class="hl point sev-{s.finding.severity.value}" data-f="{s.id}" title="{s.finding.code}"></mark>'


def _note(f: Finding, ident: str, anchors: dict) -> str:
    severity = f.severity.value
    parts = [
        f'<div class="finding sev-{severity}" id="{ident}" data-code="{escape(f.code)}" data-severity="{severity}">',
        f'<div class="head"><span class="sev sev-{severity}">{tr(f"severity.{severity}")}</span> <b class="code">{escape(f.code)}</b> ',
        f'<span class="rule">{escape(f.rule)}</span> <span class="loc">{escape(_location(f))}</span></div>',
        f'<div class="msg">{escape(f.message)}</div>',
    ]
    arithmetic = f.data.get("arithmetic")
    if arithmetic:
        parts.append(f'<div class="arith"><span class="label">{tr("html.arithmetic")}</span><code>{escape(str(arithmetic))}</code></div>')
    if "reason" in f.data:
        parts.append(f'<div class="arith"><span class="label">{tr("html.reason")}</span>{escape(str(f.data["reason"]))}</div>')
    other = anchors.get((f.data.get("other_path"), f.data.get("other_document")))
    if other and f.data.get("other_line"):
        where = tr("html.see_where", path=escape(str(f.data["other_path"])), document=int(f.data["other_document"]), line=int(f.data["other_line"]))
        parts.append(f'<div class="see">{tr("html.see")} <a href="#{other}-L{int(f.data["other_line"])}">{where}</a></div>')
    parts.append(_data(f))
    parts.append("</div>")
    return "".join(parts)


def _location(f: Finding) -> str:
    origin = origin_label(f)
    return tr("html.location", line=f.line, column=f.column) + (f" · {origin}" if origin else "")


def _data(f: Finding) -> str:
    shown = {k: v for k, v in f.data.items() if k not in ("arithmetic", "reason")}
    if not shown:
        return ""
    rows = "".join(f"<dt>{escape(str(k))}</dt><dd>{escape(_value(v))}</dd>" for k, v in shown.items())
    return f'<details class="data"><summary>{tr("html.details")}</summary><dl>{rows}</dl></details>'


def _value(value: object) -> str:
    return "、".join(map(str, value)) if isinstance(value, list) else str(value)


def _excerpts_only(findings: list[Finding], ids: dict[int, str], anchor: str, anchors: dict) -> Iterator[str]:
    yield '<div class="lines">'
    for f in findings:
        if f.excerpt:
            span = _Span(ids[id(f)], f, f.excerpt.start, max(f.excerpt.start, f.excerpt.end))
            body = _highlight(f.excerpt.text, [(span.start, span.end, span)])
            yield f'<div class="line" id="{anchor}-L{f.line}"><span class="ln">{f.line}</span><span class="src">{body}</span></div>'
        yield f'<div class="notes">{_note(f, ids[id(f)], anchors)}</div>'
    yield "</div>"


_CSS = """
:root{--error:#c62828;--error-bg:#fdecea;--warning:#a15c00;--warning-bg:#fff4d6;--info:#1565c0;--info-bg:#e3f0fd;
--ink:#1f2328;--muted:#656d76;--line:#d0d7de;--paper:#fff;--panel:#f6f8fa}
*{box-sizing:border-box}
body{margin:0;color:var(--ink);background:var(--panel);
font:15px/1.6 "Noto Sans CJK SC","Source Han Sans SC","WenQuanYi Micro Hei","PingFang SC","Microsoft YaHei",system-ui,sans-serif}
header{background:#24292f;color:#fff;padding:14px 28px}header h1{margin:0;font-size:20px}header p{margin:2px 0 0;color:#c9d1d9;font-size:13px}
main{max-width:1100px;margin:0 auto;padding:20px 28px 60px}
h2{font-size:17px;margin:22px 0 8px}
section#summary,section.text{background:var(--paper);border:1px solid var(--line);border-radius:8px;padding:16px 20px;margin:0 0 20px}
.cards{display:flex;flex-wrap:wrap;gap:12px}
.card{flex:1 1 120px;border:1px solid var(--line);border-radius:6px;padding:10px 14px;background:var(--panel)}
.card .num{display:block;font-size:26px;font-weight:700}.card .label{color:var(--muted)}
.card.sev-error .num{color:var(--error)}.card.sev-warning .num{color:var(--warning)}.card.sev-info .num{color:var(--info)}
.stack{display:flex;height:18px;border-radius:4px;overflow:hidden;background:var(--panel);border:1px solid var(--line)}
.legend{color:var(--muted);font-size:13px;margin:4px 0}.key{display:inline-block;width:10px;height:10px;border-radius:2px;margin-right:4px}
.seg.sev-error,.bar.sev-error,.key.sev-error{background:var(--error)}.seg.sev-warning,.bar.sev-warning,.key.sev-warning{background:#e0a100}.seg.sev-info,.bar.sev-info,.key.sev-info{background:var(--info)}
table{border-collapse:collapse;width:100%;font-size:14px}th,td{text-align:left;padding:4px 8px;border-bottom:1px solid var(--line)}
th{color:var(--muted);font-weight:600}td.count{text-align:right;font-variant-numeric:tabular-nums}
td.barcell{width:35%}.bar{display:block;height:12px;border-radius:3px;min-width:2px}
.sev{display:inline-block;padding:0 6px;border-radius:10px;font-size:12px;font-weight:600;color:#fff}
.sev.sev-error{background:var(--error)}.sev.sev-warning{background:#c98a00}.sev.sev-info{background:var(--info)}
.where{color:var(--muted);margin:0 0 10px}.note{color:var(--warning)}.clean{color:#1a7f37;font-weight:600}
details.section{border:1px solid var(--line);border-radius:6px;margin:8px 0;background:var(--paper)}
details.section>summary{cursor:pointer;padding:6px 10px;font-weight:600;background:var(--panel);border-radius:6px}
.badge{display:inline-block;min-width:20px;text-align:center;border-radius:10px;background:var(--error);color:#fff;font-size:12px;padding:0 6px}
.lines{padding:4px 0}
.line{display:flex;gap:10px;padding:1px 10px}
.ln{flex:0 0 3.2em;text-align:right;color:var(--muted);font:12px/1.9 ui-monospace,monospace;user-select:none}
.src{flex:1;white-space:pre-wrap;word-break:break-all;tab-size:4}
mark.hl{border-radius:2px;padding:1px 0;color:inherit}
mark.sev-error{background:var(--error-bg);box-shadow:inset 0 -2px 0 var(--error)}
mark.sev-warning{background:var(--warning-bg);box-shadow:inset 0 -2px 0 #e0a100}
mark.sev-info{background:var(--info-bg);box-shadow:inset 0 -2px 0 var(--info)}
mark.multi{background:#f9c7c2;box-shadow:inset 0 -3px 0 var(--error)}
mark.point::before{content:"\\25B4";color:var(--error);font-weight:700}
.notes{margin:2px 10px 8px calc(3.2em + 20px)}
.finding{border-left:4px solid var(--line);background:var(--panel);padding:6px 10px;margin:4px 0;border-radius:0 6px 6px 0}
.finding.sev-error{border-color:var(--error)}.finding.sev-warning{border-color:#e0a100}.finding.sev-info{border-color:var(--info)}
.finding .code{font-family:ui-monospace,monospace}.finding .rule,.finding .loc{color:var(--muted);font-size:13px}
.arith{margin-top:4px}.arith .label{display:inline-block;color:var(--muted);font-size:12px;margin-right:8px}
.arith code{font:14px ui-monospace,"Noto Sans Mono CJK SC",monospace;background:#fff;border:1px solid var(--line);border-radius:4px;padding:1px 6px}
.data summary{cursor:pointer;color:var(--muted);font-size:12px}.data dl{display:grid;grid-template-columns:max-content 1fr;gap:0 12px;margin:4px 0;font-size:13px}
.data dt{color:var(--muted)}.data dd{margin:0;word-break:break-all}
.problems li{color:var(--error)}
"""

def _head() -> str:
    title = tr("html.title")
    return (
        '<!DOCTYPE html>\n<html lang="zh-CN"><head><meta charset="utf-8">'
        '<meta http-equiv="Content-Security-Policy" content="default-src \'none\'; style-src \'unsafe-inline\'">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{title}</title><style>{_CSS}</style></head><body>"
        f'<header><h1>{title}</h1><p>budgetcheck {escape(__version__)} · {tr("html.subtitle")}</p></header><main>'
    )
