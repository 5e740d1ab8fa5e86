"""The pull-request preview, opened the way a writer opens it: unzipped, then
``index.html`` double-clicked, so a ``file://`` URL with no server.

The preview is built exactly as the workflow's "Build the preview" step
builds it (its ``run`` and ``env``, read from
``.github/workflows/pull-request.yml``), into the folder its upload step
uploads, from a copy of the real site plus one article of this test's own:
an image next to it, a topic of its own and a word found nowhere else.
"""

from __future__ import annotations

import os
import re
import shlex
import struct
import subprocess
import sys
import zlib
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
import yaml
from playwright.sync_api import Page, expect

from sitebuild import copy_site

ROOT = Path(__file__).resolve().parents[2]
WORKFLOW = ROOT / ".github" / "workflows" / "pull-request.yml"

ARTICLE_FILE = "docs/blog/posts/2024-05-02-salon-professionnel.md"
ARTICLE_TITLE = "Réussir son stand au salon professionnel"
TOPIC = "Salons professionnels"
# Found in this article only; typed without its accent in the search box.
WORD = "kakemono"
ARTICLE = f"""---
title: {ARTICLE_TITLE}
date: 2024-05-02
authors: [amelie]
tags: [marketing, {TOPIC}]
---

Un stand se prépare trois semaines avant le salon.

![Plan du stand](img/plan-du-stand.png)

## Le matériel

Le kakémono se voit de loin : il porte le nom de l'offre, pas celui de
l'entreprise.
"""


def _png(width: int, height: int) -> bytes:
    """A valid RGB PNG of one colour (no imaging library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    row = b"\x00" + b"\x33\x66\x99" * width
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(row * height))
        + chunk(b"IEND", b"")
    )


def _preview_steps() -> tuple[dict, dict]:
    """The workflow's preview build step and the step that uploads it."""
    document = yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))
    steps = [step for job in document["jobs"].values() for step in job.get("steps") or []]
    build = [step for step in steps if step.get("id") == "preview"]
    upload = [step for step in steps if (step.get("with") or {}).get("name") == "site-preview"]
    assert len(build) == 1, f"{WORKFLOW}: no single step with `id: preview`"
    assert len(upload) == 1, f"{WORKFLOW}: no single step uploading the `site-preview` artifact"
    return build[0], upload[0]


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The preview folder, built by the workflow's own command."""
    build_step, upload_step = _preview_steps()
    command = shlex.split(build_step["run"])
    assert command[:2] == ["mkdocs", "build"], f"unexpected preview command: {build_step['run']}"
    project = copy_site(tmp_path_factory.mktemp("preview"))
    article = project / ARTICLE_FILE
    article.write_text(ARTICLE, encoding="utf-8")
    (article.parent / "img").mkdir(exist_ok=True)
    (article.parent / "img" / "plan-du-stand.png").write_bytes(_png(64, 40))
    # Older articles, enough for the blog's lists to have a second page.
    for day in range(1, 13):
        (article.parent / f"2023-01-{day:02d}-note-{day}.md").write_text(
            f"---\ntitle: Note de terrain {day}\ndate: 2023-01-{day:02d}\nauthors: [amelie]\ntags: [marketing]\n---\n\nTexte.\n",
            encoding="utf-8",
        )

    step_env = {key: str(value) for key, value in (build_step.get("env") or {}).items()}
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1", **step_env}
    environment.pop("SITE_URL", None)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", *command[1:]],
        cwd=project,
        env=environment,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    reproduce = f"to reproduce: cd {project} && {' '.join(f'{k}={v}' for k, v in step_env.items())} {build_step['run']}"
    assert result.returncode == 0, f"preview build failed:\n{result.stdout}{result.stderr}\n{reproduce}"
    site = project / upload_step["with"]["path"]
    assert (site / "index.html").is_file(), f"no index.html in the uploaded folder {site}\n{reproduce}"
    return site


@pytest.fixture
def file_page(browser, chromium_path: Path):
    """A page in a fresh context that records every request and aborts any
    that is not for a local file; fails at teardown on those and on
    uncaught script errors."""
    foreign: list[str] = []
    errors: list[str] = []
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="fr-FR")
    context.set_default_timeout(10_000)

    def guard(route) -> None:
        foreign.append(route.request.url)
        route.abort("blockedbyclient")

    context.route(lambda url: not url.startswith(("file:", "data:", "about:")), guard)
    page = context.new_page()
    page.on("pageerror", lambda error: errors.append(f"{page.url}: {error}"))
    yield page
    context.close()
    assert not errors, "uncaught script error(s):\n  " + "\n  ".join(errors)
    assert not foreign, "the preview requested the network:\n  " + "\n  ".join(foreign)


def _image_loaded(page: Page, selector: str) -> int:
    image = page.locator(selector).first
    expect(image).to_be_visible()
    return image.evaluate("(img) => img.complete ? img.naturalWidth : 0")


def test_writer_browses_searches_and_follows_a_topic(preview: Path, file_page: Page) -> None:
    page = file_page
    page.goto((preview / "index.html").as_uri())
    expect(page.locator("h1").first).to_be_visible()

    # Home page -> the article, by its title in the latest articles.
    page.locator("ul.derniers-articles a", has_text=ARTICLE_TITLE).click()
    expect(page).to_have_url(re.compile(r"^file://.*/blog/2024/05/02/reussir-son-stand-au-salon-professionnel\.html$"))
    expect(page.locator("h1")).to_have_text(re.compile("^" + re.escape(ARTICLE_TITLE)))
    assert _image_loaded(page, "article img[alt='Plan du stand']") == 64, "the article's image did not load"

    # Back to the home page through the header's tabs, then search.
    page.locator(".md-tabs a", has_text="Accueil").click()
    expect(page).to_have_url(re.compile(r"/index\.html$"))
    field = page.locator("input.md-search__input")
    field.click()
    meta = page.locator(".md-search-result__meta")
    expect(meta).to_have_text("Taper pour démarrer la recherche")
    field.fill(WORD)
    field.press("End")
    expect(meta).to_have_text(re.compile("trouvé"))
    result = page.locator(".md-search-result__list a.md-search-result__link", has_text=ARTICLE_TITLE).first
    expect(result).to_be_visible()
    result.click()
    # The link carries the word as the article writes it, accent included,
    # so that the page highlights it (search-worker.js).
    expect(page).to_have_url(re.compile(r"salon-professionnel\.html\?h=kak%C3%A9mono"))
    expect(page.locator("h1")).to_have_text(re.compile("^" + re.escape(ARTICLE_TITLE)))
    expect(page.locator("mark", has_text="kakémono").first).to_be_visible()

    # The article's topic -> the topics page, at that topic, listing it.
    page.locator("a.md-tag", has_text=TOPIC).first.click()
    expect(page).to_have_url(re.compile(r"/tags\.html#tag:salons-professionnels$"))
    topic = page.locator("[id='tag:salons-professionnels']")
    expect(topic).to_have_count(1)
    listed = page.locator("a[href$='salon-professionnel.html']", has_text=ARTICLE_TITLE)
    expect(listed.first).to_be_visible()
    listed.first.click()
    expect(page.locator("h1")).to_have_text(re.compile("^" + re.escape(ARTICLE_TITLE)))


def test_search_of_an_existing_article_without_accents(preview: Path, file_page: Page) -> None:
    """The search of the real site's article, from a page deeper than the
    home page (the worker's scripts are found relative to the page)."""
    page = file_page
    page.goto((preview / "guide" / "publier-un-article.html").as_uri())
    field = page.locator("input.md-search__input")
    field.click()
    expect(page.locator(".md-search-result__meta")).to_have_text("Taper pour démarrer la recherche")
    field.fill("strategie smarketing")
    field.press("End")
    link = page.locator(".md-search-result__list a[href*='comment-aligner-le-marketing-et-les-ventes.html']")
    expect(link.first).to_be_visible()


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value and (
                (tag == "a" and name == "href") or (tag in {"img", "script"} and name == "src") or (tag == "link" and name == "href")
            ):
                self.targets.append(value)


def test_every_local_link_of_the_preview_opens_a_file(preview: Path) -> None:
    """No link ends on a folder (`tags/`), which a file:// URL cannot open.
    404.html is left out: a server shows it, with links from the site's root."""
    broken: list[str] = []
    pages = sorted(path for path in preview.rglob("*.html") if path != preview / "404.html")
    assert len(pages) > 5, pages
    for html in pages:
        parser = _Links()
        parser.feed(html.read_text(encoding="utf-8"))
        for target in parser.targets:
            parts = urlsplit(target)
            if parts.scheme or parts.netloc or not parts.path:
                continue  # another site, mailto:, or an anchor of the same page
            resolved = (html.parent / unquote(parts.path)).resolve()
            if not resolved.is_file():
                broken.append(f"{html.relative_to(preview)}: {target}")
    assert not broken, f"{len(broken)} link(s) of the preview open no file:\n  " + "\n  ".join(sorted(set(broken))[:30])


def test_the_preview_loads_no_script_from_the_network(preview: Path) -> None:
    remote = sorted(
        {
            f"{html.relative_to(preview)}: {src}"
            for html in preview.rglob("*.html")
            for src in re.findall(r"<script[^>]*\bsrc=\"((?:https?:)?//[^\"]+)\"", html.read_text(encoding="utf-8"))
        }
    )
    assert not remote, "remote scripts in the preview:\n  " + "\n  ".join(remote[:20])


def test_the_published_site_is_not_the_preview(site_dir: Path) -> None:
    """Without SITE_PREVIEW, the build is the published one: directory URLs,
    no inlined index, no worker shim."""
    assert (site_dir / "tags" / "index.html").is_file()
    assert not (site_dir / "search" / "search_index.js").exists()
    assert "IFrameWorker" not in (site_dir / "index.html").read_text(encoding="utf-8")
