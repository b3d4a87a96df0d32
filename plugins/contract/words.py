"""The translation catalogues, read by the build and the publisher alike.

English is the message id; each other language has gettext catalogues under
``plugins/notices/locale/<lang>/LC_MESSAGES/``: ``messages.po`` for the words the build and
the publisher write, ``theme.po`` for the theme's templates. They are read with Babel, merged
and compiled in
memory once per language and process, so a fresh clone needs no compile step. A fuzzy entry
is left out (its English shows) and a language without a catalogue reads English. The
publisher imports nothing of the build but this package, so the reader lives here.
"""

from __future__ import annotations

import gettext
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po

DOMAIN = "messages"
# Every catalogue of a language, merged: the plugins' and publisher's words, the theme's.
DOMAINS = (DOMAIN, "theme")
SOURCE_LANG = "en"
# Beside formatting.py, which writes most of the words.
LOCALE_DIR = Path(__file__).parent.parent / "notices" / "locale"


def catalogue_path(lang: str, domain: str = DOMAIN) -> Path:
    """Where the catalogue of ``lang`` for ``domain`` is (or would be)."""
    return LOCALE_DIR / lang / "LC_MESSAGES" / f"{domain}.po"


@cache
def translator(lang: str) -> gettext.NullTranslations:
    """The words of ``lang`` (``gettext``, ``ngettext``): ``cy``, ``cy-GB`` and ``cy_GB``
    all read the ``cy`` catalogue; English when there is none."""
    code = lang.replace("-", "_")
    for candidate in (code, code.split("_")[0]):
        if candidate != SOURCE_LANG and candidate in languages():
            return _merged(candidate)
    return gettext.NullTranslations()


@cache
def languages() -> tuple[str, ...]:
    """English and every language with a catalogue."""
    found = sorted(
        path.parent.parent.name for path in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.po")
    )
    return (SOURCE_LANG, *(code for code in found if code != SOURCE_LANG))


def _merged(lang: str) -> gettext.GNUTranslations:
    """The catalogues of ``lang``, the first domain's words before the next's."""
    found = [path for domain in DOMAINS if (path := catalogue_path(lang, domain)).exists()]
    merged = _compiled(found[0], lang)
    for path in found[1:]:
        merged.add_fallback(_compiled(path, lang))
    return merged


def _compiled(path: Path, lang: str) -> gettext.GNUTranslations:
    with path.open("rb") as source:
        catalogue = read_po(source, locale=lang, domain=path.stem)
    compiled = BytesIO()
    write_mo(compiled, catalogue)
    compiled.seek(0)
    return gettext.GNUTranslations(compiled)
