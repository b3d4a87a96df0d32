"""How a notice body becomes page HTML, and the settings that keep pages safe."""

from pathlib import Path

import pytest
from pelican.settings import read_settings

from plugins.notices.body import render

ROOT = Path(__file__).parent.parent


def test_headings_sit_under_the_description_heading():
    assert render("## Lots\n\n### Lot 1").splitlines() == [
        '<h3 id="lots">Lots</h3>',
        '<h4 id="lot-1">Lot 1</h4>',
    ]


def test_table_header_cells_head_their_columns():
    html = render("| Lot | Value |\n|---|---|\n| 1 | £7m |")
    assert html.count('<th scope="col">') == 2
    assert "<td>£7m</td>" in html


@pytest.mark.parametrize("settings_file", ["pelicanconf.py", "publishconf.py"])
def test_templates_escape_notice_fields(settings_file):
    settings = read_settings(str(ROOT / settings_file))
    assert settings["JINJA_ENVIRONMENT"]["autoescape"] is True
    assert settings["PLUGINS"] == ["plugins.pelican_adapter"]  # the one plugin: it runs the rest
