"""Lighthouse (npm, pinned in package.json) on the home page and an article.

Mobile form factor (Lighthouse's default: Moto G Power viewport, simulated
slow 4G and 4x CPU slowdown), Debian's Chromium. Accessibility and best
practices must each score at least 0.95, and a page's first view must
transfer less than 500 KB. The performance score is a timing: on these
shared machines it moves with the load (the project measures timings with
benchmark scripts, never with tests), so it is printed here and tabulated
by ``bench/lighthouse.py``, not asserted. The JSON reports are written to
tests/output/lighthouse-*.json.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path

import pytest

CATEGORIES = ("performance", "accessibility", "best-practices")
ASSERTED = ("accessibility", "best-practices")
MIN_SCORE = 0.95
MAX_FIRST_VIEW_BYTES = 500_000
PAGES = {
    "home": "",
    "article": "blog/2020/12/01/comment-aligner-le-marketing-et-les-ventes/",
}


@pytest.fixture(scope="session")
def lighthouse(repo_root: Path) -> Path:
    executable = repo_root / "node_modules" / ".bin" / "lighthouse"
    if not executable.exists() or shutil.which("node") is None:
        message = f"Lighthouse is missing ({executable}): install Node.js, then run `npm ci` in {repo_root}."
        if os.environ.get("CI"):
            pytest.fail(f"CI is set and {message}", pytrace=False)
        pytest.skip(message)
    return executable


def run_lighthouse(
    executable: Path, url: str, report_path: Path, chromium_path: Path, chromium_args: list[str], *, cwd: Path
) -> subprocess.CompletedProcess[str]:
    """Lighthouse on URL, its JSON report written to REPORT_PATH (also used
    by bench/lighthouse.py, so that the benchmark measures what the test does)."""
    command = [
        str(executable),
        url,
        "--output=json",
        f"--output-path={report_path}",
        f"--only-categories={','.join(CATEGORIES)}",
        f"--chrome-flags={' '.join(chromium_args)}",
        "--quiet",
    ]
    environment = {**os.environ, "CHROME_PATH": str(chromium_path)}
    return subprocess.run(command, cwd=cwd, env=environment, capture_output=True, text=True, timeout=180)


def _failing_audits(report: dict, category: str) -> list[str]:
    """The weighted audits of CATEGORY that did not get full marks."""
    audits = report["audits"]
    lines = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        score = audit.get("score")
        if ref["weight"] and score is not None and score < 1:
            shown = audit.get("displayValue") or ""
            lines.append(f"    {ref['id']} (weight {ref['weight']}): score {score} {shown} — {audit['title']}")
    return lines


@pytest.mark.parametrize("name", list(PAGES))
def test_lighthouse_scores(
    name: str,
    lighthouse: Path,
    chromium_path: Path,
    chromium_args: list[str],
    base_url: str,
    output_dir: Path,
    repo_root: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    url = base_url + PAGES[name]
    report_path = output_dir / f"lighthouse-{name}.json"
    result = run_lighthouse(lighthouse, url, report_path, chromium_path, chromium_args, cwd=repo_root)
    assert result.returncode == 0, f"lighthouse failed (exit {result.returncode}):\n{result.stdout}{result.stderr}"

    report = json.loads(report_path.read_text(encoding="utf-8"))
    assert not report.get("runtimeError"), f"{url}: {report['runtimeError']}"
    scores = {category: report["categories"][category]["score"] for category in CATEGORIES}
    total_bytes = report["audits"]["total-byte-weight"]["numericValue"]
    summary = (
        f"Lighthouse {report['lighthouseVersion']} {name} ({url}): "
        + ", ".join(f"{category} {score:.2f}" for category, score in scores.items())
        + f"; {total_bytes / 1024:.1f} KiB transferred ({total_bytes:.0f} bytes)"
        + f"; host CPU benchmark index {report['environment']['benchmarkIndex']:.0f}"
        + f"; report: {report_path}"
        + "".join(f"\n  warning: {warning}" for warning in report.get("runWarnings", []))
    )
    with capsys.disabled():
        print("\n" + summary)

    low = [category for category in ASSERTED if scores[category] is None or scores[category] < MIN_SCORE]
    details = "\n".join(f"  {category}: {scores[category]}\n" + "\n".join(_failing_audits(report, category)) for category in low)
    assert not low, f"{summary}\nbelow {MIN_SCORE}:\n{details}"
    assert total_bytes < MAX_FIRST_VIEW_BYTES, f"{summary}\nthe first view transfers more than {MAX_FIRST_VIEW_BYTES} bytes"
