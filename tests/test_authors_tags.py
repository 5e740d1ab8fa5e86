"""Authors (articles/authors.py) and tags/categories (articles/tags.py).

Authors: display name, id, list, or comma/`et`/`&`-separated string; matched
to .authors.yml by id or display name accent/case-insensitively; unknown
author -> warning, id generated, name kept.
Tags and categories: list or `,`/`;`-separated string; trimmed, inner spaces
collapsed, deduplicated case- and accent-insensitively, one canonical display
form across the site (first seen), empty/null dropped.
"""

from __future__ import annotations

import pytest

from articles import Severity, SiteContext, normalize_article
from articles.authors import AuthorRegistry, author_id_for_unknown, name_of_handle, names_of_unknown_authors, split_authors
from articles.tags import Term, TermRegistry, dedupe, first_spellings, split_terms

AUTHORS = {"amelie": "Amélie", "paul-martin": "Paul Martin", "helene": "Hélène Dupont"}


def registry() -> AuthorRegistry:
    return AuthorRegistry(dict(AUTHORS))


# Authors -------------------------------------------------------------------------

SPLITS = [
    ("Amelie et Paul Martin", ["Amelie", "Paul Martin"]),
    ("Amélie & Paul Martin", ["Amélie", "Paul Martin"]),
    ("Amélie&Paul Martin", ["Amélie", "Paul Martin"]),
    ("Amélie, Paul Martin", ["Amélie", "Paul Martin"]),
    ("Amélie, Hélène Dupont et Paul Martin", ["Amélie", "Hélène Dupont", "Paul Martin"]),
    ("Amélie ET Paul Martin", ["Amélie", "Paul Martin"]),
    ("  Paul   Martin  ", ["Paul Martin"]),
    ("Bernadette et Juliette Martin", ["Bernadette", "Juliette Martin"]),
    ("Annette Petit", ["Annette Petit"]),
    ("Jean-Étienne Roux", ["Jean-Étienne Roux"]),
    (["Amélie", "Paul Martin"], ["Amélie", "Paul Martin"]),
    (["Amélie et Paul Martin", "helene"], ["Amélie", "Paul Martin", "helene"]),
    ("amelie", ["amelie"]),
    (None, []),
    ("", []),
    ([None, ""], []),
]


@pytest.mark.parametrize(("written", "names"), SPLITS, ids=[repr(w) for w, _ in SPLITS])
def test_split_authors(written: object, names: list[str]) -> None:
    assert split_authors(written) == names


FIND = [
    ("amelie", "amelie"),
    ("Amelie", "amelie"),
    ("Amélie", "amelie"),
    ("AMÉLIE", "amelie"),
    ("amélie", "amelie"),
    ("paul-martin", "paul-martin"),
    ("Paul Martin", "paul-martin"),
    ("paul martin", "paul-martin"),
    ("PAUL  MARTIN", "paul-martin"),
    ("Hélène Dupont", "helene"),
    ("Helene Dupont", "helene"),
    ("helene dupont", "helene"),
    ("helene", "helene"),
    ("Hélène", "helene"),
    ("Paul", None),
    ("Jean Dupuis", None),
]


@pytest.mark.parametrize(("written", "author_id"), FIND)
def test_find_author(written: str, author_id: str | None) -> None:
    assert registry().find(written) == author_id


@pytest.mark.parametrize(
    ("name", "author_id"),
    [
        ("Jean Dupuis", "jean-dupuis"),
        ("Zoé Lefèvre", "zoe-lefevre"),
        ("Jean-Pierre  Lévêque", "jean-pierre-leveque"),
        ("Œdipe Roi", "oedipe-roi"),
    ],
)
def test_unknown_author_id(name: str, author_id: str) -> None:
    assert author_id_for_unknown(name) == author_id


@pytest.mark.parametrize(
    ("line", "ids", "unknown"),
    [
        ("auteur: Amelie et Paul Martin", ["amelie", "paul-martin"], {}),
        ("auteurs: [AMÉLIE, helene]", ["amelie", "helene"], {}),
        ("par: Hélène Dupont & amelie", ["helene", "amelie"], {}),
        ("author: paul-martin", ["paul-martin"], {}),
        ("Auteur: Amélie, Amelie et amelie", ["amelie"], {}),
        ("authors: Jean Dupuis et Amélie", ["jean-dupuis", "amelie"], {"jean-dupuis": "Jean Dupuis"}),
        ("auteur: Zoé Lefèvre", ["zoe-lefevre"], {"zoe-lefevre": "Zoé Lefèvre"}),
    ],
)
def test_authors_in_front_matter(line: str, ids: list[str], unknown: dict[str, str]) -> None:
    text = f"---\ntitle: T\ndate: 2022-01-01\n{line}\n---\nTexte.\n"
    article = normalize_article("blog/posts/a.md", text, SiteContext(authors=registry()))
    assert article.meta["authors"] == ids
    assert article.unknown_authors == unknown
    warnings = [p for p in article.problems if p.severity is Severity.WARNING]
    assert len(warnings) == len(unknown)
    for warning, name in zip(warnings, unknown.values(), strict=True):
        assert warning.line == 4 and name in warning.message
    assert article.ok


@pytest.mark.parametrize(
    ("written", "name"),
    [
        ("@hugo.martin", "Hugo Martin"),  # Slack
        ("@Hugo Martin", "Hugo Martin"),  # Teams
        ("@ hugo_martin", "Hugo Martin"),
        ("@jean-pierre.roux", "Jean-Pierre Roux"),
        ("@HMartin", "HMartin"),  # capitals the writer chose stay
        ("hugo.martin@entreprise.fr", "Hugo Martin"),
        ("marie-claire.durand+salons@mail.entreprise.co.uk", "Marie-Claire Durand"),
        ("Hugo Martin", None),
        ("@", None),
        ("@2024", None),
        ("a@b", None),
        ("x@y@z.fr", None),
        ("Hugo @ Martin", None),
    ],
)
def test_a_mention_or_a_bare_address_gives_the_name_in_it(written: str, name: str | None) -> None:
    assert name_of_handle(written) == name


@pytest.mark.parametrize(
    ("line", "ids", "unknown", "codes"),
    [
        ("auteur: '@paul.martin'", ["paul-martin"], {}, ["author_mention_read"]),
        ("auteur: '@amelie'", ["amelie"], {}, ["author_mention_read"]),
        (
            'auteur: "@Hélène Dupont, @hugo.martin"',
            ["helene", "hugo-martin"],
            {"hugo-martin": "Hugo Martin"},
            ["author_mention_read", "author_mention_read", "author_unknown"],
        ),
        (
            "auteur: hugo.martin@entreprise.fr",
            ["hugo-martin"],
            {"hugo-martin": "Hugo Martin"},
            ["author_address_left_out", "author_unknown"],
        ),
        ("auteur: paul.martin@entreprise.fr", ["paul-martin"], {}, ["author_address_left_out"]),
    ],
)
def test_an_author_written_as_a_mention_or_an_address_is_named_without_it(
    line: str, ids: list[str], unknown: dict[str, str], codes: list[str]
) -> None:
    text = f"---\ntitle: T\ndate: 2022-01-01\n{line}\n---\nTexte.\n"
    article = normalize_article("blog/posts/a.md", text, SiteContext(authors=registry()))
    assert article.meta["authors"] == ids
    assert article.unknown_authors == unknown
    assert [p.code for p in article.problems if p.code.startswith("author")] == codes
    assert all(p.line == 4 for p in article.problems if p.code.startswith("author"))
    assert "@" not in repr(article.meta) and "@" not in repr(article.unknown_authors)
    assert article.ok


# Tags and categories ---------------------------------------------------------------

SPLIT_TERMS = [
    ("IA; ia ;  Intelligence   artificielle", ["IA", "ia", "Intelligence artificielle"]),
    ("Vente, Marketing", ["Vente", "Marketing"]),
    ("Vente ; vente;Marketing , ", ["Vente", "vente", "Marketing"]),
    (" , ; ,", []),
    ("Relation\u00a0 client", ["Relation client"]),
    ("Relation\tclient", ["Relation client"]),
    (["  Vente ", "Marketing  digital"], ["Vente", "Marketing digital"]),
    (["Vente", None, "", "   "], ["Vente"]),
    ([], []),
    (None, []),
    ("", []),
    ("Solo", ["Solo"]),
    (2022, ["2022"]),
]


@pytest.mark.parametrize(("written", "terms"), SPLIT_TERMS, ids=[repr(w) for w, _ in SPLIT_TERMS])
def test_split_terms(written: object, terms: list[str]) -> None:
    assert split_terms(written) == terms


DEDUPE = [
    (["IA", "ia", "Intelligence artificielle"], ["IA", "Intelligence artificielle"]),
    (["Événementiel", "evenementiel", "EVENEMENTIEL", "Évènementiel"], ["Événementiel"]),
    (["Vente", "vente", "VENTE", "Vente "], ["Vente"]),
    (["CRM", "Crm", "crm"], ["CRM"]),
    (["Noël", "noel", "NOËL"], ["Noël"]),
    (["Œuvre", "oeuvre"], ["Œuvre"]),
    (["a", "b", "A", "c"], ["a", "b", "c"]),
]


@pytest.mark.parametrize(("terms", "unique"), DEDUPE)
def test_dedupe(terms: list[str], unique: list[str]) -> None:
    assert dedupe(terms) == unique


def test_term_registry_keeps_the_first_form() -> None:
    terms = TermRegistry()
    assert terms.canonical("Intelligence Artificielle") == "Intelligence Artificielle"
    assert terms.canonical("intelligence artificielle") == "Intelligence Artificielle"
    assert terms.canonical("INTELLIGENCE ARTIFICIELLE") == "Intelligence Artificielle"
    assert terms.canonical("Événementiel") == "Événementiel"
    assert terms.canonical("evenementiel") == "Événementiel"


@pytest.mark.parametrize("key", ["tags", "tag", "mots-clés", "Mots clés", "keywords", "étiquettes", "categories", "catégorie", "Rubrique"])
@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('"IA; ia ;  Intelligence   artificielle"', ["IA", "Intelligence artificielle"]),
        ("[Vente, vente, VENTE, ~, '', '  ']", ["Vente"]),
        ("Événementiel, evenementiel", ["Événementiel"]),
        ("[]", None),
        ("", None),
        ("~", None),
        # Control characters go; a term made of them alone is no term.
        ('["\\x17\\x16", "Vente \\x17 B2B", Prospection]', ["Vente B2B", "Prospection"]),
    ],
)
def test_terms_in_front_matter(key: str, value: str, expected: list[str] | None) -> None:
    article = normalize_article("blog/posts/a.md", f"---\ntitle: T\ndate: 2022-01-01\n{key}: {value}\n---\nTexte.\n")
    canonical = "categories" if key.lower() in {"categories", "catégorie", "rubrique"} else "tags"
    assert article.meta.get(canonical) == expected
    assert article.ok


def test_one_form_per_tag_across_articles_sharing_a_context() -> None:
    context = SiteContext()
    first = normalize_article("blog/posts/a.md", "---\ntitle: A\ndate: 2022-01-01\ntags: Marketing Digital\n---\n", context)
    second = normalize_article("blog/posts/b.md", "---\ntitle: B\ndate: 2022-01-02\ntags: marketing  digital; IA\n---\n", context)
    assert first.meta["tags"] == ["Marketing Digital"]
    assert second.meta["tags"] == ["Marketing Digital", "IA"]


def test_each_article_keeps_how_it_writes_the_terms_missing_from_the_taxonomy() -> None:
    """The form shown is the first article's, in path order: what each article
    wrote is kept, so that the fast preview can tell which one decides."""
    context = SiteContext(tags=TermRegistry(terms=[Term("Prospection", synonyms=("prospecter",))]))
    first = normalize_article("blog/posts/a.md", "---\ntitle: A\ndate: 2022-01-01\ntags: Marketing Digital, prospecter\n---\n", context)
    second = normalize_article(
        "blog/posts/b.md", "---\ntitle: B\ndate: 2022-01-02\ntags: MARKETING DIGITAL, IA\nrubrique: Salons\n---\n", context
    )
    assert first.meta["tags"] == ["Marketing Digital", "Prospection"] and second.meta["tags"] == ["Marketing Digital", "IA"]
    assert first.term_spellings == {"tags": {"marketing digital": "Marketing Digital"}}  # the taxonomy's topic is not there
    assert second.term_spellings == {"tags": {"marketing digital": "MARKETING DIGITAL", "ia": "IA"}, "categories": {"salons": "Salons"}}
    assert first_spellings([second.term_spellings["tags"], first.term_spellings["tags"]]) == {
        "marketing digital": "MARKETING DIGITAL",
        "ia": "IA",
    }
    assert first_spellings([first.term_spellings["tags"], second.term_spellings["tags"]]) == {
        "marketing digital": "Marketing Digital",
        "ia": "IA",
    }


def test_an_article_writing_a_term_otherwise_is_told_the_form_its_page_shows() -> None:
    """« gardé tel quel » would be wrong there: its page shows the form the
    first article writing the term has (path order)."""
    context = SiteContext(tags=TermRegistry(terms=[Term("Prospection")]), categories=TermRegistry(terms=[Term("Vente")]))
    normalize_article("blog/posts/a.md", "---\ntitle: A\ndate: 2022-01-01\ntags: RELANCE\ncategories: Salons pro\n---\n", context)
    second = normalize_article(
        "blog/posts/b.md", "---\ntitle: B\ndate: 2022-01-02\ntags: relance, Webinaire\nrubrique: salons  PRO\n---\n", context
    )
    told = {problem.code: (problem.line, problem.message, problem.hint) for problem in second.problems if "unknown" in problem.code}
    assert told == {
        "tag_unknown_shown_as": (
            4,
            "le thème « relance » n'est pas dans la liste des thèmes ; il est affiché « RELANCE », comme l'écrit déjà un autre article",
            "écrivez « RELANCE », ou ajoutez ce thème dans docs/taxonomy.yml sous la forme voulue",
        ),
        "tag_unknown": (4, "le thème « Webinaire » n'est pas dans la liste des thèmes ; il est gardé tel quel", told["tag_unknown"][2]),
        "category_unknown_shown_as": (
            5,
            "la rubrique « salons PRO » n'est pas dans la liste des rubriques ; elle est affichée « Salons pro », comme l'écrit déjà un autre article",
            "écrivez « Salons pro », ou ajoutez cette rubrique dans docs/taxonomy.yml sous la forme voulue",
        ),
    }
    assert second.meta["tags"] == ["RELANCE", "Webinaire"] and second.meta["categories"] == ["Salons pro"]
    assert all(problem.severity is Severity.WARNING for problem in second.problems if "unknown" in problem.code)


@pytest.mark.parametrize("key", ["tags", "catégories"])
def test_long_terms_stay_trimmed(key: str) -> None:
    long_term = "a" * 59 + " " + "b" * 20
    article = normalize_article("blog/posts/a.md", f"---\ntitle: T\ndate: 2022-01-01\n{key}: {long_term}, Vente\n---\n")
    canonical = "tags" if key == "tags" else "categories"
    for term in article.meta[canonical]:
        assert term == term.strip() and "  " not in term, repr(term)


def test_hidden_topics_come_from_the_taxonomy(tmp_path) -> None:
    from articles.site import hidden_topics

    assert hidden_topics(tmp_path) == set()  # no taxonomy.yml
    (tmp_path / "taxonomy.yml").write_text(
        "tags:\n  Article:\n    masqué: oui\n  Vente:\n    synonymes: [ventes]\n  Brouillon:\n    hidden: true\n",
        encoding="utf-8",
    )
    assert hidden_topics(tmp_path) == {"Article", "Brouillon"}


def test_an_unknown_author_is_named_as_the_first_article_naming_them_writes_it() -> None:
    spellings = [{}, {"celine-moreau": "Céline Moreau"}, {"celine-moreau": "celine moreau", "paul": "Paul"}]
    assert names_of_unknown_authors(spellings) == {"celine-moreau": "Céline Moreau", "paul": "Paul"}
    assert names_of_unknown_authors(reversed(spellings)) == {"celine-moreau": "celine moreau", "paul": "Paul"}
    assert names_of_unknown_authors([]) == {}


@pytest.mark.parametrize(
    ("written", "found"),
    [
        ("salon", "Événementiel"),  # the synonym is « salons »
        ("Événement", "Événementiel"),
        ("Webinaire", "Événementiel"),
        ("ventes", "Vente"),
        ("réseau social", "Réseaux sociaux"),
        ("Lead", "Leads"),
    ],
)
def test_a_topic_written_in_the_singular_or_the_plural_is_the_taxonomys(written: str, found: str) -> None:
    terms = TermRegistry(
        terms=[
            Term("Événementiel", synonyms=("événements", "salons", "webinaires")),
            Term("Vente"),
            Term("Réseaux sociaux", synonyms=("réseau social",)),
            Term("Leads"),
        ]
    )
    assert terms.canonical(written) == found


@pytest.mark.parametrize("written", ["Business", "IA", "prix", "Cas"])
def test_words_without_a_plural_s_are_not_cut(written: str) -> None:
    terms = TermRegistry(terms=[Term("Busines"), Term("I"), Term("Pri"), Term("Ca")])
    assert terms.canonical(written) == written
