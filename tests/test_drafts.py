"""Drafts fail safe (articles/publication.py): every field that says "do not
publish", in French or English, with any usual value, keeps the article off
the site, and the check says so; a value that is not clearly "publish" in
such a field keeps it off too. An article dated in the future waits for its day.
"""

from __future__ import annotations

import datetime as dt

import pytest

from articles import Severity, SiteContext, normalize_article
from sitebuild import copy_site, run_build

TODAY = dt.date(2024, 6, 15)

# (front matter line, message code): the article is not published.
HELD = [
    # draft / brouillon with every usual "yes".
    ("draft: true", "draft_flag"),
    ("draft: yes", "draft_flag"),
    ("draft: oui", "draft_flag"),
    ("draft: 1", "draft_flag"),
    ("draft: on", "draft_flag"),
    ("draft: x", "draft_flag"),
    ("draft: X", "draft_flag"),
    ("draft: vrai", "draft_flag"),
    ("DRAFT: True", "draft_flag"),
    ("brouillon: oui", "draft_flag"),
    ("Brouillon: Oui", "draft_flag"),
    ("brouillon: OUI !", "draft_flag"),
    ("brouillon: x", "draft_flag"),
    ("brouillon: vrai", "draft_flag"),
    ("brouillon: '1'", "draft_flag"),
    ("brouillon: o", "draft_flag"),
    ("brouillon: ✓", "draft_flag"),
    ("brouillon: yes", "draft_flag"),
    ("brouilon: oui", "draft_flag"),
    ("Broullion: oui", "draft_flag"),
    ("brouillon: ouii", "draft_unreadable"),
    ("brouillon: brouillon", "draft_flag"),
    ("en brouillon: oui", "draft_flag"),
    ("wip: true", "draft_flag"),
    # status / statut / post_status / état with a held value.
    ("statut: brouillon", "draft_flag"),
    ("Statut: Brouillon", "draft_flag"),
    ("status: draft", "draft_flag"),
    ("status: Draft", "draft_flag"),
    ("post_status: draft", "draft_flag"),
    ("post-status: pending", "draft_flag"),
    ("état: brouillon", "draft_flag"),
    ("etat: en attente", "draft_flag"),
    ("statut: privé", "draft_flag"),
    ("statut: prive", "draft_flag"),
    ("status: private", "draft_flag"),
    ("statut: à relire", "draft_flag"),
    ("statut: A relire", "draft_flag"),
    ("statut: non publié", "draft_flag"),
    ("statut: en cours", "draft_flag"),
    ("statut: brouilon", "draft_flag"),
    ("status: auto-draft", "draft_flag"),
    ("state: review", "draft_flag"),
    ("statut: [brouillon]", "draft_flag"),
    ("statut: hors ligne", "draft_flag"),
    # published / publié / publish / à publier / en ligne / visible with a "no".
    ("published: false", "draft_flag"),
    ("published: no", "draft_flag"),
    ("published: 0", "draft_flag"),
    ("publié: non", "draft_flag"),
    ("publie: faux", "draft_flag"),
    ("publish: false", "draft_flag"),
    ("à publier: non", "draft_flag"),
    ("a_publier: NON", "draft_flag"),
    ("en ligne: non", "draft_flag"),
    ("visible: non", "draft_flag"),
    ("Visible: false", "draft_flag"),
    ("online: off", "draft_flag"),
    ("publié: pas encore", "draft_flag"),
    ("published: nope", "draft_flag"),
    ("publié: brouillon", "draft_flag"),
    # Confidential: never published on a site every team (or anyone) reads.
    ("confidentiel: oui", "article_confidential"),
    ("Confidentiel: x", "article_confidential"),
    ("confidential: true", "article_confidential"),
    ("privé: oui", "article_confidential"),
    ("private: yes", "article_confidential"),
    # An e-mail's sensitivity (Outlook).
    ("Sensibilité: Confidentiel", "article_confidential"),
    ("Sensitivity: Private", "article_confidential"),
    ("Sensibilité: Personnel", "article_confidential"),
    # Unreadable values fail safe: not published, with a warning.
    ("draft: peut-être", "draft_unreadable"),
    ("brouillon: bientôt", "draft_unreadable"),
    ("brouillon: [peut-être]", "draft_unreadable"),
    ("brouillon: {a: b}", "draft_unreadable"),
    ("statut: à publier", "draft_unreadable"),
    ("statut: oui", "draft_unreadable"),
    ("status: 42", "draft_unreadable"),
    ("publié: ok?", "draft_unreadable"),
    ("visible: sometimes", "draft_unreadable"),
    ("published: 2021", "draft_unreadable"),
    ("confidentiel: à voir", "draft_unreadable"),
    ("statut: relecture par Paul", "draft_unreadable"),
    ("brouillon: normal", "draft_unreadable"),  # « normal » is an e-mail's sensitivity, not a draft's state
    ("statut: normal", "draft_unreadable"),
]

# Values that clearly say "publish".
PUBLISHED = [
    "draft: false",
    "draft: no",
    "draft: non",
    "brouillon: non",
    "brouillon: 0",
    "brouillon: faux",
    "Brouillon: NON",
    "brouillon: Non.",
    "brouillon:",
    "brouillon: ''",
    "published: true",
    "publié: oui",
    "à publier: oui",
    "en ligne: oui",
    "visible: true",
    "statut: publié",
    "status: publish",
    "post_status: publish",
    "statut: en ligne",
    "statut: prêt",
    "status: published",
    "état: validé",
    "confidentiel: non",
    "private: false",
    "statut: publie",
    "publié: 2024-01-02",
    "published: 02/01/2024",
    "Sensibilité: Normal",
]


def _article(line: str, *, date: str = "2024-01-02"):
    text = f"---\ntitre: Grille tarifaire\ndate: {date}\n{line}\n---\n\nTexte.\n"
    return normalize_article("blog/posts/grille.md", text, SiteContext(today=TODAY))


def test_the_table_is_large_enough() -> None:
    assert len(HELD) >= 40 and len({line for line, _ in HELD}) == len(HELD)


@pytest.mark.parametrize(("line", "code"), HELD, ids=[line for line, _ in HELD])
def test_do_not_publish_spellings_keep_the_article_off(line: str, code: str) -> None:
    article = _article(line)
    assert article.is_draft, f"{line!r} was published"
    found = [problem for problem in article.problems if problem.code == code]
    assert len(found) == 1 and found[0].line == 4, [str(p) for p in article.problems]
    assert "n'est pas publié" in found[0].message
    # A warning: the writers' check shows it without --details (never fatal to a build).
    assert found[0].severity is Severity.WARNING
    assert article.ok, "a draft is no error: the rest of the site builds"


@pytest.mark.parametrize("line", PUBLISHED)
def test_publish_spellings(line: str) -> None:
    article = _article(line)
    assert not article.is_draft, [str(p) for p in article.problems]
    assert not [p for p in article.problems if p.code in ("draft_flag", "draft_unreadable", "article_confidential")]


def test_unreadable_message_names_the_field_and_never_says_published() -> None:
    problem = next(p for p in _article("à publier: bientôt").problems if p.code == "draft_unreadable")
    assert problem.message == "« à publier : bientôt » n'est pas compris ; par prudence, l'article n'est pas publié"
    assert "brouillon : non" in problem.hint


def test_any_field_saying_no_wins() -> None:
    article = _article("brouillon: non\nstatut: brouillon")
    assert article.is_draft
    article = _article("publié: oui\npost_status: draft")
    assert article.is_draft


def test_future_date_waits_for_its_day() -> None:
    article = _article("", date="2024-07-03")
    assert article.is_draft and article.ok
    info = next(p for p in article.problems if p.code == "publish_future")
    assert info.severity is Severity.WARNING and info.line == 3  # shown by `check` without --details
    assert info.message == "l'article est daté dans le futur : il sera publié le 3 juillet 2024"
    assert not _article("", date="2024-06-15").is_draft, "today is published"
    assert not _article("", date="15/06/2024 à 23h59").is_draft, "later today is published today"
    assert not _article("", date="2024-06-14").is_draft


def test_future_date_from_the_file_name() -> None:
    article = normalize_article("blog/posts/2024-06-16-demain.md", "---\ntitre: Demain\n---\nTexte.\n", SiteContext(today=TODAY))
    assert article.is_draft and any("16 juin 2024" in p.message for p in article.problems if p.code == "publish_future")


def test_draft_is_held_without_a_future_message() -> None:
    article = _article("brouillon: oui", date="2024-07-03")
    assert article.is_draft and not [p for p in article.problems if p.code == "publish_future"]


# The built site ---------------------------------------------------------------

# Each held article carries a word of its own: none may reach any file of site/.
BUILD_CASES = {
    "statut-brouillon.md": "statut: brouillon",
    "status-draft.md": "status: draft",
    "post-status.md": "post_status: draft",
    "a-publier-non.md": "à publier: non",
    "brouillon-x.md": "brouillon: x",
    "visible-non.md": "visible: non",
    "confidentiel.md": "confidentiel: oui",
    "illisible.md": "brouillon: peut-être",
    "futur.md": "date: 2099-03-01",
}


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    project = copy_site(tmp_path_factory.mktemp("drafts"))
    posts = project / "docs" / "blog" / "posts"
    for number, (name, line) in enumerate(BUILD_CASES.items()):
        marker = f"secretmarker{number}"
        date = "" if line.startswith("date:") else "date: 2023-05-04\n"
        (posts / name).write_text(
            f"---\ntitre: Grille {marker}\n{date}{line}\ntags: [Vente]\n---\n\nPrix {marker} confidentiel.\n\n<!-- more -->\n\nSuite.\n",
            encoding="utf-8",
        )
    (posts / "publie.md").write_text(
        "---\ntitre: Publiable publishedmarker\ndate: 2023-05-04\nbrouillon: non\n---\n\nTexte publishedmarker.\n", encoding="utf-8"
    )
    # Non-strict: the warnings of the fail-safe cases are not what is tested here.
    result = run_build(project, strict=False)
    assert not result.aborted, result.reproduce()
    return result


def test_held_articles_are_absent_from_every_file_of_the_site(built) -> None:
    files = [path for path in built.site.rglob("*") if path.is_file() and not path.name.endswith(".gz")]
    kinds = {path.suffix for path in files}
    assert {".html", ".xml", ".json"} <= kinds, "pages, feeds and search index were built"
    assert (built.site / "search" / "search_index.json").exists() and (built.site / "sitemap.xml").exists()
    text = "\n".join(path.read_bytes().decode("utf-8", "replace") for path in files)
    assert "publishedmarker" in text, built.reproduce()
    for number, name in enumerate(BUILD_CASES):
        assert f"secretmarker{number}" not in text, f"{name} reached site/ — {built.reproduce()}"
    assert not list(built.site.rglob("*grille*")), built.reproduce()
