"""This site's search (docs/assets/javascripts/search-worker.js, with the
index hooks/search_scope.py builds) in Chromium, through Material's search
box, on a site of 100 generated articles and two of our own (built once for
the module): it forgives typos, knows the topics' synonyms, shows the
passage that holds the words and highlights them on the page, also under
the sub-path GitHub Pages serves the site from.

- A query that finds nothing is asked again with its words of 5 letters or
  more allowed one wrong letter (two from 9 letters on); the result line
  then says « résultats pour des mots proches »
  (docs/assets/javascripts/search-typos.js). Exact queries, and those typed
  without accents or with an elision, are answered as before, without it.
- A synonym of a topic (docs/taxonomy.yml) finds the topic's articles, after
  those that hold the word itself (the ``synonyms`` field, filled by
  hooks/search_scope.py with articles/search_index.py).

The ``new_page`` fixture of conftest.py aborts and reports any request to a
host other than 127.0.0.1, and any uncaught script error.

Reproduce: .venv/bin/python -m pytest tests/browser/test_search.py -p no:cacheprovider -n0
"""

from __future__ import annotations

import html
import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import Page, expect

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "bench"))

from articles.search_index import IN_SYNONYMS, decode_postings, fold  # noqa: E402
from sites import messy_site  # noqa: E402

NOTICE = "résultats pour des mots proches"
# Results whose passages come with the answer (search-worker.js PASSAGE_PAGES).
PASSAGE_RESULTS = 10
ARTICLES = 100

# Two articles of our own, with words the generated ones never use.
MAP_TITLE = "Cartographier les décideurs d'un compte"
MAP_ARTICLE = """\
---
title: "Cartographier les décideurs d'un compte"
date: 2024-03-05
authors: [amelie]
categories: [Méthodes]
tags: [Négociation]
---

Avant la soutenance, dressez l'organigramme du client : qui signe, qui
prescrit, qui freine. La cartographie tient sur une page.

## Trouver l'interlocuteur

L'interlocuteur opérationnel n'est pas toujours le décisionnaire. Demandez
à votre sponsor d'équipe de vous présenter au comité d'achat, et notez ses
réponses dans HubSpot : la rétention du compte en dépend.
"""
CONTACTS_TITLE = "Migrer ses contacts vers HubSpot"
CONTACTS_ARTICLE = """\
---
title: "Migrer ses contacts vers HubSpot"
date: 2024-04-10
authors: [amelie]
categories: [Outils]
tags: [Marketing]
---

Avant de migrer, dédoublonnez le fichier de contacts exporté : la fidélité
des clients tient aussi à des données justes. Puis importez-le dans HubSpot
par lots de mille.
"""


# Site --------------------------------------------------------------------------


def build_site(directory: Path, count: int) -> Path:
    """The site with COUNT generated articles and ours, built into DIRECTORY/project/site."""
    project = messy_site(directory / "project", count, seed=16)
    posts = project / "docs/blog/posts"
    (posts / "2024-03-05-cartographier-les-decideurs.md").write_text(MAP_ARTICLE, encoding="utf-8")
    (posts / "2024-04-10-migrer-ses-contacts.md").write_text(CONTACTS_ARTICLE, encoding="utf-8")
    site = project / "site"
    command = [sys.executable, "-m", "mkdocs", "build", "--clean", "--site-dir", str(site)]
    result = subprocess.run(
        command, cwd=project, env={**os.environ, "NO_MKDOCS_2_WARNING": "1"}, capture_output=True, text=True, timeout=1800
    )
    if result.returncode != 0:
        pytest.fail(f"cd {project} && {' '.join(command)} failed:\n{result.stdout}{result.stderr}", pytrace=False)
    return site


@pytest.fixture(scope="module")
def generated_site(tmp_path_factory: pytest.TempPathFactory, chromium_path: Path) -> Path:
    return build_site(tmp_path_factory.mktemp("typos"), ARTICLES)


@pytest.fixture(scope="module")
def base_url(generated_site: Path, serve_directory) -> Iterator[str]:
    """The generated site on 127.0.0.1 (overrides conftest's real site)."""
    with serve_directory(generated_site) as url:
        yield url


@pytest.fixture(scope="module")
def index(generated_site: Path) -> list[dict]:
    return json.loads((generated_site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]


@pytest.fixture(scope="module")
def engine(generated_site: Path) -> dict:
    return json.loads((generated_site / "search/search_index.json").read_text(encoding="utf-8"))["config"]["engine"]


@pytest.fixture
def search(new_page) -> Page:
    """A page of the site with search open and ready."""
    page = new_page()
    page.goto("")
    page.locator("input.md-search__input").click()
    expect(page.locator(".md-search-result__meta")).to_have_text("Taper pour démarrer la recherche", timeout=30_000)
    return page


def ask(page: Page, query: str) -> str:
    """Type QUERY (one fill, one keyup) and return the result line once answered."""
    field = page.locator("input.md-search__input")
    meta = page.locator(".md-search-result__meta")
    field.fill(query)
    field.press("End")
    expect(meta).to_have_text(re.compile("trouvé"), timeout=10_000)
    # An empty answer to the exact query is held back while the approximate
    # one is asked: the line shown is the final one once the worker is idle.
    page.wait_for_timeout(300)
    return meta.inner_text()


def titles(page: Page) -> list[str]:
    """The articles listed, in order (their own entries' titles)."""
    return [text.strip() for text in page.locator(".md-search-result__item > a:first-child h1").all_inner_texts()]


def all_titles(page: Page) -> list[str]:
    """Every article listed: Material shows ten, then more as the list scrolls."""
    count = int(re.match(r"\d+", page.locator(".md-search-result__meta").inner_text())[0])
    for _ in range(count):
        shown = page.locator(".md-search-result__item").count()
        if shown >= count:
            break
        # Material adds four more each time the list reaches its end.
        page.locator(".md-search__scrollwrap").evaluate("list => { list.scrollTop = 0; }")
        page.wait_for_timeout(30)
        page.locator(".md-search__scrollwrap").evaluate("list => { list.scrollTop = list.scrollHeight; }")
        page.wait_for_timeout(30)
    return titles(page)


def article_titles(entries: list[dict], predicate) -> set[str]:
    return {html.unescape(entry["title"]) for entry in entries if "#" not in entry["location"] and predicate(entry)}


# Typos -------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "organigrmme",  # a letter missing (11 letters: 2 allowed)
        "cartogrpahie",  # two letters swapped
        "cartografie",  # two edits: "ph" -> "f"
        "sponsro",  # swapped, 7 letters: 1 allowed
        "interlocteur",  # a letter missing
        "sountenance",  # a letter added
        "decisionaire organigrame",  # several words, each with its own typo, no accents
    ],
)
def test_a_typo_finds_the_article_and_says_so(search: Page, query: str) -> None:
    meta = ask(search, query)
    assert NOTICE in meta, f"{query!r}: {meta!r}"
    assert MAP_TITLE in titles(search), f"{query!r}: {titles(search)}"
    # The words found in the article are not listed as missing (its
    # sections, each holding one of them, list the other, as Material does).
    result = search.locator(".md-search-result__item").filter(has=search.locator("h1", has_text=MAP_TITLE))
    expect(result.locator("article.md-search-result__article").first.locator(".md-search-result__terms")).to_have_count(0)


def test_the_page_opened_from_an_approximate_result_highlights_the_real_word(search: Page) -> None:
    ask(search, "organigrmme")
    link = search.locator(".md-search-result__link").filter(has_text=MAP_TITLE).first
    highlight = parse_qs(urlsplit(link.get_attribute("href")).query).get("h", [""])[0]
    assert highlight == "organigramme", highlight
    link.click()
    expect(search.locator("mark", has_text="organigramme").first).to_be_visible()


@pytest.mark.parametrize(
    "query",
    [
        "xqzvwkj",  # nothing within one letter
        "catrogrpahei",  # three letters swapped on 12 letters: too far
        "sponsro*",  # query syntax typed on purpose is not second-guessed
    ],
)
def test_too_far_finds_nothing_without_notice(search: Page, query: str) -> None:
    meta = ask(search, query)
    assert meta == "Aucun document trouvé", f"{query!r}: {meta!r}"


def test_short_words_are_not_retried(search: Page, index: list[dict]) -> None:
    # "mile" is one letter from « mille », but too short to be allowed one;
    # "spnsr" two letters from « sponsor », one too many for 5 letters.
    assert "mille" in " ".join(entry["text"] for entry in index)
    assert ask(search, "mile") == "Aucun document trouvé"
    assert ask(search, "spnsr") == "Aucun document trouvé"


# Exact queries -----------------------------------------------------------------


@pytest.mark.parametrize(
    "query",
    [
        "cartographie",
        "cartograph",  # a prefix, as Material searches every word
        "decideurs",  # without the accent
        "décideur",  # another inflection
        "l'interlocuteur",  # an elision
        "l'organigramme",  # an elision
        "d’interlocuteur",  # an elision the article does not write, typographic apostrophe
        "Organigramme",  # capitals
    ],
)
def test_exact_queries_are_unaffected(search: Page, query: str) -> None:
    meta = ask(search, query)
    assert NOTICE not in meta, f"{query!r}: {meta!r}"
    assert re.fullmatch(r"\d+ documents? trouvés?", meta), meta
    # An elided letter (l', d') is searched too, and finds many articles.
    assert MAP_TITLE in all_titles(search), f"{query!r}: {all_titles(search)}"


def test_notice_goes_when_the_next_query_is_exact(search: Page) -> None:
    assert NOTICE in ask(search, "cartogrpahie")
    assert NOTICE not in ask(search, "cartographie")
    assert NOTICE in ask(search, "organigrmme")
    assert ask(search, "xqzvwkj") == "Aucun document trouvé"


# Synonyms ----------------------------------------------------------------------------
# Words no generated article writes, synonyms of a topic (docs/taxonomy.yml).


def tagged_with(index: list[dict], topic: str) -> set[str]:
    return article_titles(index, lambda entry: topic in entry.get("tags", ()))


@pytest.mark.parametrize(
    ("query", "topic"),
    [
        ("webinaires", "Événementiel"),
        ("generation", "Prospection"),  # of « génération de leads », without the accent
        ("négocier", "Négociation"),
    ],
)
def test_a_synonym_finds_the_topic_s_articles(search: Page, engine: dict, index: list[dict], query: str, topic: str) -> None:
    # No article writes the word: only the synonyms of the topic hold it.
    holding = [word for word in engine["words"] if fold(word).startswith(fold(query))]
    assert holding and all(
        set(decode_postings(engine["postings"][engine["words"].index(word)]).values()) == {IN_SYNONYMS} for word in holding
    )
    tagged = tagged_with(index, topic)
    assert len(tagged) >= 3, f"the generated articles should have some tagged {topic}"
    meta = ask(search, query)
    assert meta == f"{len(tagged)} documents trouvés", meta
    assert set(titles(search)) <= tagged


@pytest.mark.parametrize(
    ("query", "first", "topic"),
    [
        # In the opening of our article (the page's own entry).
        ("fidélité", CONTACTS_TITLE, "Fidélisation"),
        # Further down our other article (a section), typed without accent.
        ("retention", MAP_TITLE, "Fidélisation"),
    ],
)
def test_articles_holding_the_word_come_before_those_found_by_synonym(
    search: Page, index: list[dict], query: str, first: str, topic: str
) -> None:
    tagged = tagged_with(index, topic)
    meta = ask(search, query)
    assert meta == f"{len(tagged) + 1} documents trouvés", meta
    found = titles(search)
    assert found[0] == first and set(found[1:]) <= tagged and found[1:], found


def test_a_synonym_with_a_typo(search: Page, index: list[dict]) -> None:
    meta = ask(search, "wbinaires")
    assert NOTICE in meta, meta
    assert set(titles(search)) <= tagged_with(index, "Événementiel")


# Passages ------------------------------------------------------------------------


def map_result(page: Page):
    """The result of our article « Cartographier… »: the article's own entry."""
    item = page.locator(".md-search-result__item").filter(has=page.locator("h1", has_text=MAP_TITLE))
    return item.locator("article.md-search-result__article").first


def test_a_result_shows_the_passage_that_holds_the_words(search: Page) -> None:
    # In the article's second section, not in its opening; typed without accents.
    ask(search, "comite achat")
    result = map_result(search)
    # The passages follow the first answer once their files are read.
    expect(result.locator("mark", has_text="comité")).to_be_visible()
    text = result.inner_text()
    assert "au comité d'achat" in text and "Avant la soutenance" not in text, text
    assert sorted(result.locator("mark").all_inner_texts()) == ["achat", "comité"], result.inner_html()


def test_results_shown_on_scroll_get_their_passages_too(search: Page) -> None:
    meta = ask(search, "parrainage")
    count = int(re.match(r"\d+", meta)[0])
    assert count > 20, meta
    items = search.locator(".md-search-result__list > li.md-search-result__item")
    # The answer with the first results' passages, which Material shows in
    # place of the first answer (and its list).
    expect(items.first.locator("article").first.locator(":scope > p mark").first).to_be_visible()
    # Material adds four results each time the list reaches its end.
    for _ in range(10):
        if items.count() >= PASSAGE_RESULTS + 8:
            break
        search.locator(".md-search__scrollwrap").evaluate("list => { list.scrollTop = 0; }")
        search.wait_for_timeout(30)
        search.locator(".md-search__scrollwrap").evaluate("list => { list.scrollTop = list.scrollHeight; }")
        search.wait_for_timeout(100)
    assert items.count() >= PASSAGE_RESULTS + 8, items.count()
    # Those found by their text (not by a topic alone) show its passage.
    shown = [
        items.nth(number).locator("article").first.locator(":scope > p:not(.md-search-result__terms) mark")
        for number in range(PASSAGE_RESULTS, PASSAGE_RESULTS + 8)
    ]
    for _ in range(50):
        marked = [marks.count() > 0 for marks in shown]
        if sum(marked) >= 6:
            break
        search.wait_for_timeout(100)
    assert sum(marked) >= 6, [items.nth(number).inner_html()[:400] for number in range(PASSAGE_RESULTS, PASSAGE_RESULTS + 8)]
    assert all("parrainage" in marks.first.inner_text().lower() for marks, has in zip(shown, marked, strict=True) if has)


def test_the_page_opened_highlights_the_words_typed_without_accents(search: Page) -> None:
    ask(search, "retention decideurs")
    link = search.locator(".md-search-result__link").filter(has_text=MAP_TITLE).first
    highlight = parse_qs(urlsplit(link.get_attribute("href")).query).get("h", [""])[0]
    assert set(highlight.split()) == {"rétention", "décideurs"}, highlight
    link.click()
    article = search.locator("article.md-content__inner")
    expect(article.locator("mark", has_text="rétention").first).to_be_visible()
    expect(article.locator("mark", has_text="décideurs").first).to_be_visible()


def test_search_under_the_sub_path_of_github_pages(generated_site: Path, browser, serve_directory, tmp_path: Path) -> None:
    """GitHub Pages serves the site under /<repository>/: the index, the
    worker and the passages are found relative to the page."""
    root = tmp_path / "pages"
    root.mkdir()
    (root / "base-de-connaissances").symlink_to(generated_site, target_is_directory=True)
    requested: list[str] = []
    with serve_directory(root) as url:
        context = browser.new_context(base_url=url + "base-de-connaissances/", locale="fr-FR")
        context.on("request", lambda request: requested.append(request.url))
        try:
            page = context.new_page()
            page.goto("blog/")
            page.locator("input.md-search__input").click()
            expect(page.locator(".md-search-result__meta")).to_have_text("Taper pour démarrer la recherche", timeout=30_000)
            ask(page, "organigramme")
            expect(map_result(page).locator("mark", has_text="organigramme").first).to_be_visible()
        finally:
            context.close()
    search_files = [address for address in requested if "/search/" in address or "search-worker" in address]
    assert search_files and all(address.startswith(url + "base-de-connaissances/") for address in search_files), search_files
    assert any("/search/passages/" in address for address in search_files), search_files


# When the index is fetched ---------------------------------------------------------

INDEX_FETCHED = "performance.getEntriesByType('resource').some(entry => entry.name.includes('/search/search_index.json'))"


def test_the_index_waits_for_the_reader_then_comes_with_the_next_pages(new_page) -> None:
    """A reader who never searches never downloads the index; one who has
    searched in this tab gets it with the next pages, from the browser's
    cache, so that search is ready when they reach for it
    (docs/assets/javascripts/search-on-demand.js)."""
    page = new_page()
    page.goto("")
    page.wait_for_timeout(500)
    assert not page.evaluate(INDEX_FETCHED), "the index was fetched before the reader reached for search"
    page.locator("input.md-search__input").click()
    expect(page.locator(".md-search-result__meta")).to_have_text("Taper pour démarrer la recherche", timeout=30_000)
    assert page.evaluate(INDEX_FETCHED)
    page.goto("blog/")
    page.wait_for_function(INDEX_FETCHED, timeout=10_000)
    # Ready before the reader reaches for it.
    page.wait_for_timeout(500)
    page.locator("input.md-search__input").click()
    assert page.locator(".md-search-result__meta").inner_text() == "Taper pour démarrer la recherche"
    assert ask(page, "organigramme").endswith("trouvé")


# 1,000 articles -----------------------------------------------------------------


@pytest.mark.slow
def test_search_at_1000_articles(browser, tmp_path_factory: pytest.TempPathFactory, serve_directory) -> None:
    """Typos, synonyms, the passage shown and the words highlighted on the
    page, on a site of 1,000 generated articles and ours."""
    site = build_site(tmp_path_factory.mktemp("typos-1000"), 1000)
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    foreign: list[str] = []
    with serve_directory(site) as url:
        context = browser.new_context(base_url=url, locale="fr-FR")
        context.route(
            lambda target: urlsplit(target).hostname not in {"127.0.0.1", None},
            lambda route: (foreign.append(route.request.url), route.abort("blockedbyclient")),
        )
        try:
            page = context.new_page()
            page.goto("")
            page.locator("input.md-search__input").click()
            expect(page.locator(".md-search-result__meta")).to_have_text("Taper pour démarrer la recherche", timeout=60_000)
            meta = ask(page, "organigrmme decisionaire")
            assert NOTICE in meta and MAP_TITLE in titles(page), (meta, titles(page))
            meta = ask(page, "cartographie")
            assert NOTICE not in meta and MAP_TITLE in titles(page), (meta, titles(page))
            tagged = tagged_with(index, "Événementiel")
            assert ask(page, "webinaires") == f"{len(tagged)} documents trouvés"
            assert set(all_titles(page)) == tagged
            meta = ask(page, "retention")
            found = titles(page)
            assert found[0] == MAP_TITLE and set(found[1:]) <= tagged_with(index, "Fidélisation"), found
            # « sponsor » is ours alone: the article comes first, with the
            # passage of its second section.
            ask(page, "sponsor comite")
            result = map_result(page)
            expect(result.locator("mark", has_text="sponsor")).to_be_visible()
            assert "au comité d'achat" in result.inner_text(), result.inner_text()
            page.locator(".md-search-result__link").filter(has_text=MAP_TITLE).first.click()
            expect(page.locator("article.md-content__inner mark", has_text="sponsor").first).to_be_visible()
        finally:
            context.close()
    assert not foreign, f"requests to a host other than 127.0.0.1 (aborted): {foreign}"
