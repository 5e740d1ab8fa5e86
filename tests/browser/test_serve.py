"""`make serve` as a writer uses it: a real `mkdocs serve --livereload` on a
copy of the site, the article open in Chromium, the article saved with a new
title: the page reloads by itself (MkDocs' livereload), and the old address
sends the browser to the new one (hooks/fast_preview.py). And a new article
saved: its page is served before the site is rebuilt, in its place among
the others.
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


# As a writer adds one: French keys, the seed's author, rubrique and topics (their pages exist).
NEW_ARTICLE = (
    "---\ntitre : Préparer le salon de printemps\ndate : 15/12/2020\nauteur : Amelie\nrubrique : Articles\n"
    "tags : marketing, actualité\n---\n\nTrois semaines avant le salon, tout se joue sur la liste des invités.\n"
)
NEW_ARTICLE_ADDRESS = "blog/2020/12/15/preparer-le-salon-de-printemps/"


def test_a_new_article_is_served_before_the_site_is_rebuilt(served: tuple[Path, str], new_page) -> None:
    project, url = served
    page = new_page()
    page.goto(url + OLD_ADDRESS)
    page.wait_for_timeout(1000)

    (project / "docs/blog/posts/salon-de-printemps.md").write_text(NEW_ARTICLE, encoding="utf-8")

    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and _status(url + NEW_ARTICLE_ADDRESS) != 200:
        time.sleep(0.1)
    log = (project.parent / "serve.log").read_text(encoding="utf-8")
    assert "salon-de-printemps.md ajouté en " in log and f"(adresse : /{NEW_ARTICLE_ADDRESS})" in log, log[-3000:]
    page.goto(url + NEW_ARTICLE_ADDRESS)
    expect(page).to_have_title("Préparer le salon de printemps - Base de connaissances Ventes & Marketing")
    expect(page.locator("article")).to_contain_text("la liste des invités")
    # Its place among the articles: the older one is its "previous".
    previous = page.locator("a.md-footer__link--prev")
    expect(previous).to_contain_text("Comment aligner le marketing et les ventes ?")
    previous.click()
    page.wait_for_url(url + OLD_ADDRESS)
    # Then the site is rebuilt whole: the blog's index lists it.
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        with urllib.request.urlopen(url + "blog/", timeout=5) as response:
            if "Préparer le salon de printemps" in response.read().decode("utf-8"):
                break
        time.sleep(0.5)
    page.goto(url + "blog/")
    expect(page.locator("article").first).to_contain_text("Préparer le salon de printemps")
