"""A build split over two processes makes the same site as one process.

``hooks/build_cache.py`` has a forked copy of the build convert the last
pages while the build converts the others; ``hooks/page_worker.py`` has a
copy write the last articles' pages. Both are used from 200 pages on;
``BUILD_WORKERS=always`` uses them on these small projects. Each site is
compared byte for byte, and its warnings one by one, with the same sources
built by one process (``BUILD_WORKERS=off``).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest

from sitebuild import article_generator, copy_site, load_hook, site_tree

POSTS = Path("docs/blog/posts")
EPOCH = "1764000000"
CONVERTED = "Pages converted by a second process"
WRITTEN = "Pages written by a second process"

# Named to come last, in the copies' share: what their conversion and their
# writing log must reach the build's log once.
LAST = {
    "zz-lien-casse.md": (
        "---\ntitre: Un lien cassé\ndate: 12/03/2024\nauteur: Amelie\ntags: relance\n---\n\n"
        'Voir [l\'ancien guide](guide-disparu.md) et <b onclick="x()">ceci</b>.\n\n'
        "## Une partie & une autre\n\nDu texte.\n"
    ),
    "zz-titre-balise.md": (
        "---\ntitle: Vendre <em>mieux</em> & plus\ndate: 2024-03-13\nauthors: [amelie]\n---\n\n"
        "Un article dont le titre a des signes.\n\n## Vendre <em>mieux</em> & plus\n\nLe même titre en intertitre.\n"
    ),
}


@dataclass
class Built:
    """A `mkdocs build --strict --verbose` run in a process of its own: the
    pytest worker may have threads (the browser tests' server), and a
    process with other threads is never forked."""

    site: Path
    output: str
    command: str

    def lines(self, level: str) -> list[str]:
        return [line for line in self.output.splitlines() if line.startswith(level)]

    def reproduce(self) -> str:
        return f"to reproduce: {self.command}\n{self.output[-3000:]}"


def build(project: Path, *, workers: str, cache: str = "off", site: str = "site") -> Built:
    settings = {"SOURCE_DATE_EPOCH": EPOCH, "BUILD_WORKERS": workers, "BUILD_CACHE": cache}
    env = {**os.environ, **settings, "NO_MKDOCS_2_WARNING": "1", "NO_COLOR": "1"}
    arguments = ["-m", "mkdocs", "build", "--strict", "--verbose", "--site-dir", str(project / site)]
    done = subprocess.run([sys.executable, *arguments], cwd=project, env=env, capture_output=True, text=True, timeout=600)
    command = f"cd {project} && " + " ".join(f"{name}={value}" for name, value in settings.items()) + " mkdocs " + " ".join(arguments[2:])
    built = Built(project / site, done.stdout + done.stderr, command)
    assert done.returncode == 0, built.reproduce()
    return built


def warnings_of(built: Built) -> Counter[str]:
    return Counter(built.lines("WARNING"))


def debug_lines(built: Built) -> list[str]:
    return built.lines("DEBUG")


def assert_same(split: Built, single: Built) -> None:
    left, right = site_tree(split.site), site_tree(single.site)
    differing = sorted(name for name in left.keys() | right.keys() if left.get(name) != right.get(name))
    assert not differing, f"a split build differs from one process in {differing[:10]}; {split.reproduce()}"
    assert warnings_of(split) == warnings_of(single), split.reproduce()


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_site(tmp_path_factory.mktemp("workers") / "project")
    for name, content in article_generator().generate(30, seed=5):
        (project / POSTS / name).write_bytes(content)
    for name, text in LAST.items():
        (project / POSTS / name).write_text(text, encoding="utf-8")
    return project


@pytest.fixture(scope="module")
def single(project: Path) -> Built:
    return build(project, workers="off", site="site-single")


def test_a_site_written_by_two_processes_is_the_site_of_one(project: Path, single: Built) -> None:
    split = build(project, workers="always", site="site-split")
    lines = debug_lines(split)
    converted = [line for line in lines if CONVERTED in line]
    assert converted, "the conversions were not split"
    # Every page the copy converted was taken, but the blog's further listing
    # pages, whose Markdown Material makes as it reads the pages before them
    # (they are converted again: a cache miss, never a stale page).
    found = re.search(r"process: (\d+), taken by this one: (\d+) of (\d+)(?: \(converted again: (.*)\))?\.$", converted[0])
    assert found, converted
    done, taken, share = map(int, found.groups()[:3])
    again = found.group(4).split(", ") if found.group(4) else []
    assert done == share > 0 and taken > share / 2, converted
    assert all(name.startswith("blog/page/") for name in again), converted
    assert any(WRITTEN in line for line in lines), "the pages were not split"
    assert not any(CONVERTED in line or WRITTEN in line for line in debug_lines(single))
    assert_same(split, single)
    # The copies' warnings, once each: a broken link and removed markup in the last article.
    assert any("guide-disparu.md" in line for line in split.lines("WARNING")), split.reproduce()
    assert any("onclick" in line for line in split.lines("WARNING")), split.reproduce()


def test_with_the_build_cache_empty_then_filled(project: Path, single: Built) -> None:
    first = build(project, workers="always", cache="on", site="site-cache-1")
    assert_same(first, single)
    second = build(project, workers="always", cache="on", site="site-cache-2")
    assert any("repris du cache" in line for line in second.lines("INFO")), second.reproduce()
    assert_same(second, single)


def test_a_plugin_that_may_depend_on_earlier_pages_keeps_every_page_in_one_process(project: Path, tmp_path: Path) -> None:
    other = tmp_path / "project"
    other.mkdir()
    for part in ("mkdocs.yml", "docs", "overrides", "hooks"):
        source = project / part
        target = other / part
        if source.is_dir():
            shutil.copytree(source, target)
        else:
            target.write_bytes(source.read_bytes())
    (other / "hooks" / "count_pages.py").write_text(
        "seen = []\n\ndef on_page_context(context, *, page, config, nav):\n    seen.append(page.url)\n    return context\n",
        encoding="utf-8",
    )
    config = other / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace("hooks:\n", "hooks:\n  - hooks/count_pages.py\n", 1), encoding="utf-8")
    result = build(other, workers="always")
    lines = debug_lines(result)
    assert not any(WRITTEN in line for line in lines)
    assert any("count_pages.py may depend on the pages written before" in line for line in lines), lines
    assert any(CONVERTED in line for line in lines), "conversions do not depend on page events"


def test_the_deploy_workflows_build_publishes_the_same_site_split_or_not(
    project: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """The exact build step of deploy.yml, read from the workflow, run by bash."""
    from test_verdict import deploy_step, run_step

    step = deploy_step()
    runs = {}
    monkeypatch.setenv("SOURCE_DATE_EPOCH", EPOCH)
    for workers in ("off", "always"):
        copy = tmp_path / workers
        shutil.copytree(project, copy, ignore=shutil.ignore_patterns("site*", ".cache"))
        monkeypatch.setenv("BUILD_WORKERS", workers)
        runs[workers] = run_step(copy, step)
        assert runs[workers].returncode == 0, runs[workers].reproduce()
    single, split = (site_tree(runs[name].project / runs[name].site_dir) for name in ("off", "always"))
    differing = sorted(name for name in single.keys() | split.keys() if single.get(name) != split.get(name))
    assert not differing, f"{differing[:10]}; {runs['always'].reproduce()} (with BUILD_WORKERS=always)"

    def warnings(output: str) -> list[str]:
        return sorted(line for line in output.splitlines() if line.startswith("WARNING"))

    assert warnings(runs["always"].output) == warnings(runs["off"].output), runs["always"].reproduce()
    assert any("guide-disparu.md" in line for line in warnings(runs["always"].output)), runs["always"].reproduce()


@pytest.mark.slow
def test_a_site_of_two_hundred_and_fifty_articles_is_split_as_shipped_and_unchanged(tmp_path: Path) -> None:
    """No BUILD_WORKERS: the thresholds as shipped (200 pages, the memory held) decide."""
    project = copy_site(tmp_path / "project")
    for name, content in article_generator().generate(250, seed=9):
        (project / POSTS / name).write_bytes(content)
    for name, text in LAST.items():
        (project / POSTS / name).write_text(text, encoding="utf-8")
    split = build(project, workers="", site="site-split")
    single = build(project, workers="off", site="site-single")
    lines = debug_lines(split)
    assert any(CONVERTED in line for line in lines) and any(WRITTEN in line for line in lines), split.reproduce()
    assert_same(split, single)


# The pieces --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def page_worker():  # type: ignore[no-untyped-def]
    return load_hook("page_worker", "page_worker_under_test")


class _Page:
    def __init__(self, src_uri: str) -> None:
        self.file = type("File", (), {"src_uri": src_uri})()


def _finished_worker(page_worker, result: dict | None, places: list):  # type: ignore[no-untyped-def]
    worker = object.__new__(page_worker._Worker)
    worker.entries = [{"location": "a"}, {"location": "c"}]
    worker.places = places
    worker.result = result
    return worker


def test_the_copys_entries_go_where_its_pages_were_written(page_worker) -> None:  # type: ignore[no-untyped-def]
    first, second = _Page("blog/posts/b.md"), _Page("blog/posts/d.md")
    worker = _finished_worker(
        page_worker,
        {
            "blog/posts/b.md": {"entries": [{"location": "b"}], "records": []},
            "blog/posts/d.md": {"entries": [{"location": "d"}], "records": []},
        },
        [(first, 1), (second, 2)],
    )
    worker.finish()
    assert [entry["location"] for entry in worker.entries] == ["a", "b", "c", "d"]


def test_a_page_the_copy_did_not_write_stops_the_build_with_its_name(page_worker) -> None:  # type: ignore[no-untyped-def]
    page = _Page("blog/posts/b.md")
    worker = _finished_worker(page_worker, {}, [(page, 1)])
    with pytest.raises(page_worker.PluginError, match=r"Page non écrite : blog/posts/b\.md.*BUILD_WORKERS=off"):
        worker.finish()
    worker = _finished_worker(page_worker, {"blog/posts/b.md": {"entries": [], "records": [], "error": "boom"}}, [(page, 1)])
    with pytest.raises(page_worker.PluginError, match=r"Erreur en écrivant la page blog/posts/b\.md : boom"):
        worker.finish()


def test_the_copys_share_is_the_last_articles_in_writing_order(page_worker) -> None:  # type: ignore[no-untyped-def]
    pages = [_Page(name) for name in ("index.md", "blog/index.md", "p1", "p2", "p3", "p4", "blog/archive/2024.md")]
    posts = [pages[5], pages[2], pages[4], pages[3]]
    share = page_worker.worker_share(pages, posts, 0.5)
    assert [page.file.src_uri for page in share] == ["p3", "p4"]
    assert page_worker.worker_share(pages, [], 0.7) == []
