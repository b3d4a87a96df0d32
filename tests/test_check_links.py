"""The internal link check: files, folders, fragments, srcset, feeds and the site's own URL."""

from pathlib import Path

from tests.browser_sites import write_site
from tests.checks.links import link_problems, site_url_of

SITE = "https://contracts.example.gov.uk"


def page(body: str, head: str = "") -> str:
    return f'<!DOCTYPE html><html lang="en"><head>{head}</head><body>{body}</body></html>'


def test_links_that_resolve_pass(tmp_path: Path) -> None:
    folder = write_site(
        tmp_path,
        {
            "index.html": page(
                '<a href="#main">skip</a><main id="main"><a href="notices/a/">A</a>'
                '<a href="notices/a/#lots">lots</a><a href="/theme/x.css?v=1">css</a>'
                '<a href="https://elsewhere.example/missing">external</a>'
                '<a href="mailto:x@example.org">mail</a><img src="img/a%20b.png" alt="">'
                '<a href="' + SITE + '/notices/a/">absolute</a></main>',
                f'<link rel="canonical" href="{SITE}/">',
            ),
            "notices/a/index.html": page('<h2 id="lots">Lots</h2><a href="../../">home</a>'),
            "theme/x.css": "",
            "img/a b.png": "",
        },
    )
    assert link_problems(folder) == []


def test_missing_files_folders_and_fragments_are_reported(tmp_path: Path) -> None:
    folder = write_site(
        tmp_path,
        {
            "index.html": page(
                '<a href="notices/gone/">gone</a><a href="notices/a">no slash</a>'
                '<a href="notices/a/#nowhere">bad fragment</a><a href="#top">top</a>'
                '<img srcset="img/small.png 1x, img/big.png 2x" src="img/small.png" alt="">',
            ),
            "notices/a/index.html": page("<p>A</p>"),
            "img/small.png": "",
        },
    )
    problems = link_problems(folder)
    assert problems == [
        "'img/big.png': no such file: img/big.png (on index.html:1)",
        "'notices/a': folder without a trailing slash: /notices/a (on index.html:1)",
        "'notices/a/#nowhere': no id 'nowhere' in notices/a/index.html (on index.html:1)",
        "'notices/gone/': no such file: notices/gone/index.html (on index.html:1)",
    ]


def test_the_same_broken_link_is_reported_once_with_its_pages(tmp_path: Path) -> None:
    files = {f"p{n}/index.html": page('<a href="/missing/">x</a>') for n in range(7)}
    problems = link_problems(write_site(tmp_path, files))
    assert len(problems) == 1
    assert problems[0].endswith("p4/index.html:1 and 2 more)")


def test_feeds_and_link_previews_pointing_into_the_site_are_checked(tmp_path: Path) -> None:
    folder = write_site(
        tmp_path,
        {
            "index.html": page(
                "",
                f'<link rel="canonical" href="{SITE}/">'
                f'<meta property="og:image" content="{SITE}/cards/missing.png">',
            ),
            "feeds/all.atom": (
                '<feed xmlns="http://www.w3.org/2005/Atom">'
                f'<link rel="self" href="{SITE}/feeds/all.atom"/>'
                f'<entry><link href="{SITE}/notices/missing/"/></entry></feed>'
            ),
            "feeds/all.rss": f"<rss><channel><link>{SITE}/nope/</link></channel></rss>",
        },
    )
    assert site_url_of(folder) == SITE
    problems = link_problems(folder)
    assert [p.partition("': ")[2].split(" (on ")[0] for p in problems] == [
        "no such file: cards/missing.png",
        "no such file: nope/index.html",
        "no such file: notices/missing/index.html",
    ]


def test_the_site_address_comes_from_any_page_that_names_its_canonical_url(tmp_path: Path) -> None:
    folder = write_site(
        tmp_path,
        {
            "index.html": page(""),
            "about/index.html": page("", '<link rel="canonical" href="https://other.example/">'),
            "notices/a/index.html": page("", f'<link rel="canonical" href="{SITE}/notices/a/">'),
        },
    )
    assert site_url_of(folder) == SITE
