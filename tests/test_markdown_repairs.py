"""Markdown repairs (articles/markdown.py).

Rule: `! [alt] (src "title")`, `![alt] (src)`, `! [alt](src)` become real
images, and so does `![alt](image-file` left unclosed at the end of a line; non-breaking spaces before `: ; ? !` kept; code blocks untouched;
missing local image -> `build_body` shows a placeholder with the alt text and a
warning naming the path (the canonical `body` keeps the original reference).
"""

from __future__ import annotations

from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown import Markdown
from mkdocs.config import load_config

from articles import Severity, SiteContext, markdown, normalize_article
from articles.markdown import repair_markup, replace_missing_images

NB, NNB = "\u00a0", "\u202f"
ARTICLE = "blog/posts/article.md"
EXISTING = {"blog/posts/img/photo.jpg", "blog/posts/img/mon image.png", "assets/images/couverture.jpg"}


def exists(path: str) -> bool:
    return path in EXISTING


REPAIRS = [
    # The rule's three forms.
    ('! [alt] (img/photo.jpg "titre")', '![alt](img/photo.jpg "titre")'),
    ("![alt] (img/photo.jpg)", "![alt](img/photo.jpg)"),
    ("! [alt](img/photo.jpg)", "![alt](img/photo.jpg)"),
    # More spaces, tabs, spaces inside the parentheses, single-quoted titles.
    ("!  [alt]   (img/photo.jpg)", "![alt](img/photo.jpg)"),
    ("!\t[alt]\t(img/photo.jpg)", "![alt](img/photo.jpg)"),
    ("! [alt] ( img/photo.jpg )", "![alt](img/photo.jpg)"),
    ("![alt]( img/photo.jpg)", "![alt](img/photo.jpg)"),
    ("! [alt] (img/photo.jpg 'titre')", "![alt](img/photo.jpg 'titre')"),
    ("! [Photo de l'équipe] (img/équipe.jpg \"L'équipe\")", "![Photo de l'équipe](img/équipe.jpg \"L'équipe\")"),
    ("! [] (img/photo.jpg)", "![](img/photo.jpg)"),
    ("! [alt] (https://exemple.fr/a.png)", "![alt](https://exemple.fr/a.png)"),
    ("! [alt] (/assets/images/couverture.jpg)", "![alt](/assets/images/couverture.jpg)"),
    ("! [alt] (<img/mon image.png>)", "![alt](<img/mon image.png>)"),
    ("! [alt] (img/photo.jpg){ width=300 }", "![alt](img/photo.jpg){ width=300 }"),
    # A file name with parentheses (browsers name downloads "photo(1).jpg").
    ("! [Photo] (img/photo(1).jpg)", "![Photo](img/photo(1).jpg)"),
    # Several on one line, in a sentence, in a list item, in a quote.
    ("Avant ! [a] (x.png) milieu ![b] (y.png) après", "Avant ![a](x.png) milieu ![b](y.png) après"),
    ("- ! [a] (x.png)", "- ![a](x.png)"),
    ("> ! [a] (x.png)", "> ![a](x.png)"),
    # The closing parenthesis forgotten at the end of the line (an image file only).
    ("![photo du salon](img/photo.jpg", "![photo du salon](img/photo.jpg)"),
    ('! [a] (img/photo.jpg "titre"', '![a](img/photo.jpg "titre")'),
    ("Texte.\n![a](img/photo(1).jpg  \nSuite.", "Texte.\n![a](img/photo(1).jpg)  \nSuite."),  # the line break kept
    ("- ![a](x.png", "- ![a](x.png)"),
]


@pytest.mark.parametrize(("broken", "repaired"), REPAIRS)
def test_broken_images_become_images(broken: str, repaired: str) -> None:
    assert repair_markup(broken)[0] == repaired
    assert repair_markup(repaired)[0] == repaired  # nothing left to repair


UNCHANGED = [
    "![alt](img/photo.jpg)",
    '![alt](img/photo.jpg "titre")',
    "Attention ! [Note] sans parenthèses.",
    "Un lien [texte](https://exemple.fr) normal.",
    "Des crochets [comme ça] et des (parenthèses).",
    # Left open, but nothing says it was meant as an image.
    "![alt](https://exemple.fr/page",
    "Une image ![a](img/photo.jpg) puis (une parenthèse ouverte",
    "`![a](img/photo.jpg`",
    # Non-breaking spaces before French punctuation.
    f"Pourquoi{NB}? Parce que{NB}: toujours{NB}; enfin{NB}!",
    f"Une espace fine{NNB}? Oui{NNB}! Et{NNB}: ceci{NNB};",
    f"« Citation{NB}» et prix{NB}: 10{NB}€",
    # "!" after a non-breaking space is French punctuation, not an image marker.
    f"Inscrivez-vous{NB}! [le formulaire](https://exemple.fr/form)",
    # Code is never touched.
    "```\n! [alt] (img/absent.png)\n```",
    "```markdown\n! [alt] (img/absent.png)\n![alt] (img/absent.png)\n```",
    "~~~\n! [alt] (img/absent.png)\n~~~",
    "````\n```\n! [alt] (img/absent.png)\n```\n````",
    "Du code : `! [alt] (img/absent.png)` et ``! [b] (x.png)``.",
    "Texte.\n\n    ! [alt] (img/absent.png)\n    ![b] (x.png)\n\nSuite.",
    "1. Étape :\n\n    ```\n    ! [alt] (img/absent.png)\n    ```\n\n2. Fin.",
    "- Étape :\n\n    ~~~\n    ! [alt] (img/absent.png)\n    ~~~",
]


@pytest.mark.parametrize("text", UNCHANGED)
def test_left_alone(text: str) -> None:
    assert repair_markup(text)[0] == text


def test_repairs_keep_non_breaking_spaces_on_the_same_line() -> None:
    text = f"Regardez{NB}! ! [graphique] (img/photo.jpg) Voilà{NB}: fin{NNB}?"
    assert repair_markup(text)[0] == f"Regardez{NB}! ![graphique](img/photo.jpg) Voilà{NB}: fin{NNB}?"


def test_code_after_a_repair_is_still_untouched() -> None:
    text = "! [a] (x.png)\n\n```\n! [b] (y.png)\n```\n\n! [c] (z.png)\n"
    assert repair_markup(text)[0] == "![a](x.png)\n\n```\n! [b] (y.png)\n```\n\n![c](z.png)\n"


# Missing images -------------------------------------------------------------------

PRESENT = [
    "![alt](img/photo.jpg)",
    "![alt](./img/photo.jpg)",
    "![alt](../posts/img/photo.jpg)",
    "![alt](/assets/images/couverture.jpg)",
    "![alt](../../assets/images/couverture.jpg)",
    "![alt](img/photo.jpg?v=2)",
    '![alt](img/photo.jpg "titre")',
    "![alt](<img/mon image.png>)",
    "![alt](img/mon%20image.png)",
    "![alt](img/mon image.png)",
    '![alt](img/mon image.png "Titre")',
    "![alt](https://exemple.fr/absent.png)",
    "![alt](http://exemple.fr/absent.png)",
    "```\n![alt](img/absent.png)\n```",
    "`![alt](img/absent.png)`",
    "Texte.\n\n    ![alt](img/absent.png)\n\nSuite.",
]


@pytest.mark.parametrize("text", PRESENT)
def test_present_remote_or_code_images_untouched(text: str) -> None:
    built, issues = replace_missing_images(text, ARTICLE, exists)
    assert built == text
    assert issues == []


MISSING = [
    ("![Schéma du tunnel](img/tunnel.png)", "Schéma du tunnel", "img/tunnel.png"),
    ('![Schéma](img/tunnel.png "Le tunnel")', "Schéma", "img/tunnel.png"),
    ("Voir ![icône](img/icone.svg) ici.", "icône", "img/icone.svg"),
    ("![alt](/assets/images/absente.jpg)", "alt", "/assets/images/absente.jpg"),
    ("![Plan](<img/plan du site.png>)", "Plan", "img/plan du site.png"),
    # Copied from a computer: Python-Markdown shows it, spaces and all.
    ("![bannière](images/banniere noel.png)", "bannière", "images/banniere noel.png"),
    ('![Plan](img/Plan du Site.JPG "Le plan")', "Plan", "img/Plan du Site.JPG"),
    ("![Logo][logo]\n\n[logo]: img/logo-absent.png", "Logo", "img/logo-absent.png"),
]


@pytest.mark.parametrize(("text", "alt", "src"), MISSING)
def test_missing_image_placeholder(text: str, alt: str, src: str) -> None:
    built, issues = replace_missing_images(text, ARTICLE, exists)
    assert alt in built
    # A reference definition left behind renders nothing; no image may point at the file.
    assert src not in built.split("\n\n[")[0]
    assert len(issues) == 1 and issues[0].code == "image_missing"


@pytest.mark.parametrize(("text", "alt", "src"), MISSING)
def test_missing_image_through_normalize(text: str, alt: str, src: str) -> None:
    source = f"---\ntitle: T\ndate: 2022-01-01\n---\nIntro.\n\n{text}\n"
    article = normalize_article(ARTICLE, source, SiteContext(asset_exists=exists))
    assert text in article.body  # the canonical body keeps the writer's reference
    assert alt in article.build_body and src not in article.build_body.split("\n\n[")[0]
    warnings = [p for p in article.problems if p.code == "image_missing"]
    assert len(warnings) == 1
    assert warnings[0].severity is Severity.WARNING and src in warnings[0].message
    assert warnings[0].line == 7


def test_broken_and_missing_image() -> None:
    source = '---\ntitle: T\ndate: 2022-01-01\n---\nIntro.\n\n! [Le graphique] (img/absent.png "Titre")\n'
    article = normalize_article(ARTICLE, source, SiteContext(asset_exists=exists))
    assert '![Le graphique](img/absent.png "Titre")' in article.body
    assert "Le graphique" in article.build_body and "img/absent.png" not in article.build_body
    assert [p.code for p in article.problems if p.severity is Severity.WARNING] == ["image_missing"]


def test_no_image_check_without_asset_lookup() -> None:
    source = "---\ntitle: T\ndate: 2022-01-01\n---\n![a](img/absent.png)\n"
    article = normalize_article(ARTICLE, source, SiteContext(asset_exists=None))
    assert "![a](img/absent.png)" in article.build_body


def test_non_breaking_spaces_survive_normalisation() -> None:
    body = f"Pourquoi{NB}? Parce que{NB}: la typographie{NB}; compte{NB}!\n\nFine{NNB}? Oui{NNB}!\n"
    article = normalize_article(ARTICLE, f"---\ntitle: T\ndate: 2022-01-01\n---\n{body}")
    assert article.body == body
    assert f"Pourquoi{NB}? Parce que{NB}: la typographie{NB}; compte{NB}!" in article.build_body
    assert f"Fine{NNB}? Oui{NNB}!" in article.build_body
    assert body in article.to_markdown(for_build=False)


# Scripts in the body are not looked for in the Markdown: the build cleans
# the rendered HTML (articles/sanitize.py, tests/test_sanitize.py).


def test_image_path_in_backticks_is_checked_without_them() -> None:
    built, issues = replace_missing_images("![a](`../../../etc/passwd`)", ARTICLE, exists)
    assert "etc/passwd" not in built
    assert [issue.code for issue in issues] == ["image_unsafe"]


# Excerpt separator -------------------------------------------------------------------

_LINES = st.sampled_from(
    [
        "",
        "Texte d'un paragraphe.",
        "Suite du texte.",
        "# Titre",
        "- point",
        "```",
        "~~~",
        "    code indenté",
        "> citation",
        "![img](x.png)",
        "**Gras** au début",
        "1. étape",
        "<div>",
    ]
)


@given(st.lists(_LINES, max_size=25).map("\n".join))
@settings(max_examples=400)
def test_excerpt_from_the_beginning_of_the_text_is_the_one_of_the_whole_text(body: str) -> None:
    with mock.patch.object(markdown, "_EXCERPT_WINDOW", 10**9):
        whole = markdown.ensure_excerpt_separator(body)
    for window in (1, 15, 40, 90):
        with mock.patch.object(markdown, "_EXCERPT_WINDOW", window):
            assert markdown.ensure_excerpt_separator(body) == whole


@pytest.mark.parametrize(
    ("body", "expected"),
    [
        ("Premier paragraphe.\n\nSuite.", "Premier paragraphe.\n\n<!-- more -->\n\nSuite."),
        ("# Titre\n\nPremier.\nEncore.\n\n## Partie\n", "# Titre\n\nPremier.\nEncore.\n\n<!-- more -->\n\n## Partie\n"),
        ("Un seul paragraphe.\n\n", "Un seul paragraphe.\n\n"),
        ("```\ncode\n```\n\nTexte.\n\nSuite.", "```\ncode\n```\n\nTexte.\n\n<!-- more -->\n\nSuite."),
        ("Texte.\n\n<!-- more -->\n\nSuite.", "Texte.\n\n<!-- more -->\n\nSuite."),
    ],
)
def test_excerpt_separator_after_the_first_paragraph(body: str, expected: str) -> None:
    assert markdown.ensure_excerpt_separator(body) == expected


# Paragraphs pasted with an indent -------------------------------------------------
# Rule: a block Markdown would show as code only because its lines start with a
# tab or four spaces is shown as a paragraph when it reads as text (info), and
# stays code when it reads as code (warning: how to mark code). The content of
# lists, notes, foldable blocks, footnotes and definitions is never touched.

SITE_EXTENSIONS = ["admonition", "pymdownx.details", "footnotes", "def_list", "attr_list", "md_in_html", "pymdownx.superfences"]

PASTED_PROSE = [
    "\tTexte **gras** ici, collé depuis Word.",
    "    Notre offre couvre trois besoins : la prospection, la relance et le suivi.",
    "\tVoir https://exemple.fr/page pour les détails.",
    "\tÉcrivez à jean.dupont@exemple.fr avant vendredi.",
    "\tLe ==prix== reste le même, le ~~délai~~ aussi.",
    "\t- premier point ;\n\t- second point.",
    "\tMerci à tous.",
    "\tLe CA 2024 atteint 1 250 000 € (+12 %).",
    "\t« Le client d'abord », disait-il.",
    "\t[Notre brochure](brochure.pdf) explique tout.",
    "\tLes client(e)s fidèles reçoivent une remise.",
    "\tAppuyez sur `Ctrl+C` puis collez le texte.",
    "  \tUne ligne\n  \tsur deux lignes, même retrait.",
]

INDENTED_CODE = [
    "    ! [pas une image] (img/absent.png)\n    ![introuvable](img/absent.png)",
    "    npm install express",
    "    $ pip install mkdocs",
    '    <div class="x">texte</div>',
    '    {"a": 1}',
    "    SELECT nom FROM clients WHERE ville = 'Paris'",
    "    color: red;",
    "    title: Mon super article de vente",
    "    for client in clients:\n        envoyer(client)",
    '    print("Bonjour")',
    "    # commentaire du script ici",
    "    def relance(client):",
    "    https://exemple.fr/page",
    "    x = 1",
]


@pytest.mark.parametrize("mark", ["<!--more-->", "<!-- More -->", "<!--  MORE  -->", "<!--more Lire la suite-->"])
def test_other_engines_more_mark_is_the_excerpt_separator(mark: str) -> None:
    body = f"Trois jours au **salon**.\n{mark}\nSuite du texte.\n\n```\n{mark}\n```\n"
    prepared = markdown.prepare_body(body, ARTICLE, None)
    assert prepared.body == body.replace(mark, "<!-- more -->", 1), "fix writes Material's separator; code is left alone"
    assert prepared.build_body == prepared.body, "no second separator is added"
    (issue,) = [issue for issue in prepared.issues if issue.code == "excerpt_mark_repaired"]
    assert issue.line == 2 and issue.values == {"markup": mark}


def test_a_more_mark_is_left_alone_when_the_blog_uses_another_separator() -> None:
    body = "Début.\n<!--more-->\nSuite.\n\nFin.\n"
    prepared = markdown.prepare_body(body, ARTICLE, None, excerpt_separator="<!-- suite -->")
    assert prepared.body == body and not [issue for issue in prepared.issues if issue.code == "excerpt_mark_repaired"]


def test_a_post_copied_from_linkedin_keeps_its_line_breaks_on_the_site() -> None:
    post = "🎉 Nous signons avec ACME.\nUn grand merci à l’équipe 👏\n👉 Le cas client : https://exemple.fr/acme\n"
    body = f"{post}\nUn paragraphe écrit\nsur deux lignes.\n\n```\n🎉 code\nsuite\n```\n\n- 👉 un point\n  ✅ sa suite\n- un autre\n"
    prepared = markdown.prepare_body(body, ARTICLE, None)
    assert prepared.body == body, "fix leaves the writer's lines as they are"
    site = prepared.build_body
    assert "🎉 Nous signons avec ACME.  \nUn grand merci à l’équipe 👏  \n👉 Le cas client : <https://exemple.fr/acme>\n" in site
    assert "Un paragraphe écrit\nsur deux lignes." in site, "a paragraph without pictographs runs on, as Markdown has it"
    assert "```\n🎉 code\nsuite\n```" in site and "- 👉 un point  \n  ✅ sa suite\n- un autre" in site
    assert site.count("\n") == body.count("\n") + 2, "no line added but the excerpt separator's"


@pytest.mark.parametrize(
    ("written", "on_the_site"),
    [
        ("Le cas client : https://www.exemple.fr/cas-acme.", "Le cas client : <https://www.exemple.fr/cas-acme>."),
        (
            "Voir www.exemple.fr, ou jean.dupont@exemple.fr !",
            "Voir [www\\.exemple\\.fr](https://www.exemple.fr), ou <jean.dupont@exemple.fr> !",
        ),
        ("(voir https://fr.wikipedia.org/wiki/Vente_(commerce)) fin", "(voir <https://fr.wikipedia.org/wiki/Vente_(commerce)>) fin"),
        ("« https://exemple.fr/a_b?c=1&d=2#e »", "« <https://exemple.fr/a_b?c=1&d=2#e> »"),
        ('http://x.fr/"onmouseover="alert(1)', '<http://x.fr/>"onmouseover="alert(1)'),
        # A paragraph opening with inline HTML is Markdown, not a block of HTML.
        ("<b>Salon :</b> https://salon.fr", "<b>Salon :</b> <https://salon.fr>"),
        ("<span>Contact</span>\njean@exemple.fr", "<span>Contact</span>\n<jean@exemple.fr>"),
    ],
)
def test_a_bare_address_is_a_link_on_the_site(written: str, on_the_site: str) -> None:
    prepared = markdown.prepare_body(f"{written}\n", ARTICLE, None)
    assert prepared.body == f"{written}\n", "fix leaves the writer's text as it is"
    assert prepared.build_body.startswith(f"{on_the_site}\n")


@pytest.mark.parametrize(
    "written",
    [
        "[https://a.fr](https://a.fr) [texte](https://b.fr) <https://c.fr>",  # links already
        '`https://code.fr` <a href="https://d.fr">d</a>',  # inline code, an attribute
        "<div>\nhttps://html.fr\n</div>",  # raw HTML: « <…> » would be a tag there
        "<p>Voir https://html.fr</p>",
        "  <TABLE><tr><td>https://html.fr</td></tr></TABLE>",
        "<!-- https://commentaire.fr -->",
        "[ref]: https://ref.fr",
        "```\nhttps://bloc.fr\n```",
        "mailto:jean@exemple.fr, @hugo, a@b, https://, www.",
    ],
)
def test_an_address_already_linked_or_in_code_is_left_alone(written: str) -> None:
    assert markdown.link_bare_addresses(written) == written


def html_of(text: str) -> str:
    import markdown as python_markdown

    return python_markdown.markdown(text, extensions=SITE_EXTENSIONS)


@pytest.mark.parametrize("block", PASTED_PROSE)
def test_pasted_paragraphs_are_shown_as_text(block: str) -> None:
    body = f"Avant.\n\n{block}\n\nAprès.\n"
    assert "<pre>" in html_of(body)  # what Markdown alone would show
    fixed, issues = markdown.dedent_pasted_paragraphs(body)
    assert "<pre>" not in html_of(fixed)
    assert fixed.replace("\t", "").replace(" ", "") == body.replace("\t", "").replace(" ", "")
    assert [(issue.code, issue.line) for issue in issues] == [("paragraph_dedented", 3)]


@pytest.mark.parametrize("block", INDENTED_CODE)
def test_indented_code_stays_code_with_a_warning(block: str) -> None:
    body = f"Avant.\n\n{block}\n\nAprès.\n"
    fixed, issues = markdown.dedent_pasted_paragraphs(body)
    assert fixed == body
    assert [(issue.code, issue.line) for issue in issues] == [("indented_code", 3)]


CONTAINED = [
    "- item\n\n    Suite de l'item, avec des mots.",
    "1. Étape\n\n\tSuite de l'étape, avec des mots.",
    "!!! note\n\n    Le contenu de la note, avec des mots.",
    '!!! tip "Astuce"\n    Première ligne.\n\n    Deuxième paragraphe de la note.',
    "??? info\n\n    Le contenu caché, avec des mots.",
    "???+ info\n\n    Le contenu ouvert, avec des mots.",
    "Texte[^1]\n\n[^1]: La note.\n\n    Suite de la note, avec des mots.",
    "Terme\n:   Définition.\n\n    Suite de la définition, avec des mots.",
]


@pytest.mark.parametrize("text", CONTAINED)
def test_content_of_containers_is_not_touched(text: str) -> None:
    assert "<pre>" not in html_of(text)  # Markdown reads it as the container's content
    assert markdown.dedent_pasted_paragraphs(text) == (text, [])


def test_repairs_apply_inside_a_dedented_paragraph_and_a_note() -> None:
    body = "\tUne image ! [a] (img/photo.jpg) dans un paragraphe collé.\n\n!!! note\n\n    Et ! [b] (img/photo.jpg) ici.\n"
    prepared = markdown.prepare_body(body, ARTICLE, exists)
    assert prepared.body == "Une image ![a](img/photo.jpg) dans un paragraphe collé.\n\n!!! note\n\n    Et ![b](img/photo.jpg) ici.\n"
    assert sorted((issue.code, issue.line) for issue in prepared.issues) == [
        ("image_markup_repaired", 1),
        ("image_markup_repaired", 5),
        ("paragraph_dedented", 1),
    ]


def test_an_indented_line_right_under_a_heading_is_code_for_the_repairs_too() -> None:
    body = "## Titre\n    ! [a] (img/absent.png)\n"
    assert "<pre>" in html_of(body)
    assert repair_markup(body)[0] == body


def test_each_run_between_blank_lines_is_judged_alone() -> None:
    body = "\tUn paragraphe collé depuis Word, assez long.\n\n    npm install express\n"
    fixed, issues = markdown.dedent_pasted_paragraphs(body)
    assert fixed == "Un paragraphe collé depuis Word, assez long.\n\n    npm install express\n"
    assert [(issue.code, issue.line) for issue in issues] == [("paragraph_dedented", 1), ("indented_code", 3)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(["\t", "    ", "  ", "", "Texte avec des mots.", "x = 1", "- item", "!!! note", "```", "## Titre", "\n"]),
        max_size=30,
    )
)
def test_dedenting_keeps_every_line_and_character(pieces: list[str]) -> None:
    body = "".join(piece if piece.strip() == "" else piece + "\n" for piece in pieces)
    fixed, _ = markdown.dedent_pasted_paragraphs(body)
    assert fixed.count("\n") == body.count("\n")
    assert [line.lstrip(" \t") for line in fixed.split("\n")] == [line.lstrip(" \t") for line in body.split("\n")]


# A line of hashtags -----------------------------------------------------------------


@pytest.mark.parametrize(
    ("line", "topics"),
    [
        ("#Vivatech #B2B #salon", "Vivatech, B2B, salon"),
        ("#prospection, #relance", "prospection, relance"),
        ("#événement #Salon2025.", "événement, Salon2025"),
    ],
)
def test_a_line_of_hashtags_is_shown_as_text_with_a_warning(line: str, topics: str) -> None:
    article = normalize_article(ARTICLE, f"---\ntitre: Salon\ndate: 2025-06-12\n---\n\nOn a vu 120 prospects.\n\n{line}\n")
    (problem,) = [p for p in article.problems if p.code == "hashtag_line"]
    assert problem.line == 8 and problem.severity == Severity.WARNING
    assert f"« {line} » est une suite de hashtags" in problem.message
    assert problem.hint.endswith(f"« thèmes : {topics} »")
    # The site shows the line as text; the writer's file (fix) keeps it as written.
    assert f"\n\\{line}\n" in article.build_body
    assert f"\n{line}\n" in article.body and "\\#" not in article.body


@pytest.mark.parametrize(
    "text",
    [
        "#Titre\n\nTexte.\n",  # one word: perhaps a heading without its space
        "# Vivatech #B2B\n",  # a heading
        "Texte #vente #b2b dans une phrase.\n",  # not at the start of the line
        "  #a #b\n",  # indented: not a heading for Python-Markdown either
        "```\n#a #b\n```\n",  # code
        "Voir `#a #b`.\n",
    ],
)
def test_other_lines_with_hashtags_are_left_alone(text: str) -> None:
    article = normalize_article(ARTICLE, f"---\ntitre: T\ndate: 2025-06-12\n---\n\n{text}")
    assert not [p for p in article.problems if p.code == "hashtag_line"]
    assert "\\#" not in article.build_body


# Lists as word processors paste them, and lists right under a line of text --------------


def test_lists_pasted_from_a_word_processor_become_lists() -> None:
    text = "Points clés :\n\n•\tRelancer les devis\n•\tMettre à jour le CRM\n\n1) Préparer le forecast\n2) Valider\n"
    article = normalize_article(ARTICLE, f"---\ntitre: Réunion\ndate: 2025-10-02\n---\n\n{text}")
    problems = [(p.line, p.severity, p.message) for p in article.problems if p.code == "pasted_list"]
    assert problems == [
        (8, Severity.INFO, "la liste copiée d'un traitement de texte (« • ») est affichée comme une liste"),
        (11, Severity.INFO, "la liste copiée d'un traitement de texte (« 1) ») est affichée comme une liste"),
    ]
    # What fix writes back: Markdown list items, line for line.
    assert "\n- Relancer les devis\n- Mettre à jour le CRM\n\n1. Préparer le forecast\n2. Valider\n" in article.body
    html = Markdown(extensions=["sane_lists"]).convert(article.build_body)
    assert "<li>Relancer les devis</li>" in html and "<ol>\n<li>Préparer le forecast</li>" in html


@pytest.mark.parametrize(
    "text",
    [
        "En 2019) rien de neuf.\n",  # a year, not a number of a list
        "Un point • au milieu.\n",
        "– Une réplique, dit-elle.\n",  # a dash and a space: dialogue
        "```\n•\tcode\n1) code\n```\n",
    ],
)
def test_text_that_is_not_a_pasted_list_is_left_alone(text: str) -> None:
    article = normalize_article(ARTICLE, f"---\ntitre: T\ndate: 2025-10-02\n---\n\n{text}")
    assert not [p for p in article.problems if p.code == "pasted_list"]
    assert text in article.body


@pytest.mark.parametrize(
    ("text", "lists"),
    [
        ("À faire :\n- relancer\n- facturer\n", True),  # GitHub shows a list: so does the site
        ("À faire :\n1. relancer\n2. facturer\n", True),
        ("Les chiffres :\n2024. Une année record.\n", False),  # a number list starts at 1
        ("Texte\n-\n", False),  # an empty item: a line of text
        ("<div>\n- a\n</div>\n", False),  # raw HTML
        ("| a | b |\n| - | - |\n- x\n", False),
    ],
)
def test_a_list_right_under_a_line_of_text_is_a_list_as_on_github(text: str, lists: bool) -> None:
    article = normalize_article(ARTICLE, f"---\ntitre: T\ndate: 2025-10-02\n---\n\n{text}")
    html = Markdown(extensions=["md_in_html", "sane_lists"]).convert(article.build_body)
    assert ("<li>" in html) is lists, html
    assert text in article.body, "the writer's file keeps its lines"


# Rows copied from a spreadsheet --------------------------------------------------------


def test_rows_copied_from_a_spreadsheet_are_shown_as_a_table_and_pointed_out() -> None:
    text = "Nos offres :\nProduit\tPrix\tRemise\nPack A\t1 200 €\t10 %\nPack B | promo\t\t5 %\nFin.\n#soldes #promo\n"
    article = normalize_article(ARTICLE, f"---\ntitre: Offres\ndate: 2025-10-02\n---\n\n{text}")
    (problem,) = [p for p in article.problems if p.code == "pasted_table"]
    assert problem.line == 7 and problem.severity == Severity.WARNING
    assert problem.message.startswith("ces 3 lignes ressemblent à un tableau copié d'un tableur (3 colonnes")
    assert problem.message.endswith("affichées en tableau, la première ligne en en-tête") and "| --- | --- |" in problem.hint
    table = "Nos offres :\n\n| Produit | Prix | Remise |\n| --- | --- | --- |\n| Pack A | 1 200 € | 10 % |\n| Pack B \\| promo |  | 5 % |\n\nFin.\n"
    assert table in article.body, "what `fix` writes back"
    html = Markdown(extensions=["tables"]).convert(article.build_body)
    assert "<th>Produit</th>" in html and "<td>Pack B | promo</td>\n<td></td>" in html, html
    # The issues after the rows still count the writer's lines.
    (hashtags,) = [p for p in article.problems if p.code == "hashtag_line"]
    assert hashtags.line == 11


def test_spreadsheet_rows_may_leave_their_last_cells_empty() -> None:
    text = "Produit\tPrix\tRemise\nPack A\t1 200 €\t\nPack B\t900 €\t5 %\nPack C\t\t\n"
    article = normalize_article(ARTICLE, f"---\ntitre: T\ndate: 2025-10-02\n---\n\n{text}")
    (problem,) = [p for p in article.problems if p.code == "pasted_table"]
    assert problem.message.startswith("ces 4 lignes")
    assert "| Pack A | 1 200 € |  |\n| Pack B | 900 € | 5 % |\n| Pack C |  |  |" in article.body


@pytest.mark.parametrize(
    "text",
    [
        "Retour sur le webinaire.\tOn a eu 40 inscrits.\n\nSuite.\n",  # one line with a Word tab
        "Nom :\t\nPrénom :\t\n",  # Word's trailing tabs: no last cell to open a table
        "> Produit\tPrix\n> Pack A\t1 200 €\n",  # a quote
        "| Produit\t| Prix |\n| --- | --- |\n| Pack A\t| 1 200 € |\n",  # a Markdown table with tabs
        "Produit\tPrix\nPack A\t1 200 €\tremise\n",  # not the same number of cells
        "\tUn paragraphe\tcollé\n\tdepuis Word\tici\n",  # indented: a pasted paragraph
        "```\na\tb\nc\td\n```\n",  # code
        "1.\tPersonnalisez l'accroche\n2.\tProposez une valeur\n3.\tRelancez une fois\n",  # Word's numbered list
        "-\tUn point\n-\tUn autre\n",  # a bulleted one
        "1)\tProduit\tPrix\n2)\tPack A\t1 200 €\n",  # items shown as a list, tabs and all
    ],
)
def test_other_tabs_are_not_taken_for_a_table(text: str) -> None:
    article = normalize_article(ARTICLE, f"---\ntitre: T\ndate: 2025-10-02\n---\n\n{text}")
    assert not [p for p in article.problems if p.code == "pasted_table"]
    assert article.body.count("| --- |") == article.build_body.count("| --- |") == text.count("| --- |"), "no table made"


def test_a_line_continuing_an_item_keeps_the_list_whole() -> None:
    article = normalize_article(
        ARTICLE, "---\ntitre: T\ndate: 2025-10-02\n---\n\nÀ faire :\n- relancer\n  le client\nsuite du point\n- facturer\n"
    )
    html = Markdown(extensions=["sane_lists"]).convert(article.build_body)
    assert html.count("<ul>") == 1 and html.count("<li>") == 2, html


# Bold and italics with a space inside a mark ----------------------------------------------


def _site_markdown() -> Markdown:
    """Python-Markdown with the site's extensions (mkdocs.yml)."""
    config = load_config(str(Path(__file__).resolve().parent.parent / "mkdocs.yml"))
    return Markdown(extensions=config.markdown_extensions, extension_configs=config.mdx_configs)


SITE_MARKDOWN = _site_markdown()


@pytest.mark.parametrize(
    ("text", "repaired", "html"),
    [
        (
            "Sur **le premier message ** tout se joue.",
            "Sur **le premier message** tout se joue.",
            "<strong>le premier message</strong> tout",
        ),
        (
            "Sur ** le premier message** tout se joue.",
            "Sur **le premier message** tout se joue.",
            "<strong>le premier message</strong> tout",
        ),
        ("**Important : **lisez la suite.", "**Important :** lisez la suite.", "<strong>Important :</strong> lisez"),
        ("Un *vrai * rendez-vous.", "Un *vrai* rendez-vous.", "<em>vrai</em> rendez-vous"),
        ("- une puce **en gras **\n- une autre", "- une puce **en gras**\n- une autre", "<li>une puce <strong>en gras</strong></li>"),
        (
            "Déjà **bien** écrit, puis **moins **.",
            "Déjà **bien** écrit, puis **moins**.",
            "<strong>bien</strong> écrit, puis <strong>moins</strong>.",
        ),
    ],
)
def test_bold_and_italics_with_a_space_inside_a_mark_are_shown(text: str, repaired: str, html: str) -> None:
    article = normalize_article(ARTICLE, f"---\ntitre: T\ndate: 2025-10-02\n---\n\nIntro.\n\n{text}\n")
    assert repaired in article.body, "`fix` writes the repair back, as for images"
    SITE_MARKDOWN.reset()
    assert html in SITE_MARKDOWN.convert(article.build_body)
    (problem,) = [p for p in article.problems if p.code == "emphasis_repaired"]
    assert problem.line == 8 and problem.severity == Severity.INFO
    assert problem.message.startswith("« *")


@pytest.mark.parametrize(
    "text",
    [
        "Calcul : 2 ** 3 ** 4.",  # spaces on both sides: no emphasis meant
        "* une puce *",  # a bullet
        "Le code `**a **` reste tel quel.",
        "```\n**a **\n```",
        "Échappé : \\**a **.",
        "5 * 3 *2",
        "**bien** et *bien*",
        "**début\nfin **",  # never across lines
    ],
)
def test_other_asterisks_are_left_as_written(text: str) -> None:
    article = normalize_article(ARTICLE, f"---\ntitre: T\ndate: 2025-10-02\n---\n\n{text}\n")
    assert text in article.body
    assert not [p for p in article.problems if p.code == "emphasis_repaired"]


@pytest.mark.parametrize(
    ("body", "unreferenced"),
    [
        ("Texte[^1].\n\n[^1]: Note.\n", []),
        ("Texte.\n\n[^1]: Note.\n", [("1", 3)]),
        ("Texte[^a].\n\n[^a]: Voir[^b].\n[^b]: Appelée par la note a.\n[^c]: Seule.\n", [("c", 5)]),
        ("Voir[^1]: la suite.\n\n[^1]: Note.\n", []),  # a call followed by « : » is still a call
        ("`[^1]` en code.\n\n[^1]: Note.\n", [("1", 3)]),
        ("```\n[^1]: dans du code\n```\n", []),
    ],
)
def test_a_footnote_the_text_never_calls_is_told(body: str, unreferenced: list[tuple[str, int]]) -> None:
    issues = markdown.unreferenced_footnotes(body)
    assert [(issue.values["label"], issue.line) for issue in issues] == unreferenced
