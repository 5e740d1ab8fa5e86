"""The search index: each section's opening, shown in results; every word
of every section in the prebuilt index the site's search reads; the
sections' whole texts, for the passages results show."""

from __future__ import annotations

import html
import io
import json
import re
from pathlib import Path
from unittest.mock import patch

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mkdocs.config import load_config

from articles import search_index
from articles.search_index import (
    ENGINE_FILE,
    ENGINE_VERSION,
    IN_SYNONYMS,
    IN_TEXT,
    IN_TITLE,
    IN_TOPICS,
    TEASER_LENGTH,
    SearchIndex,
    build_search_index,
    decode_postings,
    encode_postings,
    fold,
    join_engine,
    passage_text,
    read_stop_words,
    teaser,
    write_engine,
)
from sitebuild import load_hook

ROOT = Path(__file__).resolve().parent.parent


def _separator() -> str:
    """The search plugin's word separator, as mkdocs.yml sets it."""
    return load_config(str(ROOT / "mkdocs.yml")).plugins["material/search"].config.separator


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


def holders(index: SearchIndex, word: str) -> dict[int, int]:
    """The entries (by number) that hold WORD, and where (bits)."""
    words = index.engine["words"]
    return decode_postings(index.engine["postings"][words.index(word)]) if word in words else {}


def findable(index: SearchIndex, number: int) -> set[str]:
    """The words that find entry NUMBER."""
    return {
        word for word, postings in zip(index.engine["words"], index.engine["postings"], strict=True) if number in decode_postings(postings)
    }


def test_an_article_keeps_its_openings_and_every_word_finds_its_section() -> None:
    url = "blog/2024/01/02/prospection/"
    entries = article(
        url,
        "Prospection",
        {"Prospection": "<p>Court.</p>", "Méthode": long_section("parrainage", "webinaires", "x&lt;y", "R&amp;D")},
        tags=["Prospection", "Leads"],
    )
    index = build_search_index(entries, SEPARATOR, STOP_WORDS)
    # The heading of the title is merged into the page's own entry.
    assert [doc["location"] for doc in index.docs] == [url, f"{url}#section-1"], index.docs
    main, section = index.docs
    assert main == {"location": url, "title": "Prospection", "text": "<p>Court.</p>", "page": 0, "tags": ["Prospection", "Leads"]}
    assert section["text"] == teaser(long_section("parrainage")), section
    assert "tags" not in section and "page" not in section
    for word in ("parrainage", "webinaires", "x<y", "r&d", "méthode"):
        assert holders(index, word) == {1: IN_TITLE if word == "méthode" else IN_TEXT}, word
    assert holders(index, "prospection") == {0: IN_TITLE | IN_TOPICS}
    assert holders(index, "leads") == {0: IN_TOPICS, 1: IN_TEXT}
    assert index.engine["version"] == ENGINE_VERSION
    # The whole texts of the page's sections, as a reader reads them.
    assert index.passages == [
        [[url, "Court."], [f"{url}#section-1", passage_text(long_section("parrainage", "webinaires", "x&lt;y", "R&amp;D"))]]
    ]
    assert index.passages[0][1][1].endswith("On parle aussi de x&lt;y. On parle aussi de R&amp;D.")


def test_words_are_sorted_without_their_accents() -> None:
    entries = article("blog/1/", "Écrire", {"Écrire": "<p>étude etude Œuvre ezine eux élan</p>"})
    index = build_search_index(entries, SEPARATOR, STOP_WORDS)
    words = index.engine["words"]
    assert words == sorted(words, key=lambda word: (fold(word), word)), words
    assert [fold(word) for word in words] == sorted(fold(word) for word in words)
    assert "œuvre" in words and fold("œuvre") == "oeuvre" and fold("Stratégie") == "Strategie"
    assert len(index.engine["postings"]) == len(words)


def test_a_page_with_its_own_text_keeps_its_heading_sections() -> None:
    entries = [
        {"location": "guide/", "title": "Guide", "text": "<p>Introduction.</p>"},
        {"location": "guide/#guide", "title": "Guide", "text": "<p>Premier exemple.</p>"},
    ]
    index = build_search_index(entries, SEPARATOR)
    assert [doc["location"] for doc in index.docs] == ["guide/", "guide/#guide"]
    assert holders(index, "exemple") == {1: IN_TEXT}
    assert holders(index, "guide") == {0: IN_TITLE, 1: IN_TITLE}


WORD = st.one_of(st.text(alphabet="abcdéèfg", min_size=1, max_size=9), st.sampled_from(["les", "où", "à", "l"]))
SECTION_TEXT = st.lists(st.tuples(WORD, st.sampled_from([" ", ", ", ". ", " (", ") ", "-", "’", " « "])), max_size=80).map(
    lambda pairs: "<p>" + html.escape("".join(word + separator for word, separator in pairs), quote=False) + "</p>"
)
PAGES = st.lists(st.lists(SECTION_TEXT, min_size=1, max_size=5), min_size=1, max_size=8)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(PAGES)
def test_every_word_of_a_section_finds_it(pages: list[list[str]]) -> None:
    entries = []
    for number, sections in enumerate(pages):
        entries += article(f"blog/{number}/", f"Article {number}", {f"Titre {i}": text for i, text in enumerate(sections)})
    index = build_search_index(entries, SEPARATOR, STOP_WORDS)
    for number, doc in enumerate(index.docs):
        source = next(entry for entry in entries if entry["location"] == doc["location"])
        expected = (words(source["text"]) | words(source["title"])) - STOP_WORDS
        # The page's own entry also holds its title's heading, merged into it.
        assert expected <= findable(index, number), (doc["location"], expected - findable(index, number))
        assert balanced(doc["text"])
    assert len(index.passages) == len(pages)


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.integers(0, 100_000), st.integers(1, 15), min_size=1, max_size=60))
def test_postings_read_back_as_written(holders: dict[int, int]) -> None:
    encoded = encode_postings(holders)
    assert re.fullmatch(r"[0-9a-z]+(,[0-9a-z]+)*", encoded), encoded
    assert decode_postings(encoded) == holders


def test_words_joined_by_hyphens_are_found_as_readers_type_them() -> None:
    entries = article(
        "blog/1/", "Kick-off commercial", {"Kick-off commercial": "<p>Un e-mail, l’after-work et le co-marketing B2B-SaaS.</p>"}
    )
    index = build_search_index(entries, SEPARATOR, STOP_WORDS)
    for word in ("kickoff", "kick", "off", "email", "mail", "afterwork", "after", "comarketing", "marketing", "b2bsaas", "saas"):
        assert holders(index, word), word
    assert holders(index, "kickoff") == {0: IN_TITLE}
    assert not {"l'afterwork", "lafterwork", "l’afterwork", "e-mail"} & set(index.engine["words"])


def test_stop_words_are_not_indexed() -> None:
    assert {"les", "des", "où", "à"} <= STOP_WORDS, sorted(STOP_WORDS)
    entries = article("blog/1/", "Titre", {"Titre": "<p>Court.</p>", "Suite": long_section("« où »", "dès")})
    index = build_search_index(entries, SEPARATOR, STOP_WORDS)
    assert not {"les", "où", "à", "l"} & set(index.engine["words"])
    assert "dès" in index.engine["words"]
    assert index.engine["stop_words"] == sorted(STOP_WORDS)


def test_stop_words_of_a_file_without_a_list() -> None:
    assert read_stop_words("lunr.fr = function () {};") == frozenset()


def test_hidden_topics_find_their_articles_without_being_shown() -> None:
    entries = article("blog/1/", "Titre", {"Titre": "<p>Texte.</p>"}, tags=["Article", "Prospection"])
    index = build_search_index(entries, SEPARATOR, hidden={"Article"})
    assert index.docs[0]["tags"] == ["Prospection"]
    assert holders(index, "article") == {0: IN_TOPICS}
    only_hidden = build_search_index(
        article("blog/2/", "Titre", {"Titre": "<p>Texte.</p>"}, tags=["Article"]), SEPARATOR, hidden={"Article"}
    )
    assert "tags" not in only_hidden.docs[0]


def test_the_synonyms_of_a_page_s_topics_find_it() -> None:
    entries = article("blog/1/", "Titre", {"Titre": "<p>Le prospect.</p>"}, tags=["Prospection"])
    synonyms = {"Prospection": ("démarchage", "Cold calling", "prospect"), "Autre": ("absent",)}
    index = build_search_index(entries, SEPARATOR, STOP_WORDS, synonyms=synonyms)
    assert holders(index, "démarchage") == {0: IN_SYNONYMS}
    assert holders(index, "cold") == {0: IN_SYNONYMS}
    # A synonym the page holds: found as the text's word too.
    assert holders(index, "prospect") == {0: IN_TEXT | IN_SYNONYMS}
    assert "absent" not in index.engine["words"]


def test_the_passages_folder_is_named_after_their_content() -> None:
    entries = article("blog/1/", "Titre", {"Titre": "<p>Texte.</p>"})
    first = build_search_index(entries, SEPARATOR)
    again = build_search_index(article("blog/1/", "Titre", {"Titre": "<p>Texte.</p>"}), SEPARATOR)
    other = build_search_index(article("blog/1/", "Titre", {"Titre": "<p>Autre texte.</p>"}), SEPARATOR)
    assert first.passages_folder() == again.passages_folder() != other.passages_folder()
    assert re.fullmatch(r"passages/[0-9a-f]{12}", first.passages_folder())


def test_passages_are_the_text_a_reader_reads_still_escaped() -> None:
    assert passage_text("<p>Un &amp; deux</p><ul><li>trois</li><li>quatre&lt;5</li></ul>") == "Un &amp; deux trois quatre&lt;5"
    assert passage_text("<p>Ligne<br>suivante</p>") == "Ligne suivante"
    assert passage_text("<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>") == "&lt;script&gt;alert(1)&lt;/script&gt;"


def test_passages_handed_over_page_by_page_are_those_kept_otherwise() -> None:
    entries = [
        *article("blog/1/", "Un", {"Un": "<p>Premier texte.</p>", "Suite": "<p>Et la suite &amp; fin.</p>"}),
        *article("blog/2/", "Deux", {"Deux": "<p>Second texte.</p>"}),
    ]
    kept = build_search_index(entries, SEPARATOR)
    handed: list[tuple[int, list[list[str]]]] = []
    streamed = build_search_index(entries, SEPARATOR, page_passages=lambda number, sections: handed.append((number, sections)))
    assert handed == list(enumerate(kept.passages)) and streamed.passages == []
    assert streamed.passages_folder() == kept.passages_folder()
    assert (streamed.docs, streamed.engine) == (kept.docs, kept.engine)


@settings(max_examples=60, deadline=None)
@given(
    words=st.lists(st.text(max_size=6), max_size=40),
    stop_words=st.lists(st.text(max_size=3), max_size=3),
    chunk=st.integers(min_value=1, max_value=7),
)
def test_the_engine_written_a_part_at_a_time_reads_as_the_engine(words: list[str], stop_words: list[str], chunk: int) -> None:
    engine = {
        "version": ENGINE_VERSION,
        "words": words,
        "postings": [word[::-1] for word in words],
        "stop_words": stop_words,
        "passages": "p/x",
    }
    file = io.StringIO()
    with patch.object(search_index, "ENGINE_CHUNK", chunk):
        write_engine(engine, file)
    assert json.loads(file.getvalue()) == engine


def test_the_engine_joins_the_config_of_the_index_the_plugin_wrote(tmp_path: Path) -> None:
    engine = {"version": ENGINE_VERSION, "words": ["x<y", "été", "\u2019œ"], "passages": "passages/abc"}
    written = json.dumps(
        {"config": {"lang": ["fr"], "separator": "[\\s]+"}, "docs": [{"location": "", "title": "A", "text": "é"}]}, separators=(",", ":")
    )
    for text in (written, json.dumps(json.loads(written), indent=1), '{"config":{},"docs":[]}'):
        index, engine_file = tmp_path / "search_index.json", tmp_path / ENGINE_FILE
        index.write_text(text, encoding="utf-8")
        with engine_file.open("w", encoding="utf-8") as file:
            write_engine(engine, file)
        join_engine(index, engine_file)
        data = json.loads(index.read_text(encoding="utf-8"))
        assert data["config"] == {"engine": engine, **json.loads(text)["config"]}, text
        assert data["docs"] == json.loads(text)["docs"]
        assert sorted(path.name for path in tmp_path.iterdir()) == ["search_index.json"], "the engine's file is left behind"


def _background_writer():  # type: ignore[no-untyped-def]
    return load_hook("search_scope", "search_scope_under_test").BackgroundWriter


def test_passages_written_in_the_background_are_all_there(tmp_path: Path) -> None:
    writer_class = _background_writer()
    texts = {f"{number}.json": f'[["blog/{number}/","é{number}"]]' * (number % 7) for number in range(3 * writer_class.PENDING)}
    with writer_class() as writer:
        for name, text in texts.items():
            writer.write(tmp_path / name, text)
    assert {path.name: path.read_text(encoding="utf-8") for path in tmp_path.iterdir()} == texts


def test_a_passage_that_cannot_be_written_fails_the_index_once_the_others_are_written(tmp_path: Path) -> None:
    writer_class = _background_writer()
    with pytest.raises(FileNotFoundError), writer_class() as writer:
        writer.write(tmp_path / "absent" / "0.json", "[]")
        for number in range(1, 100):
            writer.write(tmp_path / f"{number}.json", "[]")
    assert len(list(tmp_path.glob("*.json"))) == 99
    # An error of the index itself is the one raised.
    with pytest.raises(KeyError), writer_class() as writer:
        writer.write(tmp_path / "absent" / "1.json", "[]")
        raise KeyError("location")
