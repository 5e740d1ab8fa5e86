"""Links between articles (articles/links.py), resolved in the core.

The writer's text is never changed (``body``); the build copy
(``build_body``) gets the relative path of the target's source file, which
MkDocs turns into the target's address.
"""

from __future__ import annotations

import pytest

from articles.links import LinkIndex
from articles.normalize import SiteContext, normalize_collection

SITE = frozenset(
    {
        "index.md",
        "tags.md",
        "guide/publier-un-article.md",
        "blog/index.md",
        "blog/posts/img/photo.png",
        "blog/posts/fichiers/grille-tarifs.pdf",
    }
)
TARGET = "blog/posts/2024-03-15-mon-article.md"
OTHER = "blog/posts/2023/2023-06-01-autre.md"


def _article(title: str, date: str, body: str) -> str:
    return f"---\ntitle: {title}\ndate: {date}\n---\n\n{body}\n"


def _normalise(body: str, *, extra: dict[str, str] | None = None, site: frozenset[str] = SITE):
    sources = {
        TARGET: _article("Mon article", "2024-03-15", "Texte.\n\n## Une section"),
        OTHER: _article("Autre", "2023-06-01", body),
        **(extra or {}),
    }
    context = SiteContext(site_files=site, asset_exists=lambda path: path in site or path in sources)
    articles = {article.path: article for article in normalize_collection(sources.items(), context)}
    return articles[OTHER]


def _warnings(article) -> list[tuple[int | None, str]]:
    return [(problem.line, problem.code) for problem in article.problems if problem.severity.value != "info"]


@pytest.mark.parametrize(
    "written",
    [
        "2024-03-15-mon-article.md",
        "mon-article.md",
        "mon-article",
        "Mon-Article",
        "../2024-03-15-mon-article.md",
        "/blog/posts/2024-03-15-mon-article.md",
        "docs/blog/posts/2024-03-15-mon-article.md",
        "blog/posts/2024-03-15-mon-article.md",
        "/blog/2024/03/15/mon-article/",
        "blog/2024/03/15/mon-article/",
        "/base-de-connaissances/blog/2024/03/15/mon-article/index.html",
        "{{ site.baseurl }}/blog/2024/03/15/mon-article/",
        "mon-article.html",
        # The date the article had on another blog, or a typo in it
        "2019-01-01-mon-article.md",
        "2024-03-16-mon-article",
    ],
)
def test_link_to_an_article_resolves_to_its_source_file(written: str) -> None:
    article = _normalise(f"Lisez [cet article]({written}).")
    assert "[cet article](../2024-03-15-mon-article.md)" in article.build_body, article.build_body
    assert f"[cet article]({written})" in article.body  # the writer's text as written
    assert not [code for _, code in _warnings(article) if code.startswith("link_")]


@pytest.mark.parametrize(
    "written, expected",
    [
        ("mon-article#une-section", "../2024-03-15-mon-article.md#une-section"),
        ("mon-article.md?x=1#une-section", "../2024-03-15-mon-article.md?x=1#une-section"),
        ("publier-un-article", "../../../guide/publier-un-article.md"),
        ("guide/publier-un-article.md#liens", "../../../guide/publier-un-article.md#liens"),
        ("../../", "../../index.md"),
        ("grille-tarifs.pdf", "../fichiers/grille-tarifs.pdf"),
    ],
)
def test_anchors_queries_and_guide_pages(written: str, expected: str) -> None:
    article = _normalise(f'Voir [ici]({written} "titre").')
    assert f'[ici]({expected} "titre")' in article.build_body, article.build_body


def test_links_that_already_work_or_leave_the_site_are_untouched() -> None:
    body = (
        "[a](https://exemple.fr/x.md) [b](mailto:a@b.fr) [c](#une-section) [d](../img/photo.png)\n"
        "[e](tel:+33100000000) [f](//cdn.exemple.fr/x)"
    )
    article = _normalise(body.replace("../img", "../img"), extra={})
    assert "[a](https://exemple.fr/x.md)" in article.build_body
    assert "[c](#une-section)" in article.build_body
    assert not [code for _, code in _warnings(article) if code.startswith("link_")]


def test_unresolvable_link_is_a_warning_on_its_line_and_kept() -> None:
    article = _normalise("Ligne un.\n\nVoir [rien](nulle-part.md) ici.\n[ref]: introuvable")
    # The body starts on line 5 of the file (4 lines of header, one blank line).
    assert (8, "link_unresolved") in _warnings(article)
    assert (9, "link_unresolved") in _warnings(article)
    assert "[rien](nulle-part.md)" in article.build_body
    messages = [problem.message for problem in article.problems if problem.code == "link_unresolved"]
    assert all("ne mène à aucun article" in message for message in messages), messages


def test_ambiguous_name_is_a_warning_naming_the_candidates() -> None:
    twin = "blog/posts/2022-01-01-mon-article.md"
    article = _normalise("[x](mon-article)", extra={twin: _article("Mon article ancien", "2022-01-01", "Texte.")})
    (problem,) = [p for p in article.problems if p.code == "link_ambiguous"]
    assert problem.line == 6
    assert "2022-01-01-mon-article.md" in problem.message and "2024-03-15-mon-article.md" in problem.message
    assert "[x](mon-article)" in article.build_body


def test_links_in_code_footnotes_and_images_are_not_links() -> None:
    body = "`[a](nulle-part.md)`\n\n```\n[b](nulle-part.md)\n```\n\n[^1]: nulle part\n\n[![img](img-absente.png)](mon-article)"
    article = _normalise(body)
    assert not [code for _, code in _warnings(article) if code.startswith("link_")], _warnings(article)
    assert "`[a](nulle-part.md)`" in article.build_body


def test_no_site_files_means_no_link_check() -> None:
    # Unit uses of the core (no site around the article) see no link warning.
    sources = [(OTHER, _article("Autre", "2023-06-01", "[x](nulle-part.md)"))]
    (article,) = normalize_collection(sources)
    assert not [p for p in article.problems if p.code.startswith("link_")]


@pytest.mark.parametrize(
    "markup, line",
    [
        ("{% include pub.html %}", 6),
        ("{{< youtube abc123 >}}", 6),
        ("{% raw %}", 6),
        ('[caption id="x" width="300"]', 6),
        ("[embed]", 6),
        ("{{ page.title }}", 6),
    ],
)
def test_other_engines_markup_is_reported_and_kept(markup: str, line: int) -> None:
    article = _normalise(f"Avant {markup} après.")
    assert (line, "foreign_markup") in _warnings(article), _warnings(article)
    assert markup in article.build_body  # the writer's words are never lost


def test_foreign_markup_in_code_is_not_reported() -> None:
    article = _normalise("`{% include x %}`\n\n    {{ site.baseurl }}\n")
    assert "foreign_markup" not in {code for _, code in _warnings(article)}


def test_index_resolves_published_addresses_only_once_known() -> None:
    index = LinkIndex.build(SITE, [TARGET])
    assert index.resolve("/blog/2024/03/15/mon-article/", OTHER).deferred
    assert OTHER in index.deferred
    index.urls, index.urls_known = {"blog/2024/03/15/mon-article": TARGET}, True
    assert index.resolve("/blog/2024/03/15/mon-article/", OTHER).path == TARGET


def test_link_step_is_bounded_on_hostile_input() -> None:
    import time

    body = "[" + "x" * 300 + "](" + "a" * 5000 + "\n" + "[x](" * 20000
    start = time.monotonic()
    _normalise(body)
    assert time.monotonic() - start < 30  # catastrophic backtracking only


def test_a_file_added_to_the_context_is_found_by_the_articles_read_after() -> None:
    """The fast preview adds a new image to the last build's context: an
    article read afterwards shows it and links to it, as a full build would."""
    site = frozenset({"index.md", TARGET, OTHER})
    context = SiteContext(site_files=site, asset_exists=site.__contains__)
    normalize_collection([(TARGET, _article("Mon article", "2024-03-15", "Texte."))], context)
    body = "![Le stand](img/stand.png)\n\n[Le programme](img/programme.pdf)"
    (before,) = normalize_collection([(OTHER, _article("Autre", "2023-06-01", body))], context)
    assert {code for _line, code in _warnings(before)} == {"image_missing", "link_unresolved"}, _warnings(before)

    context.add_site_file("blog/posts/2023/img/stand.png")
    context.add_site_file("blog/posts/2023/img/programme.pdf")
    assert context.links is not None and "blog/posts/2023/img/stand.png" in context.links.files
    (after,) = normalize_collection([(OTHER, _article("Autre", "2023-06-01", body))], context)
    assert _warnings(after) == []
    assert "![Le stand](img/stand.png)" in after.build_body
