#!/usr/bin/env python3
"""What the normalisation costs: the core alone, and the hooks in a full build.

    python bench/normalization.py [--count 1000] [--runs 3]

Measured in one run, on the same generated articles:
- the core's throughput on one core (articles normalised per second);
- the full build of the messy site with the hooks, against the build of the
  same articles already in canonical form without the normalisation hook.
Builds alternate (with, without, with, ...) and the best CPU time of each is kept,
so that load from other processes weighs on both alike.
Targets (issue 3): at least 2,000 articles/s; hooks add at most 5%.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from articles import normalize_collection
from articles.site import load_site
from sites import NORMALIZE_HOOK, generate, messy_site, normalised_site, timed_build


def core_throughput(count: int, runs: int) -> float:
    sources = [(f"blog/posts/{name}", content) for name, content in generate(count)]
    site = load_site(Path(__file__).resolve().parent.parent)
    best = float("inf")
    for _ in range(runs):
        context = site.context()
        context.asset_exists = frozenset().__contains__  # the hook checks a set of known files
        start = time.perf_counter()
        normalize_collection(sources, context)
        best = min(best, time.perf_counter() - start)
    return count / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    rate = core_throughput(args.count, args.runs)
    print(f"core: {rate:,.0f} articles/s on one core ({args.count} articles, best of {args.runs}; target ≥ 2,000)")

    with tempfile.TemporaryDirectory() as temporary:
        folder = Path(temporary)
        with_hooks = messy_site(folder / "with-hooks", args.count)
        without = normalised_site(folder / "without-hooks", args.count)
        times: dict[str, list[float]] = {"with": [], "without": []}
        peaks: dict[str, float] = {"with": 0.0, "without": 0.0}
        shares: list[float] = []
        for _ in range(args.runs):
            for name, project in (("with", with_hooks), ("without", without)):
                measure = timed_build(project, workers=False)  # CPU time of one process
                times[name].append(measure.cpu)
                peaks[name] = max(peaks[name], measure.peak_mb)
                if name == "with":
                    shares.append(measure.events.get(NORMALIZE_HOOK, 0.0) / measure.cpu)
    best = {name: min(values) for name, values in times.items()}
    ratio = best["with"] / best["without"]
    print(f"build, {args.count} articles, CPU time (user + system), best of {args.runs}:")
    print(
        f"  with the normalisation hooks:    {best['with']:7.2f} s  peak {peaks['with']:6.0f} MB  (runs: {', '.join(f'{t:.2f}' for t in times['with'])})"
    )
    print(
        f"  canonical files, no hook:        {best['without']:7.2f} s  peak {peaks['without']:6.0f} MB  (runs: {', '.join(f'{t:.2f}' for t in times['without'])})"
    )
    print(f"  ratio with/without: {ratio:.3f} (hooks add {100 * (ratio - 1):+.1f}%; target ≤ +5%)")
    print(
        f"  the normalisation hook's own events, measured inside the build: {100 * min(shares):.1f}% of its CPU time"
        f" (runs: {', '.join(f'{100 * share:.1f}%' for share in shares)})"
    )


if __name__ == "__main__":
    main()
