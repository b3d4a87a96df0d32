"""The translation catalogues: complete, in step with the code, and Welsh where it says so.

Each domain is checked alike: ``messages`` (the plugins' and publisher's words) and
``theme`` (the templates' words). A missing, empty or fuzzy entry fails here, and so does a
word the code or a template writes that ``pybabel extract`` finds but the catalogues lack
(docs/administrators.md, "Translations").
"""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from datetime import UTC, date, datetime
from decimal import Decimal
from pathlib import Path
from string import Formatter

import pytest
from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.plurals import get_plural
from babel.messages.pofile import read_po

from plugins.contract import words
from plugins.notices import formatting
from plugins.notices.codelists import cpv_divisions, regions_within
from plugins.notices.codes import Category, DeadlineKind, NoticeGroup, NoticeType, Procedure
from plugins.notices.derive import Status, ValueBand
from plugins.notices.model import Money

ROOT = Path(__file__).parent.parent
TEMPLATE = words.LOCALE_DIR / "messages.pot"
LANGUAGES = [lang for lang in words.languages() if lang != words.SOURCE_LANG]
# Each domain: its template, and the folders `pybabel extract` reads for it.
DOMAINS = {"messages": ("plugins", "publish"), "theme": ("themes",)}
assert set(DOMAINS) == set(words.DOMAINS)
# Messages whose Welsh is spelt as the English: names of formats, codes and placeholders only.
PYBABEL = (sys.executable, "-m", "babel.messages.frontend")


def read(path: Path, lang: str | None = None) -> Catalog:
    with path.open("rb") as source:
        return read_po(source, locale=lang)


def key(message: Message) -> tuple[str | None, str]:
    msgid = message.id[0] if isinstance(message.id, tuple) else message.id
    return message.context, msgid


def forms(message: Message) -> tuple[str, ...]:
    string = message.string
    return tuple(string) if isinstance(string, (tuple, list)) else (string or "",)


def template(domain: str) -> Path:
    return words.LOCALE_DIR / f"{domain}.pot"


def fields(text: str) -> set[str]:
    """The placeholders of a message: ``{name}`` (Python code) and ``%(name)s`` (templates)."""
    braces = {name for _, name, _, _ in Formatter().parse(text) if name is not None}
    return braces | {f"%({name})" for name in re.findall(r"%\((\w+)\)[sd]", text)}


def problems(catalogue: Catalog, template: Catalog) -> list[str]:
    """Every entry of ``template`` missing, empty, fuzzy or with other placeholders."""
    found = {key(message): message for message in catalogue if message.id}
    plurals = catalogue.num_plurals
    wrong = []
    for wanted in template:
        if not wanted.id:
            continue
        name = repr(key(wanted))
        message = found.get(key(wanted))
        if message is None:
            wrong.append(f"{name}: missing — run pybabel update, then translate it")
        elif message.fuzzy:
            wrong.append(f"{name}: fuzzy — check the translation, then remove the fuzzy flag")
        elif not all(forms(message)) or (message.pluralizable and len(forms(message)) != plurals):
            wrong.append(f"{name}: not translated (every plural form needs a translation)")
        elif any(
            fields(form) - fields(" ".join((*forms(wanted), str(wanted.id))))
            for form in forms(message)
        ):
            wrong.append(f"{name}: a placeholder the English has not")
    return wrong


def extracted(tmp_path: Path, domain: str = "messages") -> Catalog:
    """What ``pybabel extract`` finds for ``domain`` now, run as docs/administrators.md says."""
    output = tmp_path / f"{domain}.pot"
    subprocess.run(
        [*PYBABEL, "extract", "-F", "babel.cfg", "-o", str(output), *DOMAINS[domain]],
        cwd=ROOT,
        check=True,
        capture_output=True,
        timeout=300,
    )
    return read(output)


@pytest.mark.parametrize("domain", DOMAINS)
@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_catalogue_is_complete(lang: str, domain: str) -> None:
    catalogue = read(words.catalogue_path(lang, domain), lang)
    assert problems(catalogue, read(template(domain))) == []


@pytest.mark.parametrize("domain", DOMAINS)
def test_the_welsh_catalogue_exists_with_babels_six_plural_forms(domain: str) -> None:
    assert "cy" in LANGUAGES
    catalogue = read(words.catalogue_path("cy", domain), "cy")
    assert catalogue.plural_forms == get_plural("cy").plural_forms
    assert catalogue.num_plurals == 6
    assert not catalogue.fuzzy


def test_a_fuzzy_empty_or_missing_entry_is_a_problem() -> None:
    template = Catalog()
    for msgid in ("Open", "Closed", "Awarded", "Value: {value}"):
        template.add(msgid)
    catalogue = Catalog(locale="cy")
    catalogue.add("Open", "Ar agor", flags=["fuzzy"])
    catalogue.add("Closed", "")
    catalogue.add("Value: {value}", "Gwerth: {amount}")
    assert problems(catalogue, template) == [
        "(None, 'Open'): fuzzy — check the translation, then remove the fuzzy flag",
        "(None, 'Closed'): not translated (every plural form needs a translation)",
        "(None, 'Awarded'): missing — run pybabel update, then translate it",
        "(None, 'Value: {value}'): a placeholder the English has not",
    ]


def test_a_template_placeholder_must_be_kept() -> None:
    template = Catalog()
    template.add("Respond by %(when)s")
    template.add(("%(num)s lot", "%(num)s lots"))
    catalogue = Catalog(locale="cy")
    catalogue.add("Respond by %(when)s", "Ymatebwch erbyn %(date)s")
    catalogue.add(("%(num)s lot", "%(num)s lots"), ("%(num)s lot", "un lot", *["%(num)s lot"] * 4))
    assert problems(catalogue, template) == [
        "(None, 'Respond by %(when)s'): a placeholder the English has not"
    ]


@pytest.mark.parametrize(("domain", "at_least"), [("messages", 100), ("theme", 150)])
def test_extraction_finds_nothing_the_catalogues_lack(
    tmp_path: Path, domain: str, at_least: int
) -> None:
    found = {key(message) for message in extracted(tmp_path, domain) if message.id}
    assert len(found) > at_least
    wanted = {key(message) for message in read(template(domain)) if message.id}
    missing = sorted(found - wanted, key=str)
    assert missing == [], "run pybabel extract and pybabel update (docs/administrators.md)"


def test_each_domain_holds_its_own_words(tmp_path: Path) -> None:
    """The templates' words are the theme's alone: none is extracted into messages."""
    theme = {key(message) for message in extracted(tmp_path, "theme") if message.id}
    messages = extracted(tmp_path, "messages")
    assert not [
        location
        for message in messages
        for location, _ in message.locations
        if location.startswith("themes/")
    ]
    assert (None, "Skip to main content") in theme


def test_templates_translate_in_the_readers_language() -> None:
    """The merged catalogues give the theme's words: Welsh for cy, English otherwise."""
    assert words.translator("cy").gettext("Skip to main content") == "Neidio i'r prif gynnwys"
    assert words.translator("cy").ngettext("%(num)s notice", "%(num)s notices", 2) == (
        "%(num)s hysbysiad"
    )
    assert words.translator("en").gettext("Skip to main content") == "Skip to main content"


def test_the_catalogues_ship_in_the_package() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = pyproject["tool"]["setuptools"]["package-data"]["plugins.notices"]
    package = ROOT / "plugins" / "notices"
    shipped = {path for pattern in patterns for path in package.glob(pattern)}
    for lang in LANGUAGES:
        assert words.catalogue_path(lang) in shipped
    assert "babel" in " ".join(pyproject["project"]["dependencies"])


def english_only_words() -> set[str]:
    """Words of the English message ids, day and month names that no Welsh translation uses."""
    british = Locale.parse("en_GB")
    names = [*british.days["format"]["wide"].values(), *british.months["format"]["wide"].values()]
    english, welsh = _words(" ".join(names)), set()
    for message in read(words.catalogue_path("cy"), "cy"):
        if message.id:
            english |= _words(
                " ".join((message.id,) if isinstance(message.id, str) else message.id)
            )
            welsh |= _words(" ".join(forms(message)))
    return english - welsh


def _words(text: str) -> set[str]:
    return {word.lower() for word in re.findall(r"\b[A-Za-z]{3,}\b", re.sub(r"\{\w+\}", "", text))}


def welsh_texts() -> list[str]:
    moment = datetime(2026, 12, 18, 12, 0, tzinfo=UTC)
    zone = formatting.DEFAULT_TIMEZONE
    money = Money(Decimal("1600000"), "GBP", Decimal("1920000"))
    texts = [
        formatting.datetime_text(moment, zone=zone, lang="cy"),
        formatting.date_text(date(2027, 4, 1), zone=zone, lang="cy"),
        formatting.money_text(money, "cy"),
        formatting.money_text(Money(Decimal(5)), "cy"),
        formatting.months_text(2, "cy"),
        formatting.change_kind_label(False, False, "cy"),
        formatting.change_kind_label(True, False, "cy"),
        formatting.change_kind_label(False, True, "cy"),
        formatting.changed_on_text("1 Ebrill 2027", "", True, "cy"),
        formatting.changed_on_text("1 Ebrill 2027", "", False, "cy"),
        formatting.change_line("X", "A", "B", "cy"),
        formatting.change_line("X", None, "B", "cy"),
        formatting.change_line("X", "A", None, "cy"),
        formatting.change_line("X", None, None, "cy"),
        formatting.was_text("A", "cy"),
        formatting.titled("Y", "Cyngor Sir Afonwy", "cy"),
        formatting.cpv_division_label("00", "cy"),
        formatting.field_label("lots.3", "cy"),
    ]
    texts += [formatting.notice_type_label(kind, "cy") for kind in NoticeType]
    texts += [formatting.notice_group_label(group, "cy") for group in NoticeGroup]
    texts += [formatting.status_label(status, "cy") for status in Status]
    texts += [formatting.deadline_label(kind, "cy") for kind in DeadlineKind]
    texts += [formatting.value_band_label(band, "cy") for band in ValueBand]
    texts += [formatting.procedure_label(procedure, "cy") for procedure in Procedure]
    texts += [formatting.category_label(category, "cy") for category in Category]
    texts += [formatting.facet_heading(key, "cy") for key in formatting.FACET_HEADINGS]
    texts += [
        formatting.submission_method_label(code, "cy") for code in formatting.SUBMISSION_METHODS
    ]
    texts += [formatting.document_format_label(kind, "cy") for kind in formatting.DOCUMENT_FORMATS]
    texts += [formatting.field_label(field, "cy") for field in formatting.FIELD_LABELS]
    texts += [formatting.field_label(f"lots.2.{field}", "cy") for field in formatting.FIELD_LABELS]
    texts += [formatting.cpv_division_label(division, "cy") for division in cpv_divisions()]
    texts += [formatting.region_name(code, "cy") for code in regions_within("TLL", (1, 2, 3))]
    return texts


def test_welsh_words_have_no_english_in_them() -> None:
    english = english_only_words()
    assert {"tender", "deadline", "excluding", "friday", "december", "months"} <= english
    found = {
        text: sorted(_words(text) & english) for text in welsh_texts() if _words(text) & english
    }
    assert found == {}


def test_welsh_months_and_days_come_from_babel() -> None:
    zone = formatting.DEFAULT_TIMEZONE
    days = {
        formatting.datetime_text(datetime(2026, 12, day, 9, tzinfo=UTC), zone=zone, lang="cy")
        .split(" 2026")[0]
        .rsplit(" ", 2)[0]
        for day in range(14, 21)
    }
    assert days == {
        "Dydd Llun",
        "Dydd Mawrth",
        "Dydd Mercher",
        "Dydd Iau",
        "Dydd Gwener",
        "Dydd Sadwrn",
        "Dydd Sul",
    }
    months = [
        formatting.date_text(date(2027, month, 1), zone=zone, lang="cy") for month in (1, 6, 12)
    ]
    assert months == ["1 Ionawr 2027", "1 Mehefin 2027", "1 Rhagfyr 2027"]


def test_the_publishers_words_come_from_the_same_catalogue() -> None:
    assert words.translator("cy").gettext("Value: {value}") == "Gwerth: {value}"
    assert words.translator("cy").gettext("Change") == "Newid"
    assert words.translator("fr").gettext("Change") == "Change"
