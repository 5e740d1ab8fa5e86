"""Build the real site and read the HTML a reader gets."""

from __future__ import annotations

import html
import json
import logging
import re
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig

from articles.search_index import IN_TOPICS, decode_postings
from sitebuild import BuildResult, copy_site, replace_text, run_build

SEED = Path(__file__).resolve().parent.parent / "docs/blog/posts/2020-12-01-aligner-marketing-et-ventes.md"
SEED_URL = "blog/2020/12/01/comment-aligner-le-marketing-et-les-ventes/"


def test_strict_build_passes(built_site: BuildResult) -> None:
    assert not built_site.aborted, "\n".join(built_site.messages()) + "\n" + built_site.reproduce()
    # Writers' warnings (the seed's missing image) are shown and never abort;
    # any other warning is a defect of the site.
    others = [
        record.getMessage()
        for record in built_site.records
        if record.levelno >= logging.WARNING and not getattr(record, "writer_warning", False)
    ]
    assert others == [], built_site.reproduce()


def test_seed_article_page(built_site: BuildResult) -> None:
    page = built_site.page(SEED_URL + "index.html")
    # The author written "Amelie" is the .authors.yml entry "Amélie".
    assert 'alt="Amélie"' in page and ">Amélie</a>" in page
    assert "1 min de lecture" in page
    # The broken `! [alt] (src "title")` markup becomes an image: the file is
    # missing, so the placeholder is shown with the alt text.
    assert "! [" not in page and "] (img/" not in page
    assert re.search(
        r'<img alt="illustartion article" class="image-manquante__image" height="180" src="[./]*assets/images/image-manquante.svg" width="320"',
        page,
    )
    assert "Image non disponible : illustartion article" in page
    assert '<h1 id="comment-aligner-le-marketing-et-les-ventes">Comment aligner le marketing et les ventes ?' in page
    # Tags shown once each, in the taxonomy's form; "Article" is a hidden topic.
    tags = re.findall(r'class="md-tag[^"]*">([^<]+)<', page)
    assert sorted(tags) == ["Actualité", "Marketing"], tags


def test_seed_url_is_clean(built_site: BuildResult) -> None:
    urls = [path.parent.relative_to(built_site.site).as_posix() for path in built_site.site.glob("blog/20*/**/index.html")]
    assert urls == [SEED_URL.rstrip("/")]
    assert not any(part.endswith("-") or part.startswith("-") or "--" in part for part in SEED_URL.split("/"))


def test_seed_file_untouched(built_site: BuildResult) -> None:
    shared = Path(__file__).resolve().parents[2] / "shared/articles/000_99433f01702c40dd.txt"
    copied = built_site.project / "docs/blog/posts" / SEED.name
    assert copied.read_bytes() == SEED.read_bytes()
    if shared.exists():
        assert SEED.read_bytes() == shared.read_bytes()


def test_blog_index_lists_seed(built_site: BuildResult) -> None:
    page = built_site.page("blog/index.html")
    assert "Comment aligner le marketing et les ventes ?" in page
    assert "2020/12/01/comment-aligner-le-marketing-et-les-ventes/" in page
    # The excerpt stops at the first paragraph: the full text is on the post.
    assert "DÉFINITION DE L'ALIGNEMENT" not in page


def test_home_lists_latest_articles(built_site: BuildResult) -> None:
    page = built_site.page("index.html")
    # (the sanitiser writes the attribute data-search-exclude="")
    assert re.search(
        r'<ul class="derniers-articles" data-search-exclude(?:="")?>\s*<li>\s*<a href="blog/2020/12/01/comment-aligner-le-marketing-et-les-ventes/">',
        page,
    )
    assert "<!-- derniers-articles -->" not in page
    # Its reading time, which Material computes from the article's HTML, once every page is converted.
    assert re.search(r'<time datetime="2020-12-01">01/12/2020</time> · \d+ min de lecture', page), page


def test_tags_page_lists_seed_tags(built_site: BuildResult) -> None:
    page = built_site.page("tags/index.html")
    for tag in ("Marketing", "Actualité"):
        assert re.search(rf'<h2 id="tag:[^"]*">\s*<span class="md-tag">{tag}</span>', page), tag
        assert re.search(rf'<a href="#tag:[^"]*" class="md-tag">{tag}</a>\s*<span class="themes__compte">1 article</span>', page), tag
    assert "Article</span>" not in page, "hidden topic listed"
    assert SEED_URL in page


def test_category_page_shows_description(built_site: BuildResult) -> None:
    page = built_site.page("blog/category/articles/index.html")
    assert "Analyses et articles de fond sur nos métiers." in page


def test_rss_feed_contains_seed(built_site: BuildResult) -> None:
    for name in ("feed_rss_created.xml", "feed_rss_updated.xml", "sitemap.xml"):
        ElementTree.parse(built_site.site / name)  # well-formed XML
    feed = built_site.page("feed_rss_created.xml")
    assert "Comment aligner le marketing et les ventes ?" in html.unescape(feed)
    assert SEED_URL in feed


def test_404_is_french(built_site: BuildResult) -> None:
    page = built_site.page("404.html")
    assert "Page introuvable" in page and '<html lang="fr"' in page
    assert "Not found" not in page


def build_with_article(tmp_path: Path, name: str, text: str, url: str) -> tuple[BuildResult, str]:
    """The site with one more article: the build, and that article's page."""
    project = copy_site(tmp_path / "project")
    (project / "docs/blog/posts" / name).write_text(text, encoding="utf-8")
    result = run_build(project)
    assert not result.aborted, result.reproduce()
    return result, result.page(f"{url}index.html")


def test_the_home_page_shows_a_reading_time_the_writer_did_not_write(tmp_path: Path) -> None:
    text = "---\ntitre: Un long article\ndate: 02/05/2024\n---\n\n" + "Un mot de plus dans ce long texte. " * 150 + "\n"
    result, _page = build_with_article(tmp_path, "2024-05-02-long.md", text, "blog/2024/05/02/un-long-article/")
    home = result.page("index.html")
    assert re.search(
        r'un-long-article/">Un long article</a>\s*<span class="derniers-articles__infos">\s*<time datetime="2024-05-02">02/05/2024</time> · \d+ min de lecture',
        home,
    ), result.reproduce()


def test_footnotes_speak_french(tmp_path: Path) -> None:
    text = "---\ntitre: Une note\ndate: 02/05/2024\n---\n\nUn chiffre[^1].\n\n[^1]: Selon l'équipe.\n"
    result, page = build_with_article(tmp_path, "2024-05-02-note.md", text, "blog/2024/05/02/une-note/")
    assert 'title="Revenir à l\'appel de note 1 dans le texte"' in page, result.reproduce()
    assert "Jump back" not in page


def test_a_line_of_hashtags_is_text_on_the_page(tmp_path: Path) -> None:
    text = "---\ntitre: Retour salon\ndate: 12/06/2025\n---\n\nOn a vu 120 prospects.\n\n#Vivatech #B2B #salon\n"
    result, page = build_with_article(tmp_path, "2025-06-12-salon.md", text, "blog/2025/06/12/retour-salon/")
    assert "<p>#Vivatech #B2B #salon</p>" in page, result.reproduce()
    assert 'id="vivatech' not in page
    assert any("suite de hashtags" in message for message in result.messages()), result.reproduce()


def test_lists_pasted_from_a_word_processor_are_lists_on_the_page(tmp_path: Path) -> None:
    text = (
        "---\ntitre: Réunion pipeline\ndate: 2 oct. 2025\n---\n\nPoints clés :\n\n•\tRelancer les devis\n•\tMettre à jour le CRM\n\n"
        "À faire :\n1) Préparer le forecast\n2) Valider avec la direction\n"
    )
    result, page = build_with_article(tmp_path, "2025-10-02-reunion.md", text, "blog/2025/10/02/reunion-pipeline/")
    assert re.search(r"<ul>\s*<li>Relancer les devis</li>\s*<li>Mettre à jour le CRM</li>\s*</ul>", page), result.reproduce()
    assert re.search(r"<p>À faire :</p>\s*<ol>\s*<li>Préparer le forecast</li>\s*<li>Valider avec la direction</li>\s*</ol>", page)


def test_a_page_exported_from_notion_reads_as_written(tmp_path: Path) -> None:
    text = (
        "# Kick-off commercial T1 2027\n\nCreated: November 30, 2026 3:45 PM\nTags: Vente\n\n"
        "<aside>\n💡 Rappel : la salle est réservée.\n\n</aside>\n\nLe programme du jour.\n<!--more-->\n\n"
        "- [ ]  Bilan 2026\n- [x]  Objectifs 2027\n\nLe support : https://www.exemple.fr/kick-off.\n"
    )
    result, page = build_with_article(tmp_path, "kick-off.md", text, "blog/2026/11/30/kick-off-commercial-t1-2027/")
    assert "Created" not in page and "November" not in page, result.reproduce()
    assert "Rappel : la salle est réservée." in page and "<aside>" not in page
    assert page.count('<input type="checkbox" disabled="disabled"') == 2 and page.count('checked=""') == 1
    assert 'Le support : <a href="https://www.exemple.fr/kick-off">https://www.exemple.fr/kick-off</a>.' in page, "a bare address is a link"
    messages = "\n".join(result.messages())
    assert "sont comprises comme l'en-tête" in messages and "la mise en page « <aside> »" in messages, messages
    # Material's French, mended: accents on « Métadonnées » and no « Editer ».
    assert "Métadonnées" in page and "Modifier cette page" in page and "Editer" not in page and "Metadonn" not in page
    listing = result.page("blog/index.html")
    assert "Le programme du jour." in listing and "Bilan 2026" not in listing, "the excerpt ends at « <!--more--> »"


def test_an_e_mail_pasted_with_github_s_markdown_reads_on_the_page_as_in_the_preview(tmp_path: Path) -> None:
    text = (
        "De : Marie Durand <marie.durand@exemple.fr>\nEnvoyé : lundi 30 novembre 2026 10:12\nÀ : Direction commerciale <direction@exemple.fr>\n"
        "Objet : RE: Retour salon\n\nBudget validé :white_check_mark: face à ~Salesforce~.\n\n"
        "> [!WARNING]\n> Prix confidentiels\\\n> jusqu'au 15/12.\n\nLe salon[^1].\n\n[^1]: Le 28 novembre.\n\n[^2]: Note sans appel.\n"
    )
    result, page = build_with_article(tmp_path, "mail.md", text, "blog/2026/11/30/retour-salon/")
    assert "<title>Retour salon" in page and "RE:" not in page, result.reproduce()
    assert "marie.durand@exemple.fr" not in page and "direction@" not in page and "Direction commerciale" not in page
    assert "Budget validé ✅ face à <del>Salesforce</del>." in page
    assert re.search(r'<div class="admonition warning">\s*<p class="admonition-title">Attention</p>\s*<p>Prix confidentiels<br>', page)
    assert "Note sans appel." in page, "an unreferenced note stays on the page"
    messages = "\n".join(result.messages())
    assert "la note « [^2] » n'est appelée nulle part" in messages and "mail.md:16" in messages, messages
    assert "fnref" not in messages and "#fn" not in messages, "MkDocs' warning about the note's « ↩ » is not told as well"


def test_edit_link_points_to_writer_file(built_site: BuildResult) -> None:
    page = built_site.page(SEED_URL + "index.html")
    assert f"edit/main/docs/blog/posts/{SEED.name}" in page
    assert ".cache" not in page


def test_docs_never_written(built_site: BuildResult) -> None:
    docs = built_site.project / "docs"
    cache = built_site.project / ".cache/articles/blog/posts" / SEED.name
    assert cache.exists(), "the normalised copy is written to the cache folder"
    original = Path(__file__).resolve().parent.parent / "docs"
    for path in docs.rglob("*"):
        if path.is_file():
            assert path.read_bytes() == (original / path.relative_to(docs)).read_bytes(), path


def test_invalid_article_stops_build_with_file_name(tmp_path: Path) -> None:
    project = copy_site(tmp_path)
    broken = project / "docs/blog/posts/date-impossible.md"
    broken.write_text("---\ntitre: Un article\ndate: 30/02/2021\n---\n\nTexte.\n", encoding="utf-8")
    result = run_build(project)
    assert result.aborted, result.reproduce()
    errors = result.messages(logging.ERROR)
    assert any("blog/posts/date-impossible.md:3" in message and "n'existe pas" in message for message in errors), errors


def test_invalid_article_cli_has_no_traceback(tmp_path: Path) -> None:
    project = copy_site(tmp_path)
    (project / "docs/blog/posts/yaml-casse.md").write_text(
        '---\ntitre: "Guillemet ouvert\ndate: 2021-01-01\n---\nTexte\n', encoding="utf-8"
    )
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict"],
        cwd=project,
        capture_output=True,
        text=True,
        env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
        timeout=120,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0, output
    assert "Traceback" not in output, output
    assert "blog/posts/yaml-casse.md:2" in output, output
    assert "l'en-tête de l'article est illisible" in output, output


def test_unknown_author_builds_with_generated_profile(tmp_path: Path) -> None:
    project = copy_site(tmp_path)
    (project / "docs/blog/posts/nouvel-auteur.md").write_text(
        "---\ntitle: Nouvel auteur\ndate: 2022-05-03\nauteur: Jean-Marc <b>Durand</b>\n---\n\nTexte.\n", encoding="utf-8"
    )
    result = run_build(project, strict=False)
    assert not result.aborted, result.reproduce()
    warnings = result.messages(logging.WARNING)
    assert any("nouvel-auteur.md:4" in message and ".authors.yml" in message for message in warnings), warnings
    page = result.page("blog/2022/05/03/nouvel-auteur/index.html")
    # Metadata is plain text, shown as typed: escaped where it is printed.
    assert "Jean-Marc &lt;b&gt;Durand&lt;/b&gt;" in page and "<b>Durand" not in page
    assert "assets/images/avatar.svg" in page


def test_material_scripts_start_after_first_paint(built_site: BuildResult) -> None:
    """overrides/main.html turns Material's script tags into inert ones that
    partials/javascripts/after-first-paint.html runs: a Material upgrade that
    changed those tags would leave the site without JavaScript."""
    pages = sorted(built_site.site.rglob("*.html"))
    assert pages
    for path in pages:
        page = path.read_text(encoding="utf-8")
        where = path.relative_to(built_site.site)
        assert not re.search(r'<script src="[^"]*assets/javascripts/bundle\.', page), f"{where}: Material's bundle is parser-blocking"
        held = re.findall(r'<script type="text/x-after-first-paint" data-src="([^"]+)"></script>', page)
        assert len(held) == 1 and "assets/javascripts/bundle." in held[0], f"{where}: {held}"
        # 404.html links from the site's root (site_url's path), other pages relatively.
        target = built_site.site / held[0][held[0].index("assets/") :] if held[0].startswith("/") else path.parent / held[0]
        assert target.resolve().is_file(), f"{where}: {held[0]} is not in the site"
        assert page.count("window.document$.next(document)") == 1, f"{where}: the script starting Material is missing"
        assert 'classList.replace("no-js", "js")' in page, where
        # The light/dark switch is the project's, not Material's component.
        assert 'data-md-component="palette"' not in page, where
        assert page.count('<form class="md-header__option" data-palette-switch>') == 1, where


def test_same_unknown_tag_in_several_articles_is_one_warning(tmp_path: Path) -> None:
    project = copy_site(tmp_path)
    for number in range(1, 6):
        (project / f"docs/blog/posts/salon-{number}.md").write_text(
            f"---\ntitle: Salon {number}\ndate: 2022-05-0{number}\ntags: [Salons pro]\n---\n\nTexte.\n", encoding="utf-8"
        )
    result = run_build(project, strict=False)
    assert not result.aborted, result.reproduce()
    about_tag = [message for message in result.messages(logging.WARNING) if "« Salons pro »" in message]
    assert len(about_tag) == 1, about_tag
    assert "salon-1.md:4, docs/blog/posts/salon-2.md:4, docs/blog/posts/salon-3.md:4 et 2 autres articles" in about_tag[0], about_tag


def _engine_holders(index: dict, word: str) -> dict[int, int]:
    engine = index["config"]["engine"]
    return decode_postings(engine["postings"][engine["words"].index(word)])


def test_hidden_topics_are_searchable_but_not_shown_in_search_results(built_site: BuildResult) -> None:
    index = json.loads((built_site.site / "search/search_index.json").read_text(encoding="utf-8"))
    numbers = [number for number, entry in enumerate(index["docs"]) if entry["location"].startswith(SEED_URL)]
    article, *sections = (index["docs"][number] for number in numbers)
    assert article["location"] == SEED_URL, article
    # Search results show an entry's tags as chips: "Article" is hidden. The
    # article's entry carries the topics; results show its sections under it.
    assert "Article" not in article["tags"], article
    assert "Marketing" in article["tags"], article
    assert _engine_holders(index, "article").get(numbers[0], 0) & IN_TOPICS, "the hidden topic does not find the article"
    assert sections, "the seed article's sections are not in the search index"
    for entry in sections:
        assert "tags" not in entry, entry


def test_search_index_holds_openings_every_word_and_the_passages(built_site: BuildResult) -> None:
    path = built_site.site / "search/search_index.json"
    index = json.loads(path.read_text(encoding="utf-8"))
    numbers = [number for number, entry in enumerate(index["docs"]) if entry["location"].startswith(SEED_URL)]
    article = index["docs"][numbers[0]]
    # The article's opening; the words further down, in « … smarketing -
    # abréviation de Sales et Marketing » (its second section), find the section.
    assert article["text"].startswith("<p>En 2019, et selon les chiffres"), article
    found = _engine_holders(index, "abréviation")
    assert [number for number in found if number in numbers] == [numbers[1]], (found, numbers)
    assert all("abréviation" not in index["docs"][number]["text"] for number in numbers), "an opening holds the word"
    assert all(len(re.sub(r"<[^>]+>", "", entry["text"])) <= 300 for entry in index["docs"]), "a text is longer than an opening"
    # The sections' whole texts, in the page's file of passages.
    folder = path.parent / index["config"]["engine"]["passages"]
    passages = json.loads((folder / f"{article['page']}.json").read_text(encoding="utf-8"))
    assert passages[0][0] == SEED_URL and passages[0][1].startswith("En 2019, et selon les chiffres"), passages[0]
    assert any("abréviation de Sales et Marketing" in text for _, text in passages), passages
    assert len(list(folder.glob("*.json"))) == sum(1 for entry in index["docs"] if "page" in entry)
    assert [file.name for file in path.parent.iterdir() if file.is_file()] == ["search_index.json"], "a working file is published"


def test_search_switched_off_between_two_builds_of_one_serve(tmp_path: Path) -> None:
    """`mkdocs serve` keeps the search plugin's instance, with the last
    build's index, when mkdocs.yml switches search off: no index then."""
    project = copy_site(tmp_path)
    MkDocsConfig.plugins.plugin_cache.clear()
    site = tmp_path / "served"
    first = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
    first.plugins.on_startup(command="serve", dirty=False)
    try:
        build(first, serve_url="http://127.0.0.1:8000/")
        assert (site / "search/search_index.json").is_file()
        replace_text(project / "mkdocs.yml", "  - search:\n      lang: fr\n", "  - search:\n      enabled: false\n      lang: fr\n")
        second = load_config(str(project / "mkdocs.yml"), site_dir=str(site))
        assert second.plugins["material/search"] is first.plugins["material/search"], "MkDocs no longer keeps the instance"
        build(second, serve_url="http://127.0.0.1:8000/")
    finally:
        first.plugins.on_shutdown()
        MkDocsConfig.plugins.plugin_cache.clear()
    assert not (site / "search").exists(), sorted(path.name for path in (site / "search").iterdir())


def test_related_articles_listed_and_not_indexed(tmp_path: Path) -> None:
    project = copy_site(tmp_path)
    (project / "docs/blog/posts/persona.md").write_text(
        "---\ntitle: Construire ses personas\ndate: 2021-02-03\ntags: [Marketing]\n---\n\nTexte.\n\n## Méthode\n\nDes entretiens.\n",
        encoding="utf-8",
    )
    # Shares only "Article", a hidden topic, with the seed article: not related.
    (project / "docs/blog/posts/salon.md").write_text(
        "---\ntitle: Préparer un salon\ndate: 2021-03-04\ntags: [Article, Événementiel]\n---\n\nTexte.\n",
        encoding="utf-8",
    )
    result = run_build(project)
    assert not result.aborted, result.reproduce()
    page = result.page(SEED_URL + "index.html")
    related = re.search(r'<aside class="articles-lies".*?</aside>', page, re.DOTALL)
    assert related, f"no related articles on the seed article\n{result.reproduce()}"
    assert ">Construire ses personas</a>" in related.group(0), related.group(0)
    assert "Préparer un salon" not in related.group(0), related.group(0)
    # Search entries of an article are its own sections, nothing else: the
    # related list's heading used to add an empty one named after the article.
    index = json.loads((result.site / "search/search_index.json").read_text(encoding="utf-8"))
    headings = set(re.findall(r'<h[1-6] id="([^"]+)"', page.replace(related.group(0), "")))
    for entry in index["docs"]:
        if entry["location"].startswith(SEED_URL) and "#" in entry["location"]:
            assert entry["location"].split("#", 1)[1] in headings, (entry, headings)
            assert "Construire ses personas" not in entry["text"], entry
