"""Reflow at 320 CSS pixels (WCAG 2.1 SC 1.4.10): no page scrolls sideways."""

from __future__ import annotations

from collections.abc import Iterable

from tests.checks.browser import Browsing

NARROW = {"width": 320, "height": 640}

# The widest document, the outermost elements that stick out past the viewport, and the
# innermost ones whose own content (a long word, say) overflows their box.
OVERFLOW = """() => {
  const root = document.documentElement;
  const width = root.clientWidth;
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '')
    + (el.classList.length ? '.' + [...el.classList].join('.') : '');
  const all = [...document.body.querySelectorAll('*')];
  const wide = all.filter((el) => {
    const r = el.getBoundingClientRect();
    return r.width > 0 && r.right > width + 0.5;
  });
  const boxes = wide.filter((el) => !wide.includes(el.parentElement)).map((el) =>
    `${describe(el)} (right edge at ${Math.round(el.getBoundingClientRect().right)}px)`);
  const spilling = all.filter((el) => el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0
    && getComputedStyle(el).overflowX === 'visible');
  const texts = spilling.filter((el) => ![...el.children].some((c) => spilling.includes(c) || wide.includes(c)))
    .map((el) => `text in ${describe(el)} wider than its box (${el.scrollWidth}px in ${el.clientWidth}px)`);
  return {scrollWidth: root.scrollWidth, clientWidth: width, culprits: [...boxes, ...texts].slice(0, 3)};
}"""


def layout_problems(browsing: Browsing, paths: Iterable[str]) -> list[str]:
    """Pages whose content is wider than a 320px viewport, with the elements that stick out."""
    problems = []
    for path in paths:
        browsing.open(path, NARROW)
        result = browsing.page.evaluate(OVERFLOW)
        if result["scrollWidth"] > result["clientWidth"]:
            culprits = "; ".join(result["culprits"]) or "no single element found"
            problems.append(
                f"{path}: scrolls sideways at 320px (content {result['scrollWidth']}px wide "
                f"in {result['clientWidth']}px): {culprits}"
            )
    return problems
