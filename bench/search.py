#!/usr/bin/env python3
"""Search speed in the browser, this site against a plain Material site with
the same content, measured in the same run.

    python bench/search.py [--sizes 100 1000 5000] [--runs 3] [--sites ours,plain]
                           [--workdir DIR] [--reuse]

For each size N, builds N generated articles twice (`sites.messy_site` with
all the hooks, and `sites.plain_material_site`: same articles, no hook, no
theme override), serves each built folder gzipped on 127.0.0.1 like GitHub
Pages (the browser tests' server), and opens them in Debian's Chromium driven
by Playwright, with a phone's profile (412x915 at 2.625, touch, mobile Chrome
user agent). One visit, in a fresh browser context:

1. ready: an article is loaded (load event, then 300 ms idle); the reader
   taps the header's search button. Time from that tap (pointerdown) to the
   result line reading « Taper pour démarrer la recherche ».
2. first result, for each query of QUERIES in turn (words the generated
   articles use: one word, two words, one typed without its accents): the
   query is put in the field at once (one fill, then one keyup, as Material
   queries on keyup). Time from the field's input event to the first
   `.md-search-result__item` in the page. « found » is the number of
   documents the result line then announces.
3. next page: another article of the same visit (same context, so the HTTP
   cache holds what the first page fetched), 300 ms idle, tap on search:
   time to ready again.

Times are taken inside the page (performance.now(), a MutationObserver and a
10 ms timer), not across Playwright's round trips. A query that finds
nothing (plain Material does not fold accents) is timed to « Aucun document
trouvé ». « KB » is what the browser downloaded from the tap to the first
answer of the first query (encoded bytes of the responses, headers
included, the worker's own requests too; what the HTTP cache served counts
for nothing); « search KB », the search's own files (index, worker, lunr)
downloaded since the first page was opened, whenever they came; « next
KB », the same as « KB » for the next page's search. The sizes of
`search/search_index.json`, raw and gzipped (level 6, as served), are
printed for each site.

The two sites alternate run by run (which one goes first swaps each run),
so that the machine's load weighs on both. Prints every run, then the
medians and the ratios this site / plain Material (below 1: this site is
faster), and writes everything to bench/search.json.

`--workdir DIR` keeps the built sites in DIR/N/{ours,plain}/site; with
`--reuse`, a size whose site/ is already there is not built again, so that
the search can be measured again after a change to the JavaScript only
(copy the changed files into DIR/N/ours/site, or rebuild that side).

Note: plain Material requests the index as soon as a page loads, whereas
this site waits until the reader reaches for search
(docs/assets/javascripts/search-on-demand.js); with the 300 ms idle, plain
Material's download may have started or ended before the tap. On a loaded
machine the times move a lot: read the medians and the ratios.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from sites import ROOT, messy_site, plain_material_site, serve_site, timed_build  # noqa: E402

sys.path.insert(0, str(ROOT / "tests" / "browser"))
from conftest import CHROMIUM, CHROMIUM_ARGS, LOCAL_HOST  # noqa: E402

SITES = {"ours": ("this site", messy_site), "plain": ("plain Material", plain_material_site)}
# Words of bench/generate_articles.py: a word, two words, an accented word
# typed without its accents, and an accented word as written.
QUERIES = ("prospection", "linkedin parrainage", "negociation", "fidélisation")
READY = "Taper pour démarrer la recherche"
SEARCH_BUTTON = "label.md-header__button[for='__search']"
FIELD = "input.md-search__input"
MOBILE = {
    "viewport": {"width": 412, "height": 915},
    "device_scale_factor": 2.625,
    "is_mobile": True,
    "has_touch": True,
    "user_agent": "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36",
    "locale": "fr-FR",
}
# Nothing leaves the machine (plain Material asks GitHub for the repository's
# stars). Not with Playwright's routing: it turns the HTTP cache off.
NO_OTHER_HOST = f"--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE {LOCAL_HOST}"
IDLE_MS = 300
TIMEOUT_MS = 60_000

# Run in the page with [selector or "window", event type, predicate]: arms a
# timer that starts at the next such event (capture phase, before the site's
# own listeners) and sets window.__benchResult to {ms, before} when the
# predicate first holds afterwards (before: it already held at the event).
# Checked on every DOM mutation and every 10 ms.
_ARM = """
([selector, type, predicate]) => {
  const target = selector === "window" ? window : document.querySelector(selector);
  const holds = new Function("return (" + predicate + ")");
  window.__benchResult = null;
  new Promise((resolve) => {
    target.addEventListener(type, () => {
      const start = performance.now();
      const before = holds();
      const check = () => {
        if (!holds()) return false;
        observer.disconnect();
        clearInterval(timer);
        resolve({ms: performance.now() - start, before});
        return true;
      };
      const observer = new MutationObserver(check);
      observer.observe(document.body, {childList: true, subtree: true, characterData: true});
      const timer = setInterval(check, 10);
      check();
    }, {capture: true, once: true});
  }).then((value) => { window.__benchResult = value; });
}
"""
_READY = f"(document.querySelector('.md-search-result__meta')?.textContent.trim() === {json.dumps(READY)})"
_FIRST_RESULT = "document.querySelector('.md-search-result__item') !== null"
# A query that finds nothing is answered too: timed to « Aucun document trouvé ».
_ANSWERED = (
    "(document.querySelector('.md-search-result__item') !== null"
    " || document.querySelector('.md-search-result__meta').textContent.includes('Aucun document'))"
)


def articles(site_dir: Path) -> tuple[str, str]:
    """Two article pages: the first and the middle one in date order."""
    pages = sorted(p.parent.relative_to(site_dir).as_posix() + "/" for p in site_dir.glob("blog/20*/**/index.html"))
    pages = [p for p in pages if "/page/" not in p]
    if len(pages) < 2:
        raise SystemExit(f"fewer than two articles in {site_dir}")
    return pages[0], pages[len(pages) // 2]


def index_sizes(site_dir: Path) -> dict[str, int]:
    data = (site_dir / "search/search_index.json").read_bytes()
    return {"raw": len(data), "gzip": len(gzip.compress(data, compresslevel=6, mtime=0))}


def prepare(workdir: Path, count: int, key: str, reuse: bool) -> dict:
    project = workdir / str(count) / key
    site_dir = project / "site"
    if reuse and (site_dir / "index.html").is_file():
        print(f"N={count} {SITES[key][0]}: reusing {site_dir}", flush=True)
        return {"site_dir": site_dir, "build_seconds": None}
    SITES[key][1](project, count)
    measure = timed_build(project, site_dir)
    print(f"N={count} {SITES[key][0]}: built in {measure.seconds:.1f} s ({site_dir})", flush=True)
    return {"site_dir": site_dir, "build_seconds": measure.seconds}


class Downloads:
    """Encoded bytes (body and headers) of the responses the browser received
    from the network; a response from the HTTP cache has none. ``total``:
    while counting (from the tap to the first answer); ``search``: the
    search's own files (index, worker, lunr) since the page was opened,
    whenever they came."""

    SEARCH_FILES = ("/search/search_index.json", "/javascripts/workers/", "/javascripts/lunr/")

    def __init__(self, page) -> None:
        self.total = self.search = 0
        self.counting = False
        self.responses: list[tuple[str, int]] = []
        page.on("requestfinished", self._finished)

    def _finished(self, request) -> None:
        sizes = request.sizes()
        size = sizes["responseBodySize"] + sizes["responseHeadersSize"]
        if any(part in request.url for part in self.SEARCH_FILES):
            self.search += size
        if self.counting:
            self.total += size
            self.responses.append((request.url, size))

    def new_page(self) -> None:
        self.search = 0

    def start(self) -> None:
        self.total, self.counting, self.responses = 0, True, []

    def stop(self) -> int:
        self.counting = False
        return self.total


def arm(page, selector: str, event: str, predicate: str) -> None:
    page.evaluate(_ARM, [selector, event, predicate])


def result(page) -> dict:
    return page.wait_for_function("window.__benchResult", timeout=TIMEOUT_MS).json_value()


def open_search(page, url: str, downloads: Downloads) -> dict:
    downloads.new_page()
    page.goto(url, wait_until="load")
    page.wait_for_timeout(IDLE_MS)
    arm(page, "window", "pointerdown", _READY)
    downloads.start()
    page.locator(SEARCH_BUTTON).tap()
    return result(page)


def ask(page, query: str) -> dict:
    field = page.locator(FIELD)
    field.fill("")
    field.press("End")
    page.wait_for_function(f"!({_FIRST_RESULT})", timeout=TIMEOUT_MS)
    arm(page, FIELD, "input", _ANSWERED)
    field.fill(query)
    field.press("End")
    timing = result(page)
    meta = page.locator(".md-search-result__meta")
    page.wait_for_function("document.querySelector('.md-search-result__meta').textContent.includes('trouvé')", timeout=TIMEOUT_MS)
    # This site may still replace an empty answer by an approximate one.
    page.wait_for_timeout(IDLE_MS)
    return {"ms": timing["ms"], "found": meta.inner_text().strip()}


def visit(browser, root: str, pages: tuple[str, str]) -> dict:
    context = browser.new_context(**MOBILE)
    try:
        page = context.new_page()
        page.set_default_timeout(TIMEOUT_MS)
        downloads = Downloads(page)
        ready = open_search(page, root + pages[0], downloads)
        answers = {}
        for number, query in enumerate(QUERIES):
            answers[query] = ask(page, query)
            if number == 0:
                first_bytes, first_search = downloads.stop(), downloads.search
        next_ready = open_search(page, root + pages[1], downloads)
        ask(page, QUERIES[0])
        next_bytes, next_search = downloads.stop(), downloads.search
        return {
            "ready_ms": ready["ms"],
            "ready_before_tap": ready["before"],
            "queries": answers,
            "next_ready_ms": next_ready["ms"],
            "bytes": first_bytes,
            "search_bytes": first_search,
            "next_bytes": next_bytes,
            "next_search_bytes": next_search,
        }
    finally:
        context.close()


def print_run(run: int, count: int, site: str, figures: dict) -> None:
    queries = " ".join(f"{figures['queries'][q]['ms']:>9.0f}" for q in QUERIES)
    print(
        f"{run:>3} {count:>5} {site:15} {figures['ready_ms']:>8.0f} {queries} {figures['next_ready_ms']:>8.0f} "
        f"{figures['bytes'] / 1024:>8.1f} {figures['search_bytes'] / 1024:>9.1f} {figures['next_bytes'] / 1024:>8.1f}",
        flush=True,
    )


def medians(runs: list[dict]) -> dict[str, float]:
    figures = {
        "ready_ms": statistics.median(r["ready_ms"] for r in runs),
        "next_ready_ms": statistics.median(r["next_ready_ms"] for r in runs),
        "bytes": statistics.median(r["bytes"] for r in runs),
        "search_bytes": statistics.median(r["search_bytes"] for r in runs),
        "next_bytes": statistics.median(r["next_bytes"] for r in runs),
        "next_search_bytes": statistics.median(r["next_search_bytes"] for r in runs),
    }
    for query in QUERIES:
        figures[query] = statistics.median(r["queries"][query]["ms"] for r in runs)
    return figures


def commit() -> str | None:
    result = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True, check=False)
    return result.stdout.strip() or None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000, 5000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sites", default="ours,plain", help="ours, plain, or both (default)")
    parser.add_argument("--workdir", type=Path, help="where the sites are built (default: a temporary folder)")
    parser.add_argument("--reuse", action="store_true", help="do not rebuild a size whose site/ is in --workdir")
    parser.add_argument("--output", type=Path, default=Path(__file__).resolve().parent / "search.json")
    args = parser.parse_args()
    keys = [key.strip() for key in args.sites.split(",") if key.strip()]
    if not keys or any(key not in SITES for key in keys):
        parser.error(f"--sites: a comma-separated list of {', '.join(SITES)}")
    if not CHROMIUM.exists():
        raise SystemExit(f"{CHROMIUM} is missing: apt-get install chromium")

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="search-bench-") as scratch:
        workdir = args.workdir or Path(scratch)
        report: dict = {
            "date": dt.date.today().isoformat(),
            "commit": commit(),
            "queries": list(QUERIES),
            "sizes": {},
        }
        header = " ".join(f"{q[:9]:>9}" for q in QUERIES)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=[*CHROMIUM_ARGS, NO_OTHER_HOST])
            try:
                for count in args.sizes:
                    sites = {key: prepare(workdir, count, key, args.reuse) for key in keys}
                    for key, site in sites.items():
                        site["index"] = index_sizes(site["site_dir"])
                        site["root"] = serve_site(site["site_dir"])
                        site["pages"] = articles(site["site_dir"])
                        site["runs"] = []
                        print(
                            f"N={count} {SITES[key][0]}: search_index.json {site['index']['raw'] / 1024:,.0f} KB raw, "
                            f"{site['index']['gzip'] / 1024:,.0f} KB gzipped",
                            flush=True,
                        )
                    print(
                        f"\n{'run':>3} {'N':>5} {'site':15} {'ready ms':>8} {header} {'next ms':>8} {'KB':>8} {'search KB':>9} {'next KB':>8}"
                    )
                    for run in range(1, args.runs + 1):
                        order = keys if run % 2 else keys[::-1]
                        for key in order:
                            figures = visit(browser, sites[key]["root"], sites[key]["pages"])
                            sites[key]["runs"].append(figures)
                            print_run(run, count, SITES[key][0], figures)
                    print(f"\nN={count}, medians of {args.runs} runs (first result: ms per query)")
                    summary = {key: medians(sites[key]["runs"]) for key in keys}
                    for key in keys:
                        m = summary[key]
                        found = ", ".join(f"{q} {m[q]:.0f}" for q in QUERIES)
                        print(
                            f"    {SITES[key][0]:15} ready {m['ready_ms']:.0f} ms, first result: {found}; "
                            f"next page ready {m['next_ready_ms']:.0f} ms; downloaded {m['bytes'] / 1024:.1f} KB "
                            f"(search files {m['search_bytes'] / 1024:.1f} KB), next page {m['next_bytes'] / 1024:.1f} KB"
                        )
                    for key in keys:
                        found = "; ".join(f"{q}: {sites[key]['runs'][0]['queries'][q]['found']}" for q in QUERIES)
                        print(f"    {SITES[key][0]:15} {found}")
                    ratios = {}
                    if set(keys) == set(SITES):
                        for name in ("ready_ms", *QUERIES, "next_ready_ms", "bytes", "search_bytes"):
                            plain = summary["plain"][name]
                            ratios[name] = summary["ours"][name] / plain if plain else None
                        print(
                            "    this site / plain Material: "
                            + ", ".join(f"{name} {ratio:.2f}" if ratio is not None else f"{name} -" for name, ratio in ratios.items())
                        )
                    report["sizes"][str(count)] = {
                        "sites": {
                            key: {
                                "build_seconds": sites[key]["build_seconds"],
                                "search_index": sites[key]["index"],
                                "pages": sites[key]["pages"],
                                "runs": sites[key]["runs"],
                                "medians": summary[key],
                            }
                            for key in keys
                        },
                        "ratios": ratios,
                    }
                    print(flush=True)
            finally:
                browser.close()
        args.output.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"written {args.output}")


if __name__ == "__main__":
    main()
