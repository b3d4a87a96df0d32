"""The Pelican signal handlers of the calendars plugin (plugins/calendars/pelican_hooks.py)."""

from __future__ import annotations

from types import SimpleNamespace

import pytest

from plugins.calendars.catalogue import calendars_for, site_calendars
from plugins.calendars.ics import render
from plugins.calendars.pelican_hooks import check_settings, link_calendars, write_calendars
from plugins.calendars.settings import Options, SettingsError
from plugins.notices.output import in_memory


def test_notice_pages_and_templates_learn_which_calendars_exist(sample_site):
    english = [SimpleNamespace(notice=i.notice) for i in sample_site.in_language()]
    welsh = [SimpleNamespace(notice=i.notice) for i in sample_site.in_language("cy")]
    generator = SimpleNamespace(
        context={"NOTICES_SITE": sample_site}, articles=english, translations=welsh
    )
    link_calendars(generator)
    assert generator.context["SITE_CALENDARS"] == site_calendars(sample_site)
    for article, item in zip(
        english + welsh, sample_site.in_language() + sample_site.in_language("cy"), strict=True
    ):
        assert article.calendars == calendars_for(item, sample_site)
    assert any(article.calendars for article in welsh)


def test_the_writer_puts_every_calendar_under_the_output_folder(sample_site, tmp_path):
    generator = SimpleNamespace(context={"NOTICES_SITE": sample_site}, settings={})
    write_calendars(generator, SimpleNamespace(output_path=str(tmp_path)))
    for path, data in in_memory(render(sample_site, Options())).items():
        assert (tmp_path / path).read_bytes() == data


def test_a_bad_setting_stops_the_build_at_start_up():
    with pytest.raises(SettingsError, match="CALENDARS_ALARM"):
        check_settings(SimpleNamespace(settings={"CALENDARS_ALARM": "tomorrow"}))
