"""The ways to install the site, each tried from a fresh virtual environment.

- the conventional one: `pip install -r requirements.txt`, then `mkdocs build`
  and `mkdocs serve` (the project's package comes from `-e .` in the file);
- make's: `make build` installs from the hash-checked lock files, as
  `make test`, `.ci/run` and the workflows do, and `make lock` gives the
  same lock files again;
- `pip install .` alone: the writers' tool runs with the dependencies
  pyproject.toml declares;
- ProperDocs, the maintained drop-in fork of MkDocs 1.x, in place of MkDocs:
  the site builds with the blog patch of hooks/blog_performance.py on.

The installs download from PyPI (pip's cache helps): marked slow, left out
by `make test-fast`, run by `make test` and in CI.
"""

from __future__ import annotations

import json
import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from sitebuild import ROOT, copy_site

# The ProperDocs release the site is tested with (``TESTED`` in
# hooks/blog_performance.py), with the sha256 of its wheel on PyPI.
PROPERDOCS = "properdocs==1.6.7 --hash=sha256:6fa0cfa2e01bf338f684892c8a506cf70ea88ae7f3479c933b6fa20168101cbd"
INSTALL_TIMEOUT = 1200  # downloads
BUILD_TIMEOUT = 600
PATCH_DISABLED = "Blog performance patch disabled"


def _project(destination: Path) -> Path:
    """A copy of the site with what installing it needs: the package, its metadata, the requirements."""
    project = copy_site(destination / "project")
    shutil.copytree(ROOT / "articles", project / "articles", ignore=shutil.ignore_patterns("__pycache__"))
    for path in ROOT.glob("requirements*"):
        shutil.copy2(path, project / path.name)
    for name in ("pyproject.toml", "Makefile"):
        shutil.copy2(ROOT / name, project / name)
    return project


def _environ(**extra: str) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("VIRTUAL_ENV", "PYTHONPATH", "PYTHONHOME")}
    # The venv's own tools first, so that nothing of the test environment is used by mistake.
    env.update(PIP_DISABLE_PIP_VERSION_CHECK="1", NO_MKDOCS_2_WARNING="1", DISABLE_MKDOCS_2_WARNING="true", **extra)
    return env


def _run(command: list[str], cwd: Path, timeout: int, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, cwd=cwd, env=env or _environ(), capture_output=True, text=True, timeout=timeout, check=False)
    shown = " ".join(command)
    assert result.returncode == 0, (
        f"{shown} failed ({result.returncode}):\n{result.stdout[-3000:]}\n{result.stderr[-5000:]}\nto reproduce: cd {cwd} && {shown}"
    )
    return result


def _venv(path: Path) -> Path:
    """A fresh virtual environment; its bin/ folder."""
    _run([sys.executable, "-m", "venv", str(path)], cwd=path.parent, timeout=300)
    return path / "bin"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _built(project: Path, output: str) -> None:
    index = project / "site" / "index.html"
    assert index.is_file(), f"no site/index.html in {project}"
    assert PATCH_DISABLED not in output, output
    leftovers = [
        str(path.relative_to(project)) for path in (project / "site").rglob("*.html") if "blogperf" in path.read_text(encoding="utf-8")
    ]
    assert not leftovers, f"placeholder links of the blog patch left in {leftovers[:5]}"


def test_make_installs_from_the_hash_checked_locks_only() -> None:
    """What make runs: the locks with --require-hashes, then the project without its dependencies."""
    site = subprocess.run(
        ["make", "-n", "-B", "VENV=/nonexistent", "/nonexistent/.site-installed"], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert "--require-hashes --no-deps -r requirements.lock" in site.stdout, site.stdout
    assert "--no-deps --no-build-isolation -e ." in site.stdout, site.stdout
    lock = subprocess.run(
        ["make", "-n", "-o", "/nonexistent/.site-installed", "VENV=/nonexistent", "lock"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    )
    installs = [line for line in lock.stdout.splitlines() if " install " in line]
    assert installs and all("--require-hashes" in line for line in installs), lock.stdout
    assert "--no-emit-package base-de-connaissances" in lock.stdout, lock.stdout


@pytest.mark.slow
def test_requirements_txt_alone_builds_and_serves_the_site(tmp_path: Path) -> None:
    project = _project(tmp_path)
    bin_dir = _venv(tmp_path / "venv")
    _run([str(bin_dir / "python"), "-m", "pip", "install", "-r", "requirements.txt"], cwd=project, timeout=INSTALL_TIMEOUT)
    result = _run([str(bin_dir / "mkdocs"), "build", "--strict"], cwd=project, timeout=BUILD_TIMEOUT)
    _built(project, result.stdout + result.stderr)

    port = _free_port()
    env = _environ(SITE_URL=f"http://127.0.0.1:{port}/")
    command = [str(bin_dir / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}", "--no-livereload"]
    server = subprocess.Popen(command, cwd=project, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
    try:
        page, deadline = None, time.monotonic() + BUILD_TIMEOUT
        while page is None and time.monotonic() < deadline and server.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=10) as response:
                    page = response.read().decode("utf-8")
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
    finally:
        server.terminate()
        output = server.communicate(timeout=60)[0]
    assert page is not None, f"mkdocs serve did not answer:\n{output[-5000:]}\nto reproduce: cd {project} && {' '.join(command)}"
    assert "Base de connaissances" in page and PATCH_DISABLED not in output


@pytest.mark.slow
def test_make_build_and_make_lock_from_a_fresh_venv(tmp_path: Path) -> None:
    project = _project(tmp_path)
    venv = tmp_path / "venv"
    result = _run(["make", f"VENV={venv}", "build"], cwd=project, timeout=INSTALL_TIMEOUT)
    _built(project, result.stdout + result.stderr)
    # The project itself is installed, in editable mode, from the copy.
    _run(
        [
            str(venv / "bin/python"),
            "-c",
            "import articles, sys; assert articles.__file__.startswith(sys.argv[1]), articles.__file__",
            str(project),
        ],
        cwd=tmp_path,
        timeout=60,
    )

    _run(["make", f"VENV={venv}", "lock"], cwd=project, timeout=INSTALL_TIMEOUT)
    for lock in sorted(ROOT.glob("requirements*.lock")):
        assert (project / lock.name).read_text(encoding="utf-8") == lock.read_text(encoding="utf-8"), (
            f"`make lock` changed {lock.name}: run `make lock` and commit the lock files (diff {project / lock.name} {lock})"
        )


@pytest.mark.slow
def test_pip_install_dot_alone_runs_the_writers_tool(tmp_path: Path) -> None:
    project = _project(tmp_path)
    bin_dir = _venv(tmp_path / "venv")
    _run([str(bin_dir / "python"), "-m", "pip", "install", str(project)], cwd=tmp_path, timeout=INSTALL_TIMEOUT)
    # Every module of the installed package imports, away from the sources.
    every_module = (
        "import importlib, pkgutil, articles\n"
        "for module in pkgutil.iter_modules(articles.__path__):\n"
        "    if module.name != '__main__':\n"
        "        importlib.import_module('articles.' + module.name)\n"
        "assert 'site-packages' in articles.__file__, articles.__file__\n"
    )
    _run([str(bin_dir / "python"), "-c", every_module], cwd=tmp_path, timeout=120)
    _run([str(bin_dir / "articles"), "check"], cwd=project, timeout=300)


@pytest.mark.slow
def test_properdocs_builds_the_site_with_the_blog_patch_on(tmp_path: Path) -> None:
    project = _project(tmp_path)
    bin_dir = _venv(tmp_path / "venv")
    # The site's locked packages, ProperDocs in place of MkDocs, all hash-checked.
    blocks = (ROOT / "requirements.lock").read_text(encoding="utf-8").split("\n")
    kept, skipping = [], False
    for line in blocks:
        if line and not line[0].isspace():
            skipping = line.startswith("mkdocs==")
        if not skipping:
            kept.append(line)
    requirements = tmp_path / "requirements-properdocs.lock"
    requirements.write_text("\n".join([*kept, PROPERDOCS, ""]), encoding="utf-8")
    pip = [str(bin_dir / "python"), "-m", "pip", "install", "--no-deps"]
    _run([*pip, "--require-hashes", "-r", str(requirements)], cwd=project, timeout=INSTALL_TIMEOUT)
    _run([*pip, "--no-build-isolation", "-e", "."], cwd=project, timeout=INSTALL_TIMEOUT)
    absent = subprocess.run([str(bin_dir / "python"), "-c", "import mkdocs"], capture_output=True, text=True, check=False)
    assert absent.returncode != 0, "MkDocs is installed next to ProperDocs: this test would not show which one builds"

    result = _run([str(bin_dir / "properdocs"), "build", "--strict"], cwd=project, timeout=BUILD_TIMEOUT)
    _built(project, result.stdout + result.stderr)

    # The same build, looking inside: ProperDocs runs, and the hook's guard let the patch on.
    inside = (
        "import json, sys\n"
        "import properdocs.replacement  # what `properdocs build` does first: `import mkdocs` gives properdocs\n"
        "from mkdocs.commands.build import build\n"
        "from mkdocs.config import load_config\n"
        "config = load_config('mkdocs.yml', site_dir='site-inside', strict=True)\n"
        "config.plugins.on_startup(command='build', dirty=False)\n"
        "build(config)\n"
        "config.plugins.on_shutdown()\n"
        "hook = next(p for p in config.plugins.values() if getattr(p, '__file__', '').endswith('blog_performance.py'))\n"
        "print(json.dumps({'engine': hook.running_engine(), 'active': hook._active}))\n"
    )
    result = _run([str(bin_dir / "python"), "-c", inside], cwd=project, timeout=BUILD_TIMEOUT)
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {"engine": "properdocs", "active": True}, result.stdout + result.stderr
