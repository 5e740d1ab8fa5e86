#!/usr/bin/env python3
"""How the site scales: builds at N = 100, 1,000 and 5,000 generated articles.

    python bench/scale.py [--sizes 100 1000 5000] [--runs 1] [--plot bench/scale.png]

For each N, measured in the same run: wall time and peak memory of the full
build with the project's hooks and of the same articles already in canonical
form without the normalisation hook (ratio), time per article, size of the
site and of the search index (raw and gzipped), and the bytes a reader's
first view of an article transfers (gzipped HTML, CSS, JS; the search index
is fetched only when search is opened, and counted apart). At N = 1,000 it
also times a `mkdocs serve`-style rebuild after one article is edited.
Writes the figures to bench/scale.json and, with matplotlib installed
(bench/requirements.txt), a plot.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import subprocess
import sys
import tempfile
import textwrap
from pathlib import Path

from sites import NORMALIZE_HOOK, messy_site, normalised_site, plain_material_site, pyplot, timed_build

HERE = Path(__file__).resolve().parent

_REBUILD = textwrap.dedent(
    """
    import json, os, sys, time
    from pathlib import Path
    os.environ["NO_MKDOCS_2_WARNING"] = "1"
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    def once():
        config = load_config(sys.argv[1], site_dir=sys.argv[2])
        config.plugins.on_startup(command="serve", dirty=False)
        start = time.perf_counter()
        try:
            build(config, serve_url="http://127.0.0.1:8000/")
        finally:
            config.plugins.on_shutdown()
        return time.perf_counter() - start

    first = once()
    article = Path(sys.argv[3])
    article.write_text(article.read_text(encoding="utf-8") + "\\n\\nUn paragraphe ajouté.\\n", encoding="utf-8")
    print(json.dumps({"first": first, "rebuild": once()}))
    """
)


def gz_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())


def first_view(site: Path) -> dict[str, int]:
    """Gzipped bytes of an article page and of the CSS and JS it loads."""
    article = next(iter(sorted(site.glob("blog/20*/*/*/*/index.html"))))
    html = article.read_text(encoding="utf-8")
    total = gz_size(html.encode("utf-8"))
    assets = re.findall(r'(?:href|src)="([^"]+\.(?:css|js))"', html)
    for asset in assets:
        path = (article.parent / asset).resolve()
        if path.is_file():
            total += gz_size(path.read_bytes())
    index = (site / "search/search_index.json").read_bytes()
    return {"page_and_assets_gz": total, "search_index_gz": gz_size(index)}


def measure(size: int, runs: int, folder: Path, plain: bool) -> dict[str, float]:
    projects = {"with": messy_site(folder / f"with-{size}", size), "without": normalised_site(folder / f"without-{size}", size)}
    if plain:
        projects["plain"] = plain_material_site(folder / f"plain-{size}", size)
    with_hooks = projects["with"]
    best: dict[str, float] = {}
    cpu: dict[str, float] = {}
    peak: dict[str, float] = {}
    shares: list[tuple[float, float]] = []  # (normalisation hook, all the project's hooks) / build, CPU
    for _ in range(runs):
        for name, project in projects.items():
            result = timed_build(project, workers=False)  # one process: CPU ratios comparable
            best[name] = min(best.get(name, float("inf")), result.seconds)
            cpu[name] = min(cpu.get(name, float("inf")), result.cpu)
            peak[name] = max(peak.get(name, 0.0), result.peak_mb)
            if name == "with":
                hooks = sum(seconds for origin, seconds in result.events.items() if origin.startswith("hooks/"))
                shares.append((result.events.get(NORMALIZE_HOOK, 0.0) / result.cpu, hooks / result.cpu))
    site = with_hooks / "site"
    index = (site / "search/search_index.json").read_bytes()
    figures = {
        "articles": size,
        "build_with_hooks_s": best["with"],
        "build_without_hooks_s": best["without"],
        "hooks_ratio": best["with"] / best["without"],
        "cpu_with_hooks_s": cpu["with"],
        "cpu_without_hooks_s": cpu["without"],
        "hooks_ratio_cpu": cpu["with"] / cpu["without"],
        # Measured inside the build, so other processes' load does not blur it.
        "normalization_hook_share_cpu": min(shares)[0],
        "all_hooks_share_cpu": min(shares)[1],
        "peak_with_hooks_mb": peak["with"],
        "peak_without_hooks_mb": peak["without"],
        "ms_per_article": 1000 * best["with"] / size,
        "site_mb": folder_size(site) / 1e6,
        "search_index_raw_kb": len(index) / 1e3,
        "search_index_gz_kb": gz_size(index) / 1e3,
        "search_entries": len(json.loads(index)["docs"]),
    }
    if plain:
        figures["plain_material_s"] = best["plain"]
        figures["plain_material_cpu_s"] = cpu["plain"]
        figures["ratio_to_plain_material"] = best["with"] / best["plain"]
        figures["ratio_to_plain_material_cpu"] = cpu["with"] / cpu["plain"]
    view = first_view(site)
    figures["first_view_gz_kb"] = view["page_and_assets_gz"] / 1e3
    figures["first_view_with_index_gz_kb"] = (view["page_and_assets_gz"] + view["search_index_gz"]) / 1e3
    if size == 1000:
        article = next(iter(sorted((with_hooks / "docs/blog/posts").glob("*.md"))))
        result = subprocess.run(
            [sys.executable, "-c", _REBUILD, str(with_hooks / "mkdocs.yml"), str(folder / "serve-site"), str(article)],
            capture_output=True,
            text=True,
            check=True,
        )
        figures["serve_rebuild_s"] = json.loads(result.stdout.strip().splitlines()[-1])["rebuild"]
    return figures


def plot(results: list[dict[str, float]], path: Path) -> None:
    plt = pyplot()
    if plt is None:
        return
    sizes = [row["articles"] for row in results]
    figure, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    left.plot(sizes, [row["build_with_hooks_s"] for row in results], "o-", label="avec les hooks")
    left.plot(sizes, [row["build_without_hooks_s"] for row in results], "s--", label="sans normalisation")
    left.set_xlabel("articles")
    left.set_ylabel("durée du build (s)")
    left.legend()
    left.grid(alpha=0.3)
    right.plot(sizes, [row["search_index_gz_kb"] for row in results], "o-", label="gzip")
    right.plot(sizes, [row["search_index_raw_kb"] for row in results], "s--", label="brut")
    right.set_xlabel("articles")
    right.set_ylabel("index de recherche (ko)")
    right.legend()
    right.grid(alpha=0.3)
    figure.tight_layout()
    figure.savefig(path, dpi=100)
    print(f"plot: {path}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--plot", type=Path, default=HERE / "scale.png")
    parser.add_argument("--json", type=Path, default=HERE / "scale.json")
    args = parser.parse_args()
    results = []
    with tempfile.TemporaryDirectory() as temporary:
        for size in args.sizes:
            figures = measure(size, args.runs, Path(temporary), plain=size == 1000)
            results.append(figures)
            print(json.dumps({key: round(value, 3) for key, value in figures.items()}), flush=True)
    sizes = {row["articles"]: row for row in results}
    if 1000 in sizes and 5000 in sizes:
        print(f"time(5000)/time(1000) = {sizes[5000]['build_with_hooks_s'] / sizes[1000]['build_with_hooks_s']:.2f} (target ≤ 5.2)")
    args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    plot(results, args.plot)


if __name__ == "__main__":
    main()
