"""axe-core (bundled by axe-playwright-python) on pages open in the browser."""

from __future__ import annotations

from collections.abc import Iterable

from tests.checks.browser import DESKTOP, Browsing

# wcag22aa brings rules such as target-size (SC 2.5.8); without it they are silently skipped.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE_OPTIONS = {"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]}
SNIPPET = 160


def axe_violations(browsing: Browsing) -> list[dict]:
    """axe-core's violations on the page as it is now."""
    from axe_playwright_python.sync_playwright import Axe

    return Axe().run(browsing.page, options=AXE_OPTIONS).response["violations"]


def describe(path: str, violation: dict) -> list[str]:
    """One line per element: page, rule id, impact, what is wrong, which element."""
    lines = []
    for node in violation["nodes"]:
        target = " ".join(str(t) for t in node["target"])
        html = " ".join(node.get("html", "").split())[:SNIPPET]
        summary = " ".join(node.get("failureSummary", "").split())
        lines.append(
            f"{path}: {violation['id']} ({violation.get('impact')}): {violation['help']} "
            f"at {target} {html} — {summary}"
        )
    return lines


def axe_problems(
    browsing: Browsing, paths: Iterable[str], viewport: dict[str, int] = DESKTOP
) -> list[str]:
    """Every axe-core WCAG 2.2 AA violation on each page, one line per element."""
    problems = []
    where = "" if viewport == DESKTOP else f" at {viewport['width']}px"
    for path in paths:
        browsing.open(path, viewport)
        for violation in axe_violations(browsing):
            problems += describe(path + where, violation)
    return problems
