"""The search index this site's own search reads: each section's opening,
shown in results; every word of every section, looked up in a prebuilt
index; the sections' whole texts, fetched for the results shown.

Material's search builds a lunr index in the reader's browser from the
full text of every section, each time a page opens search: seconds at a
thousand articles. This site's search (docs/assets/javascripts/search-worker.js)
reads an index built here instead, and only looks up the words a reader
types. ``build_search_index`` turns the search plugin's entries into:

- ``docs``: Material's entries (``location``, ``title``, ``text``,
  ``tags``), each ``text`` cut to its opening (``teaser``), which results
  show when no passage is at hand; a page's own entry (the page itself,
  under which its sections are shown) carries the number of its file of
  passages (``page``);
- ``engine``: the words (lower-case, accents as written, sorted by their
  form without accents, which is how readers' words are matched), and for
  each word the entries that hold it and where (title, text, topics, the
  synonyms of its topics): ``encode_postings``; plus the stop words, which
  search leaves out of a query;
- ``passages``: for each page, the text of each of its sections (escaped),
  written to their own small files: the search fetches those of the
  results it shows, to show the passage that holds the reader's words.

The engine travels in the ``config`` of the index file the search plugin
writes: ``write_engine`` writes it to a file of its own, ``join_engine``
then puts it there, both a part at a time (at thousands of articles, the
whole index as one string weighs tens of megabytes).

Words are split as search splits a query: by the search plugin's
``separator`` (spaces, hyphens, apostrophes), without the punctuation
around them (``\\W``), lower-cased; stop words and words a letter long are
left out. Words joined by hyphens are also indexed whole, without them
(« kick-off » is found by « kickoff »). Topics marked ``hidden`` in
docs/taxonomy.yml find their articles but are not shown as chips.

Entries are Material's: dictionaries with ``location``, ``title``, ``text``
(HTML: ``p``, ``li``, ``ul``, ``ol``, ``pre``, ``code``, ``sub``, ``sup``
tags without attributes, the text escaped) and optional ``tags``.
"""

from __future__ import annotations

import array
import functools
import hashlib
import html
import json
import re
import shutil
import unicodedata
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

# The format search-worker.js reads; it ignores an index of another version.
ENGINE_VERSION = 1
# About a sentence: enough for a result to be recognised, short enough for
# the index to stay light (sizes in bench/README.md).
TEASER_LENGTH = 120
PASSAGES_FOLDER = "passages"
# Beside the index file (``search/``), until join_engine puts it in.
ENGINE_FILE = "engine.json"
# Words (and their postings) written to the engine's file in one string.
ENGINE_CHUNK = 4096
# How the search plugin starts its index file: the engine goes first in its config.
_INDEX_START = b'{"config":{'

# Where an entry holds a word: bits of a posting.
IN_TITLE = 1
IN_TEXT = 2
IN_TOPICS = 4
IN_SYNONYMS = 8
_FIELD_BITS = 4

_MARKUP = re.compile(r"<(/?)([a-z0-9]+)>|[^<]+|<")
_BLOCKS = frozenset({"p", "li", "ul", "ol", "pre"})
# The end of a sentence: its punctuation, a closing quote or bracket, then a space.
_SENTENCE_END = re.compile(r"[.!?…](?:[\s\u00a0\u202f]*[»”)])?(?=\s|$)")
_PARTIAL_ENTITY = re.compile(r"&[#a-zA-Z0-9]*$")
_TAG = re.compile(r"<[^>]*>")
_BLOCK_END = re.compile(r"</(?:p|li|pre|ul|ol)>|<br\s*/?>")
_SPACES = re.compile(r"\s+")
# overrides/assets/javascripts/lunr/min/lunr.fr.min.js: STOP_WORDS = {}; ("a à " + "…").split
_STOP_WORDS_LIST = re.compile(r"STOP_WORDS\s*=\s*\{\};\s*\((.*?)\)\s*\.split", re.DOTALL)
# Neither a letter nor a digit: what search trims off the ends of a word.
# The trailing run is tried from its first character only: tried from each
# of its characters, a long run of punctuation would cost its square.
_ENDS = re.compile(r"^[\W_]+|(?<![\W_])[\W_]+$")
# Words joined by hyphens (« kick-off », « e-mail », « co-marketing »).
_HYPHENATED = re.compile(r"[^\W_]+(?:-[^\W_]+)+")
_COMBINING_MARKS = re.compile("[\u0300-\u036f]")
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})
_DIGITS = "0123456789abcdefghijklmnopqrstuvwxyz"


@dataclass
class SearchIndex:
    docs: list[dict[str, Any]]
    engine: dict[str, Any]
    # Per page number, its sections' locations and plain texts.
    # Per page number, its sections' passages; empty when they went to
    # build_search_index's PAGE_PASSAGES as they came.
    passages: list[list[list[str]]]
    digest: str

    def passages_folder(self) -> str:
        """The folder of the passages' files, under the site's ``search/``:
        named after their content, so that an index cached by a browser
        never reads the passages of another build."""
        return f"{PASSAGES_FOLDER}/{self.digest}"


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def passages_json(sections: list[list[str]]) -> str:
    """A page's file of passages, as search-worker.js reads it."""
    return _json(sections)


def build_search_index(
    entries: list[dict[str, Any]],
    separator: str,
    stop_words: frozenset[str] = frozenset(),
    hidden: Iterable[str] = (),
    synonyms: Mapping[str, Iterable[str]] | None = None,
    page_passages: Callable[[int, list[list[str]]], None] | None = None,
) -> SearchIndex:
    """The index of ENTRIES (the search plugin's, in its order).

    SEPARATOR is the search plugin's word separator (a regular expression);
    STOP_WORDS, the words search leaves out; HIDDEN, the topics found but
    not shown; SYNONYMS, each topic's synonyms (docs/taxonomy.yml).
    PAGE_PASSAGES, if given, receives each page's passages as they come
    (number, sections), so that thousands of pages' texts are not held.
    """
    words = _word_splitter(separator)
    hidden = set(hidden)
    synonyms = synonyms or {}
    docs: list[dict[str, Any]] = []
    passages: list[list[list[str]]] = []
    pages = 0
    digest = hashlib.sha256()
    # Per word, its entries in order, each as (number << _FIELD_BITS | where):
    # compact arrays, since a site of thousands of articles has millions.
    postings: defaultdict[str, array.array[int]] = defaultdict(functools.partial(array.array, "q"))

    for page in _pages(entries):
        page = _merge_heading(page)
        main = _main_entry(page)
        topics = [tag for tag in main.get("tags") or () if isinstance(tag, str)]
        sections: list[list[str]] = []
        for entry in page:
            number = len(docs)
            doc: dict[str, Any] = {"location": entry["location"], "title": entry["title"], "text": teaser(entry["text"])}
            fields = [(words(entry["title"]), IN_TITLE)]
            if entry is main:
                doc["page"] = pages
                shown = [tag for tag in topics if tag not in hidden]
                if shown:
                    doc["tags"] = shown
                # Topics are plain text; words() reads the index's HTML.
                fields.append((words(html.escape(" ".join(topics), quote=False)), IN_TOPICS))
                topic_synonyms = " ".join(word for topic in topics for word in synonyms.get(topic, ()))
                fields.append((words(html.escape(topic_synonyms, quote=False)), IN_SYNONYMS))
            text_words = words(entry["text"]) - stop_words
            elsewhere = set().union(*(field_words for field_words, _ in fields)) - stop_words
            shifted = number << _FIELD_BITS
            # Most words are only in the text: one value for them all.
            in_text_only = shifted | IN_TEXT
            for word in text_words - elsewhere:
                postings[word].append(in_text_only)
            for word in elsewhere:
                where = IN_TEXT if word in text_words else 0
                for field_words, field in fields:
                    if word in field_words:
                        where |= field
                postings[word].append(shifted | where)
            text = passage_text(entry["text"])
            if text:
                sections.append([entry["location"], text])
            docs.append(doc)
        digest.update(passages_json(sections).encode())
        if page_passages is None:
            passages.append(sections)
        else:
            page_passages(pages, sections)
        pages += 1

    ordered = sorted(postings, key=lambda word: (fold(word), word))
    engine = {
        "version": ENGINE_VERSION,
        "words": ordered,
        "postings": [_encode_packed(postings[word]) for word in ordered],
        "stop_words": sorted(stop_words),
    }
    return SearchIndex(docs=docs, engine=engine, passages=passages, digest=digest.hexdigest()[:12])


def write_engine(engine: Mapping[str, Any], file: IO[str]) -> None:
    """ENGINE as JSON into FILE, its long lists a few thousand items at a time."""
    file.write("{")
    for position, (key, value) in enumerate(engine.items()):
        file.write(("," if position else "") + _json(key) + ":")
        if isinstance(value, list) and len(value) > ENGINE_CHUNK:
            file.write("[")
            for start in range(0, len(value), ENGINE_CHUNK):
                file.write(("," if start else "") + _json(value[start : start + ENGINE_CHUNK])[1:-1])
            file.write("]")
        else:
            file.write(_json(value))
    file.write("}")


def join_engine(index_path: Path, engine_path: Path) -> None:
    """Put the engine of ENGINE_PATH (``write_engine``) first in the config
    of the search index at INDEX_PATH, then remove ENGINE_PATH. An index
    written as the search plugin writes it is copied a part at a time;
    written otherwise (indented, an empty config), it is read whole."""
    with index_path.open("rb") as index:
        head = index.read(len(_INDEX_START) + 1)
        streamed = head.startswith(_INDEX_START) and head != _INDEX_START + b"}"
        if streamed:
            partial = index_path.with_name(index_path.name + ".partial")
            with partial.open("wb") as joined, engine_path.open("rb") as engine:
                joined.write(_INDEX_START + b'"engine":')
                shutil.copyfileobj(engine, joined)
                joined.write(b",")
                index.seek(len(_INDEX_START))
                shutil.copyfileobj(index, joined)
    if streamed:
        partial.replace(index_path)
    else:
        data = json.loads(index_path.read_text(encoding="utf-8"))
        data["config"]["engine"] = json.loads(engine_path.read_text(encoding="utf-8"))
        index_path.write_text(_json(data), encoding="utf-8")
    engine_path.unlink()


def encode_postings(holders: Mapping[int, int]) -> str:
    """The entries holding a word, as search-worker.js reads them: for each
    entry in order, the gap from the previous entry's number, shifted left
    by four bits that say where it holds the word (IN_TITLE...), in base 36,
    separated by commas. Compact, and read only for the words a reader types."""
    return _encode_packed(array.array("q", (number << _FIELD_BITS | holders[number] for number in sorted(holders))))


def _encode_packed(packed: array.array[int]) -> str:
    """encode_postings for entries packed as (number << _FIELD_BITS | where), in order."""
    mask = (1 << _FIELD_BITS) - 1
    # The gap from the previous entry, in place of its number: a packed value
    # minus the previous one's number bits.
    if not packed:
        return ""
    previous = array.array("q", [0]) + packed[:-1]
    small = _small_base36()
    limit = len(small)
    out = []
    for value, before in zip(packed, previous, strict=True):
        gap = value - (before & ~mask)
        out.append(small[gap] if gap < limit else _base36(gap))
    return ",".join(out)


@functools.cache
def _small_base36() -> list[str]:
    """The base-36 digits of the values most gaps take (hundreds of
    thousands of them at a thousand articles)."""
    return [_base36(value) for value in range(1 << 14)]


def decode_postings(encoded: str) -> dict[int, int]:
    holders = {}
    number = 0
    for item in encoded.split(","):
        value = int(item, 36)
        number += value >> _FIELD_BITS
        holders[number] = value & ((1 << _FIELD_BITS) - 1)
    return holders


def _base36(value: int) -> str:
    digits = ""
    while True:
        value, digit = divmod(value, 36)
        digits = _DIGITS[digit] + digits
        if not value:
            return digits


def fold(word: str) -> str:
    """WORD without accents, as search-worker.js folds readers' words
    (« stratégie » -> « strategie », « œuvre » -> « oeuvre »)."""
    return _COMBINING_MARKS.sub("", unicodedata.normalize("NFD", word)).translate(_LIGATURES)


def passage_text(text: str) -> str:
    """The text of an entry (the index's HTML) as a reader reads it, still
    escaped: blocks separated by a space, white space collapsed, tags
    removed. Escaped, as the index's texts are: what a writer typed stays
    text wherever it is read."""
    return _SPACES.sub(" ", _TAG.sub("", _BLOCK_END.sub(" ", text))).strip()


def read_stop_words(language_file: str) -> frozenset[str]:
    """The stop words of the search's language file (its ``STOP_WORDS``
    list, written once, there); none if the file has no such list."""
    match = _STOP_WORDS_LIST.search(language_file)
    if not match:
        return frozenset()
    return frozenset(" ".join(re.findall(r'"([^"]*)"', match.group(1))).split())


def teaser(text: str, length: int = TEASER_LENGTH) -> str:
    """The opening of TEXT (the search index's HTML) that search results
    show: whole blocks while shorter than LENGTH characters, then the block
    that reaches it cut at the end of a sentence, its tags closed."""
    if len(text) <= length * 3 // 2:
        return text
    out: list[str] = []
    open_tags: list[str] = []
    count = 0
    for match in _MARKUP.finditer(text):
        closing, tag = match.group(1, 2)
        if tag:
            if closing:
                if open_tags and open_tags[-1] == tag:
                    open_tags.pop()
                out.append(match.group())
            elif count >= length and tag in _BLOCKS:
                break
            else:
                open_tags.append(tag)
                out.append(match.group())
            continue
        chunk = match.group()
        if count + len(chunk) <= length:
            out.append(chunk)
            count += len(chunk)
        elif not chunk.isspace():
            out.append(_cut(chunk, max(length - count, 0), length))
            break
    out.extend(f"</{tag}>" for tag in reversed(open_tags))
    return "".join(out).strip()


def _cut(chunk: str, room: int, length: int) -> str:
    """CHUNK cut at the first sentence end past ROOM characters (not too far
    past), else at the last one before it, else between two words."""
    ends = [match.end() for match in _SENTENCE_END.finditer(chunk)]
    for end in ends:
        if room <= end <= room + length // 2:
            return chunk[:end]
    before = [end for end in ends if end < room and end >= room - length // 2]
    if before:
        return chunk[: before[-1]]
    space = chunk.rfind(" ", 0, room + 1)
    # Not in the middle of an escaped character (&amp;).
    return _PARTIAL_ENTITY.sub("", chunk[: space if space > 0 else room]).rstrip() + "…"


def _pages(entries: list[dict[str, Any]]) -> Iterator[list[dict[str, Any]]]:
    """The entries grouped by page, in order: a page's sections follow it
    and their locations add ``#anchor`` to the page's."""
    page: list[dict[str, Any]] = []
    url = None
    for entry in entries:
        entry_url = entry["location"].partition("#")[0]
        if page and entry_url != url:
            yield page
            page = []
        url = entry_url
        page.append(entry)
    if page:
        yield page


def _word_splitter(separator: str) -> Callable[[str], set[str]]:
    """The distinct words search indexes in a text of the index (HTML):
    split by SEPARATOR, lower-cased, without the punctuation around them
    (the trimmer of overrides/assets/javascripts/lunr/min/lunr.fr.min.js)."""
    pattern = re.compile(separator)

    @functools.lru_cache(maxsize=1 << 17)
    def piece_words(piece: str) -> tuple[str, ...]:
        piece = html.unescape(piece)
        parts = pattern.split(piece)
        if "-" in piece:
            # « kick-off » is also « kickoff », as readers type it on a phone.
            parts += [found.group(0).replace("-", "") for found in _HYPHENATED.finditer(piece)]
        # Words a letter long are never listed, nor start one that is.
        return tuple(word for word in (_ENDS.sub("", part) for part in parts) if len(word) > 1)

    # Splitting on white space first (in C) leaves the pattern the distinct
    # pieces to split, not the whole text.
    splits_spaces = bool(pattern.fullmatch(" \n\t\u00a0"))

    def words(text: str) -> set[str]:
        plain = _TAG.sub(" ", text).lower()
        pieces = set(plain.split()) if splits_spaces else {plain}
        return set().union(*map(piece_words, pieces))

    return words


def _merge_heading(page: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """PAGE without the entry of its title's heading when the page's own
    entry is empty: the article's opening goes to the page's entry, which
    search results show first (on articles, the heading is the first section)."""
    main = _main_entry(page)
    index = page.index(main)
    if main["text"] or index + 1 == len(page):
        return page
    heading = page[index + 1]
    if html.unescape(heading["title"]) != html.unescape(main["title"]):
        return page
    # A copy: the search plugin's entries are left as they are.
    return [*page[:index], {**main, "text": heading["text"]}, *page[index + 2 :]]


def _main_entry(page: list[dict[str, Any]]) -> dict[str, Any]:
    """The page's own entry, under which Material shows its sections."""
    return next((entry for entry in page if "#" not in entry["location"]), page[0])
