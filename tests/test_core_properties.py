"""Properties of the normalisation core, on generated articles.

(a) idempotence: normalising ``article.to_markdown(for_build=False)`` again
    gives the same meta and the same body;
(b) unknown keys are reported and left out; body text is preserved, apart from the repaired
    constructs (broken images), and code is never touched;
(c) no exception escapes, whatever the text or bytes.

Generated articles use the rule's key aliases, spelt the messy ways writers
spell them, with values in the forms the rules accept (and some they do not).
"""

from __future__ import annotations

import datetime as dt
import json
import unicodedata

import pytest
import yaml
from hypothesis import HealthCheck, Phase, example, given, settings
from hypothesis import strategies as st

from articles import SiteContext, normalize_article, normalize_collection
from articles.authors import AuthorRegistry
from articles.dates import parse_date
from sitebuild import comparable

PATH = "blog/posts/propriete.md"
AUTHORS = {"amelie": "Amélie", "paul-martin": "Paul Martin", "helene": "Hélène Dupont"}
EXISTING_ASSETS = frozenset({"blog/posts/img/photo.jpg", "assets/images/couverture.jpg"})
# Front matter the core cannot read: the article has no meta to compare.
UNREADABLE = {"yaml_invalid", "toml_invalid", "front_matter_unclosed", "front_matter_not_mapping", "binary_file"}

NB, NNB = "\u00a0", "\u202f"
# Generating a whole article costs ~25 ms; shrinking one costs minutes. The
# structured tests therefore report their failing example unshrunk (the
# assertion shows the text written back), and the small tests further down
# shrink the same failures to minimal examples. The file runs in < 20 s.
STRUCTURED = settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow], phases=[Phase.explicit, Phase.reuse, Phase.generate]
)
QUICK = settings(
    max_examples=80,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink],
)


def context() -> SiteContext:
    return SiteContext(authors=AuthorRegistry(dict(AUTHORS)), asset_exists=EXISTING_ASSETS.__contains__)


# Strategies: keys ------------------------------------------------------------------

ALIASES = {
    "title": ["title", "titre"],
    "date": ["date", "publié le", "published", "publication"],
    "authors": ["author", "auteur", "authors", "auteurs", "par"],
    "categories": ["categories", "category", "catégorie", "catégories", "rubrique"],
    "tags": ["tags", "tag", "mots-clés", "mots clés", "keywords", "étiquettes"],
    "readtime": ["readtime", "read", "reading time", "temps de lecture", "durée de lecture", "durée"],
    "description": ["description", "résumé", "excerpt", "exerpt", "summary", "chapô"],
    "image": ["image", "cover", "illustration", "visuel"],
    "draft": ["draft", "brouillon"],
    "slug": ["slug"],
}
UNKNOWN_NAMES = ["layout", "sous-titre", "seo", "lang", "ordre", "couleur", "hero", "template", "comments", "source"]


def _fold(text: str) -> str:
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


@st.composite
def spelt(draw, alias: str) -> str:
    """An alias as a writer types it: case, accents, separators."""
    key = alias
    if draw(st.booleans()):
        key = _fold(key)
    key = draw(st.sampled_from([key, key.upper(), key.capitalize(), key.title()]))
    separator = draw(st.sampled_from([" ", "_", "-", ""]))
    return key.replace(" ", separator).replace("-", separator) if " " in key or "-" in key else key


unknown_key = st.builds(
    lambda name, suffix: f"{name}_{suffix}", st.sampled_from(UNKNOWN_NAMES), st.text(alphabet="qwxz", min_size=2, max_size=5)
)

# Strategies: values ------------------------------------------------------------------

FRENCH = "abcdefghijklmnopqrstuvwxyzéèêàâçôûîïœABCDEÉÀÇ0123456789"
words = st.text(alphabet=FRENCH, min_size=1, max_size=12)
sentence = st.lists(words, min_size=1, max_size=10).map(" ".join)
long_sentence = st.lists(words, min_size=40, max_size=120).map(" ".join)
messy_text = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\x7f"), max_size=60)
MONTHS = [
    "janvier",
    "janv.",
    "février",
    "févr.",
    "mars",
    "avril",
    "avr.",
    "mai",
    "juin",
    "juillet",
    "juil.",
    "août",
    "septembre",
    "sept.",
    "octobre",
    "oct.",
    "novembre",
    "nov.",
    "décembre",
    "déc.",
]
MONTH_NUMBER = [1, 1, 2, 2, 3, 4, 4, 5, 6, 7, 7, 8, 9, 9, 10, 10, 11, 11, 12, 12]
WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]


@st.composite
def written_date(draw) -> tuple[str, dt.date | dt.datetime]:
    """(a date as writers write it, the date it means)."""
    day = draw(st.dates(dt.date(1990, 1, 1), dt.date(2100, 12, 31)))
    form = draw(st.integers(0, 7))
    if form == 0:
        return day.isoformat(), day
    if form == 1:
        return f"{day.day:02d}/{day.month:02d}/{day.year}", day
    if form == 2:
        return f"{day.day}-{day.month}-{day.year}", day
    names = [name for name, number in zip(MONTHS, MONTH_NUMBER, strict=True) if number == day.month]
    month = draw(st.sampled_from(names))
    number = "1er" if day.day == 1 else str(day.day)
    if form == 3:
        return f"{number} {month} {day.year}", day
    if form == 4:
        return f"{WEEKDAYS[day.weekday()]} {number} {month} {day.year}", day
    moment = dt.datetime(day.year, day.month, day.day, draw(st.integers(0, 23)), draw(st.integers(0, 59)))
    if form == 5:
        return moment.isoformat(), moment
    if form == 6:
        return moment.isoformat() + draw(st.sampled_from(["Z", "+01:00", "+02:00", "-05:00"])), moment
    return moment.strftime("%Y-%m-%d %H:%M"), moment


author_names = st.sampled_from(
    ["Amelie", "amélie", "AMÉLIE", "Paul Martin", "paul-martin", "helene", "Hélène Dupont", "Zoé Lefèvre", "Jean Dupuis", "Paul"]
)
terms = st.lists(
    st.sampled_from(
        [
            "IA",
            "ia",
            "Intelligence  artificielle",
            "Vente",
            "vente ",
            "Événementiel",
            "evenementiel",
            "CRM",
            " Relation client",
            "",
            "Marketing digital",
        ]
    )
    | words,
    max_size=6,
)
VALUES = {
    "title": st.one_of(sentence, long_sentence, messy_text, st.integers(0, 3000)),
    "date": st.one_of(written_date().map(lambda pair: pair[0]), messy_text),
    "authors": st.one_of(
        author_names,
        st.lists(author_names, max_size=4),
        st.lists(author_names, min_size=2, max_size=4).flatmap(
            lambda names: st.sampled_from([", ", " et ", " & "]).map(lambda sep: sep.join(names))
        ),
    ),
    "categories": st.one_of(terms, terms.flatmap(lambda ts: st.sampled_from([",", ";", " ; "]).map(lambda s: s.join(ts)))),
    "tags": st.one_of(terms, terms.flatmap(lambda ts: st.sampled_from([",", ";", " ; "]).map(lambda s: s.join(ts))), st.none()),
    "readtime": st.one_of(
        st.integers(1, 120),
        st.integers(1, 120).flatmap(lambda n: st.sampled_from([f"{n}", f"{n} min", f"{n} minutes", f"{n}mn", f"{n} min."])),
        messy_text,
    ),
    "description": st.one_of(sentence, long_sentence, messy_text),
    "image": st.sampled_from(
        ["img/photo.jpg", "/assets/images/couverture.jpg", "img/absente.jpg", "https://exemple.fr/a.png", "../../../etc/passwd"]
    ),
    "draft": st.sampled_from([True, False, "oui", "non", "yes", "no", 1, 0, "1", "peut-être"]),
    "slug": st.one_of(sentence, messy_text),
}
scalar = st.one_of(st.none(), st.booleans(), st.integers(-(10**6), 10**6), messy_text, st.text(alphabet=FRENCH + " \n-.:#", max_size=40))
unknown_value = st.recursive(scalar, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(words, inner, max_size=3), max_leaves=8)


SHORT_VALUES = {**VALUES, "title": sentence, "description": sentence}


@st.composite
def front_matter(draw, *, long_values: bool = True) -> tuple[dict[str, object], dict[str, object]]:
    """(every key as written -> value, the unknown keys among them)."""
    values = VALUES if long_values else SHORT_VALUES
    data: dict[str, object] = {}
    for canonical in draw(st.lists(st.sampled_from(sorted(ALIASES)), unique=True, max_size=len(ALIASES))):
        key = draw(spelt(draw(st.sampled_from(ALIASES[canonical]))))
        if key.strip().lower() == "published" and canonical == "date":
            value = draw(st.one_of(written_date().map(lambda pair: pair[0]), st.sampled_from([False, "non", "false"])))
        else:
            value = draw(values[canonical])
        data.setdefault(key, value)
    unknown = draw(st.dictionaries(unknown_key, unknown_value, max_size=4))
    data.update(unknown)
    return data, unknown


def as_yaml(data: dict[str, object]) -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10**6) + "---\n"


def _toml_value(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        items = [_toml_value(item) for item in value]
        return None if None in items else "[" + ", ".join(items) + "]"
    if isinstance(value, dict):
        items = [(json.dumps(str(k), ensure_ascii=False), _toml_value(v)) for k, v in value.items()]
        return None if any(v is None for _, v in items) else "{" + ", ".join(f"{k} = {v}" for k, v in items) + "}"
    return None


def as_toml(data: dict[str, object]) -> tuple[str, set[str]]:
    """TOML text, and the keys TOML could hold (it has no null)."""
    lines, kept = [], set()
    for key, value in data.items():
        written = _toml_value(value)
        if written is not None:
            lines.append(f"{json.dumps(key, ensure_ascii=False)} = {written}")
            kept.add(key)
    return "+++\n" + "\n".join(lines) + "\n+++\n", kept


# Strategies: bodies ------------------------------------------------------------------

alt_text = st.text(alphabet=FRENCH + " '-", max_size=20)
source = st.builds(
    lambda d, n, e: f"{d}{n}.{e}",
    st.sampled_from(["img/", "", "../img/", "https://exemple.fr/"]),
    st.text(alphabet="abcdefghij0123456789-_", min_size=1, max_size=10),
    st.sampled_from(["png", "jpg", "svg"]),
)
image_title = st.one_of(st.just(""), st.text(alphabet=FRENCH + " '", max_size=15).map(lambda t: f' "{t}"'))
gap = st.sampled_from(["", " ", "  ", "\t"])


@st.composite
def broken_image(draw) -> tuple[str, str]:
    """(image markup as written, the image it must become)."""
    alt, src, title = draw(alt_text), draw(source), draw(image_title)
    g1, g2, inner = draw(gap), draw(gap), draw(st.sampled_from(["", " "]))
    written = f"!{g1}[{alt}]{g2}({inner}{src}{title}{inner})"
    return written, f"![{alt}]({src}{title})"


punctuated = st.builds(
    lambda text, mark, space: f"{text}{space}{mark}", sentence, st.sampled_from(list("?:;!")), st.sampled_from([NB, NNB])
)


@st.composite
def body_piece(draw) -> tuple[str, str]:
    """(Markdown as written, Markdown as the canonical body must have it)."""
    kind = draw(st.integers(0, 6))
    if kind == 0:
        text = draw(sentence)
        return text, text
    if kind == 1:
        text = draw(punctuated)
        return text, text
    if kind == 2:
        return draw(broken_image())
    if kind == 3:  # a broken image inside a sentence
        before, after = draw(sentence), draw(sentence)
        written, repaired = draw(broken_image())
        return f"{before} {written} {after}", f"{before} {repaired} {after}"
    if kind == 4:  # fenced code: untouched
        fence = draw(st.sampled_from(["```", "~~~", "````", "```markdown"]))
        inside = "\n".join(draw(st.lists(broken_image().map(lambda pair: pair[0]) | sentence, min_size=1, max_size=3)))
        closing = fence.rstrip("markdown")
        block = f"{fence}\n{inside}\n{closing}"
        return block, block
    if kind == 5:  # inline code: untouched
        written = draw(broken_image())[0]
        text = f"{draw(sentence)} `{written}` {draw(sentence)}"
        return text, text
    # Level-1 headings move under the title (test_headings_move_below_a_title_they_are_not).
    heading = f"{draw(st.sampled_from(['##', '###']))} {draw(sentence)}"
    return heading, heading


bodies = st.lists(body_piece(), max_size=8).map(
    lambda pieces: ("\n\n".join(w for w, _ in pieces) + "\n", "\n\n".join(e for _, e in pieces) + "\n")
)


# (a) Idempotence ----------------------------------------------------------------------


def _assert_idempotent(text: str | bytes, *, body: bool = True) -> None:
    first = normalize_article(PATH, text, context())
    if {p.code for p in first.problems} & UNREADABLE:
        return  # no canonical article to write back
    again = first.to_markdown(for_build=False)
    second = normalize_article(PATH, again, context())
    assert comparable(second.meta) == comparable(first.meta), again
    if body:
        assert second.body == first.body, again


@given(front_matter(), bodies)
@STRUCTURED
def test_idempotent_structured_yaml(front, body) -> None:
    data, _ = front
    _assert_idempotent(as_yaml(data) + body[0])


@given(front_matter(), bodies)
@STRUCTURED
def test_idempotent_structured_toml(front, body) -> None:
    data, _ = front
    _assert_idempotent(as_toml(data)[0] + body[0])


@given(st.text(max_size=300))
@QUICK
def test_idempotent_arbitrary_text(text: str) -> None:
    _assert_idempotent(text)


@given(st.text(max_size=150), st.text(max_size=150), st.sampled_from(["---", "+++"]))
@QUICK
def test_idempotent_arbitrary_front_matter(front: str, body: str, delimiter: str) -> None:
    _assert_idempotent(f"{delimiter}\n{front}\n{delimiter}\n{body}")


@given(sentence, sentence)
@QUICK
def test_idempotent_title_from_heading(title: str, text: str) -> None:
    _assert_idempotent(f"---\ndate: 2022-01-01\n---\n# {title}\n\n{text}\n", body=False)


@given(st.sampled_from(["---\ntitle: T\ndate: 2022-01-01\n---\n", "---\ntitle: T\ndate: 2022-01-01\n---\n\n", ""]), bodies)
@QUICK
def test_idempotent_body(front: str, body) -> None:
    _assert_idempotent(front + body[0])


@pytest.mark.parametrize("key", ["title", "description", "tags", "catégories"])
@given(text=st.lists(words, min_size=10, max_size=250).map(" ".join))
@example(text=" ".join(["abcd"] * 300))
@STRUCTURED
def test_idempotent_long_values(key: str, text: str) -> None:
    """Long values are cut somewhere; what is written back must read back the same."""
    _assert_idempotent(f"---\ndate: 2022-01-01\n{key}: {json.dumps(text)}\n---\nTexte.\n", body=False)


@pytest.mark.parametrize("key", ["title", "description", "tags", "catégories", "auteurs"])
@pytest.mark.parametrize("value", ["\\x17\\x16", "\\x17 \\x16", "Vente \\x0b B2B", "a\\x17 ", "[\\x17, Vente]"])
def test_idempotent_control_characters(key: str, value: str) -> None:
    """Control characters leave metadata; what remains (blanks, a double
    space, nothing) must read back the same. Found by test_fuzz.py: a tag of
    control characters alone became an empty tag, dropped on the next pass."""
    written = f'["{value[1:-1]}"]' if value.startswith("[") else f'"{value}"'
    _assert_idempotent(f"---\ndate: 2022-01-01\n{key}: {written}\n---\n# \x17 \x16\n\nTexte.\n", body=False)


@given(front_matter(long_values=False), sentence, bodies)
@STRUCTURED
def test_idempotent_meta_ignoring_known_differences(front, title, body) -> None:
    """Diagnostic companion of the tests above, so that the differences they
    already show (leading blank lines of the body, a title taken from a
    heading, values cut at a space) do not hide another one: a title is always
    given, values are short, leading blank lines are ignored."""
    data, _ = front
    data = {"titre": title, **data}
    first = normalize_article(PATH, as_yaml(data) + body[0], context())
    second = normalize_article(PATH, first.to_markdown(for_build=False), context())
    assert comparable(second.meta) == comparable(first.meta)
    assert second.body.lstrip("\n") == first.body.lstrip("\n")


# (b) Preservation ----------------------------------------------------------------------


@given(front_matter(), bodies)
@STRUCTURED
def test_unknown_keys_and_body_preserved_yaml(front, body) -> None:
    data, unknown = front
    written, expected = body
    article = normalize_article(PATH, as_yaml(data) + written, context())
    # Unknown keys never reach the templates: each is reported on its line.
    reported = {dict(p.values)["key"] for p in article.problems if p.code in ("key_unused", "value_too_deep") and p.line}
    for key in unknown:
        assert key not in article.meta and key in reported, key
    assert article.body == expected


@given(front_matter(), bodies)
@STRUCTURED
def test_unknown_keys_and_body_preserved_toml(front, body) -> None:
    data, unknown = front
    written, expected = body
    text, kept = as_toml(data)
    article = normalize_article(PATH, text + written, context())
    reported = {dict(p.values)["key"] for p in article.problems if p.code in ("key_unused", "value_too_deep") and p.line}
    for key in kept & set(unknown):
        assert key not in article.meta and key in reported, key
    assert article.body == expected


@given(bodies)
@QUICK
def test_body_without_front_matter_preserved(body) -> None:
    written, expected = body
    article = normalize_article("blog/posts/2022-01-01-sans-en-tete.md", written, context())
    assert article.body == expected


@given(bodies)
@QUICK
def test_build_body_keeps_code_and_text(body) -> None:
    """Without missing images, the build body is the body plus the excerpt separator."""
    written, expected = body
    article = normalize_article(PATH, "---\ntitle: T\ndate: 2022-01-01\n---\n" + written, SiteContext(asset_exists=None))
    assert article.build_body.replace("\n\n<!-- more -->", "", 1) == expected


@given(st.booleans(), st.lists(st.tuples(st.sampled_from(["#", "##", "###", "######"]), sentence), min_size=1, max_size=6))
@QUICK
def test_headings_move_below_a_title_they_are_not(title_first: bool, headings: list[tuple[str, str]]) -> None:
    """A level-1 heading hides the article's title on its page: when one is
    not the title, every heading goes one level down, but the title's."""
    title = "Le titre de l'article"
    written = [("#", title)] * title_first + headings
    text = "---\ntitle: Le Titre de l’article\ndate: 2022-01-01\n---\n" + "\n\n".join(f"{marks} {words}" for marks, words in written) + "\n"
    article = normalize_article(PATH, text, context())
    moved = any(marks == "#" for marks, _words in headings)
    expected = [("#", title)] * title_first + [(marks + "#" * (moved and len(marks) < 6), words) for marks, words in headings]
    assert article.body == "\n\n".join(f"{marks} {words}" for marks, words in expected) + "\n"
    assert article.build_body.replace("\n\n<!-- more -->", "", 1) == article.body
    told = [p for p in article.problems if p.code == "headings_below_title"]
    assert len(told) == moved
    if moved:
        first = next(index for index, (marks, _words) in enumerate(headings) if marks == "#")
        assert told[0].line == 5 + 2 * (first + title_first)
    _assert_idempotent(text)


# (c) No exception ---------------------------------------------------------------------


prefixes = st.sampled_from(["", "---\n", "+++\n", "\ufeff---\r\n", "\n\n---\n", "---\ntitle: ", "+++\ntitle = "])


@given(prefixes, st.text(max_size=400))
@QUICK
def test_no_exception_on_text(prefix: str, text: str) -> None:
    article = normalize_article(PATH, prefix + text, context())
    article.to_markdown()
    article.to_markdown(for_build=False)
    assert all(problem.message for problem in article.problems)


@given(st.binary(max_size=400))
@QUICK
def test_no_exception_on_bytes(raw: bytes) -> None:
    article = normalize_article(PATH, raw, context())
    article.to_markdown()


@given(prefixes, st.binary(max_size=300))
@QUICK
def test_no_exception_on_prefixed_bytes(prefix: str, raw: bytes) -> None:
    article = normalize_article(PATH, prefix.encode() + raw, context())
    article.to_markdown()


@given(
    st.lists(
        st.tuples(
            st.sampled_from(["blog/posts/a.md", "blog/posts/b.md", "blog/posts/2022-01-01-c.md"]),
            st.one_of(st.text(max_size=200), front_matter().map(lambda f: as_yaml(f[0]))),
        ),
        max_size=4,
    )
)
@STRUCTURED
def test_no_exception_on_collections(sources) -> None:
    articles = normalize_collection(sources, context())
    assert len(articles) == len(sources)
    for article in articles:
        article.to_markdown()


# Dates as writers write them ---------------------------------------------------------


@given(written_date())
@QUICK
def test_written_dates_round_trip(pair) -> None:
    written, meant = pair
    assert parse_date(written) == meant


@pytest.mark.parametrize("line_break", ["\\N", "\\L", "\\P", "\\r", "\\n"])
def test_line_breaks_in_quoted_values_read_back_the_same(line_break: str) -> None:
    # Found by the fuzzer: NEL ("\N" in YAML) was kept in a title and
    # written back as a line break, which reads as a space.
    _assert_idempotent(f'---\ntitre: "Réunion{line_break}commerciale"\ndate: 2021-03-04\ntags: "a{line_break}b"\n---\nTexte\n')
    article = normalize_article(PATH, f'---\ntitre: "Réunion{line_break}commerciale"\ndate: 2021-03-04\n---\n', context())
    assert article.meta["title"] == "Réunion commerciale"


_ANY_TEXT = st.text(
    st.characters(blacklist_categories=()), max_size=40
)  # every character, controls, surrogates and YAML line breaks included
_SIMPLE_VALUES = st.one_of(st.booleans(), st.integers(-(10**6), 10**6), st.dates(), _ANY_TEXT, st.lists(_ANY_TEXT, max_size=4))


@given(
    st.dictionaries(
        st.sampled_from(["title", "date", "authors", "tags", "readtime", "draft", "slug", "campagne"]),
        st.one_of(_SIMPLE_VALUES, st.dictionaries(_ANY_TEXT, _SIMPLE_VALUES, max_size=2)),
        max_size=8,
    )
)
@QUICK
def test_front_matter_reads_back_the_same(meta: dict) -> None:
    from articles.normalize import _front_matter_text, _plain

    written = _front_matter_text(meta)
    # An empty front matter reads as None: the core takes it as {}.
    read = yaml.safe_load(written) or {}
    # _plain: line separators become "\n", lone surrogates U+FFFD.
    assert read == _plain(meta), written
    assert list(read.keys()) == list(meta.keys())
    # Both loaders read the copy: MkDocs' pure-Python one, the core's C one.
    assert (yaml.load(written, Loader=yaml.CSafeLoader) or {}) == read


# Text that YAML would read as something else if written plain.
_MISREADABLE = [
    "2021-03-04", "2021-03-04 10:00:00", "yes", "No", "on", "null", "~", "", " ", "123", "0o17", "1e3", ".inf", "-",
    "- a", ": b", "a: b", "#c", "a #c", "[x]", "{x: 1}", "&ancre", "*alias", "!tag", "|", ">", "'", '"', "%", "@", "`",
    " espace devant", "espace derrière ", "a\nb", "a\tb", "\ufeffBOM", "\x00\x07\x1b\x7f\x9f", "\ufffe\uffff",
    "mot  double  espace " * 80, "«\u202fguillemets\u202f»",
]  # fmt: skip


@pytest.mark.parametrize("text", _MISREADABLE)
def test_front_matter_text_that_yaml_could_misread_reads_back_as_text(text: str) -> None:
    from articles.normalize import _front_matter_text

    meta = {"title": text, "date": dt.date(2021, 3, 4), "tags": [text, "b"], "draft": False, "readtime": 3, "campagne": {text: [text]}}
    written = _front_matter_text(meta)
    assert yaml.safe_load(written) == meta, written
    assert yaml.load(written, Loader=yaml.CSafeLoader) == meta, written


def test_front_matter_writes_dates_as_dates_in_the_order_given() -> None:
    from articles.normalize import _front_matter_text

    meta = {"title": "T", "date": dt.date(2021, 3, 4), "tags": [], "draft": True, "zeta": 1, "alpha": dt.date(2020, 1, 2)}
    written = _front_matter_text(meta)
    assert "\ndate: 2021-03-04\n" in written and "\nalpha: 2020-01-02\n" in written, written
    assert [line.split(":")[0] for line in written.splitlines()] == list(meta), written
    assert _front_matter_text({}) == ""


@pytest.mark.parametrize(("written", "read"), [("a\x85b", "a\nb"), ("a\u2028b", "a\nb"), ("a\u2029b", "a\nb"), ("a\ud800b", "a\ufffdb")])
def test_front_matter_line_separators_and_lone_surrogates(written: str, read: str) -> None:
    from articles.normalize import _front_matter_text

    text = _front_matter_text({"title": written, written: [written]})
    assert yaml.safe_load(text) == {"title": read, read: [read]}, text
    text.encode("utf-8")  # a lone surrogate cannot reach the file
