"""`make serve` as a writer uses it: a real `mkdocs serve --livereload` on a
copy of the site, the article open in Chromium, the article saved with a new
title. The page reloads by itself (MkDocs' livereload), and the old address
sends the browser to the new one (hooks/fast_preview.py).
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import expect

from sitebuild import copy_site

SEED = "docs/blog/posts/2020-12-01-aligner-marketing-et-ventes.md"
OLD_ADDRESS = "blog/2020/12/01/comment-aligner-le-marketing-et-les-ventes/"
NEW_ADDRESS = "blog/2020/12/01/marketing-et-ventes-le-meme-cap/"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _wait_served(url: str, deadline: float) -> None:
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except (urllib.error.URLError, ConnectionError, TimeoutError):
            time.sleep(0.2)
    raise TimeoutError(url)


def _status(url: str) -> int:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


@pytest.fixture
def served(tmp_path: Path) -> Iterator[tuple[Path, str]]:
    project = copy_site(tmp_path / "project")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    # As the Makefile's serve target runs it.
    command = [sys.executable, "-m", "mkdocs", "serve", "--dev-addr", f"127.0.0.1:{port}", "--livereload"]
    environment = {**os.environ, "SITE_URL": url, "NO_MKDOCS_2_WARNING": "1"}
    log = (tmp_path / "serve.log").open("w", encoding="utf-8")
    process = subprocess.Popen(command, cwd=project, env=environment, stdout=log, stderr=subprocess.STDOUT)
    try:
        _wait_served(url + OLD_ADDRESS, time.monotonic() + 180)
        yield project, url
    finally:
        process.terminate()
        process.wait(timeout=30)
        log.close()
        print(f"mkdocs serve's log: {tmp_path / 'serve.log'}; to reproduce: cd {project} && SITE_URL={url} mkdocs serve --livereload")


def test_a_writer_renaming_an_article_is_taken_to_its_new_address(served: tuple[Path, str], new_page) -> None:
    project, url = served
    page = new_page()
    page.goto(url + OLD_ADDRESS)
    # The front matter's title (the body starts with a heading of its own).
    expect(page).to_have_title(re.compile(r"^Comment aligner le marketing et les ventes \? - "))
    # Seconds pass between the page showing and the save, as for a writer.
    page.wait_for_timeout(1000)

    seed = project / SEED
    text = seed.read_text(encoding="utf-8")
    seed.write_text(
        text.replace('title : "comment aligner le marketing et les ventes ?"', "title : Marketing et ventes, le même cap"), encoding="utf-8"
    )

    page.wait_for_url(url + NEW_ADDRESS, timeout=60_000)
    expect(page).to_have_title("Marketing et ventes, le même cap - Base de connaissances Ventes & Marketing", timeout=60_000)
    # Then the site is rebuilt whole, and the old address is gone.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline and _status(url + OLD_ADDRESS) != 404:
        time.sleep(0.5)
    assert _status(url + OLD_ADDRESS) == 404
    expect(page).to_have_title("Marketing et ventes, le même cap - Base de connaissances Ventes & Marketing")
