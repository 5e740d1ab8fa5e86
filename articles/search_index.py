"""What the search index holds for each section: the opening it shows, and
every other word it can be found by.

Material's search index carries the full text of every section, and readers
download all of it when they first search. Here each section keeps, as ``text``, the opening sentences that search
results show (about ``TEASER_LENGTH`` characters, cut at the end of a
sentence), and the page's own entry lists the page's words (its sections'
titles and texts) in a field that search reads but does not show
(``KEYWORDS_FIELD``, declared in mkdocs.yml): every word a reader can search
for still finds the article, all the words of a query find the article that
holds them all, and the index is much smaller (bench/README.md). Not listed, since they would
find nothing more:

- words the page's own entry shows (title and opening);
- a word that another listed word starts with: search looks every word up
  as a prefix (``client`` finds « clients »);
- stop words, which search does not index (``read_stop_words``), and words a
  letter long.

What is lost: a word further down a section finds its page, not the
section; results show a section's opening rather than the passage that
holds the word.

Entries are Material's: dictionaries with ``location``, ``title``, ``text``
(HTML: ``p``, ``li``, ``ul``, ``ol``, ``pre``, ``code``, ``sub``, ``sup``
tags without attributes, the text escaped) and optional ``tags``.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from typing import Any

# About a sentence: enough for a result to be recognised, short enough for
# the index to stay light (sizes in bench/README.md).
TEASER_LENGTH = 120
KEYWORDS_FIELD = "keywords"
HIDDEN_TAGS_FIELD = "hidden_tags"
SYNONYMS_FIELD = "synonyms"

_MARKUP = re.compile(r"<(/?)([a-z0-9]+)>|[^<]+|<")
_BLOCKS = frozenset({"p", "li", "ul", "ol", "pre"})
# The end of a sentence: its punctuation, a closing quote or bracket, then a space.
_SENTENCE_END = re.compile(r"[.!?…](?:[\s\u00a0\u202f]*[»”)])?(?=\s|$)")
_PARTIAL_ENTITY = re.compile(r"&[#a-zA-Z0-9]*$")
_TAG = re.compile(r"<[^>]*>")
# overrides/assets/javascripts/lunr/min/lunr.fr.min.js: STOP_WORDS = {}; ("a à " + "…").split
_STOP_WORDS_LIST = re.compile(r"STOP_WORDS\s*=\s*\{\};\s*\((.*?)\)\s*\.split", re.DOTALL)
# Neither a letter nor a digit: what search trims off the ends of a word.
# The trailing run is tried from its first character only: tried from each
# of its characters, a long run of punctuation would cost its square.
_ENDS = re.compile(r"^[\W_]+|(?<![\W_])[\W_]+$")


def compact_entries(entries: list[dict[str, Any]], separator: str, stop_words: frozenset[str] = frozenset()) -> None:
    """Cut each entry's text to its teaser and list the page's other words
    in KEYWORDS_FIELD of its main entry (the page itself, not one of its
    sections), which also keeps the page's tags.

    SEPARATOR is the search plugin's word separator (a regular expression);
    STOP_WORDS, the words its language leaves out of the index.
    """
    words = _word_splitter(separator)
    pages = [_merge_heading(page) for page in _pages(entries)]
    for page in pages:
        page_words = words(" ".join(entry[field] for entry in page for field in ("title", "text")))
        _compact_page(page, page_words - stop_words, words)
    entries[:] = [entry for page in pages for entry in page]


def hide_tags(entries: list[dict[str, Any]], hidden: set[str]) -> None:
    """Move the hidden topics of each search entry to its HIDDEN_TAGS_FIELD."""
    if not hidden:
        return
    for entry in entries:
        tags = entry.get("tags")
        if not tags or hidden.isdisjoint(tags):
            continue
        entry["tags"] = [tag for tag in tags if tag not in hidden]
        entry[HIDDEN_TAGS_FIELD] = [tag for tag in tags if tag in hidden]
        if not entry["tags"]:
            del entry["tags"]


def add_synonyms(
    entries: list[dict[str, Any]],
    synonyms: Mapping[str, Iterable[str]],
    separator: str,
    stop_words: frozenset[str] = frozenset(),
) -> None:
    """List, in SYNONYMS_FIELD of each entry with topics, the words of their
    SYNONYMS (topic name -> its synonyms, ``docs/taxonomy.yml``) that do not
    find the entry already: mkdocs.yml gives that field a boost below the
    text's, so a synonym finds the topic's articles after those that hold
    the word itself.

    Left out, as in KEYWORDS_FIELD: stop words, words a letter long, and a
    word that a word of the topics' names, of the entry's own fields or
    another listed synonym starts with (search looks words up as prefixes).
    Call it after ``compact_entries``, which leaves topics on the pages' own
    entries only and lists their words there.
    """
    if not any(synonyms.values()):
        return
    words = _word_splitter(separator)
    for entry in entries:
        topics = [*entry.get("tags", ()), *entry.get(HIDDEN_TAGS_FIELD, ())]
        # Synonyms are plain text; words() reads the index's HTML.
        written = html.escape(" ".join(word for topic in topics for word in synonyms.get(topic, ())), quote=False)
        candidates = words(written) - stop_words
        if not candidates:
            continue
        own = words(" ".join([*topics, entry["title"], entry["text"], entry.get(KEYWORDS_FIELD, "")]))
        known = sorted(own | candidates)
        listed = [word for word in sorted(candidates - own) if not _starts_another(known, word)]
        if listed:
            entry[SYNONYMS_FIELD] = html.escape(" ".join(listed), quote=False)


def _starts_another(known: list[str], word: str) -> bool:
    """Whether another word of KNOWN (sorted, each once) starts with WORD:
    those follow WORD in KNOWN."""
    index = bisect.bisect_right(known, word)
    return index < len(known) and known[index].startswith(word)


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
        parts = pattern.split(html.unescape(piece))
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
    main["text"] = heading["text"]
    return page[: index + 1] + page[index + 2 :]


def _main_entry(page: list[dict[str, Any]]) -> dict[str, Any]:
    """The page's own entry, under which Material shows its sections."""
    return next((entry for entry in page if "#" not in entry["location"]), page[0])


def _compact_page(page: list[dict[str, Any]], page_words: set[str], words: Callable[[str], set[str]]) -> None:
    for entry in page:
        entry["text"] = teaser(entry["text"])
    # Material shows a page's sections under the page itself, the entry
    # without an #anchor: that entry is found by every word of the page, so
    # a search for several words finds the page that holds them all.
    main = _main_entry(page)
    listed = sorted(page_words - words(main["text"]) - words(main["title"]))
    # A word that another listed word starts with finds the page anyway:
    # search looks words up as prefixes.
    keywords = [word for word, following in zip(listed, [*listed[1:], ""][: len(listed)], strict=True) if not following.startswith(word)]
    if keywords:
        main[KEYWORDS_FIELD] = html.escape(" ".join(keywords), quote=False)
    for entry in page:
        if entry is not main:
            entry.pop("tags", None)
