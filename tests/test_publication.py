"""What reaches site/: only what is meant to be published, the same way twice."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from sitebuild import copy_site, run_build

EXTRA_FILES = {
    "docs/blog/posts/brouillon.md": "---\ntitle: Pas encore prêt\ndate: 2024-01-01\nbrouillon: oui\n---\n\nTexte.\n",
    "docs/blog/posts/retire.md": "---\ntitle: Retiré\ndate: 2024-01-02\npublished: false\n---\n\nTexte.\n",
    "docs/blog/posts/_modele.md": "---\ntitle: Modèle\ndate: 2024-01-03\n---\n\nModèle d'article.\n",
    "docs/_notes.md": "# Notes internes\n",
    "docs/guide/_brouillon-du-guide.md": "# Brouillon\n",
    "docs/modele.tmpl": "modèle\n",
    "docs/blog/posts/publie.md": "---\ntitle: Publié\ndate: 2024-01-04\n---\n\nTexte publié.\n",
}


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = copy_site(tmp_path_factory.mktemp("publication"))
    for name, text in EXTRA_FILES.items():
        (site / name).write_text(text, encoding="utf-8")
    return site


def _tree(folder: Path) -> dict[str, str]:
    return {
        path.relative_to(folder).as_posix(): hashlib.sha256(path.read_bytes()).hexdigest()
        for path in sorted(folder.rglob("*"))
        if path.is_file()
    }


def test_only_published_content_reaches_the_site(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    result = run_build(project)
    assert not result.aborted, result.reproduce()
    pages = sorted(path for path in _tree(result.site) if path.endswith(".html") and not path.startswith("assets/"))
    assert pages == [
        "404.html",
        "blog/2020/12/01/comment-aligner-le-marketing-et-les-ventes/index.html",
        "blog/2024/01/04/publie/index.html",
        "blog/archive/2020/index.html",
        "blog/archive/2024/index.html",
        "blog/author/amelie/index.html",
        "blog/category/articles/index.html",
        "blog/index.html",
        "guide/publier-un-article/index.html",
        "index.html",
        "tags/index.html",
    ], result.reproduce()
    others = sorted(path for path in _tree(result.site) if not path.endswith(".html") and not path.startswith(("assets/", "search/")))
    assert others == [
        "feed_json_created.json",
        "feed_json_updated.json",
        "feed_rss_created.xml",
        "feed_rss_updated.xml",
        "robots.txt",
        "rss.xsl",
        "sitemap.xml",
        "sitemap.xml.gz",
        "tags.json",
    ], result.reproduce()
    everything = "\n".join(path.read_text(encoding="utf-8", errors="replace") for path in result.site.rglob("*") if path.is_file())
    for secret in (
        "Pas encore prêt",
        "Retiré",
        "Modèle d'article",
        "Notes internes",
        "Les thèmes (tags) et les rubriques (categories) du site.",
    ):
        assert secret not in everything, secret


def test_internal_by_default(project: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    result = run_build(project)
    assert (result.site / "robots.txt").read_text(encoding="utf-8").splitlines()[-2:] == ["User-agent: *", "Disallow: /"]
    for page in result.site.rglob("*.html"):
        assert '<meta name="robots" content="noindex, nofollow">' in page.read_text(encoding="utf-8"), page


def test_two_builds_are_byte_identical(project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    first = run_build(project)
    saved = tmp_path / "first"
    first.site.rename(saved)
    second = run_build(project)
    assert not first.aborted and not second.aborted
    before, after = _tree(saved), _tree(second.site)
    changed = sorted(path for path in before.keys() | after.keys() if before.get(path) != after.get(path))
    assert changed == [], f"{changed}\n{second.reproduce()} (twice, with SOURCE_DATE_EPOCH=1700000000)"
