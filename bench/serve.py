"""Time from saving an edited article to `mkdocs serve` serving its updated page.

For each N: the site with N generated articles is served by a real `mkdocs
serve --livereload` (as `make serve` runs it), once with the project's hooks
as shipped (hooks/fast_preview.py on) and once without the fast preview (the
same project, that hook removed from mkdocs.yml). One article's body gets a
paragraph with a unique marker; the time is measured from the save to the
server answering the article's address with the marker, polling every 20 ms.
Both servers are edited in turn, ``--runs`` times each; with the fast preview,
the next edit waits until the full build that follows the quick update is
done (its time is reported too: when listings and search caught up). The
same run measures the cold full build of this site and of plain Material
with the same articles (bench/sites.py), and prints the ratios.

    .venv/bin/python bench/serve.py --sizes 100 1000 5000
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from pathlib import Path

from articles import normalize_collection
from articles.site import load_site
from sites import POSTS, ROOT, messy_site, plain_material_site, timed_build

HERE = Path(__file__).resolve().parent
FAST_HOOK = "hooks/fast_preview.py"
MKDOCS = ROOT / ".venv" / "bin" / "mkdocs"
POLL = 0.02
TIMEOUT = 1200.0


class Server:
    """A `mkdocs serve --livereload` subprocess, its log read as it comes."""

    def __init__(self, project: Path) -> None:
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        env = {**os.environ, "SITE_URL": self.url, "NO_MKDOCS_2_WARNING": "1"}
        self.process = subprocess.Popen(
            [str(MKDOCS), "serve", "--dev-addr", f"127.0.0.1:{self.port}", "--livereload"],
            cwd=project,
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
        )
        self.lines: list[str] = []
        self.built = 0  # full builds finished ("Documentation built in")
        self.quick = 0  # quick updates ("Aperçu rapide")
        self._changed = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        assert self.process.stderr is not None
        for line in self.process.stderr:
            with self._changed:
                self.lines.append(line)
                if "Documentation built in" in line:
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
    site = load_site(project)
    context = site.context()
    sources = [(f"blog/posts/{path.name}", path.read_bytes()) for path in sorted((project / POSTS).glob("*.md"))]
    for article in normalize_collection(sources, context):
        key = article.url_key(context.blog)
        if article.ok and not article.is_draft and key:
            return project / "docs" / article.path, f"{context.blog.blog_root}/{key}/".lstrip("/")
    raise RuntimeError("no published article")


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


def measure(size: int, runs: int, folder: Path) -> dict[str, object]:
    fast_project = messy_site(folder / f"fast-{size}", size)
    projects = {"fast": fast_project, "full": without_fast_preview(fast_project, folder / f"full-{size}")}
    servers: dict[str, Server] = {}
    times: dict[str, list[float]] = {"fast": [], "full": [], "follow_up": []}
    try:
        for name, project in projects.items():  # one first build at a time
            server = servers[name] = Server(project)
            server.wait_for(lambda server=server: server.built >= 1, "the first build")
            server.wait_served("")
        for run in range(runs):
            for name, project in projects.items():
                server = servers[name]
                article, path = edited_article(project)
                marker = f"mesure-{name}-{size}-{run}-{time.time_ns()}"
                built = server.built
                saved = edit(article, marker)
                times[name].append(server.wait_served(path, marker) - saved)
                # Wait for the full build (the only one, or the one after a quick update).
                server.wait_for(lambda server=server, built=built: server.built > built, "the full build")
                if name == "fast":
                    times["follow_up"].append(time.perf_counter() - saved)
                print(f"  N={size} {name}: {times[name][-1]:.2f} s", flush=True)
        quick = servers["fast"].quick
    finally:
        for server in servers.values():
            server.stop()
    if quick != runs:
        raise RuntimeError(f"the fast path ran {quick} times out of {runs}:\n{''.join(servers['fast'].lines[-40:])}")
    cold = timed_build(fast_project, folder / f"cold-{size}")
    plain = timed_build(plain_material_site(folder / f"plain-{size}", size))
    best_fast, best_full = min(times["fast"]), min(times["full"])
    return {
        "articles": size,
        "edit_to_page_fast_s": times["fast"],
        "edit_to_page_full_s": times["full"],
        "edit_to_full_site_fast_s": times["follow_up"],
        "cold_build_s": cold.seconds,
        "cold_build_cpu_s": cold.cpu,
        "plain_material_s": plain.seconds,
        "plain_material_cpu_s": plain.cpu,
        "best_fast_s": best_fast,
        "best_full_s": best_full,
        "fast_to_full": best_fast / best_full,
        "fast_to_plain_material": best_fast / plain.seconds,
        "cold_to_plain_material": cold.seconds / plain.seconds,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--json", type=Path, default=HERE / "serve.json")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as temporary:
        for size in args.sizes:
            results.append(measure(size, args.runs, Path(temporary)))
    header = "| N | edit → page, fast preview (s) | edit → page, full rebuild (s) | fast / full | edit → whole site, fast preview (s) | cold build (s) | plain Material cold (s) | cold / plain |"
    print(header)
    print(re.sub(r"[^|]", "-", header).replace("|-", "| ").replace("-|", " |"))
    for row in results:
        print(
            f"| {row['articles']:,} | {_figures(row['edit_to_page_fast_s'])} | {_figures(row['edit_to_page_full_s'])} | {row['fast_to_full']:.3f}"
            f" | {_figures(row['edit_to_full_site_fast_s'])} | {row['cold_build_s']:.1f} | {row['plain_material_s']:.1f}"
            f" | {row['cold_to_plain_material']:.2f} |"
        )
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")


def _figures(values: object) -> str:
    return " / ".join(f"{value:.2f}" for value in values)  # type: ignore[union-attr]


if __name__ == "__main__":
    sys.exit(main())
