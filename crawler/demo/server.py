"""A small static HTTP server for the bundled demo site and for test sites.

``jiezhen demo`` and the test-suite need a real HTTP server on 127.0.0.1: the crawler must meet
real status codes, headers, charsets, slow answers and cut-off bodies, not mocks. The files are
served as they are stored; what cannot be expressed by a file (a 500, a delay, a lying
Content-Type, a truncated body) is declared per path in an optional ``_routes.json`` at the root::

    {"/qu/col6991/": {"content_type": "text/html; charset=utf-8"},
     "/art/2023/2/28/a.html": {"status": 500},
     "/art/2023/3/6/b.html": {"delay": 3.0},
     "/art/2023/3/3/c.html": {"truncate": 2214, "headers": {"X-Note": "cut"}}}

Keys are exact paths, or prefixes ending in ``/``; only the longest matching key applies (routes
are not merged). Values: ``content_type`` (str), ``status`` (int; the file's bytes are sent if it
exists, else a short error page), ``delay`` (seconds before answering), ``truncate`` (send only the
first N bytes, with ``Content-Length: N``, so the HTTP exchange is complete but the HTML is cut),
``headers`` (extra response headers).

Files are served with an ``ETag`` and ``Last-Modified`` and answer conditional GETs with 304,
so incremental crawling can be exercised against the same site.
"""
from __future__ import annotations

import collections
import email.utils
import hashlib
import json
import mimetypes
import threading
import time
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

#: The bundled demo site (district portal under /qu/, town site under /xjz/).
DEMO_SITE = Path(__file__).resolve().parent / "site"
ROUTES_FILE = "_routes.json"
ROUTE_KEYS = frozenset({"content_type", "status", "delay", "truncate", "headers"})


def load_routes(root: Path) -> dict[str, dict[str, Any]]:
    """Read and check ``_routes.json``; a typo in a key should fail loudly, not silently do nothing."""
    path = root / ROUTES_FILE
    if not path.is_file():
        return {}
    routes = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(routes, dict):
        raise ValueError(f"{path}: expected a JSON object")
    for key, value in routes.items():
        if not key.startswith("/"):
            raise ValueError(f"{path}: route {key!r} must start with '/'")
        if not isinstance(value, dict) or not set(value) <= ROUTE_KEYS:
            raise ValueError(f"{path}: route {key!r} may only use {sorted(ROUTE_KEYS)}")
    return routes


def match_route(routes: dict[str, dict[str, Any]], path: str) -> dict[str, Any]:
    """The route of the longest key equal to ``path`` or, ending in ``/``, a prefix of it."""
    best = ""
    for key in routes:
        if (key == path or (key.endswith("/") and path.startswith(key))) and len(key) > len(best):
            best = key
    return routes[best] if best else {}


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False  # a deliberately slow answer must not hold up stop()
    owner: "DemoServer"

    def handle_error(self, request, client_address) -> None:  # noqa: ANN001
        """Clients that hang up (timeouts on slow routes) are expected; stay quiet."""
        if self.owner.log_requests:
            super().handle_error(request, client_address)


class _Handler(BaseHTTPRequestHandler):
    server: _Server
    protocol_version = "HTTP/1.1"
    server_version = "jiezhen-demo/1"

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
        if self.server.owner.log_requests:
            super().log_message(format, *args)

    def do_GET(self) -> None:  # noqa: N802
        owner = self.server.owner
        owner._count(self.path)
        owner._enter()
        try:
            self._answer(send_body=True)
        finally:
            owner._leave()

    def do_HEAD(self) -> None:  # noqa: N802
        self._answer(send_body=False)

    # -- the one place that decides what to answer
    def _answer(self, send_body: bool) -> None:
        owner = self.server.owner
        url_path = urlsplit(self.path).path or "/"
        route = match_route(owner.routes, url_path)
        if route.get("delay"):
            time.sleep(float(route["delay"]))
        target = owner.resolve(url_path)
        if target is not None and target.is_dir():
            if not url_path.endswith("/"):
                query = urlsplit(self.path).query
                return self._send(HTTPStatus.MOVED_PERMANENTLY, b"", "text/html; charset=utf-8", send_body,
                                  {"Location": url_path + "/" + (f"?{query}" if query else "")})
            target = target / "index.html"
            if not target.is_file():
                target = None
        status = int(route.get("status", 200))
        if target is None and status == 200:
            status = 404
        extra = dict(route.get("headers") or {})
        if target is not None:
            body = target.read_bytes()
            ctype = route.get("content_type") or _guess_type(target)
            if status == 200:
                etag, modified = _validators(target, body)
                extra.setdefault("ETag", etag)
                extra.setdefault("Last-Modified", modified)
                if _not_modified(self.headers, etag, target):
                    return self._send(HTTPStatus.NOT_MODIFIED, b"", None, False, extra)
        else:
            body = _error_page(status)
            ctype = "text/html; charset=utf-8"
        if "truncate" in route:
            body = body[: int(route["truncate"])]
        self._send(status, body, ctype, send_body, extra)

    def _send(self, status: int, body: bytes, ctype: str | None, send_body: bool,
              headers: dict[str, str]) -> None:
        try:
            self.send_response(status)
            if ctype:
                self.send_header("Content-Type", ctype)
            if status != HTTPStatus.NOT_MODIFIED:
                self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            if send_body and body:
                self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True


def _guess_type(path: Path) -> str:
    """Content-Type from the file name only, never with a charset: the bytes speak for themselves."""
    ctype, _ = mimetypes.guess_type(path.name)
    return ctype or "application/octet-stream"


def _validators(path: Path, body: bytes) -> tuple[str, str]:
    etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
    modified = email.utils.formatdate(int(path.stat().st_mtime), usegmt=True)
    return etag, modified


def _not_modified(headers, etag: str, path: Path) -> bool:  # noqa: ANN001
    if_none_match = headers.get("If-None-Match")
    if if_none_match is not None:
        return etag in [tag.strip() for tag in if_none_match.split(",")] or if_none_match.strip() == "*"
    since = headers.get("If-Modified-Since")
    if since:
        try:
            stamp = email.utils.parsedate_to_datetime(since).timestamp()
        except (TypeError, ValueError):
            return False
        return int(path.stat().st_mtime) <= stamp
    return False


def _error_page(status: int) -> bytes:
    try:
        phrase = HTTPStatus(status).phrase
    except ValueError:
        phrase = "Error"
    return (f"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>{status} {phrase}</title></head>"
            f"<body><h1>{status} {phrase}</h1></body></html>\n").encode("utf-8")


class DemoServer:
    """Serve the files under ``root`` on ``host:port`` (port 0: any free port) from a daemon thread.

    Use as a context manager, or call :meth:`start` / :meth:`stop`. ``hits`` counts GET requests
    per request target as sent by the client (path plus query, still percent-encoded);
    ``max_in_flight`` the most GET requests it was answering at once (politeness tests).
    """

    def __init__(self, root: Path, host: str = "127.0.0.1", port: int = 0,
                 log_requests: bool = False) -> None:
        self.root = Path(root).resolve()
        if not self.root.is_dir():
            raise FileNotFoundError(f"demo server root is not a directory: {self.root}")
        self.host = host
        self.port = port
        self.log_requests = log_requests
        self.routes = load_routes(self.root)
        self.hits: collections.Counter[str] = collections.Counter()
        self._hits_lock = threading.Lock()
        self.in_flight = 0
        self.max_in_flight = 0
        self._httpd: _Server | None = None
        self._thread: threading.Thread | None = None

    @property
    def base_url(self) -> str:
        if self._httpd is None:
            raise RuntimeError("DemoServer is not started")
        return f"http://{self.host}:{self._httpd.server_address[1]}"

    def url(self, path: str) -> str:
        """Absolute URL of a site path such as ``/qu/jzdt/index.html``."""
        return self.base_url + "/" + path.lstrip("/")

    def start(self) -> "DemoServer":
        if self._httpd is None:
            httpd = _Server((self.host, self.port), _Handler)
            httpd.owner = self
            self._httpd = httpd
            self._thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05},
                                            name=f"demo-server-{httpd.server_address[1]}", daemon=True)
            self._thread.start()
        return self

    def stop(self) -> None:
        if self._httpd is not None:
            self._httpd.shutdown()
            self._httpd.server_close()
            if self._thread is not None:
                self._thread.join(timeout=5)
            self._httpd = None
            self._thread = None

    def __enter__(self) -> "DemoServer":
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def resolve(self, url_path: str) -> Path | None:
        """The file or folder a URL path names, or None when it is missing or lies outside the root."""
        path = unquote(url_path)
        if "\x00" in path or "\\" in path:
            return None
        parts = [part for part in path.split("/") if part not in ("", ".")]
        if ".." in parts:
            return None
        if parts == [ROUTES_FILE]:
            return None  # the server's own configuration is not part of the site
        candidate = self.root.joinpath(*parts)
        try:
            resolved = candidate.resolve()
        except OSError:
            return None
        if not resolved.is_relative_to(self.root) or not resolved.exists():
            return None
        return resolved

    def _count(self, target: str) -> None:
        with self._hits_lock:
            self.hits[target] += 1

    def _enter(self) -> None:
        with self._hits_lock:
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)

    def _leave(self) -> None:
        with self._hits_lock:
            self.in_flight -= 1


def serve_demo(port: int = 0, host: str = "127.0.0.1") -> DemoServer:
    """Start serving the bundled demo site; the caller stops it (or uses it in a ``with``)."""
    return DemoServer(DEMO_SITE, host=host, port=port).start()


def main(argv: list[str] | None = None) -> int:
    """``python -m crawler.demo.server [--port N] [--root DIR] [--verbose]``: serve until Ctrl-C."""
    import argparse

    parser = argparse.ArgumentParser(description="Serve the jiezhen demo site (or another folder) locally.")
    parser.add_argument("--port", type=int, default=8157)
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--root", type=Path, default=DEMO_SITE)
    parser.add_argument("--verbose", action="store_true", help="log every request to stderr")
    args = parser.parse_args(argv)
    server = DemoServer(args.root, host=args.host, port=args.port, log_requests=args.verbose).start()
    print(f"serving {server.root} at {server.base_url}/ (Ctrl-C to stop)", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
