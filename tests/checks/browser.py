"""A built site served on loopback and opened in Debian's headless Chromium through Playwright."""

from __future__ import annotations

import os
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import partial
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING
from urllib.parse import unquote, urlsplit

from tests.checks.links import site_url_of
from tests.checks.tools import chromium

if TYPE_CHECKING:
    from playwright.sync_api import Browser, Page, Route

# Playwright must never try to fetch a browser of its own: it cannot here, and we use Debian's.
os.environ.setdefault("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")

# From research/validators.md: flags that work as root, with no network use of its own.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP = {"width": 1280, "height": 800}
TIMEOUT_MS = 30_000  # generous: CI machines are shared and slow


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        """Keep test output for problems, not for every request."""


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve ``folder`` on 127.0.0.1 at a free port; yields the base URL (no trailing slash)."""
    handler = partial(_QuietHandler, directory=str(folder))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


@dataclass
class Browsing:
    """One browser tab on the served site."""

    folder: Path
    base: str
    page: Page

    def open(self, path: str, viewport: dict[str, int] = DESKTOP) -> None:
        """Load a site path at a viewport size, waiting for its scripts when it has any."""
        self.page.set_viewport_size(viewport)
        response = self.page.goto(self.base + path, wait_until="load")
        if response is None or not response.ok:
            status = response.status if response else "no response"
            raise AssertionError(f"{path}: could not be loaded ({status})")
        if self.page.locator("script[src]").count():
            self.page.wait_for_load_state("networkidle")


@contextmanager
def chromium_browser() -> Iterator[Browser]:
    """Debian's headless Chromium under Playwright (one per process: Playwright's sync API nests
    badly, so tests share one through the ``chromium_browser`` fixture)."""
    from playwright.sync_api import sync_playwright

    executable = chromium()
    with sync_playwright() as playwright:
        # Playwright gives each launch a fresh temporary profile directory.
        browser = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            browser.close()


@contextmanager
def browsing(folder: Path, browser: Browser | None = None) -> Iterator[Browsing]:
    """The folder served on loopback and a fresh tab (own cookies and cache) to look at it with."""
    if browser is None:
        with chromium_browser() as own, browsing(folder, own) as tab:
            yield tab
        return
    folder = Path(folder)
    with serve(folder) as base:
        context = browser.new_context(viewport=DESKTOP, service_workers="block")
        try:
            context.set_default_timeout(TIMEOUT_MS)
            context.route("**/*", partial(_route, folder, base, site_url_of(folder)))
            yield Browsing(folder, base, context.new_page())
        finally:
            context.close()


def _route(folder: Path, base: str, site_url: str | None, route: Route) -> None:
    """Loopback requests go through; the site's public address is answered from the folder."""
    url = route.request.url
    if url.startswith(base + "/"):
        route.continue_()
    elif site_url and (url == site_url or url.startswith(site_url + "/")):
        # A production build links to its public address: answer from the folder instead.
        path = unquote(urlsplit(url[len(site_url) :] or "/").path)
        file = file_of(folder, path)
        if file.is_file():
            route.fulfill(path=file)
        else:
            route.fulfill(status=404, content_type="text/plain", body="Not found")
    else:
        route.abort()  # nothing leaves the machine


def page_path(folder: Path, file: Path) -> str:
    """The URL path a file is served at: folders end in /, other pages keep their name."""
    relative = PurePosixPath(file.relative_to(folder).as_posix())
    if relative.name == "index.html":
        parent = relative.parent.as_posix()
        return "/" if parent == "." else f"/{parent}/"
    return f"/{relative}"


def html_pages(folder: Path) -> list[str]:
    """The URL path of every HTML page in the folder, sorted (Pagefind's own files left out)."""
    files = (p for p in Path(folder).rglob("*.html") if "pagefind" not in p.parts)
    return sorted(page_path(Path(folder), p) for p in files)


def file_of(folder: Path, path: str) -> Path:
    """The file a site path is served from."""
    relative = path.lstrip("/")
    return Path(folder) / (relative + "index.html" if path.endswith("/") else relative)


CLASS_ATTRIBUTE = re.compile(r"""\bclass=["']([^"']*)["']""")
CONTROL = re.compile(r"<(input|select|textarea|button|summary|iframe)\b", re.I)


def page_kinds(folder: Path) -> dict[frozenset[str], list[str]]:
    """Pages grouped by what they are built of: the classes and form controls they use."""
    kinds: dict[frozenset[str], list[str]] = {}
    for path in html_pages(folder):
        text = file_of(folder, path).read_text(encoding="utf-8", errors="replace")
        # BEM modifiers (tag--closed, banner--awarded) vary colour, not what a keyboard meets.
        classes = {c.split("--")[0] for v in CLASS_ATTRIBUTE.findall(text) for c in v.split()}
        controls = {f"<{tag.lower()}>" for tag in CONTROL.findall(text)}
        kinds.setdefault(frozenset(classes | controls), []).append(path)
    return kinds


def representative_pages(folder: Path) -> list[str]:
    """One page of each kind: every template and each variant of it (banners, pagination...)."""
    return sorted(paths[0] for paths in page_kinds(folder).values())
