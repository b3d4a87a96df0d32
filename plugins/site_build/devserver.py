"""``invoke livereload``: serve the built site and rebuild it when a source file changes."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path


def watched(root: Path, settings: Path, content: Path) -> list[Path]:
    """The settings, notices, templates, styles, scripts and plugins a rebuild follows."""
    theme = root / "themes" / "noticeboard"
    patterns = [settings, content / "**" / "*.md", theme / "templates" / "**" / "*.html"]
    patterns += [theme / "static" / "**" / f"*{ext}" for ext in (".css", ".js")]
    return [*patterns, root / "plugins" / "**" / "*.py"]


def serve(patterns: list[Path], build: Callable[[], None], output: Path, port: int) -> None:
    """Build once, then serve ``output`` on localhost and rebuild whenever a pattern matches."""
    from livereload import Server

    build()
    server = Server()
    for pattern in patterns:
        server.watch(str(pattern), build)
    server.serve(host="127.0.0.1", port=port, root=str(output))
