"""Scan a built site for markup that could run in a reader's browser.

Every published file is read as a browser (HTML), a feed reader (the HTML
inside RSS descriptions and JSON feed items) or Material's search (the HTML
of the index entries) would read it; the other JSON files must hold no
markup as written.
"""

from __future__ import annotations

import html
import json
import re
import xml.etree.ElementTree as ElementTree
from html.parser import HTMLParser
from pathlib import Path

_SCHEME = re.compile(r"^\s*([a-z][a-z0-9+.-]*):", re.I)
# What a browser removes from a URL before reading its scheme (WHATWG URL).
_IGNORED = re.compile(r"[\t\n\r]")
_EDGES = "\x00\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f "
_URL_ATTRIBUTES = {"href", "src", "action", "formaction", "xlink:href", "data", "poster", "srcset", "cite"}
_SAFE_SCHEMES = {"http", "https", "mailto", "tel"}


class _Live(HTMLParser):
    def __init__(self, where: str, own_scripts: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.where, self.own_scripts = where, own_scripts
        self.found: list[str] = []
        self.in_script = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            value = value or ""
            if name.startswith("on"):
                self.found.append(f"{self.where}: <{tag} {name}={value!r}>")
            if name in _URL_ATTRIBUTES:
                scheme = _SCHEME.match(_IGNORED.sub("", value).strip(_EDGES))
                if scheme and scheme.group(1).lower() not in _SAFE_SCHEMES:
                    self.found.append(f"{self.where}: <{tag} {name}={value!r}>")
            if name == "class" and "mermaid" in value.split():
                self.found.append(f"{self.where}: <{tag} class=mermaid>")
            if name.startswith("data-md-") and not self.own_scripts:
                self.found.append(f"{self.where}: <{tag} {name}>")
            if name == "style" and not self.own_scripts:
                self.found.append(f"{self.where}: <{tag} style={value!r}>")
        if tag in {"script", "iframe", "object", "embed", "form", "base", "meta", "link", "style", "svg", "math"}:
            if not self.own_scripts:
                self.found.append(f"{self.where}: <{tag}>")
            elif tag == "script":
                self.in_script = True
        # Never on a page of the site (Material's search form has no action).
        if self.own_scripts and (
            tag in {"iframe", "object", "embed", "base"} or (tag == "form" and any(name == "action" for name, _ in attrs))
        ):
            self.found.append(f"{self.where}: <{tag}>")

    def handle_endtag(self, tag: str) -> None:
        if tag == "script":
            self.in_script = False

    def handle_data(self, data: str) -> None:
        if self.in_script and "alert(" in data:
            self.found.append(f"{self.where}: script {data[:80]!r}")


def live_in_html(text: str, where: str, *, own_scripts: bool = False) -> list[str]:
    """Live markup in ``text``; a page of the site (``own_scripts``) may hold
    the site's scripts, styles and Material's ``data-md-*`` attributes."""
    parser = _Live(where, own_scripts)
    parser.feed(text)
    parser.close()
    return parser.found


def scan_site(site: Path) -> list[str]:
    """Every piece of live markup in the built site, with where it is."""
    found: list[str] = []
    for path in sorted(site.rglob("*")):
        if not path.is_file():
            continue
        where = str(path.relative_to(site))
        if path.suffix == ".html":
            found += live_in_html(path.read_text(encoding="utf-8"), where, own_scripts=True)
        elif path.suffix == ".svg":
            # The site's own images: no script, no event attribute, no link out.
            text = path.read_text(encoding="utf-8", errors="replace")
            found += [item for item in live_in_html(text, where, own_scripts=True)]
            if "<script" in text.lower():
                found.append(f"{where}: <script>")
        elif path.suffix == ".xml" and path.name != "sitemap.xml":
            root = ElementTree.fromstring(path.read_bytes())  # well-formed, or the test fails
            # Descriptions are HTML for feed readers; titles, authors and
            # categories are text by RSS's definition.
            for element in root.iter("description"):
                found += live_in_html(element.text or "", f"{where} <description>")
        elif path.suffix == ".json":
            raw = path.read_text(encoding="utf-8")
            data = json.loads(raw)
            if path.name != "search_index.json" and "<" in raw:
                found.append(f"{where}: markup written as is in a JSON file")
            if not isinstance(data, dict):
                # The search's passages: texts, escaped (no "<" above).
                continue
            for item in data.get("items") or []:
                found += live_in_html(item.get("content_html") or "", f"{where} content_html")
            for entry in data.get("docs") or []:
                for key in ("title", "text"):
                    found += live_in_html(entry.get(key) or "", f"{where} {entry.get('location')} {key}")
                for tag in entry.get("tags") or []:
                    found += live_in_html(tag, f"{where} {entry.get('location')} tags")
    return found


def displayed(text: str) -> str:
    """HTML text as a reader sees it (tags left out, entities decoded)."""
    return html.unescape(re.sub(r"<[^>]*>", "", text))
