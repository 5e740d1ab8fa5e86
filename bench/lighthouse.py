#!/usr/bin/env python3
"""Lighthouse scores of the home page and an article, several runs in a row.

    python bench/lighthouse.py [--runs 3]

Runs the browser test ``tests/browser/test_lighthouse.py`` (which builds the
site, serves it gzipped on 127.0.0.1 and runs Lighthouse 12.2.3, mobile
profile, on Debian's Chromium) ``--runs`` times, then prints each score, the
bytes transferred and Lighthouse's CPU benchmark index of the machine, from
the JSON reports. The performance score is a timing: read it with the
benchmark index beside it (Lighthouse calibrates on an index around 1,000 and
more; a loaded machine scores lower).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORTS = ROOT / "tests" / "output"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    print(f"{'run':>3} {'page':8} {'perf':>5} {'a11y':>5} {'bp':>5} {'KiB':>6} {'TBT ms':>7} {'cpu index':>9}")
    for run in range(1, args.runs + 1):
        subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests/browser/test_lighthouse.py"],
                       cwd=ROOT, check=False, capture_output=True)
        for page in ("home", "article"):
            report = json.loads((REPORTS / f"lighthouse-{page}.json").read_text(encoding="utf-8"))
            score = {name: category["score"] for name, category in report["categories"].items()}
            audits = report["audits"]
            print(f"{run:>3} {page:8} {score['performance']:5.2f} {score['accessibility']:5.2f} {score['best-practices']:5.2f} "
                  f"{audits['total-byte-weight']['numericValue'] / 1024:6.1f} {audits['total-blocking-time']['numericValue']:7.0f} "
                  f"{report['environment']['benchmarkIndex']:9.0f}")


if __name__ == "__main__":
    main()
