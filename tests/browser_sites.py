"""The shared headless Chromium fixture, and small hand-written sites for the browser checks."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from tests.checks.browser import chromium_browser as launch_chromium

STYLE = """
body { font: 18px/1.5 sans-serif; margin: 0; }
a { display: inline-block; padding: 4px; color: #1d70b8; }
a:focus, button:focus, input:focus { outline: 3px solid #fd0; background: #fd0; color: #0b0c0c; }
.skip { position: absolute; left: -9999px; }
.skip:focus { left: 0; }
"""


def page(body: str, head: str = "", skip: bool = True) -> str:
    """A complete English page with a skip link to main (unless ``skip`` is false)."""
    link = '<a class="skip" href="#main">Skip to main content</a>' if skip else ""
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f"<title>Test page</title><style>{STYLE}</style>{head}</head>"
        f'<body>{link}<header><a href="/">Home</a></header>'
        f'<main id="main"><h1>Test page</h1>{body}</main></body></html>'
    )


def write_site(folder: Path, files: dict[str, str]) -> Path:
    """Write ``{relative path: text}`` under ``folder``; returns the folder."""
    for name, text in files.items():
        path = folder / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="session", name="chromium_browser")
def chromium_browser_fixture() -> Iterator[Browser]:
    """One Chromium for the whole run; each ``browsing(folder, browser)`` gets its own context."""
    # A missing Chromium raises MissingTool here, naming the package to install.
    with launch_chromium() as browser:
        yield browser
