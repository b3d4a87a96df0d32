"""Rules across files: unique ids and matching translations."""

from dataclasses import replace

import pytest

from plugins.notices.load import load_notice
from plugins.notices.model import NoticeType
from plugins.notices.sitewide import Located, sitewide_problems


@pytest.fixture
def notice(write_notice, sample_text):
    return load_notice(write_notice(sample_text), "content/notices/a.md").notice


def test_distinct_notices_pass(notice):
    other = replace(notice, notice_id="ACC-2026-0099", source_path="content/notices/b.md", slug="b")
    assert sitewide_problems([Located(notice, 5), Located(other, 5)]) == []


def test_two_files_with_one_name_would_share_a_page(notice):
    later = replace(
        notice,
        notice_id="ACC-2026-0099",
        source_path="content/notices/2027/notice.md",
        published=notice.published.replace(year=2027),
    )
    [problem] = sitewide_problems([Located(later, 5), Located(notice, 5)])
    assert (problem.path, problem.line, problem.field) == (
        "content/notices/2027/notice.md",
        1,
        "file name",
    )
    assert "would be published at notices/notice/" in problem.message


def test_a_duplicate_id_is_reported_on_the_second_file(notice):
    copy = replace(notice, source_path="content/notices/b.md", slug="b")
    [problem] = sitewide_problems([Located(copy, 7), Located(notice, 5)])
    assert (problem.path, problem.line, problem.field) == ("content/notices/b.md", 7, "notice_id")
    assert "already used by content/notices/a.md" in problem.message


def test_a_welsh_version_pairs_with_its_english_original(notice):
    welsh = replace(notice, lang="cy", source_path="content/notices/a.cy.md")
    assert sitewide_problems([Located(notice, 5), Located(welsh, 5)]) == []


def test_a_welsh_notice_with_no_english_original_is_published_with_a_warning(notice):
    welsh = replace(notice, lang="cy", source_path="content/notices/a.cy.md")
    [problem] = sitewide_problems([Located(welsh, 4)])
    assert problem.line == 4 and problem.warning
    assert "no English original" in problem.message
    assert "give it that notice's notice_id" in problem.fix


def test_two_versions_with_no_original_between_them_are_errors(notice):
    welsh = replace(notice, lang="cy", source_path="content/notices/a.cy.md")
    french = replace(notice, lang="fr", source_path="content/notices/a.fr.md")
    problems = sitewide_problems([Located(welsh, 4), Located(french, 4)])
    assert [(p.path, p.warning) for p in problems] == [
        ("content/notices/a.cy.md", False),
        ("content/notices/a.fr.md", False),
    ]


def test_a_translation_must_be_the_same_notice(notice):
    welsh = replace(
        notice, lang="cy", notice_type=NoticeType.UK3, source_path="content/notices/a.cy.md"
    )
    [problem] = sitewide_problems([Located(notice, 5), Located(welsh, 5)])
    assert problem.path == "content/notices/a.cy.md"
    assert "differs from its original" in problem.message


def test_originals_are_in_the_sites_default_language(notice):
    welsh = replace(notice, lang="cy", source_path="content/notices/a.cy.md")
    assert sitewide_problems([Located(welsh, 4)], default_lang="cy") == []
    [problem] = sitewide_problems([Located(notice, 5)], default_lang="cy")
    assert problem.path == "content/notices/a.md" and problem.warning
    assert "this en version has no Welsh original" in problem.message
    assert "lang: cy" in problem.fix
