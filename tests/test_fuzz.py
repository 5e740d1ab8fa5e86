"""Fuzzing ``articles.normalize_article``: 10,000 generated inputs in CI.

- structured articles: front matter mappings whose keys are drawn from the
  aliases of ``articles/keys.py`` and from random names, with random scalars,
  lists, mappings, dates and strings, rendered as YAML (clean or written by
  hand, so sometimes invalid) or TOML, over a Markdown-ish body of images,
  links, code fences, headings and stray markup;
- raw text, with or without front matter delimiters;
- raw bytes.

For every input no exception escapes; when the article has no error, it is
idempotent: normalising ``article.to_markdown(for_build=False)`` again gives
the same meta and the same body (and no error).

Shrinking a structured failure can take minutes, so the structured test
reports its failing example as generated; the raw tests shrink.
"""

from __future__ import annotations

import datetime as dt
import json
import math
import time
from collections import Counter
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from articles import Article, SiteContext, normalize_article
from articles.keys import ALIASES
from articles.messages import MESSAGES
from articles.site import make_context, read_authors, read_taxonomy
from sitebuild import comparable

ROOT = Path(__file__).resolve().parent.parent
_AUTHORS = read_authors(ROOT / "docs/blog/.authors.yml")
_TAGS, _CATEGORIES = read_taxonomy(ROOT / "docs/taxonomy.yml")
_ASSETS = frozenset({"blog/posts/img/photo.jpg", "assets/images/logo.svg", "blog/posts/img/mon image.png"})
PATHS = [
    "blog/posts/fuzz.md",
    "blog/posts/2021-03-04-article-genere.md",
    "blog/posts/sous dossier/l'été « x ».md",
    "blog/posts/2099-13-45-date-fausse.md",
    "blog/posts/-_-.md",
]

COMMON = dict(
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much, HealthCheck.large_base_example],
)
# In CI (hypothesis profile "ci", tests/conftest.py): 1,500 + 1,500 structured
# articles (~10 ms each, mostly drawing them) and 3,500 + 3,500 raw inputs
# (~1 ms each), 10,000 inputs in about a minute. Elsewhere, a quick pass.
FULL = settings.get_current_profile_name() == "ci"
STRUCTURED = settings(max_examples=1_500 if FULL else 100, phases=[Phase.explicit, Phase.reuse, Phase.generate], **COMMON)
RAW = settings(max_examples=3_500 if FULL else 100, **COMMON)

# Inputs actually normalised, per test (shown with -s).
EXAMPLES: Counter[str] = Counter()


def context() -> SiteContext:
    # A fresh context for each article: tag registries learn the forms they see.
    return make_context(_AUTHORS, _TAGS, _CATEGORIES, _ASSETS.__contains__, "{date}/{slug}")


def first_difference(first: object, second: object, where: str = "meta") -> str:
    """Where two values first differ, for a readable failure."""
    if isinstance(first, dict) and isinstance(second, dict):
        for key in list(first) + [key for key in second if key not in first]:
            if key not in second:
                return f"{where}[{key!r}] is gone (was {first[key]!r})"[:500]
            if key not in first:
                return f"{where}[{key!r}] appeared: {second[key]!r}"[:500]
            if comparable(first[key]) != comparable(second[key]):
                return first_difference(first[key], second[key], f"{where}[{key!r}]")
        if list(first) != list(second):
            return f"{where}: keys reordered {list(first)!r} -> {list(second)!r}"[:500]
    if isinstance(first, list) and isinstance(second, list) and len(first) == len(second):
        for index, (a, b) in enumerate(zip(first, second, strict=True)):
            if comparable(a) != comparable(b):
                return first_difference(a, b, f"{where}[{index}]")
    return f"{where}: {first!r} -> {second!r}"[:500]


def check(path: str, raw: str | bytes, kind: str) -> Article:
    """Normalise ``raw``; no exception, well-formed problems, idempotent when valid."""
    EXAMPLES[kind] += 1
    first = normalize_article(path, raw, context())
    for problem in first.problems:
        assert problem.code in MESSAGES, problem
        assert problem.line is None or (isinstance(problem.line, int) and problem.line >= 1), problem
    if not first.ok:
        return first
    written = first.to_markdown(for_build=False)
    first.to_markdown(for_build=True)
    second = normalize_article(path, written, context())
    errors = [str(problem) for problem in second.problems if problem.severity.value == "erreur"]
    assert not errors, f"the normalised article has errors: {errors}\n--- written back:\n{written}"
    assert comparable(second.meta) == comparable(first.meta), (
        f"meta changed on the second pass: {first_difference(first.meta, second.meta)}\n--- written back:\n{written[:3000]}"
    )
    assert second.body == first.body, f"body changed on the second pass:\n first: {first.body!r}\nsecond: {second.body!r}"
    return first


# Strategies: keys ----------------------------------------------------------------------------

ALL_ALIASES = sorted({alias for aliases in ALIASES.values() for alias in aliases} | set(ALIASES))
RESERVED = [
    "template",
    "links",
    "hide",
    "search",
    "subtitle",
    "icon",
    "status",
    "pin",
    "comments",
    "meta",
    "null",
    "true",
    "123",
    "<script>",
    "a: b",
    "#",
    "-",
    "? x",
    "&ancre",
    "*alias",
    "clé avec espaces",
]


@st.composite
def alias_key(draw) -> str:
    """An alias as writers type it: case, separators, sometimes a typo."""
    key = draw(st.sampled_from(ALL_ALIASES))
    key = draw(st.sampled_from([key, key.upper(), key.capitalize(), key.replace(" ", "_"), key.replace(" ", "-"), f" {key} "]))
    if draw(st.integers(0, 9)) == 0 and len(key) > 3:
        position = draw(st.integers(0, len(key) - 2))
        key = key[:position] + key[position + 1] + key[position] + key[position + 2 :]  # swapped letters
    return key


keys = st.one_of(alias_key(), st.sampled_from(RESERVED), st.text(min_size=1, max_size=12))

# Strategies: values --------------------------------------------------------------------------

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=24)
WRITTEN = [
    "2021-03-04",
    "2021-02-30",
    "15/03/2024",
    "1er mars 2021",
    "lundi 4 janvier 2021",
    "2021-03-04T10:00:00+02:00",
    "0001-01-01",
    "9999-12-31",
    "1900-13-45",
    "5 min",
    "1h30",
    "environ 3 minutes",
    "oui",
    "non",
    "peut-être",
    "javascript:alert(1)",
    "../../../etc/passwd",
    "/etc/passwd",
    "file:///etc/passwd",
    "img/photo.jpg",
    "img/absente.png",
    "https://example.com/x.png",
    "<b>gras</b>",
    '"guillemets"',
    "Vente, Marketing; CRM",
    "Amélie et Paul",
    "{{ 7*7 }}",
    "",
    "   ",
    "\u202eabc\u200b",
    "a\tb",
    "ligne\nsuivante",
    "#dièse",
    "a: b",
]
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(-5, 3000),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.datetimes(timezones=st.one_of(st.none(), st.timezones())),
    texts,
    st.sampled_from(WRITTEN),
)
values = st.recursive(
    scalars,
    lambda children: st.one_of(st.lists(children, max_size=4), st.dictionaries(texts, children, max_size=3)),
    max_leaves=6,
)
front_data = st.dictionaries(keys, values, max_size=7)

# Strategies: body -------------------------------------------------------------------------------

words = st.text(alphabet="abcdeéèàçxyz ABC0123456789.,;:!?'’«»-_*()[]<>#`~/\\&\u00a0\u202f", max_size=30)
SOURCES = [
    "img/photo.jpg",
    "img/absente.png",
    "<img/mon image.png>",
    "../../../etc/passwd",
    "/etc/passwd",
    "file:///etc/passwd",
    "javascript:alert(1)",
    "https://example.com/x.png",
    "data:image/png;base64,AAAA",
    "img/photo.jpg#x",
    "img/photo.jpg?y=1",
    "autre-article.md",
    "../autre.md#ancre",
    "//evil.example/x.png",
]


@st.composite
def body_piece(draw) -> str:
    kind = draw(st.integers(0, 11))
    text, source = draw(words), draw(st.sampled_from(SOURCES))
    gap1, gap2, inner = (draw(st.sampled_from(["", " ", "  ", "\t"])) for _ in range(3))
    title = draw(st.sampled_from(["", ' "titre"', " 'titre'", ' "a"b"']))
    if kind == 0:
        return f"!{gap1}[{text}]{gap2}({inner}{source}{title}{inner})"
    if kind == 1:
        return f"[{text}]{gap2}({inner}{source}{title})"
    if kind == 2:
        fence = draw(st.sampled_from(["```", "~~~", "````", "  ```"]))
        closing = draw(st.sampled_from([f"\n{fence.strip()}", "", "\n```", "\n~~~~"]))
        return f"{fence}{draw(st.sampled_from(['', 'python', 'md']))}\n{text}\n![{text}]({source}){closing}"
    if kind == 3:
        return f"{draw(st.sampled_from(['#', '##', ' #', '#' * 7]))} {text}"
    if kind == 4:
        return f"`{text}` ![x]({source}) ``{text}``"
    if kind == 5:
        return draw(st.sampled_from(["<!-- more -->", "<figure markdown>", "</figure>", "<div>", "---", "+++", "...", "***"]))
    if kind == 6:
        return f"- {text}\n    ![{text}]({source})\n\n        code indenté ![x]({source})"
    if kind == 7:
        return f"[{text}][ref]\n\n[ref]: {source}"
    if kind == 8:
        return "![" * draw(st.integers(1, 50)) + "[" * draw(st.integers(0, 50)) + text
    return text


bodies = st.lists(body_piece(), max_size=6).flatmap(
    lambda pieces: st.sampled_from(["\n", "\n\n", "\r\n", "\n\n\n"]).map(lambda joiner: joiner.join(pieces))
)

# Rendering of a front matter -------------------------------------------------------------------


def as_yaml(data: dict[str, object]) -> str:
    return "---\n" + yaml.safe_dump(data, allow_unicode=True, sort_keys=False) + "---\n"


def _hand_value(value: object) -> str:
    if isinstance(value, (list, tuple)):
        return "[" + ", ".join(_hand_value(item) for item in value) + "]"
    if isinstance(value, dict):
        return "{" + ", ".join(f"{key}: {_hand_value(item)}" for key, item in value.items()) + "}"
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    return str(value)


def as_hand_written_yaml(data: dict[str, object], separator: str) -> str:
    """`key : value` lines as writers type them: unquoted, often invalid."""
    return "---\n" + "".join(f"{key}{separator}{_hand_value(value)}\n" for key, value in data.items()) + "---\n"


def _toml_value(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf") if math.isinf(value) else repr(value)
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        items = [_toml_value(item) for item in value]
        return "[" + ", ".join(item for item in items if item is not None) + "]"
    if isinstance(value, dict):
        items = {key: _toml_value(item) for key, item in value.items()}
        return (
            "{" + ", ".join(f"{json.dumps(str(key), ensure_ascii=False)} = {item}" for key, item in items.items() if item is not None) + "}"
        )
    return json.dumps(str(value), ensure_ascii=False)


def as_toml(data: dict[str, object]) -> str:
    lines = []
    for key, value in data.items():
        rendered = _toml_value(value)
        if rendered is not None:
            lines.append(f"{json.dumps(str(key), ensure_ascii=False)} = {rendered}")
    return "+++\n" + "\n".join(lines) + "\n+++\n"


@st.composite
def yaml_article(draw) -> tuple[str, str]:
    """A front matter PyYAML itself writes: always valid YAML."""
    prefix = draw(st.sampled_from(["", "\ufeff", "\n\n", "  \n"]))
    return draw(st.sampled_from(PATHS)), prefix + as_yaml(draw(front_data)) + draw(bodies)


@st.composite
def written_article(draw) -> tuple[str, str]:
    """A front matter typed by hand (YAML, often invalid), TOML, or none."""
    data = draw(front_data)
    style = draw(st.integers(0, 2))
    if style == 0:
        front = as_hand_written_yaml(data, draw(st.sampled_from([": ", " : ", ":\t"])))
    elif style == 1:
        front = as_toml(data)
    else:
        front = ""
    prefix = draw(st.sampled_from(["", "\ufeff", "\n\n", "  \n"]))
    return draw(st.sampled_from(PATHS)), prefix + front + draw(bodies)


# Tests ----------------------------------------------------------------------------------------------


@given(yaml_article())
@STRUCTURED
def test_structured_yaml(article: tuple[str, str]) -> None:
    path, text = article
    check(path, text, "yaml")


@given(written_article())
@STRUCTURED
def test_structured_hand_written_and_toml(article: tuple[str, str]) -> None:
    path, text = article
    check(path, text, "written")


@given(
    st.sampled_from(["", "---\n", "+++\n", "---\ntitle: T\ndate: 2021-01-01\n---\n", "\ufeff---\r\n"]),
    st.text(max_size=400),
    st.sampled_from(PATHS),
)
@RAW
def test_raw_text(prefix: str, text: str, path: str) -> None:
    check(path, prefix + text, "text")


@given(
    st.sampled_from([b"", b"---\n", b"+++\n", b"---\ntitle: T\ndate: 2021-01-01\n---\n", b"\xef\xbb\xbf---\n"]),
    st.binary(max_size=400),
    st.sampled_from(PATHS),
)
@RAW
def test_raw_bytes(prefix: bytes, raw: bytes, path: str) -> None:
    check(path, prefix + raw, "bytes")


# Failures the fuzzing found, pinned so that each one is reported on its own
# (a fuzz test stops at the first failure it meets).
FOUND = {
    # PyYAML raises AttributeError (not ValueError) on an explicit !!timestamp
    # tag it cannot read: articles/frontmatter.py _timestamp lets it escape.
    "explicit !!timestamp that is not a date": "---\ntitle: T\ndate: !!timestamp pas une date\n---\nTexte.\n",
    "!!timestamp with a seconds offset, as yaml.safe_dump writes it": (
        "---\ntitle: T\ndate: 2021-01-01\nvu: !!timestamp '2021-01-01 10:00:00+10:22:16'\n---\nTexte.\n"
    ),
    # U+0085, U+2028 and U+2029 are line breaks for YAML: Article.to_markdown
    # (yaml.safe_dump, allow_unicode=True) writes them raw in quoted scalars,
    # and they do not read back the same.
    "U+0085 (NEL) in an unknown field's value": '---\ntitle: T\ndate: 2021-01-01\nx: "a\\x85b"\n---\nTexte.\n',
    "U+2028 in an unknown field's value": '---\ntitle: T\ndate: 2021-01-01\nx: "a\\u2028b"\n---\nTexte.\n',
    "U+0085 as an unknown field's name": '---\ntitle: T\ndate: 2021-01-01\n"\\x85": 1\n---\nTexte.\n',
}


@pytest.mark.parametrize("text", FOUND.values(), ids=FOUND.keys())
def test_found_by_fuzzing(text: str) -> None:
    check("blog/posts/fuzz.md", text, "pinned")


@pytest.fixture(scope="module", autouse=True)
def _report_examples():
    start = time.perf_counter()
    yield
    total = sum(EXAMPLES.values())
    print(f"\nfuzz: {total} inputs normalised ({dict(EXAMPLES)}) in {time.perf_counter() - start:.0f} s")
