"""The buyers', suppliers' and administrators' guides say only what is true of the code.

Their links resolve (to a file and a heading), every `invoke` command names a real task and
real options, every repository path exists, every site path is in a real build, and the
suppliers' Python example runs on a build's notices.json.
"""

from __future__ import annotations

import re
import shlex
import subprocess
import sys
from pathlib import Path

import pytest
from invoke import Collection

import tasks

ROOT = Path(__file__).parent.parent
DOCS = ROOT / "docs"
GUIDES = ("buyers.md", "suppliers.md", "administrators.md")
# Files the buyers' walkthrough creates: they are not in the repository before it runs.
CREATED = "grounds-maintenance-for-parks"
REPO_PATH = re.compile(r"^(content|plugins|publish|tests|docs|themes|benchmarks|\.github)/\S+$")
SITE = "https://contracts.afonwy.gov.uk/"
SITE_PATH = re.compile(
    r"^(output/|https://contracts\.afonwy\.gov\.uk/)?("
    r"(feeds|calendar|ocds|notices|cy|subscribe|browse|search|closing-soon|procurements"
    r"|region|cpv|buyer|type|value|status)(/\S*)?"
    r"|notices\.json|notices\.csv|announcements\.json|sitemap\.xml|robots\.txt"
    r"|favicon\.ico|site\.webmanifest)$"
)


def text(name: str) -> str:
    return (DOCS / name).read_text(encoding="utf-8")


def code_spans(markdown: str) -> list[str]:
    """Inline code, and each line of fenced sh blocks."""
    fenced = re.findall(r"^```sh\n(.*?)^```$", markdown, re.M | re.S)
    prose = re.sub(r"^```.*?^```$", "", markdown, flags=re.M | re.S)
    return re.findall(r"`([^`\n]+)`", prose) + [
        line.strip() for block in fenced for line in block.splitlines()
    ]


def slug(heading: str) -> str:
    """GitHub's anchor for a Markdown heading."""
    plain = heading.strip().lower().replace("`", "")
    return re.sub(r"[^\w\- ]", "", plain).replace(" ", "-")


def anchors(path: Path) -> set[str]:
    markdown = path.read_text(encoding="utf-8")
    markdown = re.sub(r"^```.*?^```$", "", markdown, flags=re.M | re.S)
    return {slug(h) for h in re.findall(r"^#{1,6} (.+)$", markdown, re.M)}


@pytest.mark.parametrize("guide", GUIDES)
def test_links_reach_a_file_and_a_heading(guide: str):
    links = re.findall(r"\]\(([^)\s]+)\)", text(guide))
    assert links
    for link in links:
        if link.startswith(("https://", "http://", "mailto:")):
            continue
        target, _, anchor = link.partition("#")
        path = (DOCS / target).resolve() if target else DOCS / guide
        assert path.is_file(), f"{guide}: {link}"
        if anchor:
            assert anchor in anchors(path), f"{guide}: {link}: no such heading"


def test_the_readme_links_every_guide():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for guide in GUIDES:
        assert f"](docs/{guide})" in readme


def test_slugs_follow_github():
    assert slug("Deploying elsewhere: `invoke deploy`") == "deploying-elsewhere-invoke-deploy"
    assert slug("Find a Tender first") == "find-a-tender-first"


def invocations(markdown: str) -> list[list[str]]:
    found = []
    for span in code_spans(markdown):
        if span.startswith("invoke ") and "…" not in span and "<" not in span:
            found.append(shlex.split(span))
    return found


def command_problems(commands: list[list[str]]) -> list[str]:
    """Each command whose task or long option does not exist in tasks.py."""
    collection = Collection.from_module(tasks)
    problems = []
    for words in commands:
        if words[1] not in collection.task_names:
            problems.append(f"no task {words[1]!r}: {shlex.join(words)}")
            continue
        names = {
            name for argument in collection[words[1]].get_arguments() for name in argument.names
        }
        for word in words[2:]:
            option = word[2:].split("=")[0]
            # Invoke offers --no-X for a flag X that defaults to on.
            if word.startswith("--") and not {option, option.removeprefix("no-")} & names:
                problems.append(f"no option {word}: {shlex.join(words)}")
    return problems


@pytest.mark.parametrize("guide", GUIDES)
def test_every_invoke_command_is_a_real_task_with_real_options(guide: str):
    commands = invocations(text(guide))
    assert commands or guide == "suppliers.md"
    assert command_problems(commands) == []


def test_a_wrong_task_or_option_is_caught():
    commands = invocations(
        "`invoke nwe --type UK4` and `invoke new --colour red` and `invoke deploy --no-build`"
    )
    assert command_problems(commands) == [
        "no task 'nwe': invoke nwe --type UK4",
        "no option --colour: invoke new --colour red",
    ]


@pytest.mark.parametrize("guide", GUIDES)
def test_repository_paths_exist(guide: str):
    paths = [span for span in code_spans(text(guide)) if REPO_PATH.match(span)]
    assert paths or guide == "suppliers.md"
    for path in paths:
        if "<" in path or "…" in path or CREATED in path:
            continue
        assert (ROOT / path).exists(), f"{guide}: {path}"


@pytest.mark.parametrize("guide", GUIDES)
def test_site_paths_are_in_a_real_build(guide: str, built_sample: Path):
    paths = [span for span in code_spans(text(guide)) if SITE_PATH.match(span)]
    assert paths or guide == "administrators.md"
    for path in paths:
        if "<" in path or "…" in path or CREATED in path:
            continue
        relative = path.removeprefix("output/").removeprefix(SITE)
        assert (built_sample / relative).exists(), f"{guide}: {path}"


def test_the_suppliers_python_example_runs_on_notices_json(built_sample: Path):
    [example] = re.findall(r"^```python\n(.*?)^```$", text("suppliers.md"), re.M | re.S)
    result = subprocess.run(
        [sys.executable, "-c", example],
        cwd=built_sample,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines and all(" https://" in line for line in lines)
    assert lines == sorted(lines)  # soonest deadline first
