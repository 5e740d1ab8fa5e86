"""The core follows the blog plugin's settings in mkdocs.yml (issue 15, point 4).

The excerpt separator and the posts' addresses are the site's choice
(``post_excerpt_separator``, ``post_url_format``, ``post_url_date_format``):
the writers' ``check`` and the build read them from the same place, so that
a changed setting cannot make the core disagree with Material. The taxonomy
is parsed once per content of the file, and a rebuild in the same process
(`mkdocs serve`) sees it changed.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest
import yaml
from babel.dates import format_datetime

from articles.blog import BlogSettings, format_url_date
from articles.cli import main
from articles.search_index import IN_TOPICS, decode_postings
from articles.site import load_site, taxonomy
from sitebuild import copy_site, run_build

POSTS = "docs/blog/posts"


def _article(title: str, date: str, body: str, *, category: str | None = None, slug: str | None = None) -> str:
    lines = ["---", f'title: "{title}"', f"date: {date}", "authors: [amelie]"]
    if category:
        lines.append(f'categories: ["{category}"]')
    if slug:
        lines.append(f"slug: {slug}")
    return "\n".join([*lines, "---", "", body, ""])


def _configure(project: Path, **options: object) -> None:
    """Set blog plugin options in the project's mkdocs.yml (as text: the file
    holds !ENV tags that a YAML round trip would lose)."""
    path = project / "mkdocs.yml"
    text = path.read_text(encoding="utf-8")
    for name, value in options.items():
        line = f"      {name}: {yaml.safe_dump(value, default_style=None).splitlines()[0]}\n"
        text, count = re.subn(rf"^      {name}: .*\n", line, text, count=1, flags=re.M)
        if not count:
            text = text.replace("  - blog:\n", f"  - blog:\n{line}", 1)
    path.write_text(text, encoding="utf-8")


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    site = copy_site(tmp_path / "site")
    monkeypatch.chdir(site)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    return site


def _write(project: Path, name: str, text: str) -> None:
    path = project / POSTS / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")


def _check(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    code = main(["check"])
    out = capsys.readouterr().out
    return code, out


# Settings ------------------------------------------------------------------------


def test_defaults_are_the_blog_plugins() -> None:
    from material.plugins.blog.config import BlogConfig

    config = BlogConfig()
    config.load_dict({})
    config.validate()
    assert BlogSettings.from_options(config) == BlogSettings()
    # Categories in an address are slugified as the plugin's default does
    # (a callable, which mkdocs.yml cannot hold here).
    for name in ("Retours d'expérience", "Outils  B2B", "<b>Méthodes</b>"):
        assert BlogSettings(post_url_format="{categories}").post_address(
            dt.date(2024, 1, 1), "x", [name], "a.md"
        ) == config.categories_slugify(name, "-")


def test_settings_are_read_from_mkdocs_yml(project: Path) -> None:
    _configure(
        project,
        post_excerpt_separator="<!-- suite -->",
        post_url_format="{categories}/{slug}",
        post_url_date_format="yyyy/MM",
        post_url_max_categories=2,
    )
    blog = load_site(project).blog
    assert blog.post_excerpt_separator == "<!-- suite -->"
    assert (blog.post_url_format, blog.post_url_date_format, blog.post_url_max_categories) == ("{categories}/{slug}", "yyyy/MM", 2)
    assert blog.language == "fr" and blog.posts_dir == "blog/posts" and blog.authors_path == "blog/.authors.yml"
    assert load_site(project).context().blog == blog


def test_an_option_of_the_wrong_type_keeps_its_default() -> None:
    assert BlogSettings.from_options({"post_url_max_categories": "deux", "post_url_format": None}) == BlogSettings()


@pytest.mark.parametrize(
    "pattern", ["yyyy/MM/dd", "yyyy/MM", "yy-M-d", "y", "yyyyy", "dd.MM.yyyy", "yyyy'h'MM", "yyyy''MM", "HH'h'mm", "MMMM/yyyy", "EEE"]
)
@pytest.mark.parametrize("day", [dt.date(2024, 3, 5), dt.date(1999, 12, 31), dt.datetime(2021, 1, 1, 7, 8, tzinfo=dt.UTC)])
def test_url_dates_are_written_as_babel_writes_them(pattern: str, day: dt.date) -> None:
    # Material writes them with Babel, at midnight UTC for a date alone.
    moment = day if isinstance(day, dt.datetime) else dt.datetime.combine(day, dt.time(), tzinfo=dt.UTC)
    assert format_url_date(day, pattern, "fr") == format_datetime(moment, format=pattern, locale="fr")


@pytest.mark.parametrize(
    "options, expected",
    [
        ({}, "blog/2024/03/05/mon-article"),
        ({"post_url_format": "{date}/{file}", "post_url_date_format": "yyyy/MM"}, "blog/2024/03/2024-03-05-mon-fichier"),
        ({"post_url_format": "{categories}/{slug}"}, "blog/retours-dexpérience/mon-article"),
        ({"post_url_format": "/{categories}//{slug}/", "post_url_max_categories": 0}, "blog/mon-article"),
        ({"blog_dir": "section/blog", "post_url_format": "{slug}"}, "section/blog/mon-article"),
    ],
)
def test_post_addresses(options: dict[str, object], expected: str) -> None:
    blog = BlogSettings.from_options(options, "fr")
    url = blog.post_url(dt.date(2024, 3, 5), "mon-article", ["Retours d'expérience", "Outils"], "blog/posts/2024-03-05-mon-fichier.md")
    assert url == expected


# The writers' check ----------------------------------------------------------------


def test_check_finds_duplicates_with_the_configured_address(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _configure(project, post_url_format="{date}/{file}", post_url_date_format="yyyy/MM")
    # Same month, same file name in two folders: one address for both.
    _write(project, "equipe-a/offre.md", _article("L'offre de mars", "2024-03-02", "Texte A."))
    _write(project, "equipe-b/offre.md", _article("Une autre offre", "2024-03-28", "Texte B."))
    # Same day, same title, different files: two addresses with {file}
    # (one with the default {date}/{slug}).
    _write(project, "2024-04-01-salon.md", _article("Le salon", "2024-04-01", "Texte."))
    _write(project, "2024-04-01-salon-bis.md", _article("Le salon", "2024-04-01", "Texte."))
    code, out = _check(project, capsys)
    assert code == 1, out
    duplicates = [line for line in out.splitlines() if "aurait la même adresse" in line]
    assert len(duplicates) == 1, out
    assert "equipe-b/offre.md" in duplicates[0] and "(2024/03/offre)" in duplicates[0] and "equipe-a/offre.md" in duplicates[0]


def test_check_with_categories_in_the_address(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _configure(project, post_url_format="{categories}/{slug}")
    _write(project, "2024-01-10-plan.md", _article("Le plan", "2024-01-10", "Texte.", category="Méthodes"))
    _write(project, "2024-02-10-plan.md", _article("Le plan", "2024-02-10", "Texte.", category="Outils"))
    code, out = _check(project, capsys)
    assert code == 0 and "aurait la même adresse" not in out, out
    _write(project, "2024-03-10-plan.md", _article("Le plan", "2024-03-10", "Texte.", category="méthodes"))
    code, out = _check(project, capsys)
    assert (
        code == 1
        and "2024-03-10-plan.md:2: erreur: cet article aurait la même adresse (méthodes/le-plan) que blog/posts/2024-01-10-plan.md" in out
    ), out


def test_check_and_new_use_the_configured_separator(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _configure(project, post_excerpt_separator="<!-- suite -->")
    assert main(["new", "Un nouvel article", "--auteur", "amelie"]) == 0
    created = next((project / POSTS).glob("*-un-nouvel-article.md"))
    text = created.read_text(encoding="utf-8")
    assert "<!-- suite -->" in text and "<!-- more -->" not in text
    context = load_site(project).context()
    from articles.normalize import normalize_article

    article = normalize_article("blog/posts/x.md", _article("X", "2024-01-01", "Premier.\n\nSecond."), context)
    assert "Premier.\n\n<!-- suite -->\n\nSecond." in article.build_body and "<!-- more -->" not in article.build_body


# Real builds -------------------------------------------------------------------------


def test_build_cuts_excerpts_and_places_posts_as_configured(project: Path) -> None:
    _configure(project, post_excerpt_separator="<!-- suite -->", post_url_format="{categories}/{slug}")
    _write(
        project,
        "2024-05-02-coupe.md",
        _article("Coupé ici", "2024-05-02", "Le début visible.\n\n<!-- suite -->\n\nLa suite cachée.", category="Méthodes"),
    )
    _write(project, "2024-05-03-sans.md", _article("Sans séparateur", "2024-05-03", "Premier paragraphe.\n\nDeuxième paragraphe."))
    # A link by published address, with the configured format.
    _write(
        project,
        "2024-05-04-lien.md",
        _article("Un lien", "2024-05-04", "Lisez [cet article](/blog/méthodes/coupe-ici/).", category="Outils"),
    )
    result = run_build(project)
    assert not result.aborted, result.reproduce() + "\n" + "\n".join(result.messages())
    assert (result.site / "blog/méthodes/coupe-ici/index.html").is_file(), result.reproduce()
    index = result.page("blog/index.html")
    assert "Le début visible." in index and "La suite cachée." not in index, result.reproduce()
    assert "Premier paragraphe." in index and "Deuxième paragraphe." not in index, result.reproduce()
    page = result.page("blog/outils/un-lien/index.html")
    assert re.search(r'href="\.\./\.\./m(é|%C3%A9)thodes/coupe-ici/"', page), result.reproduce()
    assert not [message for message in result.messages() if "cet article" in message or "/blog/méthodes" in message], result.reproduce()


def test_build_refuses_duplicates_and_resolves_addresses_with_the_configured_date(project: Path) -> None:
    _configure(project, post_url_format="{date}/{file}", post_url_date_format="yyyy/MM")
    _write(project, "2024-06-01-cible.md", _article("Cible", "2024-06-01", "Texte."))
    _write(project, "2024-06-02-source.md", _article("Source", "2024-06-02", "Voir [la cible](/blog/2024/06/2024-06-01-cible/)."))
    result = run_build(project)
    assert not result.aborted, result.reproduce() + "\n" + "\n".join(result.messages())
    page = result.page("blog/2024/06/2024-06-02-source/index.html")
    assert 'href="../2024-06-01-cible/"' in page, result.reproduce()
    assert not [message for message in result.messages() if "la cible" in message or "2024-06-01-cible/" in message]

    _write(project, "autre/2024-06-01-cible.md", _article("Une autre cible", "2024-06-20", "Texte."))
    result = run_build(project)
    assert result.aborted, result.reproduce()
    assert any("aurait la même adresse (2024/06/2024-06-01-cible)" in message for message in result.messages()), result.messages()


# Taxonomy ------------------------------------------------------------------------------


def test_taxonomy_is_parsed_once_per_content(tmp_path: Path) -> None:
    path = tmp_path / "taxonomy.yml"
    path.write_text("tags:\n  Vente:\n    masqué: oui\n", encoding="utf-8")
    first = taxonomy(tmp_path)
    assert taxonomy(tmp_path) is first and first.hidden == {"Vente"}
    stat = path.stat()
    # Same size, same modification time: still seen.
    path.write_text("tags:\n  Vente:\n    masqué: no \n", encoding="utf-8")
    import os

    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert taxonomy(tmp_path).hidden == frozenset()
    path.unlink()
    assert taxonomy(tmp_path).tags == ()


def test_a_changed_taxonomy_is_seen_by_the_next_build_in_the_same_process(project: Path) -> None:
    _write(project, "2024-07-01-essai.md", _article("Essai", "2024-07-01", "Texte.").replace("authors:", "tags: [Prospection]\nauthors:"))
    first = run_build(project)
    assert not first.aborted, first.reproduce()
    assert 'class="md-tag">Prospection<' in first.page("blog/2024/07/01/essai/index.html"), first.reproduce()
    taxonomy_file = project / "docs/taxonomy.yml"
    text = taxonomy_file.read_text(encoding="utf-8")
    taxonomy_file.write_text(text.replace("  Prospection:\n", "  Prospection:\n    masqué: oui\n", 1), encoding="utf-8")
    second = run_build(project)
    assert not second.aborted, second.reproduce()
    # Hidden now: no chip on the article, still found by search.
    assert 'class="md-tag">Prospection<' not in second.page("blog/2024/07/01/essai/index.html"), second.reproduce()
    index = json.loads((second.site / "search/search_index.json").read_text(encoding="utf-8"))
    (entry,) = (number for number, doc in enumerate(index["docs"]) if doc["location"] == "blog/2024/07/01/essai/")
    assert "tags" not in index["docs"][entry], second.reproduce()
    engine = index["config"]["engine"]
    holders = decode_postings(engine["postings"][engine["words"].index("prospection")])
    assert holders.get(entry, 0) & IN_TOPICS, second.reproduce()


def test_check_refuses_an_address_format_material_cannot_use(project: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _configure(project, post_url_format="{titre}/{slug}")
    code = main(["check"])
    captured = capsys.readouterr()
    assert code not in (0, 1) and "mkdocs.yml est illisible" in captured.err, captured
