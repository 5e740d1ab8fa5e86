"""HTML and JavaScript in every metadata field must never become markup.

The real site is built with articles whose every field carries a payload
(``<script>``, ``<img onerror>``, ``"><svg onload>``, ``javascript:`` URLs,
Jinja's ``{{ 7*7 }}``) and with a modified ``.authors.yml``. Each payload
names its field with a number (``alert(101)`` is the title), so a leak says
which field reached which file.

Every file of site/ is read: HTML pages with Python's html.parser (tags and
attributes, not substrings); XML feeds element by element, their text parsed
again as HTML (feed readers render it); JSON files (search index, JSON feeds)
decoded, every string parsed as HTML and URL-valued keys checked.
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
    115: "body HTML with \">\" inside a quoted attribute value, or over several lines",
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
    return (f"<script>alert({number})</script> <img src=x onerror=alert({number})> "
            f"\"><svg onload=alert({number})> jinja{number}-{{{{ 7*7 }}}}-fin")


def url(number: int) -> str:
    return f"javascript:alert({number})"


def pieces(number: int) -> list[str]:
    """The payload as separate items, for list fields (tags are cut at 60 characters)."""
    return [f"<script>alert({number})</script>", f"<img src=x onerror=alert({number})>",
            f"\"><svg onload=alert({number})>", f"jinja{number}-{{{{ 7*7 }}}}-fin"]


def front_matter(data: dict[str, object]) -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=1000) + "---\n\n"


FIRST = front_matter({
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
}) + (
    f"Premier paragraphe : [un lien]({url(110)}) et [une référence][piege].\n\n"
    f"{markup(112).replace('<', '&lt;')} et jinja112-{{{{ 7*7 }}}}-fin dans le texte.\n\n"
    f"Avec du code : [`x`]({url(114)}), [a](`{url(114)}`) et [b](java`script`:alert(114)).\n\n"
    f"<div title=\"x>y\" onclick=\"alert(115)\">bloc</div>\n\n"
    f"Texte <img src=x title='a>b'\n  alt=y\n  onerror=alert(115)> en ligne.\n\n"
    f"[piege]: {url(111)}\n"
)
SECOND = front_matter({"titre": markup(113), "date": "2021-05-02", "auteur": "pirate", "tags": ["Vente"]}) + "Texte.\n"

AUTHORS = {
    "authors": {
        "amelie": {"name": "Amélie", "description": "Marketing", "avatar": "assets/images/avatar.svg"},
        "pirate": {"name": markup(201), "description": markup(202), "avatar": url(203), "url": url(204)},
    }
}

URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "poster", "data", "background", "srcset", "content"}
URL_KEYS = {"url", "href", "src", "image", "external_url", "avatar", "banner_image", "link", "location", "id"}
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
        values = [(found.group(1), html.unescape(found.group(2)))
                  for found in re.finditer(r"<([\w:]+)[^>]*>([^<]*)</\1>", text)]
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
            if "<" in value:
                leaks += [Leak(where, f"{leak.kind} in <{tag}> (decoded)", leak.fields, leak.snippet)
                          for leak in check_markup(value, where)]
            if tag.rsplit("}", 1)[-1] in ("link", "guid", "url", "enclosure", "comments") and value.strip().lower().startswith("javascript:"):
                leaks.append(Leak(where, f"javascript: URL in <{tag}>", fields_in(value), value))
    elif path.suffix == ".json":
        leaks += check_markup(text, where)
        try:
            document = json.loads(text)
        except json.JSONDecodeError as error:
            leaks.append(Leak(where, f"invalid JSON ({error})", fields_in(text), ""))
        else:
            for key, value in _json_strings(document):
                if "<" in value or "{{" in value or "49" in value:
                    leaks += [Leak(where, f"{leak.kind} in JSON {key!r} (decoded)", leak.fields, leak.snippet)
                              for leak in check_markup(value, where)]
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
        "<svg onload=alert(103)></svg> jinja104-49-fin</p>", "sample.html")
    assert {leak.kind.split(" ")[0] for leak in found} == {'<a', "<img", "<script>", "<svg", "Jinja"}
    assert {field for leak in found for field in leak.fields} == {FIELDS[n] for n in (110, 101, 113, 103, 104)}
    assert check_markup("<p>‹script›alert(101)‹/script› &lt;img src=x onerror=alert(101)&gt; jinja101-{{ 7*7 }}-fin</p>", "ok.html") == []
