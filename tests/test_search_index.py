"""The search index: each section's opening, shown in results, and every
other word of the page listed on the page's own entry."""

from __future__ import annotations

import html
import re
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from articles.search_index import (
    HIDDEN_TAGS_FIELD,
    KEYWORDS_FIELD,
    SYNONYMS_FIELD,
    TEASER_LENGTH,
    add_synonyms,
    compact_entries,
    hide_tags,
    read_stop_words,
    teaser,
)

ROOT = Path(__file__).resolve().parent.parent


def _separator() -> str:
    """The search plugin's word separator, as mkdocs.yml sets it."""
    search = load_config(str(ROOT / "mkdocs.yml")).plugins["material/search"].config
    assert KEYWORDS_FIELD in search.fields, "mkdocs.yml does not declare the keywords field"
    return search.separator


SEPARATOR = _separator()
_SPLIT = re.compile(SEPARATOR)


def plain(text: str) -> str:
    return re.sub(r"<[^>]*>", "", text)


def words(text: str) -> set[str]:
    """The words search indexes in TEXT, as overrides/.../lunr.fr.min.js trims them."""
    found = set()
    for word in _SPLIT.split(html.unescape(re.sub(r"<[^>]*>", " ", text)).lower()):
        word = re.sub(r"^[\W_]+|[\W_]+$", "", word)
        if len(word) > 1:
            found.add(word)
    return found


def balanced(text: str) -> bool:
    stack = []
    for closing, tag in re.findall(r"<(/?)([a-z]+)>", text):
        if not closing:
            stack.append(tag)
        elif not stack or stack.pop() != tag:
            return False
    return not stack


SENTENCE = "Les équipes commerciales qualifient les leads entrants avec le marketing."  # 73 characters
STOP_WORDS = read_stop_words((ROOT / "overrides/assets/javascripts/lunr/min/lunr.fr.min.js").read_text(encoding="utf-8"))


# Teaser -------------------------------------------------------------------------


def test_short_text_is_kept_whole() -> None:
    text = f"<p>{SENTENCE}</p> <ul> <li>Un point.</li> </ul>"
    assert teaser(text) == text


def test_long_paragraph_is_cut_at_the_end_of_a_sentence() -> None:
    assert TEASER_LENGTH == 120, "the expected cuts below are for 120 characters"
    text = "<p>" + " ".join([SENTENCE] * 10) + "</p>"
    cut = teaser(text)
    # The first sentence end past 120 characters: the second one, at 147.
    assert cut == f"<p>{SENTENCE} {SENTENCE}</p>", cut


def test_whole_blocks_then_the_block_that_reaches_the_length() -> None:
    first = f"<p>{SENTENCE}</p>"  # 73 characters of text: kept whole
    second = f"<p>{SENTENCE} {SENTENCE} {SENTENCE}</p>"  # reaches 120 in its first sentence
    cut = teaser(" ".join([first, second, first]))
    assert cut == f"{first} <p>{SENTENCE}</p>", cut


def test_a_list_cut_closes_its_tags() -> None:
    items = " ".join(f"<li>{SENTENCE}</li>" for _ in range(6))
    cut = teaser(f"<ul> {items} </ul> <p>Après.</p>")
    assert cut == f"<ul> <li>{SENTENCE}</li> <li>{SENTENCE}</li></ul>", cut


def test_without_sentence_end_the_cut_falls_between_two_words() -> None:
    text = "<p>" + " ".join(["R&amp;D"] * 100) + "</p>"
    cut = teaser(text)
    assert cut.endswith("R&amp;D…</p>"), cut
    long_word = "<p>" + "x" * 300 + "&amp;" + "y" * 300 + "</p>"
    assert teaser(long_word) == "<p>" + "x" * TEASER_LENGTH + "…</p>"


BLOCKS = st.lists(
    st.one_of(
        st.builds(
            lambda text: f"<p>{text}</p>",
            st.text(alphabet="abcé .!?«»&;-'’<>\u00a0", max_size=400).map(lambda s: html.escape(s, quote=False)),
        ),
        st.builds(
            lambda items: "<ul> " + " ".join(f"<li>{html.escape(item, quote=False)}</li>" for item in items) + " </ul>",
            st.lists(st.text(alphabet="xyz .!", max_size=120), min_size=1, max_size=6),
        ),
        st.builds(lambda code: f"<pre><code>{html.escape(code, quote=False)}</code></pre>", st.text(alphabet="ab =\n.", max_size=300)),
        st.builds(
            lambda a, b: f"<p>{a} <code>{b}</code> {a}</p>", st.text(alphabet="mno. ", max_size=150), st.text(alphabet="qr", max_size=40)
        ),
    ),
    max_size=6,
).map(" ".join)


@settings(max_examples=500, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(BLOCKS)
def test_teaser_is_the_opening_of_the_text_with_its_tags_closed(text: str) -> None:
    cut = teaser(text)
    assert balanced(cut), cut
    shown = plain(cut).removesuffix("…").strip()
    assert plain(text).strip().startswith(shown), (text, cut)
    assert len(plain(cut)) <= TEASER_LENGTH * 3 // 2 + 1, cut
    assert not re.search(r"&[#a-z0-9]*…", cut), cut


# Entries ------------------------------------------------------------------------


def article(url: str, title: str, sections: dict[str, str], tags: list[str] | None = None) -> list[dict]:
    """The entries Material writes for a blog post: the page with no text,
    then its title's heading, then its sections."""
    meta = {"tags": tags} if tags else {}
    entries = [{"location": url, "title": title, "text": "", **meta}]
    for index, (heading, text) in enumerate(sections.items()):
        anchor = "titre" if index == 0 else f"section-{index}"
        entries.append({"location": f"{url}#{anchor}", "title": heading, "text": text, **meta})
    return entries


def long_section(*words_far_down: str) -> str:
    return "<p>" + " ".join([SENTENCE] * 6 + [f"On parle aussi de {word}." for word in words_far_down]) + "</p>"


def findable(page: list[dict]) -> set[str]:
    """The words that find PAGE's own entry, which search looks up as prefixes."""
    main = page[0]
    return words(main["text"]) | words(main["title"]) | set(html.unescape(main.get(KEYWORDS_FIELD, "")).split())


def test_an_article_keeps_its_opening_and_lists_its_other_words() -> None:
    url = "blog/2024/01/02/prospection/"
    entries = article(
        url,
        "La prospection",
        {
            "La prospection": "<p>Une ouverture courte.</p>",
            "Méthode": long_section("« parrainage »", "(webinaires)"),
            "R&amp;D": long_section("x&lt;y", "R&amp;D"),
        },
        tags=["Vente"],
    )
    compact_entries(entries, SEPARATOR, STOP_WORDS)
    main, method, research = entries
    # The title's heading is merged into the page's entry, which results show first.
    assert main == {
        "location": url,
        "title": "La prospection",
        "text": "<p>Une ouverture courte.</p>",
        "tags": ["Vente"],
        KEYWORDS_FIELD: main[KEYWORDS_FIELD],
    }
    keywords = main[KEYWORDS_FIELD].split()
    assert {"parrainage", "webinaires", "x&lt;y", "r&amp;d", "méthode", "leads"} <= set(keywords), keywords
    # Listed once each, sorted; none that another listed word starts with.
    assert keywords == sorted(set(keywords))
    assert not any(other != word and other.startswith(word) for word in keywords for other in keywords)
    # Sections show their opening only, and no topics (the page's entry has them).
    for section in (method, research):
        assert section["text"] == f"<p>{SENTENCE} {SENTENCE}</p>", section
        assert "tags" not in section and KEYWORDS_FIELD not in section
    assert [entry["location"] for entry in entries] == [url, url + "#section-1", url + "#section-2"]


def test_a_page_with_its_own_text_keeps_its_heading_sections() -> None:
    entries = [
        {"location": "guide/", "title": "Guide", "text": "<p>Bienvenue.</p>"},
        {"location": "guide/#guide", "title": "Guide", "text": long_section("exemple")},
    ]
    compact_entries(entries, SEPARATOR)
    assert [entry["location"] for entry in entries] == ["guide/", "guide/#guide"]
    assert "exemple" in entries[0][KEYWORDS_FIELD].split()


WORD = st.one_of(st.text(alphabet="abcdéèfg", min_size=1, max_size=9), st.sampled_from(["les", "où", "à", "l"]))
SECTION_TEXT = st.lists(st.tuples(WORD, st.sampled_from([" ", ", ", ". ", " (", ") ", "-", "’", " « "])), max_size=80).map(
    lambda pairs: "<p>" + html.escape("".join(word + separator for word, separator in pairs), quote=False) + "</p>"
)
PAGES = st.lists(st.lists(SECTION_TEXT, min_size=1, max_size=5), min_size=1, max_size=8)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(PAGES)
def test_every_word_of_a_page_still_finds_its_entry(pages: list[list[str]]) -> None:
    entries = []
    for number, sections in enumerate(pages):
        entries += article(f"blog/{number}/", f"Article {number}", {f"Titre {i}": text for i, text in enumerate(sections)})
    before = {
        f"blog/{number}/": set().union(*map(words, sections), *(words(f"Titre {i}") for i in range(len(sections))))
        for number, sections in enumerate(pages)
    }
    compact_entries(entries, SEPARATOR, STOP_WORDS)
    for url, page_words in before.items():
        page = [entry for entry in entries if entry["location"].partition("#")[0] == url]
        found = findable(page)
        # Stop words are not indexed: searching them finds nothing, before or after.
        lost = {word for word in page_words - STOP_WORDS if not any(other.startswith(word) for other in found)}
        assert not lost, (url, lost, page)
        for entry in page:
            assert balanced(entry["text"])


def test_stop_words_are_not_listed() -> None:
    assert {"les", "des", "où", "à"} <= STOP_WORDS, sorted(STOP_WORDS)
    entries = article("blog/1/", "Titre", {"Titre": "<p>Court.</p>", "Suite": long_section("« où »", "dès")})
    compact_entries(entries, SEPARATOR, STOP_WORDS)
    keywords = entries[0][KEYWORDS_FIELD].split()
    assert "dès" in keywords and "marketing" in keywords, keywords
    assert not STOP_WORDS & set(keywords), keywords
    # Without them, the list has them all: the search would drop them.
    entries = article("blog/1/", "Titre", {"Titre": "<p>Court.</p>", "Suite": long_section("« où »", "dès")})
    compact_entries(entries, SEPARATOR)
    assert {"où", "les", "avec"} <= set(entries[0][KEYWORDS_FIELD].split())


def test_stop_words_of_a_file_without_a_list() -> None:
    assert read_stop_words("lunr.fr = function () {};") == frozenset()


def test_hidden_topics_move_to_their_own_field() -> None:
    entries = [
        {"location": "a/", "title": "A", "text": "", "tags": ["Article", "Vente"]},
        {"location": "b/", "title": "B", "text": "", "tags": ["Article"]},
        {"location": "c/", "title": "C", "text": "", "tags": ["Vente"]},
    ]
    hide_tags(entries, {"Article"})
    assert [(entry.get("tags"), entry.get(HIDDEN_TAGS_FIELD)) for entry in entries] == [
        (["Vente"], ["Article"]),
        (None, ["Article"]),
        (["Vente"], None),
    ]


# Synonyms of the topics ---------------------------------------------------------

TAXONOMY_SYNONYMS = {
    "Prospection": ("leads", "génération de leads", "lead generation", "prospects"),
    "Événementiel": ("événements", "evenement", "salons", "webinaire", "webinaires"),
    "Article": ("articles",),
}


def test_the_synonyms_of_a_page_s_topics_are_listed_on_its_entry() -> None:
    entries = [
        {"location": "a/", "title": "Relancer un client", "text": "<p>Un appel.</p>", "tags": ["Prospection"]},
        {"location": "a/#suite", "title": "Suite", "text": "<p>Autre.</p>"},
        {"location": "b/", "title": "Salon", "text": "", "tags": ["Événementiel"], HIDDEN_TAGS_FIELD: ["Article"]},
        {"location": "c/", "title": "Sans thème", "text": "<p>Rien.</p>"},
        {"location": "d/", "title": "Autre", "text": "", "tags": ["Négociation"]},
    ]
    add_synonyms(entries, TAXONOMY_SYNONYMS, SEPARATOR, STOP_WORDS)
    listed = {entry["location"]: entry.get(SYNONYMS_FIELD) for entry in entries}
    # "lead" starts "leads", "de" is a stop word, "prospects" is no prefix of "prospection".
    assert listed["a/"] == "generation génération leads prospects", listed
    # "webinaire" starts "webinaires"; "evenement" starts no word as written
    # (the topic's name keeps its accent); "article" starts "articles", not
    # the other way round.
    assert listed["b/"] == "articles evenement salons webinaires événements", listed
    assert listed["a/#suite"] is None and listed["c/"] is None and listed["d/"] is None


def test_a_synonym_the_page_holds_already_is_not_listed() -> None:
    entries = [
        {
            "location": "a/",
            "title": "Nos leads",
            "text": "<p>Des prospects qualifiés.</p>",
            "tags": ["Prospection"],
            KEYWORDS_FIELD: "generationnelle",
        },
    ]
    add_synonyms(entries, TAXONOMY_SYNONYMS, SEPARATOR, STOP_WORDS)
    # leads (title), prospects (text), generation (starts a keyword): only "génération" is left.
    assert entries[0][SYNONYMS_FIELD] == "génération"


def test_synonyms_are_escaped_like_the_text_and_lower_case() -> None:
    entries = [{"location": "a/", "title": "A", "text": "", "tags": ["R&D"]}]
    add_synonyms(entries, {"R&D": ("Recherche & Développement", "Labo<Test>", "AT&T")}, SEPARATOR, STOP_WORDS)
    assert entries[0][SYNONYMS_FIELD] == "at&amp;t développement labo&lt;test recherche", entries[0]


def test_no_synonyms_no_field() -> None:
    entries = [{"location": "a/", "title": "A", "text": "", "tags": ["Vente"]}]
    add_synonyms(entries, {}, SEPARATOR, STOP_WORDS)
    add_synonyms(entries, {"Vente": ()}, SEPARATOR, STOP_WORDS)
    assert SYNONYMS_FIELD not in entries[0]


def test_mkdocs_yml_ranks_synonyms_below_the_text() -> None:
    fields = load_config(str(ROOT / "mkdocs.yml")).plugins["material/search"].config.fields
    assert SYNONYMS_FIELD in fields, "mkdocs.yml does not declare the synonyms field"
    assert 0 < fields[SYNONYMS_FIELD]["boost"] * 10 < fields[KEYWORDS_FIELD]["boost"]
