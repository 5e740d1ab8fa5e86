"""Header values are read as the text writers mean (articles/frontmatter.py
``prepare_yaml``): ``#`` inside a value is text and hashtag lists become
topics; a value starting with ``[`` that is not a list, a second ``:``, a
value in « » over several lines, a tab after the colon, a pasted indent are
text too, each with a message on its line. A whole-line ``# comment`` and a
`` # comment`` after a value stay comments. The messages of what cannot be
read name the real cause.
"""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from articles import SiteContext, normalize_article
from articles.frontmatter import prepare_yaml
from articles.rewrite import canonical_text


def _read(header: str, *, newline: str = "\n", key: str = "title"):
    text = f"---\n{header}\n---\nTexte.\n".replace("\n", newline)
    article = normalize_article("blog/posts/2022-01-01-a.md", text)
    assert article.ok, [str(p) for p in article.problems]
    return article


# (header, canonical key, expected value)
TEXT_CASES = [
    ("titre: Pourquoi nous sommes le #1 du marché", "title", "Pourquoi nous sommes le #1 du marché"),
    ("title: Pourquoi nous sommes le #1 du marché", "title", "Pourquoi nous sommes le #1 du marché"),
    ("titre:\tPourquoi nous sommes le #1 du marché", "title", "Pourquoi nous sommes le #1 du marché"),
    ("titre: #1 des ventes", "title", "#1 des ventes"),
    ("titre: C# pour les commerciaux", "title", "C# pour les commerciaux"),
    ("titre: Le #1 du marché # à relire", "title", "Le #1 du marché"),
    ("titre: Un titre # un commentaire", "title", "Un titre"),
    ("titre: Un titre #", "title", "Un titre"),
    ("résumé: Notre score #NPS en hausse", "description", "Notre score #NPS en hausse"),
    ("titre: [Nouveau] Offre été", "title", "[Nouveau] Offre été"),
    ("titre: [Webinaire] [Replay] Le closing", "title", "[Webinaire] [Replay] Le closing"),
    ("titre: Offre : -20 % sur tout", "title", "Offre : -20 % sur tout"),
    ("titre: Vente: les bases", "title", "Vente: les bases"),
    ("titre: Prix < 100 € & « promo »", "title", "Prix < 100 € & « promo »"),
    ("titre: « Le closing en 3 étapes »", "title", "« Le closing en 3 étapes »"),
    ("résumé: « Une phrase\nqui continue : ici »", "description", "« Une phrase qui continue : ici »"),
    ("  titre: Décalé\ndate: 2022-01-01", "title", "Décalé"),
    ("titre: - 20 % sur tout", "title", "- 20 % sur tout"),
    ("titre: @Amélie raconte", "title", "@Amélie raconte"),
    ("titre: > Nouveau : le CRM", "title", "> Nouveau : le CRM"),
    ("titre: %TVA expliquée", "title", "%TVA expliquée"),
    ("titre: `code` promo", "title", "`code` promo"),
    ('titre: "Déjà entre guillemets #1"', "title", "Déjà entre guillemets #1"),
    ("titre: 'Apostrophes #1'", "title", "Apostrophes #1"),
]


@pytest.mark.parametrize(("header", "key", "expected"), TEXT_CASES, ids=[case[0] for case in TEXT_CASES])
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_values_are_the_text_typed(header: str, key: str, expected: str, newline: str) -> None:
    assert _read(header, newline=newline).meta[key] == expected


HASHTAGS = [
    ("thèmes: #Marketing #Tendances", ["Marketing", "Tendances"]),
    ("tags: #Marketing #Tendances", ["Marketing", "Tendances"]),
    ("thèmes:\t#Marketing #Tendances", ["Marketing", "Tendances"]),
    ("mots-clés: #Marketing, #Tendances", ["Marketing", "Tendances"]),
    ("thèmes: [#Marketing, #Tendances]", ["Marketing", "Tendances"]),
    ("thèmes:\n  - #Marketing\n  - #Tendances", ["Marketing", "Tendances"]),
    ("thèmes:\n\t- #Marketing\n\t- Tendances # à compléter", ["Marketing", "Tendances"]),
    ("thèmes: Marketing, #Tendances", ["Marketing", "Tendances"]),
]


@pytest.mark.parametrize(("header", "topics"), HASHTAGS, ids=[case[0] for case in HASHTAGS])
@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["lf", "crlf"])
def test_hashtag_lists_become_topics(header: str, topics: list[str], newline: str) -> None:
    assert _read(header, newline=newline).meta["tags"] == topics


def test_whole_line_comments_stay_comments() -> None:
    article = _read("# titre: Pas un titre\ntitre: Le vrai titre\n# thèmes: #Faux\nthèmes: Vente")
    assert article.meta["title"] == "Le vrai titre" and article.meta["tags"] == ["Vente"]
    template = _read("titre: Modèle\nrésumé: # une phrase qui résume l'article\nthèmes: # un thème")
    assert "description" not in template.meta and "tags" not in template.meta


def test_each_repair_is_said_on_its_line() -> None:
    article = _read("titre: [Nouveau] Offre\ndate: 2022-01-01\nthèmes: #Vente #B2B\nrésumé: Prix : bas")
    found = {(p.code, p.line, p.severity.value) for p in article.problems if p.code.startswith("value_")}
    assert found == {("value_bracket_text", 2, "avertissement"), ("value_hash_text", 4, "info"), ("value_colon_text", 5, "info")}


def test_real_lists_and_block_values_are_untouched() -> None:
    article = _read("titre: T\nthèmes: [Vente, B2B] # deux\nrésumé: |\n  Ligne #1: texte\n  [pas] une liste")
    assert article.meta["tags"] == ["Vente", "B2B"]
    assert article.meta["description"] == "Ligne #1: texte [pas] une liste"
    text, repairs = prepare_yaml("titre: T\nrésumé: >\n  a: b #c\n")
    assert text == "titre: T\nrésumé: >\n  a: b #c\n" and repairs == []


def test_prepare_keeps_the_number_of_lines() -> None:
    front = "titre:\tA #1\nthèmes: #a #b\nrésumé: « x\ny : z »\n  titre2: [N] x\n"
    text, _ = prepare_yaml(front)
    assert text.count("\n") == front.count("\n")


# Messages that name the real cause -------------------------------------------------


def _problems(text: str):
    return normalize_article("blog/posts/a.md", text).problems


def test_unclosed_header_of_known_fields_is_read_up_to_its_probable_end() -> None:
    text = "---\ntitre: Oubli\ndate: 2022-01-01\nthèmes:\n  - Vente\n\n# Introduction\n\nTexte : suite.\n"
    article = normalize_article("blog/posts/a.md", text)
    (problem, below_title) = [p for p in article.problems if p.severity.value != "info"]
    assert below_title.code == "headings_below_title" and below_title.line == 7
    assert problem.code == "front_matter_unclosed_guessed" and problem.line == 5
    assert problem.message == (
        "l'en-tête de l'article commence par « --- » mais n'est jamais fermé ; il est compris comme se terminant à la ligne 5"
    )
    assert problem.hint.startswith("ajoutez une ligne « --- » seule après la ligne 5")
    assert article.meta["tags"] == ["Vente"] and article.body.startswith("\n## Introduction")


@pytest.mark.parametrize(
    "text",
    [
        # A sentence of the text is never taken for a field: the writer must close the header.
        "---\nVoici mon article : il parle de vente.\n\nSuite.\n",
        "---\ntitre: Oubli\nNote : une phrase du texte\n\nTexte\n",
        "---\n",
    ],
)
def test_unclosed_header_with_unknown_lines_stays_an_error(text: str) -> None:
    (problem,) = [p for p in _problems(text) if p.severity.value != "info"]
    assert problem.code == "front_matter_unclosed" and problem.line == 1
    assert "il se termine sans doute après la ligne" in problem.message


@pytest.mark.parametrize(
    ("text", "code", "line", "said", "title", "date", "body"),
    [
        (  # the opening line forgotten; the text's own horizontal rule kept as written
            "Titre : Relancer un devis\nDate : 12 novembre 2024\nMots-clés : vente, devis\n\n---\n\nFin d’année.\n\n---\n\nSuite.\n",
            "front_matter_unopened_guessed",
            1,
            ["n'a pas de ligne « --- » au-dessus", "ligne 5"],
            "Relancer un devis",
            "2024-11-12",
            "\nFin d’année.\n\n---\n\nSuite.\n",
        ),
        (  # no « --- » at all: two known fields or more, then a blank line
            "\nTitre : Webinaire prospection\ndate : 3 décembre 2024\nAuteur : Zoé Martin\ntags : prospection\n\nRetour sur le webinaire.\n\nSuite.\n",
            "front_matter_undelimited_guessed",
            2,
            ["n'est pas entre deux lignes « --- »", "lignes 2 à 5", "une autre sous le dernier (ligne 5)"],
            "Webinaire prospection",
            "2024-12-03",
            "\nRetour sur le webinaire.\n\nSuite.\n",
        ),
    ],
)
def test_header_without_its_lines_is_read_when_all_its_lines_are_fields(
    text: str, code: str, line: int, said: list[str], title: str, date: str, body: str
) -> None:
    article = normalize_article("blog/posts/a.md", text)
    (problem,) = [p for p in article.problems if p.code == code]
    assert problem.line == line and problem.severity.value == "avertissement"
    for words in said:
        assert words in f"{problem.message} {problem.hint}"
    assert article.meta["title"] == title and str(article.meta["date"]).startswith(date)
    assert article.body == body


@pytest.mark.parametrize(
    "text",
    [
        "# Mon titre\nDate : 12 mars 2024\n---\nTexte\n",  # a heading: the text has begun
        "Voici mon article : il parle de vente.\n---\nSuite.\n",  # a sentence, not a field
        "Titre : A\n\nDate : 2024-01-01\n---\nTexte\n",  # a blank line inside: not one header
        "Titre : A\nDate : 2024-01-01\nTexte sans règle.\n",  # no closing line
        "Un titre souligné\n---\n",
    ],
)
def test_text_that_only_looks_like_a_header_stays_text(text: str) -> None:
    article = normalize_article("blog/posts/a.md", text)
    assert not [p for p in article.problems if p.code == "front_matter_unopened_guessed"]
    assert article.body == text


@pytest.mark.parametrize(
    "text",
    [
        "Date : 12 mars, rendez-vous au salon.\n\nTexte.\n",  # one line: it may be the text's
        "Titre : A\nDate : 2024-01-01\nTexte sans règle.\n\nSuite.\n",  # a sentence among them
        "Titre : A\nLieu : Paris\n\nTexte.\n",  # a field the site does not know
        "  Titre : A\n  Date : 2024-01-01\n\nTexte.\n",  # indented: a code block
        "# Titre : A\nDate : 2024-01-01\n\nTexte.\n",  # a heading
    ],
)
def test_text_that_only_looks_like_a_header_without_delimiters_stays_text(text: str) -> None:
    article = normalize_article("blog/posts/a.md", text)
    assert not [p for p in article.problems if p.code.startswith("front_matter_")]
    assert article.body == text


NOTION_EXPORT = (
    "# Kick-off commercial T1 2027\n"
    "\n"
    "Created: November 30, 2026 3:45 PM\n"
    "Tags: Kick-off, Ventes\n"
    "Auteur: Sophie Bernard\n"
    "\n"
    "Rappel : la salle est **réservée**.\n"
    "\n"
    "![Untitled](Untitled.png)\n"
)


def test_notions_fields_under_the_title_are_the_header_and_leave_the_text() -> None:
    article = normalize_article("blog/posts/a.md", NOTION_EXPORT, SiteContext(asset_exists=lambda path: False))
    (problem,) = [p for p in article.problems if p.code == "front_matter_below_title_guessed"]
    assert problem.line == 3 and problem.severity.value == "avertissement"
    assert "les lignes 3 à 5, sous le titre" in problem.message and "tout en haut du fichier" in problem.hint
    assert article.meta["title"] == "Kick-off commercial T1 2027"
    assert str(article.meta["date"]).startswith("2026-11-30") and article.meta["tags"] == ["Kick-off", "Ventes"]
    assert "Created" not in article.body and "Sophie" not in article.body
    # The lines keep their numbers: the missing image is told on line 9, where the writer wrote it.
    (missing,) = [p for p in article.problems if p.code == "image_missing"]
    assert missing.line == 9
    assert article.body.split("\n")[:7] == ["# Kick-off commercial T1 2027", "", "", "", "", "", "Rappel : la salle est **réservée**."]


@pytest.mark.parametrize(
    "text",
    [
        "# Compte rendu\n\nDate : 12 mars 2026\n\nTexte.\n",  # one field: it may be the text's
        "# Compte rendu\n\nDate : 12 mars 2026\nParticipants : Paul, Zoé\n\nTexte.\n",  # a field the site does not know
        "# Compte rendu\n\nDate : 12 mars 2026\nLe client a signé.\n\nTexte.\n",  # a sentence among them
        "Introduction\n\n# Compte rendu\n\nDate : 12 mars\nAuteur : Zoé\n",  # the title is not at the top
        "## Compte rendu\n\nDate : 12 mars\nAuteur : Zoé\n",  # not the page's title
    ],
)
def test_fields_under_a_title_stay_text_unless_surely_a_header(text: str) -> None:
    article = normalize_article("blog/posts/a.md", text)
    assert not [p for p in article.problems if p.code == "front_matter_below_title_guessed"]
    assert article.body == text


@pytest.mark.parametrize(
    ("byline", "author", "date"),
    [
        ("Created by Paul Martin, last modified on Nov 24, 2026", "paul-martin", "2026-11-24"),
        ("Created by Paul Martin, last modified by Zoé Lefèvre on Nov 24, 2026", "paul-martin", "2026-11-24"),
        ("Created by Paul Martin on Nov 20, 2026", "paul-martin", "2026-11-20"),
        ("Créé par Marie de La Tour, dernière modification le 24 nov. 2026", "marie-de-la-tour", "2026-11-24"),
        ("Créé par Paul Martin, dernière modification par Zoé le 24/11/2026", "paul-martin", "2026-11-24"),
    ],
)
def test_a_confluence_page_s_byline_gives_its_author_and_date(byline: str, author: str, date: str) -> None:
    text = f"# Battlecard concurrent : HubSpot\n\n{byline}\n\n| Critère | Nous |\n|---|---|\n| Prix | ✔️ |\n\n![Logo](logo.png)\n"
    article = normalize_article("blog/posts/a.md", text, SiteContext(asset_exists=lambda path: False))
    assert article.ok and article.meta["authors"] == [author] and str(article.meta["date"]) == date
    assert article.meta["title"] == "Battlecard concurrent : HubSpot"
    told = {p.code: p.line for p in article.problems}
    assert told["front_matter_confluence_byline"] == 3 and told["image_missing"] == 9  # the writer's lines
    assert "Created" not in article.body and "Créé" not in article.body
    written = article.to_markdown(for_build=False)
    rewritten = canonical_text(article, text)
    assert rewritten.startswith("---\n") and "{" not in rewritten.split("---\n")[1], rewritten
    assert "Created" not in rewritten and "Créé" not in rewritten and written


@pytest.mark.parametrize(
    "text",
    [
        "# Titre\n\nCreated by the team to help sales.\n\nTexte.\n",  # a sentence, not a name
        "# Titre\n\nCreated by Paul Martin, last modified on Nov 24, 2026\nPuis du texte.\n",  # not alone
        "Créé par Paul Martin, dernière modification le 24 nov. 2026\n\nTexte.\n",  # no title above
    ],
)
def test_what_is_not_a_confluence_byline_stays_text(text: str) -> None:
    article = normalize_article("blog/posts/2026-11-24-a.md", text)
    assert "front_matter_confluence_byline" not in {p.code for p in article.problems}
    assert article.body == text


OUTLOOK = (
    "De : Marie Durand\n"
    "Envoyé : lundi 30 novembre 2026 10:12\n"
    "À : Équipe commerciale\n"
    "Objet : RE: TR : Retour salon Equip'Hotel\n"
    "\n"
    "Bonjour à tous,\n"
)
OUTLOOK_ENGLISH = (
    "From: Marie Durand <marie.durand@entreprise.fr>\n"
    "Sent: Monday, November 30, 2026 10:12 AM\n"
    "To: Sales <sales@entreprise.fr>; Paul Martin <paul.martin@entreprise.fr>\n"
    "Cc: direction@entreprise.fr\n"
    "Subject: Retour salon\n"
    "\n"
    "Hello team,\n"
)
GMAIL_FORWARD = (
    "---------- Forwarded message ---------\n"
    "De : Marie Durand <marie.durand@entreprise.fr>\n"
    "Date: Mon, 30 Nov 2026 at 10:12\n"
    "Subject: Fwd: Bilan du webinaire\n"
    "To: <equipe@entreprise.fr>\n"
    "\n"
    "Le bilan.\n"
)


@pytest.mark.parametrize(
    ("text", "title", "first"),
    [(OUTLOOK, "Retour salon Equip'Hotel", 1), (OUTLOOK_ENGLISH, "Retour salon", 1), (GMAIL_FORWARD, "Bilan du webinaire", 2)],
    ids=["outlook", "outlook-english", "gmail-forward"],
)
def test_an_e_mail_pasted_with_its_header_is_read_as_an_article(text: str, title: str, first: int) -> None:
    """Its sender, date and subject are the author, date and title; whom it
    went to is never published; neither is the sender's address, nor the
    « RE: » the e-mail program put before the subject."""
    article = normalize_article("blog/posts/a.md", text)
    assert article.ok, [str(p) for p in article.problems]
    assert article.meta["title"] == title
    assert str(article.meta["date"]) == "2026-11-30 10:12:00" and article.meta["authors"] == ["marie-durand"]
    assert article.unknown_authors == {"marie-durand": "Marie Durand"}
    codes = {p.code: p for p in article.problems}
    assert codes["front_matter_undelimited_guessed"].line == first
    unused = [p for p in article.problems if p.code == "mail_field_unused"]
    assert unused and all("n'est jamais publié" in p.message for p in unused)
    assert "key_unused" not in codes
    assert article.body.lstrip("\n").split("\n")[0] in {"Bonjour à tous,", "Hello team,", "Le bilan."}
    for hidden in ("@", "Équipe commerciale", "Sales", "RE:", "Fwd", "Forwarded"):
        assert hidden not in article.to_markdown(), hidden
    if "<marie" in text:
        assert "marie.durand@entreprise.fr" in codes["author_address_left_out"].message
    if "RE:" in text or "Fwd:" in text:
        prefix = codes["title_mail_prefix"]
        subject = next(number for number, line in enumerate(text.split("\n"), 1) if line.startswith(("Objet", "Subject")))
        assert prefix.line == subject and prefix.severity.value == "avertissement", prefix
        assert dict(prefix.values)["prefix"] in {"RE: TR :", "Fwd:"}


@pytest.mark.parametrize(
    "text",
    [
        "À : toute l'équipe\nCc : la direction\n\nTexte.\n",  # no field of the site's: a greeting, maybe
        "De : Marie Durand\n\nTexte.\n",  # one line
        "De : Marie\nÀ : Paul\nMerci pour hier.\n\nTexte.\n",  # a sentence among them
        "---------- Forwarded message ---------\nBonjour,\n\nTexte.\n",  # no header below it
    ],
)
def test_text_that_only_looks_like_an_e_mail_header_stays_text(text: str) -> None:
    article = normalize_article("blog/posts/a.md", text)
    assert not [p for p in article.problems if p.code.startswith("front_matter_")]
    assert article.body == text


def test_an_e_mail_marked_confidential_stays_off_the_site() -> None:
    article = normalize_article("blog/posts/a.md", OUTLOOK.replace("À : ", "Sensibilité : Confidentiel\nÀ : "))
    assert article.is_draft and [p.line for p in article.problems if p.code == "article_confidential"] == [3]


def test_a_title_that_is_not_an_e_mail_s_subject_keeps_its_re() -> None:
    article = _read("titre: RE: la relance qui marche")
    assert article.meta["title"] == "RE: la relance qui marche"
    assert not [p for p in article.problems if p.code == "title_mail_prefix"]


def test_french_quotes_are_named_when_they_break_the_header() -> None:
    (problem,) = _problems("---\ntitre: T\nrésumé: « jamais\n  fermé: oui\n---\nTexte.\n")
    assert problem.code == "yaml_invalid" and "guillemets « »" in problem.message


# Bounded work -----------------------------------------------------------------------

LONG_LINES = {
    "spaces after a value": "titre: b" + " " * 400_000 + "c #x",
    "spaces and tabs after #": "titre: #" + " \t" * 200_000 + "x",
    "spaces in a key": "a" + " \t" * 200_000 + "b: c",
    "spaces in an item": "- b" + " " * 400_000 + "#c",
    "spaces in a list of hashtags": "tags: [#a" + " " * 400_000 + "x",
    "brackets in a date": "date: " + "(" * 400_000,
}


@pytest.mark.parametrize("line", LONG_LINES.values(), ids=list(LONG_LINES))
def test_long_lines_take_linear_time(line: str) -> None:
    # A guard, not a performance target: linear reading takes a fraction of a
    # second; backtracking over a 400,000-character line takes minutes.
    import time

    start = time.perf_counter()
    normalize_article("blog/posts/a.md", f"---\ntitre: x\n{line}\n---\nT\n")
    normalize_article("blog/posts/a.md", f"---\ntitre: x\n{line}\n{line}\nT\n")
    assert time.perf_counter() - start < 30, "a pattern backtracks over the line"


# What YAML already reads as meant is left alone ----------------------------------------

_TEXT = st.text(st.sampled_from("ab é#:-[]{}«»,'\" \t&*!|>%@?"), min_size=1, max_size=12)
_SCALARS = st.one_of(_TEXT, st.integers(), st.booleans(), st.none())
_VALUES = st.recursive(
    _SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=3), st.dictionaries(_TEXT, inner, max_size=3)), max_leaves=8
)


@given(st.dictionaries(_TEXT, _VALUES, min_size=1, max_size=5))
@settings(max_examples=400, deadline=None)
def test_yaml_written_by_a_tool_reads_the_same(data: dict) -> None:
    for style in (False, None):
        text = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6, default_flow_style=style)
        prepared, _ = prepare_yaml(text)
        assert yaml.safe_load(prepared) == data, (text, prepared)
