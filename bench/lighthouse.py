#!/usr/bin/env python3
"""Lighthouse scores of the home page and an article, this site against a
plain Material site with the same content, measured in the same run.

    python bench/lighthouse.py [--runs 5]

Builds the site twice into a temporary folder: as it is, and as a plain
Material site (same mkdocs.yml and docs, none of the project's hooks nor theme
overrides; `sites.plain_material_site`). Both are served gzipped on 127.0.0.1
like GitHub Pages serves them (the browser tests' server), and Lighthouse
12.2.3 runs on each page with the browser test's own command (mobile profile,
Debian's Chromium), alternating the two sites so that the machine's load
weighs on both alike. Prints every run, then the medians and the ratio of
this site's Total Blocking Time to plain Material's.

The performance score is a timing: read it with Lighthouse's CPU benchmark
index beside it (a loaded machine scores lower). The ratio is the steadier
figure.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sites import ROOT, plain_material_site, serve_site  # noqa: E402

sys.path.insert(0, str(ROOT / "tests" / "browser"))
from conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from test_lighthouse import run_lighthouse  # noqa: E402

LIGHTHOUSE = ROOT / "node_modules" / ".bin" / "lighthouse"
SITES = ("this site", "plain Material")


def build(project: Path, site_dir: Path) -> Path:
    command = [sys.executable, "-m", "mkdocs", "build", "--quiet", "--clean", "--site-dir", str(site_dir)]
    subprocess.run(command, cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, check=True)
    return site_dir


def article_path(site_dir: Path) -> str:
    """The seed article's URL path (plain Material slugs it differently)."""
    pages = sorted(site_dir.glob("blog/20*/**/index.html"))
    assert len(pages) == 1, pages
    return pages[0].parent.relative_to(site_dir).as_posix() + "/"


def measure(url: str, report_path: Path) -> dict[str, float]:
    result = run_lighthouse(LIGHTHOUSE, url, report_path, CHROMIUM, CHROMIUM_ARGS, cwd=ROOT)
    if result.returncode != 0:
        raise SystemExit(f"lighthouse failed on {url}:\n{result.stdout}{result.stderr}")
    report = json.loads(report_path.read_text(encoding="utf-8"))
    audits = report["audits"]
    return {
        "performance": report["categories"]["performance"]["score"],
        "accessibility": report["categories"]["accessibility"]["score"],
        "best-practices": report["categories"]["best-practices"]["score"],
        "kib": audits["total-byte-weight"]["numericValue"] / 1024,
        "tbt": audits["total-blocking-time"]["numericValue"],
        "lcp": audits["largest-contentful-paint"]["numericValue"],
        "cpu index": report["environment"]["benchmarkIndex"],
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as scratch:
        work = Path(scratch)
        ours = build(ROOT, work / "site")
        plain = build(plain_material_site(work / "plain", 0), work / "plain-site")
        pages = {}
        for site, site_dir in zip(SITES, (ours, plain), strict=True):
            root = serve_site(site_dir)
            pages[site] = {"home": root, "article": root + article_path(site_dir)}
        results: dict[tuple[str, str], list[dict[str, float]]] = {}
        print(
            f"{'run':>3} {'site':15} {'page':8} {'perf':>5} {'a11y':>5} {'bp':>5} {'KiB':>6} {'TBT ms':>7} {'LCP ms':>7} {'cpu index':>9}"
        )
        for run in range(1, args.runs + 1):
            for page in ("home", "article"):
                for site in SITES:
                    figures = measure(pages[site][page], work / "report.json")
                    results.setdefault((site, page), []).append(figures)
                    print(
                        f"{run:>3} {site:15} {page:8} {figures['performance']:5.2f} {figures['accessibility']:5.2f} "
                        f"{figures['best-practices']:5.2f} {figures['kib']:6.1f} {figures['tbt']:7.0f} {figures['lcp']:7.0f} "
                        f"{figures['cpu index']:9.0f}",
                        flush=True,
                    )
        print("\nmedians")
        for page in ("home", "article"):
            median = {
                site: {key: statistics.median(run[key] for run in results[(site, page)]) for key in ("performance", "tbt", "lcp")}
                for site in SITES
            }
            for site in SITES:
                print(
                    f"    {page:8} {site:15} performance {median[site]['performance']:.2f}, "
                    f"TBT {median[site]['tbt']:.0f} ms, LCP {median[site]['lcp']:.0f} ms"
                )
            ratio = median["this site"]["tbt"] / median["plain Material"]["tbt"] if median["plain Material"]["tbt"] else float("nan")
            print(f"    {page:8} TBT this site / plain Material: {ratio:.2f}")


if __name__ == "__main__":
    main()
