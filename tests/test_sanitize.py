"""The site's HTML policy (articles/sanitize.py): what stays, what goes, and
what the writers' check reports, on its line."""

from __future__ import annotations

from pathlib import Path

import markdown
import pytest
from live_markup import live_in_html

from articles import cli
from articles.sanitize import (
    SanitizeExtension,
    clean_html,
    clean_text,
    markup_checker,
    removed_from_markdown,
    url_allowed,
)
from articles.site import markdown_settings
from sitebuild import ROOT, copy_site

EXTENSIONS, CONFIGS = markdown_settings(ROOT)


def render(text: str) -> str:
    return markdown.markdown(text, extensions=[*EXTENSIONS, SanitizeExtension(keep=("<!-- more -->",))], extension_configs=CONFIGS)


# What a writer needs stays --------------------------------------------------------


@pytest.mark.parametrize(
    "fragment",
    [
        '<h2 id="titre">Titre<a class="headerlink" href="#titre" title="Lien vers cette section">¶</a></h2>',
        "<p><strong>gras</strong> <em>italique</em> <mark>surligné</mark> <del>barré</del> <code>x &lt; y</code></p>",
        '<ol start="3"><li>un</li></ol>',
        '<table>\n<thead>\n<tr>\n<th style="text-align:left">a</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td style="text-align:right">1</td>\n</tr>\n</tbody>\n</table>',
        '<p><a href="https://exemple.fr/a?b=1&amp;c=2" title="t">lien</a> <a href="mailto:a@b.fr">m</a> <a href="tel:+33100000000">t</a></p>',
        '<p><a href="../autre/">relatif</a> <a href="#ancre">ancre</a> <img src="img/photo.jpg" alt="photo" width="320" height="180"></p>',
        '<div class="admonition note">\n<p class="admonition-title">Note</p>\n<p>texte</p>\n</div>',
        '<details class="tip" open=""><summary>Résumé</summary><p>x</p></details>',
        '<p>Le <abbr title="Customer Relationship Management">CRM</abbr><sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>',
        '<figure class="image-manquante" data-search-exclude=""><img class="image-manquante__image" src="x.svg" width="320" height="180"><figcaption>Image non disponible</figcaption></figure>',
        '<div class="highlight"><pre><span></span><code><span class="n">x</span></code></pre></div>',
        '<p><a href="https://exemple.fr" target="_blank">nouvel onglet</a> <time datetime="2024-01-01">1er janvier</time></p>',
    ],
)
def test_what_writers_need_stays(fragment: str) -> None:
    assert clean_html(fragment) == (fragment, [])


def test_excerpt_separator_stays_other_comments_go() -> None:
    cleaned, removed = clean_html("<p>a</p>\n<!-- more -->\n<!-- note --><p>b</p>", keep=("<!-- more -->",))
    assert cleaned == "<p>a</p>\n<!-- more -->\n<p>b</p>" and removed == []


def test_a_table_cell_alignment_written_in_capitals_stays() -> None:
    # Word writes CSS property names in capitals; CSS ignores their case.
    cleaned, removed = clean_html(
        '<table><tr><td style="TEXT-ALIGN: center; COLOR: red">x</td><td style="Text-Align:right">y</td></tr></table>'
    )
    assert cleaned == '<table><tbody><tr><td style="text-align:center">x</td><td style="text-align:right">y</td></tr></tbody></table>'
    assert [item.markup for item in removed] == ['style="TEXT-ALIGN: center; COLOR: red"']


# What could run goes --------------------------------------------------------------


@pytest.mark.parametrize(
    ("fragment", "expected", "reported"),
    [
        ('<h2 onclick="alert(1)">T</h2>', "<h2>T</h2>", 'onclick="alert(1)"'),
        ('<a href="javascript:alert(1)">x</a>', "<a>x</a>", 'href="javascript:alert(1)"'),
        ('<a href="jav&#x61;script&colon;alert(1)">x</a>', "<a>x</a>", 'href="javascript:alert(1)"'),
        ('<a href="java\nscript:alert(1)">x</a>', "<a>x</a>", 'href="java script:alert(1)"'),
        ('<a href=" JAVASCRIPT:alert(1)">x</a>', "<a>x</a>", 'href=" JAVASCRIPT:alert(1)"'),
        ('<a href="vbscript:x">x</a>', "<a>x</a>", 'href="vbscript:x"'),
        ('<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="a">', '<img alt="a">', 'src="data:image/svg+xml;base64,PHN2Zz4="'),
        ("<img src=x onerror=alert(1)>", '<img src="x">', 'onerror="alert(1)"'),
        ("<script>alert(1)</script>après", "après", "<script>"),
        ("<style>body{display:none}</style>après", "après", "<style>"),
        ('<iframe src="https://exemple.fr"></iframe>après', "après", '<iframe src="https://exemple.fr">'),
        ("<svg><circle onload=alert(1)></circle></svg>après", "après", "<svg>"),
        ("<math><mi>x</mi></math>après", "après", "<math>"),
        ('<form action="https://x">après</form>', "après", '<form action="https://x">'),
        ('<object data="x.swf"></object>après', "après", '<object data="x.swf">'),
        ('<pre class="mermaid">graph TD</pre>', "<pre>graph TD</pre>", 'class="mermaid"'),
        ('<div class="note MERMAID">x</div>', '<div class="note">x</div>', 'class="note MERMAID"'),
        ('<div data-md-component="search">x</div>', "<div>x</div>", 'data-md-component="search"'),
        ('<p style="position:fixed;top:0">x</p>', "<p>x</p>", 'style="position:fixed;top:0"'),
        # Pasted from Word: a cell's style goes whole, not left as style="".
        (
            '<table><tr><td style="color:red">x</td></tr></table>',
            "<table><tbody><tr><td>x</td></tr></tbody></table>",
            'style="color:red"',
        ),
        ('<a href="https://x" target="top">x</a>', '<a href="https://x">x</a>', 'target="top"'),
        ('<base href="https://pirate.example/">x', "x", '<base href="https://pirate.example/">'),
        ('<meta http-equiv="refresh" content="0;url=https://x">x', "x", '<meta http-equiv="refresh" content="0;url=https://x">'),
    ],
)
def test_what_could_run_goes_and_is_reported(fragment: str, expected: str, reported: str) -> None:
    cleaned, removed = clean_html(fragment)
    assert cleaned == expected
    assert [item.markup for item in removed] == [reported]
    assert live_in_html(cleaned, "fragment") == []


def test_removed_pieces_carry_their_html_line() -> None:
    _, removed = clean_html("<p>a</p>\n<p>b</p>\n<p onclick='x'>c</p>\n<script>\n</script>")
    assert [(item.line, item.markup) for item in removed] == [(3, 'onclick="x"'), (4, "<script>")]


def test_long_markup_is_shortened_in_reports() -> None:
    _, removed = clean_html(f'<a href="javascript:{"x" * 500}">x</a>')
    assert len(removed[0].markup) == 80 and removed[0].markup.endswith("…")


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://a.fr", True),
        ("mailto:a@b.fr", True),
        ("tel:+33", True),
        ("../a/", True),
        ("#x", True),
        ("a:b/c", False),
        ("javascript:x", False),
        ("JaVaScRiPt:x", False),
        ("java\tscript:x", False),
        ("\x00javascript:x", False),
        ("data:x", False),
        (" \x01javascript:x", False),
        ("java\r\nscript:x", False),
        ("java script:x", True),  # not a scheme for a browser either: a relative path
    ],
)
def test_url_allowed(url: str, allowed: bool) -> None:
    assert url_allowed(url) is allowed


def test_clean_text_keeps_text_escaped() -> None:
    assert clean_text('Prix &lt; 100 € &amp; "promo"') == 'Prix &lt; 100 € &amp; "promo"'
    assert clean_text("a <img src=x onerror=alert(1)> b") == "a  b"


# The site's Markdown, cleaned by construction ---------------------------------------


@pytest.mark.parametrize(
    ("source", "absent"),
    [
        ('## Titre { onclick="alert(1)" }', "onclick"),
        ('[x](https://ok.example){ href="javascript:alert(1)" }', "javascript"),
        ("[x](javascript&colon;alert(1))", "javascript:"),
        ("[x](jav&#x61;script:alert(1))", "script:alert"),
        ("[x](java\nscript:alert(1))", "script:alert"),
        ("[x](javascript:alert((1)))", "javascript"),
        ('> [x][r]\n>\n> [r]: javascript:alert(1) "t"', "javascript"),
        ("[`x`](javascript:alert(1))", "javascript"),
        ("!!! note\n    <img src=x onerror=alert(1)>\n\n    texte", "onerror"),
        ('<div markdown="1">\n*a* <script>alert(1)</script>\n</div>', "alert"),
        ("```mermaid\ngraph TD\n```", "mermaid"),
        ('<pre class="mermaid">graph</pre>', "mermaid"),
        ("![x](data:image/png;base64,AAAA)", "data:"),
        ('![x](a.png){ onload="alert(1)" }', "onload"),
        ('??? note "<img src=x onerror=alert(1)>"\n    x', "onerror"),
    ],
)
def test_site_markdown_is_cleaned(source: str, absent: str) -> None:
    html = render(source)
    assert absent not in html.lower(), html
    assert live_in_html(html, "page") == []


def test_code_stays_text() -> None:
    html = render("`<script>alert(1)</script>`\n\n```html\n<img src=x onerror=alert(1)>\n```")
    assert "<code>&lt;script&gt;alert(1)&lt;/script&gt;</code>" in html
    assert '&lt;</span><span class="nt">img</span>' in html and live_in_html(html, "page") == []


# The writers' check: what will be removed, on its line -------------------------------


def test_check_reports_removed_markup_on_its_line() -> None:
    body = (
        "# Titre\n\n"
        '## Section { onclick="alert(1)" }\n\n'
        '[x](https://ok.example){ href="javascript:alert(2)" }\n\n'
        "Texte [lien](jav&#x61;script:alert(3)) et `<script>` en code.\n\n"
        "!!! note\n"
        "    <img src=x onerror=alert(4)>\n\n"
        '<pre class="mermaid">graph</pre>\n\n'
        "[ref]: javascript:alert(5)\n\n"
        "[a][ref]\n"
    )
    source = "---\ntitle: T\n---\n" + body
    problems = markup_checker(EXTENSIONS, CONFIGS)("blog/posts/a.md", body, source)
    assert [(problem.line, problem.code) for problem in problems] == [
        (6, "unsafe_markup"),
        (8, "unsafe_markup"),
        (10, "unsafe_markup"),
        (13, "unsafe_markup"),
        (15, "unsafe_markup"),
        (17, "unsafe_markup"),
    ]
    assert all(problem.severity.value == "avertissement" for problem in problems)
    assert "retiré de la page publiée" in problems[0].message


def test_check_tells_another_tools_layout_apart_from_markup_that_could_run() -> None:
    body = (
        "<aside>\n💡 Rappel : salle réservée.\n</aside>\n\n"
        '<table border="1" cellpadding="5"><tr><td>a</td></tr></table>\n\n'
        '<p><font face="Calibri">Texte<o:p></o:p></font></p>\n\n'
        '<font color="red" onmouseover="alert(1)">piège</font>\n\n'
        "<form><button>Envoyer</button></form>\n"
    )
    problems = markup_checker(EXTENSIONS, CONFIGS)("blog/posts/a.md", body, "---\ntitle: T\n---\n" + body)
    found = [(problem.line, problem.code, dict(problem.values)["markup"]) for problem in problems]
    assert found == [
        (4, "layout_dropped", "<aside>"),
        (8, "layout_dropped", 'border="1"'),
        (8, "layout_dropped", 'cellpadding="5"'),
        (10, "layout_dropped", '<font face="Calibri">'),
        (10, "layout_dropped", "<o:p>"),
        (12, "unsafe_markup", '<font color="red" onmouseover="alert(1)">'),
        (14, "unsafe_markup", "<form>"),
        (14, "unsafe_markup", "<button>"),
    ]
    assert "le texte qu'elle contient est gardé" in problems[0].message and "exécuter" not in problems[0].message
    html = render(body)
    assert "Rappel : salle réservée." in html and "Texte" in html and "piège" in html and "<aside" not in html


def test_task_lists_show_boxes_and_no_other_input_is_possible() -> None:
    html = render("- [ ] Bilan 2026\n- [x] Objectifs 2027\n")
    assert html.count('type="checkbox"') == 2 and html.count('disabled="disabled"') == 2 and html.count("checked") == 1
    assert 'class="task-list-indicator"' in html and "[ ]" not in html
    for markup in (
        '<input type="text" name="motdepasse" value="x">',
        '<input type="submit">',
        "<input>",
        '<input type="image" src="x">',
        '<input id="__drawer" class="md-toggle" data-md-toggle="drawer">',  # one of Material's toggles
    ):
        cleaned = render(markup)
        assert '<input type="checkbox" disabled="disabled">' in cleaned, cleaned
        assert not any(word in cleaned for word in ("name=", "value=", "src=", "submit", "id=", "class=", "data-md"))


def test_check_tells_a_pasted_style_apart_from_markup_that_could_run() -> None:
    body = '<p style="color:#ff0000; FONT-FAMILY: Calibri">Chloé</p>\n\n<p onclick="x()">a</p>\n'
    problems = markup_checker(EXTENSIONS, CONFIGS)("blog/posts/a.md", body, "---\ntitle: T\n---\n" + body)
    assert [(problem.line, problem.code) for problem in problems] == [(4, "style_dropped"), (6, "unsafe_markup")]
    assert "n'est pas reprise sur le site" in problems[0].message and "exécuter" not in problems[0].message


@pytest.mark.parametrize(
    "header",
    [
        '+++\ntitle = "Relance"\ntags = "a, b"\n+++\n',  # TOML
        "---\r\ntitle: Relance\r\ntags: a, b\r\n---\r\n",  # saved on Windows
        "title: Relance\ntags: a, b\n---\n",  # no opening line
        "\n\n---\ntitle: Relance\n---\n\n",  # blank lines around
    ],
)
def test_check_counts_lines_in_the_writers_file_when_the_body_was_repaired(header: str) -> None:
    # The body the check renders has its broken image repaired: it is no longer
    # the end of the file, and the lines must still be the file's own.
    written = "Bonjour,\n\n![capture] (mail.png)\n\nModèle : <script>alert('x')</script>\n\n[CRM](javascript:alert(1))\n"
    repaired = written.replace("] (", "](")
    source = header + written.replace("\n", "\r\n" if "\r" in header else "\n")
    problems = markup_checker(EXTENSIONS, CONFIGS)("a.md", repaired, source)
    lines = source.replace("\r\n", "\n").split("\n")
    expected = [lines.index(next(line for line in lines if "<script>" in line)) + 1, lines.index("[CRM](javascript:alert(1))") + 1]
    assert [problem.line for problem in problems] == expected


def test_check_does_not_point_at_the_header_for_markup_removed_from_the_body() -> None:
    source = '---\ntitle: "<script> dans le titre"\n---\n\nTexte\n\n<script>alert(1)</script>\n'
    body = source.split("---\n", 2)[2]
    assert [problem.line for problem in markup_checker(EXTENSIONS, CONFIGS)("a.md", body, source)] == [7]


def test_check_says_nothing_on_a_clean_article() -> None:
    body = "Texte **gras**, [lien](https://a.fr), ![image](img/a.png){ width=300 }.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    assert markup_checker(EXTENSIONS, CONFIGS)("a.md", body, body) == []


def test_an_extension_that_cannot_load_is_skipped() -> None:
    removed = removed_from_markdown(["pas.une.extension", "attr_list"], {})
    assert [item.markup for item in removed('# T { onclick="x" }')] == ['onclick="x"']


# Cases the former Markdown-level check handled, now cleaned in the HTML: links
# with inline code (Python-Markdown reads code spans first and puts their text
# back in a destination), tags with ">" in quoted values or over several lines.

FORMER_CASES = [
    "Voir [`x`](javascript:alert(1)) ici",
    "[a](`javascript:alert(1)`)",
    "[a](java`script`:alert(1))",
    "[a](<`JavaScript:alert(1)`>)",
    "[a](``data:text/html,x``) fin",
    "Texte [a `b`](vbscript:x).",
    '<img src=x onerror="`alert(1)`">',
    '<div title="x>y" onclick="alert(1)">texte</div>',
    "<p title='a>b' onmouseover=alert(1)>x</p>",
    "Texte\n\n<img\n  src=x\n  alt=y\n  onerror=alert(1)>\n\nFin",
    '<img src=x title="a>b" onerror="alert(1)">',
    "<img src=x " + "a" * 6000 + " onerror=alert(1)>",
    '<span title="' + "a" * 6000 + '" onclick="alert(1)">x</span>',
    "<SCRIPT>alert(1)</SCRIPT>",
]


@pytest.mark.parametrize("source", FORMER_CASES, ids=lambda source: source[:40])
def test_former_cases_are_cleaned_and_reported(source: str) -> None:
    html = render(source)
    assert live_in_html(html, "page") == [] and "javascript:" not in html.lower() and "vbscript:" not in html
    assert [problem.code for problem in markup_checker(EXTENSIONS, CONFIGS)("a.md", source, source)] != []


@pytest.mark.parametrize(
    "source",
    [
        "Code `[x](javascript:alert(1))` ici",
        "Code `<script>alert(1)</script>` ici",
        "[un lien](https://exemple.fr/`a`) et [un autre](page.md)",
        "```\n[x](javascript:alert(1))\n```",
        '<b>gras</b> et <a href="https://a.fr" title="l\'été">lien</a>',
        "si a<b alors",
    ],
)
def test_code_and_harmless_html_are_left_alone(source: str) -> None:
    assert markup_checker(EXTENSIONS, CONFIGS)("a.md", source, source) == []


def test_check_command_reports_removed_markup(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    project = copy_site(tmp_path / "site")
    post = project / "docs/blog/posts/2024-01-02-piege.md"
    post.write_text(
        '---\ntitle: Piège\ndate: 2024-01-02\n---\n\nTexte.\n\n## Section { onclick="alert(1)" }\n\n<script>alert(2)</script>\n',
        encoding="utf-8",
    )
    monkeypatch.chdir(project)
    cli.main(["check", str(post)])
    out = capsys.readouterr().out
    lines = [line for line in out.splitlines() if "n'est pas permis dans un article" in line]
    assert [line.split(":")[1] for line in lines] == ["8", "10"], out
    assert "retiré de la page publiée" in lines[0]


@pytest.mark.parametrize(
    "title",
    [
        'Prix < 100 € & "promo"',
        "<img src=x onerror=alert(1)>",
        "*gras* _it_ `code` [l](x) ~~s~~ ==m== {: .x }",
        "Pourquoi nous sommes le #1",
        "1. Liste",
        "- tiret",
        "# dièse",
        "&amp; déjà",
        "a\\b",
    ],
)
def test_a_title_written_as_markdown_literal_renders_as_typed(title: str) -> None:
    import html

    import markdown

    from articles.text import markdown_literal

    converter = markdown.Markdown(extensions=["attr_list", "toc", "pymdownx.tilde", "pymdownx.mark", "md_in_html"])
    rendered = converter.convert(f"# {markdown_literal(title)}")
    assert rendered.startswith("<h1") and rendered.endswith("</h1>"), rendered
    text = rendered[rendered.index(">") + 1 : -len("</h1>")]
    assert html.unescape(text) == title and "<" not in text
