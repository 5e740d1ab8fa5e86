"""The writers' ``fix`` (articles/rewrite.py): it never crashes, never removes
a line that carries meaning, never rewrites the characters of the writer's
text, never changes whether an article is published, writes the field names
of the guide, and a second run changes nothing."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from articles import SiteContext, normalize_article
from articles.rewrite import RewriteError, canonical_text

PATH = "blog/posts/2022-01-01-a.md"


def _context() -> SiteContext:
    return SiteContext(asset_exists=lambda path: False)


def fix(text: str) -> str:
    fixed = canonical_text(normalize_article(PATH, text, _context()), text)
    again = canonical_text(normalize_article(PATH, fixed, _context()), fixed)
    assert again == fixed, "fix is idempotent"
    return fixed


def test_a_header_under_the_title_moves_to_the_top() -> None:
    text = "# Kick-off 2027\n\nCreated: November 30, 2026 3:45 PM\nTags: Ventes\n\nLe texte.\n"
    fixed = fix(text)
    front, body = fixed.split("---\n")[1:]
    assert "date: 2026-11-30" in front and "Created" not in body
    assert body == "# Kick-off 2027\n\nLe texte.\n"


def test_an_e_mail_s_header_becomes_the_guide_s_and_its_subject_the_title_as_shown() -> None:
    text = "From: Marie Durand <marie@exemple.fr>\nDate: 30/11/2026\nTo: Paul\nSubject: RE: Retour salon\n\nLe texte.\n"
    fixed = fix(text)
    front, body = fixed.split("---\n")[1:]
    assert re.search(r'^titre: "?Retour salon"?$', front, re.M) and "date: 2026-11-30" in front and "  - Marie Durand\n" in front
    # Whom it went to stays the writer's line; it is never published.
    assert "To: Paul\n" in front and body == "\nLe texte.\n"
    assert normalize_article(PATH, fixed, _context()).meta["title"] == normalize_article(PATH, text, _context()).meta["title"]


def test_a_docusaurus_note_is_written_as_the_site_s() -> None:
    fixed = fix("---\ntitre: T\ndate: 2026-12-01\n---\n:::warning Prix\nConfidentiels jusqu'au 15/12.\n:::\n")
    assert fixed.endswith('---\n!!! warning "Prix"\n    Confidentiels jusqu\'au 15/12.\n\n'), fixed


def test_tabs_in_the_header_do_not_crash() -> None:
    fixed = fix("---\ntitre:\tLes tabulations\ndate:\t2022-02-02\nthèmes:\n\t- Vente\n\t- Méthodes\n---\nTexte.\n")
    assert "titre: Les tabulations\n" in fixed and "thèmes:\n  - Vente\n  - Méthodes\n" in fixed
    assert "\t" not in fixed.split("---")[1]


def test_an_image_not_uploaded_yet_is_kept() -> None:
    fixed = fix("---\ntitre: Plaquette\nimage: img/plaquette.png\n---\nTexte.\n")
    assert "image: img/plaquette.png\n" in fixed


@pytest.mark.parametrize(
    "line",
    [
        "brouillon: non",
        "brouillon: oui",
        "statut: brouillon",
        "post_status: draft",
        "à publier: non",
        "published: false",
        "visible: non",
        "confidentiel: oui",
        "draft: peut-être",
        "publié: oui",
    ],
)
def test_publication_fields_are_never_touched(line: str) -> None:
    text = f"---\ntitre: T\ndate: 2022-01-01\n{line}\n---\nTexte.\n"
    fixed = fix(text)
    assert f"\n{line}\n" in fixed
    assert "brouillon: true" not in fixed and "draft: true" not in fixed
    assert normalize_article(PATH, fixed).is_draft == normalize_article(PATH, text).is_draft


def test_future_date_adds_no_draft_line() -> None:
    fixed = fix("---\ntitre: Demain\ndate: 2099-01-01\n---\nTexte.\n")
    assert "draft" not in fixed and "brouillon" not in fixed


@pytest.mark.parametrize(
    "title",
    [
        "Prix < 100 €",
        "Prix < 100 € & « promo »",
        "pourquoi choisir ?",
        "Le #1 du marché",
        "[Nouveau] Offre été",
        "L’équipe d’Amélie",
        "Offre : -20 %",
        "Tom & Jerry > Titi",
    ],
)
def test_the_writers_text_keeps_its_characters(title: str) -> None:
    quoted = '"' + title.replace('"', '\\"') + '"'
    for written in (f"titre: {title}", f"titre: {quoted}"):
        original = f"---\n{written}\ndate: 2022-01-01\nrésumé: {quoted}\n---\nTexte.\n"
        fixed = fix(original)
        assert f"titre: {title}\n" in fixed or f"titre: {quoted}\n" in fixed, fixed
        assert f"résumé: {quoted}\n" in fixed, fixed
        # The same meaning as what was typed (the core only capitalises the displayed title).
        assert normalize_article(PATH, fixed).meta == normalize_article(PATH, original).meta


def test_unknown_fields_and_comments_stay() -> None:
    fixed = fix("---\n# relu\ntitre: T\ncampagne: printemps # à garder\nhide: [toc]\ndate: 2022-01-01\n---\nTexte.\n")
    assert "# relu\n" in fixed and "campagne: printemps # à garder\n" in fixed and "hide: [toc]\n" in fixed


def test_guide_field_names() -> None:
    fixed = fix(
        "---\ntitle: T\ndate: 2022-01-01\nauthor: Amélie\ncategories: Méthodes\ntags: Vente, B2B\n"
        "readtime: 5 min\ndescription: Une phrase.\ndraft: false\n---\nTexte.\n"
    )
    header = fixed.split("---")[1]
    for name in ("titre:", "date:", "auteur:", "rubrique:", "thèmes:", "durée de lecture: 5", "résumé:", "draft: false"):
        assert f"\n{name}" in header, header


def test_what_cannot_be_rewritten_is_a_french_refusal() -> None:
    text = "---\ntitre: T\ndate: 2022-01-01\n---\nTexte.\n"
    article = normalize_article(PATH, text)
    with pytest.raises(RewriteError):
        canonical_text(article, "---\ntitre: [a, b\n---\n")


HEADER_LINES = st.sampled_from(
    [
        "titre:\tTab",
        "thèmes: #a #b",
        "titre: [N] x",
        "titre: a: b",
        "\tdate: 2022-01-01",
        "- x",
        "résumé: « a",
        "b »",
        "image: img/x.png",
        "brouillon: x",
        "statut: à relire",
        "clé: [1, {a: b}]",
        "titre: 'a",
        "# c",
        "date: 06/12/2017 à 10h30",
        "date: 2019-02",
        ": x",
        "? x",
        "&a x",
        "*a",
        'titre: "a #1"',
        "  - y",
        "|",
        "x: |",
    ]
)


@given(st.lists(HEADER_LINES, max_size=8))
@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_fix_never_crashes(lines: list[str]) -> None:
    text = "---\n" + "\n".join(lines) + "\n---\nTexte.\n"
    article = normalize_article(PATH, text, _context())
    try:
        canonical_text(article, text)
    except RewriteError:
        pass
