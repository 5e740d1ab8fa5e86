"""« vouliez-vous dire » proposes close matches only: a typo relative to the
length, an abbreviation, the known name inside what was written."""

from __future__ import annotations

import pytest

from articles.authors import AuthorRegistry
from articles.tags import Term, TermRegistry, is_close

TAGS = TermRegistry(
    [
        Term("Négociation", synonyms=("négo", "négocier")),
        Term("Vente", synonyms=("ventes", "sales", "commercial")),
        Term("Marketing"),
        Term("Smarketing"),
        Term("Prospection", synonyms=("leads", "prospects")),
        Term("CRM", synonyms=("gestion de la relation client",)),
        Term("Réseaux sociaux", synonyms=("linkedin", "social selling")),
        Term("IA", synonyms=("AI", "I.A.")),
        Term("Événementiel", synonyms=("salons", "webinaires")),
        Term("SEA"),
    ]
)
AUTHORS = AuthorRegistry({"amelie": "Amélie", "paul-martin": "Paul Martin", "jdupont": "Jeanne Dupont"})

# (written, known): a suggestion a writer would thank us for.
CLOSE = [
    ("Vnete", "Vente"),  # two letters swapped
    ("Marketting", "Marketing"),
    ("marketing ", "Marketing"),
    ("Negotiation", "Négociation"),  # accents and one letter
    ("NEGOCIATIONS", "Négociation"),
    ("Fidelisaton", "Fidélisation"),
    ("Prospec", "Prospection"),  # abbreviation of four letters or more
    ("Reseaux", "Réseaux sociaux"),
    ("Réseaux-Sociaux", "Réseaux sociaux"),  # punctuation and case
    ("Vente B2B", "Vente"),  # the known name as a whole word
    ("Marketing digital", "Marketing"),
    ("relation client", "gestion de la relation client"),  # several words inside the known name
    ("e-mailing", "emailing"),
]
# (written, known): unrelated, however few letters differ.
FAR = [
    ("SEO", "négo"),  # the example: two edits on three letters
    ("SEO", "SEA"),  # another acronym, not a typo
    ("UX", "IA"),
    ("Data", "IA"),
    ("Veille", "Vente"),
    ("Presse", "prospects"),
    ("client", "gestion de la relation client"),  # one common word
    ("IA générative", "IA"),  # too short to be read inside
    ("vent", "événementiel"),
    ("Communiquer", "commercial"),
    ("", "Vente"),
    ("???", "Vente"),
]


@pytest.mark.parametrize(("written", "known"), CLOSE)
def test_close(written: str, known: str) -> None:
    assert is_close(written, known)


@pytest.mark.parametrize(("written", "known"), FAR)
def test_not_close(written: str, known: str) -> None:
    assert not is_close(written, known)


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("SEO", []),
        ("seo", []),
        ("Vnete", ["Vente"]),
        ("Marketting", ["Marketing", "Smarketing"]),  # the closest first
        ("Negotiation", ["Négociation"]),
        ("Prospec", ["Prospection"]),
        ("relation client", ["CRM"]),
        ("Lead", ["Prospection"]),
        ("Social", ["Réseaux sociaux"]),
        ("Webinar", []),
        ("Data", []),
        ("Veille", []),
    ],
)
def test_tag_suggestions(written: str, expected: list[str]) -> None:
    assert TAGS.suggestions(written) == expected


@pytest.mark.parametrize(
    ("written", "expected"),
    [
        ("Amelei", ["Amélie"]),
        ("Amélie Durand", ["Amélie"]),  # the first name of a known author
        ("Martin", ["Paul Martin"]),  # a last name alone
        ("paul martn", ["Paul Martin"]),
        ("Jeane Dupond", ["Jeanne Dupont"]),
        ("Amé", []),
        ("Paula", []),
        ("Bob", []),
        ("Emilie", []),
    ],
)
def test_author_suggestions(written: str, expected: list[str]) -> None:
    assert AUTHORS.suggestions(written) == expected


def test_suggestions_are_bounded_on_long_input() -> None:
    assert TAGS.suggestions("x" * 20_000) == []
    assert AUTHORS.suggestions("Amélie " * 3_000) == ["Amélie"]
