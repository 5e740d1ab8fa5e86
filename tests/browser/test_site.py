"""What readers do on the built site, in Chromium: search, browse topics,
switch to dark mode, read on a phone; and what axe-core finds on each page.

Every page state is saved as a PNG in tests/output/screenshots/ (gitignored)
and checked not to be blank.
"""

from __future__ import annotations

import base64
import json
import re
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

ARTICLE = "blog/2020/12/01/comment-aligner-le-marketing-et-les-ventes/"
ARTICLE_TITLE = "Comment aligner le marketing et les ventes ?"
# The article's h1, followed by its permalink (¶).
ARTICLE_H1 = re.compile("^" + re.escape(ARTICLE_TITLE))

# Measured with Chromium 156 at 1280x900: a blank page gives a 5 KB PNG of
# one colour; a bare <h1> on white, 7 KB and ~130 colours (anti-aliasing);
# the site's pages, 70 KB to 2 MB and 600 to 1,500 colours.
MIN_PNG_BYTES = 20_000
MIN_COLOURS = 200

BLOCKING_IMPACTS = {"serious", "critical"}


# Helpers ---------------------------------------------------------------------


def _count_colours(browser, png: bytes) -> int:
    """Distinct RGBA values of a PNG, decoded by Chromium's own canvas."""
    context = browser.new_context()
    try:
        decoder = context.new_page()
        return decoder.evaluate(
            """async (source) => {
                const image = new Image();
                image.src = source;
                await image.decode();
                const canvas = new OffscreenCanvas(image.naturalWidth, image.naturalHeight);
                const context2d = canvas.getContext("2d");
                context2d.drawImage(image, 0, 0);
                const pixels = new Uint32Array(
                    context2d.getImageData(0, 0, canvas.width, canvas.height).data.buffer);
                return new Set(pixels).size;
            }""",
            "data:image/png;base64," + base64.b64encode(png).decode("ascii"),
        )
    finally:
        context.close()


def _screenshot(page: Page, directory: Path, name: str, *, full_page: bool = False) -> Path:
    """Save the page as NAME.png and check that it shows a rendered page."""
    heading = page.locator("h1:visible").first
    expect(heading).to_be_visible()
    assert heading.inner_text().strip(), f"{name}: the visible h1 is empty"
    path = directory / f"{name}.png"
    png = page.screenshot(path=path, full_page=full_page)
    assert len(png) > MIN_PNG_BYTES, f"{path}: {len(png)} bytes, the page looks blank"
    colours = _count_colours(page.context.browser, png)
    assert colours >= MIN_COLOURS, f"{path}: only {colours} distinct colours, the page looks blank"
    return path


def _open_search(page: Page, query: str) -> None:
    """Type QUERY in the header's search box and wait for the results."""
    field = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    field.click()
    # "Initialisation de la recherche" until the worker has loaded the index.
    expect(meta).to_have_text("Taper pour démarrer la recherche", timeout=10_000)
    # Material sends a query on keyup: typing key by key would send one per
    # prefix ("e", "eq"...) and the answer to an early one could be read as
    # the answer to the full query. One fill, then one keyup.
    field.fill(query)
    field.press("End")
    # "N documents trouvés" or "Aucun document trouvé".
    expect(meta).to_have_text(re.compile(r"trouvé"), timeout=10_000)


def _axe_violations(page: Page) -> list[dict]:
    results = Axe().run(page)
    return [v for v in results.response["violations"] if v["impact"] in BLOCKING_IMPACTS]


def _describe(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']}")
        for node in violation["nodes"]:
            lines.append(f"    {' '.join(node['target'])}")
            summary = node.get("failureSummary", "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
    return "\n".join(lines)


# Home page -------------------------------------------------------------------


def test_home_lists_latest_articles(page: Page, screenshots_dir: Path) -> None:
    page.goto("")
    latest = page.locator("ul.derniers-articles")
    expect(latest).to_be_visible()
    link = latest.locator(f'a[href$="{ARTICLE}"]')
    expect(link).to_have_count(1)
    expect(link).to_have_text(ARTICLE_TITLE)
    _screenshot(page, screenshots_dir, "home")
    _screenshot(page, screenshots_dir, "home-full", full_page=True)

    link.click()
    expect(page).to_have_url(re.compile(re.escape(ARTICLE) + "$"))
    expect(page.locator("h1")).to_have_text(ARTICLE_H1)


# Search ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        # The article says « équipes commerciales »: both words, without
        # accents, singular.
        "equipe commerciale",
        # The article says « stratégie » (and the home page promises that
        # `strategie` finds it).
        "strategie",
        "smarketing",
    ],
)
def test_search_without_accents_finds_article(page: Page, screenshots_dir: Path, query: str) -> None:
    page.goto("")
    _open_search(page, query)
    results = page.locator(".md-search-result__list > li.md-search-result__item")
    found = [link.get_attribute("href") for link in page.locator(".md-search-result__list a").all()]
    group = results.filter(has=page.locator(f'a[href*="{ARTICLE}"]'))
    _screenshot(page, screenshots_dir, "search-" + re.sub(r"\W+", "-", query))
    assert group.count() == 1, f"{query!r}: the article is not among the results {found}"

    # Material lists the query terms a result lacks ("Non trouvé : <del>…");
    # with OR semantics, "equipe commerciale" would list the article on
    # "commerciale" alone. At least one of its sections must match every term.
    entries = group.locator("article.md-search-result__article")
    complete = []
    missing = set()
    for entry in entries.all():
        score = float(entry.get_attribute("data-md-score") or 0)
        # text_contents: the sections folded in <details> are not rendered.
        lacking = [t.strip() for t in entry.locator(".md-search-result__terms del").all_text_contents() if t.strip()]
        missing.update(lacking)
        if score > 0 and not lacking:
            complete.append(entry)
    assert complete, (
        f"{query!r}: the article is listed but none of its sections matches every term; Material reports as not found: {sorted(missing)}"
    )
    first_link = group.locator("a.md-search-result__link").first
    assert ARTICLE in (first_link.get_attribute("href") or "")


def test_search_shows_the_passage_of_a_word_far_down_and_highlights_it(page: Page, screenshots_dir: Path) -> None:
    """A word far down a long section finds the article; the result shows
    the passage that holds it, marked, instead of the article's opening;
    the page opened from it marks the word, typed without its accent
    (docs/assets/javascripts/search-worker.js)."""
    page.goto("")
    # « abréviation »: in the middle of the article's second section, typed
    # without its accent.
    _open_search(page, "abreviation")
    group = page.locator(".md-search-result__list > li.md-search-result__item").filter(has=page.locator(f'a[href*="{ARTICLE}"]'))
    _screenshot(page, screenshots_dir, "search-deep-word")
    assert group.count() == 1, "a word far down a section does not find the article"
    article_entry = group.locator("article.md-search-result__article").first
    expect(article_entry.locator(".md-search-result__terms")).to_have_count(0)
    expect(article_entry.locator("mark", has_text="abréviation")).to_have_count(1)
    shown = article_entry.inner_text()
    assert "smarketing - abréviation de Sales et Marketing" in shown and len(shown) < 400, shown
    group.locator("a.md-search-result__link").first.click()
    expect(page).to_have_url(re.compile(re.escape(ARTICLE) + r"\?h=abr%C3%A9viation$"))
    expect(page.locator("h1")).to_have_text(ARTICLE_H1)
    expect(page.locator("article mark", has_text="abréviation").first).to_be_visible()


def test_search_finds_a_word_next_to_punctuation(page: Page) -> None:
    """Words are indexed without the punctuation around them
    (overrides/assets/javascripts/lunr/min/lunr.fr.min.js): the writers'
    guide says « Les thèmes (tags) et les rubriques… » in the opening of its
    section "Thèmes et rubriques"."""
    page.goto("")
    _open_search(page, "tags")
    links = [link.get_attribute("href") or "" for link in page.locator(".md-search-result__list a").all()]
    assert any("guide/publier-un-article/" in link and "#themes-et-rubriques" in link for link in links), (
        f"searching « tags » does not find the guide's section where the word is in parentheses: {links}"
    )


def test_hidden_topic_finds_articles_without_showing_its_chip(page: Page, screenshots_dir: Path) -> None:
    # "Article" is hidden in docs/taxonomy.yml: searchable, never shown.
    page.goto("")
    _open_search(page, "article")
    group = page.locator(".md-search-result__list > li.md-search-result__item").filter(has=page.locator(f'a[href*="{ARTICLE}"]'))
    _screenshot(page, screenshots_dir, "search-hidden-topic")
    assert group.count() == 1, "searching the hidden topic does not find the article"
    chips = page.locator(".md-search-result .md-tag").all_text_contents()
    assert chips, "search results show no topics at all"
    assert "Article" not in [chip.strip() for chip in chips], chips


# Topics ----------------------------------------------------------------------


def test_tags_index_leads_to_article(page: Page, screenshots_dir: Path) -> None:
    page.goto("tags/")
    expect(page.locator("h1")).to_have_text(re.compile("^Thèmes"))
    headings = page.locator('article h2[id^="tag:"]')
    names = [name.strip() for name in headings.locator(".md-tag").all_inner_texts()]
    assert names, "the tags index lists no topic"
    assert all(names), f"a topic has an empty name: {names}"
    _screenshot(page, screenshots_dir, "tags")

    # A topic of the overview, then an article of that topic's list.
    topics = page.locator('article a.md-tag[href^="#tag:"]')
    assert topics.count(), f"the tags index has no link to a topic; topics: {names}"
    topic = topics.first
    anchor = unquote(topic.get_attribute("href") or "")[1:]
    topic.click()
    heading = page.locator(f'article h2[id="{anchor}"]')
    expect(heading).to_be_in_viewport()
    assert unquote(urlsplit(page.url).fragment) == anchor, page.url
    link = heading.locator("xpath=following-sibling::ul[1]").locator(f'a[href$="{ARTICLE}"]')
    expect(link).to_have_count(1)
    link.click()
    expect(page).to_have_url(re.compile(re.escape(ARTICLE) + "$"))
    expect(page.locator("h1")).to_have_text(ARTICLE_H1)
    _screenshot(page, screenshots_dir, "tags-to-article")


# Dark mode -------------------------------------------------------------------


PALETTE_SWITCH = "form[data-palette-switch]"


def test_dark_mode_toggle(page: Page, screenshots_dir: Path) -> None:
    page.goto(ARTICLE)
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "default")
    switch = page.locator(f"{PALETTE_SWITCH} label:visible")
    expect(switch).to_have_count(1)
    expect(switch).to_have_attribute("title", "Passer en mode sombre")
    switch.click()
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    expect(page.locator(f"{PALETTE_SWITCH} label:visible")).to_have_attribute("title", "Passer en mode clair")
    expect(page.locator("meta[name='color-scheme']")).to_have_attribute("content", "dark")
    background = page.evaluate("getComputedStyle(document.body).backgroundColor")
    _screenshot(page, screenshots_dir, "article-dark")
    assert background != "rgb(255, 255, 255)", f"dark mode left a white background ({background})"

    # The choice survives navigation.
    page.goto("")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    _screenshot(page, screenshots_dir, "home-dark")
    violations = _axe_violations(page)
    assert not violations, f"dark mode, {page.url}:\n" + _describe(violations)


def test_dark_system_gets_dark_palette_from_first_paint(new_page) -> None:
    """A first visit follows the system's preference, already when the page
    is parsed (Material's component switched later, after a light flash)."""
    page = new_page(color_scheme="dark")
    page.add_init_script(
        """document.addEventListener("DOMContentLoaded", () => {
            window.schemeWhenParsed = document.body.getAttribute("data-md-color-scheme");
        });"""
    )
    page.goto(ARTICLE)
    assert page.evaluate("window.schemeWhenParsed") == "slate"
    expect(page.locator(f"{PALETTE_SWITCH} label:visible")).to_have_attribute("title", "Passer en mode clair")
    # Enter on the focused switch moves to the next palette, as in Material.
    page.locator(f"{PALETTE_SWITCH} input").first.focus()
    page.keyboard.press("Enter")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")


def test_material_scripts_start_after_first_paint(page: Page) -> None:
    """Material's bundle runs once the whole page is parsed and a frame of it
    drawn, then works as before: here its search highlighting (?h=) marks
    the article's words."""
    page.add_init_script(
        """document.addEventListener("DOMContentLoaded", () => {
            window.parsedAt = performance.now();
            requestAnimationFrame(() => { window.frameAt = performance.now(); });
        });
        Object.defineProperty(window, "document$", {
            configurable: true,
            set(value) {
                Object.defineProperty(window, "document$", {value, writable: true, configurable: true});
                window.materialStartedAt = performance.now();
            },
        });"""
    )
    page.goto(ARTICLE + "?h=marketing")
    expect(page.locator("article mark").first).to_be_visible()
    times = page.evaluate("({parsed: window.parsedAt, frame: window.frameAt, material: window.materialStartedAt})")
    assert None not in times.values(), times
    assert times["material"] > times["parsed"], f"Material's bundle ran before the page was parsed: {times}"
    assert times["material"] > times["frame"], f"Material's bundle ran before a frame of the page was drawn: {times}"
    assert "no-js" not in page.evaluate("document.documentElement.className")


# Phone -----------------------------------------------------------------------


def test_article_fits_phone_width(new_page, screenshots_dir: Path) -> None:
    page = new_page(
        viewport={"width": 390, "height": 844},
        device_scale_factor=3,
        is_mobile=True,
        has_touch=True,
    )
    page.goto(ARTICLE)
    expect(page.locator("h1")).to_have_text(ARTICLE_H1)
    sizes = page.evaluate("({scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth})")
    overflowing = page.evaluate(
        """() => [...document.querySelectorAll("body *")]
            .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1
                         && getComputedStyle(e).visibility !== "hidden"
                         && e.getClientRects().length)
            .slice(0, 10)
            .map(e => e.tagName.toLowerCase() + (e.className ? "." + String(e.className).trim().split(/\\s+/).join(".") : ""))"""
    )
    _screenshot(page, screenshots_dir, "article-phone")
    _screenshot(page, screenshots_dir, "article-phone-full", full_page=True)
    assert sizes["scrollWidth"] <= sizes["innerWidth"], (
        f"the article scrolls sideways on a 390px phone: {sizes}; elements past the right edge: {overflowing}"
    )


# Accessibility ---------------------------------------------------------------


def _goto_home(page: Page) -> None:
    page.goto("")


def _goto_article(page: Page) -> None:
    page.goto(ARTICLE)


def _goto_tags(page: Page) -> None:
    page.goto("tags/")


def _goto_search_results(page: Page) -> None:
    page.goto("")
    _open_search(page, "smarketing")


@pytest.mark.parametrize(
    "state",
    [_goto_home, _goto_article, _goto_tags, _goto_search_results],
    ids=["home", "article", "tags", "search-results"],
)
def test_no_serious_accessibility_violation(page: Page, screenshots_dir: Path, output_dir: Path, state, request) -> None:
    state(page)
    name = "axe-" + request.node.callspec.id
    _screenshot(page, screenshots_dir, name)
    violations = _axe_violations(page)
    (output_dir / f"{name}.json").write_text(json.dumps(violations, indent=2, ensure_ascii=False), encoding="utf-8")
    assert not violations, f"{len(violations)} serious or critical axe violation(s) on {page.url}:\n" + _describe(violations)
