"""The messy articles of tests/fixtures/articles/ against expected.yaml.

One test per fixture and per aspect (meta, unknown keys, problems, body), so a
failure names the file and what is wrong. The expectations come from the rules
(the issue text), not from the core's current output.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from articles import Article, Severity, SiteContext, normalize_article, normalize_collection
from articles.authors import AuthorRegistry
from articles.slugs import slugify

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "articles"
EXPECTED: dict[str, dict[str, Any]] = yaml.safe_load((FIXTURES / "expected.yaml").read_text(encoding="utf-8"))
NAMES = sorted(path.name for path in FIXTURES.glob("*.md"))

AUTHORS = {"amelie": "Amélie", "paul-martin": "Paul Martin", "helene": "Hélène Dupont"}
# Docs-relative paths of the only images that exist.
EXISTING_ASSETS = frozenset(
    {
        "blog/posts/img/photo.jpg",
        "blog/posts/img/mon image.png",
        "assets/images/couverture.jpg",
    }
)

CANONICAL = ("title", "date", "authors", "categories", "tags", "readtime", "description", "image", "draft", "slug")
LIST_KEYS = ("authors", "categories", "tags")
# Parser wording that must not reach a French writer.
ENGLISH = re.compile(
    r"\b(invalid|expected|found|unclosed|unexpected|not allowed|while (?:parsing|scanning)|after a key|"
    r"mapping|sequence|scalar|stream|value|cannot|illegal|error)\b",
    re.IGNORECASE,
)


def make_context() -> SiteContext:
    return SiteContext(authors=AuthorRegistry(dict(AUTHORS)), asset_exists=EXISTING_ASSETS.__contains__)


def path_of(name: str) -> str:
    return EXPECTED[name].get("path") or f"blog/posts/{name}"


def normalise(name: str) -> Article:
    return normalize_article(path_of(name), (FIXTURES / name).read_bytes(), make_context())


def names_where(predicate) -> list[str]:
    return [name for name in NAMES if name in EXPECTED and predicate(EXPECTED[name])]


def canonical_view(meta: dict[str, Any]) -> dict[str, Any]:
    """The canonical keys, with absent ones as None / [] / False and dates as ISO strings."""
    view: dict[str, Any] = {}
    for key in CANONICAL:
        value = meta.get(key)
        if key == "date" and isinstance(value, (dt.date, dt.datetime)):
            value = value.isoformat()
        elif key in LIST_KEYS:
            value = list(value or [])
        elif key == "draft":
            value = bool(value)
        view[key] = value
    return view


def show_problems(article: Article) -> str:
    return "\n".join(f"  {p.code} line={p.line} {p.severity.value}: {p.message}" for p in article.problems) or "  (none)"


# Coverage of the folder ---------------------------------------------------------


def test_every_fixture_has_expectations() -> None:
    assert len(NAMES) >= 45
    assert sorted(EXPECTED) == NAMES


def test_fixture_folder_keeps_bytes() -> None:
    # CRLF, BOM and Windows-1252 fixtures only test something if git keeps them.
    assert (FIXTURES / ".gitattributes").read_text().split() == ["*", "-text"]
    assert (FIXTURES / "12-bom-crlf.md").read_bytes().startswith(b"\xef\xbb\xbf---   \r\n")


# Meta ----------------------------------------------------------------------------


@pytest.mark.parametrize("name", names_where(lambda spec: spec.get("meta") is not None))
def test_meta(name: str) -> None:
    article = normalise(name)
    assert canonical_view(article.meta) == canonical_view(EXPECTED[name]["meta"]), show_problems(article)


@pytest.mark.parametrize("name", names_where(lambda spec: spec.get("meta") is not None))
def test_unknown_keys_reported_and_left_out(name: str) -> None:
    article = normalise(name)
    assert set(article.meta) <= set(CANONICAL)
    reported = {dict(p.values)["key"] for p in article.problems if p.code == "key_unused" and p.line}
    assert reported == set(EXPECTED[name].get("extra") or {}), show_problems(article)


@pytest.mark.parametrize("name", names_where(lambda spec: spec.get("meta") is not None))
def test_unknown_authors(name: str) -> None:
    article = normalise(name)
    assert article.unknown_authors == (EXPECTED[name].get("unknown_authors") or {})


# Problems ------------------------------------------------------------------------


def _matches(expected: dict[str, Any], problem) -> bool:
    codes = expected["code"] if isinstance(expected["code"], list) else [expected["code"]]
    if problem.code not in codes or problem.severity is not Severity(expected["severity"]):
        return False
    if expected["line"] == "any":
        if not (isinstance(problem.line, int) and problem.line >= 1):
            return False
    elif problem.line != expected["line"]:
        return False
    return expected.get("message_contains", "") in problem.message


@pytest.mark.parametrize("name", NAMES)
def test_problems(name: str) -> None:
    """Every expected problem is reported; no unexpected error or warning is."""
    article = normalise(name)
    remaining = list(article.problems)
    missing = []
    for expected in EXPECTED[name].get("problems") or []:
        found = next((problem for problem in remaining if _matches(expected, problem)), None)
        if found is None:
            missing.append(expected)
        else:
            remaining.remove(found)
    unexpected = [problem for problem in remaining if problem.severity is not Severity.INFO]
    assert not missing and not unexpected, (
        f"missing: {missing}\nunexpected: {[(p.code, p.line, p.severity.value) for p in unexpected]}\nreported:\n{show_problems(article)}"
    )


@pytest.mark.parametrize("name", names_where(lambda spec: any(p["severity"] == "erreur" for p in spec.get("problems") or [])))
def test_errors_name_file_and_line_in_french(name: str) -> None:
    article = normalise(name)
    errors = [problem for problem in article.problems if problem.severity is Severity.ERROR]
    assert errors
    for problem in errors:
        assert problem.path == path_of(name)
        assert isinstance(problem.line, int) and problem.line >= 1, f"{problem.code} has no line"
        assert problem.message.strip() and problem.hint.strip(), problem.code
        assert not ENGLISH.search(problem.message), f"English in a writer's message: {problem.message!r}"
        assert not ENGLISH.search(problem.hint), f"English in a writer's hint: {problem.hint!r}"


@pytest.mark.parametrize("name", NAMES)
def test_never_raises_and_renders(name: str) -> None:
    article = normalise(name)
    assert isinstance(article.to_markdown(), str)
    assert isinstance(article.to_markdown(for_build=False), str)


# Body ----------------------------------------------------------------------------

BODY_KEYS = ("body_contains", "body_absent", "build_contains", "build_absent")


@pytest.mark.parametrize("name", names_where(lambda spec: any(key in spec for key in BODY_KEYS)))
def test_body(name: str) -> None:
    article, spec = normalise(name), EXPECTED[name]
    for text in spec.get("body_contains", []):
        assert text in article.body, f"body lacks {text!r}"
    for text in spec.get("body_absent", []):
        assert text not in article.body, f"body still has {text!r}"
    for text in spec.get("build_contains", []):
        assert text in article.build_body, f"build_body lacks {text!r}"
    for text in spec.get("build_absent", []):
        assert text not in article.build_body, f"build_body still has {text!r}"


@pytest.mark.parametrize("name", names_where(lambda spec: spec.get("meta") is not None))
def test_normalised_file_reads_back_the_same(name: str) -> None:
    """What the hooks hand to Material, read again, is the same article.

    (Exact body equality is a property in test_core_properties.py; here leading
    blank lines are ignored so that this test is only about meta and content.)
    """
    first = normalise(name)
    second = normalize_article(path_of(name), first.to_markdown(for_build=False), make_context())
    assert second.meta == first.meta
    assert second.body.lstrip("\n") == first.body.lstrip("\n")


# Collections ---------------------------------------------------------------------


def _article(title: str | None, date: str, *, extra: str = "", body: str = "Texte.\n") -> str:
    head = f"title: {title}\n" if title is not None else ""
    return f"---\n{head}date: {date}\n{extra}---\n{body}"


def _duplicates(articles: list[Article]):
    return [p for a in articles for p in a.problems if p.code == "url_duplicate"]


def _assert_names_both(problems, first: str, second: str) -> None:
    assert len(problems) >= 1
    for problem in problems:
        assert problem.severity is Severity.ERROR
        named = f"{problem.path} {problem.message}"
        assert first in named and second in named, named
        assert isinstance(problem.line, int) and problem.line >= 1, f"url_duplicate without a line: {problem}"


def test_duplicate_url_is_an_error_naming_both_files() -> None:
    sources = [
        ("blog/posts/offre-b.md", _article("Pourquoi choisir notre offre ?", "2022-05-22")),
        ("blog/posts/offre-a.md", _article("Pourquoi choisir notre offre", "22/05/2022")),
    ]
    articles = normalize_collection(sources, make_context())
    _assert_names_both(_duplicates(articles), "blog/posts/offre-a.md", "blog/posts/offre-b.md")


def test_duplicate_url_when_the_title_comes_from_the_heading() -> None:
    sources = [
        ("blog/posts/a.md", _article("Le CRM au quotidien", "2022-10-01")),
        ("blog/posts/b.md", _article(None, "1er octobre 2022 à 10h00", body="# Le CRM au quotidien\n\nTexte.\n")),
    ]
    articles = normalize_collection(sources, make_context())
    _assert_names_both(_duplicates(articles), "blog/posts/a.md", "blog/posts/b.md")


def test_duplicate_url_through_an_explicit_slug() -> None:
    sources = [
        ("blog/posts/a.md", _article("Première version", "2022-10-01", extra="slug: le-crm\n")),
        ("blog/posts/b.md", _article("Le CRM", "2022-10-01")),
    ]
    articles = normalize_collection(sources, make_context())
    _assert_names_both(_duplicates(articles), "blog/posts/a.md", "blog/posts/b.md")


@pytest.mark.parametrize(
    ("written", "slug"),
    [
        ("/2026/salon-big-data/", "salon-big-data"),  # Jekyll's permalink
        ("https://www.exemple.fr/blog/mon-article.html", "mon-article"),  # an old address
        ("../../../etc/passwd", "passwd"),
        ("/:categories/:year/:title/", "le-crm"),  # a pattern: the title's
        ("{slug}", "le-crm"),
    ],
)
def test_an_address_written_whole_keeps_its_last_part(written: str, slug: str) -> None:
    (article,) = normalize_collection(
        [("blog/posts/a.md", _article("Le CRM", "2022-10-01", extra=f'permalink: "{written}"\n'))], make_context()
    )
    assert article.meta["slug"] == slug


def test_same_slug_on_different_days_is_fine() -> None:
    sources = [
        ("blog/posts/a.md", _article("Le CRM", "2022-10-01")),
        ("blog/posts/b.md", _article("Le CRM", "2022-10-02")),
    ]
    assert _duplicates(normalize_collection(sources, make_context())) == []


@pytest.mark.parametrize("flag", ["draft: true", "brouillon: oui", "published: false", "Brouillon: 1"])
def test_drafts_are_excluded_from_the_duplicate_check(flag: str) -> None:
    sources = [
        ("blog/posts/a-brouillon.md", _article("Le CRM", "2022-10-01", extra=f"{flag}\n")),
        ("blog/posts/b-publie.md", _article("Le CRM", "2022-10-01")),
    ]
    articles = normalize_collection(sources, make_context())
    assert _duplicates(articles) == []
    assert [a.is_draft for a in articles] == [True, False]


def test_first_seen_tag_form_is_canonical_across_files_in_path_order() -> None:
    sources = [  # given out of order: the core must read them in path order
        ("blog/posts/c.md", _article("C", "2022-01-03", extra="tags: INTELLIGENCE artificielle, crm\n")),
        ("blog/posts/b.md", _article("B", "2022-01-02", extra="mots-clés: [intelligence   artificielle, CRM]\n")),
        ("blog/posts/a.md", _article("A", "2022-01-01", extra="tags: Intelligence Artificielle\ncatégorie: Vente\n")),
        ("blog/posts/d.md", _article("D", "2022-01-04", extra="rubrique: VENTE; Marketing\n")),
    ]
    articles = normalize_collection(sources, make_context())
    assert [a.path for a in articles] == ["blog/posts/a.md", "blog/posts/b.md", "blog/posts/c.md", "blog/posts/d.md"]
    tags = {a.path: a.meta.get("tags") for a in articles}
    assert tags == {
        "blog/posts/a.md": ["Intelligence Artificielle"],
        "blog/posts/b.md": ["Intelligence Artificielle", "CRM"],
        "blog/posts/c.md": ["Intelligence Artificielle", "CRM"],
        "blog/posts/d.md": None,
    }
    assert articles[3].meta["categories"] == ["Vente", "Marketing"]


def test_canonical_forms_do_not_depend_on_input_order() -> None:
    sources = [(f"blog/posts/{name}", (FIXTURES / name).read_bytes()) for name in NAMES]
    forward = normalize_collection(sources, make_context())
    backward = normalize_collection(list(reversed(sources)), make_context())
    assert [a.meta for a in forward] == [a.meta for a in backward]


def test_the_fixture_collection_has_no_duplicate_url() -> None:
    # 53 and 54 share a title, but 54 has its own slug (and another date).
    sources = [(path_of(name), (FIXTURES / name).read_bytes()) for name in NAMES]
    assert _duplicates(normalize_collection(sources, make_context())) == []


@pytest.mark.parametrize(
    ("written", "shown", "tags"),
    [
        ("<b>Soldes</b> d'hiver", "Soldes d'hiver", "<b>"),
        ("Le <EM>CRM</EM> en<br/>5 minutes", "Le CRM en 5 minutes", "<em>, <br>"),
        ("'<span style=\"color:red\">Offre</span> <strong>limitée</strong>'", "Offre limitée", "<span>, <strong>"),
    ],
)
def test_formatting_tags_pasted_into_a_title_are_left_out_with_a_warning(written: str, shown: str, tags: str) -> None:
    (article,) = normalize_collection([("blog/posts/a.md", _article(written, "2022-10-01"))], make_context())
    assert article.meta["title"] == shown and article.meta["slug"] == slugify(shown)
    (problem,) = [p for p in article.problems if p.code == "title_markup"]
    assert problem.line == 2 and problem.severity is Severity.WARNING and f"({tags})" in problem.message


def test_formatting_tags_in_the_heading_a_title_comes_from_are_told_on_its_line() -> None:
    text = _article(None, "2022-10-01", body="\nIntro.\n\n# <b>Soldes</b> d'hiver\n\nTexte.\n")
    (article,) = normalize_collection([("blog/posts/a.md", text)], make_context())
    assert article.meta["title"] == "Soldes d'hiver"
    (problem,) = [p for p in article.problems if p.code == "title_markup"]
    assert text.splitlines()[problem.line - 1] == "# <b>Soldes</b> d'hiver"


@pytest.mark.parametrize(
    ("heading", "shown", "marks"),
    [
        ("**Compte rendu du comité commercial**", "Compte rendu du comité commercial", "**"),  # Google Docs' headings
        ("***Soldes*** : le `CRM` et ==vous==", "Soldes : le CRM et vous", "***, `, =="),
        ("Offre 2*3*4 pour mot_clé", "Offre 2*3*4 pour mot_clé", None),
    ],
)
def test_markdown_marks_in_the_heading_a_title_comes_from_are_left_out(heading: str, shown: str, marks: str | None) -> None:
    text = _article(None, "2022-10-01", body=f"\n# {heading}\n\nTexte.\n")
    (article,) = normalize_collection([("blog/posts/a.md", text)], make_context())
    assert article.meta["title"] == shown and article.meta["slug"] == slugify(shown)
    assert f"# {heading}" in article.body, "the heading keeps its formatting on the page"
    told = [p for p in article.problems if p.code == "title_markup"]
    assert [dict(p.values)["tags"] for p in told] == ([marks] if marks else [])


@pytest.mark.parametrize(
    "title",
    [
        "Prix < 10 € & > 5 €",
        "<script>alert(1)</script>",
        "A <B2B> offer",
        "*Ventes* & Marketing",  # a header's title is text as typed
        "Le `code` promo",
    ],
)
def test_other_markup_in_a_title_stays_as_typed(title: str) -> None:
    (article,) = normalize_collection([("blog/posts/a.md", _article(f"'{title}'", "2022-10-01"))], make_context())
    assert article.meta["title"] == title
    assert not [p for p in article.problems if p.code == "title_markup"]
