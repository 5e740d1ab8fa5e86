""".github/CODEOWNERS: the code, the workflows and the configuration have
owners, the writers' articles do not.

The file is read with GitHub's rules for the syntax it uses (the same as
.gitignore: a leading "/" anchors a pattern at the root, a trailing "/"
covers a folder and everything in it, "*" stays within one path segment,
"**" crosses segments; the last matching line wins). GitHub ignores a line
it cannot parse, silently: every line here must parse.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CODEOWNERS = ROOT / ".github" / "CODEOWNERS"
README = ROOT / "README.md"
TEAM = "@entreprise/mainteneurs-site"

# Paths whose changes a maintainer must approve (one existing or typical
# file each; folders are checked on every file git knows in them too).
OWNED = [
    "hooks/normalize_articles.py",
    "hooks/a-new-hook.py",
    "articles/normalize.py",
    "articles/messages.py",
    "overrides/main.html",
    "overrides/partials/javascripts/after-first-paint.html",
    "mkdocs.yml",
    ".github/workflows/deploy.yml",
    ".github/workflows/pull-request.yml",
    ".github/CODEOWNERS",
    "requirements.txt",
    "requirements.lock",
    "requirements-dev.txt",
    "requirements-dev.lock",
    "Makefile",
    ".ci/run",
    "tests/test_workflows.py",
    "tests/browser/conftest.py",
    "docs/assets/javascripts/search-on-demand.js",
    "docs/assets/javascripts/search-worker.js",
    "docs/assets/stylesheets/site.css",
    "pyproject.toml",
]
OWNED_FOLDERS = ["hooks", "articles", "overrides", ".github", ".ci", "tests", "docs/assets"]

# The writers' own files: no code owner, so that any reviewer may approve.
NOT_OWNED = [
    "docs/blog/posts/2024-05-02-un-article.md",
    "docs/blog/posts/img/photo.jpg",
    "docs/blog/.authors.yml",
    "docs/taxonomy.yml",
    "docs/index.md",
    # Looks like a code path, but is an article's attachment.
    "docs/blog/posts/hooks/mkdocs.yml",
]

_OWNER = re.compile(r"^(?:@[A-Za-z0-9][A-Za-z0-9-]*(?:/[A-Za-z0-9._-]+)?|[^@\s]+@[^@\s]+\.[^@\s]+)$")


def _rules() -> list[tuple[str, list[str], int]]:
    rules = []
    for number, line in enumerate(CODEOWNERS.read_text(encoding="utf-8").splitlines(), start=1):
        stripped = line.strip()
        if not stripped or stripped.startswith("#"):
            continue
        pattern, *owners = stripped.split()
        rules.append((pattern, owners, number))
    return rules


def _regex(pattern: str) -> re.Pattern[str]:
    anchored = pattern.startswith("/") or "/" in pattern.rstrip("/")
    body = pattern.strip("/")
    parts = []
    for piece in re.split(r"(\*\*|\*|\?)", body):
        parts.append({"**": ".*", "*": "[^/]*", "?": "[^/]"}.get(piece, re.escape(piece)))
    core = "".join(parts)
    prefix = "" if anchored else "(?:.*/)?"
    # A pattern matches a file, or a folder and everything below it.
    return re.compile(f"^{prefix}{core}(?:/.*)?$")


def owners_of(path: str) -> list[str]:
    owners: list[str] = []
    for pattern, line_owners, _ in _rules():
        if _regex(pattern).match(path):
            owners = line_owners  # the last matching line wins
    return owners


def test_every_line_parses() -> None:
    problems = []
    for pattern, owners, number in _rules():
        if pattern.startswith("!") or "[" in pattern or pattern.startswith("\\#"):
            problems.append(f"line {number}: GitHub does not support {pattern!r}")
        if not owners:
            problems.append(f"line {number}: {pattern} has no owner (the path would lose its owners)")
        problems += [f"line {number}: {owner!r} is not @user, @org/team or an e-mail" for owner in owners if not _OWNER.match(owner)]
    assert _rules(), f"{CODEOWNERS} has no rule"
    assert not problems, f"{CODEOWNERS}:\n" + "\n".join(problems)


@pytest.mark.parametrize("path", OWNED)
def test_code_and_configuration_have_the_maintainers_as_owners(path: str) -> None:
    assert TEAM in owners_of(path), f"{path} has no owner in {CODEOWNERS} (owners: {owners_of(path)})"


@pytest.mark.parametrize("path", NOT_OWNED)
def test_writers_files_need_no_code_owner(path: str) -> None:
    assert owners_of(path) == [], f"{path} would need a maintainer's approval: {owners_of(path)}"


def test_every_tracked_file_of_the_code_folders_is_owned() -> None:
    listed = subprocess.run(["git", "ls-files", "-z", "--", *OWNED_FOLDERS], cwd=ROOT, capture_output=True, check=False)
    if listed.returncode != 0:
        pytest.skip(f"not a git work tree: {listed.stderr.decode(errors='replace').strip()}")
    files = [name for name in listed.stdout.decode().split("\0") if name]
    assert files, "git lists no file in the code folders"
    unowned = [name for name in files if TEAM not in owners_of(name)]
    assert not unowned, f"{len(unowned)} file(s) without owner:\n  " + "\n  ".join(unowned[:20])


def test_readme_explains_the_placeholder_team_and_the_settings() -> None:
    readme = README.read_text(encoding="utf-8")
    assert "## Repository settings the site relies on" in readme
    assert TEAM in readme and ".github/CODEOWNERS" in readme
