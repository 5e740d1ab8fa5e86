"""Front matter keys (articles/keys.py): matched case-, accent-, space-,
underscore- and hyphen-insensitively against aliases, English, French and
common typos; unknown keys kept as they are."""

from __future__ import annotations

import unicodedata

import pytest

from articles import normalize_article
from articles.keys import canonical_key

# The rule's alias lists (``published`` is tested through normalize_article:
# it is a date, or a draft flag when false).
RULE_ALIASES = {
    "title": ["title", "titre"],
    "date": ["date", "publié le", "publication"],
    "authors": ["author", "auteur", "authors", "auteurs", "par"],
    "categories": ["categories", "category", "catégorie", "catégories", "rubrique"],
    "tags": ["tags", "tag", "mots-clés", "mots clés", "keywords", "étiquettes"],
    "readtime": ["readtime", "read", "reading time", "temps de lecture", "durée de lecture", "durée"],
    "description": ["description", "résumé", "excerpt", "exerpt", "summary", "chapô"],
    "image": ["image", "cover", "illustration", "visuel"],
    "draft": ["draft", "brouillon"],
    "slug": ["slug"],
}


def _strip_accents(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def _variants(alias: str) -> set[str]:
    """The same key written the ways writers write it."""
    forms = {alias, alias.upper(), alias.capitalize(), alias.title(), _strip_accents(alias), f" {alias} "}
    if " " in alias or "-" in alias:
        words = alias.replace("-", " ").split()
        forms |= {
            "_".join(words),
            "-".join(words),
            "".join(words),
            " ".join(words),
            "_".join(words).upper(),
            _strip_accents("-".join(w.capitalize() for w in words)),
        }
    return forms


CASES = sorted({(variant, canonical) for canonical, aliases in RULE_ALIASES.items() for alias in aliases for variant in _variants(alias)})


@pytest.mark.parametrize(("key", "canonical"), CASES, ids=[repr(key) for key, _ in CASES])
def test_aliases_and_their_spellings(key: str, canonical: str) -> None:
    assert canonical_key(key)[0] == canonical


TYPOS = [
    ("titel", "title"),
    ("tilte", "title"),
    ("Titer", "title"),
    ("auhtor", "authors"),
    ("autheur", "authors"),
    ("auteru", "authors"),
    ("catgories", "categories"),
    ("categroy", "categories"),
    ("catégroie", "categories"),
    ("descripion", "description"),
    ("descrption", "description"),
    ("summray", "description"),
    ("illustation", "image"),
    ("brouilon", "draft"),
    ("brouillion", "draft"),
    ("temps de lectrue", "readtime"),
    ("readtiem", "readtime"),
    ("keywrods", "tags"),
    ("étiqettes", "tags"),
    ("rubriuqe", "categories"),
    # Transposed letters in a four-letter key are as common as in a long one.
    ("tgas", "tags"),
    ("dtae", "date"),
]


@pytest.mark.parametrize(("key", "canonical"), TYPOS)
def test_common_typos(key: str, canonical: str) -> None:
    assert canonical_key(key)[0] == canonical


UNKNOWN = [
    "layout",
    "sous-titre",
    "Sous-Titre",
    "subtitle",
    "lang",
    "canonical",
    "comments",
    "hide",
    "template",
    "seo",
    "ordre",
    "couleur",
    "mis à jour",
    "updated",
    "links",
    "hero",
    "Priorité",
    "toc",
    "search",
]


@pytest.mark.parametrize("key", UNKNOWN)
def test_unknown_keys_are_not_guessed(key: str) -> None:
    assert canonical_key(key)[0] is None


def test_unknown_keys_reported_and_left_out() -> None:
    # Material's templates print some fields as they are (a revision date):
    # only the fields the core reads reach them; the others are reported.
    text = (
        "---\ntitre: Un titre\ndate: 2022-01-01\nSous-Titre: Rien ne se perd\nseo: {titre: Autre, index: false}\n"
        "Priorité: 2\nlayout: large\nliste: [1, deux, 3.5]\nhide: [toc]\nrevision_date: <img src=x onerror=alert(1)>\n---\nTexte.\n"
    )
    article = normalize_article("blog/posts/a.md", text)
    assert set(article.meta) == {"title", "date", "slug"}
    unused = [(p.line, dict(p.values)["key"]) for p in article.problems if p.code == "key_unused"]
    assert unused == [(4, "Sous-Titre"), (5, "seo"), (6, "Priorité"), (7, "layout"), (8, "liste"), (9, "hide"), (10, "revision_date")]
    problem = next(p for p in article.problems if p.code == "key_unused")
    assert problem.severity.value == "info"
    assert problem.message == "le champ « Sous-Titre » n'est pas utilisé par le site ; il est ignoré"
    assert "revision" not in article.to_markdown()


@pytest.mark.parametrize(
    ("front", "draft", "date"),
    [
        ("published: false\ndate: 2022-01-01\n", True, "2022-01-01"),
        ("published: 2022-01-01\n", False, "2022-01-01"),
        ("Published: '01/02/2022'\n", False, "2022-02-01"),
        ("published: true\ndate: 2022-01-01\n", False, "2022-01-01"),
    ],
)
def test_published_is_a_date_or_a_draft_flag(front: str, draft: bool, date: str) -> None:
    article = normalize_article("blog/posts/a.md", f"---\ntitle: T\n{front}---\nTexte.\n")
    assert bool(article.meta.get("draft")) is draft
    assert article.meta["date"].isoformat() == date


@pytest.mark.parametrize(
    "flag",
    [
        "draft: true",
        "draft: yes",
        "draft: oui",
        "draft: 1",
        "brouillon: true",
        "brouillon: oui",
        "Brouillon: Oui",
        "brouillon: 1",
        "brouillon: '1'",
        "brouillon: 'yes'",
        "DRAFT: True",
    ],
)
def test_draft_flags(flag: str) -> None:
    article = normalize_article("blog/posts/a.md", f"---\ntitle: T\ndate: 2022-01-01\n{flag}\n---\nTexte.\n")
    assert article.meta.get("draft") is True


@pytest.mark.parametrize("flag", ["draft: false", "draft: no", "brouillon: non", "brouillon: 0", "published: true"])
def test_not_drafts(flag: str) -> None:
    article = normalize_article("blog/posts/a.md", f"---\ntitle: T\ndate: 2022-01-01\n{flag}\n---\nTexte.\n")
    assert not article.meta.get("draft")
