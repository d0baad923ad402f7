"""``budgetcheck serve`` over HTTP: uploads checked as lint checks them, the guards, the limits, the clean-up.

The server runs in a thread of the test process on a free port; requests go through
urllib/http.client to 127.0.0.1 only. Nothing here waits on a clock: a server-side
timeout is awaited as the connection being closed, with a generous bound.
"""

from __future__ import annotations

import http.client
import io
import json
import re
import socket
import threading
import uuid
from dataclasses import replace
from pathlib import Path

import pytest
from conftest import SAMPLES, make_text

from budgetcheck.engine import lint_paths
from budgetcheck.limits import Limits
from budgetcheck.serve import Server
from budgetcheck.serve.batches import clean_name
from budgetcheck.serve.multipart import MultipartError, parse
from budgetcheck.settings import Options, resolve

SEED_003 = SAMPLES / "003_d0cdb9e489cb1e09.txt"
SEED_000 = SAMPLES / "000_c68cd09910643be1.txt"
LIMITS = Limits(max_upload_files=3, max_file_size=20_000, max_upload_size=30_000)


@pytest.fixture(scope="module")
def settings():
    found = resolve(Options(lang="zh"))  # a Chinese reviewer's page; test_the_page_speaks_english_with_lang_en has the other
    return replace(found, run=replace(found.run, limits=LIMITS))


def start(settings, **options) -> Server:
    server = Server(settings, 0, **options)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


@pytest.fixture
def server(settings):
    running = start(settings)
    yield running
    running.shutdown()
    running.server_close()


def request(server, method: str, path: str, body: bytes | None = None, headers: dict | None = None, host: str | None = None):
    """(status, headers, body) of one request; ``host`` replaces the Host header."""
    connection = http.client.HTTPConnection("127.0.0.1", server.server_address[1], timeout=60)
    connection.putrequest(method, path, skip_host=True, skip_accept_encoding=True)
    connection.putheader("Host", host or f"127.0.0.1:{server.server_address[1]}")
    for key, value in (headers or {}).items():
        connection.putheader(key, value)
    if body is not None:
        connection.putheader("Content-Length", str(len(body)))
    connection.endheaders(body)
    response = connection.getresponse()
    answer = response.status, dict(response.getheaders()), response.read()
    connection.close()
    return answer


def form(files: list[tuple[str, bytes]], csrf: str | None) -> tuple[bytes, str]:
    """A multipart/form-data body as a browser sends it (raw UTF-8 file names)."""
    boundary = uuid.uuid4().hex
    out = io.BytesIO()
    if csrf is not None:
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="csrf"\r\n\r\n{csrf}\r\n'.encode())
    for name, data in files:
        quoted = name.replace('"', "%22").replace("\n", "%0A").replace("\r", "%0D")
        out.write(f'--{boundary}\r\nContent-Disposition: form-data; name="files"; filename="{quoted}"\r\n'
                  "Content-Type: application/octet-stream\r\n\r\n".encode())
        out.write(data + b"\r\n")
    out.write(f"--{boundary}--\r\n".encode())
    return out.getvalue(), f"multipart/form-data; boundary={boundary}"


def upload(server, files, csrf: str | None = "", headers: dict | None = None, host: str | None = None):
    body, content_type = form(files, server.csrf if csrf == "" else csrf)
    return request(server, "POST", "/check", body, {"Content-Type": content_type, **(headers or {})}, host)


def seeds() -> list[tuple[str, bytes]]:
    return [("项目文本（一）.txt", SEED_003.read_bytes()), (SEED_000.name, SEED_000.read_bytes())]


def batch_of(server, location: str):
    return server.batches.get(location.split("/")[2])


# ---------------------------------------------------------------- checking


def test_an_upload_is_checked_as_lint_checks_it_and_reported_by_its_names(server, settings, tmp_path):
    status, headers, _ = upload(server, seeds())
    assert status == 303
    location = headers["Location"]
    assert re.fullmatch(r"/r/[A-Za-z0-9_-]{40,}/", location)
    status, headers, page = request(server, "GET", location)
    assert status == 200 and headers["Cache-Control"] == "no-store"
    text = page.decode()
    # The same findings as lint on the same files (under their own names).
    (tmp_path / "项目文本（一）.txt").write_bytes(SEED_003.read_bytes())
    (tmp_path / SEED_000.name).write_bytes(SEED_000.read_bytes())
    expected = lint_paths([str(tmp_path / "项目文本（一）.txt"), str(tmp_path / SEED_000.name)], settings.rules, settings.run).findings
    assert expected and sorted(re.findall(r'class="finding sev-\w+" id="f\d+" data-code="([A-Z]\d{3})"', text)) == sorted(f.code for f in expected)
    assert "项目文本（一）.txt" in text and SEED_000.name in text
    assert str(server.batches.root) not in text and "/tmp" not in text  # N101 names the other file: by its name too
    assert text.count('id="downloads"') == 1 and "检查表.xlsx" in text


def test_the_checklist_downloads_as_xlsx_with_a_sheet_per_upload(server):
    from openpyxl import load_workbook

    location = upload(server, seeds())[1]["Location"]
    status, headers, data = request(server, "GET", location + "checklist.xlsx")
    assert status == 200
    assert headers["Content-Type"] == "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    assert headers["Content-Disposition"].endswith("filename*=UTF-8''%E6%A3%80%E6%9F%A5%E8%A1%A8.xlsx")  # 检查表.xlsx
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["汇总", "项目文本（一）", SEED_000.stem]


def test_the_page_speaks_english_with_lang_en(settings):
    from openpyxl import load_workbook

    server = start(replace(settings, lang="en"))
    try:
        page = request(server, "GET", "/")[2].decode()
        assert '<html lang="en">' in page and "Drop files here" in page and "把文件拖放到这里" not in page
        location = upload(server, seeds())[1]["Location"]
        report = request(server, "GET", location)[2].decode()
        assert "Download checklist.xlsx" in report and "检查其他文件" not in report
        assert load_workbook(io.BytesIO(request(server, "GET", location + "checklist.xlsx")[2])).sheetnames[0] == "Summary"
        status, _, body = upload(server, [(f"{i}.txt", make_text().encode()) for i in range(4)], headers={"Accept": "application/json"})
        assert (status, json.loads(body)["error"]) == (413, "At most 3 files per upload, got 4 (max-upload-files in [limits])")
    finally:
        server.shutdown()
        server.server_close()


def test_uploads_are_deleted_once_checked_and_everything_when_the_server_stops(settings):
    server = start(settings)
    location = upload(server, seeds())[1]["Location"]
    batch = batch_of(server, location)
    assert not batch.inputs.exists() and batch.report.is_file()
    assert (server.batches.root.stat().st_mode & 0o777) == 0o700 and (batch.folder.stat().st_mode & 0o777) == 0o700
    server.shutdown()
    server.server_close()
    assert not server.batches.root.exists()


def test_an_expired_batch_is_gone(server):
    location = upload(server, seeds())[1]["Location"]
    batch = batch_of(server, location)
    batch.expires = 0  # as if its lifetime had passed
    assert request(server, "GET", location)[0] == 404
    assert not batch.folder.exists()


def test_the_page_script_gets_json(server):
    status, _, body = upload(server, seeds(), headers={"Accept": "application/json"})
    assert status == 200 and re.fullmatch(r"/r/[A-Za-z0-9_-]{40,}/", json.loads(body)["report"])
    status, _, body = upload(server, seeds(), csrf="forged", headers={"Accept": "application/json"})
    assert status == 403 and "页面已失效" in json.loads(body)["error"]


def test_files_of_other_formats_are_skipped_and_named(server):
    location = upload(server, [*seeds()[:1], ("扫描件.png", b"\x89PNG....")])[1]["Location"]
    page = request(server, "GET", location)[2].decode()
    assert "未检查（不支持的格式）：扫描件.png" in page
    assert upload(server, [("扫描件.png", b"\x89PNG....")])[0] == 415


def test_an_unreadable_upload_is_one_problem_in_the_report(server):
    location = upload(server, [("旧格式.doc", b"\xd0\xcf\x11\xe0 old word"), seeds()[0]])[1]["Location"]
    page = request(server, "GET", location)[2].decode()
    assert "旧格式.doc" in page and "convert it first" in page and str(server.batches.root) not in page


def test_two_files_of_one_name_are_both_checked(server):
    text = make_text()
    location = upload(server, [("a.txt", text.encode()), ("a.txt", text.encode())])[1]["Location"]
    page = request(server, "GET", location)[2].decode()
    assert "a.txt" in page and "a (2).txt" in page


def test_concurrent_uploads_each_get_their_own_report(server):
    answers: dict[str, str] = {}

    def send(name: str) -> None:
        answers[name] = upload(server, [(name, SEED_003.read_bytes())])[1]["Location"]

    threads = [threading.Thread(target=send, args=(f"并发{i}.txt",)) for i in range(3)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert len(set(answers.values())) == 3
    for name, location in answers.items():
        page = request(server, "GET", location)[2].decode()
        assert name in page and all(other not in page for other in answers if other != name)


# ---------------------------------------------------------------- guards


def test_a_request_for_another_host_is_refused(server):
    port = server.server_address[1]
    assert request(server, "GET", "/", host=f"evil.example:{port}")[0] == 421  # DNS rebinding
    assert request(server, "GET", "/", host="127.0.0.1:1")[0] == 421
    assert upload(server, seeds(), host=f"evil.example:{port}")[0] == 421
    assert request(server, "GET", "/", host=f"localhost:{port}")[0] == 200


def test_an_upload_needs_the_page_token_and_this_origin(server):
    assert upload(server, seeds(), csrf=None)[0] == 403
    assert upload(server, seeds(), csrf="x" * 43)[0] == 403
    assert upload(server, seeds(), headers={"Origin": "http://evil.example"})[0] == 403
    assert upload(server, seeds(), headers={"Sec-Fetch-Site": "cross-site"})[0] == 403
    assert upload(server, seeds(), headers={"Origin": server.origin, "Sec-Fetch-Site": "same-origin"})[0] == 303
    port = server.server_address[1]
    assert upload(server, seeds(), headers={"Origin": f"http://localhost:{port}"}, host=f"localhost:{port}")[0] == 303
    assert upload(server, seeds(), headers={"Origin": f"https://127.0.0.1:{port}"})[0] == 403
    assert server.batches._batches.keys() and all(b.report.exists() for b in server.batches._batches.values())


def test_the_upload_page_carries_the_token_and_allows_only_its_own_script(server):
    status, headers, page = request(server, "GET", "/")
    text = page.decode()
    assert status == 200 and f'name="csrf" value="{server.csrf}"' in text
    nonce = re.search(r"'nonce-([^']+)'", headers["Content-Security-Policy"]).group(1)
    assert re.findall(r"<script nonce=\"([^\"]+)\">", text) == [nonce]
    assert '<input type="file" id="files" name="files" multiple' in text
    assert "http://" not in text.replace(server.origin, "") and "https://" not in text  # nothing from the network


def test_a_batch_token_reaches_only_its_own_files(server):
    first = upload(server, [("甲.txt", SEED_003.read_bytes())])[1]["Location"]
    second = upload(server, [("乙.txt", SEED_000.read_bytes())])[1]["Location"]
    from openpyxl import load_workbook

    sheets = {loc: load_workbook(io.BytesIO(request(server, "GET", loc + "checklist.xlsx")[2])).sheetnames for loc in (first, second)}
    assert sheets == {first: ["甲"], second: ["乙"]}
    token = first.split("/")[2]
    for path in (f"/r/{token[:-1]}/", f"/r/{token}x/checklist.xlsx", f"/r/{token}/report.html", f"/r/{token}/../{second.split('/')[2]}/",
                 f"/r/{token}/%2e%2e/checklist.xlsx", f"/r/{token}/reviewed", "/r//checklist.xlsx", "/../../etc/passwd", "/r/"):
        assert request(server, "GET", path)[0] == 404, path


def test_other_methods_and_addresses(server):
    assert request(server, "POST", "/", b"")[0] == 404
    assert request(server, "GET", "/check")[0] == 404
    assert request(server, "PUT", "/check", b"")[0] == 501


# ---------------------------------------------------------------- limits


def test_too_many_files_are_refused_with_413(server):
    status, _, body = upload(server, [(f"{i}.txt", make_text().encode()) for i in range(4)], headers={"Accept": "application/json"})
    assert status == 413
    assert json.loads(body)["error"] == "一次最多上传 3 个文件，本次 4 个（[limits] max-upload-files）"


def test_a_file_over_max_file_size_is_refused_with_413(server):
    status, _, body = upload(server, [("大文件.txt", b"x" * 20_001)])
    assert status == 413 and "大文件.txt：20,001 字节，超过单个文件 20,000 字节的上限（[limits] max-file-size）" in body.decode()


def test_files_over_max_upload_size_together_are_refused_with_413(server):
    status, _, body = upload(server, [("a.txt", b"x" * 16_000), ("b.txt", b"y" * 16_000)])
    assert status == 413 and "max-upload-size" in body.decode()
    assert not list(server.batches.root.iterdir())  # nothing was saved


def test_a_body_declared_too_large_is_answered_without_being_read(server):
    """The answer comes at once: the server reads none of the 10 GB it was told of (it would time out waiting)."""
    with socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=60) as sock:
        sock.sendall(f"POST /check HTTP/1.1\r\nHost: 127.0.0.1:{server.server_address[1]}\r\nContent-Type: multipart/form-data; boundary=b\r\n"
                     f"Content-Length: {10 ** 10}\r\n\r\n".encode())
        answer = _read_until_closed_or(sock, b"</html>")
    assert answer.startswith(b"HTTP/1.0 413 ") and "max-upload-size" in answer.decode()


def test_a_body_without_length_is_refused(server):
    assert request(server, "POST", "/check", None, {"Transfer-Encoding": "chunked"})[0] == 411


def test_a_client_that_stops_sending_is_dropped(settings):
    server = start(settings, request_timeout=0.5)
    try:
        with socket.create_connection(("127.0.0.1", server.server_address[1]), timeout=60) as sock:
            sock.sendall(f"POST /check HTTP/1.1\r\nHost: 127.0.0.1:{server.server_address[1]}\r\nContent-Length: 1000\r\n\r\nabc".encode())
            assert _read_until_closed_or(sock, None) == b""  # closed by the server, with no answer
    finally:
        server.shutdown()
        server.server_close()


def _read_until_closed_or(sock: socket.socket, end: bytes | None) -> bytes:
    data = b""
    while chunk := sock.recv(65536):
        data += chunk
        if end is not None and end in data:
            break
    return data


# ---------------------------------------------------------------- pieces


def test_multipart_parts_with_browser_escapes():
    body, content_type = form([('a"b\n.txt', b"one\r\n--not-a-boundary"), ("空.txt", b"")], "tok")
    parts = parse(body, content_type)
    assert [(p.name, p.filename, p.data) for p in parts] == [
        ("csrf", None, b"tok"), ("files", 'a"b\n.txt', b"one\r\n--not-a-boundary"), ("files", "空.txt", b"")]


@pytest.mark.parametrize("body", [b"", b"--b\r\nContent-Disposition: form-data; name=x\r\n\r\nv", b"--b\r\nno headers--b--", b"--b\r\nX: y\r\n\r\nv\r\n--b--"])
def test_multipart_refuses_what_a_form_does_not_send(body):
    with pytest.raises(MultipartError):
        parse(body, "multipart/form-data; boundary=b")


def test_multipart_needs_its_content_type():
    with pytest.raises(MultipartError):
        parse(b"--b--", "application/x-www-form-urlencoded")


@pytest.mark.parametrize(("sent", "kept"), [
    ("../../etc/passwd", "passwd"),
    ("C:\\Users\\张三\\项目文本.docx", "项目文本.docx"),
    (".bashrc", "bashrc"),
    ("a\x00b\nc\u202e.txt", "a_b_c_.txt"),
    ("..", "file"),
    ('x:y*?"<>|.pdf', "x_y______.pdf"),
    ("长" * 300 + ".docx", "长" * 115 + ".docx"),
])
def test_file_names_are_cleaned(sent, kept):
    assert clean_name(sent) == kept
    assert "/" not in kept and Path(kept).name == kept


def test_a_port_in_use_is_one_error_line(tmp_path):
    import subprocess
    import sys

    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        run = subprocess.run([sys.executable, "-m", "budgetcheck", "serve", "--port", str(port), "--isolated"],
                             capture_output=True, text=True, encoding="utf-8", cwd=tmp_path, timeout=120)
    assert run.returncode == 2 and run.stdout == ""
    assert run.stderr == f"budgetcheck: error: port {port}: cannot listen (Address already in use)\n"
