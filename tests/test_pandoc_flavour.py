"""What pandoc writes from a Word file, the site shows (articles/pandoc_flavour.py):
its simple, multiline and grid tables as Markdown tables, its spans
(``[texte]{.underline}``) as the site's marks, its images' sizes in pixels;
and the headings of an article whose level-1 headings are sections go one
level down, so that its title stays the page's (markdown.headings_below_title).

Reproduce: .venv/bin/python -m pytest tests/test_pandoc_flavour.py -p no:cacheprovider -n0
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_github_flavour import site_html

from articles import normalize_article
from articles.markdown import headings_below_title
from articles.pandoc_flavour import image_sizes_in_pixels, pandoc_spans, pandoc_tables
from sitebuild import copy_site, run_build

SIMPLE = """\
  Étape       Responsable   Délai
  ----------- ------------- --------
  Réception   SDR           24 h
  Appel       SDR           48 h
"""

SIMPLE_ALIGNED = """\
  Right     Left     Center     Default
-------     ------ ----------   -------
     12     12        12            12
    123     123       123          123
"""

HEADLESS = """\
----------- -------
Réception   SDR
Appel       SDR
----------- -------
"""

MULTILINE = """\
-------------------------------------------------
Critère     Seuil          Commentaire
            retenu
----------- -------------- ----------------------
Budget      > 10 k€        Validé par le
                           directeur commercial.

Délai       < 6 mois       Sinon, nurturing.
-------------------------------------------------
"""

HEADLESS_MULTILINE = """\
----------- -------------- ----------------------
Budget      > 10 k€        Validé par le
                           directeur commercial.

Délai       < 6 mois       Sinon, nurturing.
----------- -------------- ----------------------
"""

GRID = """\
+---------------+---------------+--------------------+
| Offre         | Prix          | Avantages          |
+===============+===============+====================+
| Essentiel     | 29 € \\| mois  | - support e-mail   |
|               |               | - 3 utilisateurs   |
+---------------+---------------+--------------------+
| Pro           | 79 €          | Tout l'Essentiel,  |
|               |               | plus l'API.        |
+---------------+---------------+--------------------+
"""

GRID_HEADLESS = """\
+:--------+---------:+
| Lundi   | 9 h      |
+---------+----------+
| Mardi   | 14 h     |
+---------+----------+
"""


@pytest.mark.parametrize(
    ("written", "table"),
    [
        (SIMPLE, "| Étape | Responsable | Délai |\n| :--- | :--- | :--- |\n| Réception | SDR | 24 h |\n| Appel | SDR | 48 h |\n"),
        (
            SIMPLE_ALIGNED,
            "| Right | Left | Center | Default |\n| ---: | :--- | :---: | --- |\n| 12 | 12 | 12 | 12 |\n| 123 | 123 | 123 | 123 |\n",
        ),
        (HEADLESS, "| Réception | SDR |\n| :--- | :--- |\n| Appel | SDR |\n"),
        (
            MULTILINE,
            "| Critère | Seuil retenu | Commentaire |\n| :--- | :--- | :--- |\n"
            "| Budget | > 10 k€ | Validé par le directeur commercial. |\n| Délai | < 6 mois | Sinon, nurturing. |\n",
        ),
        (
            HEADLESS_MULTILINE,
            "| Budget | > 10 k€ | Validé par le directeur commercial. |\n| :--- | :--- | :--- |\n| Délai | < 6 mois | Sinon, nurturing. |\n",
        ),
        (
            GRID,
            "| Offre | Prix | Avantages |\n| --- | --- | --- |\n"
            "| Essentiel | 29 € \\| mois | - support e-mail<br>- 3 utilisateurs |\n| Pro | 79 € | Tout l'Essentiel, plus l'API. |\n",
        ),
        (GRID_HEADLESS, "| Lundi | 9 h |\n| :--- | ---: |\n| Mardi | 14 h |\n"),
    ],
)
def test_pandoc_s_tables_are_markdown_tables(written: str, table: str) -> None:
    body, found = pandoc_tables(f"Avant.\n\n{written}\nAprès.\n")
    assert body == f"Avant.\n\n{table}\nAprès.\n"
    assert [line for line, _rows, _columns in found] == [3]


def test_a_table_s_caption_is_a_paragraph_below_it_and_each_table_is_told_on_its_line() -> None:
    body, found = pandoc_tables(f"Titre\n\n{SIMPLE}\n  : Tableau 1 -- Étapes\n  du process\n\n{GRID}")
    assert "| Appel | SDR | 48 h |\n\nTableau 1 -- Étapes du process\n\n| Offre |" in body
    assert found == [(3, 3, 3), (11, 3, 3)]


@pytest.mark.parametrize(
    "written",
    [
        "Un titre\n--------\n\nTexte.\n",  # a heading
        "Texte\n\n- - -\n\nTexte.\n",  # horizontal rules
        "Texte\n\n-----\n\nTexte.\n",
        "-----\n\nTexte\n\n-----\n",
        "```\n  A    B\n  ---- ----\n  1    2\n```\n",  # code
        "Texte\n\n  A    B\n  ---- ----\n\nrien dessous.\n",  # no row
        "- item\n\n      A    B\n      ---- ----\n      1    2\n",  # inside a list
        "+----+\n| A  |\n",  # never closed
        "----------- -------\nRéception   SDR\n",  # never closed
    ],
)
def test_what_is_not_a_pandoc_table_stays_as_written(written: str) -> None:
    assert pandoc_tables(written) == (written, [])


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("le [process]{.underline} des leads", "le <ins>process</ins> des leads"),
        ("un [point clé]{.mark} ici", "un ==point clé== ici"),
        ('[Sigle]{.smallcaps} et [texte]{lang="en"}', "Sigle et texte"),
        ("[]{#_Toc123456 .anchor}Introduction", "Introduction"),
        ("[souligné]{.underline .mark}", "<ins>souligné</ins>"),
    ],
)
def test_pandoc_s_spans_are_the_site_s_marks(written: str, shown: str) -> None:
    body, found = pandoc_spans(f"Avant.\n\n{written}\n")
    assert body == f"Avant.\n\n{shown}\n"
    assert found[0][0] == 3 and found[0][1] == re.search(r"\[[^\]]*\]\{[^}]*\}", written).group(0)


@pytest.mark.parametrize(
    "written",
    [
        "[un lien](https://exemple.fr){.bouton}",
        "![image](a.png){width=300}",
        "`[code]{.underline}`",
        "```\n[code]{.underline}\n```",
        "[^1]{.underline}",
        "\\[échappé]{.underline}",
        "[texte]{ceci n'est pas un attribut}",
        "[texte] {.underline}",
    ],
)
def test_what_is_not_a_pandoc_span_stays_as_written(written: str) -> None:
    assert pandoc_spans(written) == (written, [])


def test_an_image_s_size_in_print_units_is_in_pixels() -> None:
    written = (
        '![](media/image1.png){width="6.3in" height="3.5in"}\n![a](b.png){width=2.5cm #c} `![](x.png){width=1in}` ![d](e.png){width=50%}'
    )
    assert image_sizes_in_pixels(written) == (
        '![](media/image1.png){width="605" height="336"}\n![a](b.png){width="94" #c} `![](x.png){width=1in}` ![d](e.png){width=50%}'
    )


@pytest.mark.parametrize(
    ("written", "moved", "line"),
    [
        ("# Objectifs\n\nTexte.\n\n## Détail\n", "## Objectifs\n\nTexte.\n\n### Détail\n", 0),
        ("# Le titre\n\nTexte.\n\n# Partie\n\n## Détail\n", "# Le titre\n\nTexte.\n\n## Partie\n\n### Détail\n", 4),
        ("Objectifs\n=========\n\nTexte.\n\nDétail\n------\n", "Objectifs\n---------\n\nTexte.\n\n### Détail\n\n", 0),
        ("###### Six\n\n# Un\n", "###### Six\n\n## Un\n", 2),
        ("# Le titre\n\n## Partie\n", None, None),  # the title alone at level 1
        ("## Partie\n\nTexte\n---\n", None, None),
        ("```\n# commentaire\n```\n\n## Partie\n", None, None),
        ("#Vente #Prospection\n", None, None),  # hashtags
    ],
)
def test_headings_go_one_level_down_when_a_level_one_heading_is_not_the_title(written: str, moved: str | None, line: int | None) -> None:
    body, at = headings_below_title(written, lambda heading: heading == "Le titre")
    assert body == (moved if moved is not None else written) and at == line


PANDOC_EXPORT = """\
---
title: Process de qualification des leads
author:
- Sophie Bernard
date: 26 novembre 2026
---

# Objectifs

Le présent document décrit le [process de qualification]{.underline} des
leads entrants.

  Étape       Responsable   Délai
  ----------- ------------- --------
  Réception   SDR           24 h
  Appel       SDR           48 h

  : Tableau 1 -- Étapes

# Seuils

+-----------+------------------+
| Critère   | Seuil            |
+===========+==================+
| Budget    | > 10 k€          |
+-----------+------------------+

![Le tunnel](tunnel.png){width="6.3in" height="3.5in"}
"""


def test_a_pandoc_export_is_told_on_its_lines_and_fix_writes_it_the_site_s_way() -> None:
    article = normalize_article("blog/posts/process.md", PANDOC_EXPORT)
    told = {(p.code, p.line) for p in article.problems if p.code.startswith(("pandoc", "headings"))}
    assert told == {("headings_below_title", 8), ("pandoc_span", 10), ("pandoc_table", 13), ("pandoc_table", 22)}
    assert "## Objectifs" in article.body and "## Seuils" in article.body
    assert "| Réception | SDR | 24 h |" in article.body and "| Budget | > 10 k€ |" in article.body
    assert "<ins>process de qualification</ins>" in article.body and 'width="605" height="336"' in article.body
    again = normalize_article("blog/posts/process.md", article.to_markdown(for_build=False))
    assert not [p for p in again.problems if p.code.startswith(("pandoc", "headings"))]
    assert again.body == article.body


def test_a_pandoc_export_reads_on_its_page_as_word_showed_it(tmp_path: Path) -> None:
    project = copy_site(tmp_path / "site")
    posts = project / "docs" / "blog" / "posts"
    (posts / "process.md").write_text(PANDOC_EXPORT, encoding="utf-8")
    (posts / "tunnel.png").write_bytes((project / "docs" / "assets" / "images" / "avatar.svg").read_bytes())
    result = run_build(project, strict=False)
    page = result.page("blog/2026/11/26/process-de-qualification-des-leads/index.html")
    content = page[page.index('<article class="md-content__inner') : page.index("</article>")]
    assert re.findall(r"<h1[^>]*>([^<]*)", content) == ["Process de qualification des leads"], result.reproduce()
    assert re.findall(r"<h2 id=\"[^\"]*\">([^<]*)", content) == ["Objectifs", "Seuils"], result.reproduce()
    assert content.count("<table>") == 2 and "<td>&gt; 10 k€</td>" in content and "Tableau 1 – Étapes</p>" in content
    assert "<ins>process de qualification</ins>" in content and "{.underline}" not in content
    assert re.search(r'<img alt="Le tunnel"[^>]* width="605"', content), result.reproduce()


@pytest.mark.parametrize(
    ("title", "heading", "moved"),
    [
        ("Partenariat avec | la CCI", "# Partenariat avec la CCI", False),  # a stray mark in the title
        ("Salon Big Data", "# **Salon** Big Data !", False),
        ("Le salon Big Data", "# Le salon Bigdata", False),  # a typo
        ("Salon Big Data", "# Salon Big Data 2026 : notre bilan", True),
        ("Offre du premier trimestre", "# Objectifs", True),
    ],
)
def test_the_first_heading_is_the_title_a_typo_apart(title: str, heading: str, moved: bool) -> None:
    article = normalize_article("blog/posts/a.md", f"---\ntitre: {title}\ndate: 2026-12-01\n---\n\n{heading}\n\nTexte.\n")
    assert article.body.lstrip().startswith("##") == moved
    assert ("headings_below_title" in {p.code for p in article.problems}) == moved


def test_dashes_and_arrows_read_as_word_shows_them() -> None:
    """pandoc writes Word's « – » and « — » as « -- » and « --- »; hurried
    writers type them so, and « --> » for an arrow. Code, addresses, HTML
    comments and tables' rules stay."""
    text = (
        "Tableau 1 -- Étapes, pages 3--5, un mot---un autre ; lead --> client <-- relance.\n\n"
        "(a) un, (b) deux, (c) trois. `a -- b` et https://exemple.fr/a--b\n\n| a | b |\n| --- | --- |\n| x -- y | z |\n\n"
        "<!-- une note -- pour les relecteurs -->\n"
    )
    html = site_html(normalize_article("blog/posts/a.md", f"---\ntitre: T\ndate: 2026-12-01\n---\n{text}").build_body)
    assert "Tableau 1 – Étapes, pages 3–5, un mot—un autre ; lead → client ← relance." in html
    assert '(c) trois. <code>a -- b</code> et <a href="https://exemple.fr/a--b">https://exemple.fr/a--b</a>' in html
    assert "<td>x – y</td>" in html and "<!-- une note -- pour les relecteurs -->" in html
    assert "-- Étapes" in normalize_article("blog/posts/a.md", f"---\ntitre: T\ndate: 2026-12-01\n---\n{text}").body.split("`")[0], (
        "fix leaves them"
    )
