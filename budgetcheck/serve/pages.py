"""The HTML the server shows: the upload page, the bar above a report, error pages, in the server's language.

Everything is inline (CSS, and the upload page's one script, allowed by a nonce), so
the pages work on a machine without internet. The upload form is a plain
``<input type=file multiple>`` in a ``multipart/form-data`` form that works without
the script; the script adds the drop zone, checks the limits before sending and shows
the server's message in the page.
"""

from __future__ import annotations

import html
import json

from budgetcheck.i18n import tr
from budgetcheck.limits import Limits
from budgetcheck.reporters.html_report import escape
from budgetcheck.serve.batches import Batch

ACCEPT = ".txt,.docx,.pdf,.xlsx,.xlsm"
_HTML_LANG = {"zh": "zh-CN", "en": "en"}

_CSS = """
body{margin:0;font:16px/1.6 system-ui,"Noto Sans CJK SC","Microsoft YaHei","WenQuanYi Micro Hei",sans-serif;color:#1f2328;background:#f6f8fa}
main{max-width:760px;margin:40px auto;padding:0 16px}h1{font-size:24px;margin:0 0 8px}
.zone{display:block;border:2px dashed #8c959f;border-radius:10px;background:#fff;padding:36px 20px;text-align:center;cursor:pointer}
.zone.over{border-color:#0969da;background:#ddf4ff}.zone strong{display:block;font-size:18px;margin-bottom:8px}
.hint{color:#57606a;font-size:14px}button{font:inherit;margin-top:16px;padding:8px 22px;border:0;border-radius:6px;background:#1f883d;color:#fff;cursor:pointer}
button:disabled{background:#8c959f;cursor:wait}#status{min-height:1.6em;margin-top:12px;font-weight:600}#status.error{color:#cf222e}
#chosen{font-size:14px;color:#57606a;margin:8px 0 0;padding-left:20px}
"""

_SCRIPT = """
(function () {
  var form = document.getElementById('upload'), input = document.getElementById('files'),
      zone = document.getElementById('zone'), status = document.getElementById('status'),
      button = document.getElementById('go'), chosen = document.getElementById('chosen'),
      limits = JSON.parse(document.getElementById('limits').textContent);
  function say(text, error) { status.textContent = text; status.className = error ? 'error' : ''; }
  function tooMuch(files) {
    var total = 0;
    if (files.length === 0) return limits.messages.none;
    if (files.length > limits.files) return limits.messages.count;
    for (var i = 0; i < files.length; i++) {
      total += files[i].size;
      if (files[i].size > limits.file) return files[i].name + limits.messages.file;
    }
    return total > limits.total ? limits.messages.total : '';
  }
  function show() {
    chosen.textContent = '';
    for (var i = 0; i < input.files.length; i++) {
      var item = document.createElement('li'); item.textContent = input.files[i].name; chosen.appendChild(item);
    }
    say('', false);
  }
  function send() {
    if (button.disabled) return;  // one upload at a time from this page
    var problem = tooMuch(input.files);
    if (problem) { say(problem, true); return; }
    say(limits.messages.busy.replace('N', input.files.length), false);
    button.disabled = true;
    fetch(form.action, {method: 'POST', body: new FormData(form), headers: {'Accept': 'application/json'}, credentials: 'same-origin'})
      .then(function (response) { return response.json().then(function (answer) { return [response, answer]; }); })
      .then(function (pair) {
        if (pair[0].ok && pair[1].report) { window.location.href = pair[1].report; return; }
        say(pair[1].error || ('HTTP ' + pair[0].status), true); button.disabled = false;
      })
      .catch(function () { say(limits.messages.offline, true); button.disabled = false; });
  }
  zone.addEventListener('dragover', function (e) { e.preventDefault(); zone.classList.add('over'); });
  zone.addEventListener('dragleave', function () { zone.classList.remove('over'); });
  zone.addEventListener('drop', function (e) {
    e.preventDefault(); zone.classList.remove('over');
    input.files = e.dataTransfer.files; show(); send();
  });
  input.addEventListener('change', show);
  form.addEventListener('submit', function (e) { e.preventDefault(); send(); });
})();
"""


def upload_page(csrf: str, nonce: str, limits: Limits, lifetime_minutes: int, lang: str) -> str:
    def say(key: str, **values: object) -> str:
        return tr(key, lang, **values)

    sizes = {"file": _size(limits.max_file_size, lang), "total": _size(limits.max_upload_size, lang)}
    settings = {
        "files": limits.max_upload_files,
        "total": limits.max_upload_size,
        "file": limits.max_file_size,
        "messages": {
            "none": say("serve.script.none"),
            "count": say("serve.script.count", n=limits.max_upload_files),
            "file": say("serve.script.file", size=sizes["file"]),
            "total": say("serve.script.total", size=sizes["total"]),
            "busy": say("serve.script.busy"),
            "offline": say("serve.script.offline"),
        },
    }
    # JSON inside <script type=application/json>: "</" could end the element, so it is escaped.
    data = json.dumps(settings, ensure_ascii=False).replace("</", "<\\/")
    return (
        f'<!DOCTYPE html>\n<html lang="{_HTML_LANG[lang]}"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>{escape(say('serve.title'))}</title><style>{_CSS}</style></head><body><main>"
        f"<h1>{escape(say('serve.heading'))}</h1>"
        f"<p>{escape(say('serve.intro'))}</p>"
        '<form id="upload" method="post" action="/check" enctype="multipart/form-data">'
        f'<input type="hidden" name="csrf" value="{html.escape(csrf)}">'
        f'<label class="zone" id="zone" for="files"><strong>{escape(say("serve.drop"))}</strong>'
        f'<span class="hint">{escape(say("serve.limits", files=limits.max_upload_files, **sizes))}</span><br>'
        f'<input type="file" id="files" name="files" multiple accept="{ACCEPT}"></label>'
        '<ul id="chosen"></ul>'
        f'<button type="submit" id="go">{escape(say("serve.start"))}</button>'
        '<p id="status" role="status" aria-live="polite"></p></form>'
        f'<p class="hint">{escape(say("serve.privacy", minutes=lifetime_minutes))}</p>'
        f'<script type="application/json" id="limits">{data}</script>'
        f'<script nonce="{nonce}">{_SCRIPT}</script>'
        "</main></body></html>\n"
    )


_BAR_CSS = (
    ".serve-bar{background:#fff;border-bottom:1px solid #d0d7de;padding:10px 24px;font-size:15px}"
    ".serve-bar a{margin-right:14px}.serve-bar .dl{font-weight:600}.serve-bar .hint{color:#57606a;font-size:13px}"
    ".serve-bar .notes{color:#9a6700;margin:4px 0 0;padding-left:20px}"
)


def result_page(report: str, batch: Batch, lifetime_minutes: int, lang: str) -> str:
    """The report page with a bar of downloads put right after its <body> tag (which only the report's own head holds)."""
    links = "".join(
        f'<a class="dl" href="/r/{batch.token}/{key}" download>{escape(tr("serve.download", lang, name=item.name))}</a>'
        for key, item in batch.downloads.items()
    )
    notes = "".join(f"<li>{escape(note)}</li>" for note in batch.notes)
    bar = (
        f'<style>{_BAR_CSS}</style><nav class="serve-bar" id="downloads">{links}<a href="/">{escape(tr("serve.again", lang))}</a>'
        f'<span class="hint">{escape(tr("serve.expiry", lang, minutes=lifetime_minutes))}</span>'
        f'{f"<ul class=notes>{notes}</ul>" if notes else ""}</nav>'
    )
    head, tag, rest = report.partition("<body>")
    return head + tag + bar + rest


def error_page(message: str, lang: str) -> str:
    return (
        f'<!DOCTYPE html>\n<html lang="{_HTML_LANG[lang]}"><head><meta charset="utf-8"><title>budgetcheck</title>'
        f'<style>{_CSS}</style></head><body><main><h1>{escape(tr("serve.failed", lang))}</h1>'
        f'<p id="status" class="error">{escape(message)}</p>'
        f'<p><a href="/">{escape(tr("serve.back", lang))}</a></p></main></body></html>\n'
    )


def _size(n: int, lang: str) -> str:
    return f"{n / (1024 * 1024):g} MB" if n >= 1024 * 1024 else tr("serve.bytes", lang, n=n)
