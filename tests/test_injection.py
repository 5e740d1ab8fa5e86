"""HTML and JavaScript in every metadata field must never become markup.

The real site is built with articles whose every field carries a payload
(``<script>``, ``<img onerror>``, ``"><svg onload>``, ``javascript:`` URLs,
Jinja's ``{{ 7*7 }}``) and with a modified ``.authors.yml``. Each payload
names its field with a number (``alert(101)`` is the title), so a leak says
which field reached which file.

Every file of site/ is read: HTML pages with Python's html.parser (tags and
attributes, not substrings); XML feeds element by element, the text of the
elements that hold HTML (descriptions) parsed again as HTML (feed readers
render it); JSON files (search index, JSON feeds) decoded, every string that
holds HTML parsed as HTML and URL-valued keys checked. Fields that are text
by their format's definition (an RSS title, author or category; a JSON
feed's title, tags and author names) must hold the writer's text exactly as
typed, and their file no markup as written.
"""

from __future__ import annotations

import html
import json
import logging
import re
import xml.etree.ElementTree as ElementTree
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from live_markup import scan_site

from sitebuild import BuildResult, copy_site, run_build

# Field number -> field, as reported.
FIELDS = {
    101: "title",
    102: "description",
    103: "tags",
    104: "categories",
    105: "author (unknown, written in the article)",
    106: "slug",
    107: "cover image (image:)",
    108: "links: (title and URL)",
    109: "unknown key (subtitle:)",
    110: "body link [x](javascript:...)",
    111: "body reference link [x][ref] / [ref]: javascript:...",
    112: "body text",
    113: "title of a second article (French key « titre »)",
    115: 'body HTML with ">" inside a quoted attribute value, or over several lines',
    114: "body links with inline code: [`x`](javascript:...), [a](`javascript:...`), [a](java`script`:...)",
    201: ".authors.yml name",
    202: ".authors.yml description",
    203: ".authors.yml avatar",
    204: ".authors.yml url",
}
# Fields whose payload must be visible somewhere, as text: proof that the
# field was rendered at all (a field shown nowhere cannot leak, nor be tested).
RENDERED = (101, 103, 104, 105, 113, 201)


def markup(number: int) -> str:
    """The markup payload of one field."""
    return (
        f"<script>alert({number})</script> <img src=x onerror=alert({number})> "
        f'"><svg onload=alert({number})> jinja{number}-{{{{ 7*7 }}}}-fin'
    )


def url(number: int) -> str:
    return f"javascript:alert({number})"


def pieces(number: int) -> list[str]:
    """The payload as separate items, for list fields (tags are cut at 60 characters)."""
    return [
        f"<script>alert({number})</script>",
        f"<img src=x onerror=alert({number})>",
        f'"><svg onload=alert({number})>',
        f"jinja{number}-{{{{ 7*7 }}}}-fin",
    ]


def front_matter(data: dict[str, object]) -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n"


FIRST = front_matter(
    {
        "title": markup(101),
        "date": "2021-05-01",
        "description": markup(102),
        "tags": pieces(103),
        "categories": pieces(104),
        "authors": pieces(105) + ["pirate"],
        "slug": markup(106),
        "image": url(107),
        "links": [{markup(108): url(108)}, {"Référence": url(108)}],
        "subtitle": markup(109),
    }
) + (
    f"Premier paragraphe : [un lien]({url(110)}) et [une référence][piege].\n\n"
    f"{markup(112).replace('<', '&lt;')} et jinja112-{{{{ 7*7 }}}}-fin dans le texte.\n\n"
    f"Avec du code : [`x`]({url(114)}), [a](`{url(114)}`) et [b](java`script`:alert(114)).\n\n"
    f'<div title="x>y" onclick="alert(115)">bloc</div>\n\n'
    f"Texte <img src=x title='a>b'\n  alt=y\n  onerror=alert(115)> en ligne.\n\n"
    f"[piege]: {url(111)}\n"
)
SECOND = front_matter({"titre": markup(113), "date": "2021-05-02", "auteur": "pirate", "tags": ["Vente"]}) + "Texte.\n"
# Fidelity: metadata with the characters HTML escapes, shown as typed everywhere.
FAITHFUL = 'Prix < 100 € & "promo"'
AUTHOR = 'Auteur <b> "promo"'
THIRD = (
    front_matter(
        {
            "title": FAITHFUL,
            "date": "2021-05-03",
            "description": f"Résumé : {FAITHFUL}",
            "tags": [FAITHFUL, "Vente"],
            # "&" separates authors ("Anne & Paul"): none in this one.
            "categories": [f"Rubrique {FAITHFUL}"],
            "authors": [AUTHOR],
        }
    )
    + "Premier paragraphe.\n\nSuite.\n"
)
FOURTH = front_matter({"title": "Voisin", "date": "2021-05-04", "tags": [FAITHFUL, "Vente"]}) + "Texte.\n"

AUTHORS = {
    "authors": {
        "amelie": {"name": "Amélie", "description": "Marketing", "avatar": "assets/images/avatar.svg"},
        "pirate": {"name": markup(201), "description": markup(202), "avatar": url(203), "url": url(204)},
    }
}

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "srcset", "content"}
URL_KEYS = {"url", "href", "src", "image", "external_url", "avatar", "banner_image", "link", "location", "id"}
# Text by definition of the format: a reader shows it as text, never as HTML.
XML_TEXT_ELEMENTS = {"title", "author", "category", "managingEditor", "source", "generator", "language"}
JSON_TEXT_KEYS = {"title", "tags", "name"}
_NUMBER = re.compile(r"alert\((\d+)\)|jinja(\d+)-")


@dataclass(frozen=True)
class Leak:
    file: str
    kind: str
    fields: tuple[str, ...]
    snippet: str

    def __str__(self) -> str:
        return f"{self.file}: {self.kind} from {', '.join(self.fields) or 'an unknown field'}: {self.snippet[:160]!r}"


def fields_in(text: str) -> tuple[str, ...]:
    numbers = {int(a or b) for a, b in _NUMBER.findall(text)}
    return tuple(FIELDS.get(number, f"#{number}") for number in sorted(numbers))


class _MarkupChecker(HTMLParser):
    """Collects script elements, event handlers and javascript: URLs."""

    def __init__(self, where: str) -> None:
        super().__init__(convert_charrefs=True)
        self.where = where
        self.leaks: list[Leak] = []
        self._script: list[str] | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and "alert(" in value:
                self.leaks.append(Leak(self.where, f"<{tag} {name}=…> event handler", fields_in(value), self.get_starttag_text() or ""))
            compact = re.sub(r"[\s\x00-\x1f]", "", value).lower()
            if name in URL_ATTRIBUTES and (compact.startswith("javascript:") or ";url=javascript:" in compact):
                self.leaks.append(Leak(self.where, f'<{tag} {name}="javascript:…">', fields_in(value), self.get_starttag_text() or ""))
        if tag == "script":
            self._script = []

    handle_startendtag = handle_starttag

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            body = "".join(self._script)
            if "alert(" in body:
                self.leaks.append(Leak(self.where, "<script> element", fields_in(body), body))
            self._script = None


def check_markup(text: str, where: str) -> list[Leak]:
    """Leaks in ``text`` read as HTML, plus substrings no escaping would leave."""
    checker = _MarkupChecker(where)
    checker.feed(text)
    checker.close()
    leaks = checker.leaks
    if "<script>alert" in text and not any(leak.kind == "<script> element" for leak in leaks):
        index = text.index("<script>alert")
        leaks.append(Leak(where, "literal <script>alert", fields_in(text[index : index + 40]), text[index : index + 80]))
    for found in re.finditer(r"jinja(\d+)-49-fin", text):
        leaks.append(Leak(where, "Jinja evaluated {{ 7*7 }}", fields_in(found.group(0)), found.group(0)))
    return leaks


def _json_strings(value: object, key: str = "") -> list[tuple[str, str]]:
    if isinstance(value, str):
        return [(key, value)]
    if isinstance(value, dict):
        return [item for name, child in value.items() for item in _json_strings(child, str(name))]
    if isinstance(value, list):
        return [item for child in value for item in _json_strings(child, key)]
    return []


def _xml_values(data: bytes, text: str) -> list[tuple[str, str]]:
    """(element, decoded text or attribute value) of a feed or sitemap.

    A feed that is not well-formed XML (see test_feeds_are_well_formed) is
    still read, element by element, with a tolerant pattern.
    """
    try:
        root = ElementTree.fromstring(data)
    except ElementTree.ParseError:
        values = [(found.group(1), html.unescape(found.group(2))) for found in re.finditer(r"<([\w:]+)[^>]*>([^<]*)</\1>", text)]
        values += [("CDATA", found.group(1)) for found in re.finditer(r"<!\[CDATA\[(.*?)\]\]>", text, re.S)]
        values += [("attribute", html.unescape(found.group(1))) for found in re.finditer(r'\w="([^"]*)"', text)]
        return values
    return [(element.tag, value) for element in root.iter() for value in [element.text or "", *element.attrib.values()]]


def scan_file(path: Path, site: Path) -> list[Leak]:
    where = path.relative_to(site).as_posix()
    data = path.read_bytes()
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return []  # images
    leaks: list[Leak] = []
    if path.suffix in (".html", ".htm"):
        leaks += check_markup(text, where)
    elif path.suffix == ".xml":
        leaks += check_markup(text, where)
        for tag, value in _xml_values(data, text):
            if "<" in value and tag.rsplit("}", 1)[-1] not in XML_TEXT_ELEMENTS:
                leaks += [
                    Leak(where, f"{leak.kind} in <{tag}> (decoded)", leak.fields, leak.snippet) for leak in check_markup(value, where)
                ]
            if tag.rsplit("}", 1)[-1] in ("link", "guid", "url", "enclosure", "comments") and value.strip().lower().startswith(
                "javascript:"
            ):
                leaks.append(Leak(where, f"javascript: URL in <{tag}>", fields_in(value), value))
    elif path.suffix == ".json":
        leaks += check_markup(text, where)
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            leaks.append(Leak(where, f"invalid JSON ({error})", fields_in(text), ""))
        else:
            for key, value in _json_strings(document):
                text_only = key in JSON_TEXT_KEYS and path.name != "search_index.json"
                if ("<" in value or "{{" in value or "49" in value) and not text_only:
                    leaks += [
                        Leak(where, f"{leak.kind} in JSON {key!r} (decoded)", leak.fields, leak.snippet)
                        for leak in check_markup(value, where)
                    ]
                if key in URL_KEYS and value.strip().lower().startswith("javascript:"):
                    leaks.append(Leak(where, f"javascript: URL in JSON {key!r}", fields_in(value), value))
    elif path.suffix in (".txt", ".js", ".css", ".svg", ".webmanifest", ".map"):
        if "jinja" in text or "alert(" in text:
            leaks += [leak for leak in check_markup(text, where) if leak.kind.startswith(("literal", "Jinja"))]
    return leaks


# The build ---------------------------------------------------------------------------------


@dataclass
class Scan:
    result: BuildResult
    leaks: list[Leak]
    seen: dict[int, list[str]]  # field number -> files where its payload shows as text


@pytest.fixture(scope="module")
def scan(tmp_path_factory: pytest.TempPathFactory) -> Scan:
    project = copy_site(tmp_path_factory.mktemp("injection"))
    posts = project / "docs/blog/posts"
    (posts / "injection-metadonnees.md").write_text(FIRST, encoding="utf-8")
    (posts / "injection-second-article.md").write_text(SECOND, encoding="utf-8")
    (posts / "fidelite.md").write_text(THIRD, encoding="utf-8")
    (posts / "fidelite-voisin.md").write_text(FOURTH, encoding="utf-8")
    (project / "docs/blog/.authors.yml").write_text(yaml.safe_dump(AUTHORS, allow_unicode=True, sort_keys=False), encoding="utf-8")
    result = run_build(project, strict=False)
    leaks: list[Leak] = []
    seen: dict[int, list[str]] = {number: [] for number in FIELDS}
    if result.site.is_dir():
        for path in sorted(result.site.rglob("*")):
            if not path.is_file():
                continue
            leaks += scan_file(path, result.site)
            text = path.read_bytes().decode("utf-8", errors="replace")
            for number in FIELDS:
                if f"alert({number})" in text or f"jinja{number}-" in text:
                    seen[number].append(path.relative_to(result.site).as_posix())
    return Scan(result, leaks, seen)


def test_build_succeeds(scan: Scan) -> None:
    records = [record.getMessage() for record in scan.result.records]
    assert not scan.result.aborted, "\n".join(scan.result.messages(logging.ERROR)) + "\n" + scan.result.reproduce()
    assert not any("Traceback" in message for message in records)
    assert (scan.result.site / "blog/2021/05/01").is_dir(), scan.result.reproduce()


@pytest.mark.parametrize("number", RENDERED, ids=lambda number: FIELDS[number])
def test_payload_is_rendered_as_text(scan: Scan, number: int) -> None:
    """The field was shown somewhere, so the absence of leaks means something."""
    assert scan.seen[number], f"the payload of {FIELDS[number]} appears in no generated file"


@pytest.mark.parametrize("number", sorted(FIELDS), ids=lambda number: FIELDS[number])
def test_field_does_not_leak(scan: Scan, number: int) -> None:
    field = FIELDS[number]
    leaks = [leak for leak in scan.leaks if field in leak.fields]
    by_file: dict[str, list[str]] = {}
    for leak in leaks:
        by_file.setdefault(leak.file, []).append(f"{leak.kind}: {leak.snippet[:140]!r}")
    report = "\n".join(f"  {file}:\n" + "\n".join(f"    {item}" for item in sorted(set(items))) for file, items in sorted(by_file.items()))
    assert not leaks, f"{field} leaks as markup in {len(by_file)} file(s):\n{report}"


def test_feeds_are_well_formed(scan: Scan) -> None:
    """Feed readers reject a feed that is not XML: whatever the metadata, it must parse."""
    broken = []
    for path in sorted(scan.result.site.glob("*.xml")):
        try:
            ElementTree.parse(path)
        except ElementTree.ParseError as error:
            line, column = error.position
            text = path.read_text(encoding="utf-8").splitlines()[line - 1]
            broken.append(f"{path.name}: {error}: {text[max(column - 60, 0) : column + 40]!r}")
    assert broken == [], "\n".join(broken)


def test_no_unattributed_markup(scan: Scan) -> None:
    """Markup that names no field (the payload was cut, or the site itself)."""
    stray = [str(leak) for leak in scan.leaks if not leak.fields]
    assert stray == [], "\n".join(stray)


def test_checker_sees_markup() -> None:
    """The checker itself: what it must find, and what it must let through."""
    found = check_markup(
        '<p><a href=" JavaScript:alert(110)">x</a><img src=x onerror=alert(101)><script>alert(113)</script>'
        "<svg onload=alert(103)></svg> jinja104-49-fin</p>",
        "sample.html",
    )
    assert {leak.kind.split(" ")[0] for leak in found} == {"<a", "<img", "<script>", "<svg", "Jinja"}
    assert {field for leak in found for field in leak.fields} == {FIELDS[n] for n in (110, 101, 113, 103, 104)}
    assert check_markup("<p>‹script›alert(101)‹/script› &lt;img src=x onerror=alert(101)&gt; jinja101-{{ 7*7 }}-fin</p>", "ok.html") == []


def test_text_fields_of_feeds_hold_the_text_as_typed(scan: Scan) -> None:
    """Fidelity: the title is the writer's text, character for character."""
    feed = json.loads((scan.result.site / "feed_json_created.json").read_text(encoding="utf-8"))
    titles = {item["title"] for item in feed["items"]}
    assert markup(101) in titles, sorted(titles)
    tags = {tag for item in feed["items"] for tag in item.get("tags") or []}
    assert set(pieces(103)[:2]) <= tags, sorted(tags)
    rss = ElementTree.parse(scan.result.site / "feed_rss_created.xml").getroot()
    assert markup(101) in {element.text for element in rss.iter("title")}
    assert pieces(104)[1] in {element.text for element in rss.iter("category")}


class _Text(HTMLParser):
    """The text a reader sees, element by element, and attribute values."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.texts: list[str] = []
        self.attributes: list[str] = []
        self.title: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.attributes += [value for _, value in attrs if value]
        self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        text = " ".join(data.split())
        if text:
            self.texts.append(text)
            if self._in and self._in[-1] == "title":
                self.title.append(text)


def _read(page: Path) -> _Text:
    parser = _Text()
    parser.feed(page.read_text(encoding="utf-8"))
    parser.close()
    return parser


@pytest.mark.parametrize(
    "page",
    [
        "blog/2021/05/03/prix-100-promo/index.html",  # the article: h1, <title>, header, meta description, author, tags
        "blog/index.html",  # blog index: excerpt title, category, author
        "blog/archive/2021/index.html",
        "tags/index.html",
        "index.html",  # the home page's latest articles
        "blog/2021/05/04/voisin/index.html",  # related articles, footer's previous/next
    ],
)
def test_metadata_is_shown_as_typed(scan: Scan, page: str) -> None:
    path = scan.result.site / page
    assert path.is_file(), sorted(str(p.relative_to(scan.result.site)) for p in scan.result.site.glob("blog/2021/05/*/*"))
    text = _read(path)
    shown = [item for item in text.texts if "Prix" in item]
    assert any(FAITHFUL in item for item in shown), f"{page}: {shown}"
    # Escaped once, never twice: no entity is left in what a reader sees.
    doubled = [item for item in text.texts + text.attributes if re.search(r"&(lt|gt|amp|quot|#\d+);", item)]
    assert doubled == [], f"{page}: escaped twice: {doubled[:5]}"


def test_article_head_and_title_are_as_typed(scan: Scan) -> None:
    text = _read(scan.result.site / "blog/2021/05/03/prix-100-promo/index.html")
    assert text.title == [f"{FAITHFUL} - Base de connaissances Ventes & Marketing"]
    assert f"Résumé : {FAITHFUL}" in text.attributes  # <meta name="description">
    assert AUTHOR in text.texts and AUTHOR in text.attributes  # name and avatar's alt
    assert f"Rubrique {FAITHFUL}" in text.texts


def test_category_page_and_search_are_as_typed(scan: Scan) -> None:
    categories = [path for path in scan.result.site.glob("blog/category/*/index.html") if "rubrique" in path.parent.name]
    assert categories, sorted(p.parent.name for p in scan.result.site.glob("blog/category/*/"))
    assert f"Rubrique {FAITHFUL}" in _read(categories[0]).texts
    index = json.loads((scan.result.site / "search/search_index.json").read_text(encoding="utf-8"))
    titles = {html.unescape(doc["title"]) for doc in index["docs"]}  # search shows titles as HTML
    assert FAITHFUL in titles


# Property: payload fragments anywhere in an article never reach a reader live ---------------

PAYLOADS = [
    '{ onclick="alert(1)" }',
    "[x](javascript&colon;alert(1))",
    "[x](jav&#x61;script:alert(1))",
    "[x](java\nscript:alert(1))",
    "[x](javascript:alert((1)))",
    "[x](<javascript:alert(1)>)",
    '[x][r1]\n\n[r1]: javascript:alert(1) "t"',
    "> [r2]: javascript:alert(1)\n\n[y][r2]",
    '> [r3]:\n> "javascript:alert(1)"\n\n[z][r3]',
    "`code` [x](`javascript:alert(1)`)",
    "[b](java`script`:alert(1))",
    "<img src=x onerror=alert(1)>",
    "<script>alert(1)</script>",
    '<a href="javascript:alert(1)">a</a>',
    '<a href=" &#106;avascript:alert(1)">b</a>',
    "<svg onload=alert(1)>",
    '<iframe src="javascript:alert(1)"></iframe>',
    '<pre class="mermaid">graph TD; A-->B</pre>',
    '<div markdown="1" onclick="alert(1)">*x*</div>',
    "<details ontoggle=alert(1) open><summary>s</summary>x</details>",
    "![i](javascript:alert(1))",
    '![i](x.png){ onerror="alert(1)" }',
    '[x](https://ok.example){ href="javascript:alert(1)" }',
    '<form action="javascript:alert(1)"><button>b</button></form>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<div data-md-component="search" style="position:fixed">x</div>',
    "<img src=\"x\" title='a>b'\n  onerror=alert(1)>",
    '<base href="https://pirate.example/">',
]
WRAPPERS = [
    lambda text: text,
    lambda text: "!!! note\n    " + text.replace("\n", "\n    "),
    lambda text: '??? note "Détails"\n    ' + text.replace("\n", "\n    "),
    lambda text: "> " + text.replace("\n", "\n> "),
    lambda text: "- élément\n\n    " + text.replace("\n", "\n    "),
    lambda text: "## Titre " + text.replace("\n", " "),
    lambda text: "| a | b |\n|---|---|\n| " + text.replace("\n", " ") + " | c |",
    lambda text: "<div markdown>\n" + text + "\n</div>",
    lambda text: "Texte avant " + text + " texte après.",
    # A paragraph pasted from Word, tab in front: shown as a paragraph.
    lambda text: "\tUn paragraphe collé avec " + text.replace("\n", " ") + " et la suite.",
]
PIECES = st.lists(st.tuples(st.sampled_from(PAYLOADS), st.sampled_from(range(len(WRAPPERS)))), min_size=1, max_size=6)


@pytest.fixture(scope="module")
def property_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = copy_site(tmp_path_factory.mktemp("propriete"))
    return project


# Each example is a build of the site (seconds): few examples, and no
# shrinking (the failure message shows the whole article body).
@settings(
    max_examples=25,
    deadline=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate],
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(pieces=PIECES, in_guide=st.booleans())
def test_payloads_anywhere_are_never_live(property_site: Path, pieces: list[tuple[str, int]], in_guide: bool) -> None:
    body = "\n\n".join(WRAPPERS[wrapper](payload) for payload, wrapper in pieces)
    # The first paragraph is the excerpt the blog index, archive and feeds repeat.
    article = front_matter({"title": "Propriété", "date": "2021-06-01"}) + body + "\n\nDernier paragraphe.\n"
    (property_site / "docs/blog/posts/propriete.md").write_text(article, encoding="utf-8")
    guide = property_site / "docs/guide/propriete.md"
    if in_guide:
        guide.write_text("# Page du guide\n\n" + body + "\n", encoding="utf-8")
    elif guide.exists():
        guide.unlink()
    result = run_build(property_site, strict=False)
    assert not result.aborted, "\n".join(result.messages(logging.ERROR)) + "\n" + result.reproduce()
    live = scan_site(result.site)
    assert live == [], f"article body:\n{body}\n\nlive markup:\n" + "\n".join(live) + "\n" + result.reproduce()


# The theme overrides that escape metadata stay Material's templates -------------------------

MATERIAL = Path(__import__("material").__file__).parent / "templates"
ESCAPING_OVERRIDES = [
    "partials/header.html",
    "partials/content.html",
    "partials/footer.html",
    "partials/tags.html",
    "fragments/tags/default/tag.html",
    "partials/post.html",
    "blog-post.html",
    "partials/nav-item.html",
    "partials/tabs-item.html",
    "partials/path-item.html",
    "partials/source-file.html",
]
_OVERRIDES = Path(__file__).resolve().parent.parent / "overrides"


def _without_escapes(text: str) -> str:
    text = re.sub(r"\{#-.*?-#\}\n", "", text, count=1, flags=re.S)  # the header comment
    text = text.replace(" | e }}", " }}").replace(" | e -}}", " -}}").replace(" | e)", ")")
    return text.replace("true) }}", "true)}}")  # content.html's title, spaced once escaped


@pytest.mark.parametrize("name", ESCAPING_OVERRIDES)
def test_escaping_override_is_materials_template_plus_escapes(name: str) -> None:
    """A Material upgrade that changes one of these templates fails here:
    copy its new version and add the escapes again (| e on metadata)."""
    override = (_OVERRIDES / name).read_text(encoding="utf-8")
    original = (MATERIAL / name).read_text(encoding="utf-8")
    assert " | e " in override
    assert _without_escapes(override) == _without_escapes(original)


def test_escaping_blocks_of_main_are_materials_blocks_plus_escapes() -> None:
    main = (_OVERRIDES / "main.html").read_text(encoding="utf-8")
    base = (MATERIAL / "base.html").read_text(encoding="utf-8")
    for block in ("site_meta",):
        ours = re.search(rf"{{% block {block} %}}(.*?){{% endblock %}}", main, re.S).group(1)
        theirs = re.search(rf"{{% block {block} %}}(.*?){{% endblock %}}", base, re.S).group(1)
        assert " ".join(_without_escapes(ours).split()) == " ".join(_without_escapes(theirs).split())
    title = re.search(r"{% block htmltitle %}(.*?){% endblock %}", main, re.S).group(1)
    theirs = re.search(r"{% block htmltitle %}(.*?){% endblock %}", base, re.S).group(1)
    assert " ".join(_without_escapes(title).replace("{%-", "{%").split()) == " ".join(_without_escapes(theirs).split())


def test_build_warns_on_each_removed_piece_on_its_line(scan: Scan) -> None:
    """In French, naming the writer's file and a line that holds what was removed."""
    source = (scan.result.project / "docs/blog/posts/injection-metadonnees.md").read_text(encoding="utf-8").splitlines()
    found = [
        re.match(r".*docs/blog/posts/injection-metadonnees\.md:(\d+) : « (.*?) » n'est pas permis", message)
        for message in scan.result.messages(logging.WARNING)
    ]
    found = [match for match in found if match]
    assert len(found) >= 5, scan.result.messages(logging.WARNING)
    for match in found:
        line = source[int(match.group(1)) - 1]
        name, _, value = match.group(2).partition("=")
        assert any(part and part in line for part in (name, value.strip('"').partition(":")[2])), (match.group(0), line)


@pytest.mark.parametrize(
    "name",
    ['x"><img src=x onerror=alert(9)>.md', "y' onmouseover='alert(8)'.md", "z<svg onload=alert(7)>.md"],
)
def test_a_file_name_cannot_open_markup_in_the_edit_link(tmp_path: Path, name: str) -> None:
    # MkDocs builds "edit this page" from the file name, which a writer chooses.
    project = copy_site(tmp_path / "site")
    (project / "docs/blog/posts" / name).write_text("---\ntitle: Nom piégé\ndate: 2024-02-02\n---\n\nTexte.\n", encoding="utf-8")
    result = run_build(project)
    assert not result.aborted, result.reproduce()
    page = result.page("blog/2024/02/02/nom-piege/index.html")
    assert not scan_site(result.site), result.reproduce()
    edit = re.search(r'<a href="(?P<url>[^"]*/edit/main/docs/blog/posts/[^"]*)" title="', page)
    assert edit is not None and not set("<>'\" ") & set(edit.group("url")), result.reproduce()


def test_hostile_authors_file_stays_inert(tmp_path: Path) -> None:
    # .authors.yml is edited by writers: its avatar and link reach attributes Material prints unescaped.
    project = copy_site(tmp_path / "site")
    with (project / "docs/blog/.authors.yml").open("a", encoding="utf-8") as authors:
        authors.write(
            "  pirate:\n"
            "    name: '\"><img src=x onerror=alert(11)>'\n"
            "    description: '<script>alert(12)</script> & \"co\"'\n"
            "    avatar: 'x\" onerror=\"alert(13)'\n"
            "    url: 'https://example.org/\" onmouseover=\"alert(14)'\n"
        )
    (project / "docs/blog/posts/pirate.md").write_text(
        "---\ntitle: Par le pirate\ndate: 2024-03-03\nauteur: pirate\n---\n\nTexte.\n", encoding="utf-8"
    )
    result = run_build(project)
    assert not result.aborted, result.reproduce()
    assert not scan_site(result.site), result.reproduce()
    assert "&lt;img src=x onerror=alert(11)&gt;" in result.page("blog/2024/03/03/par-le-pirate/index.html"), result.reproduce()
