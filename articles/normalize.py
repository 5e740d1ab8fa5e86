"""Normalise one article, or a whole collection of them.

``normalize_article`` reads a file's text and returns the canonical front
matter, the repaired Markdown and the problems found, each with a line and a
message for the writer. It never raises on bad input: errors are problems.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import posixpath
import re
import reprlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import yaml

from articles import dates, frontmatter, limits, links, markdown, publication
from articles.authors import AuthorRegistry, author_id_for_unknown, name_of_handle, split_authors
from articles.blog import BlogSettings
from articles.keys import canonical_key, is_mail_field, is_mail_subject, publication_key_guess
from articles.problems import Problem, Severity, make_problem
from articles.readtime import parse_readtime
from articles.slugs import slugify
from articles.tags import MAX_TAG_LENGTH, TermRegistry, dedupe, split_terms, term_key
from articles.text import collapse_spaces, edit_distance, fold, plain_text

# Formatting tags pasted into a title, whole (« <b> », « </span> », « <br/> »).
_TITLE_FORMATTING = re.compile(
    r"</?(b|strong|i|em|u|s|strike|del|ins|mark|small|big|sup|sub|span|font|a|abbr|code|br)(?:\s[^<>]*)?/?>", re.IGNORECASE
)

# Markdown's marks around words in a title: Google Docs writes every heading
# « # **Compte rendu** ». Only marks that open and close around words, so
# « 2*3 », « mot_clé » and a lone « * » stay.
_TITLE_EMPHASIS = re.compile(r"(?<![\w*_~=`])(\*\*\*|___|\*\*|__|~~|==|\*|_|`)(?=[^\s*_~=`])(.+?)(?<=[^\s\\])\1(?![\w*_~=`])")

# Order of the canonical keys in a normalised front matter.
CANONICAL_ORDER = ("title", "date", "authors", "categories", "tags", "readtime", "description", "image", "draft", "slug")
MAX_TERMS = 50
# Keys MkDocs and Material read to build the page itself: a writer's value
# could crash the build (`template`) or put a script link in it (`links`).
RESERVED_KEYS = {"template", "links"}
# Unknown values nested deeper than this are not kept (YAML writers do not
# need it, and the copy handed to MkDocs would be read recursively).
MAX_DEPTH = 20
MAX_TEXT_LENGTH = 500


@dataclass
class SiteContext:
    """What the core needs to know about the site around an article."""

    authors: AuthorRegistry = field(default_factory=AuthorRegistry)
    tags: TermRegistry = field(default_factory=TermRegistry)
    categories: TermRegistry = field(default_factory=TermRegistry)
    # Docs-relative path -> whether that file exists; None skips the image check.
    asset_exists: Callable[[str], bool] | None = None
    # The blog plugin's settings (mkdocs.yml): excerpt separator, addresses.
    blog: BlogSettings = field(default_factory=BlogSettings)
    # The day against which future dates are held back; None: today in Paris.
    today: dt.date | None = None
    # Every docs-relative file of the site; None skips the links' check.
    site_files: frozenset[str] | None = None
    links: links.LinkIndex | None = None  # built by normalize_collection

    def add_site_file(self, path: str) -> None:
        """A file added to the site since the context was made (the fast
        preview of ``mkdocs serve``): images and links then find it."""
        if self.site_files is not None:
            self.site_files = self.site_files | {path}
        if self.links is not None:
            self.links = dataclasses.replace(self.links, files=self.links.files | {path})
        found_before = self.asset_exists
        if found_before is not None:
            self.asset_exists = lambda candidate: candidate == path or found_before(candidate)


@dataclass
class Article:
    path: str  # docs-relative, with forward slashes
    meta: dict[str, Any]
    body: str  # canonical body: the writer's text with broken markup repaired
    problems: list[Problem]
    # What the site renders: missing images replaced by a placeholder, and an
    # excerpt separator so that listing pages show excerpts.
    build_body: str = ""
    # Authors missing from .authors.yml: id -> name as written.
    unknown_authors: dict[str, str] = field(default_factory=dict)
    # Topics and rubriques missing from the taxonomy as this article writes
    # them: "tags" or "categories" -> folded form -> spelling (the site shows
    # the first article's, in path order).
    term_spellings: dict[str, dict[str, str]] = field(default_factory=dict)
    key_lines: dict[str, int] = field(default_factory=dict)

    @property
    def ok(self) -> bool:
        return not any(problem.severity is Severity.ERROR for problem in self.problems)

    @property
    def is_draft(self) -> bool:
        return bool(self.meta.get("draft"))

    def url_key(self, blog: BlogSettings | None = None) -> str | None:
        """The post's address below the blog's folder, as the blog plugin
        computes it with ``blog``'s settings: unique among posts."""
        date, slug = self.meta.get("date"), self.meta.get("slug")
        if date is None or slug is None:
            return None
        return (blog or BlogSettings()).post_address(date, slug, self.meta.get("categories") or [], self.path)

    def to_markdown(self, *, for_build: bool = True) -> str:
        """The article as a Markdown file with a canonical YAML front matter."""
        front = _front_matter_text(self.meta)
        body = self.build_body if for_build else self.body
        # The body is written as it was after the closing delimiter, so that
        # reading the result back gives the same body.
        return f"---\n{front}---\n{body}"


# libyaml's emitter when PyYAML has it: the pure-Python one is the slowest
# step of writing an article's copy.
_Dumper = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def _front_matter_text(meta: dict[str, Any]) -> str:
    """``meta`` as YAML, keys in their order: dates as YAML dates, and text
    YAML would read as something else (a number, a date, null) quoted."""
    if not meta:
        return ""
    return yaml.dump(_plain(meta), Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=1000)


def _plain(value: Any, memo: dict[int, Any] | None = None) -> Any:
    # safe_dump writes dates and datetimes in ISO form, which YAML reads back.
    # A value the writer repeated with YAML aliases stays one shared object,
    # written once with an anchor: an alias bomb is never expanded.
    memo = {} if memo is None else memo
    if id(value) in memo:
        return memo[id(value)]
    if isinstance(value, dict):
        copy: Any = {}
        memo[id(value)] = copy
        copy.update({_writable(str(key)): _plain(item, memo) for key, item in value.items()})
        return copy
    if isinstance(value, (list, tuple)):
        copy = []
        memo[id(value)] = copy
        copy.extend(_plain(item, memo) for item in value)
        return copy
    if isinstance(value, str):
        return _writable(value)
    return value


def _writable(text: str) -> str:
    r"""TEXT as YAML can write it and read it back the same.

    NEL, U+2028 and U+2029 are written as they are and read back as line
    breaks: they become "\n" (what PyYAML writes for one). "\ud800" in a
    quoted YAML value reads as half a character, which no UTF-8 file can
    hold: pairs become their character, a lone half U+FFFD.
    """
    if "\x85" in text or "\u2028" in text or "\u2029" in text:
        text = text.translate(_LINE_SEPARATORS)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    return text


_LINE_SEPARATORS = str.maketrans({"\x85": "\n", "\u2028": "\n", "\u2029": "\n"})


def decode(raw: bytes | str, path: str) -> tuple[str | None, list[Problem]]:
    """Text of a file; binary content is an error, Windows-1252 a warning."""
    if isinstance(raw, str):
        return raw, []
    if b"\x00" in raw[:8192]:
        return None, [make_problem("binary_file", path)]
    try:
        return raw.decode("utf-8-sig"), []
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        return raw.decode("cp1252", errors="replace"), [make_problem("not_utf8", path, line)]


def normalize_article(path: str, raw: bytes | str, context: SiteContext | None = None) -> Article:
    """Normalise one article. ``path`` is docs-relative (``blog/posts/x.md``)."""
    context = context or SiteContext()
    text, problems = decode(raw, path)
    if text is None:
        return Article(path=path, meta={}, body="", problems=problems)
    text = frontmatter.normalise_newlines(text)
    exceeded = limits.check(text)  # before anything reads the text
    if exceeded is not None:
        problems.append(make_problem(exceeded.code, path, exceeded.line, **exceeded.values))
        return Article(path=path, meta={}, body=text, problems=problems)
    try:
        front = frontmatter.parse(text)
    except frontmatter.FrontMatterError as error:
        problems.append(make_problem(error.code, path, error.line, **error.values))
        return Article(path=path, meta={}, body=text, problems=problems)
    builder = _ArticleBuilder(path, front, context, problems)
    return builder.build()


class _ArticleBuilder:
    def __init__(self, path: str, front: frontmatter.FrontMatter, context: SiteContext, problems: list[Problem]) -> None:
        self.path = path
        self.front = front
        self.context = context
        self.problems = problems
        self.meta: dict[str, Any] = {}
        self.lines: dict[str, int] = {}
        # Canonical key -> the name the writer gave it.
        self.names: dict[str, str] = {}
        self.unknown_authors: dict[str, str] = {}
        self.term_spellings: dict[str, dict[str, str]] = {}
        # (key as written, canonical key, value, line) of each publication field.
        self.flags: list[tuple[str, str, Any, int | None]] = []

    def report(self, code: str, line: int | None = None, **values: object) -> None:
        self.problems.append(make_problem(code, self.path, line, **values))

    def build(self) -> Article:
        front = self.front
        for code, line, values in front.repairs:
            self.report(code, line, **values)
        for key, line in front.duplicate_keys:
            self.report("duplicate_key", line, key=key)
        raw_values = self._collect_keys()

        prepared = markdown.prepare_body(
            front.body, self.path, self.context.asset_exists, self.context.links, self.context.blog.post_excerpt_separator
        )
        body, build_body = prepared.body, prepared.build_body
        for issue in prepared.issues:
            self.report(issue.code, front.body_line + issue.line - 1, **issue.values)

        self.meta["title"] = self._title(raw_values.get("title"), body)
        body, build_body = self._headings_below_title(body, build_body)
        self.meta["date"] = self._date(raw_values.get("date"), self._published_date())
        authors = self._authors(raw_values.get("authors"))
        if authors:
            self.meta["authors"] = authors
        for key, registry in (("categories", self.context.categories), ("tags", self.context.tags)):
            terms = self._terms(key, raw_values.get(key), registry)
            if terms:
                self.meta[key] = terms
        readtime = self._readtime(raw_values.get("readtime"))
        if readtime is not None:
            self.meta["readtime"] = readtime
        description = self._text("description", raw_values.get("description"))
        if description:
            self.meta["description"] = description
        image = self._image(raw_values.get("image"))
        if image:
            self.meta["image"] = image
        if self._held_back(self.meta["date"]):
            self.meta["draft"] = True
        self.meta["slug"] = self._slug(raw_values.get("slug"))
        if self.meta["date"] is None:
            del self.meta["date"]
        # Fields the core does not use never reach the templates (a theme
        # prints some of them as they are): they were reported and are left out.

        return Article(
            path=self.path,
            meta=self.meta,
            body=body,
            build_body=build_body,
            problems=self.problems,
            unknown_authors=self.unknown_authors,
            term_spellings=self.term_spellings,
            key_lines=self.lines,
        )

    # Keys ------------------------------------------------------------------

    def _collect_keys(self) -> dict[str, Any]:
        values: dict[str, Any] = {}
        for key, value in self.front.data.items():
            line = self.front.key_lines.get(key)
            canonical, typo = canonical_key(key)
            if canonical is None:
                canonical = publication_key_guess(key)
                typo = canonical is not None
            if canonical is None:
                if key.strip().casefold() in RESERVED_KEYS:
                    self.report("key_reserved", line, key=key)
                elif is_mail_field(key):
                    self.report("mail_field_unused", line, key=key)
                elif _depth(value) > MAX_DEPTH:
                    self.report("value_too_deep", line, key=key)
                else:
                    self.report("key_unused", line, key=_shorten(key))
                continue
            if typo:
                self.report("key_typo", line, key=key, canonical=canonical)
            elif key != canonical:
                self.report("key_alias", line, key=key, canonical=canonical)
            if canonical in publication.FLAG_KEYS:
                # Every field that may say "do not publish" counts, however
                # many there are (statut and post_status...).
                self.flags.append((key, canonical, value, line))
                self.lines.setdefault(canonical, line)
                continue
            if canonical in values:
                if canonical in ("authors", "categories", "tags"):
                    values[canonical] = _as_list(values[canonical]) + _as_list(value)
                else:
                    self.report("key_repeated", line, key=key, canonical=canonical)
                continue
            values[canonical] = value
            self.lines[canonical] = line
            self.names[canonical] = key
        return values

    def line_of(self, canonical: str) -> int | None:
        return self.lines.get(canonical)

    # Fields ----------------------------------------------------------------

    def _title(self, value: object, body: str) -> str:
        if value is not None and not isinstance(value, (dict, list)):
            title = self._without_formatting(plain_text(collapse_spaces(str(value))), self.line_of("title"))
            if is_mail_subject(self.names.get("title", "")):
                title = self._without_reply_prefix(title)
            if title:
                return _capitalise(_cut(title, MAX_TEXT_LENGTH))
        if value is not None:
            self.report("title_unreadable", self.line_of("title"))
        in_file = markdown.first_heading_line(self.front.body)  # the heading's line in the writer's file
        line = self.front.body_line + in_file[0] if in_file is not None else None
        heading = self._without_formatting(plain_text(collapse_spaces(markdown.first_heading(body) or "")), line, markdown_marks=True)
        if heading:
            return _capitalise(_cut(heading, MAX_TEXT_LENGTH))
        stem = posixpath.splitext(posixpath.basename(self.path))[0]
        stem = dates.FILE_NAME_PREFIX.sub("", stem)
        title = plain_text(collapse_spaces(re.sub(r"[-_]+", " ", stem))) or "Sans titre"
        self.report("title_from_file_name", None, title=title)
        return _capitalise(title)

    def _headings_below_title(self, body: str, build_body: str) -> tuple[str, str]:
        """Both bodies with their headings one level down when a level-1
        heading is not the title (``markdown.headings_below_title``)."""
        title = _heading_key(self.meta["title"])

        def is_title(heading: str) -> bool:  # a typo or a stray mark apart (« Partenariat avec | la CCI »)
            return edit_distance(_heading_key(heading), title, _TITLE_TYPOS) <= _TITLE_TYPOS

        moved = markdown.headings_below_title(self.front.body, is_title)[1]  # the line in the writer's file
        if moved is None:
            return body, build_body
        heading = self.front.body.split("\n")[moved].strip()
        self.report("headings_below_title", self.front.body_line + moved, heading=_shorten(heading), title=self.meta["title"])
        return markdown.headings_below_title(body, is_title)[0], markdown.headings_below_title(build_body, is_title)[0]

    def _without_reply_prefix(self, subject: str) -> str:
        """An e-mail's subject without what the e-mail program put before it
        (« RE: », « TR : », « Fwd: »): never part of an article's title."""
        found = _REPLY_PREFIX.match(subject)
        if found is None or found.end() == len(subject):
            return subject
        self.report("title_mail_prefix", self.line_of("title"), prefix=found.group(0).strip())
        return subject[found.end() :]

    def _without_formatting(self, title: str, line: int | None, *, markdown_marks: bool = False) -> str:
        """TITLE without the formatting tags a paste from WordPress or Word
        leaves in it (« <b>Soldes</b> d'hiver »): a title is shown as plain
        text, its tags would show as typed, and its address would spell them.
        Any other « < » stays (« Prix < 10 € »). With ``markdown_marks`` (a title
        taken from a heading, where Markdown made them bold or italic),
        Markdown's marks around words go too; a header's title is text as
        typed, « *Ventes* » included."""
        marks = [found.group(1) for found in _TITLE_EMPHASIS.finditer(title)] if markdown_marks else []
        tags = _TITLE_FORMATTING.findall(title)
        if not tags and not marks:
            return title
        shown = [*(f"<{tag.casefold()}>" for tag in tags), *marks]
        self.report("title_markup", line, tags=", ".join(dict.fromkeys(shown)))
        for _ in range(3 if marks else 0):  # « ***Soldes*** »: marks inside marks
            title = _TITLE_EMPHASIS.sub(r"\2", title)
        return collapse_spaces(_TITLE_FORMATTING.sub(lambda found: " " if found.group(1).casefold() == "br" else "", title))

    def _date(self, value: object, published: object) -> dt.date | None:
        line = self.line_of("date")
        if value is None and published is not None:
            value, line = published, self.line_of("published")
        if isinstance(value, dict):
            # Material's own form: date: {created: ..., updated: ...}
            value = value.get("created", value.get("publié", value.get("publie")))
        if value is not None:
            try:
                date, how = dates.read_date(value)
            except dates.DateError as error:
                meant = dates.relative_day(str(value), self.context.today or site_today()) if error.code == "date_relative" else None
                self.report(error.code, line, value=_shorten(value), **({"date": f"{meant:%d/%m/%Y}"} if meant else {}))
                return None
            if how is not None:
                self.report(how, line, value=_shorten(value), date=french_date(date))
            return date
        name = posixpath.basename(self.path)
        from_name = dates.read_file_name_date(name)
        if from_name is not None:
            date, how = from_name
            self.report("date_from_file_name", None, date=date.isoformat())
            if how is not None:
                prefix = dates.FILE_NAME_PREFIX.match(name)
                self.report(how, None, value=prefix.group().strip("-_. ") if prefix else name, date=french_date(date))
            return date
        # No line holds the missing date: point at the top of the file.
        self.report("date_missing", 1)
        return None

    def _authors(self, value: object) -> list[str]:
        line = self.line_of("authors")
        ids: list[str] = []
        for name in split_authors(value):
            name = plain_text(_cut(name, MAX_TEXT_LENGTH))
            address = _AUTHOR_ADDRESS.search(name)
            if address is not None and address.start() > 0:  # « Marie Durand <marie.durand@…> »
                self.report("author_address_left_out", line, name=name[: address.start()].strip(), address=address.group(1))
                name = collapse_spaces(name[: address.start()] + name[address.end() :])
            shown = name_of_handle(name)
            if shown is not None:
                if name.startswith("@"):
                    self.report("author_mention_read", line, written=name, name=shown)
                else:
                    self.report("author_address_left_out", line, name=shown, address=name)
                name = shown
            if not name:  # control characters alone
                continue
            author_id = self.context.authors.find(name)
            if author_id is None:
                author_id = author_id_for_unknown(name)
                self.unknown_authors.setdefault(author_id, name)
                suggestions = self.context.authors.suggestions(name)
                if suggestions:
                    self.report("author_unknown_close", line, name=name, suggestions=", ".join(suggestions))
                else:
                    self.report("author_unknown", line, name=name)
            if author_id not in ids:
                ids.append(author_id)
        return ids

    def _terms(self, key: str, value: object, registry: TermRegistry) -> list[str]:
        line = self.line_of(key)
        if isinstance(value, dict) or (isinstance(value, (list, tuple)) and any(isinstance(item, (dict, list, tuple)) for item in value)):
            self.report("terms_nested", line, key=key)
        # A term made of control characters alone is no term once they are gone.
        terms = [term for term in (plain_text(_cut(term, MAX_TAG_LENGTH)) for term in _hashtags(split_terms(value))) if term]
        unique = dedupe(terms)
        if len(unique) > MAX_TERMS:
            self.report("terms_too_many", line, key=key, count=len(unique), limit=MAX_TERMS)
            unique = unique[:MAX_TERMS]
        for term in unique:
            if registry.lookup(term) is None:
                self.term_spellings.setdefault(key, {}).setdefault(term_key(term), term)
                if registry.has_taxonomy:
                    self._report_unknown_term(key, term, registry)
        return dedupe([registry.canonical(term) for term in unique])

    def _report_unknown_term(self, key: str, term: str, registry: TermRegistry) -> None:
        kind = "tag" if key == "tags" else "category"
        suggestions = registry.suggestions(term)
        if suggestions:
            self.report(f"{kind}_unknown_close", self.line_of(key), term=term, suggestions=", ".join(suggestions))
            return
        # Shown as the first article writing it has it (articles are read in path order).
        shown = registry.display.get(term_key(term), term)
        if shown != term:
            self.report(f"{kind}_unknown_shown_as", self.line_of(key), term=term, shown=shown)
        else:
            self.report(f"{kind}_unknown", self.line_of(key), term=term)

    def _readtime(self, value: object) -> int | None:
        if value is None:
            return None
        minutes = parse_readtime(value)
        if minutes is None:
            self.report("readtime_unreadable", self.line_of("readtime"), value=_shorten(value))
        return minutes

    def _text(self, key: str, value: object) -> str | None:
        if value is None:
            return None
        if isinstance(value, (dict, list)):
            self.report("text_unreadable", self.line_of(key), key=key)
            return None
        return plain_text(_cut(collapse_spaces(str(value)), MAX_TEXT_LENGTH * 2)) or None

    def _image(self, value: object) -> str | None:
        if value is None:
            return None
        line = self.line_of("image")
        if not isinstance(value, str) or not value.strip():
            self.report("cover_unreadable", line)
            return None
        src = value.strip()
        try:
            target = markdown.local_image_target(src, self.path)
        except ValueError:
            self.report("cover_unsafe", line, src=_shorten(src))
            return None
        if target is None:
            # A remote cover would make the RSS plugin fetch it during the build.
            self.report("cover_remote", line, src=_shorten(src))
            return None
        if target is not None and self.context.asset_exists is not None and not self.context.asset_exists(target):
            self.report("cover_missing", line, src=_shorten(src))
            return None
        return src

    def _published_date(self) -> object:
        """The value of ``published`` when it is a date rather than yes/no."""
        for _, canonical, value, _ in self.flags:
            if canonical == "published" and _is_date(value):
                return value
        return None

    def _held_back(self, date: dt.date | None) -> bool:
        """Whether the article stays off the site: a field says so, a value
        is unclear (fail safe), or its date has not come yet."""
        held = False
        for key, canonical, value, line in self.flags:
            if canonical == "published" and _is_date(value):
                continue
            verdict = publication.read_flag(canonical, value)
            if verdict is publication.Verdict.HOLD:
                code = "article_confidential" if canonical == "confidential" else "draft_flag"
                self.report(code, line, key=key, value=_written(value))
                held = True
            elif verdict is publication.Verdict.UNCLEAR:
                self.report("draft_unreadable", line, key=key, value=_written(value))
                held = True
        if not held and date is not None:
            day = date.date() if isinstance(date, dt.datetime) else date
            if day > (self.context.today or site_today()):
                self.report("publish_future", self.line_of("date"), date=french_date(day))
                held = True
        return held

    def _slug(self, value: object) -> str:
        if value is not None and not isinstance(value, (dict, list)):
            written = str(value).strip()
            slug = slugify(_address_end(written))
            if slug and slug != written:
                self.report("slug_cleaned", self.line_of("slug"), written=_shorten(written), slug=slug)
            if slug:
                return slug
            self.report("slug_unusable", self.line_of("slug"), written=_shorten(written))
        return slugify(self.meta["title"]) or slugify(posixpath.splitext(posixpath.basename(self.path))[0]) or "article"


# A permalink pattern of another engine (« /:year/:title/ », « {slug} », « %postname% »).
_ADDRESS_PATTERN = re.compile(r"(?:^|/):\w|\{\w+\}|%\w+%")


# What e-mail programs put before a subject they reply to or forward.
_REPLY_PREFIX = re.compile(r"(?:(?:re|tr|fw|fwd|aw|wg)[ \t]*(?:\[\d+\])?[ \t]*:[ \t]*)+", re.IGNORECASE)
# An author's e-mail address after the name, as e-mail programs and git write it.
_AUTHOR_ADDRESS = re.compile(r"[ \t]*<([^<>\s@]+@[^<>\s@]+)>")


def _heading_key(text: str) -> str:
    """A heading or a title as compared: its words, without HTML's marks,
    punctuation, case or accents."""
    return " ".join(re.findall(r"[^\W_]+", fold(re.sub(r"<[^<>]*>", "", plain_text(text)))))


# How far a level-1 heading may be from the title and still be it.
_TITLE_TYPOS = 2


def _address_end(written: str) -> str:
    """The last part of an address written as a whole (another engine's
    permalink, « /2026/salon-big-data/ » or « https://…/mon-article.html »):
    « salon-big-data », « mon-article »; nothing for a pattern, so that the
    address comes from the title."""
    if _ADDRESS_PATTERN.search(written):
        return ""
    if "/" not in written:
        return written
    parts = [part for part in written.split("?")[0].split("#")[0].split("/") if part]
    last = parts[-1] if parts else ""
    return re.sub(r"\.(?:html?|php|aspx?)$", "", last, flags=re.I)


def _depth(value: object, limit: int = MAX_DEPTH + 1) -> int:
    """Nesting depth of ``value``, counted without recursion, up to ``limit``."""
    depth, level = 0, [value]
    seen: set[int] = set()
    while level and depth < limit:
        next_level: list[object] = []
        for item in level:
            if isinstance(item, (list, tuple, dict)) and id(item) not in seen:
                seen.add(id(item))
                next_level.extend(item.values() if isinstance(item, dict) else item)
        if not next_level and not any(isinstance(item, (list, tuple, dict)) for item in level):
            break
        depth += 1
        level = next_level
    return depth


def _as_list(value: object) -> list[Any]:
    if value is None:
        return []
    return list(value) if isinstance(value, (list, tuple)) else [value]


def _hashtags(terms: list[str]) -> list[str]:
    """``#Marketing #Tendances`` is two topics, Marketing and Tendances."""
    split: list[str] = []
    for term in terms:
        if not term.startswith("#"):
            split.append(term)
            continue
        split.extend(part.lstrip("#").strip() for part in re.split(r"\s+(?=#)", term))
    return split


def _written(value: object) -> str:
    # As the writer typed it: YAML's true is "true", not Python's "True".
    if isinstance(value, bool):
        return "true" if value else "false"
    return _shorten(value)


def _is_date(value: object) -> bool:
    if isinstance(value, (dt.date, dt.datetime)):
        return True
    if isinstance(value, bool) or not isinstance(value, (str, int)):
        return False
    if publication.read_flag("published", value) is not publication.Verdict.UNCLEAR:
        return False
    try:
        dates.parse_date(value)
    except dates.DateError:
        return False
    return True


_FRENCH_MONTHS = ("janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre", "décembre")


def french_date(day: dt.date) -> str:
    """« 3 mars 2021 », « 1er mai 2024 », « 6 décembre 2017 à 10 h 30 »."""
    text = f"{'1er' if day.day == 1 else day.day} {_FRENCH_MONTHS[day.month - 1]} {day.year}"
    if isinstance(day, dt.datetime):
        text += f" à {day.hour} h {day.minute:02d}" if day.minute else f" à {day.hour} h"
    return text


def site_today() -> dt.date:
    # The site's readers are in France: an article dated the 3rd appears on
    # the 3rd, Paris time, whatever the time zone of the machine that builds.
    try:
        from zoneinfo import ZoneInfo

        return dt.datetime.now(ZoneInfo("Europe/Paris")).date()
    except (ImportError, KeyError, ValueError, OSError):
        return dt.datetime.now(dt.UTC).date()


def _cut(text: str, limit: int) -> str:
    """``text`` cut to ``limit`` characters at a word boundary, never ending in a space."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip()


def _capitalise(title: str) -> str:
    # "comment aligner..." -> "Comment aligner..."; "iPhone" and "eBay" stay.
    first = title.split(" ", 1)[0]
    if first.islower() and first[:1].isalpha():
        return title[0].upper() + title[1:]
    return title


def _shorten(value: object, limit: int = 60) -> str:
    # reprlib bounds the text of a nested value (an alias bomb has no end).
    if isinstance(value, (dt.date, dt.datetime)):
        value = value.isoformat(sep=" ") if isinstance(value, dt.datetime) else value.isoformat()
    text = collapse_spaces(reprlib.repr(value) if isinstance(value, (list, tuple, dict, set)) else str(value))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def normalize_collection(sources: Iterable[tuple[str, bytes | str]], context: SiteContext | None = None) -> list[Article]:
    """Normalise every article and check what only the whole set shows.

    Articles are read in path order, so the first-seen form of a tag is the
    same on every build; two published articles with the same URL are errors
    naming both files.
    """
    context = context or SiteContext()
    sources = sorted(sources, key=lambda item: item[0])
    if context.site_files is not None:
        context.links = links.LinkIndex.build(context.site_files, (path for path, _ in sources), context.blog.blog_root)
    articles = [normalize_article(path, raw, context) for path, raw in sources]
    # Links by published address need every article's address: read again.
    articles = links.renormalize_deferred(articles, dict(sources), context, normalize_article)
    seen: dict[str, Article] = {}
    for article in articles:
        if article.is_draft or not article.ok:
            continue
        key = article.url_key(context.blog)
        if key is None:
            continue
        if key in seen:
            other = seen[key]
            article.problems.append(
                make_problem(
                    "url_duplicate",
                    article.path,
                    article.key_lines.get("slug") or article.key_lines.get("title") or 1,
                    other=other.path,
                    url=key,
                )
            )
        else:
            seen[key] = article
    return articles
