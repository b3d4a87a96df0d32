"""Keyboard use with real Tab key presses: everything reachable, focus visible, skip link works."""

from __future__ import annotations

from collections.abc import Iterable

from tests.checks.browser import Browsing

# Marks every element a keyboard user should reach, and records how it looks unfocused.
MARK_TABBABLE = """() => {
  const selector = 'a[href], area[href], button, input, select, textarea, summary, iframe, '
    + 'audio[controls], video[controls], [contenteditable]:not([contenteditable="false"]), [tabindex]';
  const found = [...document.querySelectorAll(selector)].filter((el) =>
    el.tabIndex >= 0 && !el.disabled && el.type !== 'hidden' && !el.closest('[inert]')
    && el.checkVisibility({visibilityProperty: true}));
  // Of a group of radio buttons, Tab reaches one; arrow keys move within the group.
  const seenGroups = new Set();
  const tabbable = found.filter((el) => {
    if (el.type !== 'radio' || !el.name) return true;
    const key = (el.form ? 'form' : 'doc') + ':' + el.name;
    if (seenGroups.has(key)) return false;
    seenGroups.add(key);
    return true;
  });
  // Start from the top of the page, wherever focus was: the next Tab goes to the first element.
  const start = document.createElement('span');
  start.tabIndex = -1;
  document.body.prepend(start);
  start.focus();
  return tabbable.map((el, index) => {
    el.dataset.auditTab = String(index);
    return {index, name: window.__auditDescribe(el), style: window.__auditStyle(el)};
  });
}"""

# Helpers installed once per page: a short name for an element, and the styles focus may change.
HELPERS = """() => {
  window.__auditDescribe = (el) => {
    const text = (el.innerText || el.value || el.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' ');
    const id = el.id ? '#' + el.id : '';
    const href = el.getAttribute('href') ? ` href="${el.getAttribute('href')}"` : '';
    return `<${el.tagName.toLowerCase()}${id}${href}> "${text.slice(0, 60)}"`;
  };
  window.__auditStyle = (el) => {
    const s = getComputedStyle(el);
    const props = ['outline-style', 'outline-width', 'outline-color', 'outline-offset', 'box-shadow',
      'background-color', 'color', 'text-decoration-line', 'text-decoration-thickness',
      'border-top-color', 'border-bottom-color', 'border-bottom-width', 'border-top-width'];
    return Object.fromEntries(props.map((p) => [p, s.getPropertyValue(p)]));
  };
}"""

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const r = el.getBoundingClientRect();
  return {index: el.dataset.auditTab ?? null, name: window.__auditDescribe(el), style: window.__auditStyle(el),
    onScreen: r.width > 0 && r.height > 0 && r.right > 0 && r.bottom > 0
      && r.left < innerWidth && r.top < innerHeight};
}"""

SKIP_TARGET = """() => {
  const el = document.activeElement;
  const href = el && el.tagName === 'A' ? el.getAttribute('href') || '' : '';
  if (!href.startsWith('#') || href.length < 2) return {skip: false};
  const target = document.getElementById(decodeURIComponent(href.slice(1)));
  return {skip: true, href, exists: !!target,
    main: !!target && (target.tagName === 'MAIN' || !!target.closest('main') || !!target.querySelector('main'))};
}"""

# After the skip link: is focus in (or, for the next Tab, at or after) the skip link's target?
AFTER_SKIP = """(href) => {
  const target = document.getElementById(decodeURIComponent(href.slice(1)));
  const el = document.activeElement;
  if (!target || !el || el === document.body) return false;
  return el === target || target.contains(el)
    || !!(target.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_FOLLOWING);
}"""

TRANSPARENT = {"transparent", "rgba(0, 0, 0, 0)"}


def _outline_visible(style: dict[str, str]) -> bool:
    width = style["outline-width"]
    return (
        style["outline-style"] not in {"none", "hidden"}
        and width not in {"0px", "0"}
        and style["outline-color"] not in TRANSPARENT
    )


def focus_visible(unfocused: dict[str, str], focused: dict[str, str]) -> bool:
    """Whether focus changes how the element looks (a visible outline, shadow, colour or line)."""
    outline = ("outline-style", "outline-width", "outline-color", "outline-offset")
    if _outline_visible(focused) and any(focused[p] != unfocused[p] for p in outline):
        return True
    others = set(focused) - set(outline)
    return any(focused[p] != unfocused[p] for p in others)


def tab_problems(browsing: Browsing, path: str, load: bool = True) -> list[str]:
    """Tab through the page (as loaded, or as it is now): each element reached once, visibly
    focused and on screen."""
    page = browsing.page
    if load:
        browsing.open(path)
    page.evaluate(HELPERS)
    tabbable = page.evaluate(MARK_TABBABLE)
    reached: set[int] = set()
    problems = []
    for _ in range(len(tabbable) + 10):
        page.keyboard.press("Tab")
        focused = page.evaluate(FOCUSED)
        if focused is None or focused["index"] is None:
            if focused is None and reached:
                break  # past the last element, focus leaves the document
            continue
        index = int(focused["index"])
        if index in reached:
            break  # wrapped round to the start
        reached.add(index)
        problems += _focus_problems(path, tabbable[index], focused)
    problems += [
        f"{path}: not reachable with Tab: {el['name']}"
        for el in tabbable
        if el["index"] not in reached
    ]
    return problems


def _focus_problems(path: str, element: dict, focused: dict) -> list[str]:
    problems = []
    if not focus_visible(element["style"], focused["style"]):
        problems.append(f"{path}: no visible focus indicator on {element['name']}")
    if not focused["onScreen"]:
        problems.append(f"{path}: focused but not on screen: {element['name']}")
    return problems


def skip_link_problems(browsing: Browsing, path: str) -> list[str]:
    """The first Tab stop is a skip link to main, and following it moves focus there."""
    page = browsing.page
    browsing.open(path)
    page.keyboard.press("Tab")
    skip = page.evaluate(SKIP_TARGET)
    if not skip["skip"]:
        return [f"{path}: the first Tab stop is not a skip link to the main content"]
    if not skip["exists"]:
        return [f"{path}: the skip link {skip['href']} has no target"]
    problems = [] if skip["main"] else [f"{path}: the skip link {skip['href']} is not main"]
    page.keyboard.press("Enter")
    # Without a tabindex on the target, focus stays put but the next Tab starts from it.
    if not page.evaluate(AFTER_SKIP, skip["href"]):
        page.keyboard.press("Tab")
        if not page.evaluate(AFTER_SKIP, skip["href"]):
            problems.append(f"{path}: after the skip link, Tab does not go to the main content")
    return problems


def keyboard_problems(browsing: Browsing, paths: Iterable[str]) -> list[str]:
    """Tab reachability, visible focus and the skip link on each page."""
    problems = []
    for path in paths:
        problems += skip_link_problems(browsing, path)
        problems += tab_problems(browsing, path)
    return problems
