"""What a file under the posts folder is, for the writers' check and the build alike."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from articles.files import ARTICLE_SUFFIXES, FileKind, classify, is_article, linked_folders, out_of, walk
from articles.site import load_site


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("2024-03-15-mon-article.md", FileKind.ARTICLE),
        ("Mon Article.MD", FileKind.ARTICLE),
        ("ancien-blog.markdown", FileKind.ARTICLE),
        ("importé.mdown", FileKind.ARTICLE),
        ("sous/dossier/l'été.mkd", FileKind.ARTICLE),
        ("photo.JPG", FileKind.IMAGE),
        ("schéma.webp", FileKind.IMAGE),
        ("grille-tarifaire.pdf", FileKind.ATTACHMENT),
        ("notes.txt", FileKind.ATTACHMENT),
        # Refused: not published, reported by check and by the build.
        ("mon-article.md.txt", FileKind.REFUSED),
        ("mon-article.markdown.pdf", FileKind.REFUSED),
        ("page.html", FileKind.REFUSED),
        ("logo.svg", FileKind.REFUSED),
        ("script.js", FileKind.REFUSED),
        ("sans-extension", FileKind.REFUSED),
        (".DS_Store", FileKind.REFUSED),
        ("archive.tar.gz", FileKind.REFUSED),
        ("C:\\Users\\moi\\article.md", FileKind.ARTICLE),
    ],
)
def test_classify(name: str, kind: FileKind) -> None:
    assert classify(name) is kind
    assert is_article(name) is (kind is FileKind.ARTICLE)


def test_article_suffixes_are_mkdocs_markdown_suffixes() -> None:
    from mkdocs.utils import markdown_extensions

    assert set(ARTICLE_SUFFIXES) == set(markdown_extensions)


def test_walk_lists_files_recursively_without_dot_files_or_link_loops(tmp_path: Path) -> None:
    (tmp_path / "a.md").write_text("x")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "b.md").write_text("x")
    (tmp_path / ".brouillon.md").write_text("x")
    (tmp_path / "sous" / "dossier.md").mkdir(parents=True)  # a folder named like an article
    (tmp_path / "sous" / "dossier.md" / "c.markdown").write_text("x")
    (tmp_path / "boucle.md").symlink_to("boucle.md")
    (tmp_path / "lien").symlink_to(tmp_path)  # a link to a parent folder: never followed
    assert [path.relative_to(tmp_path).as_posix() for path in walk(tmp_path)] == ["a.md", "boucle.md", "sous/dossier.md/c.markdown"]
    assert walk(tmp_path / "absent") == []


def test_links_out_of_a_folder_are_found_through_a_linked_folder_too(tmp_path: Path) -> None:
    docs, elsewhere = tmp_path / "docs", tmp_path / "ailleurs"
    (docs / "posts").mkdir(parents=True)
    elsewhere.mkdir()
    (elsewhere / "secret.md").write_text("x")
    (docs / "posts" / "a.md").write_text("x")
    (docs / "posts" / "lien.md").symlink_to(elsewhere / "secret.md")
    (docs / "posts" / "partage").symlink_to(elsewhere)
    (docs / "posts" / "ici").symlink_to(docs / "posts")  # stays inside
    (docs / "posts" / ".cache").symlink_to(elsewhere)  # a dot folder: never published
    assert sorted(path.name for path in linked_folders(docs)) == ["ici", "partage"]
    assert out_of(docs, docs / "posts" / "a.md") is None
    assert out_of(docs, docs / "posts" / "ici" / "a.md") is None
    assert out_of(docs, docs / "posts" / "lien.md") == str(elsewhere / "secret.md")
    assert out_of(docs, docs / "posts" / "partage" / "secret.md") == str(elsewhere / "secret.md")


def test_site_lists_every_article_suffix(tmp_path: Path) -> None:
    (tmp_path / "mkdocs.yml").write_text("site_name: x\nplugins:\n  - blog\n")
    posts = tmp_path / "docs" / "blog" / "posts"
    (posts / "2024").mkdir(parents=True)
    for name in ["a.md", "b.markdown", "2024/c.mdown", "d.md.txt", "e.html", "f.png"]:
        (posts / name).write_text("x")
    os.mkdir(posts / "g.md")
    site = load_site(tmp_path)
    assert [path.relative_to(posts).as_posix() for path in site.article_paths()] == ["2024/c.mdown", "a.md", "b.markdown"]
