"""Time from saving an edited article to `mkdocs serve` serving its updated page,
and the full builds with and without the build cache, against plain Material.

Serve: for each N, the site with N generated articles is served by a real
`mkdocs serve --livereload` (as `make serve` runs it) in three variants: the
project as shipped (hooks/fast_preview.py and hooks/build_cache.py), without
the fast preview (full rebuild, page conversions from the build cache), and
without either (``BUILD_CACHE=off``: every save rebuilds everything). One
article's body gets a paragraph with a unique marker; the time is measured
from the save to the server answering the article's address with the marker,
polling every 20 ms. The servers are edited in turn, ``--runs`` times each;
the next edit waits until the full build that follows is done (for the
shipped variant, its time is reported: when listings and search caught up).
Then a new article (the date, authors, rubriques and topics of a published
one) is saved once, as shipped and without either: the time until its
address answers. As shipped only, three more saves, each timed until the
served page shows it: a new article with a topic no other article has (the
page shows the topic); two published articles saved at once (until both
pages show theirs); an image saved next to the posts, then, once its update
is served and the site rebuilt, an article showing it (from the article's
save until its page shows the image rather than the missing-image frame);
a new writer's first article, of a year and in a rubrique no article has
(until its page answers: with the pages of its author, rubrique and year).

``--newcomer-only``: only that last save on the shipped server, ``--runs``
times, each followed by the article's deletion (its three pages leave the
served site), with the server's peak memory after each full build.

Builds, each in a process of its own (bench/sites.py), on a fresh copy: cold
with an empty cache (it fills it), warm (nothing changed: the kept site comes
back), after one article's body changed (the page conversions come from the
cache), cold without the cache, and plain Material with the same articles.

    .venv/bin/python bench/serve.py --sizes 100 1000 5000
    .venv/bin/python bench/serve.py --sizes 5000 --serve-sizes   # builds only
    .venv/bin/python bench/serve.py --sizes 5000 --runs 2 --newcomer-only
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import json
import os
import re
import shutil
import socket
import struct
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import zlib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from articles import Article, SiteContext, normalize_collection
from articles.site import load_site
from sites import POSTS, ROOT, messy_site, plain_material_site, pyplot, timed_build

HERE = Path(__file__).resolve().parent
FAST_HOOK = "hooks/fast_preview.py"
MKDOCS = ROOT / ".venv" / "bin" / "mkdocs"
POLL = 0.02
TIMEOUT = 1200.0


class Server:
    """A `mkdocs serve --livereload` subprocess, its log read as it comes."""

    def __init__(self, project: Path, env: dict[str, str] | None = None) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        env = {**os.environ, **(env or {}), "SITE_URL": self.url, "NO_MKDOCS_2_WARNING": "1"}
        self.process = subprocess.Popen(
            [str(MKDOCS), "serve", "--dev-addr", f"127.0.0.1:{self.port}", "--livereload"],
            cwd=project,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        # Full builds finished: « Building documentation... », then the
        # server serving (the first) or the browsers reloaded (MkDocs drops
        # a « Documentation built in 1.83 seconds » it has logged before:
        # its log's DuplicateFilter).
        self.built = 0
        self._building = False
        self.quick = 0  # quick updates ("Aperçu rapide")
        self._changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            with self._changed:
                self.lines.append(line)
                if "Building documentation..." in line:
                    self._building = True
                elif self._building and ("Reloading browsers" in line or "Serving on" in line):
                    self._building = False
                    self.built += 1
                if "Aperçu rapide" in line:
                    self.quick += 1
                self._changed.notify_all()

    def wait_for(self, condition, what: str) -> None:
        with self._changed:
            if not self._changed.wait_for(lambda: condition() or self.process.poll() is not None, timeout=TIMEOUT):
                raise RuntimeError(f"timed out waiting for {what}")
        if self.process.poll() is not None and not condition():
            raise RuntimeError(f"mkdocs serve stopped while waiting for {what}:\n{''.join(self.lines[-30:])}")

    def wait_served(self, path: str, marker: str | None = None) -> float:
        """Polls ``path`` until it answers (with ``marker``); returns when it did."""
        deadline = time.monotonic() + TIMEOUT
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + path, timeout=TIMEOUT) as response:
                    body = response.read()
                if marker is None or marker.encode() in body:
                    return time.perf_counter()
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                pass
            time.sleep(POLL)
        raise RuntimeError(f"{self.url}{path} never served {marker!r}")

    def wait_full_build(self, built: int) -> None:
        """Until a full build after the first BUILT ones has ended."""
        self.wait_for(lambda: self.built > built, "the full build")

    def peak_mb(self) -> float | None:
        """The server's peak resident memory so far (Linux), in MB."""
        try:
            status = Path(f"/proc/{self.process.pid}/status").read_text(encoding="utf-8")
        except OSError:
            return None
        found = re.search(r"^VmHWM:\s+(\d+) kB", status, re.M)
        return int(found.group(1)) / 1024 if found else None

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def edited_article(project: Path) -> tuple[Path, str]:
    """A published article of the project and its page's address."""
    return published_articles(project, 1)[0]


def _published(project: Path, context: SiteContext) -> Iterator[tuple[Article, str]]:
    """The project's published articles, in path order, with their pages' addresses."""
    sources = [(f"blog/posts/{path.name}", path.read_bytes()) for path in sorted((project / POSTS).glob("*.md"))]
    for article in normalize_collection(sources, context):
        key = article.url_key(context.blog)
        if article.ok and not article.is_draft and key:
            yield article, f"{context.blog.blog_root}/{key}/".lstrip("/")


def published_articles(project: Path, count: int) -> list[tuple[Path, str]]:
    """The first ``count`` published articles of the project (their files) and their pages' addresses."""
    found = [
        (project / "docs" / article.path, address)
        for article, address in itertools.islice(_published(project, load_site(project).context()), count)
    ]
    if len(found) < count:
        raise RuntimeError(f"fewer than {count} published articles")
    return found


def pixel_png() -> bytes:
    """The smallest PNG image: one transparent pixel."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(bytes(5))) + chunk(b"IEND", b"")


def new_article(project: Path, marker: str, topic: str | None = None, newcomer: bool = False) -> tuple[Path, str, str]:
    """A new article as a writer adds one, with the date, authors, rubriques and
    topics of a published article (so that no menu changes), or (NEWCOMER) a
    new writer's first article, in a rubrique and of a year no article has
    (three new menu entries, each with its page): its file, its text and its
    page's address."""
    context = load_site(project).context()
    model, _address = next(_published(project, context), (None, ""))
    if model is None:
        raise RuntimeError("no published article")
    date = model.meta["date"]
    front = {
        "title": f"Nouvel article {marker}",
        "date": (date.date() if isinstance(date, dt.datetime) else date).isoformat(),
        **{key: model.meta[key] for key in ("categories", "tags") if model.meta.get(key)},
    }
    if topic is not None:
        front["tags"] = [*front.get("tags", []), topic]
    if model.meta.get("authors"):  # as writers name them: those missing from .authors.yml by their names
        front["authors"] = [model.unknown_authors.get(author, author) for author in model.meta["authors"]]
    if newcomer:
        front.update(date="2001-06-15", authors=[f"Nouvelle Plume {marker}"], categories=[f"Rubrique {marker}"])
    header = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in front.items())
    text = f"---\n{header}---\n\nParagraphe écrit pour la mesure : {marker}.\n"
    path = project / POSTS / f"nouvel-article-{marker}.md"
    (article,) = normalize_collection([(f"blog/posts/{path.name}", text.encode())], context)
    return path, text, f"{context.blog.blog_root}/{article.url_key(context.blog)}/".lstrip("/")


def save_new_article(project: Path, server: Server, marker: str, awaited: str | None = None, **kind: Any) -> tuple[Path, float, float]:
    """A new article (``new_article``, with KIND's options) saved while
    SERVER serves PROJECT, then its full build: its file, the seconds until
    its page showed AWAITED (its marker by default), and when it was saved."""
    path, text, address = new_article(project, marker, **kind)
    built = server.built
    saved = time.perf_counter()
    path.write_text(text, encoding="utf-8")
    seconds = server.wait_served(address, awaited or marker) - saved
    server.wait_full_build(built)
    return path, seconds, saved


def without_fast_preview(project: Path, destination: Path) -> Path:
    if destination.exists():
        shutil.rmtree(destination)
    shutil.copytree(project, destination, ignore=shutil.ignore_patterns(".cache", "site"))
    config = destination / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert f"  - {FAST_HOOK}\n" in text
    config.write_text(text.replace(f"  - {FAST_HOOK}\n", ""), encoding="utf-8")
    return destination


def edit(article: Path, marker: str) -> float:
    text = article.read_text(encoding="utf-8")
    saved = time.perf_counter()
    article.write_text(f"{text}\n\nParagraphe ajouté pour la mesure : {marker}.\n", encoding="utf-8")
    return saved


VARIANTS = {
    "fast": "as shipped: fast preview and build cache",
    "cache": "full rebuild, page conversions from the cache",
    "none": "full rebuild, no cache",
}


def serve_times(size: int, runs: int, folder: Path) -> dict[str, list[float]]:
    shipped = messy_site(folder / f"fast-{size}", size)
    projects = {
        "fast": (shipped, {}),
        "cache": (without_fast_preview(shipped, folder / f"cache-{size}"), {}),
        "none": (without_fast_preview(shipped, folder / f"none-{size}"), {"BUILD_CACHE": "off"}),
    }
    servers: dict[str, Server] = {}
    times: dict[str, list[float]] = {name: [] for name in [*projects, "follow_up"]}
    try:
        for name, (project, env) in projects.items():  # one first build at a time
            server = servers[name] = Server(project, env)
            server.wait_for(lambda server=server: server.built >= 1, "the first build")
            server.wait_served("")
        for run in range(runs):
            for name, (project, _env) in projects.items():
                server = servers[name]
                article, path = edited_article(project)
                marker = f"mesure-{name}-{size}-{run}-{time.time_ns()}"
                built = server.built
                saved = edit(article, marker)
                times[name].append(server.wait_served(path, marker) - saved)
                # Wait for the full build (the only one, or the one after a quick update).
                server.wait_full_build(built)
                if name == "fast":
                    times["follow_up"].append(time.perf_counter() - saved)
                print(f"  N={size} {name}: {times[name][-1]:.2f} s", flush=True)
        for name in ("fast", "none"):  # a new article, once
            project, server = projects[name][0], servers[name]
            _path, seconds, _saved = save_new_article(project, server, f"nouveau-{name}-{size}-{time.time_ns()}")
            times[f"new_{name}"] = [seconds]
            print(f"  N={size} new article, {name}: {times[f'new_{name}'][-1]:.2f} s", flush=True)
        times.update(_more_saves(projects["fast"][0], servers["fast"], size))
        quick = servers["fast"].quick
        times["peak_mb"] = [servers[name].peak_mb() or 0.0 for name in projects]
    finally:
        for server in servers.values():
            server.stop()
    # Each timed save took the fast path: the edits, the new article, and
    # _more_saves' updates (an article, two, an image, an article, a new
    # writer's article with its three new pages).
    if quick != runs + 10:
        raise RuntimeError(f"the fast path ran {quick} times out of {runs + 10}:\n{''.join(servers['fast'].lines[-40:])}")
    return times


def _more_saves(project: Path, server: Server, size: int) -> dict[str, list[float]]:
    """The shipped server's time for a new topic, two articles saved at once,
    and an article showing an image saved just before it."""
    times: dict[str, list[float]] = {}

    marker = f"sujet-{size}-{time.time_ns()}"
    topic = f"Sujet de mesure {marker}"
    times["new_topic"] = [save_new_article(project, server, marker, topic, topic=topic)[1]]

    pair = published_articles(project, 2)
    markers = [f"ensemble-{size}-{number}-{time.time_ns()}" for number in range(len(pair))]
    texts = [article.read_text(encoding="utf-8") for article, _ in pair]
    built = server.built
    saved = time.perf_counter()
    for (article, _address), text, marker in zip(pair, texts, markers, strict=True):
        article.write_text(f"{text}\n\nParagraphe ajouté pour la mesure : {marker}.\n", encoding="utf-8")
    times["two_articles"] = [
        max(server.wait_served(address, marker) for (_article, address), marker in zip(pair, markers, strict=True)) - saved
    ]
    server.wait_full_build(built)

    article, address = pair[0]
    image = f"photo-mesure-{size}-{time.time_ns()}.png"
    built, quick = server.built, server.quick
    (project / POSTS / image).write_bytes(pixel_png())
    server.wait_for(lambda: server.quick > quick, "the image's update")
    server.wait_full_build(built)
    text = article.read_text(encoding="utf-8")
    built = server.built
    saved = time.perf_counter()
    article.write_text(f"{text}\n\n![Vue de la salle]({image})\n", encoding="utf-8")
    times["image_article"] = [server.wait_served(address, image) - saved]
    server.wait_full_build(built)

    times["newcomer"] = [save_new_article(project, server, f"premier-{size}-{time.time_ns()}", newcomer=True)[1]]
    print(
        f"  N={size} shipped: new topic {times['new_topic'][0]:.2f} s, two articles {times['two_articles'][0]:.2f} s,"
        f" article showing a new image {times['image_article'][0]:.2f} s, new writer's first article {times['newcomer'][0]:.2f} s",
        flush=True,
    )
    return times


def newcomer_times(size: int, runs: int, folder: Path) -> None:
    """A new writer's first article saved, then deleted, RUNS times, on the
    shipped server: the time until its page answers, until the deletion's
    update is logged, until each full build after them ends."""
    project = messy_site(folder / f"fast-{size}", size)
    server = Server(project)
    try:
        server.wait_for(lambda: server.built >= 1, "the first build")
        server.wait_served("")
        print(f"N={size}: first build served, peak memory {server.peak_mb():.0f} MB", flush=True)
        for run in range(runs):
            quick = server.quick
            path, served, saved = save_new_article(project, server, f"premier-{size}-{run}-{time.time_ns()}", newcomer=True)
            print(
                f"  new writer's article: page {served:.2f} s, full build ended {time.perf_counter() - saved:.1f} s after the save",
                flush=True,
            )
            if server.quick != quick + 4:  # the article and its three new pages
                raise RuntimeError(f"not the fast path:\n{''.join(server.lines[-20:])}")
            built, quick = server.built, server.quick
            saved = time.perf_counter()
            path.unlink()
            server.wait_for(lambda quick=quick: server.quick >= quick + 4, "the deletion's update")
            removed = time.perf_counter() - saved
            server.wait_full_build(built)
            print(
                f"  its deletion: update logged {removed:.2f} s after, full build ended {time.perf_counter() - saved:.1f} s after;"
                f" peak memory {server.peak_mb():.0f} MB",
                flush=True,
            )
    finally:
        server.stop()


def build_times(size: int, folder: Path) -> dict[str, float]:
    project = messy_site(folder / f"builds-{size}", size)
    cold = timed_build(project, folder / f"cold-{size}", cache=True)
    warm = timed_build(project, folder / f"warm-{size}", cache=True)
    article, _path = edited_article(project)
    edit(article, f"mesure-build-{size}")
    edited = timed_build(project, folder / f"edited-{size}", cache=True)
    # Cold as in a fresh clone: no .cache/ at all (the normalised copies of
    # the articles are written again too, as the first build writes them).
    shutil.rmtree(project / ".cache")
    uncached = timed_build(project, folder / f"uncached-{size}")
    shutil.rmtree(project / ".cache")
    single = timed_build(project, folder / f"single-{size}", workers=False)
    plain = timed_build(plain_material_site(folder / f"plain-{size}", size))
    print(
        f"  N={size} builds: cold {cold.seconds:.1f} s, warm {warm.seconds:.1f} s, one article edited {edited.seconds:.1f} s,"
        f" no cache {uncached.seconds:.1f} s, no cache in one process {single.seconds:.1f} s, plain Material {plain.seconds:.1f} s;"
        f" whole commands: cold {cold.process_seconds:.1f} s, no cache {uncached.process_seconds:.1f} s,"
        f" plain Material {plain.process_seconds:.1f} s",
        flush=True,
    )
    return {
        "cold_build_s": cold.seconds,
        "cold_build_cpu_s": cold.cpu,
        "warm_build_s": warm.seconds,
        "warm_build_cpu_s": warm.cpu,
        "edited_build_s": edited.seconds,
        "edited_build_cpu_s": edited.cpu,
        "uncached_build_s": uncached.seconds,
        "uncached_build_cpu_s": uncached.cpu,
        "uncached_copies_cpu_s": uncached.copies_cpu,
        "single_process_build_s": single.seconds,
        "single_process_build_cpu_s": single.cpu,
        "plain_material_s": plain.seconds,
        "plain_material_cpu_s": plain.cpu,
        "peak_mb": max(cold.peak_mb, edited.peak_mb, uncached.peak_mb),
        "copies_peak_mb": max(cold.copies_peak_mb, edited.copies_peak_mb, uncached.copies_peak_mb),
        "single_process_peak_mb": single.peak_mb,
        "warm_to_plain_material": warm.seconds / plain.seconds,
        "cold_to_plain_material": cold.seconds / plain.seconds,
        "uncached_to_plain_material": uncached.seconds / plain.seconds,
        "single_process_to_plain_material": single.seconds / plain.seconds,
        "edited_to_plain_material": edited.seconds / plain.seconds,
        "edited_to_uncached": edited.seconds / uncached.seconds,
        # The same builds timed as whole commands (bench/sites.py: process_seconds).
        "cold_process_s": cold.process_seconds,
        "uncached_process_s": uncached.process_seconds,
        "single_process_process_s": single.process_seconds,
        "plain_material_process_s": plain.process_seconds,
        "cold_process_to_plain_material": cold.process_seconds / plain.process_seconds,
        "uncached_process_to_plain_material": uncached.process_seconds / plain.process_seconds,
    }


def measure(size: int, runs: int, folder: Path, serve: bool) -> dict[str, object]:
    row: dict[str, object] = {"articles": size}
    if serve:
        times = serve_times(size, runs, folder)
        row.update(
            {
                "edit_to_page_fast_s": times["fast"],
                "edit_to_page_cache_s": times["cache"],
                "edit_to_page_full_s": times["none"],
                "edit_to_full_site_fast_s": times["follow_up"],
                "new_article_to_page_fast_s": times["new_fast"],
                "new_article_to_page_full_s": times["new_none"],
                "new_topic_to_page_fast_s": times["new_topic"],
                "two_articles_to_pages_fast_s": times["two_articles"],
                "image_article_to_page_fast_s": times["image_article"],
                "newcomer_to_page_fast_s": times["newcomer"],
                "serve_peak_mb": dict(zip(VARIANTS, times["peak_mb"], strict=True)),
                "fast_to_full": min(times["fast"]) / min(times["none"]),
                "cache_to_full": min(times["cache"]) / min(times["none"]),
            }
        )
    row.update(build_times(size, folder))
    return row


def _plot_serve(left, served: list[dict[str, object]]) -> None:  # type: ignore[no-untyped-def]
    for key, label, style in (
        ("edit_to_page_fast_s", "aperçu rapide + cache", "o-"),
        ("edit_to_page_cache_s", "reconstruction, cache", "s--"),
        ("edit_to_page_full_s", "reconstruction, sans cache", "^:"),
    ):
        left.plot([row["articles"] for row in served], [min(row[key]) for row in served], style, label=label)
    left.axhline(2, color="grey", linewidth=0.8, label="objectif : 2 s")
    left.set_title("mkdocs serve : enregistrement → page à jour")
    left.set_xlabel("articles")
    left.set_ylabel("secondes (échelle log)")
    left.set_xscale("log")
    left.set_yscale("log")
    left.legend()
    left.grid(alpha=0.3)


def plot(results: list[dict[str, object]], path: Path) -> None:
    plt = pyplot()
    if plt is None:
        return
    served = [row for row in results if "edit_to_page_fast_s" in row]
    if served:
        figure, (left, right) = plt.subplots(1, 2, figsize=(11, 4.2))
        _plot_serve(left, served)
    else:  # --serve-sizes with no size: the builds only
        figure, right = plt.subplots(1, 1, figsize=(6, 4.2))
    sizes = [row["articles"] for row in results]
    for key, label, style in (
        ("plain_material_s", "Material seul, à froid", "k^:"),
        ("single_process_build_s", "ce site, sans cache, un seul processus", "x--"),
        ("uncached_build_s", "ce site, sans cache", "s--"),
        ("cold_build_s", "ce site, cache vide", "o-"),
        ("edited_build_s", "un article modifié, cache", "d-"),
        ("warm_build_s", "rien de modifié, cache", "v-"),
    ):
        right.plot(sizes, [row[key] for row in results], style, label=label)
    for share, style in ((0.4, "--"), (0.1, ":")):
        right.plot(
            sizes,
            [share * row["plain_material_s"] for row in results],
            style,
            color="grey",
            linewidth=0.8,
            label=f"{share:g} × Material seul",
        )
    right.set_title("mkdocs build")
    right.set_xlabel("articles")
    right.set_ylabel("secondes (échelle log)")
    right.set_xscale("log")
    right.set_yscale("log")
    right.legend(fontsize=8)
    right.grid(alpha=0.3)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    print(f"plot: {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--serve-sizes", type=int, nargs="*", help="sizes also measured under mkdocs serve (default: all)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, default=HERE / "serve.json")
    parser.add_argument("--plot", type=Path, default=HERE / "serve.png")
    parser.add_argument("--newcomer-only", action="store_true", help="only a new writer's first article, saved then deleted")
    args = parser.parse_args()
    if args.newcomer_only:
        with tempfile.TemporaryDirectory() as temporary:
            for size in args.sizes:
                newcomer_times(size, args.runs, Path(temporary) / str(size))
        return
    serve_sizes = set(args.sizes if args.serve_sizes is None else args.serve_sizes)
    results = []
    with tempfile.TemporaryDirectory() as temporary:
        for size in args.sizes:
            results.append(measure(size, args.runs, Path(temporary) / str(size), size in serve_sizes))
    _print_table(
        "| N | edit → page: shipped (s) | cache, no fast preview (s) | neither (s) | shipped / neither | edit → whole site, shipped (s) |",
        [
            f"| {row['articles']:,} | {_figures(row['edit_to_page_fast_s'])} | {_figures(row['edit_to_page_cache_s'])}"
            f" | {_figures(row['edit_to_page_full_s'])} | {row['fast_to_full']:.3f} | {_figures(row['edit_to_full_site_fast_s'])} |"
            for row in results
            if "edit_to_page_fast_s" in row
        ],
    )
    _print_table(
        "| N | new article → page: shipped (s) | neither (s) |",
        [
            f"| {row['articles']:,} | {_figures(row['new_article_to_page_fast_s'])} | {_figures(row['new_article_to_page_full_s'])} |"
            for row in results
            if "new_article_to_page_fast_s" in row
        ],
    )
    _print_table(
        "| N | new topic → page, shipped (s) | two articles at once → both pages (s) | new image, then the article → page (s)"
        " | a new writer's first article (new author, rubrique and year) → page (s) |",
        [
            f"| {row['articles']:,} | {_figures(row['new_topic_to_page_fast_s'])} | {_figures(row['two_articles_to_pages_fast_s'])}"
            f" | {_figures(row['image_article_to_page_fast_s'])} | {_figures(row.get('newcomer_to_page_fast_s', []))} |"
            for row in results
            if "new_topic_to_page_fast_s" in row
        ],
    )
    _print_table(
        "| N | plain Material cold (s) | no cache (s) | no cache, one process (s) | cold, cache empty (s) | one article edited (s)"
        " | warm (s) | warm / plain | cold / plain | no cache / plain | one process / plain | edited / no cache"
        " | peak MB: build / its copy / one process |",
        [
            f"| {row['articles']:,} | {row['plain_material_s']:.1f} | {row['uncached_build_s']:.1f} | {row['single_process_build_s']:.1f}"
            f" | {row['cold_build_s']:.1f} | {row['edited_build_s']:.1f} | {row['warm_build_s']:.2f} | {row['warm_to_plain_material']:.3f}"
            f" | {row['cold_to_plain_material']:.2f} | {row['uncached_to_plain_material']:.2f}"
            f" | {row['single_process_to_plain_material']:.2f} | {row['edited_to_uncached']:.2f}"
            f" | {row['peak_mb']:.0f} / {row['copies_peak_mb']:.0f} / {row['single_process_peak_mb']:.0f} |"
            for row in results
        ],
    )
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    plot(results, args.plot)


def _print_table(header: str, rows: list[str]) -> None:
    print(header)
    print(re.sub(r"[^|]", "-", header).replace("|-", "| ").replace("-|", " |"))
    for row in rows:
        print(row)


def _figures(values: object) -> str:
    return " / ".join(f"{value:.2f}" for value in values)  # type: ignore[union-attr]


if __name__ == "__main__":
    sys.exit(main())
