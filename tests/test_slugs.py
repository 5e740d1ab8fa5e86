"""Slugs (articles/slugs.py): accents folded, punctuation dropped, no
leading/trailing/double hyphens; a `slug:` wins."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from articles import normalize_article
from articles.slugs import slugify

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

TABLE = [
    ("Pourquoi choisir notre offre ?", "pourquoi-choisir-notre-offre"),
    ("Comment aligner le marketing et les ventes ?", "comment-aligner-le-marketing-et-les-ventes"),
    ("Été 2022 : bilan & perspectives !", "ete-2022-bilan-perspectives"),
    ("  --  Déjà   vu --  ", "deja-vu"),
    ("Hello---World", "hello-world"),
    ("ÇA MARCHE !", "ca-marche"),
    ("Œuvre et cœur", "oeuvre-et-coeur"),
    ("Les « guillemets » français", "les-guillemets-francais"),
    ("100 % remote ?", "100-remote"),
    ("Prix : 50 € !", "prix-50"),
    ("Vente — Marketing", "vente-marketing"),
    ("🚀 Lancement réussi !", "lancement-reussi"),
    ("Naïve, la stratégie ?", "naive-la-strategie"),
    ("Noël (édition 2022)", "noel-edition-2022"),
    ("Tél. : contactez-nous", "tel-contactez-nous"),
    ("…et après ?", "et-apres"),
    ("Le télémarketing est-il mort ?", "le-telemarketing-est-il-mort"),
    ("Où, quand, comment ?", "ou-quand-comment"),
]


@pytest.mark.parametrize(("title", "slug"), TABLE)
def test_slugify(title: str, slug: str) -> None:
    assert slugify(title) == slug


@pytest.mark.parametrize("title", ["L'été à Paris", "Qu’est-ce que le smarketing ?", "Aujourd'hui, demain"])
def test_apostrophes_leave_no_trace(title: str) -> None:
    slug = slugify(title)
    assert SLUG.match(slug) and "'" not in slug and "’" not in slug


@given(st.text(max_size=200))
@settings(max_examples=300, deadline=None)
def test_slug_shape(text: str) -> None:
    slug = slugify(text)
    assert slug == "" or SLUG.match(slug), slug
    assert slugify(slug) == slug


@pytest.mark.parametrize(
    ("front", "slug"),
    [
        ("title: Pourquoi choisir notre offre ?\n", "pourquoi-choisir-notre-offre"),
        ("title: Pourquoi choisir notre offre ?\nslug: notre-offre\n", "notre-offre"),
        ("titre: Un titre\nSlug: mon-adresse\n", "mon-adresse"),
        ("title: Un titre\nslug: Mon Adresse Perso\n", "mon-adresse-perso"),
        ("title: Un titre\nslug: 'é-t-é  2022'\n", "e-t-e-2022"),
    ],
)
def test_slug_in_front_matter(front: str, slug: str) -> None:
    article = normalize_article("blog/posts/a.md", f"---\n{front}date: 2022-01-01\n---\nTexte.\n")
    assert article.meta["slug"] == slug


def test_slug_from_heading_title() -> None:
    article = normalize_article("blog/posts/a.md", "---\ndate: 2022-01-01\n---\n# Quel CRM choisir ?\n\nTexte.\n")
    assert article.meta["slug"] == "quel-crm-choisir"
