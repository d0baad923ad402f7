"""The HTTP side of ``budgetcheck serve``: routes, guards, limits. The standard library's ThreadingHTTPServer.

Routes: ``GET /`` the upload page; ``POST /check`` an upload (303 to its report, or JSON
for the page's script); ``GET /r/TOKEN/`` the report of a batch; ``GET /r/TOKEN/KEY`` one
of its downloads. Every request must name this server in its Host header (a page of
another site that rebinds its DNS name to 127.0.0.1 names its own host, and is refused);
an upload must carry the token of the upload page (CSRF) and come from this origin; its
body is read only up to the limits, within a time bound, and answered 413 past them.
"""

from __future__ import annotations

import json
import secrets
import shutil
import sys
import threading
import time
import traceback
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import quote, urlsplit

from budgetcheck.i18n import language, tr
from budgetcheck.printable import printable
from budgetcheck.serve import pages
from budgetcheck.serve.batches import Store
from budgetcheck.serve.multipart import MultipartError, parse
from budgetcheck.serve.review import accepted, review
from budgetcheck.settings import Settings

LOOPBACK = "127.0.0.1"
LIFETIME = 30 * 60  # seconds a batch's report and downloads stay
MULTIPART_OVERHEAD = 1024 * 1024  # bytes of boundaries and part headers allowed beyond max-upload-size
UPLOADS_AT_ONCE = 4  # uploads received or checked at the same time; more are answered 503
DRAIN = 16 * 1024 * 1024  # bytes of a refused body read and dropped, so the client sees the answer
_CHUNK = 64 * 1024


class Refused(Exception):
    """A request answered with an error status and a message: its key in the catalogue (budgetcheck.i18n) and fields."""

    def __init__(self, status: HTTPStatus, key: str, **values: object) -> None:
        super().__init__(key)
        self.status = status
        self.key, self.values = key, values

    def message(self, lang: str) -> str:
        return tr(self.key, lang, **self.values)


class Server(ThreadingHTTPServer):
    daemon_threads = True  # a stuck client never keeps the process from stopping

    def __init__(self, settings: Settings, port: int = 0, *, request_timeout: float = 60.0, upload_seconds: float = 600.0, lifetime: float = LIFETIME) -> None:
        self._stopping = threading.Event()
        self.store: Store | None = None  # made once listening: a port in use leaves no folder behind
        super().__init__((LOOPBACK, port), Handler)
        self.settings = settings
        self.lang = settings.lang or language()  # of the pages, the reports and the checklists
        self.limits = settings.run.limits
        self.request_timeout = request_timeout  # seconds one read from a client may wait
        self.upload_seconds = upload_seconds  # seconds a whole upload body may take
        self.lifetime = lifetime
        self.csrf = secrets.token_urlsafe(32)
        self.store = Store(lifetime)
        self.uploads = threading.BoundedSemaphore(UPLOADS_AT_ONCE)
        port = self.server_address[1]
        self.origin = f"http://{LOOPBACK}:{port}"
        self.hosts = {f"{LOOPBACK}:{port}", f"localhost:{port}"}  # what a browser puts in Host (and Origin) for this server
        threading.Thread(target=self._sweep, name="budgetcheck-serve-sweeper", daemon=True).start()

    @property
    def batches(self) -> Store:
        assert self.store is not None, "made in __init__"
        return self.store

    @property
    def url(self) -> str:
        return self.origin + "/"

    def _sweep(self) -> None:
        while not self._stopping.wait(min(60.0, self.lifetime)):
            self.batches.purge()

    def server_close(self) -> None:
        """Stop listening and delete every batch (uploads, reports, downloads)."""
        self._stopping.set()
        super().server_close()
        if self.store is not None:
            self.store.close()


class Handler(BaseHTTPRequestHandler):
    server: Server

    def version_string(self) -> str:
        return "budgetcheck"

    def setup(self) -> None:
        super().setup()
        self.connection.settimeout(self.server.request_timeout)  # a client that stops sending is dropped
        self._unread = 0  # bytes of a request body not read yet (dropped after an error answer, up to DRAIN)

    def log_message(self, format: str, *args) -> None:
        """Quiet: request lines hold batch tokens, and a reviewer's terminal needs none of them."""

    def do_GET(self) -> None:
        self._answer(self._get)

    def do_HEAD(self) -> None:
        self._answer(self._get)

    def do_POST(self) -> None:
        self._unread = _declared_length(self.headers.get("Content-Length"))
        self._answer(self._post)

    def _answer(self, handle) -> None:
        try:
            self._check_host()
            handle()
        except Refused as exc:
            self._refuse(exc)
        except (ConnectionError, TimeoutError):
            self.close_connection = True
        except Exception:  # a bug must not take the server down: the reviewer sees one line, the terminal the traceback
            traceback.print_exc()
            self._refuse(Refused(HTTPStatus.INTERNAL_SERVER_ERROR, "serve.error.internal"))

    # ---------------------------------------------------------------- guards

    def _check_host(self) -> None:
        if self.headers.get("Host", "").lower() not in self.server.hosts:
            raise Refused(HTTPStatus.MISDIRECTED_REQUEST, "serve.error.host", origin=self.server.origin)

    def _check_origin(self) -> None:
        """A POST from another site's page carries its Origin (or Sec-Fetch-Site: cross-site)."""
        origin = self.headers.get("Origin")
        site = self.headers.get("Sec-Fetch-Site")
        if (origin is not None and origin.removeprefix("http://") not in self.server.hosts) or site not in (None, "same-origin", "none"):
            raise Refused(HTTPStatus.FORBIDDEN, "serve.error.origin")

    # ---------------------------------------------------------------- GET

    def _get(self) -> None:
        path = urlsplit(self.path).path
        if path == "/":
            self._upload_page()
            return
        parts = path.split("/")  # "/r/TOKEN/" → ["", "r", TOKEN, ""]; "/r/TOKEN/KEY" → [..., KEY]
        if len(parts) == 4 and parts[1] == "r":
            batch = self.server.batches.get(parts[2])
            if batch is not None and parts[3] == "":
                self._result_page(batch)
                return
            download = batch.downloads.get(parts[3]) if batch is not None else None
            if download is not None:
                self._download(download)
                return
        raise Refused(HTTPStatus.NOT_FOUND, "serve.error.not_found")

    def _upload_page(self) -> None:
        nonce = secrets.token_urlsafe(16)
        body = pages.upload_page(self.server.csrf, nonce, self.server.limits, self._minutes(), self.server.lang).encode()
        policy = f"default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-{nonce}'; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
        self._send(HTTPStatus.OK, "text/html; charset=utf-8", body, policy)

    def _result_page(self, batch) -> None:
        report = batch.report.read_text(encoding="utf-8")
        body = pages.result_page(report, batch, self._minutes(), self.server.lang).encode()
        self._send(HTTPStatus.OK, "text/html; charset=utf-8", body, "default-src 'none'; style-src 'unsafe-inline'; form-action 'none'; base-uri 'none'; frame-ancestors 'none'")

    def _download(self, download) -> None:
        try:
            handle = download.path.open("rb")
        except OSError:  # expired while asked for
            raise Refused(HTTPStatus.NOT_FOUND, "serve.error.download_expired") from None
        with handle:
            size = download.path.stat().st_size
            self.send_response(HTTPStatus.OK)
            self._common_headers("default-src 'none'")
            self.send_header("Content-Type", download.media_type)
            self.send_header("Content-Length", str(size))
            self.send_header("Content-Disposition", _attachment(download.name))
            self.end_headers()
            if self.command != "HEAD":
                shutil.copyfileobj(handle, self.wfile)

    # ---------------------------------------------------------------- POST

    def _post(self) -> None:
        if urlsplit(self.path).path != "/check":
            raise Refused(HTTPStatus.NOT_FOUND, "serve.error.no_address")
        self._check_origin()
        if not self.server.uploads.acquire(blocking=False):
            raise Refused(HTTPStatus.SERVICE_UNAVAILABLE, "serve.error.busy")
        try:
            uploads = self._uploads(self._body())
            batch = self.server.batches.create()
            try:
                outcome = review(batch, uploads, self.server.settings, self.server.lang)
            except BaseException:
                self.server.batches.discard(batch)
                raise
            batch.notes += [tr("serve.skipped", self.server.lang, name=name) for name in outcome.skipped] + outcome.notes
        finally:
            self.server.uploads.release()
        location = f"/r/{batch.token}/"
        if self._wants_json():
            self._send(HTTPStatus.OK, "application/json", json.dumps({"report": location}).encode())
        else:
            self.send_response(HTTPStatus.SEE_OTHER)
            self._common_headers("default-src 'none'")
            self.send_header("Location", location)
            self.send_header("Content-Length", "0")
            self.end_headers()

    def _body(self) -> bytes:
        """The request body, read only if its declared length is within the limit, and within a time bound."""
        limits = self.server.limits
        if "chunked" in self.headers.get("Transfer-Encoding", "").lower():
            raise Refused(HTTPStatus.LENGTH_REQUIRED, "serve.error.length")
        try:
            length = int(self.headers.get("Content-Length", ""))
        except ValueError:
            raise Refused(HTTPStatus.LENGTH_REQUIRED, "serve.error.length") from None
        if length < 0:
            raise Refused(HTTPStatus.BAD_REQUEST, "serve.error.bad_length")
        if length > limits.max_upload_size + MULTIPART_OVERHEAD:
            raise Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "serve.error.total", limit=limits.max_upload_size)
        chunks, received = [], 0
        give_up = time.monotonic() + self.server.upload_seconds
        while received < length:
            chunk = self.rfile.read1(min(_CHUNK, length - received))
            if not chunk:
                raise ConnectionError("the client closed the connection")
            if time.monotonic() > give_up:
                raise TimeoutError("upload too slow")
            chunks.append(chunk)
            received += len(chunk)
            self._unread -= len(chunk)
        return b"".join(chunks)

    def _uploads(self, body: bytes) -> list[tuple[str, bytes]]:
        """The files of a checked form (the CSRF token first); every limit answered 413 with its message."""
        limits = self.server.limits
        try:
            parts = parse(body, self.headers.get("Content-Type", ""))
        except MultipartError as exc:
            raise Refused(HTTPStatus.BAD_REQUEST, "serve.error.form", error=exc) from None
        token = next((p.data for p in parts if p.name == "csrf" and p.filename is None), b"")
        if not secrets.compare_digest(token, self.server.csrf.encode()):
            raise Refused(HTTPStatus.FORBIDDEN, "serve.error.csrf")
        files = [(p.filename, p.data) for p in parts if p.name == "files" and p.filename]
        if not files:
            raise Refused(HTTPStatus.BAD_REQUEST, "serve.error.no_files")
        if not any(accepted(name) for name, _ in files):
            raise Refused(
                HTTPStatus.UNSUPPORTED_MEDIA_TYPE, "serve.error.formats"
            )
        if len(files) > limits.max_upload_files:
            raise Refused(
                HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                "serve.error.count", limit=limits.max_upload_files, n=len(files),
            )
        for name, data in files:
            if len(data) > limits.max_file_size:
                raise Refused(
                    HTTPStatus.REQUEST_ENTITY_TOO_LARGE,
                    "serve.error.file_size", name=printable(name), size=len(data), limit=limits.max_file_size,
                )
        if sum(len(data) for _, data in files) > limits.max_upload_size:
            raise Refused(HTTPStatus.REQUEST_ENTITY_TOO_LARGE, "serve.error.total", limit=limits.max_upload_size)
        return files

    # ---------------------------------------------------------------- answers

    def _wants_json(self) -> bool:
        return "application/json" in self.headers.get("Accept", "")

    def _refuse(self, exc: Refused) -> None:
        if self.command == "POST" and self._wants_json():
            self._send(exc.status, "application/json", json.dumps({"error": exc.message(self.server.lang)}, ensure_ascii=False).encode())
        else:
            self._send(exc.status, "text/html; charset=utf-8", pages.error_page(exc.message(self.server.lang), self.server.lang).encode(), "default-src 'none'; style-src 'unsafe-inline'")
        if self._unread > 0:  # the client may still be sending what was refused: read some, so that it reads the answer
            self.close_connection = True
            try:
                left = min(self._unread, DRAIN)
                while left > 0 and (chunk := self.rfile.read1(min(_CHUNK, left))):
                    left -= len(chunk)
            except OSError:
                pass

    def _send(self, status: HTTPStatus, media_type: str, body: bytes, policy: str = "default-src 'none'") -> None:
        self.send_response(status)
        self._common_headers(policy)
        self.send_header("Content-Type", media_type)
        self.send_header("Content-Length", str(len(body)))
        if status >= 400:
            self.send_header("Connection", "close")
            self.close_connection = True
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(body)

    def _common_headers(self, policy: str) -> None:
        self.send_header("Cache-Control", "no-store")
        self.send_header("X-Content-Type-Options", "nosniff")
        self.send_header("Referrer-Policy", "no-referrer")
        self.send_header("X-Frame-Options", "DENY")
        self.send_header("Content-Security-Policy", policy)

    def _minutes(self) -> int:
        return max(1, round(self.server.lifetime / 60))


def _declared_length(value: str | None) -> int:
    try:
        return max(0, int(value or 0))
    except ValueError:
        return 0



def _attachment(name: str) -> str:
    """Content-Disposition for a download: an ASCII fallback and the UTF-8 name (RFC 6266, 5987)."""
    fallback = "".join(c if c.isascii() and (c.isalnum() or c in "._-") else "_" for c in name) or "download"
    return f"attachment; filename=\"{fallback}\"; filename*=UTF-8''{quote(name, safe='')}"


def run(settings: Settings, port: int = 0, announce=print) -> None:
    """Serve until Ctrl-C (or SIGTERM), then delete everything uploaded or made."""
    import signal

    server = Server(settings, port)
    previous = signal.signal(signal.SIGTERM, _stop) if threading.current_thread() is threading.main_thread() else None
    try:
        announce(server.url)
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
        if previous is not None:
            signal.signal(signal.SIGTERM, previous)
        print(f"budgetcheck serve: {tr('serve.stopped', server.lang)}", file=sys.stderr)


def _stop(signum, frame) -> None:
    raise KeyboardInterrupt
