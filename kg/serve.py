"""A read-only SPARQL 1.1 Protocol endpoint over a store; serves, never writes the store.

Oxigraph's own server (``oxigraph serve-read-only``, shipped by the ``oxigraph`` package)
answers the queries: SPARQL 1.1 Protocol over GET and POST, results as SPARQL JSON, XML, CSV
or TSV and graphs as Turtle or N-Triples by content negotiation, the union of the named graphs
as default graph, and a query timeout that really stops the query. In front of it a small
proxy adds what it lacks: a cap on the size of a result, a clear refusal of updates, and a
proper error status (not a cut-off 200) when a query runs out of time, a refusal of
``SERVICE`` (a query must not make the server call other hosts), a cap on the size of a
request and on the requests served at once (a client over the cap gets 503 at once), a
deadline for a client that sends slowly, and error pages as plain text that browsers may not
sniff as HTML (Oxigraph's messages quote the query). Both listen on 127.0.0.1 unless told
otherwise. Memory is bounded by ``MAX_CONCURRENT`` results of at most ``max_bytes`` each.

The server reads a snapshot of the store taken at start (a RocksDB checkpoint: hard links,
instant), so ``kg build`` can go on writing the store while it runs; restart to see new data.
"""

from __future__ import annotations

import http.client
import logging
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Final, TypeAlias, cast
from urllib.parse import parse_qs, urlsplit

from kg.errors import StoreError
from kg.query import is_update
from kg.store.embedded import Store, is_store

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_TIMEOUT",
    "MAX_CONCURRENT",
    "MAX_REQUEST_BYTES",
    "Endpoint",
    "ServeOptions",
    "running",
    "uses_service",
]

log = logging.getLogger(__name__)

DEFAULT_TIMEOUT: Final = 30.0
DEFAULT_MAX_BYTES: Final = 50_000_000
_PATHS: Final = frozenset({"/sparql", "/query"})
_CANCELLED: Final = b"The SPARQL operation has been cancelled"
_START_SECONDS: Final = 20.0
MAX_REQUEST_BYTES: Final = 1_000_000
MAX_CONCURRENT: Final = 32
_BUSY_BODY: Final = b"kg serve is busy: too many requests at once; retry shortly\n"
_BUSY: Final = (
    b"HTTP/1.1 503 Service Unavailable\r\nContent-Type: text/plain; charset=utf-8\r\n"
    b"Retry-After: 1\r\nConnection: close\r\nContent-Length: %d\r\n\r\n%s"
    % (len(_BUSY_BODY), _BUSY_BODY)
)
# Strings, IRIs and comments are removed before looking for the SERVICE keyword in a query.
_QUOTED: Final = re.compile(
    r'''"""[\s\S]*?"""|\'\'\'[\s\S]*?\'\'\'|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|<[^<>"{}|^`\\\s]*>|#[^\n]*'''
)
_SERVICE: Final = re.compile(r"\bSERVICE\b", re.IGNORECASE)
_SERVICE_REFUSED: Final = (
    "kg serve does not run SERVICE: a query may not make the server call other endpoints. "
    "Query each endpoint yourself and join the results."
)
_UPDATE_REFUSED: Final = (
    "kg serve is read-only: SPARQL updates (INSERT, DELETE, LOAD, CLEAR, DROP, ...) are refused. "
    "Change the store with `kg build` and `kg remove`, then restart kg serve."
)


@dataclass(frozen=True, slots=True)
class ServeOptions:
    """Where to listen and the limits of one query."""

    host: str = "127.0.0.1"
    port: int = 7878
    timeout: float = DEFAULT_TIMEOUT
    max_bytes: int = DEFAULT_MAX_BYTES


@dataclass(frozen=True, slots=True)
class Endpoint:
    """A running endpoint: its URL, the snapshot it serves and Oxigraph's process id."""

    url: str
    snapshot: Path
    backend_pid: int


def uses_service(query: str) -> bool:
    """Whether a SPARQL query calls another endpoint (``SERVICE``), outside strings and IRIs.

    >>> uses_service("SELECT * { SERVICE <http://x/> { ?s ?p ?o } }")
    True
    >>> uses_service('ASK { ?s ?p "SERVICE" }')
    False
    """
    return bool(_SERVICE.search(_QUOTED.sub(" ", query)))


def _oxigraph_binary() -> str:
    beside = Path(sys.executable).with_name("oxigraph")
    found = str(beside) if beside.is_file() else shutil.which("oxigraph")
    if found is None:
        raise StoreError(
            "The oxigraph server is not installed; install it with `pip install oxigraph==0.5.13`"
        )
    return found


def _free_port(host: str) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def _snapshot(store_path: Path) -> Path:
    """Return a checkpoint of the store beside it (hard links, so it takes no time or space)."""
    if not is_store(store_path):
        raise StoreError(
            f"{store_path}: not a kg store (build one with `kg build INPUT --store {store_path}`)"
        )
    target = Path(tempfile.mkdtemp(prefix=f".{store_path.name}.serve-", dir=store_path.parent))
    target.rmdir()  # the checkpoint must create its own directory
    with Store.open(store_path) as store:
        try:
            store.oxigraph.backup(str(target))
        except OSError as e:
            raise StoreError(f"Cannot snapshot {store_path} to serve it: {e}") from e
    return target


def _wait_listening(host: str, port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + _START_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            err = process.stderr.read().decode(errors="replace") if process.stderr else ""
            raise StoreError(
                f"The oxigraph server stopped at start: {err.strip() or process.returncode}"
            )
        try:
            with socket.create_connection((host, port), timeout=0.2):
                return
        except OSError:
            time.sleep(0.05)
    raise StoreError(
        f"The oxigraph server did not listen on {host}:{port} within {_START_SECONDS:.0f} s"
    )


def _handler(backend: tuple[str, int], options: ServeOptions) -> type[BaseHTTPRequestHandler]:
    class Proxy(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        server_version = "kg-serve"
        # A client that sends its request slowly (or never) is dropped after this many seconds.
        timeout = options.timeout + 5

        def log_message(self, format: str, *args: object) -> None:
            log.info("%s %s", self.address_string(), format % args)

        def _error(self, status: int, message: str) -> None:
            body = (message + "\n").encode()
            self.send_response(status)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def _refused(self, queries: list[str]) -> bool:
            """Answer 403 and return True if any of ``queries`` is an update or uses SERVICE."""
            if any(is_update(q) for q in queries):
                self._error(403, _UPDATE_REFUSED)
                return True
            if any(uses_service(q) for q in queries):
                self._error(403, _SERVICE_REFUSED)
                return True
            return False

        def do_GET(self) -> None:
            url = urlsplit(self.path)
            if url.path not in _PATHS:
                self._error(404, f"Not found: the SPARQL endpoint is {sorted(_PATHS)[1]}")
                return
            params = parse_qs(url.query)
            if "update" in params:
                self._error(403, _UPDATE_REFUSED)
                return
            if self._refused(params.get("query", [])):
                return
            if not params.get("query"):
                self._error(400, "Give a SPARQL query as ?query=…")
                return
            self._forward("GET", f"/query?{url.query}", None, None)

        def do_POST(self) -> None:
            url = urlsplit(self.path)
            try:
                length = int(self.headers.get("Content-Length") or 0)
            except ValueError:
                length = -1
            if length < 0:
                self.close_connection = True
                self._error(400, "The Content-Length header is not a number of bytes")
                return
            if length > MAX_REQUEST_BYTES:
                # Not read: answer and drop the connection with the body unread.
                self.close_connection = True
                self._error(
                    413, f"The request is larger than {MAX_REQUEST_BYTES:,} bytes, the server's cap"
                )
                return
            body = self.rfile.read(length) if length else b""
            if url.path == "/update":
                self._error(403, _UPDATE_REFUSED)
                return
            if url.path not in _PATHS:
                self._error(404, f"Not found: the SPARQL endpoint is {sorted(_PATHS)[1]}")
                return
            kind = (self.headers.get("Content-Type") or "").split(";")[0].strip().lower()
            if kind == "application/sparql-update":
                self._error(403, _UPDATE_REFUSED)
                return
            if kind == "application/x-www-form-urlencoded":
                params = parse_qs(body.decode("utf-8", "replace"))
                if "update" in params:
                    self._error(403, _UPDATE_REFUSED)
                    return
                if self._refused(params.get("query", [])):
                    return
            elif kind == "application/sparql-query":
                if self._refused([body.decode("utf-8", "replace")]):
                    return
            else:
                self._error(
                    415,
                    "POST a query as application/sparql-query or application/x-www-form-urlencoded",
                )
                return
            self._forward("POST", f"/query?{url.query}" if url.query else "/query", body, kind)

        def _forward(self, method: str, path: str, body: bytes | None, kind: str | None) -> None:
            headers = {"Accept": self.headers.get("Accept") or "*/*"}
            if kind:
                headers["Content-Type"] = kind
            started = time.monotonic()
            # A second beyond Oxigraph's own timeout: it normally stops the query first.
            connection = http.client.HTTPConnection(*backend, timeout=options.timeout + 1)
            try:
                connection.request(method, path, body=body, headers=headers)
                response = connection.getresponse()
                data = response.read(options.max_bytes + 1)
                if len(data) > options.max_bytes:
                    self._error(
                        413,
                        f"The result is larger than {options.max_bytes:,} bytes, the "
                        f"server's cap: add LIMIT, or restart kg serve with a larger --max-bytes",
                    )
                    return
                if _CANCELLED in data[-200:] or time.monotonic() - started >= options.timeout:
                    self._error(
                        503,
                        f"The query was stopped after {options.timeout:g} s, the server's "
                        f"timeout: narrow it (LIMIT, fewer joins) or raise --timeout",
                    )
                    return
            except TimeoutError:
                self._error(
                    503, f"The query was stopped after {options.timeout:g} s, the server's timeout"
                )
                return
            except (OSError, http.client.HTTPException) as e:
                self._error(502, f"The SPARQL engine did not answer: {e}")
                return
            finally:
                connection.close()
            if response.status >= 400:
                # Oxigraph's error text quotes the query: never let a browser read it as HTML.
                self._error(response.status, data.decode("utf-8", "replace").strip())
                return
            self.send_response(response.status)
            for name in ("Content-Type", "Content-Disposition", "Vary"):
                if response.getheader(name):
                    self.send_header(name, response.getheader(name) or "")
            self.send_header("X-Content-Type-Options", "nosniff")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            self.wfile.write(data)

    return Proxy


_Request: TypeAlias = socket.socket | tuple[bytes, socket.socket]  # socketserver's request


class _BoundedServer(ThreadingHTTPServer):
    """A threading server that serves at most ``MAX_CONCURRENT`` connections at once."""

    daemon_threads = True

    def __init__(self, address: tuple[str, int], handler: type[BaseHTTPRequestHandler]) -> None:
        super().__init__(address, handler)
        self._slots = threading.BoundedSemaphore(MAX_CONCURRENT)

    # A TCP server's request is its connection socket; the (data, socket) form is UDP's.
    def process_request(self, request: _Request, client_address: Any) -> None:
        if not self._slots.acquire(blocking=False):
            with suppress(OSError):
                if isinstance(request, socket.socket):
                    request.sendall(_BUSY)
            self.shutdown_request(request)
            return
        super().process_request(request, client_address)

    def process_request_thread(self, request: _Request, client_address: Any) -> None:
        try:
            super().process_request_thread(request, client_address)
        finally:
            self._slots.release()


@contextmanager
def running(store_path: str | Path, options: ServeOptions = ServeOptions()) -> Iterator[Endpoint]:
    """Serve a snapshot of the store while the ``with`` block runs; yield the endpoint.

    Raises:
        StoreError: the path is not a store, a build holds it, or the server cannot start.
    """
    store_path = Path(store_path)
    binary = _oxigraph_binary()
    snapshot = _snapshot(store_path)
    backend = ("127.0.0.1", _free_port("127.0.0.1"))
    process = subprocess.Popen(
        [
            binary,
            "serve-read-only",
            "--location",
            str(snapshot),
            "--bind",
            f"{backend[0]}:{backend[1]}",
            "--union-default-graph",
            "--timeout-s",
            str(max(1, round(options.timeout))),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    front: ThreadingHTTPServer | None = None
    try:
        _wait_listening(*backend, process)
        try:
            front = _BoundedServer((options.host, options.port), _handler(backend, options))
        except OSError as e:
            raise StoreError(
                f"Cannot listen on {options.host}:{options.port}: {e.strerror or e}"
            ) from e
        thread = threading.Thread(target=front.serve_forever, name="kg-serve", daemon=True)
        thread.start()
        host, port = cast("tuple[str, int]", front.server_address)[:2]
        yield Endpoint(f"http://{host}:{port}/sparql", snapshot, process.pid)
    finally:
        if front is not None:
            front.shutdown()
            front.server_close()
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        if process.stderr:
            process.stderr.close()
        shutil.rmtree(snapshot, ignore_errors=True)
