"""Browser tests: the real site, built once, served locally, seen by Chromium.

Session fixtures:
- ``site_dir``: ``mkdocs build`` of the repository into a temporary directory
  (a subprocess, so that the hooks' module state never leaks into pytest);
- ``base_url``: that directory served by a ``ThreadingHTTPServer`` on
  127.0.0.1, on a free port. Like GitHub Pages, it compresses text responses
  with gzip and sends ``Cache-Control: max-age=600``, so that byte counts and
  Lighthouse's timings match what readers get;
- ``chromium_path``: Debian's Chromium (``/usr/bin/chromium``); the tests are
  skipped without it, except in CI (``CI`` set) where they fail;
- ``browser``: Chromium driven by Playwright (sync API), once per session.

Per test, ``page`` opens a fresh context (no storage shared between tests).
Every request it makes is recorded; requests to any host other than
127.0.0.1 are aborted before they leave the machine, and the test fails at
teardown with their list.

Every test collected under ``tests/browser/`` carries the ``browser`` marker:
``pytest -m "not browser"`` skips them all.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import http.server
import io
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
BROWSER_TESTS = Path(__file__).resolve().parent
OUTPUT_DIR = ROOT / "tests" / "output"
SCREENSHOTS_DIR = OUTPUT_DIR / "screenshots"

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]
LOCAL_HOST = "127.0.0.1"

# Desktop viewport for every test that does not set its own.
DESKTOP = {"width": 1280, "height": 900}

_COMPRESSIBLE = (
    "text/",
    "application/javascript",
    "application/json",
    "application/xml",
    "image/svg+xml",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if BROWSER_TESTS in Path(str(item.path)).resolve().parents:
            item.add_marker(pytest.mark.browser)
    # Lighthouse (about 20 s a page) after the quick checks, so that `-x`
    # reports a broken page before spending time on its scores.
    items.sort(key=lambda item: Path(str(item.path)).name == "test_lighthouse.py")


# Site ------------------------------------------------------------------------


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site, built from the working tree (not --strict: the build tests
    check warnings; these check what readers get)."""
    destination = tmp_path_factory.mktemp("site")
    command = [sys.executable, "-m", "mkdocs", "build", "--clean", "--site-dir", str(destination)]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    result = subprocess.run(command, cwd=ROOT, env=environment, capture_output=True, text=True, timeout=300)
    if result.returncode != 0:
        pytest.fail(
            f"mkdocs build failed (exit {result.returncode}):\n{result.stdout}{result.stderr}",
            pytrace=False,
        )
    assert (destination / "index.html").is_file(), f"no index.html in {destination}"
    return destination


@functools.lru_cache(maxsize=4096)
def _compressed_version(path: str, mtime_ns: int, size: int) -> bytes:
    return gzip.compress(Path(path).read_bytes(), compresslevel=6, mtime=0)


def _compressed(path: str) -> bytes:
    """The file gzipped once, as a static host keeps it (compressing a
    20 MB search index again at each request would time this server)."""
    stat = os.stat(path)
    return _compressed_version(path, stat.st_mtime_ns, stat.st_size)


class GzipStaticHandler(http.server.SimpleHTTPRequestHandler):
    """Static files, gzip-compressed like GitHub Pages serves them."""

    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - the base class's name
        pass  # pytest's output stays readable; failures say what was requested

    def send_head(self):  # type: ignore[override]
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            # Directory: let the base class redirect (/tags -> /tags/) or
            # find index.html, then come back here for the file.
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()
            path = os.path.join(path, "index.html")
        content_type = self.guess_type(path)
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not os.path.isfile(path) or not accepts_gzip or not content_type.startswith(_COMPRESSIBLE):
            return super().send_head()
        data = _compressed(path)
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Vary", "Accept-Encoding")
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "max-age=600")
        self.end_headers()
        return io.BytesIO(data)

    def end_headers(self) -> None:
        if not any(line.lower().startswith(b"cache-control") for line in self._headers_buffer):
            self.send_header("Cache-Control", "max-age=600")
        super().end_headers()


@contextlib.contextmanager
def _serving(directory: Path) -> Iterator[str]:
    handler = functools.partial(GzipStaticHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://{LOCAL_HOST}:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def serve_directory():
    """``with serve_directory(folder) as url``: a built site on 127.0.0.1, as GitHub Pages serves it."""
    return _serving


@pytest.fixture(scope="session")
def base_url(site_dir: Path) -> Iterator[str]:
    """The root URL of the site, served on 127.0.0.1 (ends with a slash)."""
    with _serving(site_dir) as url:
        yield url


# Browser ---------------------------------------------------------------------


@pytest.fixture(scope="session")
def chromium_path() -> Path:
    if not CHROMIUM.exists():
        message = f"{CHROMIUM} is missing: install Debian's Chromium with `apt-get install chromium`."
        if os.environ.get("CI"):
            pytest.fail(f"CI is set and {message}", pytrace=False)
        pytest.skip(message)
    return CHROMIUM


@pytest.fixture(scope="session")
def chromium_args() -> list[str]:
    """The flags every Chromium of these tests runs with."""
    return list(CHROMIUM_ARGS)


@pytest.fixture(scope="session")
def repo_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def browser(chromium_path: Path):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(chromium_path), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


def _is_foreign(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname != LOCAL_HOST


class RequestLog:
    """Every URL a browser context requested, and those that left 127.0.0.1."""

    def __init__(self) -> None:
        self.urls: list[str] = []
        self.foreign: list[str] = []

    def record(self, request) -> None:
        self.urls.append(request.url)
        if _is_foreign(request.url):
            self.foreign.append(f"{request.method} {request.url} ({request.resource_type})")


@pytest.fixture
def requests_log() -> RequestLog:
    return RequestLog()


@pytest.fixture
def new_page(browser, base_url: str, requests_log: RequestLog):
    """Factory: a page in a fresh context; extra arguments go to new_context.

    All contexts of a test share ``requests_log``; at teardown the test fails
    if any of them requested a host other than 127.0.0.1, or if a script of a
    page threw an uncaught error.
    """
    contexts = []
    script_errors: list[str] = []

    def factory(**options):
        options = {"viewport": DESKTOP, "color_scheme": "light", "locale": "fr-FR", **options}
        context = browser.new_context(base_url=base_url, **options)
        context.set_default_timeout(10_000)
        context.on("request", requests_log.record)
        # Nothing leaves the machine: foreign requests are recorded (above)
        # then aborted.
        context.route(_is_foreign, lambda route: route.abort("blockedbyclient"))
        contexts.append(context)
        page = context.new_page()
        page.on("pageerror", lambda error: script_errors.append(f"{page.url}: {error}"))
        return page

    yield factory

    for context in contexts:
        context.close()
    if script_errors:
        pytest.fail("uncaught script error(s):\n  " + "\n  ".join(script_errors), pytrace=False)
    if requests_log.foreign:
        foreign = list(dict.fromkeys(requests_log.foreign))
        pytest.fail(
            f"{len(foreign)} request(s) to a host other than {LOCAL_HOST} (aborted):\n  " + "\n  ".join(foreign),
            pytrace=False,
        )


@pytest.fixture
def page(new_page):
    """A desktop page (1280x900, light scheme, French locale)."""
    return new_page()


@pytest.fixture(scope="session")
def screenshots_dir() -> Path:
    SCREENSHOTS_DIR.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS_DIR


@pytest.fixture(scope="session")
def output_dir() -> Path:
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    return OUTPUT_DIR
