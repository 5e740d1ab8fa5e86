"""Throwaway copies of the site filled with generated articles, and timed builds.

Shared by the benchmark scripts of this folder. A build runs in its own
Python process, which reports its wall time and peak memory (ru_maxrss).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
import time
from dataclasses import dataclass, field
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate_articles import generate  # noqa: E402

from articles import normalize_collection  # noqa: E402
from articles.site import load_site  # noqa: E402

NORMALIZE_HOOK = "hooks/normalize_articles.py"
POSTS = Path("docs/blog/posts")

_BUILD = textwrap.dedent(
    """
    import collections, functools, json, os, resource, sys, time
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    import mkdocs.commands.build
    from mkdocs.config import load_config

    # CPU time spent in each plugin's and hook's event methods, measured in
    # the build itself: unlike a comparison of two builds, load from other
    # processes does not blur it.
    spent = collections.Counter()

    def timed(method, origin):
        def run(*args, **kwargs):
            start = time.process_time()
            try:
                return method(*args, **kwargs)
            finally:
                spent[origin] += time.process_time() - start
        run = functools.wraps(method)(run)  # hooks/page_worker.py knows handlers by what they wrap
        run.mkdocs_priority = getattr(method, "mkdocs_priority", 0)
        return run

    start = time.perf_counter()
    config = load_config(sys.argv[1], site_dir=sys.argv[2])
    plugins = config.plugins
    for event, methods in plugins.events.items():
        plugins.events[event] = [timed(method, plugins._event_origins.get(method, "?")) for method in methods]
    plugins.on_startup(command="build", dirty=False)
    try:
        # Looked up when called, as the build command does (hooks/build_cache.py wraps it).
        mkdocs.commands.build.build(config)
    finally:
        plugins.on_shutdown()
    seconds = time.perf_counter() - start
    usage = resource.getrusage(resource.RUSAGE_SELF)
    # The build's forked copies (hooks/build_cache.py, hooks/page_worker.py).
    copies = resource.getrusage(resource.RUSAGE_CHILDREN)
    print(json.dumps({"seconds": seconds, "cpu": usage.ru_utime + usage.ru_stime, "peak_mb": usage.ru_maxrss / 1024,
                      "copies_cpu": copies.ru_utime + copies.ru_stime, "copies_peak_mb": copies.ru_maxrss / 1024,
                      "events": dict(spent)}))
    """
)


@dataclass
class BuildMeasure:
    seconds: float
    peak_mb: float
    cpu: float = 0.0  # user + system time of the build process: steadier on a shared machine
    events: dict[str, float] = field(default_factory=dict)  # CPU seconds in each plugin's or hook's events
    copies_cpu: float = 0.0  # user + system time of the build's forked copies
    copies_peak_mb: float = 0.0  # the largest of them
    # The whole command as a user waits for it: Python's start, the imports
    # and its exit too (``seconds`` runs from reading mkdocs.yml to on_shutdown).
    process_seconds: float = 0.0


def copy_site(destination: Path) -> Path:
    if destination.exists():
        shutil.rmtree(destination)
    destination.mkdir(parents=True)
    for part in ("mkdocs.yml", "docs", "overrides", "hooks"):
        source = ROOT / part
        (shutil.copytree if source.is_dir() else shutil.copy2)(source, destination / part)
    return destination


def messy_site(destination: Path, count: int, seed: int = 0) -> Path:
    """The site with ``count`` generated messy articles, normalised by the hooks."""
    project = copy_site(destination)
    for name, content in generate(count, seed=seed):
        (project / POSTS / name).write_bytes(content)
    return project


def normalised_site(destination: Path, count: int, seed: int = 0) -> Path:
    """The same articles already in canonical form, and no normalisation hook.

    Authors unknown to .authors.yml are added to it, as Material requires.
    """
    project = copy_site(destination)
    site = load_site(project)
    context = site.context()
    articles = normalize_collection([(f"blog/posts/{name}", content) for name, content in generate(count, seed=seed)], context)
    authors_file = project / "docs/blog/.authors.yml"
    authors = yaml.safe_load(authors_file.read_text(encoding="utf-8"))
    for article in articles:
        (project / "docs" / article.path).write_text(article.to_markdown(), encoding="utf-8")
        for author_id, name in article.unknown_authors.items():
            authors["authors"].setdefault(author_id, {"name": name, "description": "", "avatar": "assets/images/avatar.svg"})
    authors_file.write_text(yaml.safe_dump(authors, allow_unicode=True), encoding="utf-8")
    config_file = project / "mkdocs.yml"
    config_file.write_text(config_file.read_text(encoding="utf-8").replace(f"  - {NORMALIZE_HOOK}\n", ""), encoding="utf-8")
    return project


def plain_material_site(destination: Path, count: int, seed: int = 0) -> Path:
    """The same articles, already canonical, on a plain Material site: no
    hook of this project and no theme override."""
    project = normalised_site(destination, count, seed)
    config_file = project / "mkdocs.yml"
    lines = config_file.read_text(encoding="utf-8").split("\n")
    kept, skipping = [], False
    for line in lines:
        if line.startswith("hooks:"):
            skipping = True
            continue
        if skipping and line.startswith("  - "):
            continue
        skipping = False
        if line.strip() == "custom_dir: overrides":
            continue
        kept.append(line)
    config_file.write_text("\n".join(kept), encoding="utf-8")
    return project


SETTLE_SECONDS = 5


def timed_build(project: Path, site_dir: Path | None = None, *, cache: bool = False, workers: bool = True) -> BuildMeasure:
    """One build of ``project`` in a process of its own.

    ``cache``: with the build cache (hooks/build_cache.py) under the project's
    .cache/build/, and a fixed SOURCE_DATE_EPOCH as in a git checkout, so that
    a build can be kept; off by default, so that repeated builds stay cold.
    ``workers``: False builds in one process (``BUILD_WORKERS=off``).
    """
    site_dir = site_dir or project / "site"
    env = {**os.environ, "BUILD_CACHE": "on" if cache else "off", "BUILD_WORKERS": "auto" if workers else "off"}
    if cache:
        env.setdefault("SOURCE_DATE_EPOCH", "1764000000")
    # Every build starts on a settled disk: the files the last one wrote (or
    # the articles just generated) flushed, so that no build pays for another's.
    os.sync()
    time.sleep(SETTLE_SECONDS)
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", _BUILD, str(project / "mkdocs.yml"), str(site_dir)],
        capture_output=True,
        text=True,
        check=False,
        env=env,
    )
    process_seconds = time.perf_counter() - started
    if result.returncode != 0:
        raise RuntimeError(f"build of {project} failed:\n{result.stderr[-3000:]}")
    data = json.loads(result.stdout.strip().splitlines()[-1])
    return BuildMeasure(
        seconds=data["seconds"],
        peak_mb=data["peak_mb"],
        cpu=data["cpu"],
        events=data["events"],
        copies_cpu=data.get("copies_cpu", 0.0),
        copies_peak_mb=data.get("copies_peak_mb", 0.0),
        process_seconds=process_seconds,
    )


def pyplot():  # type: ignore[no-untyped-def]
    """matplotlib.pyplot drawing to files, or None (said) when matplotlib is missing."""
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib is not installed (pip install -r bench/requirements.txt): no plot")
        return None
    return plt


def serve_site(site_dir: Path) -> str:
    """A built site on 127.0.0.1, gzipped as GitHub Pages serves it (the
    browser tests' server), until the process ends; its root URL."""
    import functools
    import http.server
    import threading

    sys.path.insert(0, str(ROOT / "tests" / "browser"))
    from conftest import LOCAL_HOST, GzipStaticHandler

    handler = functools.partial(GzipStaticHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer((LOCAL_HOST, 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://{LOCAL_HOST}:{server.server_port}/"
