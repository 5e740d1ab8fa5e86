"""The benchmark's article generator (bench/generate_articles.py).

Checks the promises the benchmark relies on: the same seed gives the same
bytes, article i does not depend on how many are asked for, every article
stays within the rules the site accepts (readable front matter, a valid date,
a unique URL), and the mess is really varied.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import tomllib
import unicodedata
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from sitebuild import article_generator

GENERATOR_PATH = Path(__file__).resolve().parents[1] / "bench" / "generate_articles.py"
REPRODUCE = f"python {GENERATOR_PATH.relative_to(GENERATOR_PATH.parents[1])} --count 200 --seed 0 --out /tmp/posts"


generator = article_generator()


@cache
def _articles(n: int, seed: int = 0) -> tuple[tuple[str, bytes], ...]:
    return tuple(generator.generate(n, seed))


# ---------------------------------------------------------------------------
# Helper functions: an independent reading of the generated files
# ---------------------------------------------------------------------------

_MONTHS = {
    "janvier": 1,
    "janv": 1,
    "fevrier": 2,
    "fevr": 2,
    "mars": 3,
    "avril": 4,
    "avr": 4,
    "mai": 5,
    "juin": 6,
    "juillet": 7,
    "juil": 7,
    "aout": 8,
    "septembre": 9,
    "sept": 9,
    "octobre": 10,
    "oct": 10,
    "novembre": 11,
    "nov": 11,
    "decembre": 12,
    "dec": 12,
}
_WEEKDAYS = ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"]
_WRITTEN = re.compile(r"^(?:(?P<weekday>[a-z]+) )?(?P<day>\d{1,2})(?:er)? (?P<month>[a-z]+)\.? (?P<year>\d{4})$")
_YAML_KEY = re.compile(r"^(?P<key>[^\s:#\-][^:]*?)\s*:(?:\s|$)(?P<value>.*)$")
_TOML_KEY = re.compile(r'^(?:"(?P<quoted>[^"]+)"|(?P<bare>[A-Za-z0-9_-]+))\s*=\s*(?P<value>.*)$')


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.strip().casefold())
    return "".join(char for char in decomposed if not unicodedata.combining(char))


def _slugify(title: str) -> str:
    # The site's rule (articles/slugs.py): folded, hyphenated, cut at 80.
    slug = re.sub(r"[^a-z0-9]+", "-", _fold(title.replace("œ", "oe"))).strip("-")
    if len(slug) > 80:
        slug = slug[:80].rsplit("-", 1)[0]
    return slug


def _split(content: bytes) -> tuple[str, str, str]:
    """(format, front matter, body) with BOM and CRLF removed."""
    text = content.decode("utf-8").removeprefix("\ufeff").replace("\r\n", "\n")
    delimiter = text.split("\n", 1)[0]
    assert delimiter in ("---", "+++"), f"no front matter delimiter: {delimiter!r}"
    front, body = text[4:].split(f"\n{delimiter}\n", 1)
    return ("yaml" if delimiter == "---" else "toml"), front, body


def _fields(fmt: str, front: str) -> list[tuple[str, str]]:
    """Top-level (key as written, raw value) pairs."""
    pairs = []
    for line in front.split("\n"):
        if fmt == "yaml":
            found = _YAML_KEY.match(line)
            if found:
                pairs.append((found["key"], found["value"].strip()))
        else:
            found = _TOML_KEY.match(line)
            if found:
                pairs.append((found["quoted"] or found["bare"], found["value"].strip()))
    return pairs


def _field(fields: list[tuple[str, str]], aliases: set[str]) -> tuple[str, str] | None:
    matches = [(key, value) for key, value in fields if _fold(key) in aliases]
    assert len(matches) <= 1, f"key written twice: {matches}"
    return matches[0] if matches else None


def _unquote(value: str) -> str:
    if value.startswith('"'):
        return json.loads(value)
    if value.startswith("'"):
        return value[1:-1].replace("''", "'")
    return value


def _parse_date(value: str) -> dt.date:
    text = _unquote(value).strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}", text):
        return dt.date.fromisoformat(text[:10])
    numeric = re.fullmatch(r"(\d{2})[/-](\d{2})[/-](\d{4})", text)
    if numeric:
        day, month, year = (int(part) for part in numeric.groups())
        return dt.date(year, month, day)
    written = _WRITTEN.match(_fold(text))
    assert written, f"unreadable date {value!r}"
    date = dt.date(int(written["year"]), _MONTHS[written["month"]], int(written["day"]))
    if written["weekday"]:
        assert _WEEKDAYS[date.weekday()] == written["weekday"], f"wrong weekday in {value!r}"
    return date


def _date_format(value: str) -> str:
    text = _fold(_unquote(value))
    quoted = "quoted " if value[:1] in "\"'" else ""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return quoted + "iso"
    if re.match(r"\d{4}-\d{2}-\d{2}[t ]\d{2}:\d{2}", text):
        return "iso with time"
    if re.fullmatch(r"\d{2}/\d{2}/\d{4}", text):
        return "dd/mm/yyyy"
    if re.fullmatch(r"\d{2}-\d{2}-\d{4}", text):
        return "dd-mm-yyyy"
    written = _WRITTEN.match(text)
    assert written, f"unknown date format {value!r}"
    if written["weekday"]:
        return "weekday day month year"
    if "." in text:
        return "day abbreviated-month year"
    return "day month year"


_TITLE = {"title", "titre"}
_DATE = {"date", "publie le", "published", "publication", "date de publication"}
_AUTHORS = {"author", "authors", "auteur", "auteurs", "auteure", "par", "redige par"}
_DRAFT = {"draft", "brouillon"}


# ---------------------------------------------------------------------------
# Tests
# ---------------------------------------------------------------------------


def test_same_seed_gives_the_same_bytes() -> None:
    assert generator.generate(60, seed=7) == generator.generate(60, seed=7)


def test_another_seed_gives_other_articles() -> None:
    assert generator.generate(5, seed=1) != generator.generate(5, seed=2)


def test_article_i_does_not_depend_on_the_count() -> None:
    assert generator.generate(20)[:10] == generator.generate(10)


def test_zero_articles() -> None:
    assert generator.generate(0) == []


def test_file_names_are_unique_ascii_markdown() -> None:
    names = [name for name, _ in _articles(1500)[:1000]]
    assert len({name.casefold() for name in names}) == len(names), REPRODUCE
    for name in names:
        assert name.isascii() and name.endswith(".md") and "/" not in name and " " not in name, name


def test_body_length_is_between_300_and_3000_words() -> None:
    lengths = {name: len(_split(content)[2].split()) for name, content in _articles(1500)[:1000]}
    outside = {name: words for name, words in lengths.items() if not 300 <= words <= 3000}
    assert not outside, f"{outside} ({REPRODUCE})"
    # Lengths spread over the range, not bunched at one end.
    assert min(lengths.values()) < 500 and max(lengths.values()) > 2200


def test_front_matter_is_valid_yaml_or_toml() -> None:
    yaml = pytest.importorskip("yaml")
    for name, content in _articles(1500)[:1000]:
        fmt, front, _ = _split(content)
        if fmt == "toml":
            data = tomllib.loads(front)
        else:
            # Tabs in indentation are a mess the site tolerates, not YAML.
            data = yaml.safe_load(re.sub(r"(?m)^\t+", lambda m: "  " * len(m.group(0)), front))
        assert isinstance(data, dict), name
        title_key, title_value = _field(_fields(fmt, front), _TITLE)
        assert data[title_key] == _unquote(title_value), name


def test_dates_are_valid_and_urls_unique() -> None:
    urls: dict[tuple[dt.date, str], str] = {}
    for name, content in _articles(1500):
        fmt, front, _ = _split(content)
        fields = _fields(fmt, front)
        date_field = _field(fields, _DATE)
        if date_field:
            date = _parse_date(date_field[1])
        else:
            prefix = re.match(r"^(\d{4}-\d{2}-\d{2})-", name)
            assert prefix, f"{name}: no date key and no YYYY-MM-DD- prefix"
            date = dt.date.fromisoformat(prefix.group(1))
        assert dt.date(2018, 1, 1) <= date <= dt.date(2026, 12, 31), name
        if re.match(r"^\d{4}-\d{2}-\d{2}-", name) and date_field:
            assert name[:10] == date.isoformat(), f"{name}: prefix and date key disagree"
        title = _unquote(_field(fields, _TITLE)[1])
        key = (date, _slugify(title))
        assert key not in urls, f"{name} and {urls[key]} share the URL {key}"
        urls[key] = name
    # Stronger: titles are unique whatever the date, hyphens ignored.
    slugs = Counter(slug.replace("-", "") for _, slug in urls)
    assert max(slugs.values()) == 1


def test_the_mess_is_varied() -> None:
    articles = _articles(1500)[:200]
    date_formats, author_keys, key_styles = set(), set(), set()
    formats = Counter()
    bom = crlf = tabs = drafts = images = headings = prefixed = 0
    for name, content in articles:
        bom += content.startswith(b"\xef\xbb\xbf")
        crlf += b"\r\n" in content
        fmt, front, body = _split(content)
        formats[fmt] += 1
        tabs += "\n\t- " in front
        fields = _fields(fmt, front)
        date_field = _field(fields, _DATE)
        if date_field:
            date_formats.add(_date_format(date_field[1]))
        author_field = _field(fields, _AUTHORS)
        if author_field:
            author_keys.add(author_field[0])
        drafts += _field(fields, _DRAFT) is not None
        key_styles.update("space" if f"{key} :" in front else "tight" for key, _ in fields if fmt == "yaml")
        images += bool(re.search(r"!\s?\[[^\]]*\]\s?\(", body))
        headings += bool(re.search(r"(?m)^# ", body))
        prefixed += bool(re.match(r"\d{4}-\d{2}-\d{2}-", name))
    assert len(date_formats) >= 5, date_formats
    assert len(author_keys) >= 8, author_keys
    assert formats["toml"] >= 2 and bom >= 2 and crlf >= 2, (formats, bom, crlf)
    assert tabs >= 1
    assert key_styles == {"space", "tight"}
    assert 1 <= drafts <= 20
    assert 60 <= headings <= 140, headings
    assert images >= 60 and prefixed >= 20, (images, prefixed)


def test_spellings_vary_within_a_topic() -> None:
    text = b"\n".join(content for _, content in _articles(1500)[:300]).decode("utf-8")
    for variants in (
        ("IA", "ia"),
        ("Marketing", "marketing"),
        ("Événementiel", "evenementiel"),
        ("Amélie", "Amelie"),
        ("Helene Dupont", "Hélène Dupont"),
    ):
        for variant in variants:
            assert re.search(rf"(?<![\w-]){re.escape(variant)}(?![\w-])", text), variant
    assert "l’" in text and "l'" in text
    for broken in ("! [", "] (img/"):
        assert broken in text


def test_command_line_writes_the_same_files(tmp_path: Path) -> None:
    out = tmp_path / "docs" / "blog" / "posts"
    assert generator.main(["--count", "12", "--seed", "3", "--out", str(out)]) == 0
    written = {path.name: path.read_bytes() for path in out.iterdir()}
    assert written == dict(generator.generate(12, seed=3))
