"""The GitHub Actions workflow, the pre-commit hooks and `invoke deploy`, as a council runs them."""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
import yaml
from invoke import Collection

import tasks
from tests.sites import project_copy

ROOT = Path(__file__).parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "noticeboard.yml"
PRE_COMMIT = ROOT / ".pre-commit-config.yaml"
BIN = Path(sys.executable).parent
SECRETS = {
    "BSKY_HANDLE",
    "BSKY_APP_PASSWORD",
    "BSKY_SERVICE",
    "MASTODON_BASE_URL",
    "MASTODON_ACCESS_TOKEN",
    "SMTP_HOST",
    "SMTP_PORT",
    "SMTP_USER",
    "SMTP_PASSWORD",
}


@pytest.fixture(scope="module")
def workflow() -> dict:
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


def _triggers(workflow: dict) -> dict:
    # YAML 1.1 reads the bare key `on` as True.
    return workflow.get("on", workflow.get(True))


def _runs(job: dict) -> list[str]:
    return [step["run"] for step in job["steps"] if "run" in step]


def _invocations(job: dict) -> list[list[str]]:
    """Each `invoke ...` command line in a job's steps, split into words."""
    lines = [line.strip() for run in _runs(job) for line in run.splitlines()]
    return [shlex.split(line)[1:] for line in lines if line.startswith("invoke ")]


def actionlint(path: Path) -> subprocess.CompletedProcess[str]:
    command = [str(BIN / "actionlint"), "-no-color", str(path)]
    return subprocess.run(command, capture_output=True, text=True, timeout=120)


def test_actionlint_passes_the_workflow():
    result = actionlint(WORKFLOW)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_broken_workflow(tmp_path: Path):
    broken = WORKFLOW.read_text(encoding="utf-8").replace("runs-on:", "runs_on:", 1)
    (tmp_path / "broken.yml").write_text(broken, encoding="utf-8")
    result = actionlint(tmp_path / "broken.yml")
    assert result.returncode == 1
    assert "runs_on" in result.stdout


def test_triggers_are_pull_requests_main_and_a_daily_schedule(workflow: dict):
    on = _triggers(workflow)
    assert "pull_request" in on
    assert on["push"]["branches"] == ["main"]
    [schedule] = on["schedule"]
    assert re.fullmatch(r"\d+ \d+ \* \* \*", schedule["cron"])


def test_runs_never_overlap_and_publishing_is_never_cancelled(workflow: dict):
    assert "${{ github.ref }}" in workflow["concurrency"]["group"]
    publish = workflow["jobs"]["publish"]
    assert publish["concurrency"] == {"group": "noticeboard-publish", "cancel-in-progress": False}


def test_permissions_are_minimal(workflow: dict):
    assert workflow["permissions"] == {}
    jobs = workflow["jobs"]
    assert jobs["check"]["permissions"] == {"contents": "read"}
    assert jobs["publish"]["permissions"] == {
        "contents": "write",
        "pages": "write",
        "id-token": "write",
    }
    assert jobs["publish"]["environment"]["name"] == "github-pages"


def test_pull_requests_check_build_and_audit_in_order(workflow: dict):
    check = workflow["jobs"]["check"]
    assert check["if"] == "github.event_name == 'pull_request'"
    assert _invocations(check) == [
        ["check", "--format", "github"],
        ["build"],
        ["tools"],
        ["audit"],
        ["publish"],
    ]


def test_main_builds_deploys_then_announces_live(workflow: dict):
    publish = workflow["jobs"]["publish"]
    assert "refs/heads/main" in publish["if"] and "pull_request" in publish["if"]
    uses = [step.get("uses", "").split("@")[0] for step in publish["steps"]]
    names = [step.get("name", "") for step in publish["steps"]]
    assert _invocations(publish) == [
        ["check", "--format", "github", "--against", "deployed"],
        ["build", "--production"],
        ["publish", "--live"],
    ]
    order = [
        names.index("Build with publishconf.py"),
        uses.index("actions/upload-pages-artifact"),
        uses.index("actions/deploy-pages"),
        names.index("Announce new notices"),
        names.index("Keep the ledger"),
    ]
    assert order == sorted(order)


def test_live_publishing_happens_only_on_main(workflow: dict):
    for name, job in workflow["jobs"].items():
        live = any("--live" in words for words in _invocations(job))
        assert live == (name == "publish"), name


def test_secrets_reach_only_the_announce_step_and_only_through_env(workflow: dict):
    text = WORKFLOW.read_text(encoding="utf-8")
    assert set(re.findall(r"secrets\.(\w+)", text)) == {*SECRETS, "IMPORT_TOKEN"}
    for job in workflow["jobs"].values():
        for step in job["steps"]:
            assert "secrets." not in step.get("run", "")
            env = step.get("env", {})
            with_secrets = {k for k, v in env.items() if "secrets." in str(v)}
            if step.get("name") == "Announce new notices":
                assert env == {k: f"${{{{ secrets.{k} }}}}" for k in SECRETS}
            elif step.get("name") == "Open a pull request":
                assert with_secrets == {"GH_TOKEN"}
                assert env["GH_TOKEN"] == "${{ secrets.IMPORT_TOKEN || github.token }}"
            else:
                assert not with_secrets, step


def test_the_daily_import_opens_a_pull_request_only_when_a_buyer_is_set(workflow: dict):
    job = workflow["jobs"]["import"]
    assert job["if"] == ("github.event_name == 'schedule' && vars.FIND_A_TENDER_BUYER != ''")
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    [imported] = _invocations(job)
    assert imported[:4] == ["import", "--buyer", "$BUYER", "--since"]
    [step] = [s for s in job["steps"] if s.get("name") == "Open a pull request"]
    assert "git add -- content/notices" in step["run"]
    assert "exit 0" in step["run"] and "gh pr create" in step["run"]
    assert not any("--live" in words for words in _invocations(job))


def test_the_ledger_is_committed_back_even_after_a_failed_announcement(workflow: dict):
    [step] = [s for s in workflow["jobs"]["publish"]["steps"] if s.get("name") == "Keep the ledger"]
    assert step["if"].startswith("always()")
    assert "publish-state/ledger.json" in step["run"]
    assert '"Publish ledger [skip ci]"' in step["run"]
    assert "git push" in step["run"]


def test_every_invoke_step_names_a_task(workflow: dict):
    known = set(Collection.from_module(tasks).task_names)
    used = {words[0] for job in workflow["jobs"].values() for words in _invocations(job)}
    assert used and used <= known, used - known


def test_every_action_is_pinned_to_a_commit_with_its_release():
    uses = re.findall(r"uses: (\S+)(.*)", WORKFLOW.read_text(encoding="utf-8"))
    assert uses
    for action, comment in uses:
        assert re.fullmatch(r"[\w-]+/[\w-]+@[0-9a-f]{40}", action), action
        assert re.fullmatch(r" # v\d+\.\d+\.\d+", comment), action


def _hook(hook_id: str) -> dict:
    config = yaml.safe_load(PRE_COMMIT.read_text(encoding="utf-8"))
    return next(h for repo in config["repos"] for h in repo["hooks"] if h["id"] == hook_id)


def run_hook(hook_id: str, *files: str) -> subprocess.CompletedProcess[str]:
    """The hook's exact entry, run as pre-commit runs it: entry words, then the file names."""
    env = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}"}
    command = [*shlex.split(_hook(hook_id)["entry"]), *files]
    # In a copy of the project, so the check keeps its cache there, not in the repository's.
    with tempfile.TemporaryDirectory() as folder:
        project = project_copy(Path(folder) / "project")
        return subprocess.run(
            command, capture_output=True, text=True, cwd=project, env=env, timeout=300
        )


def test_pre_commit_config_is_valid():
    command = [str(BIN / "pre-commit"), "validate-config", str(PRE_COMMIT)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout + result.stderr


def test_notice_hook_matches_notices_only():
    hook = _hook("check-notices")
    pattern = re.compile(hook["files"])
    assert pattern.search("content/notices/2026/grounds.md")
    assert not pattern.search("content/pages/about.md")
    assert hook["pass_filenames"] is True


def test_notice_hook_passes_good_notices():
    good = sorted(str(p.relative_to(ROOT)) for p in (ROOT / "content" / "notices").rglob("*.md"))[
        :3
    ]
    result = run_hook("check-notices", *good)
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stderr.startswith("3 notices checked, 0 with problems")


def test_notice_hook_takes_file_names_with_spaces(tmp_path: Path):
    notice = sorted((ROOT / "content" / "notices").rglob("*.md"))[0]
    spaced = tmp_path / "cynnal tiroedd ŵyr.md"
    spaced.write_bytes(notice.read_bytes())
    result = run_hook("check-notices", str(spaced), str(notice))
    assert result.returncode == 1, result.stdout + result.stderr  # the copy reuses the id
    assert "2 notices checked" in result.stderr
    assert "cynnal tiroedd ŵyr.md" in result.stdout


def test_notice_hook_fails_a_bad_notice_and_says_where():
    good = sorted((ROOT / "content" / "notices").rglob("*.md"))[0].relative_to(ROOT)
    bad = "tests/bad_notices/cpv-unknown.md"
    result = run_hook("check-notices", str(good), bad)
    assert result.returncode == 1
    assert result.stdout.startswith(f"{bad}:")
    assert "2 notices checked, 1 with problems" in result.stderr


def test_ruff_hook_runs_ruff(tmp_path: Path):
    sloppy = tmp_path / "sloppy.py"
    sloppy.write_text("import os\n", encoding="utf-8")
    assert run_hook("ruff", str(sloppy)).returncode == 1
    assert run_hook("ruff", str(ROOT / "tasks.py")).returncode == 0


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of tasks.py with a built output/ and a stand-in rsync that records its arguments."""
    shutil.copy(ROOT / "tasks.py", tmp_path / "tasks.py")
    (tmp_path / "output").mkdir()
    (tmp_path / "output" / "index.html").write_text("<!doctype html>", encoding="utf-8")
    (tmp_path / "bin").mkdir()
    rsync = tmp_path / "bin" / "rsync"
    rsync.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" > {tmp_path}/rsync-args\n', encoding="utf-8")
    rsync.chmod(0o755)
    return tmp_path


def deploy(project: Path, *args: str, target: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": f"{project / 'bin'}{os.pathsep}{os.environ['PATH']}"}
    env.pop("DEPLOY_TARGET", None)
    if target:
        env["DEPLOY_TARGET"] = target
    command = [sys.executable, "-m", "invoke", "deploy", "--no-build", *args]
    return subprocess.run(command, capture_output=True, text=True, cwd=project, env=env, timeout=60)


def test_deploy_is_a_dry_run_unless_live(project: Path):
    result = deploy(project, target="council@www.example:/srv/www/")
    assert result.returncode == 0, result.stderr
    args = (project / "rsync-args").read_text(encoding="utf-8").splitlines()
    assert args[-3:] == [f"{project}/output/", "council@www.example:/srv/www/", "--dry-run"]
    assert {"--delete", "-c"} <= set(args)
    assert "Dry run" in result.stderr


def test_deploy_live_copies_to_the_given_target(project: Path):
    result = deploy(project, "--live", "--target", "/srv/www/", target="ignored:/")
    assert result.returncode == 0, result.stderr
    args = (project / "rsync-args").read_text(encoding="utf-8").splitlines()
    assert args[-2:] == [f"{project}/output/", "/srv/www/"]
    assert "--dry-run" not in args


def test_deploy_needs_a_target(project: Path):
    result = deploy(project)
    assert result.returncode == 2
    assert "DEPLOY_TARGET" in result.stderr
    assert not (project / "rsync-args").exists()
