"""A static file server on 127.0.0.1 that answers the way GitHub Pages does, and counts what it sends.

What we copy from Pages: gzip (Content-Encoding) for text types when the browser asks for it,
`Cache-Control: max-age=600`, ETag/Last-Modified with 304s, `Vary: Accept-Encoding`, `/dir` → 301 `/dir/`,
`index.html` for folders, and the site's 404.html with status 404. HTTP/1.1 keep-alive like a browser
gets from the CDN. The compression level Pages uses is not published; we use zlib's default (6).

Every response is logged with the bytes actually written to the socket (status line, headers and body),
so a benchmark can add up what one page view transferred without trusting the browser's accounting.

    python benchmarks/gzip_server.py /tmp/site --port 8123     # serve a built site until Ctrl-C
"""
from __future__ import annotations

import argparse
import email.utils
import gzip
import hashlib
import http.server
import mimetypes
import posixpath
import sys
import threading
import urllib.parse
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

CACHE_CONTROL = "max-age=600"
GZIP_LEVEL = 6
# Types GitHub Pages (Fastly) compresses; images and fonts other than SVG are already compressed.
COMPRESSIBLE_TYPES = {
    "text/html", "text/css", "text/plain", "text/xml", "text/javascript", "application/javascript",
    "application/json", "application/manifest+json", "application/xml", "image/svg+xml",
    "application/x-javascript", "font/ttf", "application/vnd.ms-fontobject", "image/x-icon",
}
EXTRA_TYPES = {".js": "application/javascript", ".mjs": "application/javascript", ".json": "application/json",
               ".map": "application/json", ".svg": "image/svg+xml", ".woff2": "font/woff2", ".webmanifest":
               "application/manifest+json", ".xml": "application/xml", ".txt": "text/plain"}


# Pure helpers -----------------------------------------------------------------------------------

def content_type(path: str) -> str:
    """MIME type (without charset) from the file name, as Pages would send it."""
    suffix = posixpath.splitext(path)[1].lower()
    return EXTRA_TYPES.get(suffix) or mimetypes.guess_type(path)[0] or "application/octet-stream"


def should_gzip(mime: str, accept_encoding: str | None) -> bool:
    """True when the type is compressible and the client accepts gzip (q=0 means it does not)."""
    if mime.split(";")[0].strip().lower() not in COMPRESSIBLE_TYPES or not accept_encoding:
        return False
    for part in accept_encoding.split(","):
        token, _, params = part.strip().partition(";")
        if token.strip().lower() in ("gzip", "*"):
            quality = params.strip().lower()
            return not (quality.startswith("q=") and float(quality[2:] or 0) == 0)
    return False


def gzip_bytes(data: bytes, level: int = GZIP_LEVEL) -> bytes:
    """Gzip with a fixed mtime, so the same file always compresses to the same bytes (and size)."""
    return gzip.compress(data, compresslevel=level, mtime=0)


def gzip_size(data: bytes, level: int = GZIP_LEVEL) -> int:
    return len(gzip_bytes(data, level))


@dataclass(frozen=True)
class Sent:
    """One response as it left the server."""
    path: str
    status: int
    bytes: int  # status line + headers + body
    body_bytes: int
    encoding: str  # "gzip" or ""


# Server -----------------------------------------------------------------------------------------

class _CountingWriter:
    def __init__(self, raw):
        self.raw = raw
        self.total = 0

    def write(self, data) -> int:
        self.raw.write(data)
        self.total += len(data)
        return len(data)

    def __getattr__(self, name):  # closed, close, … as the socket writer has them
        return getattr(self.raw, name)


class PagesLikeHandler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def version_string(self) -> str:
        return "GitHub.com"
    root: Path
    log: list[Sent]
    lock: threading.Lock
    compressed: dict[tuple[str, float], bytes]

    def setup(self):
        super().setup()
        self.wfile = _CountingWriter(self.wfile)

    def log_message(self, *args):
        pass

    def handle_one_request(self):
        self._before, self._encoding = self.wfile.total, ""
        super().handle_one_request()

    def do_HEAD(self):
        self._respond(send_body=False)

    def do_GET(self):
        self._respond(send_body=True)

    def _resolve(self, url_path: str) -> tuple[Path | None, str | None]:
        """(file to send, redirect target) for a URL path; (None, None) when there is no such file."""
        parts = [p for p in urllib.parse.unquote(url_path).split("/") if p not in ("", ".", "..")]
        target = self.root.joinpath(*parts)
        if target.is_dir():
            if not url_path.endswith("/"):
                return None, url_path + "/"
            target = target / "index.html"
        return (target, None) if target.is_file() else (None, None)

    def _respond(self, send_body: bool):
        url_path = urllib.parse.urlsplit(self.path).path
        target, redirect = self._resolve(url_path)
        if redirect:
            self._send(301, [("Location", redirect)], b"", send_body)
            return
        status = 200
        if target is None:
            status, target = 404, self.root / "404.html"
            if not target.is_file():
                self._send(404, [("Content-Type", "text/plain")], b"Not Found", send_body)
                return
        stat = target.stat()
        etag = '"%s"' % hashlib.md5(f"{target}:{stat.st_mtime_ns}:{stat.st_size}".encode()).hexdigest()[:16]
        mime = content_type(target.name)
        headers = [("Content-Type", mime + ("; charset=utf-8" if mime.startswith("text/") else "")),
                   ("Cache-Control", CACHE_CONTROL), ("Vary", "Accept-Encoding"), ("ETag", etag),
                   ("Last-Modified", email.utils.formatdate(stat.st_mtime, usegmt=True)),
                   ("Access-Control-Allow-Origin", "*")]
        if status == 200 and self.headers.get("If-None-Match") == etag:
            self._send(304, headers, b"", send_body)
            return
        body = target.read_bytes()
        if should_gzip(mime, self.headers.get("Accept-Encoding")):
            key = (str(target), stat.st_mtime)
            if key not in self.compressed:
                self.compressed[key] = gzip_bytes(body)
            body = self.compressed[key]
            headers.append(("Content-Encoding", "gzip"))
            self._encoding = "gzip"
        self._send(status, headers, body, send_body)

    def _send(self, status: int, headers, body: bytes, send_body: bool):
        self.send_response(status)
        for name, value in headers:
            self.send_header(name, value)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()  # writes the status line and headers
        body = body if send_body else b""
        # Logged before the body goes out, so a client that has the whole response finds it in the log.
        entry = Sent(urllib.parse.urlsplit(self.path).path, status, self.wfile.total - self._before + len(body),
                     len(body), self._encoding)
        with self.lock:
            self.log.append(entry)
        if body:
            self.wfile.write(body)


class PagesLikeServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path, port: int = 0):
        handler = type("Handler", (PagesLikeHandler,), {
            "root": Path(root).resolve(), "log": [], "lock": threading.Lock(), "compressed": {}})
        super().__init__(("127.0.0.1", port), handler)
        self.handler = handler

    def handle_error(self, request, client_address):
        if isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            return  # a browser closed a kept-alive connection: normal, not worth a traceback
        super().handle_error(request, client_address)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/"

    def take_log(self) -> list[Sent]:
        """Responses sent since the last call, and forget them."""
        with self.handler.lock:
            taken = list(self.handler.log)
            self.handler.log.clear()
        return taken


@contextmanager
def serving(root: Path, port: int = 0):
    """Serve `root` on 127.0.0.1 in a background thread for the duration of the block."""
    server = PagesLikeServer(root, port)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def free_port() -> int:
    import socket
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="a built site folder")
    parser.add_argument("--port", type=int, default=8123)
    args = parser.parse_args()
    server = PagesLikeServer(args.root, args.port)
    print(f"serving {args.root} with gzip at {server.url} (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
